"""Comparative designs (helpers.effects: synthetic_control, synthetic_did, event_study): exact
answers on constructed panels, recovery on small seeded simulations, refusals and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.effects import (
    DesignEffect,
    Intervention,
    event_study,
    interrupted_time_series,
    synthetic_control,
    synthetic_did,
)
from helpers.effects.synth_core import sdid_fit, simplex_weights
from helpers.errors import DataError, InvalidValueError, MissingColumnError, ParameterError
from helpers.simulate import simulate_panel

MONTHS = pd.period_range("2020-01", periods=36, freq="M")


def long_panel(values: np.ndarray, units: list[str], months=MONTHS) -> pd.DataFrame:
    return pd.DataFrame({
        "province": np.repeat(units, len(months)),
        "month": np.tile(months.strftime("%Y-%m"), len(units)),
        "new_participants": values.ravel(),
    })


def factor_panel(n_units: int = 12, seed: int = 1, noise: float = 0.0) -> np.ndarray:
    """Positive counts from two common factors with unit loadings (log scale)."""
    rng = np.random.default_rng(seed)
    t = np.arange(len(MONTHS))
    factors = np.vstack([np.sin(2 * np.pi * t / 12), t / 36])
    loadings = rng.uniform(0.2, 1.0, size=(n_units, 2))
    level = rng.uniform(4.5, 6.5, size=(n_units, 1))
    return np.exp(level + loadings @ factors + noise * rng.normal(size=(n_units, len(t))))


def simulated(n_provinces: int, seed: int, ratio: float = 1.3, shock: dict | None = None):
    units = [(f"Province {i:02d}", "") for i in range(n_provinces)]
    panel, truth = simulate_panel(
        units, schemes=("voluntary_si",), campaign_rate_ratio=ratio, base_new=(300, 3000),
        sigma=0.04, dispersion=0.002, never_treated=0.3, common_shocks=shock, seed=seed)
    camps = truth[truth["intervention"] == "provincial_campaign"]
    return panel[["province", "month", "new_participants"]], camps


# --- numerical core -------------------------------------------------------------------------

def test_simplex_weights_recover_an_exact_convex_combination(rng):
    donors = rng.normal(size=(30, 6))
    truth = np.array([0.5, 0.3, 0.2, 0, 0, 0])
    weights = simplex_weights(donors, donors @ truth)
    assert weights.sum() == pytest.approx(1)
    assert weights == pytest.approx(truth, abs=1e-4)
    shifted = simplex_weights(donors, donors @ truth + 3.0, intercept=True)
    assert shifted == pytest.approx(truth, abs=1e-4)


def test_did_method_is_the_difference_of_mean_changes(rng):
    y = rng.normal(size=(8, 10))
    fit = sdid_fit(y, 7, 6, method="did")
    expected = (y[7, 6:].mean() - y[7, :6].mean()) - (y[:7, 6:].mean() - y[:7, :6].mean())
    assert fit.estimate == pytest.approx(expected)


# --- synthetic control ----------------------------------------------------------------------

def test_synthetic_control_recovers_a_known_ratio_exactly():
    values = factor_panel()
    # Unit 0 is a mix of units 1-3 (log scale) times a constant, with a 1.5 window effect.
    values[0] = 1.7 * np.exp(np.log(values[1:4]).T @ np.array([0.5, 0.3, 0.2]))
    window = (MONTHS >= pd.Period("2022-05", "M")) & (MONTHS <= pd.Period("2022-06", "M"))
    values[0, window] *= 1.5
    units = [f"P{i:02d}" for i in range(len(values))]
    result = synthetic_control(long_panel(values, units), "P00", ("2022-05", "2022-06"))
    assert result.status in ("ok", "warn")
    assert result.effect.scale == "ratio"
    assert result.effect.estimate == pytest.approx(1.5, rel=1e-3)
    assert result.weights.sum() == pytest.approx(1)
    pre = result.path.loc[:"2022-04"]
    assert pre["synthetic"].to_numpy() == pytest.approx(pre["observed"].to_numpy(), rel=1e-4)
    assert result.diagnostics["pre_rmspe_share"] < 1e-3
    assert result.path.loc["2022-05", "observed"] > result.path.loc["2022-05", "synthetic"]
    # Eleven placebos cannot reach 95%: the interval is unbounded and the note says so.
    assert "INTERVAL_UNBOUNDED" in result.codes
    assert np.isinf(result.effect.ci_high)


def test_synthetic_control_on_a_simulated_panel_is_fast_and_covers():
    panel, camps = simulated(34, seed=3)
    first = camps.sort_values("start").iloc[0]
    donors = sorted(set(panel["province"]) - set(camps["province"][camps["start"] <= first.end]))
    result = synthetic_control(panel, first.province, (first.start, first.end), donors=donors)
    assert result.status in ("ok", "warn")
    assert set(result.codes) <= {"PLACEBO_TIME"}
    assert result.effect.covers(1.3)
    assert result.effect.p_value < 0.1
    assert len(result.diagnostics["placebo_ratios"]) == len(donors)
    assert len(result.diagnostics["placebo_time"]) > 0


def test_treatment_accepts_an_intervention_and_day_first_dates():
    values = factor_panel(noise=0.01)
    units = [f"P{i:02d}" for i in range(len(values))]
    panel = long_panel(values, units)
    by_pair = synthetic_control(panel, "P00", ("2022-05", "2022-06"))
    by_iv = synthetic_control(panel, "P00", Intervention("c", "2022-05", "2022-06"))
    # "01/05/2022" is 1 May 2022 (day first), not 5 January.
    by_text = synthetic_control(panel, "P00", ("01/05/2022", "30/06/2022"))
    assert by_iv.effect == by_pair.effect == by_text.effect


@pytest.mark.parametrize("design", [synthetic_control, synthetic_did])
def test_one_unit_designs_refuse_with_reasons(design):
    values = factor_panel(noise=0.01)
    units = [f"P{i:02d}" for i in range(len(values))]
    panel = long_panel(values, units)
    one_donor = design(panel, "P00", ("2022-05", "2022-06"), donors=["P01"])
    assert one_donor.status == "refuse" and one_donor.effect is None
    assert one_donor.codes == ["TOO_FEW_DONORS"]
    assert one_donor.warnings[0].params == {"n_donors": 1, "minimum": 5}
    assert "ít nhất 5" in one_donor.warnings[0].vi
    no_pre = design(panel, "P00", ("2020-01", "2020-02"))
    assert no_pre.codes == ["NO_PRE_PERIOD"]


def test_poor_pre_fit_is_refused():
    values = factor_panel(noise=0.01)
    rng = np.random.default_rng(5)
    values[0] *= np.exp(rng.normal(0, 0.5, size=values.shape[1]))
    units = [f"P{i:02d}" for i in range(len(values))]
    result = synthetic_control(long_panel(values, units), "P00", ("2022-05", "2022-06"))
    assert result.status == "refuse" and result.codes == ["POOR_PRE_FIT"]
    assert result.diagnostics["pre_rmspe_share"] > 0.10
    assert "%" in result.warnings[0] and "," in result.warnings[0].vi


# --- synthetic DiD --------------------------------------------------------------------------

def test_synthetic_did_recovers_the_effect_with_weights():
    panel, camps = simulated(34, seed=4)
    first = camps.sort_values("start").iloc[0]
    donors = sorted(set(panel["province"]) - set(camps["province"][camps["start"] <= first.end]))
    result = synthetic_did(panel, first.province, (first.start, first.end), donors=donors)
    assert result.status == "ok"
    assert result.effect.covers(1.3) and result.effect.p_value < 0.05
    assert result.weights.sum() == pytest.approx(1)
    assert result.time_weights.sum() == pytest.approx(1)
    assert len(result.diagnostics["placebo_estimates"]) == len(donors)


# --- event study ----------------------------------------------------------------------------

def test_group_time_effects_match_hand_computation(rng):
    years = np.arange(2001, 2006)
    y = rng.normal(size=(6, 5))
    units = [f"c{i}" for i in range(6)]
    panel = pd.DataFrame({"county": np.repeat(units, 5), "year": np.tile(years, 6),
                          "y": y.ravel()})
    treatments = pd.DataFrame({"unit": ["c0", "c1", "c2"], "start": [2003, 2003, 2004],
                               "end": [None, None, None]})
    result = event_study(panel, treatments, outcome="y", control="never_treated",
                         scale="level", unit_col="county", time_col="year")
    cell = result.group_time.set_index(["group", "period"]).loc[("2003", "2004")]
    treated = y[:2, 3] - y[:2, 1]
    control = y[3:, 3] - y[3:, 1]
    assert cell["att"] == pytest.approx(treated.mean() - control.mean())
    assert cell["se"] == pytest.approx(np.sqrt(treated.var() / 2 + control.var() / 3))
    # Pre-period cells compare each period with the one before (R did's varying base).
    pre = result.group_time.set_index(["group", "period"]).loc[("2004", "2002")]
    change = y[:, 1] - y[:, 0]
    assert pre["att"] == pytest.approx(change[2] - change[3:].mean())
    assert result.effect.scale == "difference"


def test_event_study_recovers_and_has_a_profile():
    panel, camps = simulated(34, seed=5, shock={"2022-07": 1.4})
    treatments = camps.rename(columns={"province": "unit"})[["unit", "start", "end"]]
    result = event_study(panel, treatments)
    assert result.status in ("ok", "warn")
    assert result.effect.covers(1.3)
    assert abs(np.log(result.effect.estimate) - np.log(1.3)) < 0.05
    profile = result.profile.set_index("event_time")
    assert abs(profile.loc[0, "estimate"] - np.log(1.3)) < 0.06
    assert profile.loc[0, "ci_low"] < profile.loc[0, "estimate"] < profile.loc[0, "ci_high"]
    assert abs(profile.loc[3, "estimate"]) < 0.1  # campaigns last two months
    assert 0 <= result.diagnostics["pretrend_p"] <= 1


def test_event_study_coverage_and_false_positives_small_simulation():
    covered, rejected = [], []
    for seed in range(12):
        for ratio, store in ((1.3, covered), (1.0, rejected)):
            panel, camps = simulated(34, seed=100 + seed, ratio=ratio)
            treatments = camps.rename(columns={"province": "unit"})[["unit", "start", "end"]]
            effect = event_study(panel, treatments).effect
            store.append(effect.covers(1.3) if ratio != 1.0 else effect.p_value < 0.05)
    assert np.mean(covered) >= 10 / 12
    assert np.mean(rejected) <= 2 / 12


def test_event_study_interval_uses_satterthwaite_degrees_of_freedom():
    from scipy import stats

    panel, camps = simulated(34, seed=7)
    result = event_study(panel, camps.rename(columns={"province": "unit"})[["unit", "start",
                                                                             "end"]])
    df, se = result.diagnostics["df"], result.diagnostics["se"]
    # Single-province campaign groups carry most of the variance: far fewer than 33 df.
    assert 1 <= df < result.diagnostics["n_units"] - 1
    half_width = (np.log(result.effect.ci_high) - np.log(result.effect.ci_low)) / 2
    assert half_width == pytest.approx(stats.t.ppf(0.975, df) * se, rel=1e-9)
    assert half_width > stats.t.ppf(0.975, 33) * se


def test_event_study_effect_moves_the_estimate_not_the_interval_width(rng):
    # Why coverage with an effect and false positives without it are one calibration
    # (bench/COMPARATIVE.md): a campaign effect the same on every unit shifts the estimate by
    # exactly that effect; s.e., degrees of freedom and so the interval's width stay.
    months = pd.period_range("2019-01", periods=48, freq="M")
    units = [f"P{i:02d}" for i in range(20)]
    noise = np.exp(6 + rng.normal(0, 0.05, size=(20, 48)))
    starts = rng.integers(12, 40, size=10)
    treatments = pd.DataFrame({"unit": units[:10],
                               "start": [str(months[s]) for s in starts],
                               "end": [str(months[s + 1]) for s in starts]})
    lifted = noise.copy()
    for row, s in enumerate(starts):
        lifted[row, s:s + 2] *= 1.3
    without = event_study(long_panel(noise, units, months), treatments)
    with_effect = event_study(long_panel(lifted, units, months), treatments)
    assert np.log(with_effect.effect.estimate / without.effect.estimate) == pytest.approx(
        np.log(1.3), abs=1e-9)
    for key in ("se", "df"):
        assert with_effect.diagnostics[key] == pytest.approx(without.diagnostics[key], rel=1e-9)
    assert with_effect.effect.covers(1.3) == without.effect.covers(1.0)
    assert with_effect.effect.p_value < without.effect.p_value


def _replica_misses(n_units: int, reps: int, seed: int) -> tuple[float, float]:
    """Share of event-study intervals missing zero on panels without effect, bench/
    comparative_recovery.py's outcome model (AR(1) s.d. 0.04, ρ 0.5, negative-binomial counts
    of both schemes' sizes, 70% of units with a two-month campaign starting in months 24–65):
    with Satterthwaite's t, and with t(n − 1)."""
    import importlib

    from scipy import stats

    # The package's event_study function hides the module of the same name.
    module = importlib.import_module("helpers.effects.event_study")
    generator = np.random.default_rng(seed)
    satterthwaite, plain = [], []
    for rep in range(reps):
        start = np.where(generator.random(n_units) < 0.3, module.NEVER,
                         generator.integers(24, 66, n_units))
        end = np.where(start == module.NEVER, module.NEVER, start + 1)
        size = np.exp(generator.uniform(np.log(300), np.log(3000), n_units)) * (1 + 3 * (rep % 2))
        noise = np.empty((n_units, 72))
        noise[:, 0] = generator.normal(0, 0.04 / np.sqrt(0.75), n_units)
        for t in range(1, 72):
            noise[:, t] = 0.5 * noise[:, t - 1] + generator.normal(0, 0.04, n_units)
        values = np.log(generator.poisson(generator.gamma(500.0, 0.002 * size[:, None]
                                                          * np.exp(noise))))
        gt = module.group_time_effects(values, start, end, "not_yet_treated")
        estimate, influence = gt.aggregate((gt.period >= gt.group) & (gt.period <= gt.end))
        t_ratio = abs(estimate) / module._se(influence)
        satterthwaite.append(t_ratio > stats.t.ppf(0.975, module._t_df(influence)))
        plain.append(t_ratio > stats.t.ppf(0.975, n_units - 1))
    return float(np.mean(satterthwaite)), float(np.mean(plain))


