"""recurring_campaign_effects: pooled, per-year and rebound effects, and the season refusal."""

from __future__ import annotations

import pytest

from helpers.effects import Intervention, net_effect, recurring_campaign_effects
from helpers.errors import ParameterError
from helpers.simulate import simulate_series

YEARS = range(2021, 2025)


@pytest.fixture
def may_campaigns():
    mays = [Intervention(f"may{y}", f"{y}-05") for y in YEARS]
    junes = [Intervention(f"june{y}", f"{y}-06") for y in YEARS]
    ratios = {iv.name: 1.5 for iv in mays} | {iv.name: 0.85 for iv in junes}
    y, _ = simulate_series(interventions=mays + junes, rate_ratios=ratios, sigma=0.05, seed=21)
    return y


def test_pooled_per_year_and_rebound(may_campaigns):
    result = recurring_campaign_effects(may_campaigns, 5, years=YEARS, seasonality="month")
    assert result.status in ("ok", "warn")
    assert result.pooled.ci_low < 1.5 < result.pooled.ci_high and result.pooled.p_value < 0.05
    assert result.rebound.ci_low < 0.85 < result.rebound.ci_high and result.rebound.estimate < 1
    assert sorted(result.per_year) == list(YEARS) and sorted(result.per_year_rebound) == list(YEARS)
    assert all(1.1 < e.estimate < 2.1 for e in result.per_year.values())
    assert result.diagnostics["untreated_campaign_months"] == 2
    assert "pooled" in str(result) and "Tháng chiến dịch" in result.describe("vi")
    assert result.pooled_fit.extra_enrolments.estimate > 0


def test_campaign_every_may_is_refused(may_campaigns):
    result = recurring_campaign_effects(may_campaigns, 5)
    assert result.status == "refuse" and result.pooled is None and result.per_year == {}
    assert "cannot be told apart" in result.warnings[0]
    assert "No effect estimated" in result.describe()
    assert net_effect(result, dropout_rate=0.01).status == "refuse"


def test_two_month_peak_and_no_rebound(may_campaigns):
    result = recurring_campaign_effects(may_campaigns, (4, 5), years=YEARS, rebound_months=0)
    assert result.rebound is None and result.per_year_rebound == {}
    assert result.pooled.estimate > 1.0


def test_short_pre_period_is_refused(may_campaigns):
    # May 2023 is left untreated so the refusal is about length, not the season.
    result = recurring_campaign_effects(may_campaigns.loc["2021-11":], 5, years=[2022, 2024])
    assert result.status == "refuse" and any("at least 8" in w for w in result.warnings)


@pytest.mark.parametrize("kwargs, match", [
    ({"month": 13}, "calendar month"),
    ({"month": 5, "years": [1990]}, "No campaign month"),
    ({"month": 5, "rebound_months": -1}, "rebound_months"),
    ({"month": 5, "family": "logit"}, "family"),
])
def test_bad_parameters_raise(may_campaigns, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        recurring_campaign_effects(may_campaigns, **kwargs)


def test_stock_flow_breach_is_reported():
    from helpers.simulate import simulate_panel

    panel, _ = simulate_panel(1, schemes=("voluntary_si",), seed=8)
    panel.loc[40, "participants"] += 5000
    y = panel.set_index("month")["new_participants"]
    result = recurring_campaign_effects(y, 5, years=YEARS, panel=panel)
    assert result.status == "warn" and any("Stock-flow" in w for w in result.warnings)


def test_refusal_reads_in_vietnamese(may_campaigns):
    text = recurring_campaign_effects(may_campaigns, 5).describe("vi")
    assert text.startswith("Không ước lượng tác động: Chiến dịch diễn ra vào mọi tháng 05")
