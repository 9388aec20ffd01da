"""What a line of a page is: text, an image caption, an outlet's name, a byline, a date, clutter,
a link to another story; and the marks of the blocks that follow an article ("Related"...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ... import calendars
from ...model import PartialDate
from .outlets import Outlets, name_key

_SENTENCE_END = re.compile(r"[.!?؟。…:;]['\"’”»)\]]*$|['\"’”»]$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)$")
_IMAGE = re.compile(r"^(?:Photograph|Picture|Image|Photo)(?:\s*:\s*|(?=[A-Z0-9\"“‘«(\[])|$)")
CREDIT = re.compile(r"^(?P<credit>[^:.]{2,60}):\s*(?P<rest>\S.*)$")
_BYLINE = re.compile(
    r"^(?:By|BY|Por|POR|Written by|Posted by|Published by|Escrito por|Publicado por)\s+(?P<names>\S.{0,150})$"
    r"|^(?:نویسنده|نوشته|به قلم|بقلم|كتب|كتبت|تقرير|گزارش از)\s*:?\s*(?P<rtl>\S.{0,150})$"
)
_POSTED_BY = re.compile(
    r"^(?:Posted|Published|Written|Publicado|Escrito)\s+(?:by|por)\s+(?P<names>.{2,80}?)\s+(?:on|el)\s+"
    r"(?P<when>.{6,40}?)(?:\s*(?:,|and|in|y|en)?\s*(?:filed|posted|archivado)\s+(?:under|en)\b.*)?$",
    re.I,
)
"""A blog's byline: "Posted by NAME on DATE and filed under TOPICS"."""
_SIGN_OFF = re.compile(
    r"^\(?(?:(?:Additional\s+)?Reporting|Writing|Reported)\s+by\s+(?P<names>[^;()]{2,80})"
    r"(?:;\s*(?:Editing|Edited|Writing)\s+by\s+[^()]{2,80})?\)?\.?$",
    re.I,
)
"""A wire agency's sign-off: "(Reporting by NAME; Editing by NAME)"."""
_FILING = re.compile(
    r"^(?:Filed under|Posted in|Category|Categories|Topics|Tags|Section|Categor[ií]a|Etiquetas|"
    r"دسته‌بندی|دسته بندی|برچسب‌ها|برچسب ها|موضوع|الوسوم|التصنيف|القسم)\s*:\s*\S",
    re.I,
)
"""A filing, category or tags line: "Filed under: Leaks, Security"."""
_SHARE = re.compile(
    r"^(?:share|compartir|partager|teilen|اشتراک(?:\u200c| )?گذاری|هم(?:\u200c| )?رسانی|شارك|مشاركة)"
    r"(?:\s+(?:on|via|this|en|por|هذا الخبر|این خبر|المقال))?(?:\s*(?:article|story|post))?\s*[:|]?"
    r"(?:\s*(?:facebook|twitter|x|whatsapp|telegram|email|e-mail|linkedin|reddit|copy link|print|"
    r"تلگرام|توییتر|واتساپ|فيسبوك|تويتر|واتساب)\s*[|·•,/]?)*\s*$",
    re.I,
)
"""A share bar: "Share on Facebook", "Share: Facebook | Twitter | Copy link", "Compartir en Twitter"."""
_SOCIAL = frozenset(
    name_key(name)
    for name in {
        "facebook", "twitter", "x", "whatsapp", "telegram", "email", "e-mail", "linkedin", "reddit",
        "copy link", "copy url", "pinterest", "instagram", "youtube", "print", "imprimir",
        "تلگرام", "توییتر", "واتساپ", "اینستاگرام", "فيسبوك", "تويتر", "واتساب", "تلغرام",
    }
)  # fmt: skip
"""Lone names of social networks: what a share bar leaves when copied as text."""
_READING_TIME = re.compile(
    r"^\d{1,2}\s*(?:min(?:ute)?s?|دقیقه|دقائق)\.?(?:\s+(?:read|de lectura|مطالعه|قراءة))?$", re.I
)
_URL_LINE = re.compile(
    r"^(?:URL|Link|Source|Address|Enlace|Fuente|لینک|منبع|المصدر|الرابط)?\s*:?\s*(?P<url>https?://\S+)$", re.I
)
"""A line that is only an address, as a contributor pastes it above a copied page ("URL: https://...")."""
_BULLET = re.compile(r"^[•·▪●◦*\-–—]\s")
_ROLE = re.compile(
    r"\b(?:staff|writer|correspondent|reporter|editor|bureau|contributor|redacci[oó]n)\b", re.I
)
UPDATED = re.compile(r"\b(?:updated|modified|actualizado|edited)\b", re.I)
_CLUTTER = frozenset(
    name_key(text)
    for text in {
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
            "leave a reply", "topics", "tags", "about the author", "our standards",
            "read more", "see also", "also read", "recent posts", "popular posts",
            "sign up for", "newsletter",
            # Spanish
            "últimas noticias", "noticias relacionadas", "relacionados", "relacionadas", "lo más leído",
            "lo más visto", "te puede interesar", "también te puede interesar", "comentarios", "etiquetas",
            # Persian
            "آخرین اخبار", "اخبار مرتبط", "مطالب مرتبط", "مطالب پیشنهادی", "پربازدیدترین", "پربازدیدها",
            "برچسب‌ها", "برچسب ها", "نظرات", "بیشتر بخوانید", "مطالب بیشتر", "خبرهای مرتبط",
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
    "ژانویه": 1, "ژانویهٔ": 1, "فوریه": 2, "آوریل": 4, "مه": 5, "می": 5, "ژوئن": 6, "ژوئیه": 7,
    "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
}  # fmt: skip
"""Gregorian month names (English, Spanish, Arabic, Persian). Solar Hijri months: calendars.py."""
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<mn>[^\W\d_]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?(?P<mn>[^\W\d_]{3,10})\.?,?\s+(?:de\s+)?(?P<y>\d{4})\b"
    ),
    re.compile(r"(?<!\d\s)(?<!\sde\s)\b(?P<mn>[^\W\d_]{3,10})\.?\s+(?:de\s+)?(?P<y>\d{4})\b"),
)


