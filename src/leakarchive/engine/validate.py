"""Stage 2, validate: raw records -> model objects, and every problem with its file and line.

Checks each file against the model (`model.py`), then what one file cannot tell alone: ids that
match file names, ids and URLs used twice, aliases claimed by two actors. References between
files and anchoring in the text are the link stage's work.
"""

from __future__ import annotations

import functools
import posixpath
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from .. import urls
from ..model import (
    MODELS,
    SLUG_RE,
    STATUS_SYNONYMS,
    Actor,
    Annotation,
    Article,
    DateSpan,
    Leak,
    PartialDate,
    Quote,
    describe,
    is_text_field,
    reserved_id_problem,
)
from ..namecheck import common_word, skeletons
from ..problems import Problem, did_you_mean, field_name
from ..text import JOINER, canonical_body, fold, sha256_text
from .load import FieldPath, LoadResult, RawRecord

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Entry(Generic[M]):
    """A valid model object and the file it came from (for positions in later messages)."""

    model: M
    record: RawRecord

    def problem(self, path: FieldPath, message: str) -> Problem:
        """A Problem at a field of this entry's file."""
        return self.record.problem(path, field_name(path), message)


@dataclass(frozen=True)
class ArticleEntry(Entry[Article]):
    """A valid article and its canonical verbatim body."""

    body: str = ""


