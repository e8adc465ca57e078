"""A structural-break scan of the months before the first intervention (sup-LR, bootstrapped).

The counterfactual extends the pre-period trend; a level shift inside the pre-period bends
that trend and biases every effect. An unmodelled shift and slow, persistent swings look
alike, so the scan compares two explanations of the residuals: no shift with the ARMA(1,1)
working covariance fitted as for the effects, against a shift at a candidate month with the
working covariance re-fitted around it. Their Gaussian log-likelihood ratio is maximised over
the candidate months. Its p-value is a parametric bootstrap: the whole scan, re-fits included,
is repeated on residuals drawn from the no-shift fit, so persistent noise is in the reference
distribution (bench/calibrate_warnings.py measures size and power; a Wald statistic
studentised by the re-fitted covariance alone had no power once bootstrapped this way, because
in persistent draws the re-fit absorbs the swings and its Wald statistic grows large).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from helpers.effects.inference import RHO_GRID, WorkingCovariance, ar1_correlation

#: Share of the pre-period kept clear of a candidate break at either end (Andrews' 15%),
#: but never fewer than 3 months: short pre-periods keep as many candidates as they can.
TRIM = 0.15
#: Fewer pre-period months than this cannot support a scan.
MIN_PRE_MONTHS = 12
#: Bootstrap replicates of the whole scan under the null (p-values in steps of 1/200).
N_NULL_DRAWS = 199


@lru_cache(maxsize=64)
def _eigen(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (R × n) and eigenvectors (R × n × n) of A(ρ) for every ρ of the grid, so
    that Σ = aI + bA(ρ) has log-determinant Σ log(a + bλ) and inverse Q diag(1/(a + bλ)) Qᵀ."""
    values, vectors = zip(*(np.linalg.eigh(ar1_correlation(n, float(rho))) for rho in RHO_GRID),
                          strict=True)
    return np.stack(values), np.stack(vectors)


@dataclass(frozen=True)
class BreakScan:
    """The largest likelihood-ratio statistic of a pre-period level shift, where it lies, its
    p-value, and the persistence left once the shift is modelled: the long-run variance ratio
    1 + 2cρ/(1 − ρ) of the re-fitted working correlation c·ρ^k (1 for white noise)."""

    statistic: float
    month_index: int
    p_value: float
    persistence: float = float("nan")


def _lagged_products(left: np.ndarray, right: np.ndarray, max_lag: int) -> np.ndarray:
    """Σ_i left[..., i, t] · right[..., i + k, t] / n for k = 0..max_lag (last axis k)."""
    n = left.shape[-2]
    return np.stack([np.einsum("...it,...it->...t", left[..., : n - k, :], right[..., k:, :]) / n
                     for k in range(max_lag + 1)], axis=-1)


