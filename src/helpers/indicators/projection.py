"""Projection of reported stocks to a target date: a log-linear trend with a prediction interval.

Press stocks are few and irregular; the fit is a description of their trend, not a forecast model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.indicators.results import PressIndicator, reason_of
from helpers.narrative.vocabulary import Note

_DAYS_PER_YEAR = 365.25


@dataclass(kw_only=True)
class Projection(PressIndicator):
    """Where the reported stocks' trend puts the stock at a target date.

    Attributes
    ----------
    predicted, pi_low, pi_high
        Median projected stock at ``target_date`` and its prediction interval (level
        ``1 - alpha``) for a figure reported that day.
    annual_growth_pct, growth_ci
        Fitted growth per year and its confidence interval, in percent.
    implied_date
        When the fitted trend crosses ``target_value`` (None if it never does).
    reached_on
        Date of the first reported stock at or above the target, if any.
    """

    kind: ClassVar[str] = "projection"
    target_value: float | None = None
    target_date: date | None = None
    alpha: float = 0.05
    n_points: int = 0
    predicted: float | None = None
    pi_low: float | None = None
    pi_high: float | None = None
    annual_growth_pct: float | None = None
    growth_ci: tuple[float, float] | None = None
    implied_date: date | None = None
    reached_on: date | None = None


def _as_series(stocks: pd.Series | pd.DataFrame) -> tuple[pd.Series, pd.DataFrame | None]:
    if isinstance(stocks, pd.DataFrame):
        if "value" not in stocks.columns:
            raise ParameterError("stocks must be a Series or a stock_series() frame with 'value'.")
        return stocks["value"].astype(float), stocks
    return stocks.astype(float), None


def projection(
    stocks: pd.Series | pd.DataFrame,
    target_value: float,
    target_date: date | str,
    *,
    alpha: float = 0.05,
) -> Projection:
    """Fit log(stock) = a + b·years by OLS and project it to ``target_date``.

    Parameters
    ----------
    stocks
        Reported stocks indexed by as-of date: a Series, or a frame from
        :func:`stock_series` (its fact_ids and quotes are carried into the result).
    target_value
        The target stock (e.g. 51.100 participants).
    target_date
        The date the target is for (e.g. 2025-12-31).
    alpha
        1 − level of the prediction interval.

    Returns
    -------
    Projection
        Refused with the reason when there are fewer than three dated stocks (a line through
        two points has no error to put an interval on) or a stock is not positive.

    Raises
    ------
    ParameterError
        When the target is not positive or ``alpha`` is not in (0, 1).

    Examples
    --------
    >>> from helpers.io import load_facts
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> from helpers.indicators import stock_series
    >>> result = projection(stock_series(facts, province="Bắc Giang"), 51_100, "2025-12-31")
    >>> result.status, result.predicted > 51_100
    ('ok', True)
    """
    if not target_value > 0:
        raise ParameterError(f"target_value must be positive, not {target_value}.")
    if not 0 < alpha < 1:
        raise ParameterError(f"alpha must be between 0 and 1, not {alpha}.")
    series, frame = _as_series(stocks)
    series = series.dropna().sort_index()
    series.index = pd.to_datetime(series.index)
    target_ts = pd.Timestamp(target_date)
    ids, quotes = (), ()
    if frame is not None:
        ids = tuple(frame["fact_id"])
        quotes = tuple(dict.fromkeys(q for q in frame.get("quote", []) if q))
    base = dict(
        target_value=float(target_value),
        target_date=target_ts.date(),
        alpha=alpha,
        n_points=len(series),
        fact_ids=ids,
        quotes=quotes,
    )
    if len(series) < 3 or series.index.nunique() < 3:
        return Projection(
            status="refuse",
            **base,
            **reason_of(Note.of("NEED_THREE_STOCKS", found=series.index.nunique())),
        )
    if (series <= 0).any():
        return Projection(
            status="refuse", **reason_of(Note.of("NONPOSITIVE_STOCK")), **base,
        )
    origin = series.index[0]
    years = (series.index - origin).days / _DAYS_PER_YEAR
    # statsmodels takes about two seconds to import; only a projection needs it.
    import statsmodels.api as sm

    fit = sm.OLS(np.log(series.to_numpy()), sm.add_constant(np.asarray(years))).fit()
    t_target = (target_ts - origin).days / _DAYS_PER_YEAR
    frame_pred = fit.get_prediction(np.array([[1.0, t_target]])).summary_frame(alpha=alpha)
    a, b = fit.params
    b_low, b_high = fit.conf_int(alpha=alpha)[1]
    out = Projection(
        predicted=float(np.exp(frame_pred["mean"].iloc[0])),
        pi_low=float(np.exp(frame_pred["obs_ci_lower"].iloc[0])),
        pi_high=float(np.exp(frame_pred["obs_ci_upper"].iloc[0])),
        annual_growth_pct=float(np.expm1(b) * 100),
        growth_ci=(float(np.expm1(b_low) * 100), float(np.expm1(b_high) * 100)),
        **base,
    )
    reached = series[series >= target_value]
    if not reached.empty:
        out.reached_on = reached.index[0].date()
    if b > 0:
        crossing = origin + pd.Timedelta(days=(np.log(target_value) - a) / b * _DAYS_PER_YEAR)
        out.implied_date = crossing.date()
    else:
        out.warnings.append(Note.of("TREND_NEVER_REACHES"))
    out.warnings += _caveats(series, frame, t_target, years)
    return out


def _caveats(
    series: pd.Series, frame: pd.DataFrame | None, t_target: float, years: np.ndarray
) -> list[str]:
    notes: list[str] = []
    if len(series) == 3:
        notes.append(Note.of("THREE_POINTS"))
    span = years[-1] - years[0]
    if t_target - years[-1] > span:
        notes.append(Note.of("LONG_EXTRAPOLATION"))
    if frame is not None and "qualifier" in frame.columns:
        rough = frame.loc[frame["qualifier"] != "exact", "qualifier"]
        if not rough.empty:
            kinds = ", ".join(sorted(set(rough)))
            notes.append(Note.of("APPROXIMATE_STOCKS", n_rough=len(rough), kinds=kinds))
    return notes


#: A press projection needs at least this many dated stocks to be worth a sentence.
MIN_PROJECTION_POINTS = 4


def projection_refusal(result: Projection, target: float) -> str | None:
    """The stable code of why a press projection is not shown, or None: fewer than
    `MIN_PROJECTION_POINTS` dated stocks ("PROJECTION_TOO_FEW_POINTS"), or a prediction interval
    wider than the target itself ("PROJECTION_INTERVAL_TOO_WIDE")."""
    if result.n_points < MIN_PROJECTION_POINTS:
        return "PROJECTION_TOO_FEW_POINTS"
    low, high = result.pi_low, result.pi_high
    if result.status != "refuse" and low is not None and high is not None and high - low > target:
        return "PROJECTION_INTERVAL_TOO_WIDE"
    return None