@dataclass(frozen=True)
class ValidArchive:
    """Every file that passed validation, sorted by id."""

    articles: tuple[ArticleEntry, ...]
    actors: tuple[Entry[Actor], ...]
    leaks: tuple[Entry[Leak], ...]
    broken_ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Per kind, the names of files that exist but did not validate (their problems are reported).

    A reference to one of them is not reported again as "unknown": one mistake, one message.
    """


RecordCheck = tuple["Entry | None", list[Problem]]
"""What checking one record on its own gives: its entry (None if invalid) and its problems."""


def validate(loaded: LoadResult, today: date | None = None) -> tuple[ValidArchive, list[Problem]]:
    """Check every loaded record; return the valid ones and every problem found."""
    today = today or date.today()
    checks = [
        validate_record(record, today) if record.data is not None else None for record in loaded.records
    ]
    return combine(loaded, checks)


def combine(loaded: LoadResult, checks: list[RecordCheck | None]) -> tuple[ValidArchive, list[Problem]]:
    """The valid archive from each record's own check (`validate_record`; None for a record the
    loader could not read), once what one file cannot tell alone is checked: ids and aliases
    used twice."""
    problems = list(loaded.problems)
    entries: dict[str, list[Entry]] = {"article": [], "actor": [], "leak": []}
    broken: dict[str, set[str]] = {"article": set(), "actor": set(), "leak": set()}
    for record, check in zip(loaded.records, checks, strict=True):
        stem = file_stem(record.path)
        if check is None:
            broken[record.kind].add(stem)
            continue  # the loader has reported why
        entry, found = check
        problems.extend(found)
        if entry is None or entry.model.id != stem:
            broken[record.kind].add(stem)
        if entry is not None:
            entries[record.kind].append(entry)
    unique, found = _unique_ids(entries)
    problems.extend(found)
    problems.extend(_unique_aliases(unique["actor"]))
    problems.extend(_previous_ids(unique))
    archive = ValidArchive(
        articles=tuple(unique["article"]),  # type: ignore[arg-type]  # validate_record: ArticleEntry
        actors=tuple(unique["actor"]),
        leaks=tuple(unique["leak"]),
        broken_ids={kind: frozenset(ids) for kind, ids in broken.items()},
    )
    return archive, problems


def file_stem(path: str) -> str:
    """The name of the file at a POSIX `path` without its extension: its expected id."""
    return posixpath.splitext(posixpath.basename(path))[0]


def validate_record(record: RawRecord, today: date) -> tuple[Entry | None, list[Problem]]:
    """Check one record against its model and against its own file."""
    model_class = MODELS[record.kind]
    dropped = _dropped_comments(record, model_class)
    try:
        model = model_class.model_validate(record.data)
    except ValidationError as error:
        return None, [*dropped, *(_schema_problem(record, model_class, e) for e in error.errors())]
    problems: list[Problem] = dropped
    entity_id = model.id
    stem = file_stem(record.path)
    if entity_id != stem:
        # A file name that is no id ("Jane-Doe") cannot be the fix: say to rename the file.
        suffix = PurePosixPath(record.path).suffix
        fix = "" if SLUG_RE.fullmatch(stem) else f" (rename the file to {entity_id}{suffix})"
        problems.append(
            record.problem(("id",), "id", f"expected the file name '{stem}', found '{entity_id}'{fix}")
        )
    reserved = reserved_id_problem(entity_id)
    if reserved:
        problems.append(record.problem(("id",), "id", reserved))
    for path, when in _dates(model):
        if when.earliest() > today:
            problems.append(
                record.problem(path, field_name(path), f"expected a date not in the future, found '{when}'")
            )
    if isinstance(model, Actor) and model.anonymous and model.wikidata:
        problems.append(
            record.problem(
                ("wikidata",),
                "wikidata",
                "expected no Wikidata item for an anonymous actor (its identity is unknown), found "
                f"'{model.wikidata}': remove it, or remove anonymous: true if the identity is known",
            )
        )
    if isinstance(model, Article):
        body = canonical_body(record.body or "")
        problems.extend(_check_article(record, model, body))
        return ArticleEntry(model, record, body), problems
    return Entry(model, record), problems


def _check_article(record: RawRecord, article: Article, body: str) -> list[Problem]:
    problems = []
    for index, tag in enumerate(article.tags):
        if urls.reserved_tag(tag):
            path = ("tags", index)
            message = f"expected a tag other than '{tag}', which names a page of the list of tags"
            problems.append(record.problem(path, field_name(path), message))
    problems.extend(_unique_passage_ids(record, article))
    if record.folder != str(article.date.year):
        problems.append(
            record.problem(
                ("date",),
                "date",
                f"expected the year of the folder '{record.folder}', found {article.date.year} "
                f"(move the file to archive/{urls.source_folder('article')}/{article.date.year}/)",
            )
        )
    if not body.strip():
        problems.append(
            Problem(
                record.path,
                record.body_line,
                1,
                "",
                "expected the article text after the front matter, found none",
            )
        )
    elif sha256_text(body) != article.text_sha256:
        problems.append(
            record.problem(
                ("text_sha256",),
                "text_sha256",
                f"expected the checksum of the article text, found a mismatch: the text has "
                f"changed (its checksum is now {sha256_text(body)}). Articles are verbatim: "
                "restore the text, or update text_sha256 if the change is a correction",
            )
        )
    return problems


def _dropped_comments(record: RawRecord, model_class: type[BaseModel]) -> list[Problem]:
    """A comment after a plain value in a text field: YAML drops it from the value, so 'title:
    Acme memo # leaked by Jane' would publish 'Acme memo' without a word. After an id, a date or
    a status, a comment is the scaffold's own style and loses nothing."""
    problems = []
    for path, comment in record.comments.items():
        if is_text_field(model_class, path):
            shown = comment if len(comment) <= 40 else comment[:40] + "…"
            message = (
                f"expected the whole value, found '{shown}' after it, which YAML drops as a comment; "
                "quote the value if the '#' belongs to it, or put the comment on a line of its own"
            )
            problems.append(record.problem(path, field_name(path), message))
    return problems


def _unique_passage_ids(record: RawRecord, article: Article) -> list[Problem]:
    """Each quote's and each note's id (written, or made from its passage) once in the article:
    it is the anchor that links and citations point at."""
    problems = []
    passages: tuple[tuple[str, Sequence[Quote | Annotation]], ...] = (
        ("quotes", article.quotes),
        ("annotations", article.annotations),
    )
    for kind, entries in passages:
        first: dict[str, int] = {}
        for index, entry in enumerate(entries):
            key = entry.key
            if key not in first:
                first[key] = index
                continue
            earlier = first[key]
            where = record.position((kind, earlier))
            origin = "written as its id" if entry.id else "made from its first words"
            path = (kind, index, "id" if entry.id else "text")
            problems.append(
                record.problem(
                    path,
                    field_name(path),
                    f"expected an id no other entry of {kind} has, found '{key}' ({origin}), "
                    f"the id of {field_name((kind, earlier))} too (line {where.line}): give one of them "
                    f"its own `id:` (lower-case words and hyphens), and never change a published one",
                )
            )
    return problems


