"""helpers.simulate: reproducible series and panels with known effects and exact stock flows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.effects import Intervention, check_stock_flow
from helpers.errors import ParameterError
from helpers.simulate import simulate_panel, simulate_series

PANEL_COLUMNS = ["province", "district", "month", "scheme", "participants", "new_participants",
                 "dropouts", "labour_force"]


def test_series_is_seeded_and_carries_its_truth():
    window = Intervention("c", "2023-05", "2023-06")
    y, truth = simulate_series(interventions=[window], rate_ratios={"c": 2.0}, seed=4)
    again, _ = simulate_series(interventions=[window], rate_ratios={"c": 2.0}, seed=4)
    other, _ = simulate_series(interventions=[window], rate_ratios={"c": 2.0}, seed=5)
    assert y.equals(again) and not y.equals(other)
    assert isinstance(y.index, pd.PeriodIndex) and len(y) == 72 and y.index[0] == pd.Period(
        "2019-01", "M")
    ratio = truth.mean / truth.counterfactual_mean
    assert ratio["2023-05"] == pytest.approx(2.0) and ratio["2023-07"] == pytest.approx(1.0)
    in_window = truth.mean["2023-05":"2023-06"] - truth.counterfactual_mean["2023-05":"2023-06"]
    assert truth.extra_total == pytest.approx(in_window.sum())
    assert truth.rate_ratios == {"c": 2.0}


def test_series_without_noise_is_poisson_around_the_mean():
    y, truth = simulate_series(n_months=600, sigma=0.0, dispersion=0.0, trend=0.0,
                               season_amplitude=0.0, base=50.0, seed=1)
    assert y.mean() == pytest.approx(50, rel=0.03) and y.var() == pytest.approx(50, rel=0.2)
    assert np.allclose(truth.mean, 50.0)


@pytest.mark.parametrize("kwargs, match", [
    ({"n_months": 1}, "n_months"),
    ({"base": 0}, "base"),
    ({"ar1": 1.0}, "ar1"),
    ({"dispersion": -1}, "dispersion"),
    ({"rate_ratios": {"nope": 1.2}}, "unknown"),
])
def test_series_refuses_bad_parameters(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        simulate_series(**kwargs)


def test_panel_contract_stock_flow_and_truth():
    units = [("Bắc Giang", "Hiệp Hòa"), ("Bắc Giang", "Yên Dũng"), ("Nghệ An", "")]
    panel, truth = simulate_panel(units, n_months=36, seed=9)
    assert list(panel.columns) == PANEL_COLUMNS and len(panel) == 3 * 2 * 36
    assert check_stock_flow(panel) == []
    ordered = panel.sort_values(["district", "scheme", "month"])
    for _, unit in ordered.groupby(["province", "district", "scheme"]):
        stock = unit["participants"].to_numpy()
        flow = (unit["new_participants"] - unit["dropouts"]).to_numpy()
        assert np.array_equal(np.diff(stock), flow[1:])
    assert (panel["participants"] <= panel["labour_force"]).all()
    assert panel["month"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert set(truth["intervention"]) >= {"national_month_2020"}
    assert {"rate_ratio", "extra_new", "start", "end", "kind"} <= set(truth.columns)
    campaigns = truth[truth["intervention"] == "provincial_campaign"]
    # Districts of one province adopt together (staggered by province, not by district).
    by_province = campaigns.groupby("province")["start"].nunique()
    assert (by_province == 1).all()


def test_panel_is_seeded_and_demo_sized():
    # Its speed is measured by bench/bench_its.py, not asserted here (timed tests are flaky).
    panel, truth = simulate_panel(700, n_months=72, seed=1)
    assert len(panel) == 700 * 72 * 2
    again, _ = simulate_panel(700, n_months=72, seed=1)
    assert panel.equals(again)


def test_panel_campaign_raises_new_enrolments():
    panel, truth = simulate_panel(60, n_months=48, never_treated=0.0, national_month=None,
                                  campaign_rate_ratio=3.0, adoption=("2021-01", "2021-01"),
                                  seed=2)
    by_month = panel.groupby("month")["new_participants"].sum()
    assert by_month["2021-01"] > 2 * by_month["2020-12"]


@pytest.mark.parametrize("kwargs, match", [
    ({"units": 0}, "units"),
    ({"units": []}, "empty"),
    ({"units": [("A", "B"), ("A", "B")]}, "repeats"),
    ({"schemes": ("compulsory_si",)}, "schemes"),
    ({"dropout_hazard": 1.0}, "dropout_hazard"),
    ({"adoption": ("2022-01", "2021-01")}, "adoption"),
])
def test_panel_refuses_bad_parameters(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        simulate_panel(**kwargs)
