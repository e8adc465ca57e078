"""Covariance of GLM coefficients under autocorrelated monthly errors, and its t degrees of freedom.

A sandwich bread⁻¹ · X̃ᵀ Σ X̃ · bread⁻¹ whose Σ is an ARMA(1,1) working covariance fitted to
the residual autocovariances without their projection bias, with Satterthwaite degrees of
freedom per coefficient (bench/COVERAGE.md). It replaced, in issue 13, an AR(1) matrix fitted at
lag 1, which under-covered steps and slopes; Newey-West (statsmodels ``cov_type="HAC"``)
under-covers effects resting on a few months (issue 4) and is not used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.linalg import toeplitz


@lru_cache(maxsize=256)
def ar1_correlation(n: int, rho: float) -> np.ndarray:
    """The n × n AR(1) correlation matrix ρ^|i−j| (cached and read-only: the grid search
    asks for the same few dozen matrices for every series of a given length)."""
    matrix = toeplitz(rho ** np.arange(n, dtype=float))
    matrix.flags.writeable = False
    return matrix


RHO_GRID = np.round(np.arange(0.05, 0.951, 0.05), 2)


@dataclass(frozen=True)
class WorkingCovariance:
    """The fitted ARMA(1,1) working covariance of the Pearson errors and what it implies.

    Attributes
    ----------
    cov
        Cov(β̂) = B⁻¹ X̃ᵀ Σ X̃ B⁻¹.
    sigma
        Σ = a I + b A(ρ), the working covariance of the Pearson errors.
    residual_maker
        M = I − H, so that the Pearson residuals are ≈ M ε.
    scale, rho, share
        Dispersion a + b, latent autocorrelation ρ, latent share c = b / (a + b).
    df
        Satterthwaite degrees of freedom of each coefficient's variance (see
        `satterthwaite_df`), for its t quantile.
    """

    cov: np.ndarray
    sigma: np.ndarray
    residual_maker: np.ndarray
    scale: float
    rho: float
    share: float
    df: np.ndarray

    def correlation(self, lags: np.ndarray) -> np.ndarray:
        """Working correlation c·ρ^k at the given lags (k ≥ 1)."""
        return self.share * self.rho ** np.asarray(lags, dtype=float)


def _diagonal_sums(matrix: np.ndarray, max_lag: int) -> np.ndarray:
    """Mean of the k-th super-diagonal for k = 0..max_lag (an expected autocovariance)."""
    n = matrix.shape[0]
    return np.array([matrix.diagonal(k).sum() / n for k in range(max_lag + 1)])


def arma_covariance(
    exog: np.ndarray,
    weights: np.ndarray,
    pearson_resid: np.ndarray,
    *,
    max_lag: int | None = None,
    df_columns: int | None = None,
) -> WorkingCovariance:
    """GLM coefficient covariance with an ARMA(1,1) working correlation, fitted without bias.

    Counts around a latent AR(1) mean have Pearson errors whose covariance is
    ``Σ = a I + b A(ρ)`` with ``A(ρ) = ρ^|i−j|``: white sampling noise plus the latent
    process, i.e. an ARMA(1,1) correlation c·ρ^k at lag k ≥ 1 with c = b / (a + b). The lag-1
    residual correlation alone cannot tell a small c with a long tail from a large c with a
    short one, and a step rests on the tail (issue 13: the AR(1) matrix fitted at lag 1
    covered 0.89-0.91 for steps at latent ρ 0.6).

    Residuals are ``M ε`` with ``M = I − H`` (the weighted hat matrix), so their expected
    lag-k autocovariance is the mean k-th diagonal of ``M Σ M``, linear in (a, b) for each ρ.
    For every ρ on a grid, (a, b) ≥ 0 are fitted by least squares to the sample
    autocovariances at lags 0..max_lag, and the ρ with the smallest residual sum is kept.
    This removes the downward bias of residual autocorrelations for the working model
    instead of by a rule of thumb.

    Parameters
    ----------
    exog
        Design matrix (n × p).
    weights
        GLM working weights (1 for Gaussian, μ for Poisson, μ/(1+αμ) for NB2).
    pearson_resid
        (y − μ)/√V(μ).
    max_lag
        Highest lag matched; ``min(12, n // 3)`` when None.
    df_columns
        Satterthwaite degrees of freedom are computed for the last ``df_columns`` columns
        (all when None); the others get n − p.
    """
    n, n_params = exog.shape
    first = 0 if df_columns is None else n_params - df_columns
    resid = np.asarray(pearson_resid, dtype=float)
    max_lag = min(12, n // 3) if max_lag is None else max_lag
    x_tilde = exog * np.sqrt(weights)[:, None]
    bread_inv = np.linalg.pinv(x_tilde.T @ x_tilde)
    basis = np.linalg.qr(x_tilde)[0]  # H = Q Qᵀ: M A M costs n²p instead of n³
    residual_maker = np.eye(n) - basis @ basis.T
    sample = np.array([resid[k:] @ resid[: n - k] / n for k in range(max_lag + 1)])
    white = _diagonal_sums(residual_maker, max_lag)
    best = (float(np.sum((white * sample[0] / white[0] - sample) ** 2)), 0.0,
            float(sample[0] / max(white[0], 1e-12)), 0.0)
    for rho in RHO_GRID:
        latent = ar1_correlation(n, float(rho))
        projected = latent @ basis
        sandwiched = (latent - basis @ projected.T - projected @ basis.T
                      + basis @ (basis.T @ projected) @ basis.T)
        design = np.column_stack([white, _diagonal_sums(sandwiched, max_lag)])
        coef = _nonnegative_pair(design, sample)
        sse = float(np.sum((design @ coef - sample) ** 2))
        if sse < best[0]:
            best = (sse, float(rho), float(coef[0]), float(coef[1]))
    _, rho, a, b = best
    latent = ar1_correlation(n, rho)
    sigma = a * np.eye(n) + b * latent
    cov = bread_inv @ (x_tilde.T @ sigma @ x_tilde) @ bread_inv
    scale = a + b
    parts = (np.diag(bread_inv), np.diag(bread_inv @ x_tilde.T @ latent @ x_tilde @ bread_inv))
    moments = np.column_stack([white, _diagonal_sums(
        residual_maker @ latent @ residual_maker, max_lag)])
    used = [j for j, c in enumerate((a, b)) if c > 0]
    df = np.full(n_params, float(n - n_params))
    for j in range(first, n_params) if used else ():
        df[j] = satterthwaite_df(moments[:, used], np.array([parts[u][j] for u in used]),
                                 residual_maker, sigma)
    return WorkingCovariance(cov, sigma, residual_maker, scale, rho,
                             b / scale if scale > 0 else 0.0, np.minimum(df, n - n_params))


def satterthwaite_df(
    moments: np.ndarray, loadings: np.ndarray, residual_maker: np.ndarray, sigma: np.ndarray
) -> float:
    """Degrees of freedom of an estimated coefficient variance, by Satterthwaite's rule.

    For the chosen ρ the variance estimate is linear in the sample autocovariances, each a
    quadratic form of the residuals, so it is ``rᵀ Q r`` with ``Q`` a banded Toeplitz matrix;
    with ``r = M ε`` and ``ε ~ N(0, Σ)``, df = (tr C)² / tr C² for ``C = M Q M Σ``. A step or
    slope rests on the few low-frequency degrees of freedom of the series, so its variance is
    estimated far less precisely than n − p suggests; this is the small-sample correction
    that keeps its t interval honest (bench/COVERAGE.md).

    Parameters
    ----------
    moments
        Expected autocovariance of each variance component at lags 0..K (columns).
    loadings
        The coefficient's variance per unit of each component.
    """
    n = residual_maker.shape[0]
    weights = np.linalg.pinv(moments).T @ loadings
    band = np.zeros(n)
    band[: weights.size] = weights / (2.0 * n)
    band[0] = weights[0] / n
    form = residual_maker @ toeplitz(band) @ residual_maker @ sigma
    return float(np.trace(form) ** 2 / max(float(np.sum(form * form.T)), 1e-300))


def _nonnegative_pair(design: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Least squares for two non-negative coefficients (checks the boundary when needed)."""
    coef = np.linalg.lstsq(design, target, rcond=None)[0]
    if (coef >= 0).all():
        return coef
    candidates = [np.zeros(2)]
    for j in range(2):
        col = design[:, j]
        one = np.zeros(2)
        one[j] = max(float(col @ target) / float(col @ col), 0.0)
        candidates.append(one)
    return min(candidates, key=lambda c: float(np.sum((design @ c - target) ** 2)))
