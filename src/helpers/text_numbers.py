"""Vietnamese numbers: read "gần 54 nghìn", "7.548", "133,4%" from text; write them back.

Imported through `helpers.text`. Conventions: "." groups thousands, "," marks decimals.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from helpers.errors import ParameterError
from helpers.text_dates import find_periods
from helpers.text_norm import fold_keep_offsets, nfc

__all__ = [
    "NUMBER_RE",
    "QUALIFIERS",
    "ParsedNumber",
    "find_numbers",
    "format_number",
    "format_percent",
    "parse_number",
]

QUALIFIERS = ("exact", "approx", "nearly", "more_than", "at_least")

_UNIT_WORD = r"(?:nghìn|ngàn|nghin|ngan|triệu|trieu|tỷ|tỉ|ty|ti)"
_MULTIPLIER = {
    "nghin": 1e3,
    "ngan": 1e3,
    "trieu": 1e6,
    "ty": 1e9,
    "ti": 1e9,
}

NUMBER_RE = re.compile(
    # Not the tail of a date, time, document code or longer number ("02/7", "08:47"): the
    # look-behind sits after the first digit, so that the scan jumps from digit to digit.
    r"(?P<digits>\d(?<![\w/:.,\-–]\d)\d*(?:[.,]\d+)*)"
    # Not the head of one either ("02/", "08:", "08-CT", "1676/QĐ").
    r"(?![\w/:]|[.,]\d|[-–]\w)"
    # "tỷ lệ" is "rate", not "billion".
    rf"(?:\s*(?P<unit>{_UNIT_WORD}(?:\s+{_UNIT_WORD})?)(?!\w)(?!\s+l[eệ]\b))?"
    r"(?:\s?(?P<percent>%))?",
    re.IGNORECASE,
)
"""A number in running Vietnamese text, with an optional unit word and "%".

It skips the digits of dates ("02/7/2021", "01/4-31/5/2024"), times ("08:47") and
document numbers ("08-CT/TU", "81-KH/TU", "06/NQ-CP", "41/2024/QH15"); `find_numbers`
also skips years and months that are part of a period ("năm 2023", "tháng 5/2022").
Numbers joined by a hyphen ("20-25%", "2020-2025") are skipped whole, since a range is not
one figure and reading only one end would be wrong; so is a minus sign ("-5" reads nothing).
"""

# Checked against the folded text just before a number; longest words first.
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[^a-z]))"
    r"(?P<word>xap xi|uoc tinh|uoc khoang|toi thieu|it nhat|khoang|chung|uoc"
    r"|gan|hon|tren|vuot)\s+$"
)
_QUALIFIER_OF = {
    "gan": "nearly",
    "hon": "more_than",
    "tren": "more_than",
    "vuot": "more_than",
    "khoang": "approx",
    "xap xi": "approx",
    "chung": "approx",
    "uoc": "approx",
    "uoc tinh": "approx",
    "uoc khoang": "approx",
    "toi thieu": "at_least",
    "it nhat": "at_least",
}
_WORD_VALUE = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
_WORDS = "|".join(_WORD_VALUE)
# In running text a number word counts only in "... hai lần" (twice), since "một", "ba",
# "năm" are mostly "a", "father", "year" elsewhere.
_WORD_TIMES_RE = re.compile(rf"(?<![a-z0-9])(?P<word>{_WORDS})\s+lan(?![a-z0-9])")
_WORD_RE = re.compile(rf"(?<![a-z0-9])(?P<word>{_WORDS})(?![a-z0-9])")
# "gấp đôi": twice; not the effort "nỗ lực gấp đôi", "cố gắng gấp đôi", "vất vả gấp đôi".
_DOUBLE_RE = re.compile(r"(?<![a-z])(?<!no\sluc\s)(?<!co\sgang\s)(?<!vat\sva\s)(?<!cong\ssuc\s)"
                        r"gap\s+(?P<word>doi)(?![a-z])")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text.

    Attributes
    ----------
    value
        The plain value: 54000.0 for "gần 54 nghìn", 133.4 for "133,4%".
    qualifier
        exact | approx | nearly | more_than | at_least, from the word before the number.
    is_percent
        True when the text had "%"; `value` is then in percent units. Not part of equality,
        so ``parse_number("133,4%") == ParsedNumber(133.4, "exact")``.
    """

    value: float
    qualifier: str = "exact"
    is_percent: bool = field(default=False, compare=False)


