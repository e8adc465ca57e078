"""Vietnamese dates and periods: read "ngày 01/4-31/5/2024", "quý I/2024", "đến hết năm 2025".

Imported through `helpers.text`. Patterns run on accent-folded text, so "thang 5/2022" works.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from helpers.errors import ParameterError
from helpers.text_norm import fold_keep_offsets, nfc

__all__ = ["Period", "find_periods", "format_date", "format_month", "parse_period"]

FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(frozen=True)
class Period:
    """A stretch of time read from text; either end may be unknown.

    Attributes
    ----------
    start, end
        First and last day, inclusive. A day has ``start == end``; "đến hết năm 2025" has
        ``start=None``; a stock's as-of date is `end`.
    flags
        Data-quality notes: ``implausible_year`` (e.g. "20225": not guessed, the date
        stays None), ``invalid_date`` ("31/2/2024"), ``open_end`` ("từ đầu năm 2024": the
        end is the anchor, or None), ``no_publication_date`` ("đến nay" without an anchor).
    """

    start: date | None
    end: date | None
    flags: tuple[str, ...] = ()


def _year(text: str, flags: list[str]) -> int | None:
    year = int(text)
    if FIRST_YEAR <= year <= LAST_YEAR:
        return year
    flags.append("implausible_year")
    return None


def _day(year: int | None, month: str, day: str, flags: list[str]) -> date | None:
    if year is None:
        return None
    try:
        return date(year, int(month), int(day))
    except ValueError:
        flags.append("invalid_date")
        return None


def _month_bounds(year: int | None, month: int, flags: list[str]) -> tuple[date, date] | None:
    if year is None:
        return None
    if not 1 <= month <= 12:
        flags.append("invalid_date")
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _period(start: date | None, end: date | None, flags: list[str]) -> Period:
    return Period(start, end, tuple(dict.fromkeys(flags)))


# Each rule: (kind, pattern, reader). kind "range" has both ends in the text and ignores
# "từ"/"đến" before it; "point" takes them; "from" is a start only; "now" is the anchor.
Reader = Callable[[re.Match[str]], Period | None]
_B = r"(?<![a-z0-9/.,])"  # a rule starts at a word boundary, not inside a number or code
_Y = r"\d{4,5}(?!\d)"  # five digits are read so that "20225" is flagged, not missed
_DASH = r"\s*(?:-|–|—|den|toi)\s*"


def _day_range(m: re.Match[str]) -> Period:
    flags: list[str] = []
    year2 = _year(m["y2"], flags)
    year1 = _year(m["y1"], flags) if m["y1"] else year2
    return _period(
        _day(year1, m["m1"], m["d1"], flags), _day(year2, m["m2"], m["d2"], flags), flags
    )


def _one_day(m: re.Match[str]) -> Period:
    flags: list[str] = []
    day = _day(_year(m["y"], flags), m["m"], m["d"], flags)
    return _period(day, day, flags)


def _month_range(m: re.Match[str]) -> Period:
    flags: list[str] = []
    year2 = _year(m["y2"], flags)
    year1 = _year(m["y1"], flags) if m["y1"] else year2
    first = _month_bounds(year1, int(m["m1"]), flags)
    last = _month_bounds(year2, int(m["m2"]), flags)
    return _period(first and first[0], last and last[1], flags)


def _one_month(m: re.Match[str]) -> Period:
    flags: list[str] = []
    bounds = _month_bounds(_year(m["y"], flags), int(m["m"]), flags)
    return _period(bounds[0] if bounds else None, bounds[1] if bounds else None, flags)


def _bare_month(m: re.Match[str]) -> Period | None:
    """Read "5/2024" as a month; "41/2024" is a document number, not a date."""
    return _one_month(m) if 1 <= int(m["m"]) <= 12 else None


_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter(m: re.Match[str]) -> Period:
    flags: list[str] = []
    year = _year(m["y"], flags)
    if year is None:
        return _period(None, None, flags)
    last_month = 3 * _QUARTER[m["q"]]
    return _period(
        date(year, last_month - 2, 1),
        date(year, last_month, calendar.monthrange(year, last_month)[1]),
        flags,
    )


_MONTH_COUNT = {"ba": 3, "sau": 6, "chin": 9}


def _months_of_year(m: re.Match[str]) -> Period | None:
    count = _MONTH_COUNT.get(m["n"]) or int(m["n"])
    if not 1 <= count <= 12:
        return None
    flags: list[str] = []
    year = _year(m["y"], flags)
    if year is None:
        return _period(None, None, flags)
    if m["part"] == "dau":
        return _period(
            date(year, 1, 1), date(year, count, calendar.monthrange(year, count)[1]), flags
        )
    return _period(date(year, 13 - count, 1), date(year, 12, 31), flags)


def _year_range(m: re.Match[str]) -> Period:
    flags: list[str] = []
    year1, year2 = _year(m["y1"], flags), _year(m["y2"], flags)
    return _period(date(year1, 1, 1) if year1 else None,
                   date(year2, 12, 31) if year2 else None, flags)


def _whole_year(m: re.Match[str]) -> Period:
    flags: list[str] = []
    year = _year(m["y"], flags)
    return _period(date(year, 1, 1) if year else None, date(year, 12, 31) if year else None, flags)


def _now(m: re.Match[str]) -> Period:
    return Period(None, None)  # the anchor is filled in by _apply_context


_RULES: list[tuple[str, re.Pattern[str], Reader]] = [
    (
        "range",
        re.compile(
            rf"{_B}(?:ngay\s+)?(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:/(?P<y1>{_Y}))?{_DASH}"
            rf"(?:ngay\s+)?(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>{_Y})(?!/)"
        ),
        _day_range,
    ),
    (
        "point",
        re.compile(
            rf"{_B}(?:ngay\s+)?(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{_Y})"
            r"(?![/.]\d)"
        ),
        _one_day,
    ),
    (
        "point",
        re.compile(rf"{_B}ngay\s+(?P<d>\d{{1,2}})\s+thang\s+(?P<m>\d{{1,2}})\s+nam\s+(?P<y>{_Y})"),
        _one_day,
    ),
    (
        "range",
        re.compile(
            rf"{_B}thang\s+(?P<m1>\d{{1,2}})(?:\s*/\s*(?P<y1>{_Y}))?\s*(?:,|va|-|–|den|toi)\s*"
            rf"(?:thang\s+)?(?P<m2>\d{{1,2}})\s*(?:/|\s+nam\s+)\s*(?P<y2>{_Y})(?!/)"
        ),
        _month_range,
    ),
    (
        "point",
        re.compile(rf"{_B}thang\s+(?P<m>\d{{1,2}})\s*(?:/|\s+nam\s+)\s*(?P<y>{_Y})(?!/)"),
        _one_month,
    ),
    ("point", re.compile(rf"{_B}(?<![\d\-])(?P<m>\d{{1,2}})/(?P<y>{_Y})(?!/)"), _bare_month),
    (
        "point",
        re.compile(rf"{_B}quy\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)\s*(?P<y>{_Y})"),
        _quarter,
    ),
    (
        "point",
        re.compile(
            rf"{_B}(?P<n>\d{{1,2}}|ba|sau|chin)\s+thang\s+(?P<part>dau|cuoi)\s+nam\s+(?P<y>{_Y})"
        ),
        _months_of_year,
    ),
    (
        "range",
        re.compile(
            rf"{_B}(?:giai\s+doan|nhiem\s+ky|cac\s+nam|nam)\s+(?P<y1>{_Y}){_DASH}(?:nam\s+)?"
            rf"(?P<y2>{_Y})"
        ),
        _year_range,
    ),
    # Not "phấn đấu năm 2025" (a target year), which folds to the same letters as "đầu năm".
    ("from", re.compile(rf"{_B}(?<!phan\s)dau\s+nam\s+(?P<y>{_Y})"), _whole_year),
    ("point", re.compile(rf"{_B}nam\s+(?P<y>{_Y})"), _whole_year),
    (
        "now",
        re.compile(
            rf"{_B}(?:(?:cho\s+|tinh\s+)?(?:den|toi)\s+(?:thoi\s+diem\s+)?"
            r"(?:nay|hien\s+nay|hien\s+tai)|hien\s+nay|hien\s+tai)(?![a-z])"
        ),
        _now,
    ),
]

# What each rule needs somewhere in the text, in the order of `_RULES`: words (any of them) or
# a regex. The rules start with a look-behind, which makes the regex engine try every position;
# these checks are far cheaper, so most sentences skip most rules.
_DMY = re.compile(r"\d[/.-]\d{1,2}[/.-]\d")
_YEAR_DASH = re.compile(r"\d{4}\s*(?:-|–|—|den|toi)")
_GATES: list[tuple[str, ...] | re.Pattern[str]] = [
    ("/",), _DMY, ("thang",), ("thang",), ("thang",), ("/",), ("quy",), ("thang",), _YEAR_DASH,
    ("dau",), ("nam",), ("nay", "hien"),
]
assert len(_GATES) == len(_RULES)

_PREFIX = re.compile(
    # Not the "TU" of a document code such as "08-CT/TU".
    r"(?<![a-z0-9/\-])(?:(?P<from_now>tu\s+nay\s+)?"
    r"(?P<to>(?:cho\s+|tinh\s+)?(?:den|toi)\s+(?:het\s+|cuoi\s+)?|het\s+|cuoi\s+|truoc\s+)"
    r"|(?P<from>(?:tinh\s+|ke\s+)?tu\s+))$"
)
_TO_NOW = re.compile(r"\s*(?:-|–|den|toi)\s+(?:nay|hien\s+nay|hien\s+tai)(?![a-z])")


def _anchor_end(anchor: date | None, flags: list[str]) -> date | None:
    if anchor is None:
        flags.append("no_publication_date")
    return anchor


def _apply_context(
    folded: str, start: int, end: int, kind: str, base: Period, anchor: date | None
) -> tuple[int, int, Period]:
    """Widen a match by the words around it ("từ", "đến hết", "đến nay") and apply them."""
    flags = list(base.flags)
    if kind == "now":
        return start, end, _period(None, _anchor_end(anchor, flags), flags)
    prefix = _PREFIX.search(folded, max(0, start - 24), start)
    if kind == "range":
        begin = prefix.start() if prefix and prefix["from"] else start
        return begin, end, base
    if prefix and prefix["to"]:
        first = _anchor_end(anchor, flags) if prefix["from_now"] else None
        # "đến đầu năm 2024" ends where that year starts, not where it ends.
        last = base.start if kind == "from" else base.end
        return prefix.start(), end, _period(first, last, flags)
    if (prefix and prefix["from"]) or kind == "from":
        begin = prefix.start() if prefix else start
        to_now = _TO_NOW.match(folded, end)
        if to_now:
            return begin, to_now.end(), _period(base.start, _anchor_end(anchor, flags), flags)
        flags.append("open_end")
        return begin, end, _period(base.start, anchor, flags)
    return start, end, base


def find_periods(s: str, anchor: date | None = None) -> list[tuple[int, int, Period]]:
    """Find every date or period in a sentence.

    Parameters
    ----------
    s
        Running text, with or without diacritics; offsets index into ``nfc(s)``.
    anchor
        The publication date, standing in for "đến nay", "hiện nay" and open ends.

    Returns
    -------
    list of (start, end, Period)
        Non-overlapping, in order; where two readings overlap the earlier, then the longer
        wins ("6 tháng đầu năm 2024" over "năm 2024"). Spans include "từ", "đến hết" etc.
    """
    folded = fold_keep_offsets(nfc(s))
    chosen: list[tuple[int, int, Period]] = []
    last_end = 0
    for start, neg_end, kind, base in _candidates(folded):
        if start < last_end:
            continue
        begin, end, period = _apply_context(folded, start, -neg_end, kind, base, anchor)
        chosen.append((max(begin, last_end), end, period))
        last_end = end
    return chosen


@lru_cache(maxsize=64)
def _candidates(folded: str) -> tuple[tuple[int, int, str, Period], ...]:
    """Every reading of every rule, sorted by start then longest first. Cached for the few
    sentences in hand: an extractor asks for a sentence's periods and numbers, and the number
    reader asks for the periods again."""
    candidates = []
    for (kind, pattern, reader), gate in zip(_RULES, _GATES, strict=True):
        if isinstance(gate, tuple):
            if not any(word in folded for word in gate):
                continue
        elif gate.search(folded) is None:
            continue
        for match in pattern.finditer(folded):
            base = reader(match)
            if base is not None:
                candidates.append((match.start(), -match.end(), kind, base))
    return tuple(sorted(candidates, key=lambda c: (c[0], c[1])))


def parse_period(s: str, *, anchor: date | None = None) -> Period:
    """Read the first date or period in `s`.

    Parameters
    ----------
    s
        "02/7/2021", "ngày 01/4-31/5/2024", "tháng 4 và tháng 5/2024", "năm 2023",
        "đến hết năm 2025", "từ đầu năm 2024", "đến nay", "quý I/2024",
        "6 tháng đầu năm 2024", with or without diacritics.
    anchor
        The publication date; "đến nay" ends there and "từ đầu năm 2024" is open until it.

    Returns
    -------
    Period
        See `Period` for the flags. Use `find_periods` for every period in a sentence.

    Raises
    ------
    ValueError
        When `s` holds no date.
    """
    found = find_periods(s, anchor)
    if not found:
        raise ValueError(f"no date in {s!r}")
    return found[0][2]


_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _check_lang(lang: str) -> None:
    if lang not in ("vi", "en"):
        raise ParameterError(f"lang must be 'vi' or 'en', not {lang!r}")


def format_date(d: date, lang: str = "vi") -> str:
    """Write a day as the press does: "02/7/2021" (vi: day padded, month not), "2 July 2021"."""
    _check_lang(lang)
    if lang == "vi":
        return f"{d.day:02d}/{d.month}/{d.year}"
    return f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"


def format_month(d: date, lang: str = "vi") -> str:
    """Write a month: "tháng 5/2024" (vi) or "May 2024" (en)."""
    _check_lang(lang)
    if lang == "vi":
        return f"tháng {d.month}/{d.year}"
    return f"{_EN_MONTHS[d.month - 1]} {d.year}"
