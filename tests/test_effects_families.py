"""Model families: NB2 alpha recovery, the Poisson boundary, Gaussian fits."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.effects.families import FAMILIES


@pytest.fixture
def design(rng):
    n = 300
    exog = np.column_stack([np.ones(n), rng.normal(size=n)])
    return exog, np.exp(3.0 + 0.3 * exog[:, 1])


def test_negbin_recovers_alpha_and_coefficients(design, rng):
    exog, mean = design
    y = rng.poisson(rng.gamma(1 / 0.2, 0.2 * mean)).astype(float)
    fit = FAMILIES["negbin"](y, exog, None)
    assert fit.converged and fit.nb_alpha == pytest.approx(0.2, abs=0.06)
    assert fit.params[1] == pytest.approx(0.3, abs=0.06)
    assert np.allclose(fit.weights, fit.mean / (1 + fit.nb_alpha * fit.mean))


def test_negbin_on_poisson_counts_is_the_poisson_fit(design, rng):
    exog, mean = design
    y = rng.poisson(mean).astype(float)
    fit = FAMILIES["negbin"](y, exog, None)
    poisson = FAMILIES["quasipoisson"](y, exog, None)
    assert fit.converged
    if fit.method.startswith("Poisson"):
        assert fit.nb_alpha == 0.0 and np.allclose(fit.params, poisson.params)
    else:
        assert fit.nb_alpha < 0.01


def test_offset_and_gaussian(design, rng):
    exog, mean = design
    y = rng.poisson(mean * 10).astype(float)
    fit = FAMILIES["quasipoisson"](y, exog, np.full(y.size, np.log(10.0)))
    assert fit.params[0] == pytest.approx(3.0, abs=0.05)
    rates = 2.0 + 0.5 * exog[:, 1] + rng.normal(0, 0.1, exog.shape[0])
    gauss = FAMILIES["gaussian"](rates, exog, None)
    assert not gauss.log_link and np.allclose(gauss.weights, 1.0)
    assert gauss.params == pytest.approx([2.0, 0.5], abs=0.03)
    assert np.allclose(gauss.working_resid, rates - gauss.mean)


def test_failed_negbin_falls_back_and_is_flagged(design, rng, monkeypatch):
    import statsmodels.api as sm

    from helpers.effects import Intervention, interrupted_time_series
    from helpers.simulate import simulate_series

    def broken_fit(self, *args, **kwargs):
        raise np.linalg.LinAlgError("singular Hessian")

    monkeypatch.setattr(sm.NegativeBinomial, "fit", broken_fit)
    exog, mean = design
    y = rng.poisson(rng.gamma(1 / 0.2, 0.2 * mean)).astype(float)
    fit = FAMILIES["negbin"](y, exog, None)
    assert not fit.converged and "did not converge" in fit.method
    window = Intervention("c", "2023-05")
    series, _ = simulate_series(interventions=[window], seed=1)
    result = interrupted_time_series(series, [window])
    assert result.status == "warn" and any("did not converge" in w for w in result.warnings)