def _dates(model: BaseModel) -> Iterable[tuple[FieldPath, PartialDate]]:
    """Every date in a model, with its field path."""

    def walk(value: object, path: FieldPath):
        if isinstance(value, PartialDate):
            yield path, value
        elif isinstance(value, DateSpan):  # a range or bound: each of its dates
            yield from ((path, when) for when in (value.start, value.end) if when is not None)
        elif isinstance(value, BaseModel):
            for name in _date_fields(type(value)):  # not every field: quotes hold no dates
                yield from walk(getattr(value, name), (*path, name))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    yield from walk(model, ())


@functools.cache
def _date_fields(model_class: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model whose type can hold a date, directly or further down."""

    def may_hold_date(annotation: object) -> bool:
        if annotation is PartialDate or annotation is DateSpan:
            return True
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return bool(_date_fields(annotation))
        return any(may_hold_date(argument) for argument in typing.get_args(annotation))

    return tuple(name for name, info in model_class.model_fields.items() if may_hold_date(info.annotation))


# --- schema errors, in a contributor's words -------------------------------------------------


def _schema_problem(record: RawRecord, model_class: type[BaseModel], error) -> Problem:
    """Turn one pydantic error into a Problem with the line, the field, expected and found."""
    kind, found = error["type"], error.get("input")
    path = _contributor_path(record.data, error["loc"], missing=kind == "missing")
    label = field_name(path)
    if kind == "missing":
        return _missing_problem(record, model_class, path, label)
    if kind == "extra_forbidden":
        return record.problem(path, label, _unknown_key_message(model_class, path), key=True)
    if kind == "literal_error":
        return record.problem(path, label, _choice_message(error, found))
    if kind == "value_error":
        return record.problem(path, label, str(error["ctx"]["error"]))
    if kind == "too_long":
        limit, actual = error["ctx"]["max_length"], error["ctx"].get("actual_length")
        return record.problem(path, label, f"expected at most {limit} items, found {actual}")
    expected_value = _EXPECTED_TYPES.get(kind)
    if expected_value:
        return record.problem(path, label, f"expected {expected_value}, found {describe(found)}")
    return record.problem(path, label, f"{error['msg']}, found {describe(found)}")


_EXPECTED_TYPES = {
    # pydantic's error type: what the field expected, in a contributor's words
    "string_type": "text",
    "list_type": "a list",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "dict_type": "a mapping (key: value)",
}


def _missing_problem(record: RawRecord, model_class: type[BaseModel], path: FieldPath, label: str) -> Problem:
    """A required field left out, placed at the key of the mapping that should hold it."""
    parent = _model_at(model_class, path[:-1])
    info = parent.model_fields.get(str(path[-1])) if parent else None
    # Say what the value should be: the choices of a vocabulary, or the field's description.
    choices = (
        typing.get_args(info.annotation) if info and typing.get_origin(info.annotation) is Literal else ()
    )
    expected = f"one of {', '.join(choices)}" if choices else "a value"
    hint = f": {info.description}" if info and info.description and not choices else ""
    where = record.position(path[:-1], key=True)
    message = f"expected {expected}, found none (a required field{hint})"
    return Problem(record.path, where.line, where.column, label, message)


def _unknown_key_message(model_class: type[BaseModel], path: FieldPath) -> str:
    """An unknown key: where it belongs if it is a key of another part of the file, else the
    known key it is closest to, and the keys allowed here."""
    parent = _model_at(model_class, path[:-1])
    allowed = list(parent.model_fields) if parent else []
    here = ".".join(str(part) for part in path[:-1] if isinstance(part, str))
    elsewhere = [place for place in _key_places(model_class).get(str(path[-1]), ()) if place != here]
    if elsewhere:
        places = " or ".join(f"under {place}:" if place else "at the top level" for place in elsewhere)
        return (
            f"unknown key '{path[-1]}' {'here' if here else 'at the top level'}: it belongs {places} "
            f"(move it there); expected here one of: {', '.join(allowed)}"
        )
    hint = did_you_mean(str(path[-1]), allowed)
    return f"unknown key '{path[-1]}'{hint}; expected one of: {', '.join(allowed)}"


def _choice_message(error, found: object) -> str:
    """A value outside its vocabulary, with the choice it was probably meant to be."""
    expected = error.get("ctx", {}).get("expected", "")
    choices = tuple(c.strip(" '") for c in expected.replace(" or ", ", ").split(","))
    hint = did_you_mean(str(found), choices) if isinstance(found, str) else ""
    meant = STATUS_SYNONYMS.get(found.lower()) if isinstance(found, str) else None
    if meant in choices:
        hint = f" (did you mean '{meant}'?)"
    return f"expected one of {', '.join(choices)}, found {describe(found)}{hint}"


@functools.cache
def _key_places(model_class: type[BaseModel]) -> dict[str, tuple[str, ...]]:
    """Where each key of a kind of file goes: {'authors': ('source',), 'status': ('verification', ...)}."""
    places: dict[str, list[str]] = {}

    def walk(model: type[BaseModel], prefix: str, depth: int) -> None:
        for name, info in model.model_fields.items():
            places.setdefault(name, []).append(prefix)
            inner = _unwrap(info.annotation)
            if depth < 3 and isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner, f"{prefix}.{name}" if prefix else name, depth + 1)

    walk(model_class, "", 0)
    return {name: tuple(found) for name, found in places.items()}


def _contributor_path(data: object, loc: tuple, *, missing: bool) -> FieldPath:
    """The location of an error as the contributor wrote it.

    Pydantic can put the names of union branches or validators into a location ("str",
    "function-after[...]"). They cannot be told apart by name, since a contributor's key may be
    anything, "str" or "a[b]" included: a part is kept when it is really there in the data, or
    when it is the missing field itself.
    """
    path: list[str | int] = []
    current: Any = data  # whatever the contributor wrote: checked part by part below
    for index, part in enumerate(loc):
        in_mapping = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_mapping or in_list:
            path.append(part)
            current = current[part]
        elif missing and index == len(loc) - 1 and isinstance(part, str):
            path.append(part)
    return tuple(path)


def _model_at(model_class: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path`, to list its allowed keys."""
    current: object = model_class
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        annotation = current.model_fields[str(part)].annotation if part in current.model_fields else None
        current = _unwrap(annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: object) -> object:
    """list[X] -> X, X | None -> X."""
    for arg in (*typing.get_args(annotation), annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = typing.get_args(arg)
        for sub in inner:
            if isinstance(sub, type) and issubclass(sub, BaseModel):
                return sub
    return annotation


# --- rules across files ---------------------------------------------------------------------


def _unique_ids(entries: dict[str, list[Entry]]) -> tuple[dict[str, list[Entry]], list[Problem]]:
    """Drop and report a second file with the same id or the same output page."""
    problems: list[Problem] = []
    unique: dict[str, list[Entry]] = {kind: [] for kind in entries}
    taken: dict[str, Entry] = {}

    def order(e: Entry) -> tuple[str, bool, str]:
        # The file whose name is the id keeps it; a misnamed copy ("Jane-Doe.yml") is the duplicate.
        return (e.model.id, file_stem(e.record.path) != e.model.id, e.record.path)

    for kind in ("actor", "leak", "article"):
        for entry in sorted(entries[kind], key=order):
            page = urls.page_path(kind, entry.model.id).casefold()
            first = taken.get(page)
            if first is not None:
                problems.append(
                    entry.problem(
                        ("id",),
                        f"expected an id used by no other {kind}, found '{entry.model.id}', "
                        f"already the id of {first.record.path}",
                    )
                )
                continue
            taken[page] = entry
            unique[kind].append(entry)
    return unique, problems


def _previous_ids(entries: dict[str, list[Entry]]) -> list[Problem]:
    """A previous id redirects to the file's page: it may not be the id of a current file of the
    same kind (whose page it would hide) nor be listed twice (which page would it lead to?)."""
    problems = []
    for kind, group in entries.items():
        current = {entry.model.id: entry for entry in group}
        owner: dict[str, Entry] = {}
        for entry in group:
            for index, old in enumerate(entry.model.previous_ids):
                path = ("previous_ids", index)
                reserved = reserved_id_problem(old)
                if reserved:
                    problems.append(entry.problem(path, reserved))
                elif old in current:
                    holder = current[old]
                    whose = "this file's own id" if holder is entry else f"the id of {holder.record.path}"
                    problems.append(
                        entry.problem(
                            path,
                            f"expected an id no current {kind} has, found '{old}', {whose}: "
                            "remove it from previous_ids (a previous id is one no file has any more)",
                        )
                    )
                elif old in owner:
                    first = owner[old]
                    where = "earlier in this list" if first is entry else f"in {first.record.path}"
                    problems.append(
                        entry.problem(
                            path,
                            f"expected each previous id once, found '{old}' again, listed {where}: "
                            "keep it only in the file its old page should lead to",
                        )
                    )
                else:
                    owner[old] = entry
    return problems


def _unique_aliases(actors: list[Entry]) -> list[Problem]:
    """Two actors may not share a name or alias, nor have names that look alike (Unicode's
    confusables: 'Jаne Dое' in Cyrillic letters looks like 'Jane Doe'): mentions in texts would
    be ambiguous, or an impostor would pass for a known actor. Common words are no names."""
    problems = []
    owner: dict[str, tuple[Entry, FieldPath, str]] = {}  # by skeleton: the first to hold it
    for entry in actors:
        actor: Actor = entry.model
        names = actor.every_name()
        problems.extend(_broad_aliases(entry, {name for _, name in names}))
        seen_here: set[str] = set()
        for path, name in names:
            key = _name_key(name)  # as mentions are matched: "كاظمي" is "کاظمی"
            if key in seen_here:
                problems.append(entry.problem(path, f"expected each alias once, found '{name}' again"))
                continue
            seen_here.add(key)
            if common_word(name) and name not in actor.broad_aliases:
                problems.append(entry.problem(path, _COMMON_WORD.format(name=name)))
                continue
            # Two skeletons (namecheck.skeletons): case dropped, and case kept for capitals whose
            # small letters differ. The first actor holding either is the one it looks like.
            held = [owner.setdefault(look, (entry, path, name)) for look in skeletons(fold(name))]
            first = next((holder for holder in held if holder[0] is not entry), held[0])
            if first[0] is entry:
                continue
            problems.extend(_name_clash(entry, path, name, *first))
    return problems


def _name_clash(
    entry: Entry, path: FieldPath, name: str, other: Entry, other_path: FieldPath, other_name: str
) -> list[Problem]:
    """`name` of `entry` is `other_name` of an actor before it, or looks like it: the same name
    is the later actor's problem; a look-alike is both's (which of the two is the impostor is
    for a reviewer to see)."""
    if _name_key(name) == _name_key(other_name):
        return [entry.problem(path, _SAME_NAME.format(name=name, other=_where(other)))]
    return [
        entry.problem(path, _LOOK_ALIKE.format(name=name, other_name=other_name, other=_where(other))),
        other.problem(other_path, _LOOK_ALIKE.format(name=other_name, other_name=name, other=_where(entry))),
    ]


def _name_key(name: str) -> str:
    return " ".join(fold(name).replace(JOINER, "").split())


def _where(entry: Entry) -> str:
    return f"'{entry.model.id}' ({entry.record.path})"


_SAME_NAME = (
    "expected a name no other actor uses, found '{name}', which also names {other}: "
    "mentions would be ambiguous"
)
_LOOK_ALIKE = (
    "expected a name unlike any other actor's, found '{name}', which looks like '{other_name}', a name of "
    "{other} (Unicode's confusable letters, case or spacing): one would pass for the other"
)
_COMMON_WORD = (
    "expected a name, found '{name}', a common word: it would link nearly every text to this actor; "
    "if it really names the actor, list it under broad_aliases as well"
)


def _broad_aliases(entry: Entry, names: set[str]) -> list[Problem]:
    """Each name acknowledged as broad must be one of the actor's names or aliases."""
    return [
        entry.problem(
            ("broad_aliases", index), f"expected one of this actor's names or aliases, found '{name}'"
        )
        for index, name in enumerate(entry.model.broad_aliases)
        if name not in names
    ]
