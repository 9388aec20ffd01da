"""Ready citations of an article, of a quote or note in it, and of a leak: plain text, BibTeX
(biblatex's @online) and CSL-JSON (what Zotero, Pandoc and citeproc read).

Each says where the archive keeps the words (its URL, with the passage's anchor), where they were
first published, when (published, and when the archive took its copy) and the checksum of the
archived text. The date a reader accessed the page cannot be known when the site is built: the
page's script adds it (`urldate`, `accessed`, "Accessed ...") when the reader opens a citation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from markupsafe import Markup, escape

from ..engine.link import LinkedArticle, PlacedAnnotation, PlacedQuote
from ..model import Leak, PartialDate
from ..prose import no_blank_lines

ARCHIVE_NAME = "Leak Archive"

CitedKind = Literal["article", "quote", "note", "leak"]


@dataclass(frozen=True)
class Citation:
    """What a citation says about one thing the archive holds."""

    key: str  # the BibTeX key and CSL id: unique in the whole archive
    kind: CitedKind
    title: str  # the article's (or leak's) title
    archive_url: str  # the archive's page, with the passage's anchor for a quote or a note
    container: str | None = None  # the publisher, for an article
    authors: tuple[str, ...] = ()  # bylines as printed
    issued: PartialDate | None = None  # published (an article), or leaked (a leak)
    original_url: str | None = None
    archived: PartialDate | None = None  # when the archive took its copy of the text
    sha256: str | None = None  # of the archived text
    language: str | None = None
    passage: str | None = None  # the quoted words, or the passage a note is on
    speaker: str | None = None  # who said the quoted words


def _what(citation: Citation) -> str:
    """The passage cited, in words: 'Abbas Milani, quoted: “...”', or ''."""
    if not citation.passage:
        return ""
    if citation.kind == "quote":
        who = f"{citation.speaker}, quoted" if citation.speaker else "Quoted"
        return f"{who}: “{citation.passage}”"
    return f"Passage: “{citation.passage}”"


def _archive_note(citation: Citation) -> str:
    """Where the archive keeps the text, since when, and its checksum."""
    parts = []
    if citation.original_url and citation.kind != "leak":
        parts.append(f"Originally published at {citation.original_url}.")
    retrieved = f", copy retrieved {citation.archived}" if citation.archived else ""
    parts.append(f"Archived by {ARCHIVE_NAME}{retrieved}.")
    if citation.sha256:
        parts.append(f"Text SHA-256: {citation.sha256}.")
    return " ".join(parts)


def plain_text(citation: Citation) -> str:
    """A citation to paste into a text, in the order of most styles: who, what, where, when."""
    head = []
    if citation.authors:
        head.append(_and(citation.authors) + ".")
    head.append(f"“{citation.title}.”")
    where = [citation.container] if citation.container else []
    if citation.issued:
        where.append(citation.issued.human())
    if where:
        head.append(", ".join(where) + ".")
    if citation.original_url and citation.kind != "leak":
        head.append(citation.original_url + ".")
    what = _what(citation)
    if what:
        head.append(what + ".")
    retrieved = f" (copy retrieved {citation.archived.human()})" if citation.archived else ""
    head.append(f"{ARCHIVE_NAME}{retrieved}: {citation.archive_url}.")
    if citation.sha256:
        head.append(f"Text SHA-256 {citation.sha256}.")
    return " ".join(head)


def _and(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


_BIBTEX_SPECIAL_RE = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))


def bibtex_text(text: str) -> str:
    """`text` safe inside a BibTeX field: every character TeX treats specially is escaped, so
    braces always balance and nothing a contributor wrote runs as a TeX command."""
    return _BIBTEX_SPECIAL_RE.sub(lambda match: _BIBTEX_SPECIAL[match.group()], " ".join(text.split()))


def _bibtex_url(url: str) -> str:
    """A URL as a BibTeX field value: characters that would unbalance braces percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace("%", "\\%")


def bibtex(citation: Citation) -> str:
    """A biblatex @online entry (BibTeX reads it too: it ignores the fields it does not know)."""
    fields: list[tuple[str, str]] = []
    if citation.authors:
        # Each byline in braces: printed names are kept as they are, never split wrongly.
        fields.append(("author", " and ".join("{" + bibtex_text(a) + "}" for a in citation.authors)))
    title = citation.title if citation.kind in ("article", "leak") else f"{citation.title}: {_what(citation)}"
    fields.append(("title", "{" + bibtex_text(title) + "}"))
    fields.append(("organization", bibtex_text(citation.container or ARCHIVE_NAME)))
    if citation.issued:
        fields.append(("date", str(citation.issued)))
        fields.append(("year", str(citation.issued.year)))
    fields.append(("url", _bibtex_url(citation.archive_url)))
    fields.append(("note", bibtex_text(_archive_note(citation))))
    if citation.language:
        fields.append(("langid", bibtex_text(citation.language)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{citation.key},\n{body}\n}}"


