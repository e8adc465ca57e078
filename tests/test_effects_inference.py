"""Covariance estimators: Newey-West reproduces Stata on macrodata; AR(1) sandwich behaves."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm
from statsmodels.datasets import macrodata
from statsmodels.stats.diagnostic import acorr_ljungbox

from helpers.effects.checks import ljung_box_p, residual_diagnostics
from helpers.effects.inference import (
    ar1_correlation,
    ar1_covariance,
    lag1_autocorrelation,
    newey_west_covariance,
)


def test_newey_west_reproduces_stata_on_macrodata():
    """Stata: ``newey g_realinv g_realgdp L.realint, lag(4)`` (statsmodels' results file
    regression/tests/results/results_macro_ols_robust.py, results_newey4)."""
    data = macrodata.load_pandas().data
    g_gdp = 400 * np.diff(np.log(data["realgdp"].to_numpy()))
    g_inv = 400 * np.diff(np.log(data["realinv"].to_numpy()))
    exog = np.column_stack([g_gdp, data["realint"].to_numpy()[:-1], np.ones(g_gdp.size)])
    ols = sm.OLS(g_inv, exog).fit()
    cov = newey_west_covariance(exog, np.ones(g_gdp.size), ols.resid, maxlags=4)
    np.testing.assert_allclose(ols.params, [4.3742216647032, -.61399696947899,
                                            -9.4816727746549], rtol=1e-12)
    np.testing.assert_allclose(np.sqrt(np.diag(cov)), [.33125644884286, .29582347593197,
                                                       1.1859338087713], rtol=1e-10)
    np.testing.assert_allclose(cov[0, 1], .0003953117603, rtol=1e-9)
    t_stats = ols.params / np.sqrt(np.diag(cov))
    np.testing.assert_allclose(t_stats, [13.204940401864, -2.0755518727668, -7.9951112823729],
                               rtol=1e-10)


def test_ar1_covariance_without_autocorrelation_is_the_model_based_one(rng):
    n = 400
    exog = np.column_stack([np.ones(n), rng.normal(size=n)])
    resid = rng.normal(size=n)
    weights = rng.uniform(0.5, 2.0, n)
    cov, scale, rho = ar1_covariance(exog, weights, resid, scale=1.0)
    model = np.linalg.inv(exog.T @ (exog * weights[:, None]))
    assert abs(rho) < 0.1
    np.testing.assert_allclose(cov, model, rtol=0.25)
    exact, _, _ = ar1_covariance(exog, weights, resid, scale=2.0)
    assert np.allclose(exact, 2.0 * cov)


def test_lag1_autocorrelation_recovers_rho(rng):
    estimates = []
    for _ in range(200):
        e = np.zeros(72)
        for t in range(1, 72):
            e[t] = 0.5 * e[t - 1] + rng.normal()
        estimates.append(lag1_autocorrelation(e - e.mean(), n_params=1))
    assert np.mean(estimates) == pytest.approx(0.5, abs=0.04)
    assert lag1_autocorrelation(np.zeros(10)) == 0.0


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
