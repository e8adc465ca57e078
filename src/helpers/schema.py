"""The table contracts: column lists, allowed values and pandera schemas for facts, campaigns and
monthly panels, plus the translation of pandera failures into errors that name file, row, column.

Typed frames follow one convention: text keys (province, district, commune, flags...) are
NA-free strings, ``""`` meaning "not applicable", so that ``groupby`` keeps every row; dates are
``datetime64[ns]`` (NaT where absent); a panel ``month`` is the first day of the month; counts are
nullable ``Int64``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

# The column and vocabulary lists live in helpers.contract (no pandera); re-exported here so
# every `from helpers.schema import FACT_COLUMNS` keeps working.
from helpers.contract import (  # noqa: F401
    CAMPAIGN_COLUMNS,
    CAMPAIGN_DATE_COLUMNS,
    CAMPAIGN_KINDS,
    COLUMN_ALIASES,
    FACT_COLUMNS,
    FACT_DATE_COLUMNS,
    GEOGRAPHIES,
    INDICATORS,
    PANEL_COLUMNS,
    PANEL_COUNT_COLUMNS,
    PANEL_KEY,
    PANEL_OPTIONAL_COLUMNS,
    QUALIFIERS,
    SCHEME_ALIASES,
    SCHEMES,
)
from helpers.errors import DataError, DuplicateRowError, InvalidValueError


def _text(*, allowed: tuple[str, ...] | None = None, required: bool = False) -> pa.Column:
    """A NA-free string column; ``required`` forbids the empty string too."""
    checks = []
    if allowed is not None:
        checks.append(pa.Check.isin(allowed))
    if required:
        checks.append(pa.Check.str_length(min_value=1))
    return pa.Column(str, checks=checks, nullable=False)


def _date() -> pa.Column:
    return pa.Column("datetime64[ns]", nullable=True, coerce=True)


def _ordered(first: str, last: str) -> pa.Check:
    """Both dates present implies first <= last; a missing end or start is allowed."""
    return pa.Check(
        lambda df: df[first].isna() | df[last].isna() | (df[first] <= df[last]),
        name=f"{first}_not_after_{last}",
        error=f"{first} is after {last}",
    )


FACTS_SCHEMA = pa.DataFrameSchema(
    {
        "fact_id": _text(required=True),
        "article_id": _text(required=True),
        "province": _text(),
        "province_2025": _text(),
        "district": _text(),
        "commune": _text(),
        "scheme": _text(allowed=SCHEMES),
        "indicator": _text(allowed=INDICATORS),
        "is_target": pa.Column(bool, nullable=False),
        "value": pa.Column(float, nullable=False, coerce=True),
        "qualifier": _text(allowed=QUALIFIERS),
        "period_start": _date(),
        "period_end": _date(),
        "quote": _text(),
        "flags": _text(),
        "geography": _text(allowed=GEOGRAPHIES),
    },
    checks=[
        _ordered("period_start", "period_end"),
        pa.Check(
            lambda df: (df["geography"] != "2025") | (df["district"] == ""),
            name="no_district_in_the_2025_map",
            error="a fact of the 2025 map has a district (communes sit directly under the "
            "provinces from 1 July 2025)",
        ),
    ],
    unique=["fact_id"],
    ordered=True,
    name="facts",
)

CAMPAIGNS_SCHEMA = pa.DataFrameSchema(
    {
        "campaign_id": _text(required=True),
        "article_id": _text(required=True),
        "province": _text(),
        "district": _text(),
        "commune": _text(),
        "kind": _text(allowed=CAMPAIGN_KINDS),
        "name": _text(),
        "start": _date(),
        "end": _date(),
        "quote": _text(),
    },
    checks=[_ordered("start", "end")],
    unique=["campaign_id"],
    ordered=True,
    name="campaigns",
)


def _count(required: bool = True) -> pa.Column:
    return pa.Column("Int64", pa.Check.ge(0), nullable=True, coerce=True, required=required)


PANEL_SCHEMA = pa.DataFrameSchema(
    {
        "province": _text(required=True),
        "province_2025": _text(),
        "district": _text(),
        "district_kind": pa.Column(str, nullable=False, required=False),  # derived on load
        "month": pa.Column(
            "datetime64[ns]",
            pa.Check(lambda s: (s.dt.day == 1).all(), error="month is not a month start"),
            nullable=False,
            coerce=True,
        ),
        "scheme": _text(allowed=SCHEMES),
        "participants": _count(),
        "new_participants": _count(),
        "dropouts": _count(),
        "labour_force": _count(required=False),
    },
    unique=PANEL_KEY,
    name="panel",
)


def validate(
    df: pd.DataFrame,
    schema: pa.DataFrameSchema,
    *,
    file: str | Path | None = None,
    first_row: int = 2,
) -> pd.DataFrame:
    """Validate a typed frame, turning pandera's report into one `DataError`.

    Parameters
    ----------
    df
        The typed frame, with a default ``RangeIndex`` in file order.
    schema
        One of `FACTS_SCHEMA`, `CAMPAIGNS_SCHEMA`, `PANEL_SCHEMA`.
    file
        The file the frame came from, named in the error.
    first_row
        The spreadsheet row of ``df.iloc[0]`` (2 when the header is row 1).

    Returns
    -------
    DataFrame
        The validated (and dtype-coerced) frame.

    Raises
    ------
    DataError
        `DuplicateRowError` for a repeated key, `InvalidValueError` otherwise, naming the first
        failing column, its rows (as a spreadsheet numbers them) and offending values.

    Example
    -------
    >>> from helpers.io import load_facts
    >>> from helpers.paths import ROOT
    >>> typed_facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> len(validate(typed_facts, FACTS_SCHEMA, file="facts.csv")) == len(typed_facts)
    True
    >>> bad = typed_facts.assign(qualifier="roughly")
    >>> validate(bad, FACTS_SCHEMA, file="facts.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.errors.InvalidValueError: facts.csv, rows 2, 3, ...: ... not allowed: 'roughly'. ...
    """
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise _as_data_error(exc.failure_cases, df, schema, file, first_row) from None


def sheet_rows(positions: Iterable[int], first_row: int) -> int | list[int] | None:
    """Spreadsheet row numbers for 0-based positions: one int, a sorted list, or None."""
    rows = sorted({int(i) + first_row for i in positions})
    if not rows:
        return None
    return rows[0] if len(rows) == 1 else rows


def _as_data_error(
    cases: pd.DataFrame,
    df: pd.DataFrame,
    schema: pa.DataFrameSchema,
    file: str | Path | None,
    first_row: int,
) -> DataError:
    """Summarise the first failing column/check of a pandera failure table."""
    cases = cases.copy()
    cases["column"] = cases["column"].fillna("").astype(str)
    column, check = cases.iloc[0][["column", "check"]]
    same = cases[(cases["column"] == column) & (cases["check"] == check)]
    index = pd.to_numeric(same["index"], errors="coerce").dropna().astype(int)
    rows = sheet_rows(index, first_row)
    values = ", ".join(repr(v) for v in list(dict.fromkeys(map(str, same["failure_case"])))[:10])
    check = str(check)
    if check == "multiple_fields_uniqueness":
        keys = list(schema.unique or [])
        first = df.loc[index.iloc[0], keys] if len(index) else None
        shown = " / ".join(str(v) for v in first) if first is not None else values
        return DuplicateRowError(
            f"several rows share the same ({', '.join(keys)}), e.g. {shown}.",
            file=file,
            row=rows,
            column=column or None,
            hint="Keep one row per key, or sum the duplicates before loading.",
        )
    order = re.fullmatch(r"(\w+) is after (\w+)", check)
    if order:
        first_col, last_col = order.groups()
        pairs = df.loc[index.drop_duplicates().iloc[:10], [first_col, last_col]]
        shown = ", ".join(f"{a:%Y-%m-%d} > {b:%Y-%m-%d}" for a, b in pairs.itertuples(index=False))
        return InvalidValueError(
            f"{first_col} is after {last_col} ({shown}).",
            file=file,
            row=rows,
            column=first_col,
            hint=f"Swap the dates or correct them; {first_col} must not be after {last_col}.",
        )
    allowed = _allowed_values(schema, column)
    if allowed:
        return InvalidValueError(
            f"value(s) not allowed: {values}.",
            file=file,
            row=rows,
            column=column or None,
            hint=f"Allowed values: {', '.join(allowed)}.",
        )
    return InvalidValueError(
        f"value(s) fail the check '{check}': {values}.",
        file=file,
        row=rows,
        column=column or None,
        hint="See data/raw/templates/data_dictionary.md for what the column may hold.",
    )


def _allowed_values(schema: pa.DataFrameSchema, column: str) -> tuple[str, ...]:
    col = schema.columns.get(column)
    for chk in getattr(col, "checks", []):
        values = chk.statistics.get("allowed_values") if chk.statistics else None
        if values is not None:
            return tuple(values)
    return ()
