"""Raw reading of CSV, XLSX and Parquet files into text frames indexed by spreadsheet row, with
the header found, column names matched to the contract, and encoding problems explained.

Used by `helpers.io`; values are parsed and validated there (see `helpers.cleaning`).
"""

from __future__ import annotations

import array
import codecs
import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from helpers.errors import (
    DataError,
    EmptyFileError,
    EncodingError,
    HeaderRowError,
    MissingColumnError,
    NoRowsError,
)
from helpers.schema import COLUMN_ALIASES, sheet_rows
from helpers.text import fold

# How far down a sheet we look for a header hidden below titles or notes.
HEADER_SEARCH_ROWS = 30

_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def column_key(name: object) -> str:
    """A column name reduced for matching: folded, letters and digits only ("Tỉnh " -> "tinh")."""
    return _NOT_ALNUM.sub("", fold(str(name)))


def read_table(
    path: str | Path,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    header_row: int | None = None,
) -> tuple[pd.DataFrame, int]:
    """Read a table as text, with contract column names and spreadsheet row numbers as index.

    Parameters
    ----------
    path
        A ``.csv``, ``.xlsx`` or ``.parquet`` file.
    required, optional
        Contract column names. Given columns are matched case- and accent-insensitively, also
        through `helpers.schema.COLUMN_ALIASES`; unmatched columns are kept as they are.
    header_row
        The spreadsheet row of the header (1-based); by default row 1, and a header found
        lower down raises `HeaderRowError` telling the user to pass this.

    Returns
    -------
    (DataFrame, int)
        Cells as strings (``""`` when empty) except Parquet numeric/bool columns, which keep
        their dtype; the index is the spreadsheet row of each record; and the header row.
    """
    file = Path(path)
    if not file.exists():
        raise DataError("file not found.", file=file, hint="Check the path and the file name.")
    if file.is_dir():
        raise DataError("is a folder, not a file.", file=file,
                        hint="Pass one .csv, .xlsx or .parquet file from it.")
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm", ".parquet"):
        raise DataError(
            f"cannot read '{suffix}' files.",
            file=file,
            hint="Save the table as .csv (UTF-8), .xlsx or .parquet.",
        )
    if suffix in (".csv", ".txt"):
        data = file.read_bytes()
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            data = _decode(data, file).encode("utf-8")
        delimiter, head = _csv_head(data, file)
        header = _header_row(head, required, header_row, file)
        frame = _csv_body(data, delimiter, head[header - 1], header, file)
    elif suffix == ".parquet":
        frame, header = _parquet_frame(file), 1
        if frame.empty:
            raise NoRowsError("the table has no rows.", file=file, row=1)
        frame.index = pd.RangeIndex(2, len(frame) + 2)
    else:
        columns = _xlsx_columns(file)
        head = _head_rows(columns)
        header = _header_row(head, required, header_row, file)
        frame = _column_body(columns, head[header - 1], header, file)
    return _match_columns(frame, required, optional, file, header), header


def _csv_head(data: bytes, file: Path) -> tuple[str, list[list[str]]]:
    """The delimiter (",", ";" or tab, whichever the first line uses most) and the first rows.

    Only the first 64 KB are decoded here; the rest is checked while it is parsed.
    """
    end = data.rfind(b"\n", 0, 1 << 16) if len(data) > 1 << 16 else len(data)
    text = _decode(data[:end], file)
    if not text or text.isspace():
        raise EmptyFileError("the file is empty.", file=file, row=1, hint="Export the data again.")
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    delimiter = max([",", ";", "\t"], key=lines[0].count)
    return delimiter, list(csv.reader(lines, delimiter=delimiter))


