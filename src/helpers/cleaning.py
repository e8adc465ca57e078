"""Cell-level parsing for loaded tables: text, place names, months, schemes, counts, dates and
booleans, each reporting every bad cell at once with its spreadsheet row.

Inputs are Series indexed by spreadsheet row (see `helpers.reading`); work is done once per
distinct value, so a million-row panel with a few thousand names stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.errors import DuplicateRowError, InvalidValueError, UnknownPlaceError
from helpers.schema import SCHEME_ALIASES, SCHEMES, sheet_rows
from helpers.text import fold, nfc, read_day

_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T]00:00(?::00)?)?$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[/-](\d{4})$")
_GROUPED_INT = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_SPACES = re.compile(r"[\s_\-]+")
_TRUE = {"true", "1", "yes", "co", "x"}
#: Months outside these years are typos (2999, 1850): the scheme began in 2008, its data in 1995.
FIRST_YEAR = 1995
#: More people than live in Vietnam (about 101 million): a typo or a unit slip, not a count.
MAX_COUNT = 150_000_000
_FALSE = {"false", "0", "no", "khong"}


def _by_value(series: pd.Series, parse: Callable[[str], object], dtype: str = "str") -> pd.Series:
    """Apply ``parse`` once per distinct text value and spread the results over the rows.

    Distinct values come from Arrow's dictionary encoding, which is an order of magnitude faster
    than ``Series.map`` with a dict on a million strings. ``dtype`` is "str", "float64" or
    "datetime64[ns]" (``None`` results become NA).
    """
    encoded = pc.dictionary_encode(_arrow(series)).combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    mapped = [parse(value) for value in encoded.dictionary.to_pylist()]
    if dtype == "str":
        values = pd.array(pa.array(mapped, type=pa.string()).take(encoded.indices), dtype="str")
    else:
        values = np.asarray(mapped, dtype=dtype)[codes]
    return pd.Series(values, index=series.index, name=series.name)


def _arrow(series: pd.Series) -> pa.ChunkedArray:
    """The Arrow strings behind a text Series (converted first if it is not Arrow-backed)."""
    text = series if isinstance(series.array, pd.arrays.ArrowStringArray) else series.astype("str")
    return pc.cast(pa.chunked_array(text.array.__arrow_array__()), pa.large_string())


def _codes(series: pd.Series) -> tuple[np.ndarray, int]:
    """Integer codes of a column's values and how many distinct values there are."""
    if series.dtype == "str":
        encoded = pc.dictionary_encode(_arrow(series)).combine_chunks()
        return encoded.indices.to_numpy(zero_copy_only=False).astype("int64"), len(
            encoded.dictionary
        )
    codes, uniques = pd.factorize(series)
    return codes.astype("int64"), len(uniques)


def _rows(series: pd.Series, mask: pd.Series | np.ndarray) -> int | list[int] | None:
    return sheet_rows((int(i) for i in series.index[np.asarray(mask)]), 0)


def _shown(values: Sequence[Hashable]) -> str:
    return ", ".join(repr(v) for v in list(dict.fromkeys(values))[:10])


def clean_text(series: pd.Series) -> pd.Series:
    """Strings in NFC without surrounding spaces; missing cells become ``""``."""
    text = series.astype("str").where(series.notna(), "") if series.dtype != "str" else series
    return _by_value(text.fillna(""), lambda v: nfc(v).strip())


def resolve_provinces(names: pd.Series, *, file: str | Path) -> tuple[pd.Series, pd.Series]:
    """Canonical pre-2025 province names and their post-2025 provinces.

    Every unknown or empty name is reported in one `InvalidValueError` with its rows and the
    closest known names.
    """
    from helpers.geo import resolve_province

    unknown: dict[str, tuple[str, list[str]]] = {}

    def canonical(name: str) -> str:
        try:
            if not name:
                raise UnknownPlaceError(name, reason="is empty; every row needs a province")
            province = resolve_province(name)
        except UnknownPlaceError as exc:
            unknown[name] = (_why(exc), exc.candidates)
            return ""
        return f"{province.name}\x1f{province.name_2025}"

    # Both names travel in one string so that each distinct spelling is resolved once.
    pairs = _by_value(names, canonical)
    if unknown:
        raise _unknown_places(names, unknown, "province", file)
    split = pc.split_pattern(_arrow(pairs), "\x1f")
    legacy, merged = (pc.list_element(split, i) for i in (0, 1))
    return (
        pd.Series(pd.array(legacy, dtype="str"), index=names.index, name=names.name),
        pd.Series(pd.array(merged, dtype="str"), index=names.index, name="province_2025"),
    )


