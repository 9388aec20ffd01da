"""Candidate quotes: text between quotation marks, with the speaker the text names nearby."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...budgets import MAX_QUOTES
from ...engine.link import MentionFinder
from ...model import slugify
from ...text import AnchorError, find_passage, normalize

_PAIRS = {"“": "”", "«": "»", '"': '"'}
_QUOTE_MARKS = '“”«»"'
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Prof|Sen|Rep|Sr|Sra|Ayatollah|President|Minister|Sheikh)\.?"
_CAP = r"[A-ZÁÉÍÓÚÑ][\w’'.\-]*"
_NAME = rf"(?:{_HONORIFIC}\s+)?{_CAP}(?:\s+(?:(?:al|el|bin|ibn|de|del|van|von|da)[-\s])?{_CAP}){{0,3}}"
_VERB = (
    r"(?:said|says|added|adds|wrote|writes|told\s+[\w\s.]{1,40}?|explained|noted|argued|insisted|"
    r"warned|declared|stated|continued|dijo|afirmó|añadió|agregó|señaló|declaró|aseguró|explicó)"
)
_DESCRIBED = (
    r"(?i:one\s+of\s+the|uno\s+de\s+los|una\s+de\s+las|the|a|an|el|la|los|las)\s+[\w-]+(?:\s+[\w-]+)?"
)
_AFTER_VERB_NAME = re.compile(rf"^\s*,?\s*{_VERB}\s+(?P<who>{_DESCRIBED}|{_NAME})")
_AFTER_NAME_VERB = re.compile(rf"^\s*,?\s*(?P<who>{_DESCRIBED}|{_NAME}|[Hh]e|[Ss]he|[Tt]hey)\s+{_VERB}\b")
_BEFORE_NAME_VERB = re.compile(rf"(?P<who>{_NAME})\s*,?[^“”\"«»]{{0,80}}?\s{_VERB}\s*[:,]?\s*$")
_PERSON = re.compile(rf"{_NAME}")
_SAID_WORDS = re.compile(
    r"\b(?:said|says|told|added|wrote|stated|declared|dijo|afirmó|añadió|declaró)\b"
    r"|گفت|افزود|اظهار|تصریح|قال|قالت|أضاف|أضافت|صرح|صرّح"
)
_STOP_NAMES = frozenset(
    re.findall(
        r"\w+",
        "A An The In On At But And Or So Yet If As For Of To From By With When While After Before "
        "Since This That These Those It He She They We I You Monday Tuesday Wednesday Thursday Friday "
        "Saturday Sunday January February March April May June July August September October November "
        "December El La Los Las En",
    )
)
"""Capitalised words that start sentences but never a name."""


_GOES_ON = " (the quotation goes on)"
_NAMES_LOOKED_BACK = 50
"""Capitalised names before a quotation looked at for the person 'he' or 'she' is."""


@dataclass(frozen=True)
class Speaker:
    """Who a candidate quote is attributed to, as far as the text around it says."""

    actor: str | None  # an actor id of the archive
    label: str  # how the text names the speaker ("said Abbas Milani", "the note said")
    suggested: str | None = None  # an id for a speaker not yet in the archive
    name: str | None = None  # that speaker's name, as the text gives it


@dataclass(frozen=True)
class CandidateQuote:
    """Text between quotation marks, with its speaker if one is named nearby."""

    text: str
    speaker: Speaker | None
    prefix: str | None = None  # set when the words occur more than once


def find_quotes(body: str, finder: MentionFinder) -> list[CandidateQuote]:
    """Every run of text between quotation marks, paragraph by paragraph, with its speaker; at
    most `MAX_QUOTES` (an article may hold no more), each found with work that does not grow
    with the number of quotations around it."""
    found: list[CandidateQuote] = []
    haystack = normalize(body)
    for paragraph in re.split(r"\n\s*\n", body):
        spans = _quote_spans(paragraph)
        quote_starts = [start for start, _ in spans]
        mentions = []
        for mention in finder.find(normalize(paragraph)):
            inside = bisect_right(quote_starts, mention.span.start) - 1
            if inside < 0 or mention.span.start >= spans[inside][1]:  # not inside a quotation
                mentions.append(mention)
        near = _Surroundings(paragraph, mentions)
        previous: Speaker | None = None
        for number, (start, end) in enumerate(spans):
            if len(found) == MAX_QUOTES:
                return found
            text = paragraph[start + 1 : end - 1]
            if not text.strip():
                continue
            before = paragraph[spans[number - 1][1] if number else 0 : start]
            after = paragraph[end : spans[number + 1][0] if number + 1 < len(spans) else len(paragraph)]
            speaker = _speaker(near, start, end, before, after, finder)
            if speaker is None and previous is not None:
                label = previous.label.removesuffix(_GOES_ON) + _GOES_ON
                speaker = Speaker(previous.actor, label, previous.suggested, previous.name)
            previous = speaker or previous
            found.append(CandidateQuote(text, speaker, _prefix(haystack, paragraph, start, text)))
    return found


class _Surroundings:
    """A paragraph's mentions of known actors and capitalised names, sorted once, so that each
    quotation looks only at those next to it (a page of 8,000 quotations is read in one pass,
    not 8,000)."""

    def __init__(self, paragraph: str, mentions: list):
        self.paragraph = paragraph
        self.by_start = sorted(mentions, key=lambda m: m.span.start)
        self.starts = [m.span.start for m in self.by_start]
        self.by_end = sorted(mentions, key=lambda m: m.span.end)
        self.ends = [m.span.end for m in self.by_end]
        self._persons: tuple[list[int], list[str]] | None = None

    def starting_within(self, low: int, high: int) -> list:
        """Mentions starting at low..high, first first."""
        return self.by_start[bisect_left(self.starts, low) : bisect_right(self.starts, high)]

    def ending_within(self, low: int, high: int) -> list:
        """Mentions ending at low..high, last first."""
        return self.by_end[bisect_left(self.ends, low) : bisect_right(self.ends, high)][::-1]

    def persons_before(self, start: int) -> list[str]:
        """Capitalised names (`_PERSON`) that end before `start`, in order."""
        if self._persons is None:
            matches = list(_PERSON.finditer(self.paragraph))
            self._persons = ([m.end() for m in matches], [m.group() for m in matches])
        ends, names = self._persons
        return names[: bisect_right(ends, start)]


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level quotation, marks included; unclosed ones are skipped."""
    spans = []
    index = 0
    while index < len(paragraph):
        closer = _PAIRS.get(paragraph[index])
        if closer is None:
            index += 1
            continue
        end = paragraph.find(closer, index + 1)
        if end == -1:
            index += 1
            continue
        spans.append((index, end + 1))
        index = end + 1
    return spans


