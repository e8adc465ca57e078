"""Recovery and coverage of interrupted_time_series, proven by simulation (issue 4).

AR(1) noise on the log scale (rho 0.5), negative binomial counts, 72 months, a two-month
window: the setting in which Newey-West errors under-cover.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.effects import Intervention, interrupted_time_series
from helpers.simulate import simulate_series

WINDOW = Intervention("campaign", "2023-05", "2023-06")


def _run(n_series: int, rate_ratio: float, first_seed: int) -> dict[str, np.ndarray]:
    rows = []
    for seed in range(first_seed, first_seed + n_series):
        y, truth = simulate_series(interventions=[WINDOW], rate_ratios={"campaign": rate_ratio},
                                   seed=seed)
        result = interrupted_time_series(y, [WINDOW], seed=seed)
        effect, extra = result.effects["campaign"], result.extra_enrolments
        rows.append((effect.estimate, effect.ci_low <= rate_ratio <= effect.ci_high,
                     effect.p_value < 0.05, extra.ci_low <= truth.extra_total <= extra.ci_high))
    table = np.array(rows, dtype=float)
    return {"estimate": table[:, 0], "covered": table[:, 1], "significant": table[:, 2],
            "extra_covered": table[:, 3]}


def _check(effect_run: dict, null_run: dict, rate_ratio: float) -> None:
    assert abs(effect_run["estimate"].mean() / rate_ratio - 1) < 0.05
    assert 0.90 <= effect_run["covered"].mean() <= 0.98
    assert effect_run["extra_covered"].mean() >= 0.90
    assert null_run["significant"].mean() <= 0.07
    assert 0.90 <= null_run["covered"].mean() <= 0.98
    # Power check: a 50% two-month rise must usually be detected, or the test is vacuous.
    assert effect_run["significant"].mean() > 0.5


def test_window_effect_recovered_with_honest_intervals():
    _check(_run(200, 1.5, 0), _run(200, 1.0, 10_000), 1.5)


@pytest.mark.slow
def test_window_effect_recovered_over_1000_series():
    _check(_run(1000, 1.5, 20_000), _run(1000, 1.0, 30_000), 1.5)


def test_gaussian_window_effect_on_rates_holds_coverage():
    """Rates with AR(1) Gaussian noise (rho 0.5) and a two-month additive effect of 0.3."""
    rng = np.random.default_rng(99)
    months = pd.period_range("2019-01", periods=72, freq="M")
    window = WINDOW.column(months)
    covered, significant_null = [], []
    for _ in range(200):
        noise = np.zeros(72)
        shocks = rng.normal(0, 0.1, 72)
        for t in range(72):
            noise[t] = (0.5 * noise[t - 1] if t else 0.0) + shocks[t]
        base = 2.0 + 0.1 * np.arange(72) / 12 + 0.2 * np.cos(2 * np.pi * (months.month - 5) / 12)
        for effect, sink in ((0.3, covered), (0.0, significant_null)):
            y = pd.Series(np.asarray(base) + noise + effect * window, index=months)
            result = interrupted_time_series(y, [WINDOW], family="gaussian")
            est = result.effects["campaign"]
            sink.append(est.ci_low <= effect <= est.ci_high if effect else est.p_value < 0.05)
    assert 0.90 <= np.mean(covered) <= 0.98
    assert np.mean(significant_null) <= 0.07
