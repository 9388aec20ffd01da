"""The article text: its canonical form, its checksum, and typography-tolerant matching.

Quotes and annotations are stand-off annotations on the verbatim text, in the spirit of the W3C
Web Annotation TextQuoteSelector. Matching forgives typography only (curly or straight quotes,
dashes, runs of white space, non-breaking spaces), never words.
"""

from __future__ import annotations

import difflib
import hashlib
import heapq
import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .errors import LeakArchiveError

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        # Arabic letter forms that Persian writes otherwise: texts and copies use either.
        "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_TYPOGRAPHIC = re.compile("[" + "".join(chr(code) for code in _TYPOGRAPHY) + "]")


def _fold_typography(text: str) -> str:
    """`text.translate(_TYPOGRAPHY)`, fast: most texts have few typographic characters, and
    str.translate looks every character up in a Python dict."""
    if _TYPOGRAPHIC.search(text) is None:
        return text
    return _TYPOGRAPHIC.sub(lambda match: _TYPOGRAPHY[ord(match.group())], text)


def canonical_body(text: str) -> str:
    """The article body as archived: LF line ends, no blank lines around it, one final newline.

    Everything between is kept byte for byte; this is what `text_sha256` is computed over.
    A text already in that form is returned as is, not copied (an archive holds it once).
    """
    if (
        text.endswith("\n")
        and not text.endswith("\n\n")
        and "\r" not in text
        and text[: text.find("\n")].strip()
        and text[text.rfind("\n", 0, -1) + 1 :].strip()
    ):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def sha256_text(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of `text`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NormalizedText:
    """Text with typography folded, and a way back from folded offsets to original ones.

    Folding maps every character to one character, except runs of white space, which become a
    single space. So the map back only needs the runs of two or more white-space characters:
    `shifts` holds, for each such run, the folded offset just after it and how many original
    characters have been dropped up to there. That is a few entries per article, not one per
    character.
    """

    text: str
    breaks: tuple[int, ...]  # folded offsets just after each collapsed run, ascending
    shifts: tuple[int, ...]  # characters dropped up to and including that run
    source: str = ""  # the original text (the same string, not a copy), for messages

    def original(self, offset: int) -> int:
        """The original offset of the folded character at `offset`."""
        index = bisect_right(self.breaks, offset)
        return offset + (self.shifts[index - 1] if index else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering folded characters start..end (end exclusive, > start)."""
        return self.original(start), self.original(end - 1) + 1


# Python's \s is every character str.isspace() accepts, NBSP (U+00A0), U+202F and U+2007 included.
_LONG_SPACE = re.compile(r"\s\s+")


def normalize(text: str) -> NormalizedText:
    """Fold typography: curly quotes and dashes to ASCII, each run of white space to one space."""
    translated = _fold_typography(text)
    breaks: list[int] = []
    shifts: list[int] = []
    dropped = 0
    for run in _LONG_SPACE.finditer(translated):
        dropped += len(run.group()) - 1
        breaks.append(run.end() - dropped)
        shifts.append(dropped)
    # str.split() splits on the same white space as \s, in C; keep an outer space if there was one.
    folded = " ".join(translated.split())
    if translated[:1].isspace():
        folded = " " + folded
    if translated[-1:].isspace() and len(translated.strip()):
        folded += " "
    return NormalizedText(folded, tuple(breaks), tuple(shifts), text)


JOINER = "\u200c"
"""The zero-width non-joiner of Persian spelling."""


def without_joiners(haystack: NormalizedText) -> NormalizedText:
    """`haystack` with its zero-width non-joiners dropped, its offsets still mapping to the
    original text (a dropped joiner counts like a dropped space). Linear; for retries only."""
    if JOINER not in haystack.text:
        return haystack
    kept: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    previous = 0
    for index, char in enumerate(haystack.text):
        if char == JOINER:
            continue
        shift = haystack.original(index) - len(kept)
        if shift != previous:
            breaks.append(len(kept))
            shifts.append(shift)
            previous = shift
        kept.append(char)
    return NormalizedText("".join(kept), tuple(breaks), tuple(shifts), haystack.source)


def _joiners_as_spaces(haystack: NormalizedText) -> NormalizedText:
    """`haystack` with each zero-width non-joiner read as a space ("می دهد" for "می‌دهد")."""
    return NormalizedText(
        haystack.text.replace(JOINER, " "), haystack.breaks, haystack.shifts, haystack.source
    )


def fold(text: str) -> str:
    """Fold the typography of a short needle (a quote, a prefix): same rules as `normalize`."""
    return _SPACE.sub(" ", _fold_typography(text)).strip()


@dataclass(frozen=True)
class Match:
    """Where a needle stands in the original text: character offsets, end exclusive."""

    start: int
    end: int


class AnchorError(LeakArchiveError, ValueError):
    """A quote or passage that cannot be placed in the text; the message says why."""


def find_passage(
    haystack: NormalizedText,
    needle: str,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Match:
    """Find `needle` once in the text, using prefix/suffix to choose among repeats.

    Raises AnchorError naming the closest passage when it is absent, or the count when it is
    ambiguous.
    """
    folded_needle = fold(needle)
    if not folded_needle:
        raise AnchorError("expected a passage of the text, found an empty value")
    starts = _whole_word_starts(haystack.text, folded_needle)
    if not starts and JOINER in folded_needle + haystack.text:
        # Persian copies keep or lose zero-width non-joiners ("می‌دهد", "میدهد"): try without.
        for joined, spaced in ((without_joiners(haystack), ""), (_joiners_as_spaces(haystack), " ")):
            try:
                return find_passage(joined, needle.replace(JOINER, spaced), prefix, suffix)
            except AnchorError:
                pass
    if not starts:
        raise AnchorError(_not_found(haystack, needle, folded_needle))
    chosen = _between(haystack.text, starts, len(folded_needle), prefix, suffix)
    _check_one(chosen, len(starts), prefix, suffix)
    start, end = haystack.span(chosen[0], chosen[0] + len(folded_needle))
    return Match(start, end)


def _whole_word_starts(text: str, folded_needle: str) -> list[int]:
    """Where `folded_needle` occurs in the folded `text` as whole words: "war" is not found in
    "software", nor "Iran" in "Iranian". Raises AnchorError when it occurs only inside words."""
    starts = []
    index = text.find(folded_needle)
    while index != -1:
        starts.append(index)
        index = text.find(folded_needle, index + 1)
    whole = [s for s in starts if not _cuts_a_word(text, s, s + len(folded_needle))]
    if starts and not whole:
        inside = _word_around(text, starts[0], starts[0] + len(folded_needle))
        raise AnchorError(
            f'expected a passage of whole words, found it only inside longer words, as in "{inside}"'
        )
    return whole


def _between(text: str, starts: list[int], length: int, prefix: str | None, suffix: str | None) -> list[int]:
    """The `starts` of a passage `length` long that follow `prefix` and precede `suffix`."""
    # Runs of white space are single spaces in the folded text, so the prefix ends at most one
    # space before the passage (and the suffix starts at most one after): look only there.
    if prefix:
        folded_prefix = fold(prefix)
        width = len(folded_prefix) + 1
        starts = [s for s in starts if text[max(0, s - width) : s].rstrip().endswith(folded_prefix)]
    if suffix:
        folded_suffix = fold(suffix)
        width = len(folded_suffix) + 1
        starts = [
            s for s in starts if text[s + length : s + length + width].lstrip().startswith(folded_suffix)
        ]
    return starts


def _check_one(chosen: list[int], occurrences: int, prefix: str | None, suffix: str | None) -> None:
    """Raise AnchorError unless prefix and suffix chose exactly one of the `occurrences`."""
    if not chosen:
        where = " and ".join(
            f"{side} the {name} '{value}'"
            for side, name, value in (("after", "prefix", prefix), ("before", "suffix", suffix))
            if value
        )
        times = "once" if occurrences == 1 else f"{occurrences} times"
        raise AnchorError(f"expected the passage {where}, found it {times} in the text, never there")
    if len(chosen) > 1:
        raise AnchorError(
            f"expected a passage that occurs once in the text, found it {len(chosen)} times: add a "
            "prefix or suffix (the words just before or after it) to say which one"
        )


CLOSEST_COMPARED = 1_000
"""Characters of a passage compared by difflib (quadratic in them) when looking for the closest
one: enough to tell passages apart, and a bound on the cost of a very long wrong quote."""
CLOSEST_WINDOWS = 4
"""Best-scored windows of the text whose surroundings are compared by difflib."""


def _best_windows(text: str, wanted: list[str], width: int) -> list[int]:
    """The starts (word indexes) of the `CLOSEST_WINDOWS` windows of `width` words holding the
    most words of `wanted` (case and punctuation aside), earliest first among equals. Only the
    places where those words occur are looked at, found in an index of the text's words made once
    per text: each further quote of the article costs the occurrences of its own words."""
    index = _word_index(text)[1]
    positions = sorted(p for key in {_word_key(word) for word in wanted} for p in index.get(key, ()))
    if not positions:
        return [0]
    counts = []
    ahead = 0
    for here, start in enumerate(positions):
        while ahead < len(positions) and positions[ahead] < start + width:
            ahead += 1
        counts.append((-(ahead - here), start))
    return [start for _, start in heapq.nsmallest(CLOSEST_WINDOWS, counts)]


@lru_cache(maxsize=4)
def _word_index(text: str) -> tuple[list[str], dict[str, list[int]]]:
    """The words of a folded text, and where each word (`_word_key`) occurs."""
    words = text.split(" ")
    index: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        index.setdefault(_word_key(word), []).append(position)
    return words, index


def _word_key(word: str) -> str:
    return word.strip(_PUNCTUATION).casefold()


_PUNCTUATION = "\"'.,;:!?()[]{}-«»"


def _not_found(haystack: NormalizedText, needle: str, folded_needle: str) -> str:
    """Why a passage is not in the text: the first word that differs from the closest passage,
    and that passage in the text's own characters, quoted for YAML, ready to paste."""
    closest = closest_passage(haystack.text, folded_needle)
    at = haystack.text.find(closest) if closest else -1
    if at == -1 or not haystack.source:
        return f'expected a passage found in the article text, found none; closest passage: "{closest}"'
    start, end = haystack.span(at, at + len(closest))
    passage = haystack.source[start:end]
    return (
        f"expected a passage found in the article text, found none: {first_difference(needle, passage)}; "
        f"the passage in the text, to paste: {json.dumps(_LINE_BREAKS.sub(' ', passage), ensure_ascii=False)}"
    )


_INVISIBLE = re.compile(
    "[\u00a0\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Characters a reader cannot see (or sees as a plain space), which a copy may add or lose."""


def first_difference(quote: str, passage: str) -> str:
    """Where `quote` first differs from `passage`, word by word, as a message says it."""
    quoted = quote.split()
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", passage)]
    found = [passage[start:end] for start, end in spans]
    matcher = difflib.SequenceMatcher(
        None, [fold(w) for w in quoted], [fold(w) for w in found], autojunk=False
    )
    for tag, q1, q2, t1, t2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours, theirs = " ".join(quoted[q1:q2]), " ".join(found[t1:t2])
        if tag == "delete":
            return f"the quote has '{ours}', which the text does not have" + _after(found, t1)
        if tag == "insert":
            return f"the text has '{theirs}', which the quote leaves out" + _after(found, t1)
        invisible = _invisible_difference(ours, passage[spans[t1][0] : spans[t2 - 1][1]])
        if invisible:
            return (
                f"the quote's '{ours}' and the text's '{theirs}' differ in invisible characters: {invisible}"
            )
        return f"the quote has '{ours}' where the text has '{theirs}'"
    return "the quote and the closest passage differ only in spacing or punctuation"


def _after(words: list[str], index: int) -> str:
    return f" (after '{words[index - 1]}')" if index else " (at the start)"


def _invisible_difference(ours: str, theirs: str) -> str:
    """Name the invisible characters (and no-break spaces) that make two stretches differ, or ''
    if visible ones do."""
    if _SPACES.sub("", _INVISIBLE.sub("", ours)) != _SPACES.sub("", _INVISIBLE.sub("", theirs)):
        return ""

    def named(text: str) -> str:
        chars = sorted(set(_INVISIBLE.findall(text)))
        return ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})" for c in chars) or "none"

    return f"the quote has {named(ours)}, the text has {named(theirs)}"


_SPACES = re.compile(r"\s+")
_LINE_BREAKS = re.compile(r"[ \t]*[\n\r][ \t]*")  # a passage over a line break: pasted on one line


def _is_word(char: str) -> bool:
    """Letters, digits and combining marks (Arabic and Persian vowel signs) make up words."""
    return char == "_" or unicodedata.category(char)[0] in "LNM"


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] starts or ends in the middle of a word."""
    cut_start = 0 < start < len(text) and _is_word(text[start - 1]) and _is_word(text[start])
    cut_end = 0 < end < len(text) and _is_word(text[end - 1]) and _is_word(text[end])
    return cut_start or cut_end


def _word_around(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole words, for a message."""
    while start > 0 and _is_word(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word(text[end]):
        end += 1
    return text[start:end]


def closest_passage(text: str, needle: str) -> str:
    """The stretch of `text` most like `needle`, for a did-you-mean; linear in the text's length.

    Windows of the needle's width are scored by the needle's words they hold (`_best_windows`);
    only around the best few are passages compared character by character (difflib), so that a
    quote that drops or adds a word is shown its whole passage. A wrong quote in a long article
    costs the occurrences of its words, not one comparison per word of the article.
    """
    words = _word_index(text)[0]
    width = max(1, len(needle.split(" ")))
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle[:CLOSEST_COMPARED])
    best, best_ratio = "", -1.0
    for around in _best_windows(text, needle.split(" "), width):
        for size in (width, width + 1, width - 1):
            for start in range(max(0, around - 2), min(len(words), around + 3)):
                candidate = " ".join(words[start : start + size])
                if size <= 0 or not candidate:
                    continue
                matcher.set_seq1(candidate[:CLOSEST_COMPARED])
                if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                    continue
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio = candidate, ratio
    # Quotation marks around the passage belong to the text, not to the quote: drop them, or a
    # message quoting the passage would show it as ""The cuts…"".
    if not needle.startswith(("'", '"')):
        best = best.lstrip("'\"")
    if not needle.endswith(("'", '"')):
        best = best.rstrip("'\"")
    return best if len(best) <= 200 else best[:200] + "…"


# Spellings that must not matter to search: the zero-width non-joiner (Persian is typed with it
# or without), the kashida that only stretches a word, and the Arabic forms of yeh and kaf that
# Arabic keyboards give for the Persian ones. The same rules are in the theme's
# assets/javascripts/leakarchive-fold.js, which folds queries and Material's index.
_SEARCH_FOLDS = {"\u200c": None, "\u0640": None, "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}
SEARCH_FOLD_TABLE = str.maketrans(_SEARCH_FOLDS)
SEARCH_FOLD_BYTES = tuple(char.encode() for char in _SEARCH_FOLDS)
"""Each folded character in UTF-8: a page holding none of them needs no folding."""


def fold_for_search(text: str) -> str:
    """`text` as search indexes it: see `_SEARCH_FOLDS`."""
    return text.translate(SEARCH_FOLD_TABLE)
