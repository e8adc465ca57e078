"""Tables rendered in article text ("Địa phương | Số người tham gia | Tỷ lệ đạt kế hoạch"):
each row's figures, with the indicator its column header names and the place its first cell names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import NamedTuple

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
    cells = split_cells(fold_aligned(line))
    # "| TỶ LỆ BAO PHỦ DÂN SỐ | | | |": a merged header cell spreads over the empty cells to
    # its right (the year columns of the row below).
    for k in range(1, len(cells)):
        if not cells[k] and cells[k - 1]:
            cells[k] = cells[k - 1]
    if len(cells) < 2 or not any(_indicator(c) for c in cells[1:]):
        return None
    return cells


def split_cells(line: str) -> list[str]:
    """The cells of a table line, the outer pipes of a Markdown row ("| a | b |") removed
    and empty cells kept ("|  | TOÀN QUỐC | 92,60% |" has three cells, the first empty)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [cell.strip() for cell in _CELL.split(inner)]


def is_row(line: str, header: list[str]) -> bool:
    """Whether `line` is a data row of the table whose header is `header`."""
    return len(split_cells(line)) == len(header) and bool(re.search(r"\d", line))


def column_years(line: str, header: list[str]) -> list[Period | None] | None:
    """The year each column is about when `line` is a row of years under a merged header
    ("|  |  | 2022 | 2023 | 2024 | 2025 |"): every non-empty cell a year, at least two; else
    None."""
    cells = split_cells(line)
    if len(cells) != len(header):
        return None
    years = [_YEAR_CELL.fullmatch(c) if c else None for c in cells]
    if sum(1 for y in years if y) < 2 \
            or any(c and not y for c, y in zip(cells, years, strict=True)):
        return None
    return [Period(date(int(y["year"]), 1, 1), date(int(y["year"]), 12, 31)) if y else None
            for y in years]


def english_separators(rows: list[str]) -> bool:
    """Whether a table's cells group thousands with commas ("9,441,246", "81,319"): some cell
    has two comma groups and no cell has a Vietnamese "." group or a decimal comma."""
    cells = [c.strip() for row in rows for c in row.split("|")]
    return any(_ENGLISH_GROUPS.fullmatch(c) for c in cells) and not any(
        _VIETNAMESE_NUMBER.fullmatch(c) for c in cells)


def read_row(row: str, header: list[str], scheme: str | None,
             english: bool = False, plan_table: bool = False) -> list[Figure]:
    """Figures of one data row, positioned in `row` so that the place in the first cell
    scopes them; `scheme` is the table's (from its caption), used when the header names none;
    `english` reads "81,319" as 81319 (see `english_separators`); `plan_table` makes every
    cell a target (a caption "Chỉ tiêu tỷ lệ bao phủ ... như sau:")."""
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
        plan = (plan_table or bool(_PLAN_COLUMN.search(head))) and indicator != "attainment_pct"
        figures.append(Figure(start + begin, start + end, value, number.qualifier,
                              indicator, plan, own or scheme, 0, cue="table"))
    return figures


def _indicator(header: str) -> str | None:
    for indicator, words in _COLUMNS:
        if words.search(header):
            return indicator
    return None


def _cells_with_offsets(row: str):
    """Each cell's text with its offset in `row`, the outer pipes of a Markdown row dropped."""
    begin = len(row) - len(row.lstrip())
    begin += row.startswith("|", begin)
    end = len(row.rstrip())
    end -= end > begin and row[end - 1] == "|"
    position = begin
    for part in row[begin:end].split("|"):
        yield position, part
        position += len(part) + 1


def column_period(row: str, position: int, years: list[Period | None]) -> Period | None:
    """The year of the column the character at `position` of `row` sits in (see
    `column_years`)."""
    column = None
    for k, (start, _) in enumerate(_cells_with_offsets(row)):
        if start <= position:
            column = k
    return years[column] if column is not None and column < len(years) else None


def row_year(row: str) -> Period | None:
    """The year a row is about when its first cell is one ("2010 | 9,441,246 | ...")."""
    m = _YEAR_CELL.fullmatch(split_cells(row)[0])
    if m is None:
        return None
    year = int(m["year"])
    return Period(date(year, 1, 1), date(year, 12, 31))


class Table(NamedTuple):
    """What a table's data rows share: the header's cells, the scheme its caption names, whether
    it groups thousands with commas, whether its caption makes every cell a target, and the
    year of each column when a row of years sits under a merged header (else None)."""

    header: list[str]
    scheme: str | None
    english: bool
    plan: bool = False
    years: list[Period | None] | None = None


# "Chỉ tiêu tỷ lệ bao phủ BHYT giai đoạn 2022 - 2025 ... như sau:", "Bảng: Kế hoạch giao ...":
# a caption that opens on a target noun makes the table one of targets.
_PLAN_CAPTION = re.compile(r"^\W*(?:(?:bang|phu\s+luc)\s*\d*\W*)?"
                           r"(?:chi\s+tieu|muc\s+tieu|ke\s+hoach)(?![a-z])")


def _caption(lines: list[str], i: int) -> str:
    """The folded line above a table's header, blank lines skipped (at most two)."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if lines[k].strip():
            return fold_aligned(lines[k])
    return ""


def table_rows(lines: list[str]) -> dict[int, Table]:
    """Data rows of the tables in an article, by line (see `Table`): their header, the scheme
    the caption above the header names ("Số người tham gia BHXH tự nguyện theo địa phương")
    and how the cells are read."""
    rows: dict[int, Table] = {}
    for i, line in enumerate(lines):
        header = header_cells(line)
        if header is None:
            continue
        caption = _caption(lines, i)
        specific = [s for _, _, s in scheme_mentions(caption) if s in SPECIFIC]
        first = i + 1
        years = None
        for _ in range(2):  # a Markdown rule and a row of years under a merged header
            if first < len(lines) and _MARKDOWN_RULE.fullmatch(lines[first]):
                first += 1
            elif first < len(lines) and years is None and \
                    (years := column_years(lines[first], header)) is not None:
                first += 1
        j = first
        while j < len(lines) and is_row(lines[j], header):
            j += 1
        english = english_separators(lines[first:j])
        table = Table(header, specific[0] if specific else None, english,
                      bool(_PLAN_CAPTION.search(caption)), years)
        for k in range(first, j):
            rows[k] = table
    return rows
