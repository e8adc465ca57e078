"""Net effect of a campaign on participants: extra enrolees carried forward through drop-outs.

The flow effect (extra new participants per campaign month) decays with a monthly drop-out
hazard, estimated from drop-outs ÷ previous participants or given directly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from helpers.effects.design import monthly_values
from helpers.effects.results import (
    Effect,
    ITSResult,
    NetEffect,
    RecurringResult,
)
from helpers.errors import DataError, ParameterError
from helpers.narrative.vocabulary import Note

ASSUMPTION = Note.of("SAME_DROPOUT_RATE_ASSUMED")


def estimate_dropout_hazard(dropouts: pd.Series, participants: pd.Series) -> tuple[float, float]:
    """Monthly drop-out hazard Σ dropouts_t / Σ participants_{t-1} and its standard error.

    The standard error is that of a ratio estimator over months, so month-to-month swings
    (January lapses) widen it rather than being treated as binomial noise.

    Raises
    ------
    DataError
        When fewer than 3 months pair drop-outs with a previous stock, or the stock is zero.
    """
    stock, lost = monthly_values(participants), monthly_values(dropouts)
    frame = pd.DataFrame({"lost": lost, "previous": stock.shift(1, freq="M")}).dropna()
    if len(frame) < 3 or frame["previous"].sum() <= 0:
        raise DataError(
            f"only {len(frame)} month(s) pair drop-outs with the previous month's participants.",
            column="dropouts", hint="Give at least 3 consecutive months of both series.")
    hazard = frame["lost"].sum() / frame["previous"].sum()
    n = len(frame)
    spread = (frame["lost"] - hazard * frame["previous"]).var(ddof=1)
    se = float(np.sqrt(spread / n) / frame["previous"].mean())
    return float(hazard), se


def net_effect(
    result: ITSResult | RecurringResult,
    *,
    dropout_rate: float | None = None,
    dropouts: pd.Series | None = None,
    participants: pd.Series | None = None,
    horizons: Sequence[int] = (6, 12, 24),
    alpha: float = 0.05,
    seed: int = 0,
) -> NetEffect:
    """Carry a campaign's extra enrolees forward through drop-outs to later horizons.

    Extra people enrolled in campaign month t who are still members H months after the last
    campaign month number extra_t · (1 − h)^(last − t + H), with h the monthly drop-out hazard.
    Intervals come from the ITS simulation draws of the extra enrolments combined with draws of
    h (normal, from its standard error; fixed when ``dropout_rate`` is given).

    Parameters
    ----------
    result
        An ``ITSResult`` of new enrolments (or a ``RecurringResult``, whose pooled model is used).
    dropout_rate
        Known monthly drop-out hazard in [0, 1); otherwise give ``dropouts`` and
        ``participants`` (monthly series) to estimate it.
    horizons
        Months after the campaign at which to report the participants it added.
    alpha, seed
        1 − interval level; seed of the hazard draws.

    Returns
    -------
    NetEffect
        Status "refuse" when the underlying result was refused.

    Examples
    --------
    >>> from helpers.effects import Intervention, interrupted_time_series
    >>> from helpers.simulate import simulate_series
    >>> campaign = Intervention("peak", "2023-04", "2023-05")
    >>> y, _ = simulate_series(interventions=[campaign], rate_ratios={"peak": 1.5})
    >>> net = net_effect(interrupted_time_series(y, [campaign]), dropout_rate=0.02)
    >>> [round(net.stayed[months].estimate) for months in (6, 12, 24)]  # fewer stay over time
    [195, 173, 136]
    """
    if isinstance(result, RecurringResult):
        result = result.pooled_fit if result.pooled_fit is not None else ITSResult(
            {}, None, pd.DataFrame(), "refuse", result.warnings, result.diagnostics)
    if not horizons or any(int(h) != h or h < 0 for h in horizons):
        raise ParameterError(f"horizons must be non-negative whole months; got {horizons}.")
    if dropout_rate is None and (dropouts is None or participants is None):
        raise ParameterError("Give dropout_rate, or both dropouts and participants series to "
                             "estimate it.")
    if dropout_rate is not None and not 0.0 <= dropout_rate < 1.0:
        raise ParameterError(f"dropout_rate is a monthly share in [0, 1); got {dropout_rate}.")
    if result.status == "refuse":
        reason = Note.of("FLOW_NOT_ESTIMATED", reasons=list(result.warnings))
        return NetEffect({}, None, None, "refuse", [reason])

    if dropout_rate is not None:
        hazard, se = float(dropout_rate), 0.0
    else:
        hazard, se = estimate_dropout_hazard(dropouts, participants)
    draws = result.extra_draws
    rng = np.random.default_rng(seed)
    hazards = np.clip(rng.normal(hazard, se, size=(draws.shape[0], 1)), 0.0, 0.999)
    months = result.extra_months
    age = np.asarray([(months[-1] - m).n for m in months], dtype=float)[None, :]
    # The point estimate carries the fit's own extra enrolments forward, so at a drop-out rate
    # of 0 it equals ``extra_enrolments`` (the mean of the draws differs by simulation noise).
    point_extra = result.extra_point if result.extra_point.size else draws.mean(axis=0)
    stayed = {}
    for horizon in horizons:
        totals = (draws * (1.0 - hazards) ** (age + horizon)).sum(axis=1)
        low, high = np.quantile(totals, [alpha / 2, 1 - alpha / 2])
        point = float(point_extra @ (1.0 - hazard) ** (age[0] + horizon))
        tail = min((totals <= 0).mean(), (totals >= 0).mean())
        stayed[int(horizon)] = Effect(point, float(low), float(high), float(min(1.0, 2 * tail)),
                                      "additive")
    q = stats.norm.ppf(1 - alpha / 2)
    rate = Effect(hazard, max(0.0, hazard - q * se), hazard + q * se, float("nan"), "additive")
    return NetEffect(stayed, result.extra_enrolments, rate, result.status,
                     list(result.warnings), [ASSUMPTION])