@dataclass(frozen=True)
class _ShiftModels:
    """What the re-fit of the working covariance with a shift at each candidate month needs:
    the unit shift directions u (n × T, already projected off the fitted design), and for each
    candidate and ρ the expected residual autocovariances of the white and latent parts."""

    directions: np.ndarray
    outer: np.ndarray  # (T, K+1): lagged products of u with itself
    white: np.ndarray  # (T, K+1)
    latent: np.ndarray  # (T, R, K+1)
    base_white: np.ndarray  # (K+1,): the same without a shift
    base_latent: np.ndarray  # (R, K+1)

    @classmethod
    def build(cls, residual_maker: np.ndarray, directions: np.ndarray, max_lag: int
              ) -> _ShiftModels:
        """With the shift u added, the residual maker is M − uuᵀ, so the moments of M A M
        get rank-one corrections: no refit of the design per candidate."""
        n = residual_maker.shape[0]
        outer = _lagged_products(directions, directions, max_lag)  # (T, K+1)
        base = np.array([residual_maker.diagonal(k).sum() / n for k in range(max_lag + 1)])
        white = base[None, :] - outer
        # Every ρ of the grid at once (R leading): the same products as one ρ at a time.
        matrices = np.stack([ar1_correlation(n, float(rho)) for rho in RHO_GRID])  # (R, n, n)
        sandwich = residual_maker @ matrices @ residual_maker
        moments = np.stack([np.diagonal(sandwich, k, axis1=1, axis2=2).sum(axis=-1) / n
                            for k in range(max_lag + 1)], axis=-1)  # (R, K+1)
        spread = matrices @ directions  # A u, (R, n, T)
        pushed = residual_maker @ spread  # v = M A u
        quad = np.einsum("it,rit->rt", directions, spread)
        cross = (_lagged_products(pushed, directions, max_lag)
                 + _lagged_products(directions, pushed, max_lag))  # (R, T, K+1)
        latent = moments[:, None, :] - cross + quad[..., None] * outer
        return cls(directions, outer, white, latent.transpose(1, 0, 2), base, moments)

    def statistics(self, resid: np.ndarray, max_lag: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Likelihood-ratio statistics (B × T) of a shift at each candidate for residuals
        (B × n), and the ρ, a and b of the working covariance re-fitted with each shift.

        Each working covariance is fitted as in `arma_covariance` (non-negative least squares
        on the autocovariances, best ρ of the grid). The residuals with the shift removed are
        r − (uᵀr)u, so their autocovariances follow from those of r, of u and two cross
        products; the statistic is 2(ℓ(r − (uᵀr)u; Σ_τ) − ℓ(r; Σ₀)), ℓ the Gaussian
        log-likelihood."""
        n = resid.shape[1]
        units = self.directions
        coef = resid @ units  # (B, T): uᵀ r
        cross = np.stack([resid[:, : n - k] @ units[k:] + resid[:, k:] @ units[: n - k]
                          for k in range(max_lag + 1)], axis=-1) / n
        own = np.stack([np.einsum("bi,bi->b", resid[:, : n - k], resid[:, k:])
                        for k in range(max_lag + 1)], axis=-1) / n
        target = own[:, None, :] - coef[..., None] * cross + coef[..., None] ** 2 * self.outer
        rho, a, b = _fit(self.white, self.latent, target)  # (B, T) each
        rho0, a0, b0 = (v[:, 0] for v in _fit(self.base_white[None], self.base_latent[None],
                                              own[:, None, :]))
        values, vectors = _eigen(n)
        # Qᵀr for every ρ, (B, R, n), and Qᵀu, (R, T, n): batched matrix products (BLAS), the
        # einsum these replace summed the same products in a slower loop.
        rotated = np.matmul(resid, vectors).transpose(1, 0, 2)
        rotated_units = np.matmul(units.T, vectors)
        rows = np.arange(resid.shape[0])
        shifted = (rotated[rows[:, None], rho] - coef[..., None]
                   * rotated_units[rho, np.arange(units.shape[1])[None, :]])
        null = _log_likelihood(rotated[rows, rho0], a0[:, None] + b0[:, None] * values[rho0])
        alternative = _log_likelihood(shifted, a[..., None] + b[..., None] * values[rho])
        return 2.0 * (alternative - null[:, None]), RHO_GRID[rho], a, b


def _log_likelihood(rotated: np.ndarray, variances: np.ndarray) -> np.ndarray:
    """Gaussian log-likelihood (up to a constant) of vectors given in the eigenbasis of their
    covariance, whose eigenvalues are ``variances`` (last axis)."""
    variances = np.maximum(variances, 1e-12)
    return -0.5 * (np.log(variances) + rotated ** 2 / variances).sum(axis=-1)


def _fit(white: np.ndarray, latent: np.ndarray, target: np.ndarray
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best ρ (grid index), a and b for each target (…, T, K+1)."""
    sse, a, b = _best_pair(white, latent, target)
    best = np.argmin(sse, axis=-1)
    pick = best[..., None]
    return (best, np.take_along_axis(a, pick, -1)[..., 0],
            np.take_along_axis(b, pick, -1)[..., 0])


def _best_pair(white: np.ndarray, latent: np.ndarray, target: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Non-negative least squares target ≈ a·white + b·latent for every ρ (vectorised over
    leading axes): the sum of squares, a and b of the best feasible solution, shape (…, T, R)."""
    w = white[:, None, :]  # (T, 1, K+1)
    t = target[..., None, :]  # (…, T, 1, K+1)
    ww, ll, wl = (w * w).sum(-1), (latent * latent).sum(-1), (w * latent).sum(-1)
    wt, lt, tt = (w * t).sum(-1), (latent * t).sum(-1), (t * t).sum(-1)
    det = np.maximum(ww * ll - wl ** 2, 1e-300)
    a_free, b_free = (ll * wt - wl * lt) / det, (ww * lt - wl * wt) / det
    a_only = np.maximum(wt / np.maximum(ww, 1e-300), 0.0)
    b_only = np.maximum(lt / np.maximum(ll, 1e-300), 0.0)
    options = [(a_free, b_free), (a_only, np.zeros_like(a_only)), (np.zeros_like(b_only), b_only)]
    best_sse = np.full(a_free.shape, np.inf)
    best_a, best_b = np.zeros_like(a_free), np.zeros_like(a_free)
    for a, b in options:
        sse = tt - 2 * (a * wt + b * lt) + a * a * ww + 2 * a * b * wl + b * b * ll
        better = (a >= 0) & (b >= 0) & (sse < best_sse)
        best_sse = np.where(better, sse, best_sse)
        best_a, best_b = np.where(better, a, best_a), np.where(better, b, best_b)
    return best_sse, best_a, best_b


def scan_pre_period(
    working: WorkingCovariance,
    exog: np.ndarray,
    pearson_resid: np.ndarray,
    weights: np.ndarray,
    n_pre: int,
    *,
    seed: int = 0,
) -> BreakScan | None:
    """sup-LR scan for a level shift among the first ``n_pre`` months, bootstrapped.

    For a shift regressor ``s`` (weighted, 1 from month τ on) added to the fitted design
    ``exog``, its direction in the residual space is ``u = M s / ‖M s‖``; the residuals without
    it are ``r − (uᵀr)u`` (``r`` the Pearson residuals) and their ARMA(1,1) working covariance
    ``Σ_τ`` is re-fitted as in `arma_covariance` (``M − uuᵀ`` replacing ``M``). The statistic
    is twice the Gaussian log-likelihood gained over the no-shift explanation (``r`` with
    ``Σ`` re-fitted the same way), maximised over τ; a shift trimmed 15% (at least 3 months)
    from either end of the pre-period. Under no break ``r ≈ M ε`` with ``ε ~ N(0, Σ)``, ``Σ``
    the working covariance of the fit; the p-value is the share of ``N_NULL_DRAWS`` such draws
    whose whole scan, re-fits included, reaches the observed maximum.

    Returns
    -------
    BreakScan or None
        None when the pre-period has fewer than 12 months or no candidate month is
        separable from the fitted design.
    """
    if n_pre < MIN_PRE_MONTHS:
        return None
    resid = np.asarray(pearson_resid, dtype=float)
    n = resid.size
    max_lag = min(12, n // 3)
    edge = max(3, int(np.ceil(TRIM * n_pre)))
    taus = np.arange(edge, n_pre - edge + 1)
    shifts = (np.arange(n)[:, None] >= taus[None, :]) * np.sqrt(weights)[:, None]
    projected = working.residual_maker @ shifts
    norms = np.sqrt((projected ** 2).sum(axis=0))
    usable = norms > 1e-6 * max(float(np.sqrt((shifts ** 2).sum(axis=0)).max()), 1e-300)
    if not usable.any():
        return None
    models = _ShiftModels.build(working.residual_maker, projected[:, usable] / norms[usable],
                                max_lag)
    taus = taus[usable]
    ratio, rho, a, b = (values[0] for values in models.statistics(resid[None, :], max_lag))
    best = int(np.argmax(ratio))
    rng = np.random.default_rng(seed)
    root = np.linalg.cholesky(working.sigma + 1e-10 * np.eye(n))
    null_resid = rng.standard_normal((N_NULL_DRAWS, n)) @ root.T @ working.residual_maker
    null_max = models.statistics(null_resid, max_lag)[0].max(axis=-1)
    p_value = (1 + int((null_max >= ratio[best]).sum())) / (1 + N_NULL_DRAWS)
    scale = a[best] + b[best]
    share = b[best] / scale if scale > 0 else 0.0
    persistence = 1.0 + 2.0 * share * rho[best] / (1.0 - rho[best])
    return BreakScan(float(ratio[best]), int(taus[best]), float(p_value), float(persistence))
