"""Long panels (one row per unit and period) turned into a checked unit × period matrix.

Shared by the comparative designs (synthetic control, synthetic DiD, event study): periods are
months (Periods, "YYYY-MM", dates read day-first) or whole numbers (years).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import numpy as np
import pandas as pd

from helpers.effects.design import Intervention
from helpers.errors import DataError, InvalidValueError, MissingColumnError, ParameterError
from helpers.text import parse_period

PanelScale = Literal["log", "level"]
_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@dataclass(frozen=True)
class WidePanel:
    """A balanced, gap-free panel as a matrix.

    Attributes
    ----------
    values
        Outcome on the analysis scale (log when ``scale="log"``), units × periods.
    raw
        Outcome as given, same shape.
    units
        Unit labels, in row order.
    periods
        Period ordinals (monthly Period ordinals, or the integers given), in column order.
    kind
        "month" or "integer": how ``periods`` map back to labels.
    scale
        "log" or "level".
    """

    values: np.ndarray
    raw: np.ndarray
    units: list[str]
    periods: np.ndarray
    kind: str
    scale: str

    def label(self, ordinal: int) -> str:
        """A period as people read it: "2024-05" for months, "2007" for years."""
        if self.kind == "month":
            return str(pd.Period(ordinal=int(ordinal), freq="M"))
        return str(int(ordinal))

    def row(self, unit: str) -> int:
        """Row index of ``unit``; ParameterError naming close labels when it is not there."""
        try:
            return self.units.index(str(unit))
        except ValueError:
            shown = ", ".join(self.units[:8])
            raise ParameterError(
                f"unit '{unit}' is not in the panel (units: {shown}"
                f"{', …' if len(self.units) > 8 else ''})."
            ) from None


def period_ordinal(value: object, kind: str | None = None) -> tuple[int, str]:
    """A period value as (ordinal, kind).

    Whole numbers are years (kind "integer"); Periods, Timestamps, dates and "YYYY-MM" are
    months; other strings are read day-first with ``helpers.text.parse_period`` ("01/05/2024"
    is May 2024), taking the month the period starts in.

    Raises
    ------
    ParameterError
        When the value is not a period, or its kind differs from ``kind``.
    """
    found: tuple[int, str]
    if isinstance(value, bool):
        raise ParameterError(f"'{value}' is not a period.")
    if isinstance(value, (int, np.integer)):
        found = (int(value), "integer")
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        found = (int(value), "integer")
    elif isinstance(value, pd.Period):
        found = (value.asfreq("M").ordinal, "month")
    elif isinstance(value, (pd.Timestamp, datetime, date, np.datetime64)):
        found = (pd.Period(pd.Timestamp(value), freq="M").ordinal, "month")
    elif isinstance(value, str):
        found = _string_ordinal(value)
    else:
        raise ParameterError(f"'{value}' is not a period; use 'YYYY-MM' or a year.")
    if kind is not None and found[1] != kind:
        what = "months" if kind == "month" else "whole numbers (years)"
        raise ParameterError(f"'{value}' is not in the panel's time unit ({what}).")
    return found


def _string_ordinal(text: str) -> tuple[int, str]:
    stripped = text.strip()
    if stripped.isdigit() and len(stripped) == 4:
        return int(stripped), "integer"
    match = _MONTH_RE.match(stripped)
    if match and 1 <= int(match.group(2)) <= 12:
        return pd.Period(year=int(match.group(1)), month=int(match.group(2)), freq="M").ordinal, (
            "month")
    try:
        start = parse_period(stripped).start
    except ValueError:
        start = None
    if start is None:
        raise ParameterError(f"'{text}' is not a period; use 'YYYY-MM' or a year.")
    return pd.Period(year=start.year, month=start.month, freq="M").ordinal, "month"


def treatment_window(treatment: object, kind: str) -> tuple[int, int | None]:
    """``(start, end)`` or an ``Intervention`` as period ordinals (end None: open-ended)."""
    if isinstance(treatment, Intervention):
        start, end = treatment.start, treatment.end
    elif isinstance(treatment, (tuple, list)) and len(treatment) == 2:
        start, end = treatment
    else:
        raise ParameterError(
            "treatment must be a (start, end) pair in the panel's time unit, or an Intervention."
        )
    first = period_ordinal(start, kind)[0]
    last = None if end is None or (isinstance(end, float) and np.isnan(end)) else (
        period_ordinal(end, kind)[0])
    if last is not None and last < first:
        raise ParameterError(f"the treatment ends ({end}) before it starts ({start}).")
    return first, last


#: While `reusing_wide_panels` is active: the long panel whose pivots are kept, and them.
_REUSED: list[tuple[pd.DataFrame, dict]] = []


@contextmanager
def reusing_wide_panels(panel: pd.DataFrame, kept: dict) -> Iterator[None]:
    """Within the block, `wide_panel` of this very ``panel`` object (not an equal copy) with
    arguments it has already pivoted returns that pivot from ``kept`` instead of checking and
    pivoting again; ``kept`` may outlive the block (a batch's shared comparison keeps it, so
    each report's designs reuse the batch panel's pivot). The caller promises not to change
    ``panel``; the pivots' arrays are read-only, so a design cannot change them for the next.
    """
    _REUSED.append((panel, kept))
    try:
        yield
    finally:
        _REUSED.pop()


def wide_panel(
    panel: pd.DataFrame,
    *,
    outcome: str,
    unit_col: str,
    time_col: str,
    scale: str,
) -> WidePanel:
    """Check a long panel and pivot it to units × periods (see `reusing_wide_panels`).

    Raises
    ------
    MissingColumnError
        When a column is missing.
    DataError
        On duplicate unit-periods, an unbalanced panel, periods missing for every unit (gaps),
        missing or non-numeric outcomes, or values ≤ 0 on the log scale.
    """
    reused = next((kept for shared, kept in reversed(_REUSED) if shared is panel), None)
    if reused is None:
        return _wide_panel(panel, outcome=outcome, unit_col=unit_col, time_col=time_col,
                           scale=scale)
    key = (outcome, unit_col, time_col, scale)
    if key not in reused:
        wp = _wide_panel(panel, outcome=outcome, unit_col=unit_col, time_col=time_col,
                         scale=scale)
        for array in (wp.values, wp.raw, wp.periods):
            array.flags.writeable = False
        reused[key] = wp
    return reused[key]


def _wide_panel(panel: pd.DataFrame, *, outcome: str, unit_col: str, time_col: str,
                scale: str) -> WidePanel:
    if scale not in ("log", "level"):
        raise ParameterError(f"scale '{scale}' is not one of log, level.")
    if not isinstance(panel, pd.DataFrame):
        raise ParameterError("panel must be a pandas DataFrame with one row per unit and period.")
    for column in (unit_col, time_col, outcome):
        if column not in panel.columns:
            present = ", ".join(map(str, panel.columns))
            raise MissingColumnError(
                f"the panel has no column '{column}' (columns: {present}).",
                column=column,
                hint="Name the columns with unit_col=, time_col= and outcome=.",
            )
    if panel.empty:
        raise DataError("the panel has no rows.", hint="Pass a panel filtered to one scheme.")
    times = panel[time_col]
    # Each distinct period read once, then spread to the rows by their codes (a per-row
    # lookup was ~20 ms per call on the 100,000-row demo panel).
    codes, uniques = pd.factorize(times, use_na_sentinel=False)
    distinct = [period_ordinal(value) for value in uniques]
    ordinals = np.array([ordinal for ordinal, _ in distinct], dtype=np.int64)[codes]
    kinds = {kind for _, kind in distinct}
    if len(kinds) > 1:
        raise DataError("the time column mixes months and years.", column=time_col)
    kind = kinds.pop()
    frame = pd.DataFrame({
        "unit": panel[unit_col].astype(str).to_numpy(),
        "period": ordinals,
        "y": pd.to_numeric(panel[outcome], errors="coerce").to_numpy(dtype=float),
    })
    frame.index = np.arange(2, len(frame) + 2)
    _check_rows(frame, outcome=outcome, unit_col=unit_col, time_col=time_col, scale=scale)
    wide = frame.pivot(index="unit", columns="period", values="y")
    _check_balance(wide, kind=kind, unit_col=unit_col, time_col=time_col)
    raw = wide.to_numpy(dtype=float)
    return WidePanel(
        values=np.log(raw) if scale == "log" else raw,
        raw=raw,
        units=[str(u) for u in wide.index],
        periods=wide.columns.to_numpy(dtype=np.int64),
        kind=kind,
        scale=scale,
    )


def _check_rows(frame: pd.DataFrame, *, outcome: str, unit_col: str, time_col: str,
                scale: str) -> None:
    duplicated = frame.duplicated(["unit", "period"], keep=False)
    if duplicated.any():
        rows = frame.index[duplicated].tolist()
        raise DataError(
            "the same unit and period appear more than once.",
            row=rows, column=time_col,
            hint=f"Keep one row per {unit_col} and {time_col}; filter the panel to one scheme.",
        )
    missing = frame["y"].isna()
    if missing.any():
        raise InvalidValueError(
            "the outcome is missing or not a number.",
            row=frame.index[missing].tolist(), column=outcome,
            hint="Fill the numbers in, or leave those units out of the comparison.",
        )
    if scale == "log" and (frame["y"] <= 0).any():
        rows = frame.index[frame["y"] <= 0].tolist()
        raise InvalidValueError(
            "the log scale needs positive values.",
            row=rows, column=outcome,
            hint="Use scale='level', or leave out units with months of zero.",
        )


def _check_balance(wide: pd.DataFrame, *, kind: str, unit_col: str, time_col: str) -> None:
    periods = wide.columns.to_numpy(dtype=np.int64)
    steps = np.diff(periods)
    if len(steps) and (steps != 1).any():
        full = np.arange(periods[0], periods[-1] + 1)
        gone = np.setdiff1d(full, periods)
        label = WidePanel(np.empty((0, 0)), np.empty((0, 0)), [], periods, kind, "level").label
        raise DataError(
            f"the panel has gaps: no unit has {', '.join(label(p) for p in gone[:5])}.",
            column=time_col,
            hint="Give every period between the first and the last, or cut the panel to a "
            "gap-free span.",
        )
    holes = wide.isna()
    if holes.any().any():
        label = WidePanel(np.empty((0, 0)), np.empty((0, 0)), [], periods, kind, "level").label
        units = holes.index[holes.any(axis=1)].tolist()
        first = units[0]
        missing = [label(p) for p in wide.columns[holes.loc[first]][:5]]
        raise DataError(
            f"the panel is unbalanced: {len(units)} unit(s) lack some periods "
            f"({', '.join(map(str, units[:5]))}; {first} lacks {', '.join(missing)}).",
            column=unit_col,
            hint="Every unit needs every period: fill the missing ones or leave those units out.",
        )
