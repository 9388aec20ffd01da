"""Metadata for the web, on a real build of this repository's archive: canonical links and the
sitemap under the deployment's `site_url`, each page's own description, OpenGraph and Twitter
card tags, and schema.org JSON-LD read by a JSON-LD processor (pyld) and checked against
schema.org's vocabulary (rdflib's list of its terms)."""

from __future__ import annotations

import json
import re
import warnings
from html import unescape

import pytest
from pyld import jsonld
from sitebuild import REAL_ARCHIVE, build_site, read_archive

from leakarchive import urls
from leakarchive.render.metadata import STATUS_RATINGS


def _schema_terms() -> frozenset[str]:
    """Every type and property schema.org defines (rdflib's list of its vocabulary)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns on any name it does not define
        from rdflib.namespace import SDO

        return frozenset(SDO.__annotations__)


SITE_URL = "https://example.org/leak-archive/"
SCHEMA = "https://schema.org/"
SCHEMA_TERMS = _schema_terms()
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def schema_context(url, options=None):
    """The schema.org context, offline: every term in schema.org's vocabulary."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("metadata"), REAL_ARCHIVE, {"site_url": SITE_URL})


@pytest.fixture(scope="module")
def archive():
    return read_archive(REAL_ARCHIVE)


def page_html(site, kind: urls.PageKind, entity: str) -> str:
    return (site.site / urls.Links().url(urls.page_path(kind, entity)) / "index.html").read_text("utf-8")


def meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def json_ld(html: str) -> dict:
    (data,) = JSON_LD.findall(html)
    return json.loads(data)


def expanded(site, kind: urls.PageKind, entity: str) -> list[dict]:
    """The page's JSON-LD as a JSON-LD processor expands it: full IRIs, values as lists."""
    return jsonld.expand(json_ld(page_html(site, kind, entity)), {"documentLoader": schema_context})


def triples(document: dict, base: str) -> list[dict]:
    """The RDF a JSON-LD processor reads from `document`; it raises on invalid JSON-LD."""
    dataset = jsonld.to_rdf(document, {"documentLoader": schema_context, "base": base})
    return [triple for graph in dataset.values() for triple in graph]


def entities(archive):
    for kind, records in (("article", archive.articles), ("actor", archive.actors), ("leak", archive.leaks)):
        for entity in records:
            yield kind, entity


def test_each_page_has_a_canonical_link_its_own_description_and_a_preview(hosted, archive):
    descriptions = {}
    for kind, entity in entities(archive):
        html = page_html(hosted, kind, entity)
        url = SITE_URL + urls.Links().url(urls.page_path(kind, entity))
        assert f'<link rel="canonical" href="{url}">' in html
        assert meta(html, "property", "og:url") == url
        description = meta(html, "name", "description")
        assert description and description == meta(html, "property", "og:description")
        assert description == meta(html, "name", "twitter:description")
        descriptions[(kind, entity)] = description
        title = meta(html, "property", "og:title")
        assert title and title == meta(html, "name", "twitter:title")
        assert meta(html, "property", "og:type") == ("article" if kind == "article" else "website")
        assert meta(html, "name", "twitter:card") == "summary"
    assert len(set(descriptions.values())) == len(descriptions), "pages share a description"
    site_description = meta((hosted.site / "index.html").read_text("utf-8"), "name", "description")
    assert site_description not in descriptions.values()
    # An actor's description is its own words, cut to a preview's length.
    irgc = descriptions[("actor", "irgc")]
    assert irgc.startswith("Iran's ideological armed force") and len(irgc) <= 200


