"""The report's "compared with other provinces" section, its sentences, and the simulator's
common shocks."""

from __future__ import annotations

import json

import pytest

from helpers.effects.comparative_notes import comparative_note
from helpers.narrative import comparative
from helpers.report import comparison as compare
from helpers.report.data import load_report_data
from helpers.report.demo import build_demo
from helpers.report.params import validate_parameters
from helpers.report.tables import Section
from helpers.simulate import simulate_panel

PROVINCES = ["Hà Nội", "Hải Phòng", "Nam Định", "Thái Bình", "Ninh Bình", "Hà Nam", "Hưng Yên",
             "Bắc Ninh", "Vĩnh Phúc", "Phú Thọ", "Thái Nguyên", "Bắc Giang"]


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, seed=2, provinces=PROVINCES)
    return folder


def _data(folder, province, lang="en"):
    return load_report_data(validate_parameters(province, "legacy", lang, str(folder), None, None))


def test_section_sets_the_designs_beside_each_other(demo_folder):
    marker = json.loads((demo_folder / "SIMULATED.json").read_text())
    province = next(iter(marker["true_effects"]["provincial_campaigns"]))
    for lang in ("en", "vi"):
        section = compare.comparison(_data(demo_folder, province, lang), lang)
        assert section.key == "comparison" and section.status == "ok"
        assert section.title == comparative.TITLE[lang]
        assert len(section.table) == 4 and section.data["n_units"] == len(PROVINCES)
        assert section.table.columns[0] == comparative.TABLE_HEAD[lang][0]
        study = section.data["event_study"]
        assert study.effect is not None and study.diagnostics["n_units"] == len(PROVINCES)
    # Without an ITS result the sentence says there is nothing to set them against.
    assert "no ITS estimate" in compare.comparison(_data(demo_folder, province), "en").text


def test_event_study_is_computed_once_per_batch(demo_folder, monkeypatch):
    import helpers.effects
    from helpers.report import shared

    calls = []
    original = helpers.effects.event_study

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(helpers.effects, "event_study", counted)
    shared.clear()
    marker = json.loads((demo_folder / "SIMULATED.json").read_text())
    first, second = list(marker["true_effects"]["provincial_campaigns"])[:2]
    one = compare.comparison(_data(demo_folder, first), "en")
    two = compare.comparison(_data(demo_folder, second, "vi"), "vi")
    assert one.data["event_study"] is two.data["event_study"]
    # One event study for the batch, kept in the batch's shared cache.
    assert len(calls) == 1
    assert any(name.startswith("comparison-") for name, _ in shared._CACHE)


def test_designs_pivot_the_batch_panel_once_and_estimate_the_same(demo_folder, monkeypatch):
    """Synthetic control and synthetic DiD of every report reuse one pivot of the batch's
    province panel; their estimates, intervals, weights and notes equal those of designs
    that pivot the panel themselves, and the shared pivot cannot be written to."""
    import dataclasses

    import numpy as np

    from helpers.effects import panel as panels
    from helpers.effects import synthetic_control, synthetic_did
    from helpers.report import shared

    pivots = []
    original = panels._wide_panel

    def counted(*args, **kwargs):
        pivots.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(panels, "_wide_panel", counted)
    shared.clear()
    marker = json.loads((demo_folder / "SIMULATED.json").read_text())
    units = list(marker["true_effects"]["provincial_campaigns"])[:2]
    sections = [compare.comparison(_data(demo_folder, unit), "en") for unit in units]
    batch = compare.batch_comparison(_data(demo_folder, units[0]))
    assert len(pivots) == 1 + (batch.event_study is not None)  # the event study's own pivot
    (wp,) = batch.pivots.values()
    assert not wp.values.flags.writeable and not wp.raw.flags.writeable
    for unit, section in zip(units, sections, strict=True):
        window = section.data["window"]
        donors = compare._donors(batch, unit, *window)
        for name, design in (("synthetic_control", synthetic_control),
                             ("synthetic_did", synthetic_did)):
            alone = design(batch.panel.copy(), unit, window, donors=donors)
            shown = section.data["designs"][name]
            assert shown.effect is not None
            assert dataclasses.astuple(shown.effect) == dataclasses.astuple(alone.effect)
            assert np.array_equal(np.asarray(shown.weights), np.asarray(alone.weights))
            assert [str(w) for w in shown.warnings] == [str(w) for w in alone.warnings]


