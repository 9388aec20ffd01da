"""Open data: the archive as CSV tables, their Frictionless Data Package descriptor, and the
JSON Schema of `archive.json`.

Every table is one kind of thing (articles, actors, leaks, quotes, notes) or one kind of link
between them (an article's actors, leaks, tags and authors; a leak's actors and status history),
one row per fact, so that spreadsheets, R, pandas or a database read them without parsing lists
out of cells. `datapackage.json` says what each column means, its type and the keys between
tables (Frictionless Data Package v1, checked by the `frictionless` library in the tests).

The article texts are not in the tables: they belong to their publishers (see the Data page);
`archive.json` keeps them for research, with their checksums.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from pydantic.json_schema import models_json_schema

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle
from ..model import RTL_LANGUAGES, VERIFICATION_STATUSES, Actor, Article, Leak
from ..urls import Links

SCHEMA_VERSION = 2
"""Version of the JSON written to data/archive.json; bump it when its shape changes. The tables
and the Data Package carry the same number. 2: `previous_ids` on articles, actors and leaks."""

DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
SPAN_PATTERN = rf"(?:(?:before|after) )?{DATE_PATTERN}(?:/{DATE_PATTERN})?"
PRECISIONS = ["year", "month", "day", "range", "before", "after"]  # the last three: a leak's date


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, Table Schema type, meaning and constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None

    def field(self) -> dict:
        """The column as a Table Schema field descriptor."""
        descriptor: dict = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


GraphRows = Callable[[ArchiveGraph, Links], Iterable[tuple]]
"""The rows of a table, from the whole graph."""
ArticleRows = Callable[[str, LinkedArticle, Links], Iterable[tuple]]
"""The rows one article gives a table (by its id and linked article)."""
EncodedRows = dict[str, tuple[str, int]]
"""One article's rows of each per-article table, as CSV lines, and their number, by table name."""


@dataclass(frozen=True)
class Table:
    """A CSV table: what one row is, its columns, keys, and a function giving its rows: from the
    whole graph, or from each article (articles in id order), which a preview can encode again
    for an edited article alone (see site/incremental.py)."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (column, other table, its column)
    rows: GraphRows | None = None
    article_rows: ArticleRows | None = None

    def __post_init__(self) -> None:
        if (self.rows is None) == (self.article_rows is None):
            raise ValueError(f"table {self.name}: expected rows or article_rows, one of them")

    def schema(self) -> dict:
        """The table's Table Schema."""
        schema: dict = {
            "fields": [column.field() for column in self.columns],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": other, "fields": key}}
                for column, other, key in self.foreign_keys
            ]
        return schema


def _id(description: str) -> Column:
    return Column("id", "string", description, required=True, pattern=urls_slug())


def urls_slug() -> str:
    """The pattern of an id (see model.Slug)."""
    return "[a-z0-9]+(-[a-z0-9]+)*"


def _ref(name: str, description: str, required: bool = True) -> Column:
    return Column(name, "string", description, required=required)


def _date(name: str, description: str, required: bool = False, span: bool = False) -> tuple[Column, Column]:
    form = " or a range A/B, or a bound 'before A' or 'after A'" if span else ""
    return (
        Column(name, "string", description + f" (YYYY, YYYY-MM or YYYY-MM-DD: as precise as known{form})",
               required=required, pattern=SPAN_PATTERN if span else DATE_PATTERN),
        Column(f"{name}_precision", "string", f"How much of {name} is known", enum=tuple(PRECISIONS)),
    )  # fmt: skip


def _page(links: Links, kind: urls.PageKind, entity_id: str) -> str:
    return links.url(urls.page_path(kind, entity_id))


def _when(value) -> tuple[str, str]:
    return (str(value), value.precision) if value is not None else ("", "")


STATUS = Column("status", "string", "Verification status (see the methodology page)", True,
                VERIFICATION_STATUSES)  # fmt: skip


# --- rows -----------------------------------------------------------------------------------