def _csv_body(
    data: bytes, delimiter: str, names: list[str], header: int, file: Path
) -> pd.DataFrame:
    """Records below the header, one per line, from UTF-8 bytes, via pandas' parsers.

    Arrow's parser is used when it can be (about 2.5x faster on a million rows); it skips blank
    lines, which would shift row numbers, so files with blank lines and files it rejects
    (ragged rows, bytes that are not UTF-8) go through the C parser, after a full decode whose
    error names the row, and whose own errors name the line.
    """
    # keep_default_na=False: "NA" or "n/a" in a count must be reported, not read as missing.
    options = {
        "sep": delimiter,
        "header": None,
        "skiprows": header,
        "dtype": "str",
        "keep_default_na": False,
    }
    body = None
    if b"\n\n" not in data and b"\n\r\n" not in data:
        try:
            body = pd.read_csv(io.BytesIO(data), engine="pyarrow", **options)
        except (pa.ArrowInvalid, ValueError):
            body = None
    if body is None:
        text = _decode(data, file)
        try:
            body = pd.read_csv(io.StringIO(text), skip_blank_lines=False, **options)
        except pd.errors.EmptyDataError:
            body = pd.DataFrame()
        except pd.errors.ParserError as exc:
            # pandas counts lines from the top of the file, as a spreadsheet numbers rows.
            found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
            raise DataError(
                f"has {found.group(3)} cells but the header names {found.group(1)} columns."
                if found
                else f"is not a regular CSV table ({str(exc).strip()}).",
                file=file,
                row=int(found.group(2)) if found else None,
                hint="Every row must have as many cells as the header; quote cells holding "
                f"'{delimiter}'.",
            ) from None
    return _named(body.fillna(""), names, header, file, first=header + 1)


def _named(
    body: pd.DataFrame, names: list[str], header: int, file: Path, *, first: int
) -> pd.DataFrame:
    """Index by spreadsheet row (from ``first``), name the columns from the header, drop blank
    rows and refuse cells beyond the named columns."""
    body.index = pd.RangeIndex(first, first + len(body))
    names = [cell.strip() for cell in names]
    while names and not names[-1]:
        names.pop()
    width = len(names)
    body = body.loc[(body != "").any(axis=1)] if len(body) else body
    if body.shape[1] > width:
        stray = (body.iloc[:, width:] != "").any(axis=1)
        if stray.any():
            raise DataError(
                f"has cells beyond the {width} named columns.",
                file=file,
                row=sheet_rows(body.index[stray], 0),
                hint="Give every column a header, or remove the stray cells.",
            )
        body = body.iloc[:, :width]
    if body.empty:
        raise NoRowsError(
            "has a header but no data rows.", file=file, row=header, hint="Add the data rows."
        )
    body = body.reindex(columns=range(width), fill_value="")
    body.columns = [name or f"column {i + 1}" for i, name in enumerate(names)]
    return body


def _decode(data: bytes, file: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused, not guessed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        row = data.count(b"\n", 0, exc.start) + 1
        header = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip().split(",")
        field = data[line_start : exc.start].count(b",")
        column = header[field].strip() if field < len(header) else None
        raise EncodingError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); it was probably "
            "saved as Windows-1258 or another legacy Vietnamese encoding.",
            file=file,
            row=row,
            column=column,
            hint="Re-save it as UTF-8: in Excel 'Save As > CSV UTF-8 (Comma delimited)', in "
            "LibreOffice choose character set 'Unicode (UTF-8)'.",
        ) from None


def _xlsx_columns(file: Path) -> list[pa.Array]:
    """The first sheet of a workbook as text columns (``""`` for empty cells), top row first.

    Read with calamine (Rust), row by row: each column keeps one code per row and each distinct
    value's text once, so a million-row export takes seconds and a few hundred MB, not the
    minute and the gigabyte of a cell-by-cell reader.
    """
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(file))
        sheet = book.get_sheet_by_index(0)
        rows = sheet.iter_rows()  # from the sheet's row 1, leading empty rows included
    except Exception as exc:  # calamine raises several types for damaged or mislabelled files
        raise DataError(
            f"cannot be opened as an Excel workbook ({type(exc).__name__}).",
            file=file,
            hint="Open it in Excel and save it again as .xlsx.",
        ) from None
    lookups: list[dict[object, int]] = []
    codes: list[array.array] = []
    length = 0
    for row in rows:
        for i, value in enumerate(row):
            if i == len(lookups):
                lookups.append({"": 0})
                codes.append(array.array("l", bytes(8 * length)))
            key = (type(value), value)
            code = lookups[i].get(key)
            if code is None:
                code = lookups[i][key] = len(lookups[i])
            codes[i].append(code)
        for column in codes[len(row) :]:
            column.append(0)
        length += 1
    out = []
    for lookup, column in zip(lookups, codes, strict=True):
        text = [""] * len(lookup)
        for entry, code in lookup.items():
            if isinstance(entry, tuple):
                text[code] = _cell_text(entry[1])
        indices = np.frombuffer(column, dtype=np.int64)
        out.append(pa.DictionaryArray.from_arrays(indices, pa.array(text)).cast(pa.string()))
    return out