@pytest.mark.parametrize(("n_units", "reps"), [(34, 400), (63, 200)])
def test_event_study_misses_meet_both_recovery_bars_on_replicas(n_units, reps):
    # The bars as miss rates: coverage 0.92–0.98 with an effect is a miss rate of
    # 0.02–0.08, false positives ≤ 7% without one; by the test above both are this one rate.
    satterthwaite, plain = _replica_misses(n_units, reps, seed=n_units)
    assert 0.02 <= satterthwaite <= 0.07
    # The Satterthwaite reference is the wider one: it never misses more than t(n − 1).
    assert satterthwaite <= plain


def test_its_alone_is_fooled_by_a_common_shock_the_comparisons_are_not():
    probe, camps = simulated(34, seed=9)
    first = camps.sort_values("start").iloc[0]
    panel, camps = simulated(34, seed=9, shock={first.start: 1.4})
    own = panel[panel["province"] == first.province].set_index("month")["new_participants"]
    its = interrupted_time_series(own, [Intervention("campaign", first.start, first.end)])
    treatments = camps.rename(columns={"province": "unit"})[["unit", "start", "end"]]
    study = event_study(panel, treatments)
    control = synthetic_control(panel, first.province, (first.start, first.end), donors=sorted(
        set(panel["province"]) - set(camps["province"][camps["start"] <= first.end])))
    assert its.effects["campaign"].estimate > 1.55  # campaign 1.3 × shock 1.4 on the start month
    assert not its.effects["campaign"].ci_low <= 1.3 <= its.effects["campaign"].ci_high
    assert study.effect.covers(1.3) and control.effect.covers(1.3)


