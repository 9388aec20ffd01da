"""The data model: what an article, an actor and a leak are.

These pydantic models are the single source of truth for the archive's shape. The validator
checks files against them, and `leakarchive schema` turns them into JSON Schema for editors, so
the two can never disagree.

Every YAML scalar reaches these models as text (see `load.py`): YAML 1.1's habit of reading `no`
as false or `2010-01` as a number cannot happen, and each field parses its own text here.
"""

from __future__ import annotations

import calendar
import hashlib
import ipaddress
import re
import typing
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from . import calendars
from .budgets import (
    MAX_ALIASES,
    MAX_ANNOTATIONS,
    MAX_LINE,
    MAX_LINKS,
    MAX_MARKDOWN,
    MAX_NAME,
    MAX_QUOTES,
    MAX_SLUG,
    MAX_URL,
)
from .namecheck import stray_joiner
from .prose import markdown_problem
from .urls import RESERVED_IDS

# --- vocabularies ---------------------------------------------------------------------------

VERIFICATION_STATUSES = ("unverified", "corroborated", "confirmed", "disputed", "fabricated")
"""The verification vocabulary shared by leaks and articles, weakest claim first."""

STATUS_SYNONYMS = {
    "verified": "confirmed",
    "authenticated": "confirmed",
    "authentic": "confirmed",
    "genuine": "confirmed",
    "unconfirmed": "unverified",
    "alleged": "unverified",
    "contested": "disputed",
    "denied": "disputed",
    "fake": "fabricated",
    "forged": "fabricated",
    "false": "fabricated",
}
"""Words contributors reach for, and the term of the vocabulary that means them. Spelling alone
would suggest 'unverified' for 'verified', the opposite of what was meant."""

VerificationStatus = Literal["unverified", "corroborated", "confirmed", "disputed", "fabricated"]
Stance = Literal["reports", "corroborates", "disputes", "denies"]
ActorKind = Literal["person", "organization", "outlet", "state-body"]
LeakKind = Literal["memo", "audio", "video", "cables", "meeting-report", "account", "database", "other"]

LANGUAGE_NAMES = {
    "ar": "Arabic", "az": "Azerbaijani", "ckb": "Central Kurdish", "de": "German", "en": "English",
    "es": "Spanish", "fa": "Persian", "fr": "French", "he": "Hebrew", "hi": "Hindi", "it": "Italian",
    "ja": "Japanese", "ku": "Kurdish", "nl": "Dutch", "ps": "Pashto", "pt": "Portuguese",
    "ru": "Russian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese",
}  # fmt: skip
"""Names of the languages texts in the archive come in, by primary subtag, for readers."""


def language_name(tag: str) -> str:
    """A BCP 47 tag as a reader reads it: 'fa' -> 'Persian', 'en-GB' -> 'English (en-GB)'."""
    name = LANGUAGE_NAMES.get(tag.split("-")[0].lower())
    if name is None:
        return tag
    return name if "-" not in tag else f"{name} ({tag})"


RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"})
"""Primary language subtags written right to left."""

# --- text checks ----------------------------------------------------------------------------

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Bidi embeddings, overrides and isolates can make a name display as something else.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# ZWNJ (U+200C) and ZWJ (U+200D) are part of Persian and Arabic spelling ("سه‌شنبه"): allowed.
_ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e\u061c")


def unsafe_character(text: str, *, multiline: bool = False) -> str | None:
    """Describe the first character that may not appear in `text`, or return None.

    Control characters, bidi controls and zero-width characters (other than the joiners that
    Persian and Arabic need) are refused: they hide or reorder what a reader sees.
    """
    suspect = (_SUSPECT_MULTILINE if multiline else _SUSPECT).search(text)
    if suspect is None:  # the common case, found by one scan in C
        return None
    for offset in range(suspect.start(), len(text)):
        char = text[offset]
        if multiline and char in "\n\t":
            continue
        if char in _BIDI_CONTROLS:
            kind = "a bidi control character"
        elif char in _ZERO_WIDTH:
            kind = "a zero-width character"
        elif unicodedata.category(char) in ("Cc", "Cs", "Co") or char in "\u2028\u2029":
            kind = "a control character"
        else:
            continue
        name = unicodedata.name(char, "")  # control characters have no name in Unicode
        label = f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"
        return f"{kind} {label} at character {offset + 1}"
    return None


