"""Recovery and coverage of interrupted_time_series, proven by simulation (issue 4).

AR(1) noise on the log scale (rho 0.5), negative binomial counts, 72 months, a two-month
window: the setting in which Newey-West errors under-cover.
"""

from __future__ import annotations

import numpy as np
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