def _articles(article_id: str, article: LinkedArticle, links: Links) -> Iterable[tuple]:
    m: Article = article.entry.model
    via = m.source.via
    yield (
            article_id, m.title, *_when(m.date), m.language,
            "rtl" if m.language.split("-")[0] in RTL_LANGUAGES else "ltr",
            m.source.publisher, m.source.url, via.publisher if via else None, via.url if via else None,
        *(_when(via.retrieved) if via else ("", "")), m.source.archived_url, m.text_sha256,
        len(article.entry.body), m.summary, m.verification.status, m.verification.note,
        *_when(m.verification.reviewed_on), len(article.quotes), len(article.annotations),
        _page(links, "article", article_id), article.entry.record.path,
    )  # fmt: skip


def _actors(graph: ArchiveGraph, links: Links) -> Iterable[tuple]:
    for actor_id, entry in graph.actors.items():
        a: Actor = entry.model
        yield (
            actor_id, a.name, a.kind, a.description, a.wikidata, a.affiliation,
            len(graph.articles_by_actor.get(actor_id, ())), len(graph.quotes_by_actor.get(actor_id, ())),
            _page(links, "actor", actor_id), entry.record.path,
        )  # fmt: skip


def _leaks(graph: ArchiveGraph, links: Links) -> Iterable[tuple]:
    for leak_id, entry in graph.leaks.items():
        leak: Leak = entry.model
        yield (
            leak_id, leak.title, leak.kind, *_when(leak.date), leak.source, leak.first_reported_by,
            leak.status, leak.summary, len(graph.reports_by_leak.get(leak_id, ())),
            _page(links, "leak", leak_id), entry.record.path,
        )  # fmt: skip


def _quotes(article_id: str, article: LinkedArticle, links: Links) -> Iterable[tuple]:
    body = article.entry.body
    page = _page(links, "article", article_id)
    for quote in article.quotes:
        start, end = quote.span.start, quote.span.end
        yield (article_id, quote.id, quote.number, quote.speaker, quote.leak, body[start:end], start,
               end, quote.note, f"{page}#{quote.anchor}")  # fmt: skip


def _notes(article_id: str, article: LinkedArticle, links: Links) -> Iterable[tuple]:
    body = article.entry.body
    page = _page(links, "article", article_id)
    for note in article.annotations:
        start, end = note.span.start, note.span.end
        yield (article_id, note.id, note.number, body[start:end], start, end, note.note,
               f"{page}#{note.anchor}")  # fmt: skip


def _article_actors(article_id: str, article: LinkedArticle, links: Links) -> Iterable[tuple]:
    named = {mention.actor for mention in article.mentions}
    listed = set(article.entry.model.actors)
    quoted = {quote.speaker for quote in article.quotes}
    for actor_id in article.actors:
        yield (article_id, actor_id, actor_id in named, actor_id in listed, actor_id in quoted)


def _article_leaks(article_id: str, article: LinkedArticle, links: Links) -> Iterable[tuple]:
    for ref in article.entry.model.leaks:
        yield (article_id, ref.leak, ref.stance, ref.note)


def _article_tags(article_id: str, article: LinkedArticle, links: Links) -> Iterable[tuple]:
    for tag in sorted(set(article.entry.model.tags)):
        yield (article_id, tag)


def _article_authors(article_id: str, article: LinkedArticle, links: Links) -> Iterable[tuple]:
    for position, author in enumerate(article.entry.model.source.authors, start=1):
        yield (article_id, position, author)


def _actor_aliases(graph: ArchiveGraph, links: Links) -> Iterable[tuple]:
    for actor_id, entry in graph.actors.items():
        for alias in dict.fromkeys(entry.model.aliases):
            yield (actor_id, alias)


