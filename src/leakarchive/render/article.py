"""The article page: a compact head, the text with each quote's and note's card after its
paragraph, its citations, then the source panel and the lists of leaks, quotes, notes and actors."""

from __future__ import annotations

from dataclasses import replace

from .. import urls
from ..engine.link import LinkedArticle, PlacedAnnotation, PlacedQuote
from ..prose import prose_html, resolve_id_links
from . import citation, metadata
from .article_text import text_html
from .pages import Page, PageMaker
from .sidenotes import Cards, with_cards


def article_page(maker: PageMaker, article: LinkedArticle) -> Page:
    """An article's page (article.md.j2), with its schema.org description for search engines."""
    model = article.entry.model
    path = urls.page_path("article", article.id)
    context = maker.context(path)
    text = text_html(article, context["actor_link"], maker.actor_names)  # type: ignore[arg-type]  # context: a dict of object
    json_ld = metadata.article_json_ld(
        article, maker.actor_models, maker.leak_models, maker.address(path), maker.site_node(path)
    )
    publisher = maker.actor_names.get(model.source.publisher, model.source.publisher)
    about = metadata.description(
        model.summary, f"{model.title}: {publisher}, {model.date.human()}, archived verbatim with its quotes."
    )
    names = maker.actor_names
    passages = tuple(
        (q.anchor, f"Quote {q.number}, {names.get(q.speaker, q.speaker)}", q.text) for q in article.quotes
    ) + tuple((n.anchor, f"Note {n.number}", n.text) for n in article.annotations)
    cards = Cards(
        actor_link=context["actor_link"],  # type: ignore[arg-type]  # context: a dict of object
        leak_link=context["leak_link"],  # type: ignore[arg-type]  # context: a dict of object
        actor_name=context["actor_name"],  # type: ignore[arg-type]  # context: a dict of object
        leak=lambda leak_id: maker.graph.leaks[leak_id].model,
        status_badge=maker.status_badge(path),
        prose=lambda text: prose_html(resolve_id_links(text, context["entry_href"]) if text else text),  # type: ignore[arg-type]  # context: a dict of object
    )
    page = maker.page(
        "article.md.j2",
        path,
        model.title,
        article.entry.record.path,
        meta={"hide": ["navigation"]},  # the room the margin notes need beside the text
        description=about,
        og_type="article",
        article=article,
        model=model,
        text=with_cards(text, article, cards),
        json_ld=json_ld,
        actors_by_name=maker.by_name(article.actors),
        annotations_url=maker.options.links.link(path, urls.annotations_path(article.id)),
        data_page_url=maker.options.links.link(path, urls.DATA_PAGE),
        **citations(maker, article, path),
    )
    return replace(page, passages=passages)


def citations(maker: PageMaker, article: LinkedArticle, path: str) -> dict[str, object]:
    """The article's citation and each quote's and note's, in their three formats."""
    links, site_url = maker.options.links, maker.options.site_url

    def archive_url(anchor: str) -> str:
        return links.absolute(site_url, path, anchor)

    base = citation.article_citation(article, maker.actor_names, archive_url)
    placed: list[PlacedQuote | PlacedAnnotation] = [*article.quotes, *article.annotations]
    passages = {
        item.anchor: maker.citation_formats(
            citation.passage_citation(base, item, maker.actor_names, archive_url), path
        )
        for item in placed
    }
    return {
        "citation": maker.citation_formats(base, path),
        "citation_plain": citation.plain_text(base),
        "passage_citations": passages,
    }
