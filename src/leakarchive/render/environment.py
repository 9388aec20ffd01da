"""The templates' environment: Jinja2 with autoescape, its filters, and each page's front matter.

Everything a contributor wrote is placed inside HTML blocks, escaped by Jinja2's autoescape or,
for the few fields written in Markdown, rendered and cleaned by `prose.prose_html`.
Python-Markdown never sees contributor text as Markdown, so raw HTML, `javascript:` links and
`{: onclick=...}` attribute lists in it stay inert text. Only fixed section headings are
Markdown, for the table of contents.
"""

from __future__ import annotations

import json
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..model import RTL_LANGUAGES, VERIFICATION_STATUSES, language_name
from ..prose import no_blank_lines, prose_html, resolve_id_links
from . import words

ACTOR_KIND_NAMES = {
    "person": "People",
    "organization": "Organisations",
    "outlet": "Outlets",
    "state-body": "State bodies",
}
ACTOR_KIND_NAME = {
    "person": "Person",
    "organization": "Organisation",
    "outlet": "Outlet",
    "state-body": "State body",
}


@cache
def environment() -> Environment:
    """The Jinja2 environment, made once per process: `mkdocs serve` renders again and again,
    and compiling the templates each time would cost more than some rebuilds."""
    env = Environment(
        loader=PackageLoader("leakarchive.render", "templates"),
        autoescape=True,  # every {{ value }} is escaped unless marked safe on purpose
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["prose"] = _prose_on_page
    env.filters["json_script"] = json_for_script
    env.filters["direction"] = text_direction
    env.filters["plural"] = words.plural
    env.filters["and_join"] = words.and_join
    env.filters["language_name"] = language_name
    env.globals.update(
        statuses=VERIFICATION_STATUSES,
        status_meanings=words.STATUS_MEANINGS,
        kind_names=ACTOR_KIND_NAMES,
        kind_name=ACTOR_KIND_NAME,
    )
    return env


@pass_context
def _prose_on_page(context, text: str | None) -> Markup:
    """The `prose` filter: a contributor's Markdown as clean HTML, its id links
    (`[name](actor:ID)`) made links to those pages from the page being rendered."""
    return prose_html(resolve_id_links(text, context["entry_href"]) if text else text)


def _finalize(value: object) -> object:
    """Jinja's hook on every {{ value }}: contributor text keeps no blank line (see
    `prose.no_blank_lines`)."""
    if isinstance(value, str) and not isinstance(value, Markup) and "\n" in value:
        return Markup(no_blank_lines(str(escape(value))))
    return value


def text_direction(language: str) -> str:
    """'rtl' for a language written right to left (fa, ar, ...), else 'ltr'."""
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def json_for_script(value: object) -> Markup:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def front_matter(title: str, **extra: object) -> str:
    """The page's own YAML header for MkDocs. The title is HTML-escaped because Material prints
    `page.meta.title` unescaped into <title>, the header and the navigation."""
    meta = {"title": str(escape(title)), **extra}
    # JSON strings are YAML double-quoted scalars: a safe, fast way to write any text as YAML.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in sorted(meta.items())]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