_SOLAR_MONTH = "|".join(sorted(calendars.MONTHS + calendars.MONTHS_LATIN, key=len, reverse=True))
_SOLAR_PATTERNS = (
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mn>{_SOLAR_MONTH})(?:\s*ماه)?\s+(?P<y>1[2-4]\d\d)(?!\d)", re.I
    ),
    re.compile(r"(?<!\d)(?P<y>1[2-4]\d\d)[/.-](?P<m>\d{1,2})[/.-](?P<d>\d{1,2})(?!\d)"),
)
"""Solar Hijri dates: "۲۲ دی ۱۳۸۸", "22 Dey 1388", "1388/10/22"."""


@dataclass(frozen=True)
class DateFound:
    """A date read from a page, and how it was written there."""

    date: PartialDate
    written: str  # as on the page ("۲۲ دی ۱۳۸۸")
    solar_hijri: bool = False

    def note(self) -> str:
        """How the draft explains the value (the original of a converted date is kept)."""
        if self.solar_hijri:
            return f"converted from the Solar Hijri date {self.written!r}"
        return f"from {self.written!r}"


def read_date(text: str) -> DateFound | None:
    """The first date written in `text`, Gregorian or Solar Hijri (converted), in any digits."""
    digits = calendars.ascii_digits(text)
    for pattern in _SOLAR_PATTERNS:
        for match in pattern.finditer(digits):
            month = calendars.month_number(match["mn"]) if match.groupdict().get("mn") else int(match["m"])
            try:
                converted = calendars.to_gregorian(int(match["y"]), month or 0, int(match["d"]))
            except ValueError:
                continue
            written = text[match.start() : match.end()]
            return DateFound(PartialDate.parse(converted.isoformat()), written, solar_hijri=True)
    found = _gregorian(digits)
    return DateFound(found[0], text[found[1] : found[2]]) if found else None


_ADDRESS_DATE = re.compile(r"/(?P<y>(?:1[34]|19|20)\d\d)[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?=[/-]|$)")


def date_in_address(url: str | None) -> DateFound | None:
    """A date in a page's address, as news sites put it: /2021/04/27/, or Solar Hijri /1399/10/22/."""
    match = _ADDRESS_DATE.search(urlsplit(url).path) if url else None
    if not match:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    written = match.group(0).strip("/")
    try:
        if year in calendars.YEARS:
            converted = calendars.to_gregorian(year, month, day)
            return DateFound(PartialDate.parse(converted.isoformat()), written, solar_hijri=True)
        return DateFound(PartialDate.parse(f"{year:04d}-{month:02d}-{day:02d}"), written)
    except ValueError:
        return None


