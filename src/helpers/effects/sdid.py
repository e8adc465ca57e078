"""Synthetic difference-in-differences (Arkhangelsky et al. 2021) for one province's campaign.

Unit weights make the donors move like the province before the campaign, time weights make the
pre-periods look like the window; the standard error is synthdid's placebo estimate.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from helpers.effects.comparative_results import DesignEffect, SyntheticDiDResult
from helpers.effects.synth import one_unit_setup
from helpers.effects.synth_core import placebo_estimates, placebo_se, sdid_fit


def synthetic_did(
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
) -> SyntheticDiDResult:
    """Synthetic DiD estimate of one unit's campaign effect over its window.

    Parameters
    ----------
    panel, unit, treatment, outcome, donors, unit_col, time_col
        As in ``synthetic_control``: the periods before the treatment's start are the
        pre-period, the window runs from start to end, donors default to every other unit.
    scale
        "log" (default; effects are ratios) or "level" (differences).
    alpha
        1 − the interval's level.

    Returns
    -------
    SyntheticDiDResult
        Refused when fewer than 5 donors or pre-periods remain. The interval is the estimate
        ± t(donors − 1) × the placebo standard error; every donor plays the treated unit once.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> months = pd.period_range("2021-01", periods=24, freq="M").strftime("%Y-%m")
    >>> noise = np.random.default_rng(0).normal(0, 0.02, size=(8, 24))
    >>> panel = pd.DataFrame([(f"P{i}", m, 100 * (1 + i / 10) * np.exp(noise[i, j]))
    ...                       for i in range(8) for j, m in enumerate(months)],
    ...                      columns=["province", "month", "new_participants"])
    >>> result = synthetic_did(panel, "P0", ("2022-06", "2022-07"))
    >>> result.status, result.effect.scale, len(result.weights)
    ('ok', 'ratio', 7)
    """
    setup = one_unit_setup(panel, unit, treatment, outcome=outcome, donors=donors, scale=scale,
                           alpha=alpha, unit_col=unit_col, time_col=time_col)
    wp, pre, window = setup.panel, setup.pre, setup.window
    diagnostics: dict[str, object] = {
        "n_donors": len(setup.donors), "n_pre": int(pre.sum()), "n_post": int(window.sum()),
        "scale": scale,
    }
    if setup.refusals:
        return SyntheticDiDResult(None, "refuse", setup.refusals, diagnostics)
    columns = np.flatnonzero(pre | window)
    y = wp.values[np.r_[setup.donors, setup.treated]][:, columns]
    n0, t0 = len(setup.donors), int(pre.sum())
    fit = sdid_fit(y, n0, t0, method="sdid")
    draws = placebo_estimates(y, n0, t0, fit, method="sdid", replications=n0,
                              rng=np.random.default_rng(0))
    se = placebo_se(draws)
    quantile = stats.t.ppf(1 - alpha / 2, df=n0 - 1)
    p_value = 2 * stats.t.sf(abs(fit.estimate) / se, df=n0 - 1) if se > 0 else float("nan")
    effect = DesignEffect.from_log(fit.estimate, fit.estimate - quantile * se,
                                   fit.estimate + quantile * se, p_value, scale)
    diagnostics.update(se=se, noise_level=fit.noise, zeta_omega=fit.zeta_omega,
                       effective_donors=float(1 / np.sum(fit.omega**2)),
                       placebo_estimates=draws)
    weights = pd.Series(fit.omega, index=[wp.units[r] for r in setup.donors],
                        name="weight").sort_values(ascending=False)
    time_weights = pd.Series(fit.lam, index=[wp.label(p) for p in wp.periods[columns[:t0]]],
                             name="weight")
    return SyntheticDiDResult(effect, "ok", [], diagnostics, weights=weights,
                              time_weights=time_weights)
