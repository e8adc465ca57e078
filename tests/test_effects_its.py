"""interrupted_time_series: families, inputs, guardrails and refusal paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.effects import Effect, Intervention, interrupted_time_series
from helpers.errors import DataError, InvalidValueError, ParameterError
from helpers.simulate import simulate_panel, simulate_series

WINDOW = Intervention("campaign", "2023-05", "2023-06")


@pytest.fixture
def series() -> pd.Series:
    y, _ = simulate_series(interventions=[WINDOW], rate_ratios={"campaign": 1.8}, seed=7)
    return y


def test_result_has_effects_counterfactual_and_diagnostics(series):
    result = interrupted_time_series(series, [WINDOW])
    effect = result.effects["campaign"]
    assert isinstance(effect, Effect) and effect.scale == "rate_ratio"
    assert effect.ci_low < effect.estimate < effect.ci_high
    assert effect.ci_low > 1.2 and effect.p_value < 0.01
    cf = result.counterfactual
    assert list(cf.columns) == ["observed", "mean", "lower", "upper"]
    assert len(cf) == 72 and (cf["lower"] <= cf["mean"]).all() and (cf["mean"] <= cf["upper"]).all()
    window = cf.loc[pd.Period("2023-05", "M"):pd.Period("2023-06", "M")]
    assert (window["observed"] > window["mean"]).all()
    extra = result.extra_enrolments
    assert extra.scale == "additive" and extra.ci_low < extra.estimate < extra.ci_high
    assert extra.estimate == pytest.approx(
        (window["observed"] * (1 - 1 / effect.estimate)).sum(), rel=1e-6)
    for key in ("ljung_box_p", "dispersion", "acf_lag12", "n_pre", "n_post", "method", "rho"):
        assert key in result.diagnostics
    assert result.diagnostics["n_pre"] == 52 and result.diagnostics["n_post"] == 20
    assert result.extra_draws.shape[1] == 2 and len(result.extra_months) == 2


def test_index_forms_give_the_same_answer(series):
    as_periods = interrupted_time_series(series, [WINDOW]).effects["campaign"]
    as_strings = series.copy()
    as_strings.index = series.index.strftime("%Y-%m")
    as_dates = series.copy()
    as_dates.index = series.index.to_timestamp()
    shuffled = as_strings.sample(frac=1.0, random_state=1)
    for other in (as_strings, as_dates, shuffled):
        assert interrupted_time_series(other, [WINDOW]).effects["campaign"].estimate == (
            pytest.approx(as_periods.estimate))


@pytest.mark.parametrize("family", ["negbin", "quasipoisson"])
@pytest.mark.parametrize("seasonality", ["fourier1", "fourier3", "month", "none"])
def test_count_families_and_seasonalities(series, family, seasonality):
    result = interrupted_time_series(series, [WINDOW], family=family, seasonality=seasonality)
    assert result.status in ("ok", "warn")
    assert 1.3 < result.effects["campaign"].estimate < 2.5


def test_gaussian_family_gives_additive_effects(rng):
    months = pd.period_range("2019-01", periods=72, freq="M")
    rate = 2.0 + 0.1 * np.sin(2 * np.pi * np.asarray(months.month) / 12) + rng.normal(0, 0.05, 72)
    rate[(months >= pd.Period("2023-05", "M")) & (months <= pd.Period("2023-06", "M"))] += 0.5
    result = interrupted_time_series(pd.Series(rate, index=months), [WINDOW], family="gaussian")
    effect = result.effects["campaign"]
    assert effect.scale == "additive"
    assert effect.ci_low < 0.5 < effect.ci_high and effect.estimate == pytest.approx(0.5, abs=0.1)
    assert result.extra_enrolments.estimate == pytest.approx(2 * effect.estimate)


def test_step_and_ramp_are_recovered():
    step = Intervention("support", "2022-01", kind="step")
    ramp = Intervention("agents", "2022-01", kind="ramp")
    y, _ = simulate_series(interventions=[step], rate_ratios={"support": 1.3}, sigma=0.05, seed=3)
    effect = interrupted_time_series(y, [step]).effects["support"]
    assert effect.ci_low < 1.3 < effect.ci_high
    y, _ = simulate_series(interventions=[ramp], rate_ratios={"agents": 1.02}, sigma=0.05, seed=4)
    effect = interrupted_time_series(y, [ramp]).effects["agents"]
    assert effect.ci_low < 1.02 < effect.ci_high and effect.estimate > 1.0


def test_exposure_offset_models_rates():
    y, _ = simulate_series(interventions=[WINDOW], rate_ratios={"campaign": 1.5}, trend=0.0,
                           seed=11)
    exposure = pd.Series(np.linspace(1.0, 3.0, 72), index=y.index)
    scaled = (y * exposure).round()
    with_offset = interrupted_time_series(scaled, [WINDOW], exposure=exposure,
                                          seasonality="fourier2")
    assert with_offset.effects["campaign"].ci_low < 1.5 < with_offset.effects["campaign"].ci_high
    with pytest.raises(ParameterError, match="offset"):
        interrupted_time_series(scaled, [WINDOW], exposure=exposure, family="gaussian")
    with pytest.raises(DataError, match="exposure"):
        interrupted_time_series(scaled, [WINDOW], exposure=exposure.iloc[:-3])


def test_refuses_short_pre_period(series):
    early = Intervention("early", "2019-06")
    result = interrupted_time_series(series, [early])
    assert result.status == "refuse" and result.effects == {}
    assert result.extra_enrolments is None and result.counterfactual.empty
    assert any("at least 8" in w for w in result.warnings)
    assert "No effect estimated" in result.describe() and "Không" in result.describe("vi")


def test_refuses_short_post_period(series):
    late = Intervention("late", "2024-11", "2024-12")
    result = interrupted_time_series(series, [late])
    assert result.status == "refuse" and any("at least 3" in w for w in result.warnings)


def test_month_dummies_need_24_pre_months(series):
    soon = Intervention("soon", "2020-09", "2020-10")
    result = interrupted_time_series(series, [soon], seasonality="month")
    assert result.status == "warn" and result.diagnostics["seasonality"] == "fourier2"
    assert any("fewer than 24" in w for w in result.warnings)


def test_close_interventions_are_flagged_not_separable(series):
    second = Intervention("launch", "2023-07")
    result = interrupted_time_series(series, [WINDOW, second])
    assert result.status == "warn" and any("not separable" in w for w in result.warnings)
    assert set(result.effects) == {"campaign", "launch"}


def test_collinear_interventions_are_refused(series):
    twin = Intervention("twin", "2023-05", "2023-06")
    result = interrupted_time_series(series, [WINDOW, twin])
    assert result.status == "refuse" and any("collinear" in w for w in result.warnings)


def test_all_zero_series_is_refused():
    zeros = pd.Series(0.0, index=pd.period_range("2019-01", periods=40, freq="M"))
    result = interrupted_time_series(zeros, [Intervention("c", "2021-01")])
    assert result.status == "refuse" and "zero" in result.warnings[0]


def test_stock_flow_breach_becomes_a_data_warning():
    panel, truth = simulate_panel(1, seed=5)
    unit = panel[panel["scheme"] == "voluntary_si"].reset_index(drop=True)
    y = unit.set_index("month")["new_participants"]
    clean = interrupted_time_series(y, [WINDOW], panel=unit)
    assert not any("Stock-flow" in w for w in clean.warnings)
    unit.loc[30, "participants"] += 1000
    broken = interrupted_time_series(y, [WINDOW], panel=unit)
    assert broken.status == "warn" and any("Stock-flow" in w for w in broken.warnings)


@pytest.mark.parametrize("kwargs, match", [
    ({"family": "poisson"}, "family"),
    ({"seasonality": "weekly"}, "seasonality"),
    ({"alpha": 1.5}, "alpha"),
])
def test_bad_parameters_raise(series, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        interrupted_time_series(series, [WINDOW], **kwargs)


def test_bad_interventions_raise(series):
    with pytest.raises(ParameterError, match="at least one"):
        interrupted_time_series(series, [])
    with pytest.raises(ParameterError, match="outside the series"):
        interrupted_time_series(series, [Intervention("future", "2030-01")])
    with pytest.raises(ParameterError, match="unique"):
        interrupted_time_series(series, [WINDOW, WINDOW])


def test_bad_series_raise_data_errors(series):
    gappy = series.drop(series.index[10])
    with pytest.raises(DataError, match="gaps"):
        interrupted_time_series(gappy, [WINDOW])
    holes = series.copy()
    holes.iloc[5] = np.nan
    with pytest.raises(InvalidValueError, match="no number"):
        interrupted_time_series(holes, [WINDOW])
    negative = series.copy()
    negative.iloc[5] = -3
    with pytest.raises(InvalidValueError, match="negative"):
        interrupted_time_series(negative, [WINDOW])
    doubled = pd.concat([series, series.iloc[:1]])
    with pytest.raises(DataError, match="twice"):
        interrupted_time_series(doubled, [WINDOW])
    with pytest.raises(ParameterError):
        interrupted_time_series(series.to_numpy(), [WINDOW])


def test_describe_in_both_languages(series):
    result = interrupted_time_series(series, [WINDOW])
    en, vi = result.describe("en"), result.describe("vi")
    assert "'campaign'" in en and "95% CI" in en and "Extra people" in en
    assert "KTC 95%" in vi and "tăng thêm" in vi
    assert "campaign" in str(result)


def test_quasipoisson_warns_when_overdispersion_is_large(series):
    result = interrupted_time_series(series, [WINDOW], family="quasipoisson")
    assert result.diagnostics["dispersion"] > 5
    assert any("prefer family='negbin'" in w for w in result.warnings)


def test_effect_describes_itself():
    effect = Effect(1.5, 1.25, 1.8, 0.0004, "rate_ratio")
    assert effect.describe("en") == "+50% (95% CI +25% to +80%; p < 0.001)"
    assert effect.describe("vi") == "+50% (KTC 95%: +25% đến +80%; p < 0,001)"
    total = Effect(1234.4, -20.0, 2500.0, 0.06, "additive")
    assert total.describe("vi") == "+1.234 (KTC 95%: −20 đến +2.500; p = 0,060)"
    assert str(total).startswith("Δ 1.23e+03")


def test_too_many_parameters_are_refused():
    y, _ = simulate_series(n_months=14, seed=1)
    result = interrupted_time_series(y, [Intervention("c", "2019-10", "2019-11")],
                                     seasonality="fourier3")
    assert result.status == "refuse" and any("parameters" in w for w in result.warnings)


def test_plot_draws_observed_and_counterfactual(series):
    from helpers.errors import AnalysisRefused

    result = interrupted_time_series(series, [WINDOW])
    ax = result.plot(lang="vi")
    assert len(ax.lines) == 2 and len(ax.patches) >= 2
    legend = [t.get_text() for t in ax.get_figure().legends[0].get_texts()]
    assert "Thực tế" in legend and "Tháng chiến dịch" in legend
    assert ax.get_title(loc="left") and ax.get_ylabel().endswith("(người/tháng)")
    refused = interrupted_time_series(series, [Intervention("early", "2019-03")])
    with pytest.raises(AnalysisRefused):
        refused.plot()


def test_every_warning_speaks_vietnamese(series):
    from helpers.effects.results import Note

    unit_panel, _ = simulate_panel(1, schemes=("voluntary_si",), seed=5)
    unit_panel.loc[30, "participants"] += 1000
    results = [
        interrupted_time_series(series, [Intervention("early", "2019-06")]),
        interrupted_time_series(series, [Intervention("late", "2024-12")]),
        interrupted_time_series(series, [Intervention("soon", "2020-09")], seasonality="month"),
        interrupted_time_series(series, [WINDOW, Intervention("launch", "2023-07")]),
        interrupted_time_series(series, [WINDOW, Intervention("twin", "2023-05", "2023-06")]),
        interrupted_time_series(series, [WINDOW], family="quasipoisson"),
        interrupted_time_series(series, [WINDOW], panel=unit_panel),
    ]
    notes = [w for r in results for w in r.warnings]
    assert len(notes) >= 7
    for note in notes:
        assert isinstance(note, Note) and note.vi and note.vi != str(note)
    assert "Chỉ có 5 tháng" in results[0].describe("vi")
    assert "Số tham gia không khớp" in results[-1].describe("vi")
    assert "Stock-flow" in results[-1].describe("en")


def test_exposure_order_does_not_matter(series):
    exposure = pd.Series(np.linspace(1.0, 2.0, 72), index=series.index)
    ordered = interrupted_time_series(series, [WINDOW], exposure=exposure)
    shuffled = interrupted_time_series(series, [WINDOW],
                                       exposure=exposure.sample(frac=1.0, random_state=3))
    assert shuffled.effects["campaign"].estimate == pytest.approx(
        ordered.effects["campaign"].estimate)