def _actor_names(graph: ArchiveGraph, links: Links) -> Iterable[tuple]:
    for actor_id, entry in graph.actors.items():
        # `names` (the name in other scripts, by language) is newer than some archives' readers:
        # an actor without it has no row.
        names: dict[str, str] = getattr(entry.model, "names", None) or {}
        for language, name in sorted(names.items()):
            yield (actor_id, language, name)


def _leak_actors(graph: ArchiveGraph, links: Links) -> Iterable[tuple]:
    for leak_id, entry in graph.leaks.items():
        for actor_id in sorted(set(entry.model.actors)):
            yield (leak_id, actor_id)


def _leak_status_history(graph: ArchiveGraph, links: Links) -> Iterable[tuple]:
    for leak_id, entry in graph.leaks.items():
        for position, change in enumerate(entry.model.status_history, start=1):
            yield (leak_id, position, change.status, *_when(change.date), change.note,
                   " ".join(change.evidence))  # fmt: skip


def _previous_ids(graph: ArchiveGraph, links: Links) -> Iterable[tuple]:
    for kind, entities in (
        ("article", ((i, a.entry.model) for i, a in sorted(graph.articles.items()))),
        ("actor", ((i, e.model) for i, e in graph.actors.items())),
        ("leak", ((i, e.model) for i, e in graph.leaks.items())),
    ):
        for entity_id, model in entities:
            for old in model.previous_ids:
                yield (kind, old, entity_id)


# --- the tables -----------------------------------------------------------------------------

