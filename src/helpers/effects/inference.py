"""Covariance estimators for GLM coefficients under autocorrelated monthly errors.

Sandwich estimators share one shape, bread⁻¹ · meat · bread⁻¹; they differ in the meat.
``ar1`` (the default, chosen by the coverage study in bench/COVERAGE.md) builds the meat from
an AR(1) working correlation of the Pearson residuals; ``newey_west`` is the Bartlett-kernel
HAC estimator, kept for comparison because it under-covers effects resting on a few months.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

CovarianceFn = Callable[..., np.ndarray]


def lag1_autocorrelation(resid: np.ndarray, *, n_params: int = 0) -> float:
    """Lag-1 autocorrelation of regression residuals, corrected for its small-sample bias.

    Residual autocorrelations are biased towards negative values by about (1 + 3ρ)/n plus
    the share of fitted parameters; the correction matters for 60-month series where a
    downward-biased ρ shrinks the intervals of short windows.
    """
    resid = np.asarray(resid, dtype=float)
    n = resid.size
    denom = float(resid @ resid)
    if n < 3 or denom == 0.0:
        return 0.0
    raw = float(resid[1:] @ resid[:-1]) / denom
    corrected = raw + (1.0 + 3.0 * raw) / n + n_params / n
    return float(np.clip(corrected, -0.95, 0.95))


def ar1_correlation(n: int, rho: float) -> np.ndarray:
    """The n × n AR(1) correlation matrix ρ^|i−j|."""
    lags = np.abs(np.subtract.outer(np.arange(n), np.arange(n)))
    return rho**lags


def ar1_covariance(
    exog: np.ndarray,
    weights: np.ndarray,
    pearson_resid: np.ndarray,
    *,
    scale: float | None = None,
) -> tuple[np.ndarray, float, float]:
    """GLM coefficient covariance with an AR(1) working correlation (model-based sandwich).

    With log link, working weights ``w = μ² / V(μ)`` and ``Cov(y) = φ V^½ R V^½``,
    Cov(β̂) = φ B⁻¹ (X̃ᵀ R X̃) B⁻¹ where X̃ = w^½ X and B = X̃ᵀ X̃.

    Parameters
    ----------
    exog
        Design matrix (n × p).
    weights
        GLM working weights (1 for Gaussian, μ for Poisson, μ/(1+αμ) for NB2).
    pearson_resid
        (y − μ)/√V(μ).
    scale
        Dispersion φ; estimated as Σ r² / (n − p) when None.

    Returns
    -------
    (cov, scale, rho)
    """
    n, p = exog.shape
    phi = float(pearson_resid @ pearson_resid) / max(n - p, 1) if scale is None else scale
    rho = lag1_autocorrelation(pearson_resid, n_params=p)
    x_tilde = exog * np.sqrt(weights)[:, None]
    bread_inv = np.linalg.pinv(x_tilde.T @ x_tilde)
    meat = x_tilde.T @ ar1_correlation(n, rho) @ x_tilde
    return phi * bread_inv @ meat @ bread_inv, phi, rho


def newey_west_covariance(
    exog: np.ndarray,
    weights: np.ndarray,
    working_resid: np.ndarray,
    *,
    maxlags: int,
    use_correction: bool = True,
) -> np.ndarray:
    """Newey-West (Bartlett kernel) HAC covariance of GLM/OLS coefficients.

    Scores are x_t w_t (working residual)_t; with ``weights`` = 1 and OLS residuals this is
    Stata's ``newey, lag(maxlags)`` (with ``use_correction`` = the n/(n−p) small-sample factor).
    """
    n, p = exog.shape
    scores = exog * (weights * working_resid)[:, None]
    meat = scores.T @ scores
    for lag in range(1, maxlags + 1):
        gamma = scores[lag:].T @ scores[:-lag]
        meat += (1.0 - lag / (maxlags + 1.0)) * (gamma + gamma.T)
    bread_inv = np.linalg.pinv((exog * weights[:, None]).T @ exog)
    cov = bread_inv @ meat @ bread_inv
    return cov * n / (n - p) if use_correction else cov