def test_the_sitemap_lists_every_page_at_its_address(hosted, archive):
    sitemap = (hosted.site / "sitemap.xml").read_text("utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for kind, entity in entities(archive):
        assert SITE_URL + urls.Links().url(urls.page_path(kind, entity)) in listed
    assert SITE_URL in listed and all(url.startswith(SITE_URL) for url in listed)


def test_json_ld_is_valid_and_uses_only_schema_org_terms(hosted, archive):
    for kind, entity in entities(archive):
        url = SITE_URL + urls.Links().url(urls.page_path(kind, entity))
        found = triples(json_ld(page_html(hosted, kind, entity)), url)
        assert found, (kind, entity)
        for triple in found:
            predicate = triple["predicate"]["value"]
            if predicate == RDF_TYPE:
                predicate = triple["object"]["value"]
            assert predicate.startswith(SCHEMA) and predicate[len(SCHEMA) :] in SCHEMA_TERMS, (
                entity,
                predicate,
            )
            for part in ("subject", "object"):
                if triple[part]["type"] == "IRI":  # every address absolute, under the site's
                    assert triple[part]["value"].startswith(("https://", "http://")), triple


def test_an_article_is_the_archived_copy_of_its_original_with_its_quotations(hosted, archive):
    article_id, data = next(iter(archive.articles.items()))
    url = SITE_URL + urls.Links().url(urls.page_path("article", article_id))
    html = page_html(hosted, "article", article_id)
    (node,) = jsonld.expand(json_ld(html), {"documentLoader": schema_context})

    def values(key: str) -> list:
        return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + key, [])]

    assert node["@id"] == url and node["@type"] == [SCHEMA + "NewsArticle"]
    assert values("isBasedOn") == [data["source"]["url"]]
    assert values("headline") == [data["title"]] and values("datePublished") == [str(data["date"])]
    source = data["source"]
    copies = [source["archived_url"]] if "archived_url" in source else []
    copies += [source["via"]["url"]] if "via" in source else []
    assert copies and values("archivedAt") == copies
    authors = [a[SCHEMA + "name"][0]["@value"] for a in node.get(SCHEMA + "author", [])]
    assert authors == source.get("authors", [])
    publisher = node[SCHEMA + "publisher"][0]
    assert publisher["@id"] == SITE_URL + f"actors/{data['source']['publisher']}/"
    quotations = node[SCHEMA + "hasPart"]
    assert len(quotations) == len(data["quotes"])
    for quotation, quote in zip(quotations, data["quotes"], strict=True):
        assert quotation["@type"] == [SCHEMA + "Quotation"]
        anchor = quotation["@id"].removeprefix(url + "#")  # the quote's highlight in the text
        assert re.search(rf'<mark [^>]*id="{re.escape(anchor)}"', html), anchor
        assert quotation[SCHEMA + "text"][0]["@value"] == quote["text"]
        speaker = quotation[SCHEMA + "spokenByCharacter"][0]
        assert speaker["@id"] == SITE_URL + f"actors/{quote['speaker']}/"


def test_people_and_organisations_with_their_names_and_wikidata(hosted, archive):
    for actor_id, data in archive.actors.items():
        (node,) = jsonld.expand(
            json_ld(page_html(hosted, "actor", actor_id)), {"documentLoader": schema_context}
        )
        expected = {
            "person": "Person",
            "organization": "Organization",
            "outlet": "NewsMediaOrganization",
            "state-body": "GovernmentOrganization",
        }[data["kind"]]
        assert node["@type"] == [SCHEMA + expected]
        names = {(v["@value"], v.get("@language")) for v in node.get(SCHEMA + "alternateName", [])}
        assert {(name, language) for language, name in data.get("names", {}).items()} <= names
        assert {(alias, None) for alias in data.get("aliases", [])} <= names
        same = {v.get("@value") for v in node.get(SCHEMA + "sameAs", [])}
        if data.get("wikidata"):
            assert f"https://www.wikidata.org/wiki/{data['wikidata']}" in same
    khamenei = jsonld.expand(
        json_ld(page_html(hosted, "actor", "ali-khamenei")), {"documentLoader": schema_context}
    )
    assert {"@value": "سید علی خامنه\u200cای", "@language": "fa"} in khamenei[0][SCHEMA + "alternateName"]


def test_a_leak_is_reviewed_with_its_status_as_a_rating(hosted, archive):
    for leak_id, data in archive.leaks.items():
        url = SITE_URL + f"leaks/{leak_id}/"
        graph = jsonld.expand(json_ld(page_html(hosted, "leak", leak_id)), {"documentLoader": schema_context})
        nodes = {node["@type"][0][len(SCHEMA) :]: node for node in graph}
        review = nodes["ClaimReview"]
        item = next(node for node in graph if node["@id"] == url)
        rating = review[SCHEMA + "reviewRating"][0]
        assert rating[SCHEMA + "ratingValue"][0]["@value"] == STATUS_RATINGS[data["status"]]
        assert rating[SCHEMA + "alternateName"][0]["@value"] == data["status"].capitalize()
        assert (
            rating[SCHEMA + "worstRating"][0]["@value"] == 1
            and rating[SCHEMA + "bestRating"][0]["@value"] == 5
        )
        claim = review[SCHEMA + "itemReviewed"][0]
        assert claim["@type"] == [SCHEMA + "Claim"] and claim[SCHEMA + "about"][0]["@id"] == item["@id"]
        history = data.get("status_history") or []
        if history:
            assert review[SCHEMA + "datePublished"][0]["@value"] == str(history[-1]["date"])


def test_without_a_site_url_pages_have_no_canonical_link_and_relative_addresses(small_site):
    html = (small_site.site / "actors" / "jane-roe" / "index.html").read_text("utf-8")
    assert 'rel="canonical"' not in html and meta(html, "property", "og:url") is None
    ld = json_ld(html)
    assert ld["@id"] == "../../actors/jane-roe/"  # resolved against the page by any processor
    base = "https://anywhere.example/site/actors/jane-roe/"
    assert {t["subject"]["value"] for t in triples(ld, base)} >= {base}
