"""Metadata for the web: each page's own description, and schema.org JSON-LD saying what it is.

An article page is the archived copy of a news article: a `NewsArticle` at the archive's URL,
`isBasedOn` the original, `archivedAt` the copies it was taken from, with its publisher, bylines,
date (at the precision known), the actors it concerns, the leaks it is about, and each quotation
(`Quotation`, at its anchor) with its speaker (`spokenByCharacter`). An actor is a `Person` or an
organisation (`NewsMediaOrganization`, `GovernmentOrganization`), with its names in other scripts
as language-tagged `alternateName`s and `sameAs` its Wikidata item. A leak is the leaked work, and
a `ClaimReview` of the claim that it is genuine, rating it on the verification vocabulary.

Pure functions of the archive's data: `url(path, anchor)` gives each page's address (absolute when
the site's URL is known, see `urls.Links.absolute`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from .. import urls
from ..engine.link import LeakReport, LinkedArticle
from ..model import Actor, Leak, Source

Url = Callable[..., str]  # url(page_path, anchor="") -> the page's address

DESCRIPTION_LENGTH = 200
"""Longest description in characters: what search engines and link previews show, about."""

ACTOR_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "NewsMediaOrganization",
    "state-body": "GovernmentOrganization",
}
LEAK_TYPES = {"audio": "AudioObject", "video": "VideoObject", "database": "Dataset"}
"""schema.org types of leaked items; any other kind is a `CreativeWork` of that genre."""

STATUS_RATINGS = {"fabricated": 1, "disputed": 2, "unverified": 3, "corroborated": 4, "confirmed": 5}
"""The verification vocabulary as a ClaimReview rating of the claim "this leak is genuine", from
1 (shown false) to 5 (shown true); unverified, neither, sits in the middle. Each rating carries
its word (`alternateName`), which is what a reader sees."""
WORST, BEST = 1, 5

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`#>]+")


def plain_text(markdown: str | None) -> str:
    """A contributor's Markdown as one line of plain text: links reduced to their words, marks
    and line breaks dropped. For descriptions, never shown as HTML (templates escape it)."""
    if not markdown:
        return ""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())


def description(*parts: str | None) -> str:
    """The first non-empty part, as plain text cut at a word to DESCRIPTION_LENGTH."""
    text = next((plain_text(part) for part in parts if plain_text(part)), "")
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def wikidata_url(item: str) -> str:
    """The Wikidata page of an item ('Q42')."""
    return f"https://www.wikidata.org/wiki/{item}"


def actor_reference(actor: Actor, url: Url) -> dict:
    """A short node naming an actor, for other pages' JSON-LD."""
    node = {
        "@type": ACTOR_TYPES[actor.kind],
        "@id": url(urls.page_path("actor", actor.id)),
        "name": actor.name,
    }
    if actor.wikidata:
        node["sameAs"] = wikidata_url(actor.wikidata)
    return node


def actor_json_ld(actor: Actor, actors: Mapping[str, Actor], url: Url) -> dict:
    """An actor's page: who they are, under every name, and where else they are described."""
    node = {"@context": "https://schema.org", **actor_reference(actor, url)}
    node["url"] = node["@id"]
    names: list[dict[str, str] | str] = [
        {"@value": name, "@language": language} for language, name in sorted(actor.names.items())
    ]
    names += actor.aliases
    if names:
        node["alternateName"] = names
    if actor.description:
        node["description"] = plain_text(actor.description)
    same = ([wikidata_url(actor.wikidata)] if actor.wikidata else []) + list(actor.links)
    if same:
        node["sameAs"] = same
    parent = actors.get(actor.affiliation or "")
    if parent is not None:
        key = "affiliation" if actor.kind == "person" else "parentOrganization"
        node[key] = actor_reference(parent, url)
    return node


def article_json_ld(
    article: LinkedArticle, actors: Mapping[str, Actor], leaks: Mapping[str, Leak], url: Url, site: dict
) -> dict:
    """An article's page: the archived copy of a news article, with its quotations."""
    model = article.entry.model
    source = model.source
    page = urls.page_path("article", article.id)

    def actor(actor_id: str) -> dict:
        found = actors.get(actor_id)
        return actor_reference(found, url) if found else {"name": actor_id}

    node: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url(page),
        "url": url(page),
        "headline": model.title,
        "inLanguage": model.language,
        "datePublished": str(model.date),
        "publisher": actor(source.publisher),
        "isPartOf": site,
    }
    node.update(_source_fields(source, actor))
    if model.summary:
        node["abstract"] = plain_text(model.summary)
    if article.actors:
        node["mentions"] = [actor(actor_id) for actor_id in article.actors]
    about = [leaks[ref.leak] for ref in model.leaks if ref.leak in leaks]
    if about:
        node["about"] = [_leak_reference(leak, url) for leak in about]
    if article.quotes:
        node["hasPart"] = [
            _quotation(quote.text, url(page, quote.anchor), model.language, actor(quote.speaker))
            for quote in article.quotes
        ]
    return node


