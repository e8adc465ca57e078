"""HTML tables to the plain-text tables the extractor reads ("Năm | Bắt buộc | Tự nguyện"):
merged cells (rowspan, colspan) are spread over the cells they cover, and a header of two or
more rows becomes one header row whose cells read top to bottom ("Số người tham gia BHXH" over
"Bắt buộc" gives "Số người tham gia BHXH Bắt buộc").
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_MAX_SPAN = 50  # a span larger than this is a broken attribute, not a layout


class _Cells(HTMLParser):
    """Rows of a table as lists of (text, is_header, rowspan, colspan)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, bool, int, int]]] = []
        self._cell: list[str] | None = None
        self._meta: tuple[bool, int, int] = (False, 1, 1)
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            values = dict(attrs)
            self._cell = []
            self._meta = (tag == "th" or self._in_head, _span(values.get("rowspan")),
                          _span(values.get("colspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            if not self.rows:
                self.rows.append([])
            text = " ".join("".join(self._cell).split())
            self.rows[-1].append((text, *self._meta))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def _grid(rows: list[list[tuple[str, bool, int, int]]]) -> list[list[tuple[str, bool]]]:
    """The table with every merged cell copied into each position it covers."""
    grid: list[list[tuple[str, bool]]] = []
    pending: dict[tuple[int, int], tuple[str, bool]] = {}
    for r, row in enumerate(rows):
        out: list[tuple[str, bool]] = []
        cells = iter(row)
        c = 0
        while True:
            if (r, c) in pending:
                out.append(pending.pop((r, c)))
                c += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text, header, rowspan, colspan = cell
            for dc in range(colspan):
                out.append((text, header))
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = (text, header)
            c += colspan
        grid.append(out)
    return grid


def table_lines(table_html: str) -> tuple[list[str], int]:
    """Text lines of one HTML table: one merged header row (when the table has one), then
    one line per data row, cells joined by " | "; and how many data cells span several
    positions (their value is repeated in each, which a reader must know)."""
    parser = _Cells()
    parser.feed(table_html)
    heads = 0
    while heads < len(parser.rows) and parser.rows[heads] and all(
            cell[1] for cell in parser.rows[heads]):
        heads += 1
    merged_data = sum(1 for row in parser.rows[heads:] for cell in row
                      if cell[2] > 1 or cell[3] > 1)
    grid = [row for row in _grid(parser.rows) if any(text for text, _ in row)]
    heads = 0
    while heads < len(grid) and all(header for _, header in grid[heads]):
        heads += 1
    lines = []
    if heads:
        width = max(len(row) for row in grid[:heads])
        merged = []
        for c in range(width):
            words: list[str] = []
            for row in grid[:heads]:
                if c < len(row) and row[c][0] and row[c][0] not in words:
                    words.append(row[c][0])
            merged.append(" ".join(words))
        lines.append(" | ".join(merged))
    lines += [" | ".join(text for text, _ in row) for row in grid[heads:]]
    return lines, merged_data


def tables_to_text(raw: str) -> tuple[str, list[str]]:
    """`raw` HTML with each ``<table>`` replaced by its text lines (see `table_lines`), and
    a note for each table whose data cells are merged or that has no header row."""
    if "<table" not in raw.lower():
        return raw, []
    notes: list[str] = []

    def replace_table(m: re.Match[str]) -> str:
        lines, merged = table_lines(m.group(0))
        n = len(notes) + 1
        if merged:
            notes.append(f"table {n}: {merged} data cell(s) span several rows or columns; their "
                         "value is read in each position it covers (check for double counting)")
        if lines and any(ch.isdigit() for ch in lines[0]):
            notes.append(f"table {n} has no header row naming its columns: its cells are not "
                         "read; add a header or a correction")
        return "\n" + "\n".join(html.escape(line, quote=False) for line in lines) + "\n"

    return _TABLE.sub(replace_table, raw), notes
