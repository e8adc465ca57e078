"""net_effect and estimate_dropout_hazard: accumulating campaign enrolees through drop-outs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.effects import (
    Intervention,
    estimate_dropout_hazard,
    interrupted_time_series,
    net_effect,
)
from helpers.errors import DataError, ParameterError
from helpers.simulate import simulate_panel, simulate_series

WINDOW = Intervention("campaign", "2023-05", "2023-06")


@pytest.fixture(scope="module")
def its_result():
    y, _ = simulate_series(interventions=[WINDOW], rate_ratios={"campaign": 1.8}, seed=2)
    return interrupted_time_series(y, [WINDOW])


def test_no_dropouts_keeps_every_enrolee(its_result):
    net = net_effect(its_result, dropout_rate=0.0, horizons=(6, 24))
    for effect in net.stayed.values():
        assert effect.estimate == pytest.approx(its_result.extra_enrolments.estimate)
    assert net.stayed[6].ci_low == pytest.approx(net.stayed[24].ci_low)


def test_dropouts_shrink_the_stock_geometrically(its_result):
    hazard = 0.02
    net = net_effect(its_result, dropout_rate=hazard)
    per_month = its_result.extra_point
    for horizon in (6, 12, 24):
        expected = per_month[0] * (1 - hazard) ** (1 + horizon) + per_month[1] * (
            1 - hazard) ** horizon
        assert net.stayed[horizon].estimate == pytest.approx(expected)
    assert net.stayed[6].estimate > net.stayed[12].estimate > net.stayed[24].estimate
    assert net.stayed[24].ci_low < net.stayed[24].estimate < net.stayed[24].ci_high
    assert "24" in net.describe() and "Giả định" in net.describe("vi")


def test_hazard_estimated_from_a_panel(its_result):
    panel, _ = simulate_panel(1, schemes=("voluntary_si",), dropout_hazard=0.02,
                              january_dropout_factor=1.0, seed=3)
    unit = panel.set_index("month")
    hazard, se = estimate_dropout_hazard(unit["dropouts"], unit["participants"])
    assert hazard == pytest.approx(0.02, abs=0.003) and 0 < se < 0.003
    net = net_effect(its_result, dropouts=unit["dropouts"], participants=unit["participants"])
    assert net.dropout_rate.ci_low < 0.02 < net.dropout_rate.ci_high


def test_refusal_paths(its_result):
    with pytest.raises(ParameterError, match="dropout_rate"):
        net_effect(its_result)
    with pytest.raises(ParameterError, match="monthly share"):
        net_effect(its_result, dropout_rate=1.5)
    with pytest.raises(ParameterError, match="horizons"):
        net_effect(its_result, dropout_rate=0.01, horizons=(-6,))
    months = pd.period_range("2020-01", periods=2, freq="M")
    with pytest.raises(DataError, match="at least 3"):
        estimate_dropout_hazard(pd.Series([1, 2], index=months), pd.Series([9, 9], index=months))
    short = pd.Series(np.arange(12.0), index=pd.period_range("2020-01", periods=12, freq="M"))
    refused = interrupted_time_series(short, [Intervention("c", "2020-04")])
    net = net_effect(refused, dropout_rate=0.01)
    assert net.status == "refuse" and net.stayed == {} and "not estimated" in net.warnings[0]
    assert "Not estimated" in net.describe()


def test_hazard_ignores_row_order_and_missing_months():
    months = pd.period_range("2020-01", periods=6, freq="M")
    lost = pd.Series([1, 2, pd.NA, 3, 2, 1], index=months, dtype="Int64")
    stock = pd.Series([100, 101, 99, 98, 97, 96], index=months, dtype="Int64")
    hazard, se = estimate_dropout_hazard(lost, stock)
    assert hazard == pytest.approx((2 + 3 + 2 + 1) / (100 + 99 + 98 + 97))
    shuffled = estimate_dropout_hazard(lost.iloc[::-1], stock.sample(frac=1.0, random_state=2))
    assert shuffled == pytest.approx((hazard, se))