def resolve_districts(provinces: pd.Series, districts: pd.Series, *, file: str | Path) -> pd.Series:
    """Canonical district names (without type word) within their canonical province.

    Empty districts (province totals) stay empty; unknown ones are reported all at once. Where a
    province has two units of one name ("huyện Kỳ Anh" and "thị xã Kỳ Anh"), the type word is
    kept ("thị xã Kỳ Anh") so that the two stay apart in the panel key.
    """
    from helpers.geo import district_label, resolve_district

    pairs = _joined(provinces, districts)
    unknown: dict[str, tuple[str, list[str]]] = {}

    def canonical(pair: str) -> str:
        province, district = pair.split("\x1f")
        if not district:
            return ""
        try:
            unit = resolve_district(district, province)
        except UnknownPlaceError as exc:
            unknown[f"{district} ({province})"] = (_why(exc), exc.candidates)
            return ""
        return district_label(unit)

    resolved = _by_value(pairs, canonical)
    if unknown:
        labels = districts + " (" + provinces + ")"
        raise _unknown_places(labels, unknown, "district", file)
    return resolved


def district_kinds(provinces: pd.Series, labels: pd.Series) -> pd.Series:
    """The kind of each row's district ("huyện", "thị xã", "thành phố", "quận"; "" for a
    province total), from the reference tables, for canonical labels as `resolve_districts`
    gives them. A label the reference does not know gets "" rather than an error: the kind is
    derived, and `resolve_districts` has already refused unknown names."""
    from helpers.geo import resolve_district

    def kind(pair: str) -> str:
        province, district = pair.split("\x1f")
        try:
            return resolve_district(district, province).kind if district else ""
        except UnknownPlaceError:
            return ""

    return _by_value(_joined(provinces, labels), kind).rename("district_kind")


def _joined(provinces: pd.Series, districts: pd.Series) -> pd.Series:
    """One text per (province, district) row, joined with a separator no name holds, so that
    `_by_value` resolves each distinct pair once."""
    return pd.Series(
        pd.array(
            pc.binary_join_element_wise(
                _arrow(provinces), _arrow(districts), pa.scalar("\x1f", pa.large_string())
            ),
            dtype="str",
        ),
        index=districts.index,
    )


def _why(exc: UnknownPlaceError) -> str:
    """The reason part of a geo error ("matches no known place"), without name or candidates."""
    text = str(exc).split(" Closest matches:")[0]
    return text.removeprefix(f"'{exc.name}' ").rstrip(".")


def _unknown_places(
    labels: pd.Series,
    unknown: dict[str, tuple[str, list[str]]],
    column: str,
    file: str | Path,
) -> InvalidValueError:
    parts, rows = [], []
    for name, (why, candidates) in unknown.items():
        where = _rows(labels, labels == name)
        rows += [where] if isinstance(where, int) else where or []
        shown = where if isinstance(where, int) else ", ".join(map(str, (where or [])[:10]))
        near = f"; closest: {', '.join(candidates[:3])}" if candidates else ""
        parts.append(f"'{name}' {why} (row {shown}{near})")
    return InvalidValueError(
        f"{len(unknown)} {column} name(s) not resolved: {'; '.join(parts)}.",
        file=file,
        row=sorted(rows) if len(rows) > 1 else rows[0],
        column=column,
        hint=f"Correct the spelling or use the canonical {column} name (see data/raw/reference/).",
    )


def _month(value: str) -> pd.Timestamp | None:
    value = value.strip()
    match = _MONTH.match(value)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3) or 1)
    elif match := _MONTH_FIRST.match(value):
        month, year, day = int(match.group(1)), int(match.group(2)), 1
    else:
        return None
    try:
        return pd.Timestamp(year=year, month=month, day=day).to_period("M").to_timestamp()
    except ValueError:
        return None


def parse_months(series: pd.Series, *, file: str | Path) -> pd.Series:
    """Months as the first day of the month (``datetime64[ns]``).

    Accepts ``YYYY-MM``, ``YYYY-MM-DD`` (any day of the month), ``MM/YYYY`` and Excel dates.
    """
    text = clean_text(series)
    months = _by_value(text, _month, "datetime64[ns]")
    bad = months.isna()
    if bad.any():
        raise InvalidValueError(
            f"not a month: {_shown(text[bad].tolist())}.",
            file=file,
            row=_rows(text, bad),
            column="month",
            hint="Write months as YYYY-MM, e.g. 2024-05.",
        )
    last_year = pd.Timestamp.now().year + 1
    odd = (months.dt.year < FIRST_YEAR) | (months.dt.year > last_year)
    if odd.any():
        raise InvalidValueError(
            f"month outside {FIRST_YEAR}..{last_year}: {_shown(text[odd].tolist())}.",
            file=file,
            row=_rows(text, odd),
            column="month",
            hint="Check the year (a typo such as 2999 or 1850?).",
        )
    return months


def parse_schemes(series: pd.Series, *, file: str | Path) -> pd.Series:
    """Scheme codes from codes or labels ("BHXH tự nguyện" -> ``voluntary_si``)."""
    text = clean_text(series)
    schemes = _by_value(text, lambda v: SCHEME_ALIASES.get(_SPACES.sub(" ", fold(v)).strip()))
    bad = schemes.isna()
    if bad.any():
        raise InvalidValueError(
            f"unknown scheme: {_shown(text[bad].tolist())}.",
            file=file,
            row=_rows(text, bad),
            column="scheme",
            hint=f"Allowed values: {', '.join(SCHEMES)} "
            "(or 'BHXH tự nguyện', 'BHYT hộ gia đình', ...).",
        )
    return schemes


