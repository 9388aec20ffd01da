"""The article page: source panel, badges, leaks, actors, quotes, and the highlighted text."""

from __future__ import annotations

from dataclasses import replace

from .. import urls
from ..engine.link import LinkedArticle
from . import metadata
from .article_text import text_html
from .pages import Page, PageMaker


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
    page = maker.page(
        "article.md.j2",
        path,
        model.title,
        article.entry.record.path,
        description=about,
        og_type="article",
        article=article,
        model=model,
        text=text,
        json_ld=json_ld,
    )
    return replace(page, passages=passages)
