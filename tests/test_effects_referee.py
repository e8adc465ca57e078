"""Issue 13: Vietnamese dates, refusals with codes, net effect at no drop-out, and the
separability rule for the level + slope model."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from helpers.cleaning import parse_dates
from helpers.effects import Intervention, interrupted_time_series, net_effect
from helpers.errors import InvalidValueError, ParameterError
from helpers.report.params import _as_date
from helpers.simulate import simulate_series
from helpers.text import read_day, read_month

WINDOW = Intervention("campaign", "2023-05", "2023-06")


@pytest.mark.parametrize(
    ("written", "month"),
    [("01/05/2023", "2023-05"), ("13/05/2023", "2023-05"), ("1.5.2023", "2023-05"),
     ("05/2023", "2023-05"), ("5/2023", "2023-05"), ("2023-05", "2023-05"),
     ("2023-05-31", "2023-05"), ("31/12/2023", "2023-12")],
)
def test_interventions_read_slash_dates_day_first(written, month):
    assert Intervention("c", written).start == pd.Period(month, freq="M")


def test_day_first_intervention_gives_the_may_estimate():
    y, _ = simulate_series(interventions=[WINDOW], rate_ratios={"campaign": 1.5}, seed=3)
    may = interrupted_time_series(y, [Intervention("c", "2023-05", "2023-06")])
    written = interrupted_time_series(y, [Intervention("c", "01/05/2023", "30/06/2023")])
    assert written.effects["c"].estimate == pytest.approx(may.effects["c"].estimate)


@pytest.mark.parametrize("bad", ["31/02/2023", "13/13/2023", "2023/13", "05/13/2023x"])
def test_impossible_slash_dates_are_refused_not_guessed(bad):
    with pytest.raises(ParameterError, match="day first"):
        Intervention("c", bad)


def test_day_and_month_readers():
    assert read_day("01/05/2024") == date(2024, 5, 1)
    assert read_day("ngày 2 tháng 7 năm 2021") == date(2021, 7, 2)
    assert read_day("05/2024") is None and read_day("31/2/2024") is None
    assert read_month("05/2024") == date(2024, 5, 1) and read_month("01/05/2024") is None


def test_as_of_and_campaign_tables_read_day_first():
    assert _as_date("01/05/2024") == date(2024, 5, 1)
    assert _as_date("2024-05-01") == date(2024, 5, 1)
    with pytest.raises(ParameterError):
        _as_date("05/31/2024")
    dates = parse_dates(pd.Series(["01/05/2024", "2024-06-30", ""]), column="start", file="c.csv")
    assert list(dates[:2]) == [pd.Timestamp("2024-05-01"), pd.Timestamp("2024-06-30")]
    assert pd.isna(dates.iloc[2])
    with pytest.raises(InvalidValueError, match="day first"):
        parse_dates(pd.Series(["05/31/2024"]), column="start", file="c.csv")


def test_coverage_as_of_reads_day_first():
    from helpers.indicators.flows import _as_of_day

    assert _as_of_day("01/05/2024") == date(2024, 5, 1)
    with pytest.raises(ParameterError):
        _as_of_day("05/31/2024")


def _codes(result) -> set[str]:
    return {getattr(note, "code", None) for note in result.warnings}


def test_all_zero_campaign_window_is_refused_and_describable():
    y, _ = simulate_series(interventions=[WINDOW], seed=2)
    y[WINDOW.active(y.index)] = 0
    result = interrupted_time_series(y, [WINDOW])
    assert result.status == "refuse" and "ZERO_WINDOW" in _codes(result)
    assert "campaign" in result.describe("en") and result.describe("vi")


def test_infinite_month_is_a_data_error_with_code():
    y, _ = simulate_series(seed=2)
    y.iloc[10] = np.inf
    with pytest.raises(InvalidValueError, match="infinite") as caught:
        interrupted_time_series(y, [WINDOW])
    assert caught.value.code == "NON_FINITE_VALUE"


def test_rates_passed_to_a_count_family_are_refused():
    y, _ = simulate_series(seed=2)
    with pytest.raises(InvalidValueError, match="whole numbers") as caught:
        interrupted_time_series(y / 1000.0, [WINDOW])
    assert caught.value.code == "NOT_COUNTS"
    assert interrupted_time_series(y / 1000.0, [WINDOW], family="gaussian").status != "refuse"


def test_constant_series_is_refused():
    y, _ = simulate_series(seed=2)
    result = interrupted_time_series(pd.Series(50.0, index=y.index), [WINDOW])
    assert result.status == "refuse" and _codes(result) >= {"CONSTANT_SERIES"}
    assert result.effects == {}


@pytest.mark.parametrize("n_months", [12, 13, 14])
def test_short_series_without_season_is_refused(n_months):
    y, _ = simulate_series(n_months=n_months, start="2022-06", seed=2)
    late = Intervention("c", str(y.index[-3]))
    result = interrupted_time_series(y, [late], seasonality="none")
    assert result.status == "refuse" and "SHORT_SERIES_NO_SEASON" in _codes(result)


def test_net_effect_without_dropouts_is_the_extra_enrolments():
    y, _ = simulate_series(interventions=[WINDOW], rate_ratios={"campaign": 1.5}, seed=5)
    result = interrupted_time_series(y, [WINDOW])
    net = net_effect(result, dropout_rate=0.0, horizons=(0, 12))
    for horizon in (0, 12):
        assert net.stayed[horizon].estimate == pytest.approx(
            result.extra_enrolments.estimate, rel=1e-12)


def test_level_and_slope_model_is_not_flagged_when_both_are_estimated():
    """Sicily model 4 shape: a step and a slope change from one month, 60 months."""
    step = Intervention("ban", "2005-01", kind="step")
    slope = Intervention("ban_slope", "2005-01", kind="ramp")
    y, _ = simulate_series(n_months=60, start="2002-01", base=800, interventions=[step, slope],
                           rate_ratios={"ban": 0.9, "ban_slope": 1.0}, ar1=0.3, seed=4)
    result = interrupted_time_series(y, [step, slope])
    assert "NOT_SEPARABLE" not in _codes(result)
    assert not any("separable" in w for w in result.warnings)
    two_windows = [WINDOW, Intervention("second", "2023-07")]
    y2, _ = simulate_series(interventions=two_windows, seed=4)
    assert any("separable" in w for w in interrupted_time_series(y2, two_windows).warnings)