def _quotation(text: str, address: str, language: str, speaker: dict) -> dict:
    """A quotation of an article, at its anchor, with the reference of its speaker."""
    return {
        "@type": "Quotation",
        "@id": address,
        "text": text,
        "inLanguage": language,
        "spokenByCharacter": speaker,
    }


def _source_fields(source: Source, actor: Callable[[str], dict]) -> dict:
    """What an article's `source` says of the original: its bylines, address, and the copies
    it was archived from (`actor` gives an actor's reference)."""
    fields: dict = {}
    if source.authors:
        fields["author"] = [{"@type": "Person", "name": author} for author in source.authors]
    if source.url:
        fields["isBasedOn"] = source.url
    copies = [source.archived_url] if source.archived_url else []
    if source.via:
        copies.append(source.via.url)
        fields["provider"] = actor(source.via.publisher)
    if copies:
        fields["archivedAt"] = copies
    return fields


def _leak_reference(leak: Leak, url: Url) -> dict:
    return {
        "@type": LEAK_TYPES.get(leak.kind, "CreativeWork"),
        "@id": url(urls.page_path("leak", leak.id)),
        "name": leak.title,
    }


def leak_json_ld(
    leak: Leak,
    reports: Iterable[LeakReport],
    articles: Mapping[str, LinkedArticle],
    actors: Mapping[str, Actor],
    url: Url,
    site: dict,
) -> dict:
    """A leak's page: the leaked item, and the archive's review of the claim that it is genuine."""
    item = _leaked_item(leak, actors, url)
    claim: dict = {"@type": "Claim", "about": {"@id": item["@id"]}}
    appearances = [
        {
            "@type": "NewsArticle",
            "@id": url(urls.page_path("article", r.article)),
            "headline": articles[r.article].entry.model.title,
        }
        for r in reports
        if r.article in articles
    ]
    if appearances:
        claim["appearance"] = appearances
        claim["firstAppearance"] = appearances[0]  # reports come oldest first
    return {"@context": "https://schema.org", "@graph": [item, _review(leak, claim, url, site)]}


def _leaked_item(leak: Leak, actors: Mapping[str, Actor], url: Url) -> dict:
    """The leaked work itself, with the actors it concerns."""
    item: dict = {**_leak_reference(leak, url), "url": url(urls.page_path("leak", leak.id))}
    if leak.kind not in LEAK_TYPES:
        item["genre"] = leak.kind.replace("-", " ")
    if leak.summary:
        item["description"] = plain_text(leak.summary)
    if leak.date:
        item["dateCreated"] = str(leak.date)
    concerned = [actors[a] for a in leak.actors if a in actors]
    if concerned:
        item["about"] = [actor_reference(actor, url) for actor in concerned]
    return item


def _review(leak: Leak, claim: dict, url: Url, site: dict) -> dict:
    """The archive's review of `claim` (the leak is genuine), rated by the leak's status, dated by
    its last change."""
    page = urls.page_path("leak", leak.id)
    last = leak.status_history[-1] if leak.status_history else None
    review: dict = {
        "@type": "ClaimReview",
        "@id": url(page, "status-history"),
        "url": url(page),
        "claimReviewed": f"“{leak.title}” is a genuine leaked {leak.kind.replace('-', ' ')}.",
        "itemReviewed": claim,
        "author": {"@type": "Organization", "name": site["name"], "url": site["@id"]},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": STATUS_RATINGS[leak.status],
            "worstRating": WORST,
            "bestRating": BEST,
            "alternateName": leak.status.capitalize(),
        },
    }
    if last is not None:
        review["datePublished"] = str(last.date)
        if last.note:
            review["reviewBody"] = plain_text(last.note)
    return review


def site_node(name: str, url: Url) -> dict:
    """The archive itself, as the work each page is part of and the author of its reviews."""
    return {"@type": "WebSite", "@id": url(urls.HOME), "name": name}
