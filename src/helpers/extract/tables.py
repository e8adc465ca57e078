"""Tables rendered in article text ("Địa phương | Số người tham gia | Tỷ lệ đạt kế hoạch"):
each row's figures, with the indicator its column header names and the place its first cell names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from helpers.extract.figures import Figure
from helpers.extract.reading import fold_aligned
from helpers.extract.schemes import combine, scheme_mentions
from helpers.text import Period, find_numbers

_MARKDOWN_RULE = re.compile(r"[\s|:\-–—]*-[\s|:\-–—]*")  # "|---|:---:|" under a header
SPECIFIC = ("voluntary_si", "household_hi", "compulsory_si", "unemployment_insurance")

_CELL = re.compile(r"\s*\|\s*")
# What a column counts, from its header's words (folded), checked in this order.
_COLUMNS = (
    ("attainment_pct", re.compile(r"dat\s+ke\s+hoach|dat\s+chi\s+tieu|so\s+voi\s+ke\s+hoach"
                                  r"|%\s*ke\s+hoach|hoan\s+thanh")),
    ("coverage_pct", re.compile(r"bao\s+phu|ty\s+le\s+tham\s+gia")),
    ("growth_pct", re.compile(r"tang\s+truong|tang\s*(?:/\s*giam)?\s*\(?%")),
    ("new_participants", re.compile(r"phat\s+trien|tang\s+moi|tham\s+gia\s+moi")),
    ("net_change", re.compile(r"tang(?![a-z])")),
    ("dropouts", re.compile(r"dung\s+dong|giam(?![a-z])|ngung")),
    ("events", re.compile(r"hoi\s+nghi|buoi")),
    ("people_reached", re.compile(r"luot")),
    ("participants", re.compile(r"so\s+nguoi|tham\s+gia|tong\s+so|so\s+doi\s+tuong")),
)
_ENGLISH_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+")
_VIETNAMESE_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d{1,2}")
_YEAR_CELL = re.compile(r"\s*(?:năm\s+)?(?P<year>(?:19|20)\d\d)\s*", re.IGNORECASE)
_SIGN = re.compile(r"\s*[-−–+]?\s*")  # "-35" in a "Tăng/giảm" column
_PLAN_COLUMN = re.compile(r"(?<![a-z])(?:ke\s+hoach|chi\s+tieu)(?:\s+giao)?\s*$")


def header_cells(line: str) -> list[str] | None:
    """The folded header cells of a table's first line, or None if `line` is not one: at least
    two ``|``-separated cells, no digits, and a column whose indicator is known."""
    if line.count("|") < 1 or re.search(r"\d", line):
        return None
    cells = _CELL.split(fold_aligned(line).strip(" |"))
    if len(cells) < 2 or not any(_indicator(c) for c in cells[1:]):
        return None
    return cells


def is_row(line: str, header: list[str]) -> bool:
    """Whether `line` is a data row of the table whose header is `header`."""
    return len(_CELL.split(line.strip(" |"))) == len(header) and bool(re.search(r"\d", line))


def english_separators(rows: list[str]) -> bool:
    """Whether a table's cells group thousands with commas ("9,441,246", "81,319"): some cell
    has two comma groups and no cell has a Vietnamese "." group or a decimal comma."""
    cells = [c.strip() for row in rows for c in row.split("|")]
    return any(_ENGLISH_GROUPS.fullmatch(c) for c in cells) and not any(
        _VIETNAMESE_NUMBER.fullmatch(c) for c in cells)


def read_row(row: str, header: list[str], scheme: str | None,
             english: bool = False) -> list[Figure]:
    """Figures of one data row, positioned in `row` so that the place in the first cell
    scopes them; `scheme` is the table's (from its caption), used when the header names none;
    `english` reads "81,319" as 81319 (see `english_separators`)."""
    figures = []
    cells = list(_cells_with_offsets(row))
    for (start, text), head in zip(cells[1:], header[1:], strict=True):
        indicator = _indicator(head)
        sign = _SIGN.match(text)
        assert sign is not None  # the pattern also matches the empty string
        numbers = find_numbers(text[sign.end():])
        if indicator is None or len(numbers) != 1:
            continue
        begin, end, number = numbers[0]
        if english and _ENGLISH_GROUPS.fullmatch(text.strip()):
            number = replace(number, value=float(text.strip().replace(",", "")))
        if number.is_percent != indicator.endswith("_pct"):
            continue
        start += sign.end()
        value = -number.value if sign.group(0).strip() in ("-", "−", "–") else number.value
        own = combine([s for _, _, s in scheme_mentions(head)])
        plan = bool(_PLAN_COLUMN.search(head)) and indicator != "attainment_pct"
        figures.append(Figure(start + begin, start + end, value, number.qualifier,
                              indicator, plan, own or scheme, 0, cue="table"))
    return figures


def _indicator(header: str) -> str | None:
    for indicator, words in _COLUMNS:
        if words.search(header):
            return indicator
    return None


def _cells_with_offsets(row: str):
    position = 0
    for part in row.split("|"):
        yield position, part
        position += len(part) + 1


def row_year(row: str) -> Period | None:
    """The year a row is about when its first cell is one ("2010 | 9,441,246 | ...")."""
    m = _YEAR_CELL.fullmatch(row.split("|", 1)[0])
    if m is None:
        return None
    year = int(m["year"])
    return Period(date(year, 1, 1), date(year, 12, 31))


def table_rows(lines: list[str]) -> dict[int, tuple[list[str], str | None, bool]]:
    """Data rows of the tables in an article, by line: their header's cells, the scheme
    the caption above the header names ("Số người tham gia BHXH tự nguyện theo địa phương")
    and whether the table groups thousands with commas."""
    rows: dict[int, tuple[list[str], str | None, bool]] = {}
    for i, line in enumerate(lines):
        header = header_cells(line)
        if header is None:
            continue
        caption = fold_aligned(lines[i - 1]) if i else ""
        specific = [s for _, _, s in scheme_mentions(caption) if s in SPECIFIC]
        first = i + 2 if i + 1 < len(lines) and _MARKDOWN_RULE.fullmatch(lines[i + 1]) else i + 1
        j = first
        while j < len(lines) and is_row(lines[j], header):
            j += 1
        english = english_separators(lines[first:j])
        for k in range(first, j):
            rows[k] = (header, specific[0] if specific else None, english)
    return rows
