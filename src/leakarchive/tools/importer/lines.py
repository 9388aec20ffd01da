"""What a line of a page is: text, an image caption, an outlet's name, a byline, a date, clutter,
a link to another story; and the marks of the blocks that follow an article ("Related"...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import PartialDate
from .outlets import Outlets, name_key

_SENTENCE_END = re.compile(r"[.!?؟。…:;]['\"’”»)\]]*$|['\"’”»]$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)$")
_IMAGE = re.compile(r"^(?:Photograph|Picture|Image|Photo)(?:\s*:\s*|(?=[A-Z0-9\"“‘«(\[])|$)")
CREDIT = re.compile(r"^(?P<credit>[^:.]{2,60}):\s*(?P<rest>\S.*)$")
_BYLINE = re.compile(
    r"^(?:By|BY|Por|POR|Written by)\s+(?P<names>\S.{0,150})$"
    r"|^(?:نویسنده|بقلم|كتب)\s*:?\s*(?P<rtl>\S.{0,150})$"
)
_ROLE = re.compile(
    r"\b(?:staff|writer|correspondent|reporter|editor|bureau|contributor|redacci[oó]n)\b", re.I
)
UPDATED = re.compile(r"\b(?:updated|modified|actualizado|edited)\b", re.I)
_CLUTTER = frozenset(
    {
        "advertisement", "advertising", "sponsored", "sponsored content", "skip advertisement",
        "continue reading the main story", "continue reading", "story continues below advertisement",
        "share", "share this", "share this article", "share this story", "print", "email", "tweet",
        "publicidad", "anuncio", "تبلیغات", "آگهی", "إعلان",
    }
)  # fmt: skip
_PROMO = re.compile(
    r"^(?:read more|read also|also read|see also|related|more|watch|listen|lee también|leer más|"
    r"ver también|te puede interesar|بیشتر بخوانید|بخوانید|ببینید|اقرأ أيضا|اقرأ أيضاً|شاهد أيضا)\s*:",
    re.I,
)
SOFT_HEADINGS = ("read more", "see also", "also read", "lee también", "بیشتر بخوانید", "اقرأ أيضا")
END_MARKERS = tuple(
    sorted(
        {
            # English
            "latest news", "latest stories", "latest", "must read", "must-read", "you might also like",
            "you may also like", "you may be interested in", "related", "related articles",
            "related stories", "related news", "related posts", "related content", "related topics",
            "more from", "more stories", "more on this story", "most read", "most popular", "most viewed",
            "recommended", "recommended for you", "trending", "comments", "leave a comment",
            "leave a reply", "topics", "tags", "about the author",
            # Spanish
            "últimas noticias", "noticias relacionadas", "relacionados", "relacionadas", "lo más leído",
            "lo más visto", "te puede interesar", "también te puede interesar", "comentarios", "etiquetas",
            # Persian
            "آخرین اخبار", "اخبار مرتبط", "مطالب مرتبط", "مطالب پیشنهادی", "پربازدیدترین", "پربازدیدها",
            "برچسب‌ها", "برچسب ها", "نظرات",
            # Arabic
            "آخر الأخبار", "أحدث الأخبار", "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة",
            "الأكثر قراءة", "الأكثر مشاهدة", "قد يعجبك أيضا", "التعليقات", "الوسوم",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
"""Headings of the blocks that follow an article on a news page: the article ends before them."""

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "أيلول": 9,
}  # fmt: skip
"""Gregorian month names (English, Spanish, Arabic). Solar Hijri dates are not read: give --date."""
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<mn>[^\W\d_]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?(?P<mn>[^\W\d_]{3,10})\.?,?\s+(?:de\s+)?(?P<y>\d{4})\b"
    ),
    re.compile(r"(?<!\d\s)(?<!\sde\s)\b(?P<mn>[^\W\d_]{3,10})\.?\s+(?:de\s+)?(?P<y>\d{4})\b"),
)


def find_date(text: str) -> PartialDate | None:
    """The first date written in `text`, at the precision written (a month stays a month)."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = _MONTHS.get(groups["mn"].lower()) if groups.get("mn") else int(groups["m"])
            if not month:
                continue
            parts = [f"{int(groups['y']):04d}", f"{month:02d}"]
            parts += [f"{int(groups['d']):02d}"] if groups.get("d") else []
            try:
                return PartialDate.parse("-".join(parts))
            except ValueError:
                continue
    return None


def words(text: str) -> int:
    """How many words `text` has, counted as whitespace-separated runs."""
    return len(text.split())


def paragraph_like(text: str) -> bool:
    """A line that reads like a paragraph of an article, not a heading, a link or a teaser."""
    if _TRUNCATED.search(text):
        return False
    count = words(text)
    return count >= 25 or (count >= 10 and bool(_SENTENCE_END.search(text)))


def title_like(text: str) -> bool:
    """A line that could be a headline."""
    return 2 <= words(text) <= 30 and not _TRUNCATED.search(text) and not text.endswith(":")


def end_marker(line: str) -> str | None:
    """The heading, if `line` opens a block that follows the article ("Latest news", "Related"...)."""
    for marker in END_MARKERS:
        match = re.match(re.escape(marker).replace(r"\ ", r"\s+"), line, re.I)
        if not match:
            continue
        rest = line[match.end() :]
        if not rest.strip() or rest.lstrip()[0] in ":|-–—»›>(" or rest[0].isupper() or rest[0].isdigit():
            return marker  # "Related", "Comments (2)", "Tags: ...", "You might also likeRELATED"
        # "More from The Example Chronicle"; but one word is too little to tell "Latest" (the
        # heading) from "Latest developments" (a subheading of the article).
        if " " in marker and words(rest) <= 3 and not _SENTENCE_END.search(rest):
            return marker
    return None


@dataclass(frozen=True)
class Line:
    """A non-blank line of a page, and what it is."""

    number: int
    text: str
    kind: str  # text | image | outlet | byline | date | clutter | promo
    rest: str = ""  # for images: the text after the marker
    outlet: str | None = None


def classify(number: int, text: str, outlets: Outlets, sitename: str | None) -> Line:
    """What the line `text` (line `number` of the page, stripped) is."""
    image = _IMAGE.match(text)
    if image:
        return Line(number, text, "image", rest=text[image.end() :].strip())
    outlet = outlets.by_name(text)
    if outlet or (sitename and name_key(text) == name_key(sitename)):
        return Line(number, text, "outlet", outlet=outlet)
    key = name_key(text)
    if key.strip(".!") in _CLUTTER:
        return Line(number, text, "clutter")
    if _PROMO.match(text) and words(text) <= 25:
        return Line(number, text, "promo")
    byline = _BYLINE.match(text)
    if byline and words(text) <= 15 and not text.endswith("."):
        return Line(number, text, "byline", rest=byline["names"] or byline["rtl"])
    if words(text) <= 14 and not paragraph_like(text) and find_date(text):
        return Line(number, text, "date")
    return Line(number, text, "text")


def authors_in(names: str) -> list[str]:
    """The names in a byline ("By A and B, staff writers" -> A, B)."""
    parts = re.split(r"\s*[,;|]\s*|\s+(?:and|y|و)\s+|\s*&\s*", names.strip())
    return [p.strip() for p in parts if p.strip() and not _ROLE.search(p) and not find_date(p)]