# Every character `unsafe_character` refuses (categories Cc, Cs and Co spelled out as ranges).
_SUSPECT_CLASS = "\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff" + "".join(
    sorted(_BIDI_CONTROLS | _ZERO_WIDTH)
)
_SUSPECT = re.compile(f"[{_SUSPECT_CLASS}]")
_SUSPECT_MULTILINE = re.compile(f"[{_SUSPECT_CLASS}](?<![\n\t])")


def check_line(text: str) -> str:
    """A title, name or alias: one line of plain text, not empty, not too long; or a ValueError."""
    if len(text) > MAX_LINE:
        raise ValueError(f"expected at most {MAX_LINE} characters on one line, found {len(text)}")
    problem = unsafe_character(text) or stray_joiner(text)
    if problem:
        raise ValueError(f"expected plain text on one line, found {problem}")
    if not text.strip():
        raise ValueError("expected text, found an empty value")
    return text


def _name(text: str) -> str:
    if len(text) > MAX_NAME:
        raise ValueError(f"expected a name of at most {MAX_NAME} characters, found {len(text)}")
    return check_line(text)


def _prose(text: str) -> str:
    problem = unsafe_character(text, multiline=True)
    if problem:
        raise ValueError(f"expected text, found {problem}")
    if not text.strip():
        raise ValueError("expected text, found an empty value")
    return text


def _markdown(text: str) -> str:
    text = _prose(text)
    problem = markdown_problem(text)  # exactly what the renderer will refuse (prose.py)
    if problem:
        raise ValueError(problem)
    return text


def check_id(text: str) -> str:
    """An id: lower-case letters a-z, digits and single hyphens, not too long; or a ValueError."""
    if len(text) > MAX_SLUG:
        raise ValueError(f"expected an id of at most {MAX_SLUG} characters, found {len(text)}")
    if not SLUG_RE.fullmatch(text):
        suggestion = slugify(text)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        raise ValueError(
            f"expected an id of lower-case letters a-z, digits and single hyphens, found '{text}'{hint}"
        )
    return text


def reserved_id_problem(entity_id: str) -> str | None:
    """Why a well-formed id cannot be used (its page would collide with an index page), or None."""
    return f"expected an id other than '{entity_id}' (reserved)" if entity_id in RESERVED_IDS else None


