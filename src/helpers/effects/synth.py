"""Synthetic control for one province's campaign window, with placebo inference in space and time.

Donor weights on the simplex fit the province's pre-campaign path; the p-value ranks its
post/pre RMSPE ratio among the donors' placebo ratios, and the interval inverts that test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.effects.comparative_notes import comparative_note
from helpers.effects.comparative_results import DesignEffect, SyntheticControlResult
from helpers.effects.panel import WidePanel, treatment_window, wide_panel
from helpers.effects.synth_core import shared_placebos, simplex_weights
from helpers.errors import ParameterError
from helpers.notes import Note

MIN_DONORS = 5
MIN_PRE = 5
MAX_PRE_RMSPE_SHARE = 0.10
# Fake start dates tried for the placebo in time, the latest first.
N_TIME_PLACEBOS = 12


@dataclass(frozen=True)
class OneUnitSetup:
    """The treated row, donor rows and the pre/window columns of a one-unit design."""

    panel: WidePanel
    treated: int
    donors: list[int]
    pre: np.ndarray
    window: np.ndarray
    refusals: list[Note]


def one_unit_setup(
    panel: pd.DataFrame, unit: str, treatment: object, *, outcome: str,
    donors: Sequence[str] | None, scale: str, alpha: float, unit_col: str, time_col: str,
) -> OneUnitSetup:
    """Check the inputs of a one-unit design and find what it compares.

    Raises
    ------
    ParameterError, DataError
        On unusable arguments or panels (see ``wide_panel``).
    """
    if not 0 < alpha < 1:
        raise ParameterError(f"alpha must lie between 0 and 1; got {alpha}.")
    wp = wide_panel(panel, outcome=outcome, unit_col=unit_col, time_col=time_col, scale=scale)
    treated = wp.row(unit)
    start, end = treatment_window(treatment, wp.kind)
    first, last = int(wp.periods[0]), int(wp.periods[-1])
    if not first <= start <= last:
        raise ParameterError(
            f"the treatment starts {wp.label(start)}, outside the panel "
            f"({wp.label(first)}..{wp.label(last)})."
        )
    end = last if end is None else min(end, last)
    pool = [u for u in wp.units if u != wp.units[treated]] if donors is None else list(donors)
    rows = sorted({wp.row(u) for u in pool} - {treated})
    pre = wp.periods < start
    window = (wp.periods >= start) & (wp.periods <= end)
    refusals = []
    if not pre.any():
        refusals.append(comparative_note("NO_PRE_PERIOD", start=wp.label(start)))
    elif pre.sum() < MIN_PRE:
        refusals.append(comparative_note("SHORT_PRE_PERIOD", n_pre=int(pre.sum()),
                                         minimum=MIN_PRE))
    if len(rows) < MIN_DONORS:
        refusals.append(comparative_note("TOO_FEW_DONORS", n_donors=len(rows),
                                         minimum=MIN_DONORS))
    return OneUnitSetup(wp, treated, rows, pre, window, refusals)


def _fit(y: np.ndarray, donors: np.ndarray, pre: np.ndarray, intercept: bool
         ) -> tuple[np.ndarray, np.ndarray]:
    """Weights and the synthetic path (all periods) of ``y`` from ``donors`` (rows)."""
    weights = simplex_weights(donors[:, pre].T, y[pre], intercept=intercept)
    path = weights @ donors
    if intercept:
        path = path + (y[pre] - path[pre]).mean()
    return weights, path


def _rmspe(gaps: np.ndarray) -> float:
    return float(np.sqrt(np.mean(gaps**2)))


def synthetic_control(
    panel: pd.DataFrame,
    unit: str,
    treatment: object,
    *,
    outcome: str = "new_participants",
    donors: Sequence[str] | None = None,
    scale: str = "log",
    alpha: float = 0.05,
    unit_col: str = "province",
    time_col: str = "month",
) -> SyntheticControlResult:
    """Synthetic control estimate of one unit's campaign effect over its window.

    Parameters
    ----------
    panel
        Long panel, one row per unit and period, filtered to one scheme.
    unit
        The treated unit.
    treatment
        ``(start, end)`` in the panel's time unit (``end=None``: to the panel's end), or an
        ``Intervention``. The periods before ``start`` are the pre-period.
    outcome, unit_col, time_col
        Column names.
    donors
        Units to build the synthetic control from: those without a campaign in the window and
        its lead-in (the caller knows the campaigns). None: every other unit.
    scale
        "log" (default: effects are ratios, comparable with the ITS rate ratio; the synthetic
        path may differ from the unit by a constant ratio) or "level" (classic synthetic
        control, no constant; effects are differences).
    alpha
        1 − the interval's level.

    Returns
    -------
    SyntheticControlResult
        Refused (status "refuse", no effect) when fewer than 5 donors or pre-periods remain, or
        when the pre-period RMSPE exceeds 10% of the unit's pre-period mean.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> months = pd.period_range("2021-01", periods=24, freq="M").strftime("%Y-%m")
    >>> noise = np.random.default_rng(0).normal(0, 0.02, size=(8, 24))
    >>> panel = pd.DataFrame([(f"P{i}", m, 100 * (1 + i / 10) * np.exp(noise[i, j]))
    ...                       for i in range(8) for j, m in enumerate(months)],
    ...                      columns=["province", "month", "new_participants"])
    >>> result = synthetic_control(panel, "P0", ("2022-06", "2022-07"))
    >>> result.effect.scale, result.weights.sum().round(6), result.codes
    ('ratio', np.float64(1.0), ['INTERVAL_UNBOUNDED'])
    """
    setup = one_unit_setup(panel, unit, treatment, outcome=outcome, donors=donors, scale=scale,
                           alpha=alpha, unit_col=unit_col, time_col=time_col)
    wp, pre, window = setup.panel, setup.pre, setup.window
    diagnostics: dict[str, object] = {
        "n_donors": len(setup.donors), "n_pre": int(pre.sum()), "n_post": int(window.sum()),
        "intercept": scale == "log", "scale": scale,
    }
    if setup.refusals:
        return SyntheticControlResult(None, "refuse", setup.refusals, diagnostics)
    intercept = scale == "log"
    y, pool = wp.values[setup.treated], wp.values[setup.donors]
    weights, path = _fit(y, pool, pre, intercept)
    observed_raw = wp.raw[setup.treated]
    synthetic_raw = np.exp(path) if scale == "log" else path
    pre_rmspe_raw = _rmspe(observed_raw[pre] - synthetic_raw[pre])
    share = pre_rmspe_raw / float(np.mean(observed_raw[pre]))
    diagnostics.update(pre_rmspe=pre_rmspe_raw, pre_rmspe_share=share)
    weight_series = pd.Series(weights, index=[wp.units[r] for r in setup.donors],
                              name="weight").sort_values(ascending=False)
    frame = pd.DataFrame({"observed": observed_raw, "synthetic": synthetic_raw},
                         index=[wp.label(p) for p in wp.periods])
    if share > MAX_PRE_RMSPE_SHARE:
        note = comparative_note("POOR_PRE_FIT", share=share, limit=MAX_PRE_RMSPE_SHARE)
        return SyntheticControlResult(None, "refuse", [note], diagnostics,
                                      weights=weight_series, path=frame)
    values, extra, warnings = _placebo_inference(y, path, pool, pre, window, intercept, alpha)
    diagnostics.update(extra)
    return SyntheticControlResult(DesignEffect.from_log(*values, scale=scale),
                                  "warn" if warnings else "ok", warnings, diagnostics,
                                  weights=weight_series, path=frame)


def _placebo_inference(
    y: np.ndarray, path: np.ndarray, pool: np.ndarray, pre: np.ndarray, window: np.ndarray,
    intercept: bool, alpha: float,
) -> tuple[tuple[float, float, float, float], dict[str, object], list[Note]]:
    """Placebo in space (p-value, interval by test inversion) and in time."""
    gaps = y - path
    pre_rmspe = _rmspe(gaps[pre])
    post = gaps[window]
    estimate = float(post.mean())
    ratio = _rmspe(post) / pre_rmspe
    placebo = shared_placebos("synthetic_control", (pool, pre, window), (intercept,),
                              lambda: _space_placebos(pool, pre, window, intercept))
    p_value = (1 + np.sum(placebo >= ratio)) / (1 + len(placebo))
    warnings: list[Note] = []
    # tau is kept while at least `needed` placebo ratios reach the unit's ratio at tau.
    needed = int(np.floor(alpha * (1 + len(placebo)) - 1)) + 1
    if needed <= 0:
        low, high = -np.inf, np.inf
        warnings.append(comparative_note("INTERVAL_UNBOUNDED", n_donors=len(placebo),
                                         level=1 - alpha))
    else:
        bound = np.sort(placebo)[::-1][needed - 1] * pre_rmspe
        half = np.sqrt(max(bound**2 - np.var(post), 0.0))
        low, high = estimate - half, estimate + half
    in_time = _time_placebos(y, pool, pre, int(window.sum()), intercept)
    extra: dict[str, object] = {
        "pre_rmspe_scale": pre_rmspe, "rmspe_ratio": ratio, "placebo_ratios": placebo,
        "placebo_time": in_time, "p_value_time": float("nan"),
    }
    if len(in_time):
        share = float(np.mean(np.abs(in_time) >= abs(estimate)))
        extra["p_value_time"] = (1 + share * len(in_time)) / (1 + len(in_time))
        if share > alpha and p_value <= alpha:
            warnings.append(comparative_note("PLACEBO_TIME", share=share))
    return (estimate, low, high, p_value), extra, warnings


def _space_placebos(pool: np.ndarray, pre: np.ndarray, window: np.ndarray, intercept: bool
                    ) -> np.ndarray:
    """Each donor's post/pre RMSPE ratio when the other donors make its synthetic control
    (the donors only: shared between provinces with the same donors and periods)."""
    placebo = np.empty(len(pool))
    for j in range(len(pool)):
        _, path_j = _fit(pool[j], np.delete(pool, j, axis=0), pre, intercept)
        gaps_j = pool[j] - path_j
        placebo[j] = _rmspe(gaps_j[window]) / max(_rmspe(gaps_j[pre]), 1e-12)
    return placebo


def _time_placebos(y: np.ndarray, pool: np.ndarray, pre: np.ndarray, length: int,
                   intercept: bool) -> np.ndarray:
    """Estimates at fake start dates inside the pre-period (latest first), each fitted only on
    the periods before its fake start."""
    n_pre = int(pre.sum())
    starts = range(n_pre - length, MIN_PRE - 1, -1)
    estimates = []
    for start in list(starts)[:N_TIME_PLACEBOS]:
        fake_pre = np.zeros_like(pre)
        fake_pre[:start] = True
        _, path = _fit(y, pool, fake_pre, intercept)
        estimates.append(float(np.mean((y - path)[start:start + length])))
    return np.array(estimates)