_ARTICLE = _ref("article", "The article's id (articles.id)")
_ACTOR = _ref("actor", "The actor's id (actors.id)")
_LEAK = _ref("leak", "The leak's id (leaks.id)")
_PAGE = Column("page", "string", "The page on this site, relative to the site's root")
_FILE = Column("file", "string", "The archive file it comes from, in the repository")
_ARTICLE_FK = ("article", "articles", "id")

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        "Articles",
        "One row per archived article (the text itself is in archive.json).",
        (
            _id("The article's id (its file name)"),
            Column("title", "string", "Headline, as published", required=True),
            *_date("date", "Publication date", required=True),
            Column("language", "string", "BCP 47 tag of the text", required=True),
            Column("direction", "string", "Writing direction of the text", enum=("ltr", "rtl")),
            _ref("publisher", "The original publisher (actors.id)"),
            Column("url", "string", "The original address"),
            _ref(
                "via_publisher",
                "The outlet whose copy was archived, if not the original (actors.id)",
                required=False,
            ),
            Column("via_url", "string", "Address of the copy archived"),
            *_date("via_retrieved", "When that copy was taken"),
            Column("archived_url", "string", "A web archive snapshot"),
            Column(
                "text_sha256",
                "string",
                "SHA-256 of the verbatim text (UTF-8) in archive.json",
                required=True,
                pattern="[0-9a-f]{64}",
            ),
            Column("text_length", "integer", "Length of the text in Unicode code points"),
            Column("summary", "string", "The annotator's summary (Markdown)"),
            STATUS,
            Column("status_note", "string", "Why the article has that status (Markdown)"),
            *_date("reviewed_on", "When the status was last reviewed"),
            Column("quotes", "integer", "Number of quotes (quotes.csv)"),
            Column("notes", "integer", "Number of editorial notes (notes.csv)"),
            _PAGE,
            _FILE,
        ),
        ("id",),
        (("publisher", "actors", "id"), ("via_publisher", "actors", "id")),
        article_rows=_articles,
    ),
    Table(
        "actors",
        "Actors",
        "People, organisations, outlets and state bodies.",
        (
            _id("The actor's id (its file name)"),
            Column("name", "string", "The name the archive uses", required=True),
            Column(
                "kind",
                "string",
                "What the actor is",
                required=True,
                enum=("person", "organization", "outlet", "state-body"),
            ),
            Column("description", "string", "Who they are (Markdown)"),
            Column("wikidata", "string", "Wikidata item id", pattern="Q[1-9][0-9]*"),
            _ref("affiliation", "The actor it is part of (actors.id)", required=False),
            Column("articles", "integer", "Number of articles concerning it"),
            Column("quotes", "integer", "Number of quotes it is the speaker of"),
            _PAGE,
            _FILE,
        ),
        ("id",),
        (("affiliation", "actors", "id"),),
        _actors,
    ),
    Table(
        "leaks",
        "Leaks",
        "Leaked items: memos, recordings, meeting reports...",
        (
            _id("The leak's id (its file name)"),
            Column("title", "string", "What it is", required=True),
            Column(
                "kind",
                "string",
                "Kind of item",
                required=True,
                enum=("memo", "audio", "video", "cables", "meeting-report", "account", "database", "other"),
            ),
            *_date("date", "When it leaked", span=True),
            _ref("source", "Who leaked it, when known (actors.id)", required=False),
            _ref("first_reported_by", "Who reported it first (actors.id)", required=False),
            STATUS,
            Column("summary", "string", "What it says (Markdown)"),
            Column("articles", "integer", "Number of articles reporting it"),
            _PAGE,
            _FILE,
        ),
        ("id",),
        (("source", "actors", "id"), ("first_reported_by", "actors", "id")),
        _leaks,
    ),
    Table(
        "quotes",
        "Quotes",
        "Direct quotations in the articles' texts, attributed to their speakers.",
        (
            _ARTICLE,
            Column(
                "id",
                "string",
                "The quote's id, stable and unique in its article (#quote-<id> on the page)",
                required=True,
            ),
            Column("number", "integer", "Its place among the article's quotes, from 1", required=True),
            _ref("speaker", "Who said or wrote it (actors.id)"),
            _ref("leak", "The leak the words come from, if they are a leak's (leaks.id)", required=False),
            Column("exact", "string", "The quoted words, exactly as in the text", required=True),
            Column(
                "start",
                "integer",
                "Offset of the first character in the text (code points, from 0)",
                required=True,
            ),
            Column("end", "integer", "Offset just after the last character", required=True),
            Column("note", "string", "The annotator's note (Markdown)"),
            Column("page", "string", "The quote on its article's page, relative to the site's root"),
        ),
        ("article", "id"),
        (_ARTICLE_FK, ("speaker", "actors", "id"), ("leak", "leaks", "id")),
        article_rows=_quotes,
    ),
    Table(
        "notes",
        "Notes",
        "Editorial notes anchored to a passage of an article.",
        (
            _ARTICLE,
            Column(
                "id",
                "string",
                "The note's id, stable and unique in its article (#note-<id> on the page)",
                required=True,
            ),
            Column("number", "integer", "Its place among the article's notes, from 1", required=True),
            Column("exact", "string", "The passage, exactly as in the text", required=True),
            Column(
                "start",
                "integer",
                "Offset of the first character in the text (code points, from 0)",
                required=True,
            ),
            Column("end", "integer", "Offset just after the last character", required=True),
            Column("note", "string", "The annotator's note (Markdown)", required=True),
            Column("page", "string", "The note on its article's page, relative to the site's root"),
        ),
        ("article", "id"),
        (_ARTICLE_FK,),
        article_rows=_notes,
    ),
    Table(
        "article_actors",
        "Actors of articles",
        "Each actor an article concerns, and how.",
        (
            _ARTICLE,
            _ACTOR,
            Column("named", "boolean", "The text names it (by its name or an alias)", required=True),
            Column("listed", "boolean", "The annotator listed it as concerned", required=True),
            Column("quoted", "boolean", "The article quotes it", required=True),
        ),
        ("article", "actor"),
        (_ARTICLE_FK, ("actor", "actors", "id")),
        article_rows=_article_actors,
    ),
    Table(
        "article_leaks",
        "Leaks in articles",
        "Each leak an article speaks of, and its stance.",
        (
            _ARTICLE,
            _LEAK,
            Column(
                "stance",
                "string",
                "What the article does with the leak",
                required=True,
                enum=("reports", "corroborates", "disputes", "denies"),
            ),
            Column("note", "string", "The annotator's note (Markdown)"),
        ),
        ("article", "leak"),
        (_ARTICLE_FK, ("leak", "leaks", "id")),
        article_rows=_article_leaks,
    ),
    Table(
        "article_tags",
        "Tags of articles",
        "Each tag of an article.",
        (_ARTICLE, Column("tag", "string", "The tag", required=True, pattern=urls_slug())),
        ("article", "tag"),
        (_ARTICLE_FK,),
        article_rows=_article_tags,
    ),
    Table(
        "article_authors",
        "Authors of articles",
        "Bylines, in the order printed.",
        (
            _ARTICLE,
            Column("position", "integer", "Place in the byline, from 1", required=True),
            Column("author", "string", "The name as printed", required=True),
        ),
        ("article", "position"),
        (_ARTICLE_FK,),
        article_rows=_article_authors,
    ),
    Table(
        "actor_aliases",
        "Aliases of actors",
        "Other names texts use for an actor, in any script.",
        (_ACTOR, Column("alias", "string", "The name, exactly as written", required=True)),
        ("actor", "alias"),
        (("actor", "actors", "id"),),
        _actor_aliases,
    ),
    Table(
        "actor_names",
        "Names of actors in other scripts",
        "An actor's name in another language or script (Persian, Arabic...), by BCP 47 tag.",
        (
            _ACTOR,
            Column("language", "string", "BCP 47 tag of the name's language and script", required=True),
            Column("name", "string", "The name, as written in that language", required=True),
        ),
        ("actor", "language"),
        (("actor", "actors", "id"),),
        _actor_names,
    ),
    Table(
        "leak_actors",
        "Actors of leaks",
        "Each actor a leak concerns.",
        (_LEAK, _ACTOR),
        ("leak", "actor"),
        (("leak", "leaks", "id"), ("actor", "actors", "id")),
        _leak_actors,
    ),
    Table(
        "leak_status_history",
        "Verification history of leaks",
        "Each change of a leak's status.",
        (
            _LEAK,
            Column("position", "integer", "Place in the history, from 1 (oldest first)", required=True),
            STATUS,
            *_date("date", "When the status changed", required=True),
            Column("note", "string", "Why (Markdown)"),
            Column("evidence", "string", "Addresses of the evidence, separated by spaces"),
        ),
        ("leak", "position"),
        (("leak", "leaks", "id"),),
        _leak_status_history,
    ),
    Table(
        "previous_ids",
        "Previous ids",
        "An id a file had before it was renamed, and its id now.",
        (
            Column("kind", "string", "What was renamed", required=True, enum=("article", "actor", "leak")),
            Column("previous_id", "string", "The old id (its old page leads to the new one)", required=True),
            Column("id", "string", "The id now", required=True),
        ),
        ("kind", "previous_id"),
        (),
        _previous_ids,
    ),
)