def _digits_value(token: str) -> float | None:
    """Read a digit group under the documented separator rule; None if malformed.

    Rule: Vietnamese style by default. "." with groups of exactly 3 digits groups thousands
    ("7.548", "1.234.567"); "," is a decimal mark ("30,26", and also "1,234" = 1.234). The
    text counts as obviously English only when commas group thousands ("1,234,567") or a
    comma comes before a point ("1,234.5"). A single "." followed by other than 3 digits
    ("7.5") can only be a decimal point, so it is read as one.
    """
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        vi_style = token.rfind(",") > token.rfind(".")
        group, decimal = (".", ",") if vi_style else (",", ".")
        whole, _, frac = token.rpartition(decimal)
        if frac.count(group) or not _grouped(whole, group):
            return None
        return float(whole.replace(group, "") + "." + frac)
    if dots > 1 or commas > 1:
        sep = "." if dots else ","
        return float(token.replace(sep, "")) if _grouped(token, sep) else None
    if dots == 1:
        whole, frac = token.split(".")
        return float(whole + frac) if len(frac) == 3 else float(token)
    return float(token.replace(",", "."))


def _grouped(token: str, sep: str) -> bool:
    head, *groups = token.split(sep)
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def _multiplier(unit: str | None) -> float:
    if not unit:
        return 1.0
    factor = 1.0
    for word in fold_keep_offsets(unit).split():
        factor *= _MULTIPLIER[word]
    return factor


def _qualifier_before(folded: str, start: int) -> tuple[str, int]:
    """Return (qualifier, start of the qualifier word) from the folded text before `start`."""
    match = _QUALIFIER_RE.search(folded[max(0, start - 24) : start])
    if not match:
        return "exact", start
    return _QUALIFIER_OF[match.group("word")], start - (len(match.group(0)))


_YEAR_LIST_JOIN = re.compile(r"\s*(?:,|va|-|–|den|toi)\s*$")


def _is_listed_year(match: re.Match[str], folded: str, period_ends: set[int]) -> bool:
    """True for the second year of "năm 2022 và 2023": a year listed after a period."""
    digits = match.group("digits")
    if len(digits) != 4 or not digits.isdigit() or match.group("unit") or match.group("percent"):
        return False
    if not 1990 <= int(digits) <= 2100:
        return False
    join = _YEAR_LIST_JOIN.search(folded, max(0, match.start() - 6), match.start())
    return join is not None and join.start() in period_ends


def find_numbers(s: str) -> list[tuple[int, int, ParsedNumber]]:
    """Find every count or percentage in a sentence.

    Parameters
    ----------
    s
        Running text; offsets index into ``nfc(s)`` (text is NFC on read anyway).

    Returns
    -------
    list of (start, end, ParsedNumber)
        In order of appearance. The span includes a qualifier word before the number
        ("gần 54 nghìn") and the unit word and "%" after it. Dates, times, document
        numbers and the digits of a period ("năm 2023", "quý I/2024", "6 tháng đầu năm")
        are skipped, not returned, and so is a year listed after a period ("năm 2022 và
        2023"). Number words count only before "lần": "gấp hơn hai lần"
        gives 2 (more_than).

    Examples
    --------
    >>> [(s, e, n.value, n.qualifier) for s, e, n in find_numbers("có gần 1.400 người")]
    [(3, 12, 1400.0, 'nearly')]
    """
    text = nfc(s)
    folded = fold_keep_offsets(text)
    in_period = [(start, end) for start, end, _ in find_periods(text)]
    period_ends = {end for _, end in in_period}
    found: list[tuple[int, int, ParsedNumber]] = []
    for match in NUMBER_RE.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in in_period) or _is_listed_year(match, folded, period_ends):
            continue
        value = _digits_value(match.group("digits"))
        if value is None:
            continue
        qualifier, begin = _qualifier_before(folded, start)
        is_percent = match.group("percent") is not None
        number = ParsedNumber(value * _multiplier(match.group("unit")), qualifier, is_percent)
        found.append((begin, end, number))
    for match in _WORD_TIMES_RE.finditer(folded) if "lan" in folded else ():
        qualifier, begin = _qualifier_before(folded, match.start())
        value = float(_WORD_VALUE[match.group("word")])
        found.append(
            (begin, match.start() + len(match.group("word")), ParsedNumber(value, qualifier))
        )
    for match in _DOUBLE_RE.finditer(folded) if "doi" in folded else ():
        found.append((match.start("word"), match.end("word"), ParsedNumber(2.0, "exact")))
    return sorted(found, key=lambda item: item[0])


