"""What a reviewer would send back: files that are valid but not finished.

Runs after validate, over the valid files, and reports with severity "review": `leakarchive
validate` (what CI runs on a pull request) and a site build refuse them like errors, while a
contributor's local preview (`mkdocs serve`) builds the page and marks it as a draft.

- comments left by `leakarchive new` or `leakarchive import` (they explain a draft);
- a title that is an address (a pasted "URL:" line taken as the headline);
- an article or a leak without a summary;
- a verification status above `unverified` without a note and a review date (the methodology
  says a status is always justified), a leak's status change without a note;
- a leak without a status history, or whose status is not the last one of its history;
- links in Markdown fields that point nowhere: only http(s) addresses and links to the
  archive's own entries, `[text](actor:ID)`, `[text](leak:ID)`, `[text](article:ID)`, resolve.
"""

from __future__ import annotations

import functools
import itertools
import re
import typing
from collections.abc import Iterable, Mapping

from pydantic import BaseModel

from ..model import Article, Leak
from ..problems import Problem
from ..prose import id_link, link_targets
from ..text import JOINER
from .load import FieldPath
from .validate import Entry, ValidArchive

DRAFT_COMMENT = re.compile(
    r"#.*(?:\bDRAFT\b|delete (?:the|these) comments|Delete these comments|NOT FOUND|NO SUCH ACTOR YET|"
    r"CANDIDATES|CHECK IT|Removed from the page|replace \[\] by|THE ARTICLE TEXT GOES BELOW|"
    r"# the file name without \.(?:yml|md)|some-actor-id|some-leak-id|some-outlet)"
)
"""Comment lines that only the scaffolds (`new`) and the importer write."""

ADDRESS_TITLE = re.compile(r"(?i)^\s*(?:url\s*:\s*)?(?:https?://|www\.)\S*\s*$|^\s*url\s*:")


def review(archive: ValidArchive) -> list[Problem]:
    """Every review problem of the valid files."""
    ids = {
        "actor": {entry.model.id for entry in archive.actors},
        "leak": {entry.model.id for entry in archive.leaks},
        "article": {entry.model.id for entry in archive.articles},
    }
    problems: list[Problem] = []
    entries: tuple[Entry, ...] = (*archive.articles, *archive.actors, *archive.leaks)
    for entry in entries:
        problems.extend(_draft_comments(entry))
        problems.extend(_links(entry, ids))
        model = entry.model
        if isinstance(model, Article):
            problems.extend(_article(entry))
        elif isinstance(model, Leak):
            problems.extend(_leak(entry))
    return problems


def _problem(entry: Entry, path: FieldPath, message: str, *, key: bool = False) -> Problem:
    found = entry.problem(path, message)
    if key:
        where = entry.record.position(path, key=True)
        found = Problem(found.path, where.line, where.column, found.field, message)
    return Problem(found.path, found.line, found.column, found.field, message, "review")


def _draft_comments(entry: Entry) -> list[Problem]:
    """One problem at the first draft comment (a draft has dozens)."""
    lines = entry.record.lines
    if lines is None or "#" not in lines.text:  # most files: one scan in C
        return []
    found = DRAFT_COMMENT.search(lines.text)
    if found is None:
        return []
    line = lines.text.count("\n", 0, found.start()) + 1 + lines.line_offset
    message = (
        "expected a finished file, found the draft's explanatory comments from this line on: "
        "check each value they point at, then delete them"
    )
    return [Problem(entry.record.path, line, 1, "", message, "review")]


def _article(entry: Entry) -> list[Problem]:
    article: Article = entry.model
    problems = []
    if ADDRESS_TITLE.search(article.title):
        problems.append(
            _problem(
                entry,
                ("title",),
                f"expected the headline as printed, found an address '{article.title[:80]}' "
                "(a pasted URL line?): copy the headline from the page, and the address to source.url",
            )
        )
    if not article.summary:
        problems.append(
            _problem(
                entry,
                ("summary",),
                "expected a summary, found none: say in your own words what the article reports "
                "(a few sentences, Markdown)",
                key=True,
            )
        )
    problems.extend(_joiners_lost(entry))
    verification = article.verification
    if verification.status != "unverified":
        missing = [name for name in ("note", "reviewed_on") if getattr(verification, name) is None]
        if missing:
            problems.append(
                _problem(
                    entry,
                    ("verification", "status"),
                    f"expected a note and a review date for the status '{verification.status}', "
                    f"found no {' and no '.join(missing)}: add verification.note (what was checked, "
                    "and how) and verification.reviewed_on (YYYY-MM-DD), or keep the status unverified",
                )
            )
    return problems


_PERSIAN_WORD = re.compile(r"[\u0600-\u06ff]{2,}")
_FEW_WORDS = 40
"""Below this many Persian words a text may well have no zero-width non-joiner."""