# --- files ----------------------------------------------------------------------------------


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_lines(rows: Iterable[tuple]) -> tuple[str, int]:
    """Rows as CSV lines (RFC 4180: CRLF line ends), and their number."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    count = 0
    for row in rows:
        writer.writerow(_cell(value) for value in row)
        count += 1
    return out.getvalue(), count


def article_rows(article_id: str, article: LinkedArticle, links: Links) -> EncodedRows:
    """One article's rows of every per-article table, encoded."""
    return {
        table.name: csv_lines(table.article_rows(article_id, article, links))
        for table in TABLES
        if table.article_rows is not None
    }


def table_csv(
    table: Table, graph: ArchiveGraph, links: Links, articles: Mapping[str, EncodedRows]
) -> tuple[bytes, int]:
    """A table as CSV (UTF-8, a header row) and its number of rows; a per-article table from
    `articles`, each article's rows (`article_rows`) by id."""
    header, _ = csv_lines([tuple(column.name for column in table.columns)])
    if table.rows is not None:
        body, count = csv_lines(table.rows(graph, links))
        return (header + body).encode("utf-8"), count
    parts = [articles[article_id][table.name] for article_id in sorted(graph.articles)]
    body = "".join(lines for lines, _ in parts)
    return (header + body).encode("utf-8"), sum(count for _, count in parts)