def test_every_unit_treated_at_once_is_refused():
    values = factor_panel()
    units = [f"P{i:02d}" for i in range(len(values))]
    treatments = pd.DataFrame({"unit": units, "start": "2022-05", "end": "2022-06"})
    result = event_study(long_panel(values, units), treatments)
    assert result.status == "refuse" and result.effect is None
    assert "NO_CONTROLS" in result.codes


def test_a_single_control_unit_is_refused():
    values = factor_panel(noise=0.01)
    units = [f"P{i:02d}" for i in range(len(values))]
    treatments = pd.DataFrame({"unit": units[:-1], "start": "2022-05", "end": "2022-06"})
    result = event_study(long_panel(values, units), treatments)
    assert result.status == "refuse" and result.effect is None
    assert result.codes == ["TOO_FEW_DONORS"]
    assert result.warnings[0].params == {"n_donors": 1, "minimum": 2}
    # Two comparison units are enough to estimate both sides' variation.
    two = event_study(long_panel(values, units), treatments.iloc[:-1])
    assert two.effect is not None and two.diagnostics["n_never"] == 2


@pytest.mark.parametrize("design", [synthetic_control, synthetic_did])
def test_one_unit_designs_refuse_without_any_donor(design):
    values = factor_panel(noise=0.01)
    panel = long_panel(values, [f"P{i:02d}" for i in range(len(values))])
    result = design(panel, "P00", ("2022-05", "2022-06"), donors=[])
    assert result.status == "refuse" and result.codes == ["TOO_FEW_DONORS"]
    assert result.warnings[0].params["n_donors"] == 0