def _joiners_lost(entry: Entry) -> list[Problem]:
    """A warning for a Persian text without a single zero-width non-joiner: almost every Persian
    paragraph has one ("می‌شود", "آن‌ها"), and copies made through some tools lose them all."""
    article: Article = entry.model
    body = getattr(entry, "body", "")
    if not article.language.startswith("fa") or JOINER in body:
        return []
    count = sum(1 for _ in itertools.islice(_PERSIAN_WORD.finditer(body), _FEW_WORDS))
    if count < _FEW_WORDS:
        return []
    message = (
        "expected zero-width non-joiners (U+200C) in a Persian text, as in 'می‌شود', found none: "
        "the copy may have lost them; compare it with the page and paste the text again if so "
        "(quotes and names still match either way)"
    )
    where = entry.record.body_line
    return [Problem(entry.record.path, where, 1, "", message, "warning")]


def _leak(entry: Entry) -> list[Problem]:
    leak: Leak = entry.model
    problems = []
    if not leak.summary:
        problems.append(
            _problem(
                entry,
                ("summary",),
                "expected a summary, found none: what the item is said to contain, and what is "
                "known of its origin",
                key=True,
            )
        )
    problems.extend(_status_history(entry, leak))
    return problems


def _status_history(entry: Entry, leak: Leak) -> list[Problem]:
    """A leak's status history: not empty, ending on the status, each change but to
    'unverified' saying what it rests on."""
    problems = []
    history = leak.status_history
    if not history:
        problems.append(
            _problem(
                entry,
                ("status_history",),
                f"expected at least one status change, found none: add - {{status: {leak.status}, "
                "date: YYYY-MM-DD, note: what the status rests on}",
                key=True,
            )
        )
    elif history[-1].status != leak.status:
        problems.append(
            _problem(
                entry,
                ("status",),
                f"expected the last status of status_history, '{history[-1].status}', found "
                f"'{leak.status}': add the change to status_history, or correct the status",
            )
        )
    problems.extend(
        _problem(
            entry,
            ("status_history", index, "status"),
            f"expected a note saying what the status '{change.status}' rests on, found none",
        )
        for index, change in enumerate(history)
        if change.status != "unverified" and not change.note
    )
    return problems


# --- links in Markdown fields ---------------------------------------------------------------


@functools.cache
def _markdown_plan(model_class: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The fields of a model that are Markdown ("text") or may hold some ("model", "list")."""
    plan = []
    for name, info in model_class.model_fields.items():
        inner = typing.get_args(info.annotation) or (info.annotation,)
        models = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        lists = [a for a in inner if typing.get_origin(a) is list]
        if name in ("summary", "note", "description"):
            plan.append((name, "text"))
        elif typing.get_origin(info.annotation) is list or lists:
            plan.append((name, "list"))
        elif models:
            plan.append((name, "model"))
    return tuple(plan)


def _markdown_fields(model: BaseModel, path: FieldPath = ()) -> Iterable[tuple[FieldPath, str]]:
    """Each Markdown field (summary, note, description) of a model, with its path."""
    for name, kind in _markdown_plan(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if kind == "text":
            yield (*path, name), value
        elif kind == "model":
            yield from _markdown_fields(value, (*path, name))
        else:
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _markdown_fields(item, (*path, name, index))


def _links(entry: Entry, ids: Mapping[str, set[str]]) -> list[Problem]:
    lines = entry.record.lines
    if lines is not None and "](" not in lines.text and "]:" not in lines.text:
        return []  # no link in the file at all: most files, found by one scan in C
    problems = []
    for path, text in _markdown_fields(entry.model):
        if "](" not in text and "]:" not in text:
            continue
        for target in link_targets(text):
            why = link_problem(target, ids)
            if why:
                problems.append(_problem(entry, path, why))
    return problems


def link_problem(target: str, ids: Mapping[str, set[str]]) -> str | None:
    """Why a link target points nowhere, with the link to write instead; None if it resolves."""
    if re.match(r"https?://\S", target):
        return None
    found = id_link(target)
    if found:
        kind, entity_id = found
        if entity_id in ids.get(kind, ()):
            return None
        other = next((k for k, known in ids.items() if entity_id in known), None)
        if other:
            return (
                f"expected a link to an existing {kind}, found '{target}': '{entity_id}' is "
                f"{_a(other)}, so link it as ({other}:{entity_id})"
            )
        return (
            f"expected a link to an existing {kind}, found '{target}', which is none: "
            f"check the id in archive/{kind}s/"
        )
    guess = re.search(r"(actors|leaks|articles(?:/\d{4})?)/([a-z0-9]+(?:-[a-z0-9]+)*)", target)
    hint = ""
    if guess:
        kind = guess.group(1).split("/")[0].rstrip("s")
        hint = f" (write [text]({kind}:{guess.group(2)}))"
    return (
        f"expected a link that resolves, found '{target[:80]}', which points nowhere: link an "
        f"http(s) address, or an entry of the archive as [text](actor:ID), [text](leak:ID) or "
        f"[text](article:ID){hint}"
    )


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