def _number(value: str) -> float:
    value = value.strip()
    if not value:
        return np.nan
    match = _GROUPED_INT.match(value)
    if match:
        return float(value.replace(match.group(1), ""))
    if _PLAIN_NUMBER.match(value):
        return float(value)
    return -np.inf  # marks a non-numeric cell ("abc", "nan", "inf" are all refused)


def _numbers(series: pd.Series, column: str, file: str | Path) -> pd.Series:
    """Floats from numeric or text cells; empty is NaN; non-numeric text is an error."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.astype("float64")
    text = clean_text(series)
    numbers = _by_value(text, _number, "float64")
    bad = np.isneginf(numbers)
    if bad.any():
        raise InvalidValueError(
            f"not a number: {_shown(text[bad].tolist())}.",
            file=file,
            row=_rows(text, bad),
            column=column,
            hint="Write plain numbers (7548 or 7.548); leave the cell empty when unknown.",
        )
    return numbers


def parse_counts(series: pd.Series, *, column: str, file: str | Path) -> pd.Series:
    """Non-negative whole counts as nullable ``Int64``; empty cells are ``<NA>``."""
    numbers = _numbers(series, column, file)
    for bad, problem in (
        (np.isinf(numbers), "count is not a finite number"),
        (numbers < 0, "negative count"),
        (numbers > MAX_COUNT, f"count larger than Vietnam's population (over {MAX_COUNT:,})"),
        (numbers.notna() & (numbers != np.floor(numbers)), "count is not a whole number"),
    ):
        if bad.any():
            raise InvalidValueError(
                f"{problem}: {_shown(series[bad].astype('str').tolist())}.",
                file=file,
                row=_rows(series, bad),
                column=column,
                hint="Counts are whole numbers of people, 0 or more.",
            )
    return numbers.astype("Int64")


def parse_floats(series: pd.Series, *, column: str, file: str | Path) -> pd.Series:
    """Numbers as ``float64``; empty cells are refused (the column is required)."""
    numbers = _numbers(series, column, file)
    if numbers.isna().any():
        raise InvalidValueError(
            "empty value.",
            file=file,
            row=_rows(numbers, numbers.isna()),
            column=column,
            hint="Every row needs a number here.",
        )
    return numbers


def parse_dates(series: pd.Series, *, column: str, file: str | Path) -> pd.Series:
    """Dates as ``datetime64[ns]``; empty cells are ``NaT``.

    ISO ``YYYY-MM-DD``, or day first as the Vietnamese write it (``31/05/2024``; see
    `helpers.text.read_day`): a slash date is never read month-first.
    """
    text = clean_text(series)
    dates = pd.to_datetime(text.where(text != ""), format="%Y-%m-%d", errors="coerce")
    other = dates.isna() & (text != "")
    if other.any():
        dates[other] = _by_value(text[other], read_day, "datetime64[ns]")
    bad = dates.isna() & (text != "")
    if bad.any():
        raise InvalidValueError(
            f"not a date: {_shown(text[bad].tolist())}.",
            file=file,
            row=_rows(text, bad),
            column=column,
            hint="Write dates as YYYY-MM-DD (2024-05-31) or day first as DD/MM/YYYY (31/05/2024).",
        )
    return dates.astype("datetime64[ns]")


def parse_bools(series: pd.Series, *, column: str, file: str | Path) -> pd.Series:
    """True/False from ``True``/``False``, ``1``/``0``, ``yes``/``no``, ``có``/``không``."""
    if pd.api.types.is_bool_dtype(series):
        return series.astype(bool)
    text = clean_text(series)
    folded = _by_value(text, lambda v: fold(v))
    bad = ~folded.isin(_TRUE | _FALSE)
    if bad.any():
        raise InvalidValueError(
            f"not true or false: {_shown(text[bad].tolist())}.",
            file=file,
            row=_rows(text, bad),
            column=column,
            hint="Write True or False.",
        )
    return folded.isin(_TRUE).astype(bool)


def check_unique(df: pd.DataFrame, keys: list[str], *, file: str | Path) -> None:
    """Refuse rows repeating a key, naming the first repeated key and every repeated row."""
    # One int64 per key from per-column codes: far faster than DataFrame.duplicated on strings.
    combined = np.zeros(len(df), dtype="int64")
    for key in keys:
        codes, size = _codes(df[key])
        combined = combined * (size + 1) + codes
    repeated = pd.Series(combined, index=df.index).duplicated(keep=False)
    if not repeated.any():
        return
    first = df.loc[repeated, keys].iloc[0]
    same = (df[keys] == first).all(axis=1)
    shown = " / ".join(
        f"{v:%Y-%m}" if isinstance(v, pd.Timestamp) else (str(v) or "(province total)")
        for v in first
    )
    raise DuplicateRowError(
        f"{int(repeated.sum())} rows repeat a ({', '.join(keys)}) key; e.g. rows "
        f"{', '.join(map(str, df.index[same][:10]))} all hold {shown}.",
        file=file,
        row=_rows(df, repeated),
        column=keys[0],
        hint="Keep one row per key, or sum the duplicates before loading.",
    )
