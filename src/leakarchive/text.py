"""The article text: its canonical form, its checksum, and typography-tolerant matching.

Quotes and annotations are stand-off annotations on the verbatim text, in the spirit of the W3C
Web Annotation TextQuoteSelector. Matching forgives typography only (curly or straight quotes,
dashes, runs of white space, non-breaking spaces), never words.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip
_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")


def canonical_body(text: str) -> str:
    """The article body as archived: LF line ends, no blank lines around it, one final newline.

    Everything between is kept byte for byte; this is what `text_sha256` is computed over.
    """
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
    """Text with typography folded, and a map from each folded character back to the original."""

    text: str
    origin: tuple[int, ...]  # origin[i] = offset in the original of folded character i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering folded characters start..end (end exclusive, > start)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> NormalizedText:
    """Fold typography: curly quotes and dashes to ASCII, each run of white space to one space."""
    folded: list[str] = []
    origin: list[int] = []
    translated = text.translate(_TYPOGRAPHY)
    position = 0
    for match in _SPACE.finditer(translated):
        for offset in range(position, match.start()):
            folded.append(translated[offset])
            origin.append(offset)
        folded.append(" ")
        origin.append(match.start())
        position = match.end()
    for offset in range(position, len(translated)):
        folded.append(translated[offset])
        origin.append(offset)
    return NormalizedText("".join(folded), tuple(origin))


def fold(text: str) -> str:
    """Fold the typography of a short needle (a quote, a prefix): same rules as `normalize`."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


@dataclass(frozen=True)
class Match:
    """Where a needle stands in the original text: character offsets, end exclusive."""

    start: int
    end: int


class AnchorError(ValueError):
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
    starts = []
    index = haystack.text.find(folded_needle)
    while index != -1:
        starts.append(index)
        index = haystack.text.find(folded_needle, index + 1)
    if not starts:
        closest = closest_passage(haystack.text, folded_needle)
        raise AnchorError(
            f'expected a passage found in the article text, found none; closest passage: "{closest}"'
        )
    if prefix:
        folded_prefix = fold(prefix)
        starts = [s for s in starts if haystack.text[:s].rstrip().endswith(folded_prefix)]
    if suffix:
        folded_suffix = fold(suffix)
        end = len(folded_needle)
        starts = [s for s in starts if haystack.text[s + end :].lstrip().startswith(folded_suffix)]
    if not starts:
        raise AnchorError("the passage is in the text, but not with the given prefix/suffix")
    if len(starts) > 1:
        raise AnchorError(
            f"the passage occurs {len(starts)} times in the text: add a prefix or suffix "
            "(the words just before or after it) to say which one"
        )
    start, end = haystack.span(starts[0], starts[0] + len(folded_needle))
    return Match(start, end)


def closest_passage(text: str, needle: str) -> str:
    """The stretch of `text` most like `needle`, for a did-you-mean. Slow; error path only."""
    words = text.split(" ")
    width = max(1, len(needle.split(" ")))
    best, best_ratio = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    step = max(1, width // 4)
    for start in range(0, max(1, len(words) - width + 1), step):
        candidate = " ".join(words[start : start + width])
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best if len(best) <= 200 else best[:200] + "…"