def test_campaign_without_pre_period_is_left_out_with_a_note():
    values = factor_panel()
    units = [f"P{i:02d}" for i in range(len(values))]
    treatments = pd.DataFrame({"unit": ["P00", "P01"], "start": ["2020-01", "2022-05"],
                               "end": ["2020-02", "2022-06"]})
    result = event_study(long_panel(values, units), treatments)
    assert "DROPPED_NO_PRE" in result.codes and result.diagnostics["dropped"] == ["P00"]
    assert result.effect is not None and result.status == "warn"


def test_two_campaigns_for_one_unit_is_a_data_error():
    values = factor_panel()
    units = [f"P{i:02d}" for i in range(len(values))]
    treatments = pd.DataFrame({"unit": ["P01", "P01"], "start": ["2021-05", "2022-05"],
                               "end": [None, None]})
    with pytest.raises(DataError, match="more than one campaign"):
        event_study(long_panel(values, units), treatments)


# --- bad panels ----------------------------------------------------------------------------

@pytest.fixture
def panel12():
    values = factor_panel()
    return long_panel(values, [f"P{i:02d}" for i in range(len(values))])


def test_unbalanced_panel_names_the_unit(panel12):
    broken = panel12.drop(index=panel12.index[(panel12["province"] == "P03")][5])
    with pytest.raises(DataError, match="unbalanced.*P03 lacks 2020-06"):
        synthetic_control(broken, "P00", ("2022-05", "2022-06"))