def test_donor_pools_come_from_the_batch_units_read_once(demo_folder):
    """The batch's units are read from its panel once (kept with the batch, not re-read for
    every report's donor pool); each pool is every unit without a campaign in the window and
    its lead-in, as read from the panel itself."""
    batch = compare.batch_comparison(_data(demo_folder, PROVINCES[0]))
    assert batch.units is batch.units and batch.units == set(batch.panel["province"])
    for _, row in batch.windows.iterrows():
        busy = batch.windows[(batch.windows["end"] >= row["start"] - compare.LEAD_IN_MONTHS)
                             & (batch.windows["start"] <= row["end"])]
        expected = sorted(set(batch.panel["province"]) - set(busy["unit"]) - {row["unit"]})
        assert compare._donors(batch, row["unit"], row["start"], row["end"]) == expected


def test_fewer_than_ten_provinces_leave_the_section_out(tmp_path):
    build_demo(tmp_path, seed=2, provinces=PROVINCES[:4])
    assert compare.comparison(_data(tmp_path, PROVINCES[0]), "en") is None


def test_agreement_sentence_follows_the_intervals():
    agree = comparative.comparison_agreement(
        1.25, {"synthetic_control": (1.2, 1.05, 1.4), "synthetic_did": None}, "en")
    assert "agree:" in agree and "+25%" in agree and "+20% (+5% to +40%)" in agree
    differ = comparative.comparison_agreement(1.85, {"synthetic_control": (1.59, 1.46, 1.73)},
                                              "vi")
    assert "không thống nhất" in differ and "+85%" in differ and "cú sốc chung" in differ
    nothing = comparative.comparison_agreement(1.2, {"synthetic_control": None}, "en")
    assert nothing.startswith("No comparative design")


def test_notes_carry_codes_numbers_and_vietnamese_formats():
    note = comparative_note("POOR_PRE_FIT", share=0.137, limit=0.1)
    assert note.code == "POOR_PRE_FIT" and note.params == {"share": 0.137, "limit": 0.1}
    assert "13.7%" in note and "13,7%" in note.vi
    refused = comparative.refused("synthetic_did", [note], "vi")
    assert refused.startswith("DiD tổng hợp: không ước lượng") and "13,7%" in refused
    pretrend = comparative_note("PRETREND", p=0.0123)
    said = comparative.caveats("event_study", [pretrend], "en")
    assert said.startswith("Event study, caveats:") and "p = 0.012" in said
    assert "p = 0,012" in comparative.caveats("event_study", [pretrend], "vi")
    assert comparative.caveats("event_study", [], "en") == ""


def test_refused_section_says_why(demo_folder, monkeypatch):
    from helpers.errors import DataError

    def broken(data):
        raise DataError("the panel is unbalanced.")

    monkeypatch.setattr(compare, "batch_comparison", broken)
    section = compare.comparison(_data(demo_folder, PROVINCES[0]), "vi", its=None)
    assert isinstance(section, Section) and section.status == "refuse"
    assert section.text.startswith("Không phân tích được") and "unbalanced" in section.text


def test_common_shocks_hit_every_province_that_month():
    units = [(f"P{i}", "") for i in range(4)]
    kwargs = dict(schemes=("voluntary_si",), never_treated=1.0, national_month=None,
                  dispersion=0.0, seed=1)
    base, _ = simulate_panel(units, **kwargs)
    shocked, truth = simulate_panel(units, common_shocks={"2021-03": 2.0}, **kwargs)
    month = shocked["month"] == "2021-03"
    ratio = shocked.loc[month, "new_participants"].sum() / base.loc[month, "new_participants"].sum()
    assert ratio == pytest.approx(2.0, rel=0.1)
    other = shocked["month"] == "2021-04"
    calm = shocked.loc[other, "new_participants"].sum() / base.loc[other, "new_participants"].sum()
    assert calm == pytest.approx(1.0, rel=0.1)
    assert set(truth["intervention"]) == {"common_shock_2021-03"}
    with pytest.raises(ValueError, match="positive"):
        simulate_panel(units, common_shocks={"2021-03": 0.0}, **kwargs)