def slugify(text: str) -> str:
    """Make a safe id from a title or name: ASCII lower case, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")


PASSAGE_ID_WORDS = 6
"""Words of a passage that make its derived id: enough to tell the passages of one article apart."""
PASSAGE_ID_LENGTH = 48
CONTEXT_ID_WORDS = 3
"""Words of a prefix (its last) or suffix (its first) added to the id of a passage that repeats."""


def passage_id(passage: str, prefix: str | None = None, suffix: str | None = None) -> str:
    """The id of a quote or note that has none of its own, made from its selector alone.

    It depends only on the words quoted (and the prefix or suffix that tells a repeated passage
    apart), never on the order of the front matter: adding, removing or reordering other quotes
    leaves it as it is. Latin-script passages give their words in reading order
    ('i-think-the-purged-and-discontented', 'we-will-not-comment-until-the-audit'); others
    (Persian, Arabic) a short hash of their letters and digits, which typography and spacing do
    not change. Two entries of one article with the same id are reported by `validate`.
    """
    whole = " ".join(filter(None, (prefix, passage, suffix)))
    if whole.isascii() or _mostly_latin(whole):
        passage, prefix, suffix = (_APOSTROPHES.sub("", part or "") for part in (passage, prefix, suffix))
        core = _words_id(slugify(passage).split("-")[:PASSAGE_ID_WORDS], PASSAGE_ID_LENGTH)
        before = slugify(prefix or "").split("-")[-CONTEXT_ID_WORDS:]
        after = slugify(suffix or "").split("-")[:CONTEXT_ID_WORDS]
        slug = "-".join(filter(None, [*before, core, *after]))
        if core:
            return slug
    letters_and_digits = "".join(re.findall(r"\w+", unicodedata.normalize("NFKC", whole).casefold()))
    return hashlib.sha256(letters_and_digits.encode("utf-8")).hexdigest()[:10]


def _mostly_latin(text: str) -> bool:
    """Whether most letters of `text` are Latin ones (accents aside)."""
    letters = [char for char in text if char.isalpha()]
    latin = sum(unicodedata.normalize("NFKD", char)[0].isascii() for char in letters)
    return latin * 2 >= len(letters)


_APOSTROPHES = re.compile("['\u2018\u2019\u02bc]")  # "Khamenei’s" and "Khamenei's" make one word


def _words_id(words: list[str], limit: int) -> str:
    """Words joined by hyphens, as many as fit in `limit` characters (at least the first, cut)."""
    slug = ""
    for word in filter(None, words):
        if slug and len(slug) + 1 + len(word) > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug


def check_http_url(text: str) -> str:
    """`text` if it is an http(s) address by the one URL rule (`url_problem`); else ValueError."""
    problem = url_problem(text)
    if problem:
        raise ValueError(problem)
    return text


def url_problem(text: str) -> str | None:
    """Why `text` is not an address the archive accepts, or None: the one URL rule.

    It is read by the standard library's parser, as every later step reads it: http or https,
    a host that parses (a name, an IPv4 or a bracketed IPv6 address), a port from 1 to 65535,
    no user-info part ("https://www.nytimes.com@evil.example/" shows one host and opens
    another), no control or white-space character, at most `MAX_URL` characters. `validate`,
    the importer, `leakarchive new` and the output steps all use it, so nothing after `validate`
    meets an address it cannot parse.
    """
    found = f"found '{text[:60]}…'" if len(text) > 60 else f"found '{text}'"
    if len(text) > MAX_URL:
        return f"expected an address of at most {MAX_URL:,} characters, found {len(text):,}"
    bad = unsafe_character(text)
    if bad:
        return f"expected an address, found {bad}"
    space = next((index for index, char in enumerate(text) if char.isspace()), None)
    if space is not None:
        return f"expected an address without spaces, found one at character {space + 1} (write it as %20)"
    if not re.match(r"https?://", text, re.IGNORECASE):
        return f"expected an http:// or https:// address, {found}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        return f"expected an address that parses, {found} ({error})"
    if "@" in parts.netloc:
        return (
            f"expected an address without a user-info part (text before '@' in the host), {found}: "
            f"it would open {parts.hostname}"
        )
    host = parts.hostname or ""
    if not _valid_host(host, bracketed=parts.netloc.startswith("[")):
        return f"expected an address with a valid host name, {found}"
    if port == 0:
        return f"expected a port from 1 to 65535, {found}"
    return None


_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")  # "_" is no DNS letter, but real hosts have it


def _valid_host(host: str, *, bracketed: bool) -> bool:
    """A DNS name (any script, as IDNA), a dotted IPv4 address, or a bracketed IPv6 address."""
    if bracketed:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    if re.fullmatch(r"[0-9.]+", host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
        return True
    try:
        ascii_host = host.rstrip(".") if host.isascii() else host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.split(".")
    return 0 < len(ascii_host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def check_language(text: str) -> str:
    """`text` if it is a BCP 47 language tag; else ValueError saying what was found."""
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", text):
        raise ValueError(f"expected a BCP 47 language tag such as 'en' or 'fa', found '{text}'")
    return text


def _sha256(text: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{64}", text):
        raise ValueError(f"expected 64 lower-case hexadecimal digits, found '{text}'")
    return text


def _wikidata(text: str) -> str:
    if not re.fullmatch(r"Q[1-9][0-9]*", text):
        raise ValueError(f"expected a Wikidata item id such as 'Q42', found '{text}'")
    return text


# --- dates with precision -------------------------------------------------------------------


_MONTH_NAMES = tuple(calendar.month_name)  # read once: each lookup in calendar.month_name calls strftime


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month or a day. Precision is kept, never invented."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def known(self) -> PartialDate:
        """The date itself (a DateSpan gives its earliest known date): for `<time datetime>`."""
        return self

    def sort_key(self) -> tuple[int, int, int]:
        """Order dates; a bare year sorts before its months, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    def earliest(self) -> date:
        """The first day the date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def human(self) -> str:
        """The date as a reader sees it, at its real precision: '12 January 2010', 'January 2010'."""
        if self.month is None:
            return str(self.year)
        month = _MONTH_NAMES[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; raise ValueError on anything else."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not match:
            raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '{text}'")
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"expected a month from 01 to 12, found '{text}'")
        if day is not None and year in calendars.YEARS:
            raise ValueError(
                f"expected a year from 1800 on, found '{text}'{_solar_hijri_hint(year, month, day)}"
            )
        if month is not None and day is not None:  # the pattern gives no day without a month
            try:
                date(year, month, day)
            except ValueError:
                raise ValueError(f"expected a real calendar date, found '{text}'") from None
        if year < 1800:
            raise ValueError(
                f"expected a year from 1800 on, found '{text}'{_solar_hijri_hint(year, month, day)}"
            )
        return cls(year, month, day)


def _solar_hijri_hint(year: int, month: int | None, day: int | None) -> str:
    """What a Solar Hijri date (Iranian calendar, 'YYYY-MM-DD' with a year such as 1388) is in
    the Gregorian calendar the archive uses: said in the message, since it is the likely fix."""
    if year not in calendars.YEARS:
        return ""
    first, second = calendars.year_to_gregorian(year)
    if month and day:
        try:
            converted = calendars.to_gregorian(year, month, day)
        except ValueError:
            pass
        else:
            return (
                f": this looks like a Solar Hijri date ({day} {calendars.MONTHS_LATIN[month - 1]} {year}), "
                f"which is {converted.isoformat()}: write that"
            )
    if month and not day:
        start = calendars.to_gregorian(year, month, 1)
        end = calendars.to_gregorian(year, month, calendars.month_length(year, month))
        return (
            f": this looks like a Solar Hijri month ({calendars.MONTHS_LATIN[month - 1]} {year}), which runs "
            f"from {start.isoformat()} to {end.isoformat()}: write the Gregorian date, as precisely as known"
        )
    return (
        f": this looks like a Solar Hijri year, which runs from March {first} to March {second}: write "
        f"the Gregorian date ({first} or {second}, or YYYY-MM-DD once the day is known)"
    )


def _parse_partial_date(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {describe(value)}")
    return PartialDate.parse(value)


@dataclass(frozen=True)
class DateSpan:
    """A date known exactly (to a year, month or day), as a range, or only as a bound:
    '2010-01-12', '2009-12/2010-01' (ISO 8601's interval), 'before 2010-01-12', 'after 2009-06'.
    A leak's date is often known no better ("some time before it was published")."""

    start: PartialDate | None  # None: no earlier bound ("before ...")
    end: PartialDate | None  # None: no later bound ("after ...")

    def __str__(self) -> str:
        if self.start == self.end:
            return str(self.start)
        if self.start is None:
            return f"before {self.end}"
        if self.end is None:
            return f"after {self.start}"
        return f"{self.start}/{self.end}"

    @property
    def precision(self) -> str:
        """The precision of an exact date; 'range', 'before' or 'after' otherwise."""
        if self.start == self.end and self.start is not None:
            return self.start.precision
        return "before" if self.start is None else "after" if self.end is None else "range"

    @property
    def year(self) -> int:
        return self.known().year

    def known(self) -> PartialDate:
        """The earliest date the span names (its end, for 'before ...')."""
        found = self.start or self.end
        if found is None:  # parse() never makes a span open at both ends
            raise ValueError("a date span with neither start nor end")
        return found

    def sort_key(self) -> tuple[int, int, int]:
        return self.known().sort_key()

    def earliest(self) -> date:
        return self.known().earliest()

    def human(self) -> str:
        """As a reader sees it: 'before 12 January 2010', 'between December 2009 and January 2010'."""
        if self.start == self.end:
            return self.known().human()
        if self.start is None:
            return f"before {self.known().human()}"
        if self.end is None:
            return f"after {self.start.human()}"
        return f"between {self.start.human()} and {self.end.human()}"

    @classmethod
    def parse(cls, text: str) -> DateSpan:
        """Read a date, a range 'A/B' or a bound 'before A' / 'after A'; ValueError otherwise."""
        words = text.strip().split(maxsplit=1)
        if len(words) == 2 and words[0] in ("before", "after"):
            bound = PartialDate.parse(words[1])
            return cls(None, bound) if words[0] == "before" else cls(bound, None)
        if "/" in text:
            first, _, second = text.partition("/")
            start, end = PartialDate.parse(first.strip()), PartialDate.parse(second.strip())
            if end.sort_key() < start.sort_key():
                raise ValueError(f"expected a range from the earlier date to the later, found '{text}'")
            return cls(start, end)
        try:
            exact = PartialDate.parse(text)
        except ValueError as error:
            if "Solar Hijri" in str(error):
                raise
            raise ValueError(
                f"{error}; a date known less well is written as a range (2009-12/2010-01) or a bound "
                "(before 2010-01-12, after 2009-06)"
            ) from None
        return cls(exact, exact)


def _parse_date_span(value: object) -> DateSpan:
    if isinstance(value, DateSpan):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date, a range or a bound, found {describe(value)}")
    return DateSpan.parse(value)


def _parse_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError(f"expected true or false, found {describe(value)}")


def describe(value: object) -> str:
    """Name what a contributor wrote, for an error message: 'a list', 'the text 'x''."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


# --- field types ----------------------------------------------------------------------------

Slug = Annotated[
    str,
    AfterValidator(check_id),
    WithJsonSchema({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": MAX_SLUG}),
]
ActorRef = Annotated[Slug, Field(description="An actor id: the file name under archive/actors/")]
LeakRef = Annotated[Slug, Field(description="A leak id: the file name under archive/leaks/")]
Line = Annotated[str, AfterValidator(check_line), WithJsonSchema({"type": "string"})]
Name = Annotated[str, AfterValidator(_name), WithJsonSchema({"type": "string", "maxLength": MAX_NAME})]
"""An actor's name or alias: every one is compiled into the pattern that finds mentions."""
Prose = Annotated[str, AfterValidator(_prose), WithJsonSchema({"type": "string"})]
MarkdownText = Annotated[
    str,
    AfterValidator(_markdown),
    WithJsonSchema({"type": "string", "maxLength": MAX_MARKDOWN, "description": "Markdown"}),
]
"""A field written in Markdown (summaries, notes, descriptions): rendered by `prose.prose_html`."""
HttpUrl = Annotated[
    str,
    AfterValidator(check_http_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
DateValue = Annotated[
    PartialDate,
    PlainValidator(_parse_partial_date),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "YYYY, YYYY-MM or YYYY-MM-DD: write only what is known",
        }
    ),
]
DateSpanValue = Annotated[
    DateSpan,
    PlainValidator(_parse_date_span),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(?:(?:before|after) )?\d{4}(-\d{2}(-\d{2})?)?(?:/\d{4}(-\d{2}(-\d{2})?)?)?$",
            "description": "A date (YYYY, YYYY-MM or YYYY-MM-DD, only what is known), a range "
            "(2009-12/2010-01) or a bound (before 2010-01-12, after 2009-06)",
        }
    ),
]
Flag = Annotated[
    bool,
    PlainValidator(_parse_flag),
    WithJsonSchema({"enum": [True, False, "true", "false"], "description": "true or false"}),
]  # a YAML true as editors read it; "true" as the loader gives every scalar, as text
Language = Annotated[
    str,
    AfterValidator(check_language),
    WithJsonSchema({"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}),
]
Sha256 = Annotated[
    str, AfterValidator(_sha256), WithJsonSchema({"type": "string", "pattern": "^[0-9a-f]{64}$"})
]
Wikidata = Annotated[
    str, AfterValidator(_wikidata), WithJsonSchema({"type": "string", "pattern": "^Q[1-9][0-9]*$"})
]


PreviousIds = Annotated[
    list[Slug],
    Field(
        description="Ids this file had before it was renamed, oldest first: their addresses lead "
        "to its page, so that links to them keep working"
    ),
]


class Strict(BaseModel):
    """Base for every record: unknown keys are errors, values are never coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- articles -------------------------------------------------------------------------------


class Via(Strict):
    """Where our copy of the text came from, when it is not the original publisher."""

    publisher: ActorRef = Field(description="The outlet whose copy we archived (an actor id)")
    url: HttpUrl = Field(description="Address of that copy")
    retrieved: DateValue = Field(description="When we took the copy")


class Source(Strict):
    """Who published the article, and where."""

    publisher: ActorRef = Field(description="The original publisher (an actor id, kind outlet)")
    url: HttpUrl | None = Field(None, description="The original address")
    authors: list[Line] = Field(default_factory=list, description="Bylines, as printed")
    via: Via | None = Field(None, description="The copy we archived, if not the original")
    archived_url: HttpUrl | None = Field(None, description="A web archive snapshot")


class LeakReference(Strict):
    """A leak the article speaks of, and how."""

    leak: LeakRef
    stance: Stance = Field(
        description="reports | corroborates | disputes | denies: what the article does with it"
    )
    note: MarkdownText | None = None


class Quote(Strict):
    """A direct quotation in the text, attributed to its speaker."""

    id: Slug | None = Field(
        None,
        description="The quote's anchor, for links and citations: optional; by default made from "
        "its first words. Never change it once published",
    )
    text: Prose = Field(description="The quoted words exactly as in the text")
    speaker: ActorRef = Field(description="Who said or wrote it (an actor id)")
    leak: LeakRef | None = Field(
        None, description="The leak the words come from, when they do (one of the article's leaks)"
    )
    prefix: Prose | None = Field(None, description="Text just before, if the quote repeats")
    suffix: Prose | None = Field(None, description="Text just after, if the quote repeats")
    note: MarkdownText | None = None

    @property
    def key(self) -> str:
        """Its id: the one written, or the one its passage gives (`passage_id`)."""
        return self.id or passage_id(self.text, self.prefix, self.suffix)


class Annotation(Strict):
    """An editorial note anchored to an exact passage of the text."""

    id: Slug | None = Field(
        None,
        description="The note's anchor, for links and citations: optional; by default made from "
        "its passage's first words. Never change it once published",
    )
    text: Prose = Field(description="The passage, exactly as in the text")
    note: MarkdownText = Field(description="The annotator's note (Markdown)")
    prefix: Prose | None = None
    suffix: Prose | None = None

    @property
    def key(self) -> str:
        """Its id: the one written, or the one its passage gives (`passage_id`)."""
        return self.id or passage_id(self.text, self.prefix, self.suffix)


class Verification(Strict):
    """How far the article's claims have been checked."""

    status: VerificationStatus
    note: MarkdownText | None = None
    reviewed_on: DateValue | None = None


class Article(Strict):
    """One archived article: front matter of `archive/articles/YYYY/<id>.md`."""

    id: Slug = Field(description="The file name without .md")
    title: Line
    date: DateValue = Field(description="Publication date, at the precision known")
    language: Language = Field(description="BCP 47 tag of the text: en, fa, ar, ...")
    source: Source
    text_sha256: Sha256 = Field(description="SHA-256 of the verbatim body: guards against drift")
    summary: MarkdownText | None = Field(None, description="The annotator's own words (Markdown)")
    leaks: list[LeakReference] = Field(default_factory=list)
    actors: list[ActorRef] = Field(
        default_factory=list, description="Actors concerned but not named by alias in the text"
    )
    quotes: list[Quote] = Field(default_factory=list, max_length=MAX_QUOTES)
    annotations: list[Annotation] = Field(default_factory=list, max_length=MAX_ANNOTATIONS)
    verification: Verification
    tags: list[Slug] = Field(default_factory=list)
    previous_ids: PreviousIds = Field(default_factory=list)


# --- actors and leaks -----------------------------------------------------------------------


class Actor(Strict):
    """A person, organisation, outlet or state body: `archive/actors/<id>.yml`."""

    id: Slug
    name: Name
    kind: ActorKind
    anonymous: Flag = Field(
        False,
        description="true when the identity is unknown (an unnamed source): shown as such, never guessed",
    )
    names: dict[Language, Name] = Field(
        default_factory=dict,
        description="The name in other languages and scripts, by BCP 47 tag: {fa: سپاه}",
        json_schema_extra={"additionalProperties": False},
    )
    aliases: list[Name] = Field(
        default_factory=list,
        max_length=MAX_ALIASES,
        description="Other ways texts name it, exactly as written, any script; usual transliterations too",
    )
    broad_aliases: list[Name] = Field(
        default_factory=list,
        description="Its name or aliases known to be found in most articles (refused otherwise: "
        "an alias like 'Iran' would link most of the archive to this actor)",
    )
    description: MarkdownText | None = Field(None, description="Who they are (Markdown)")
    wikidata: Wikidata | None = Field(None, description="Its Wikidata item, when sure: Q57336")
    affiliation: ActorRef | None = None
    links: list[HttpUrl] = Field(default_factory=list, max_length=MAX_LINKS)
    previous_ids: PreviousIds = Field(default_factory=list)

    def every_name(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(field path, text) of the name, its names in other scripts and its aliases: each one
        names the actor in a text, and the path says where a problem with it lies."""
        names: list[tuple[tuple[str | int, ...], str]] = [(("name",), self.name)]
        names += [(("names", language), name) for language, name in sorted(self.names.items())]
        names += [(("aliases", index), alias) for index, alias in enumerate(self.aliases)]
        return names


class StatusChange(Strict):
    """One step in a leak's verification history."""

    status: VerificationStatus
    date: DateValue
    note: MarkdownText | None = None
    evidence: list[HttpUrl] = Field(default_factory=list, max_length=MAX_LINKS)


class Leak(Strict):
    """One leaked item: `archive/leaks/<id>.yml`."""

    id: Slug
    title: Line
    kind: LeakKind
    date: DateSpanValue | None = Field(
        None, description="When it leaked: a date, a range or a bound, only as precisely as known"
    )
    source: ActorRef | None = Field(None, description="Who leaked it, when known (an actor id)")
    first_reported_by: ActorRef | None = Field(None, description="Who first published it (an actor id)")
    actors: list[ActorRef] = Field(default_factory=list, description="Whom it concerns")
    status: VerificationStatus
    status_history: list[StatusChange] = Field(default_factory=list)
    summary: MarkdownText | None = None
    previous_ids: PreviousIds = Field(default_factory=list)


MODELS: dict[str, type[Article | Actor | Leak]] = {"article": Article, "actor": Actor, "leak": Leak}
"""Each kind of archive file and the model of its data."""

_TEXT_CHECKS = frozenset({check_line, _name, _prose, _markdown})


def is_text_field(model_class: type[BaseModel], path: tuple[str | int, ...]) -> bool:
    """Whether the value at `path` of a `model_class` record is free text (a Line, Prose or
    MarkdownText: a title, a name, a note), not an id, a date or a word of a vocabulary."""
    annotation: object = model_class
    for part in path:
        if isinstance(part, int):
            continue  # an item of a list: its type is inside the list's
        models = [
            arg for arg in _arguments(annotation) if isinstance(arg, type) and issubclass(arg, BaseModel)
        ]
        if not models or str(part) not in models[0].model_fields:
            return False
        annotation = _annotated(models[0].model_fields[str(part)])
    return any(getattr(check, "func", None) in _TEXT_CHECKS for check in _metadata(annotation))


def _annotated(info) -> object:
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _arguments(annotation: object) -> list[object]:
    """`annotation` and every type inside it (list[X] | None -> X ...)."""
    found, stack = [], [annotation]
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(typing.get_args(item))
    return found


def _metadata(annotation: object) -> list[object]:
    return [meta for item in _arguments(annotation) for meta in getattr(item, "__metadata__", ())]