@pytest.mark.parametrize("design", ["sc", "sdid", "es"])
def test_a_province_with_gaps_is_named_by_every_design(panel12, design):
    gaps = ["2021-03", "2021-04", "2021-07"]
    broken = panel12[~((panel12["province"] == "P03") & panel12["month"].isin(gaps))]
    calls = {
        "sc": lambda: synthetic_control(broken, "P00", ("2022-05", "2022-06")),
        "sdid": lambda: synthetic_did(broken, "P00", ("2022-05", "2022-06")),
        "es": lambda: event_study(broken, pd.DataFrame({"unit": ["P00"], "start": ["2022-05"],
                                                        "end": [None]})),
    }
    with pytest.raises(DataError, match="unbalanced.*P03 lacks 2021-03, 2021-04, 2021-07"):
        calls[design]()


def test_gap_in_every_unit_is_named(panel12):
    broken = panel12[panel12["month"] != "2021-03"]
    with pytest.raises(DataError, match="gaps.*2021-03"):
        event_study(broken, pd.DataFrame({"unit": ["P00"], "start": ["2022-05"], "end": [None]}))


def test_duplicates_missing_values_and_log_of_zero(panel12):
    with pytest.raises(DataError, match="more than once"):
        synthetic_did(pd.concat([panel12, panel12.head(1)]), "P00", ("2022-05", "2022-06"))
    zero = panel12.copy()
    zero.loc[3, "new_participants"] = 0
    with pytest.raises(InvalidValueError, match="rows? 5.*positive"):
        synthetic_control(zero, "P00", ("2022-05", "2022-06"))
    with pytest.raises(MissingColumnError, match="no column 'month'"):
        synthetic_control(panel12.rename(columns={"month": "thang"}), "P00", ("2022-05", None))