def parse_number(s: str) -> ParsedNumber:
    """Read the first number in `s` with its qualifier.

    Parameters
    ----------
    s
        A phrase: "7.548", "133,4%", "gần 54 nghìn", "1,2 triệu", "khoảng 51.100",
        "tối thiểu 21,6%", "gấp hơn hai lần". Accent-insensitive.

    Returns
    -------
    ParsedNumber
        See `find_numbers` for what is skipped. If no digits are found, a number word
        ("hai" -> 2, up to "mười" -> 10) is read.

    Raises
    ------
    ValueError
        When `s` holds no number.
    """
    found = find_numbers(s)
    if found:
        return found[0][2]
    folded = fold_keep_offsets(s)
    match = _WORD_RE.search(folded)
    if match:
        qualifier, _ = _qualifier_before(folded, match.start())
        return ParsedNumber(float(_WORD_VALUE[match.group("word")]), qualifier)
    raise ValueError(f"no number in {s!r}")


def _locale(lang: str) -> str:
    if lang not in ("vi", "en"):
        raise ParameterError(f"lang must be 'vi' or 'en', not {lang!r}")
    return lang


def format_number(x: float | None, lang: str = "vi", decimals: int | None = 0) -> str:
    """Write a number the way the report's language does: "7.548" (vi), "7,548" (en).

    Parameters
    ----------
    x
        The number; None or NaN gives "–".
    lang
        "vi" or "en".
    decimals
        Digits after the decimal mark, rounded half up (2.5 -> "3"); None means as few as
        needed, up to 2 ("130,26", "133,4", "12").

    Returns
    -------
    str
        The formatted number, e.g. ``format_number(-1234.5, "vi", 1) == "-1.234,5"``.
    """
    locale = _locale(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    places = 2 if decimals is None else decimals
    rounded = Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0" after rounding a small negative
    # What Babel writes for the patterns "#,##0.##" and "#,##0.00" (tests/test_text.py compares
    # the two over thousands of numbers), without its pattern parsing: ~70 µs a call, and a
    # report writes hundreds of numbers (tick labels, tables, sentences).
    text = f"{rounded:,.{places}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_MARKS[locale])


#: Thousands and decimal separators written from Python's "," and "." by language.
_MARKS = {"vi": str.maketrans(",.", ".,"), "en": str.maketrans("", "")}


def babel_number(x: float, lang: str = "vi", decimals: int | None = 0) -> str:
    """`format_number` through Babel's pattern formatting (the reference it is tested against)."""
    places = 2 if decimals is None else decimals
    rounded = Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    pattern = "#,##0.##" if decimals is None else "#,##0" + ("." + "0" * decimals if decimals
                                                           else "")
    return format_decimal(rounded, format=pattern, locale=_locale(lang))


def format_percent(x: float | None, lang: str = "vi", decimals: int | None = 1) -> str:
    """Write a percentage given in percent units: 133.4 -> "133,4%" (vi), "133.4%" (en).

    Parameters
    ----------
    x
        The value in percent units (not a fraction); None or NaN gives "–".
    lang
        "vi" or "en".
    decimals
        Digits after the decimal mark; None means as few as needed up to 2, so 130.26 ->
        "130,26%" and 133.4 -> "133,4%".

    Returns
    -------
    str
        The formatted percentage.
    """
    text = format_number(x, lang, decimals)
    return text if text == "–" else text + "%"