def data_package(counts: dict[str, int], links: Links, site_url: str | None = None) -> dict:
    """The Frictionless Data Package descriptor of the tables (paths relative to it)."""
    here = urls.DATA_PACKAGE
    package = {
        "profile": "tabular-data-package",
        "name": "leak-archive",
        "title": "Leak Archive: annotations and data",
        "description": (
            "Articles about leaks from inside the Iranian state, the people, organisations and "
            "leaked items they concern, their quotes and editorial notes, and the links between "
            "them. The articles' texts are not in these tables (see archive.json); they belong to "
            "their publishers."
        ),
        "version": f"{SCHEMA_VERSION}.0.0",
        "licenses": [{"name": urls.LICENCE_NAME, "title": urls.LICENCE_TITLE, "path": urls.LICENCE_URL}],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": table.name,
                "title": table.title,
                "description": f"{table.description} {counts[table.name]} rows.",
                "path": urls.beside(here, urls.table_path(table.name)),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
                "schema": table.schema(),
            }
            for table in TABLES
        ],
    }
    if site_url:
        package["homepage"] = urls.absolute(site_url, links.url(urls.DATA_PAGE))
    return package


def archive_schema() -> dict:
    """The JSON Schema of data/archive.json: the archive files' models, plus what the link stage
    adds (each article's text, mentions, and where each quote was found)."""
    top, schema = models_json_schema(
        [(Article, "serialization"), (Actor, "serialization"), (Leak, "serialization")],
        ref_template="#/$defs/{model}",
    )
    defs = schema["$defs"]
    _add_linked_fields(defs)

    def items(model) -> dict:
        return {"type": "array", "items": top[(model, "serialization")]}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "archive.schema.json",
        "title": "Leak Archive: the whole archive",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "actors": items(Actor),
            "articles": items(Article),
            "leaks": items(Leak),
        },
        "required": ["schema_version", "actors", "articles", "leaks"],
        "additionalProperties": False,
        "$defs": defs,
    }


def _add_linked_fields(defs: dict) -> None:
    """Add to the models' schemas (`defs`) what the link stage adds: each article's text and
    mentions, and where each quote was found."""
    offsets = {
        "start": {"type": "integer", "minimum": 0, "description": "Offset in text (code points)"},
        "end": {"type": "integer", "minimum": 0, "description": "Offset just after the passage"},
    }
    defs["Quote"]["properties"].update(
        anchor={"type": "string", "description": "#anchor on its page"}, **offsets
    )
    defs["Article"]["properties"].update(
        text={"type": "string", "description": "The verbatim text; its SHA-256 is text_sha256"},
        mentions={
            "type": "array",
            "description": "Where the text names an actor",
            "items": {
                "type": "object",
                "properties": {"actor": {"type": "string"}, **offsets},
                "required": ["actor", "start", "end"],
                "additionalProperties": False,
            },
        },
    )
    defs["Article"]["required"] = sorted({*defs["Article"].get("required", ()), "text", "mentions"})


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def open_data_files(
    graph: ArchiveGraph, links: Links, site_url: str | None, articles: Mapping[str, EncodedRows]
) -> tuple[dict[str, bytes], dict[str, int]]:
    """The tables, their Data Package and the archive's JSON Schema, by site path; and each
    table's number of rows (for the Data page). `articles`: each article's `article_rows`."""
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for table in TABLES:
        files[urls.table_path(table.name)], counts[table.name] = table_csv(table, graph, links, articles)
    files[urls.DATA_PACKAGE] = _json(data_package(counts, links, site_url))
    files[urls.DATA_SCHEMA] = _json(archive_schema())
    return files, counts