def _head_rows(columns: list[pa.Array]) -> list[list[str]]:
    """The first `HEADER_SEARCH_ROWS` rows of a columnar sheet, as lists of cell text."""
    if not columns:
        return []
    head = [column.slice(0, HEADER_SEARCH_ROWS).to_pylist() for column in columns]
    return [list(cells) for cells in zip(*head, strict=True)]


def _column_body(
    columns: list[pa.Array], names: list[str], header: int, file: Path
) -> pd.DataFrame:
    """Records below the header of a columnar sheet, indexed by their spreadsheet row."""
    body = pd.DataFrame(
        {i: pd.Series(pd.array(column.slice(header), dtype="str")) for i, column in
         enumerate(columns)}
    )
    return _named(body, names, header, file, first=header + 1)


def _cell_text(value: object) -> str:
    """An Excel cell as text; dates as ISO, whole floats without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parquet_frame(file: Path) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(file)
    except Exception as exc:  # pyarrow's errors for a damaged file vary by version
        raise DataError(
            f"cannot be read as Parquet ({type(exc).__name__}: {exc}).", file=file
        ) from None
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            # Format each distinct date once: a million strftime calls take seconds.
            codes, dates = pd.factorize(series)
            text = np.append(np.asarray(dates.strftime("%Y-%m-%d"), dtype=object), "")
            frame[column] = pd.Series(text[codes], index=frame.index, dtype="str")
        elif not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)):
            frame[column] = series.astype("str").where(series.notna(), "")
    return frame


def _header_row(
    rows: list[list[str]], required: Sequence[str], header_row: int | None, file: Path
) -> int:
    """The 1-based header row: as given, or row 1, refusing a header hidden lower down."""
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise EmptyFileError("the file is empty.", file=file, row=1, hint="Export the data again.")
    if header_row is not None:
        if not 1 <= header_row <= len(rows):
            raise HeaderRowError(
                f"header_row={header_row} is outside the file (it has {len(rows)} rows).",
                file=file,
                row=header_row,
            )
        return header_row
    wanted = {column_key(c) for c in required}
    keys = set(COLUMN_ALIASES) | wanted

    def hits(row: list[str]) -> int:
        return sum(column_key(cell) in keys for cell in row if cell.strip())

    first = hits(rows[0])
    for number, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        if number > 1 and hits(row) > max(first, len(wanted) // 2):
            raise HeaderRowError(
                f"the header is on row {number}, not row 1.",
                file=file,
                row=number,
                hint=f"Delete the rows above it, or pass header_row={number}.",
            )
    return 1


def _match_columns(
    frame: pd.DataFrame,
    required: Sequence[str],
    optional: Sequence[str],
    file: Path,
    header: int,
) -> pd.DataFrame:
    """Rename given columns to contract names; report missing ones with the closest given."""
    wanted = list(required) + list(optional)
    lookup = {k: v for k, v in COLUMN_ALIASES.items() if v in wanted}
    lookup.update({column_key(c): c for c in wanted})
    renames: dict[str, str] = {}
    for given in frame.columns:
        target = lookup.get(column_key(given))
        if target is None:
            continue
        if target in renames.values():
            first = next(k for k, v in renames.items() if v == target)
            raise MissingColumnError(
                f"columns '{first}' and '{given}' both mean '{target}'.",
                file=file,
                row=header,
                column=str(given),
                hint="Keep one of them.",
            )
        renames[given] = target
    missing = [c for c in required if c not in renames.values()]
    if missing:
        spare = [str(c) for c in frame.columns if c not in renames]
        closest = {
            m: difflib.get_close_matches(m, spare, n=1, cutoff=0.5)
            or difflib.get_close_matches(column_key(m), spare, n=1, cutoff=0.5)
            for m in missing
        }
        near = "; ".join(
            f"closest given column for '{m}': '{c[0]}'" for m, c in closest.items() if c
        )
        raise MissingColumnError(
            f"missing column(s) {', '.join(repr(m) for m in missing)}"
            + (f" ({near})." if near else "."),
            file=file,
            row=header,
            column=missing[0],
            hint=f"Expected columns: {', '.join(required)}"
            + (f" (optional: {', '.join(optional)})" if optional else "")
            + "; Vietnamese headers such as 'Tỉnh', 'Huyện', 'Tháng' are accepted too.",
        )
    return frame.rename(columns=renames)
