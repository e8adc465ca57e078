"""A structural-break scan of the months before the first intervention (sup-Wald).

The counterfactual extends the pre-period trend; a level shift inside the pre-period bends
that trend and biases every effect. The scan adds a persistent level shift at each candidate
month to the fitted model and keeps the largest Wald statistic; its p-value comes from the
null distribution of that maximum under the fitted working covariance (simulated: the
statistics at neighbouring months are strongly correlated, so no χ² table applies).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.effects.inference import WorkingCovariance, arma_covariance

#: Share of the pre-period kept clear of a candidate break at either end (Andrews' 15%).
TRIM = 0.15
#: Fewer pre-period months than this cannot support a scan.
MIN_PRE_MONTHS = 12
N_NULL_DRAWS = 500


@dataclass(frozen=True)
class BreakScan:
    """The largest Wald statistic of a pre-period level shift, where it lies, its p-value,
    and the persistence left once the shift is modelled: the long-run variance ratio
    1 + 2cρ/(1 − ρ) of the re-fitted working correlation c·ρ^k (1 for white noise)."""

    statistic: float
    month_index: int
    p_value: float
    persistence: float = float("nan")


def scan_pre_period(
    working: WorkingCovariance,
    exog: np.ndarray,
    pearson_resid: np.ndarray,
    weights: np.ndarray,
    n_pre: int,
    *,
    seed: int = 0,
) -> BreakScan | None:
    """sup-Wald scan for a level shift among the first ``n_pre`` months.

    ``exog`` is the fitted design (unweighted); the working covariance is re-estimated with
    the likeliest shift added to it before the statistics are computed.

    For a shift regressor ``s`` (weighted, 1 from month τ on) added to the fitted design,
    its coefficient is ``sᵀ r / sᵀ M s`` and its variance ``sᵀ M Σ M s / (sᵀ M s)²``, so the
    Wald statistic is ``(sᵀ r)² / sᵀ M Σ M s`` with ``r`` the Pearson residuals. Under no
    break ``r ≈ M ε`` with ``ε ~ N(0, Σ)``; the maximum over τ is simulated from that.

    Returns
    -------
    BreakScan or None
        None when the pre-period has fewer than 12 months.
    """
    if n_pre < MIN_PRE_MONTHS:
        return None
    n = pearson_resid.size
    edge = max(3, int(np.ceil(TRIM * n_pre)))
    taus = np.arange(edge, n_pre - edge + 1)
    shifts = (np.arange(n)[:, None] >= taus[None, :]) * np.sqrt(weights)[:, None]
    projected = working.residual_maker @ shifts
    variance = np.einsum("it,ij,jt->t", projected, working.sigma, projected)
    usable = variance > 1e-12 * max(float(variance.max()), 1e-300)
    if not usable.any():
        return None
    shifts, projected, taus = shifts[:, usable], projected[:, usable], taus[usable]
    best = int(np.argmax((pearson_resid @ shifts) ** 2 / variance[usable]))
    # An unmodelled shift looks like strong, persistent autocorrelation, which would inflate
    # Σ and hide the shift; so Σ is re-estimated with the likeliest shift in the model.
    column = (np.arange(n) >= taus[best]).astype(float)
    share = float(projected[:, best] @ pearson_resid) / float(projected[:, best] @ shifts[:, best])
    refit = arma_covariance(np.column_stack([exog, column]), weights,
                            pearson_resid - share * projected[:, best], df_columns=0)
    sigma = refit.sigma
    variance = np.einsum("it,ij,jt->t", projected, sigma, projected)
    wald = (pearson_resid @ shifts) ** 2 / variance
    best = int(np.argmax(wald))
    rng = np.random.default_rng(seed)
    root = np.linalg.cholesky(sigma + 1e-10 * np.eye(n))
    null_resid = rng.standard_normal((N_NULL_DRAWS, n)) @ root.T @ working.residual_maker
    null_max = ((null_resid @ shifts) ** 2 / variance).max(axis=1)
    p_value = (1 + int((null_max >= wald[best]).sum())) / (1 + N_NULL_DRAWS)
    persistence = 1.0 + 2.0 * refit.share * refit.rho / (1.0 - refit.rho)
    return BreakScan(float(wald[best]), int(taus[best]), float(p_value), persistence)