def _speaker(near: _Surroundings, start, end, before, after, finder) -> Speaker | None:
    """The speaker named next to the quotation at paragraph[start:end], if any."""
    paragraph = near.paragraph
    # 1. A known actor right after it, with a verb of saying between (", said Abbas Milani").
    for mention in near.starting_within(end, end + 30):
        gap = paragraph[end : mention.span.start]
        if _SAID_WORDS.search(gap):
            return Speaker(mention.actor, _mention_label(paragraph, mention))
    # 2. "said X" or "X said" right after it.
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB):
        match = pattern.search(after)
        if match:
            return _named(match, near, start, finder)
    # 2b. Persian and Arabic: the clause after it ends in (or starts with) a verb of saying:
    # "«...»، کاظمی افزود", "«...»، یک مقام گفته است", "«...»، قال أحد المتحدثين".
    clause = _SAYING_CLAUSE.match(after)
    if clause:
        return _clause_speaker(paragraph, end, clause, near.starting_within(end, end + clause.end("clause")))
    # 3. A known actor before it: "X, a researcher, said: «...»", or "said X that «...»".
    for mention in near.ending_within(start - 100, start):
        gap = paragraph[mention.span.end : start]
        if set(gap) & set(_QUOTE_MARKS):
            continue
        said = list(_SAID_WORDS.finditer(gap))
        lead = paragraph[max(0, mention.span.start - 25) : mention.span.start]
        if (said and len(gap) - said[-1].end() <= 4) or (len(gap) <= 12 and _SAID_WORDS.search(lead)):
            return Speaker(mention.actor, _mention_label(paragraph, mention))
    # 4. "X said:" before it.
    match = _BEFORE_NAME_VERB.search(before)
    if match:
        return _named(match, near, start, finder)
    return None


_RTL_SAID = r"(?:گفت|افزود|اظهار|تصریح|عنوان کرد|نوشت|قال|قالت|أضاف|أضافت|صرح|صرّح|كتب|أكد|أكدت)"
_SAYING_CLAUSE = re.compile(
    rf"^\s*[،,]?\s*(?P<clause>(?:[^«»\"“”.!?؟\n]{{0,80}}?\s)?{_RTL_SAID}[^«»\"“”.!?؟\n:]{{0,40}})"
)
"""What follows a quotation in Persian or Arabic when it names the speaker, verb first or last."""


def _clause_speaker(paragraph: str, end: int, clause: re.Match, mentions) -> Speaker:
    """The known actor named in a clause of saying after a quotation, or the clause itself."""
    stop = end + clause.end("clause")
    for mention in sorted(mentions, key=lambda m: m.span.start):
        if end <= mention.span.start and mention.span.end <= stop:
            return Speaker(mention.actor, _mention_label(paragraph, mention))
    return Speaker(None, " ".join(clause["clause"].split()))


def _mention_label(paragraph: str, mention) -> str:
    return (
        " ".join(paragraph[mention.span.start : mention.span.end].split()) + ", named next to the quotation"
    )


def _named(match: re.Match, near: _Surroundings, start: int, finder: MentionFinder) -> Speaker | None:
    who = match["who"].strip()
    label = " ".join(match.group(0).split()).strip(" ,:")
    if who.lower() in ("he", "she", "they"):
        names = [n for n in near.persons_before(start)[-_NAMES_LOOKED_BACK:] if _is_name(n)]
        if not names:
            return Speaker(None, label)
        who = names[-1]
        label = f"{label}: {who}"
    if re.fullmatch(_DESCRIBED, who):
        return Speaker(None, label)
    actor = _actor_named(who, finder)
    if actor:
        return Speaker(actor, label)
    if _is_name(who):
        return Speaker(None, label, suggested=slugify(who), name=who)
    return Speaker(None, label)


def _is_name(text: str) -> bool:
    words = text.split()
    if not words or words[0] in _STOP_NAMES:
        return False
    return len(words) >= 2 or bool(re.match(_HONORIFIC, words[0]))


def _actor_named(text: str, finder: MentionFinder) -> str | None:
    found = finder.find(normalize(text))
    return (
        found[0].actor
        if len(found) == 1 and found[0].span.end - found[0].span.start >= len(text) - 2
        else None
    )


def _prefix(haystack, paragraph: str, start: int, text: str) -> str | None:
    """The words before a quotation whose words occur more than once in the article, or None."""
    try:
        find_passage(haystack, text)
        return None
    except AnchorError:
        pass
    words = paragraph[:start].split()
    for count in range(2, min(12, len(words)) + 1):
        prefix = " ".join(words[-count:])
        try:
            find_passage(haystack, text, prefix=prefix)
            return prefix
        except AnchorError:
            continue
    return None
