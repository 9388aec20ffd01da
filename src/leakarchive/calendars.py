"""The Solar Hijri (Iranian) calendar: its dates as Gregorian ones, and its month names.

Iranian outlets date their pages in the Solar Hijri calendar ("۲۲ دی ۱۳۸۸", "/1388/10/22/"),
while the archive keeps Gregorian dates. The conversion follows the arithmetic (33-year cycle)
rule used by the jalaali libraries, which agrees with the official calendar for years 1178-1633
(Gregorian 1799-2254), far wider than any date the archive holds.

Persian and Arabic-Indic digits are read as digits everywhere here.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
"""The Solar Hijri months, in Persian, in order."""

MONTHS_LATIN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip
"""The same months as transliterated in English texts."""

YEARS = range(1200, 1500)
"""Solar Hijri years a text or an address may mean (Gregorian 1821-2121)."""

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_CYCLE_PHASE = 1595  # the years are counted from a start where the 33-year cycle begins


_NOWRUZ_1400 = date(2021, 3, 21).toordinal()


def ascii_digits(text: str) -> str:
    """`text` with Persian and Arabic-Indic digits written as 0-9."""
    return text.translate(_DIGITS)


def month_number(name: str) -> int | None:
    """1-12 for a Solar Hijri month's name (Persian, either form of ی/ک, or transliterated)."""
    key = name.replace("ي", "ی").replace("ك", "ک").strip()
    if key in MONTHS:
        return MONTHS.index(key) + 1
    lowered = key.casefold()
    for number, latin in enumerate(MONTHS_LATIN, 1):
        if lowered == latin.casefold():
            return number
    return {"amordad": 5, "khordaad": 3, "day": 10, "dei": 10}.get(lowered)


def _days_before_year(year: int) -> int:
    """Days from a fixed origin to 1 Farvardin `year`, by the 33-year cycle's leap rule."""
    shifted = year + _CYCLE_PHASE
    return 365 * shifted + (shifted // 33) * 8 + ((shifted % 33) + 3) // 4


def is_leap(year: int) -> bool:
    """Whether Esfand of `year` has 30 days."""
    return _days_before_year(year + 1) - _days_before_year(year) == 366


def month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(year) else 29


def to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Solar Hijri one; ValueError if there is no such day."""
    if not 1 <= month <= 12 or not 1 <= day <= month_length(year, month):
        raise ValueError(f"no such Solar Hijri date: {year}/{month}/{day}")
    before_month = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return date.fromordinal(
        _NOWRUZ_1400 + _days_before_year(year) - _days_before_year(1400) + before_month + day - 1
    )


def year_to_gregorian(year: int) -> tuple[int, int]:
    """The two Gregorian years a Solar Hijri year overlaps (it starts about 21 March)."""
    return year + 621, year + 622
