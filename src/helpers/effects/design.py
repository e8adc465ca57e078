"""Design matrices for monthly interrupted time series: months, trend, seasonality, interventions.

Everything here is pure bookkeeping (no fitting), so it can be checked column by column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from helpers.errors import DataError, InvalidValueError, ParameterError

InterventionKind = Literal["window", "step", "ramp"]
SEASONALITIES = ("fourier1", "fourier2", "fourier3", "month", "none")


def to_month(value: object) -> pd.Period:
    """Turn "YYYY-MM", a Timestamp, a date or a Period into a monthly Period.

    Raises
    ------
    ParameterError
        When the value is not a month.
    """
    try:
        month = pd.Period(value, freq="M")
    except (ValueError, TypeError) as exc:
        raise ParameterError(f"'{value}' is not a month; write it as 'YYYY-MM'.") from exc
    if month is pd.NaT:
        raise ParameterError("A month is missing; write it as 'YYYY-MM'.")
    return month


@dataclass(frozen=True)
class Intervention:
    """A dated change whose effect the model estimates.

    Parameters
    ----------
    name
        Label used as the key of ``ITSResult.effects``.
    start, end
        Months as "YYYY-MM", Timestamps or Periods. A window covers start..end inclusive
        (``end=None``: the start month only); a step or ramp lasts from start to ``end``
        (``end=None``: the end of the series).
    kind
        "window" (temporary level change), "step" (lasting level change) or "ramp"
        (log-rate change per month since start, 0 at start).
    """

    name: str
    start: Any
    end: Any = None
    kind: InterventionKind = "window"

    def __post_init__(self) -> None:
        if self.kind not in ("window", "step", "ramp"):
            raise ParameterError(
                f"Intervention '{self.name}': kind '{self.kind}' is not one of window, step, ramp."
            )
        start = to_month(self.start)
        end = None if self.end is None else to_month(self.end)
        if end is not None and end < start:
            raise ParameterError(
                f"Intervention '{self.name}' ends ({end}) before it starts ({start})."
            )
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    def active(self, months: pd.PeriodIndex) -> np.ndarray:
        """Boolean mask of the months the intervention covers."""
        last = (
            self.end
            if self.end is not None
            else (self.start if self.kind == "window" else months[-1])
        )
        return np.asarray((months >= self.start) & (months <= last))

    def column(self, months: pd.PeriodIndex) -> np.ndarray:
        """The regressor: 0/1 for windows and steps, months since start for ramps."""
        if self.kind != "ramp":
            return self.active(months).astype(float)
        since = (months.asi8 - self.start.ordinal).astype(float)
        cap = np.inf if self.end is None else float((self.end - self.start).n)
        return np.clip(since, 0.0, cap)


def month_index(index: pd.Index, *, file: str | None = None) -> pd.PeriodIndex:
    """Normalise a PeriodIndex, DatetimeIndex or "YYYY-MM" strings to a gap-free monthly index.

    Raises
    ------
    DataError
        On unreadable months, duplicates or gaps, naming the offending months.
    """
    try:
        months = _as_periods(index)
    except ParameterError as exc:
        raise InvalidValueError(
            str(exc), file=file, column="month", hint="Use 'YYYY-MM' month labels."
        ) from exc
    duplicated = months[months.duplicated()]
    if len(duplicated):
        raise DataError(
            f"months {', '.join(map(str, duplicated.unique()[:5]))} appear twice.",
            file=file,
            column="month",
            hint="Keep one row per month.",
        )
    months = months.sort_values()
    steps = np.diff(months.asi8)
    if (steps != 1).any():
        full = pd.period_range(months[0], months[-1], freq="M")
        missing = full.difference(months)
        raise DataError(
            f"the series has gaps: {', '.join(map(str, missing[:5]))} missing.",
            file=file,
            column="month",
            hint="Fill missing months (0 if nobody enrolled) or cut the series to a gap-free span.",
        )
    return months


def monthly_values(values: pd.Series) -> pd.Series:
    """Floats (NaN where missing or not a number) on a sorted, gap-free monthly PeriodIndex."""
    if not isinstance(values, pd.Series):
        raise ParameterError("Give a pandas Series indexed by month.")
    months = month_index(values.index)
    numbers = pd.to_numeric(pd.Series(values.to_numpy(dtype=object)), errors="coerce")
    series = pd.Series(numbers.to_numpy(dtype=float, na_value=np.nan),
                       index=_as_periods(values.index), name=values.name).sort_index()
    series.index = months
    return series


def prepare_series(y: pd.Series, *, counts: bool) -> pd.Series:
    """``y`` as floats on a sorted monthly PeriodIndex; rejects missing or negative values."""
    if not isinstance(y, pd.Series):
        raise ParameterError("y must be a pandas Series indexed by month.")
    series = monthly_values(y)
    bad = series[series.isna()]
    if len(bad):
        raise InvalidValueError(
            f"{len(bad)} month(s) have no number: {', '.join(map(str, bad.index[:5]))}.",
            column=str(y.name) if y.name is not None else None,
            hint="Fill in the counts or drop those months at the ends of the series.",
        )
    if counts and (series < 0).any():
        neg = series[series < 0]
        raise InvalidValueError(
            f"counts cannot be negative: {', '.join(map(str, neg.index[:5]))}.",
            column=str(y.name) if y.name is not None else None,
            hint="Model rates with family='gaussian', or fix the counts.",
        )
    return series.astype(float)


def _as_periods(index: pd.Index) -> pd.PeriodIndex:
    if isinstance(index, pd.PeriodIndex):
        return index.asfreq("M")
    if isinstance(index, pd.DatetimeIndex):
        return index.to_period("M")
    return pd.PeriodIndex([to_month(v) for v in index], freq="M")


def base_design(months: pd.PeriodIndex, seasonality: str) -> pd.DataFrame:
    """Intercept, linear trend (per year, centred) and seasonal columns for ``months``."""
    if seasonality not in SEASONALITIES:
        raise ParameterError(
            f"seasonality '{seasonality}' is not one of {', '.join(SEASONALITIES)}."
        )
    n = len(months)
    t = np.arange(n, dtype=float)
    columns = {"const": np.ones(n), "trend": (t - t.mean()) / 12.0}
    calendar = np.asarray(months.month, dtype=float)
    if seasonality.startswith("fourier"):
        for k in range(1, int(seasonality[-1]) + 1):
            columns[f"sin{k}"] = np.sin(2 * np.pi * k * calendar / 12.0)
            columns[f"cos{k}"] = np.cos(2 * np.pi * k * calendar / 12.0)
    elif seasonality == "month":
        for m in range(2, 13):
            columns[f"month{m:02d}"] = (calendar == m).astype(float)
    return pd.DataFrame(columns, index=months)


def intervention_design(months: pd.PeriodIndex, interventions: list[Intervention]) -> pd.DataFrame:
    """One column per intervention, named by the intervention.

    Raises
    ------
    ParameterError
        On duplicate names or an intervention that starts outside the series.
    """
    names = [iv.name for iv in interventions]
    if len(set(names)) != len(names):
        raise ParameterError(f"Intervention names must be unique; got {names}.")
    columns = {}
    for iv in interventions:
        if not months[0] <= iv.start <= months[-1]:
            raise ParameterError(
                f"Intervention '{iv.name}' starts {iv.start}, outside the series "
                f"({months[0]}..{months[-1]})."
            )
        columns[iv.name] = iv.column(months)
    return pd.DataFrame(columns, index=months)