def _date_parts(value: PartialDate) -> dict:
    parts = [value.year] + [part for part in (value.month, value.day) if part is not None]
    return {"date-parts": [parts]}


def csl_json(citation: Citation) -> dict:
    """A CSL-JSON item (one element of the array a CSL-JSON file holds)."""
    item: dict[str, object] = {
        "id": citation.key,
        "type": "article-newspaper" if citation.kind != "leak" else "document",
        "title": citation.title,
        "URL": citation.archive_url,
        "archive": ARCHIVE_NAME,
        "note": " ".join(filter(None, [_what(citation), _archive_note(citation)])),
    }
    if citation.container:
        item["container-title"] = citation.container
    else:
        item["publisher"] = ARCHIVE_NAME
    if citation.authors:
        item["author"] = [{"literal": name} for name in citation.authors]
    if citation.issued:
        item["issued"] = _date_parts(citation.issued)
    if citation.archived:  # when the archive's copy was taken: it became available there
        item["available-date"] = _date_parts(citation.archived)
    if citation.language:
        item["language"] = citation.language
    return item


def csl_json_text(citation: Citation) -> str:
    """The CSL-JSON file of one citation: an array of one item, on one line to read whole."""
    return "[\n  " + json.dumps(csl_json(citation), ensure_ascii=False, sort_keys=True) + "\n]"


# --- citations of the archive's pages ---------------------------------------------------------


@dataclass(frozen=True)
class Formats:
    """One citation in its three formats, as a page shows them."""

    plain: str
    bibtex: str
    csl_json: str
    relative_url: str | None  # the archive URL when the build knew no site address
    root: str  # the climb from the page to the site root, for the script to complete it

    def html(self, what: str) -> Markup:
        """The three formats, each in a <pre> the page's script completes and copies. Left out of
        both search indexes: they repeat the page's title and addresses."""
        attributes = ""
        if self.relative_url is not None:
            attributes = (
                f' data-la-path="{escape(self.relative_url)}" data-la-root="{escape(self.root or "./")}"'
            )
        blocks = [
            f'<p class="la-cite-label">{label}</p><pre class="la-cite-text" data-format="{name}" '
            f'aria-label="citation of {escape(what)}, {label}"{attributes}>'
            f"{no_blank_lines(str(escape(text)))}</pre>"
            for name, label, text in (
                ("plain", "Plain text", self.plain),
                ("bibtex", "BibTeX", self.bibtex),
                ("csl-json", "CSL-JSON", self.csl_json),
            )
        ]
        return Markup(
            '<div class="la-cite-formats" data-search-exclude data-pagefind-ignore>'
            + "".join(blocks)
            + "</div>"
        )


def formats(citation: Citation, *, relative: bool, root: str) -> Formats:
    """`citation` in plain text, BibTeX and CSL-JSON."""
    return Formats(
        plain_text(citation),
        bibtex(citation),
        csl_json_text(citation),
        citation.archive_url if relative else None,
        root,
    )


def article_citation(
    article: LinkedArticle, names: Mapping[str, str], archive_url: Callable[[str], str]
) -> Citation:
    """The citation of an article; `archive_url(anchor)` gives the address of its page."""
    model = article.entry.model
    source = model.source
    return Citation(
        key=f"leakarchive-{article.id}",
        kind="article",
        title=model.title,
        archive_url=archive_url(""),
        container=names.get(source.publisher, source.publisher),
        authors=tuple(source.authors),
        issued=model.date,
        original_url=source.url,
        archived=source.via.retrieved if source.via else None,
        sha256=model.text_sha256,
        language=model.language,
    )


def passage_citation(
    base: Citation, item: PlacedQuote | PlacedAnnotation, names: Mapping[str, str], archive_url
) -> Citation:
    """The citation of a quote or note: the article's, pointing at the passage."""
    speaker = getattr(item, "speaker", None)
    return replace(
        base,
        key=f"{base.key}-{item.anchor}",
        kind="quote" if speaker else "note",
        archive_url=archive_url(item.anchor),
        passage=" ".join(item.text.split()),
        speaker=names.get(speaker, speaker) if speaker else None,
    )


def leak_citation(leak: Leak, archive_url: str) -> Citation:
    """The citation of a leak's page in the archive."""
    return Citation(
        key=f"leakarchive-leak-{leak.id}",
        kind="leak",
        title=leak.title,
        archive_url=archive_url,
        issued=leak.date.known() if leak.date else None,  # a range is cited by its known part
    )