def find_date(text: str) -> PartialDate | None:
    """The first date written in `text`, at the precision written (a month stays a month)."""
    found = read_date(text)
    return found.date if found else None


def _gregorian(text: str) -> tuple[PartialDate, int, int] | None:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = _MONTHS.get(groups["mn"].lower()) if groups.get("mn") else int(groups["m"])
            if not month:
                continue
            parts = [f"{int(groups['y']):04d}", f"{month:02d}"]
            parts += [f"{int(groups['d']):02d}"] if groups.get("d") else []
            try:
                return PartialDate.parse("-".join(parts)), match.start(), match.end()
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
    kind: str  # text | image | outlet | byline | date | clutter | promo | url | filing | bullet
    rest: str = ""  # images: the text after the marker; bylines: the names; url: the address
    outlet: str | None = None
    when: str = ""  # a byline's date ("Posted by A on DATE")


def classify(number: int, text: str, outlets: Outlets, sitename: str | None) -> Line:
    """What the line `text` (line `number` of the page, stripped) is."""
    image = _IMAGE.match(text)
    if image:
        return Line(number, text, "image", rest=text[image.end() :].strip())
    outlet = outlets.by_name(text)
    if outlet or (sitename and name_key(text) == name_key(sitename)):
        return Line(number, text, "outlet", outlet=outlet)
    key = name_key(text)
    if key.strip(".!") in _CLUTTER or key in _SOCIAL or _SHARE.match(text) or _READING_TIME.match(text):
        return Line(number, text, "clutter")
    if _PROMO.match(text) and words(text) <= 25:
        return Line(number, text, "promo")
    address = _URL_LINE.match(text)
    if address:
        return Line(number, text, "url", rest=address["url"])
    return _byline_or_date(number, text)


def _byline_or_date(number: int, text: str) -> Line:
    """A byline (also a blog's "Posted by A on DATE" and a wire's sign-off), a date, a filing
    line, a bullet, or text."""
    if words(text) <= 30:
        posted = _POSTED_BY.match(text)
        if posted and find_date(posted["when"]):
            return Line(number, text, "byline", rest=posted["names"], when=posted["when"])
        sign_off = _SIGN_OFF.match(text)
        if sign_off:
            return Line(number, text, "byline", rest=sign_off["names"])
    if _FILING.match(text) and words(text) <= 30:
        return Line(number, text, "filing")
    byline = _BYLINE.match(text)
    if byline and words(text) <= 15 and not text.endswith("."):
        return Line(number, text, "byline", rest=byline["names"] or byline["rtl"])
    if words(text) <= 14 and not paragraph_like(text) and find_date(text):
        return Line(number, text, "date")
    if _BULLET.match(text):
        return Line(number, text, "bullet")
    return Line(number, text, "text")


_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’-]+"
_ONE_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,3}}"
_NAMES_LINE = re.compile(rf"^{_ONE_NAME}(?:(?:, | and | y | & ){_ONE_NAME}){{0,3}}$")


def names_only(text: str) -> bool:
    """Whether a line is nothing but people's names ("Kaveh Ahmadi", "Leila Sadeghi and Omid
    Karimi"): a byline without "By", as pages print it beside the headline."""
    return bool(_NAMES_LINE.match(text))


def authors_in(names: str) -> list[str]:
    """The names in a byline ("By A and B, staff writers" -> A, B; "بقلم: A" -> A)."""
    byline = _BYLINE.match(names.strip())
    if byline:
        names = byline["names"] or byline["rtl"]
    parts = re.split(r"\s*[,;|،]\s*|\s+(?:and|y|و)\s+|\s*&\s*", names.strip())
    # Each name on one line with single spaces: a pasted text's U+2028 (a line break to YAML and
    # a control character to the model) or a no-break space inside a byline becomes a space.
    names_found = [" ".join(p.split()).strip(" :") for p in parts]
    return [p for p in names_found if p and not _ROLE.search(p) and not find_date(p)]
