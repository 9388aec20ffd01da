"""The article page: source panel, badges, leaks, actors, quotes, and the highlighted text."""

from __future__ import annotations

from .. import urls
from ..engine.link import LinkedArticle
from .article_text import text_html
from .pages import Page, PageMaker


def article_page(maker: PageMaker, article: LinkedArticle) -> Page:
    """An article's page (article.md.j2), with its schema.org description for search engines."""
    model = article.entry.model
    path = urls.page_path("article", article.id)
    context = maker.context(path)
    text = text_html(article, context["actor_link"], maker.actor_names)  # type: ignore[arg-type]  # context: a dict of object
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": model.title,
        "datePublished": str(model.date),
        "inLanguage": model.language,
        "publisher": {"@type": "Organization", "name": context["actor_name"](model.source.publisher)},  # type: ignore[operator]  # context: a dict of object
    }
    if model.source.url:
        json_ld["url"] = model.source.url
    return maker.page(
        "article.md.j2",
        path,
        model.title,
        article.entry.record.path,
        article=article,
        model=model,
        text=text,
        json_ld=json_ld,
    )