def test_parameters_are_checked(panel12):
    with pytest.raises(ParameterError, match="not in the panel"):
        synthetic_control(panel12, "Nowhere", ("2022-05", "2022-06"))
    with pytest.raises(ParameterError, match="outside the panel"):
        synthetic_control(panel12, "P00", ("2030-05", "2030-06"))
    with pytest.raises(ParameterError, match="scale"):
        synthetic_did(panel12, "P00", ("2022-05", "2022-06"), scale="ratio")
    with pytest.raises(ParameterError, match="control"):
        event_study(panel12, pd.DataFrame({"unit": [], "start": [], "end": []}), control="all")


def test_design_effect_reads_the_log_scale():
    effect = DesignEffect.from_log(np.log(1.2), np.log(1.1), np.log(1.3), 0.01, "log")
    assert effect.scale == "ratio" and effect.estimate == pytest.approx(1.2)
    assert effect.log_estimate == pytest.approx(np.log(1.2)) and effect.covers(1.15)
    level = DesignEffect.from_log(-2.0, -3.0, -1.0, 0.2, "level")
    assert level.scale == "difference" and not level.covers(0)


def test_donor_placebos_are_shared_between_units_with_the_same_donors_and_window(monkeypatch):
    """Within `sharing_placebos`, two provinces with the same campaign window and donor pool
    share the donors' placebo fits (synthetic control's space placebos, synthetic DiD's
    placebo estimates): made once, and every estimate, interval, p-value and placebo array
    equals what each design computes alone; another window computes its own."""
    import dataclasses

    from helpers.effects import synth, synth_core

    values = factor_panel(n_units=12, seed=4, noise=0.03)
    units = [f"P{i}" for i in range(12)]
    panel = long_panel(values, units)
    donors, window = units[2:], ("2022-06", "2022-07")
    designs = (synthetic_control, synthetic_did)
    alone = {u: [d(panel, u, window, donors=donors) for d in designs] for u in units[:2]}
    space, sdid = [], []
    space_fn, sdid_fn = synth._space_placebos, synth_core.sdid_fit
    monkeypatch.setattr(synth, "_space_placebos",
                        lambda *a, **k: (space.append(1), space_fn(*a, **k))[1])
    monkeypatch.setattr(synth_core, "sdid_fit",
                        lambda *a, **k: (sdid.append(1), sdid_fn(*a, **k))[1])
    kept: dict = {}
    with synth_core.sharing_placebos(kept):
        together = {u: [d(panel, u, window, donors=donors) for d in designs]
                    for u in units[:2]}
    assert len(space) == 1 and len(sdid) == len(donors) and len(kept) == 2
    for unit in units[:2]:
        for shown, own in zip(together[unit], alone[unit], strict=True):
            assert dataclasses.astuple(shown.effect) == dataclasses.astuple(own.effect)
            for key in ("placebo_ratios", "placebo_estimates"):
                if key in own.diagnostics:
                    assert np.array_equal(shown.diagnostics[key], own.diagnostics[key])
    with synth_core.sharing_placebos(kept):
        later = synthetic_control(panel, units[0], ("2022-09", "2022-10"), donors=donors)
    assert len(space) == 2 and len(kept) == 3
    assert later.effect == synthetic_control(panel, units[0], ("2022-09", "2022-10"),
                                             donors=donors).effect
