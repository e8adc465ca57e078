"""The ARMA(1,1) working covariance: recovers the latent process, covers steps, Ljung-Box."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.diagnostic import acorr_ljungbox

from helpers.effects.checks import ljung_box_p, residual_diagnostics
from helpers.effects.inference import ar1_correlation, arma_covariance


def _latent_errors(rng, n: int, rho: float, share: float) -> np.ndarray:
    """White noise plus an AR(1) process, with the AR part a ``share`` of the variance."""
    latent = np.zeros(n)
    latent[0] = rng.normal()
    for t in range(1, n):
        latent[t] = rho * latent[t - 1] + np.sqrt(1 - rho**2) * rng.normal()
    return np.sqrt(share) * latent + np.sqrt(1 - share) * rng.normal(size=n)


def _design(n: int) -> np.ndarray:
    t = np.arange(n, dtype=float)
    step = (t >= 2 * n // 3).astype(float)
    window = ((t >= 2 * n // 3) & (t < 2 * n // 3 + 2)).astype(float)
    return np.column_stack([np.ones(n), (t - t.mean()) / 12, step, window])


def test_arma_covariance_recovers_the_latent_process(rng):
    """ρ 0.6 carrying 40% of the variance: lag-1 correlation only 0.24, tail 0.6 per lag."""
    exog, rhos, shares = _design(120), [], []
    for _ in range(150):
        resid = _latent_errors(rng, 120, 0.6, 0.4)
        fitted = np.linalg.lstsq(exog, resid, rcond=None)[0]
        working = arma_covariance(exog, np.ones(120), resid - exog @ fitted)
        rhos.append(working.rho)
        shares.append(working.share)
    assert np.median(rhos) == pytest.approx(0.6, abs=0.15)
    assert np.median(shares) == pytest.approx(0.4, abs=0.15)


def test_step_variance_has_fewer_degrees_of_freedom_than_a_window(rng):
    exog, step_df, window_df = _design(84), [], []
    for _ in range(30):
        resid = _latent_errors(rng, 84, 0.7, 0.5)
        resid -= exog @ np.linalg.lstsq(exog, resid, rcond=None)[0]
        working = arma_covariance(exog, np.ones(84), resid)
        assert np.allclose(working.cov, working.cov.T) and working.df.max() <= 84 - 4
        step_df.append(working.df[2])
        window_df.append(working.df[3])
    assert np.median(step_df) < 0.8 * np.median(window_df)
    assert np.median(step_df) < 30


def test_arma_intervals_cover_a_step_under_latent_autocorrelation(rng):
    """Gaussian errors, ρ 0.8 carrying 60% of the variance, 60 months: the step's 95% t
    interval with Satterthwaite df covers about 95% (an AR(1) fitted at lag 1 did not)."""
    from scipy import stats

    exog, covered = _design(60), []
    for _ in range(300):
        y = _latent_errors(rng, 60, 0.8, 0.6)
        beta = np.linalg.lstsq(exog, y, rcond=None)[0]
        working = arma_covariance(exog, np.ones(60), y - exog @ beta)
        half = stats.t.ppf(0.975, working.df[2]) * np.sqrt(working.cov[2, 2])
        covered.append(abs(beta[2]) <= half)
    assert 0.91 <= np.mean(covered) <= 0.985


def test_arma_covariance_without_autocorrelation_is_the_model_based_one(rng):
    n = 300
    exog = np.column_stack([np.ones(n), rng.normal(size=n)])
    resid = rng.normal(size=n)
    working = arma_covariance(exog, np.ones(n), resid)
    model = np.linalg.inv(exog.T @ exog)
    np.testing.assert_allclose(working.cov, model, rtol=0.3)
    assert working.share < 0.3


def test_ar1_correlation_matrix():
    matrix = ar1_correlation(4, 0.5)
    assert matrix[0, 3] == pytest.approx(0.125) and np.allclose(matrix, matrix.T)


def test_ljung_box_matches_statsmodels(rng):
    resid = rng.normal(size=72)
    expected = acorr_ljungbox(resid, lags=[12])["lb_pvalue"].iloc[0]
    assert ljung_box_p(resid, 12) == pytest.approx(expected, rel=1e-10)
    diag = residual_diagnostics(resid, n_params=8)
    assert diag["ljung_box_p"] == pytest.approx(expected) and np.isfinite(diag["acf_lag12"])
    assert np.isnan(residual_diagnostics(resid[:20], n_params=3)["acf_lag12"])
