"""The report's sections computed in-process: the numbers, the evidence and the escaping."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.report import key_figures, run_analysis, validate_parameters
from helpers.report.data import load_report_data
from helpers.report.demo import build_demo
from helpers.report.view import header_html, section_html

FIXTURE = Path(__file__).parent / "fixtures" / "report"


@pytest.fixture(scope="module")
def bac_giang_vi():
    return run_analysis(validate_parameters("Bắc Giang", data_dir=FIXTURE))


@pytest.fixture(scope="module")
def with_panel(tmp_path_factory):
    """Fixture facts plus a simulated monthly panel for Bắc Giang's districts."""
    folder = tmp_path_factory.mktemp("panel")
    build_demo(folder, seed=1, provinces=["Bắc Giang"])  # seed 1 gives Bắc Giang a campaign
    shutil.copy(FIXTURE / "facts.csv", folder / "facts.csv")
    return folder


def test_key_figures_show_the_peak_campaign_against_plan(bac_giang_vi):
    section = bac_giang_vi["key_figures"]
    numbers = section.data["Bắc Giang"]
    assert numbers["campaign_new"] == 7555
    assert numbers["campaign_plan"] == 5800
    assert numbers["attainment_pct"] == pytest.approx(130.26)
    assert numbers["participants"] == 51241
    assert "7.555 người so với kế hoạch 5.800 người, đạt 130,26% kế hoạch" in section.text
    assert "51.241" in section.text and "cuối năm 2022" in section.text
    # Quotes are shown once, in the sources section, with the figures used highlighted.
    assert not "".join(section.table["Trích dẫn"])
    sources = bac_giang_vi["evidence"].html
    assert "năm 2022 số người tham gia BHXH tự nguyện đã tăng lên <mark>41.098</mark>" in sources
    assert "toàn tỉnh đã có <mark>918</mark> người giảm" in sources
    assert sources.count("toàn tỉnh đã có <mark>918</mark> người giảm") == 1


def test_key_figures_come_from_the_indicators(bac_giang_vi):
    from helpers.indicators import attainment, growth, stock_series

    facts = load_report_data(validate_parameters("Bắc Giang", data_dir=FIXTURE)).facts
    numbers = bac_giang_vi["key_figures"].data["Bắc Giang"]
    att = attainment(facts, province="Bắc Giang")
    assert numbers["attainment_computed_pct"] == pytest.approx(att.computed_pct)
    assert numbers["attainment_pct"] == att.reported_pct
    stocks = stock_series(facts, province="Bắc Giang", conflicts="last_stated")
    assert numbers["growth_pct"] == pytest.approx(growth(stocks.tail(2)).pct)
    assert numbers["growth_pct"] == pytest.approx(100 * (51241 - 41098) / 41098)


def test_campaign_results_come_from_attainment_and_campaign_yoy(bac_giang_vi):
    results = bac_giang_vi["campaigns"].data["results"]
    peak = [r for r in results if r["achieved"].value == 7555][0]
    assert peak["change"] == 2355 and peak["plan"].value == 5800


def test_districts_rank_and_share_of_the_province_total(bac_giang_vi):
    section = bac_giang_vi["districts"]
    assert [r["name"] for r in section.data["ranking"]][:2] == ["Hiệp Hòa", "Việt Yên"]
    assert section.data["total"].value == 7555
    assert "68,6%" in section.text
    assert list(section.table["Tỷ trọng"])[0] == "18,19%"


def test_retention_matches_the_same_period(bac_giang_vi):
    text = bac_giang_vi["retention"].text
    assert "7.555 người tham gia mới và 918 người giảm, tăng ròng 6.637 người" in text
    assert "3.456 người giảm" in text


def test_undated_target_refuses_projection_with_reason(bac_giang_vi):
    section = bac_giang_vi["outlook"]
    assert section.status == "refuse"
    assert "không có thời hạn đọc được" in section.text
    assert "51.241" in section.text


def test_evidence_lists_every_figure_used_with_flags(bac_giang_vi):
    evidence = bac_giang_vi["evidence"]
    skip = ("evidence", "not_used")
    used = {i for key, s in bac_giang_vi.items() if key not in skip for i in s.fact_ids}
    assert set(evidence.fact_ids) == used
    # Each quote's data-quality flags are shown with it, in the sources section.
    assert "⚠ năm trong bài không hợp lệ" in evidence.html


def test_quotes_are_html_escaped():
    sections = run_analysis(validate_parameters("Phú Yên", data_dir=FIXTURE))
    html = section_html(sections["evidence"])
    assert "&lt;b&gt;(test)&lt;/b&gt;" in html
    assert "<b>(test)</b>" not in html


def test_english_report_uses_english_numbers():
    sections = run_analysis(validate_parameters("Bắc Giang", lang="en", data_dir=FIXTURE))
    assert "7,555 new members against a plan of 5,800, 130.26% of plan" in (
        sections["key_figures"].text
    )
    assert sections["districts"].table.columns[0] == "District/commune"


def test_province_without_data_is_one_sentence():
    params = validate_parameters("Cà Mau", data_dir=FIXTURE)
    data = load_report_data(params)
    assert data.is_empty
    assert {s.status for s in run_analysis(params).values()} == {"empty"}
    assert "Chưa có số liệu nào về Cà Mau" in header_html(params, empty=True)


def test_monthly_panel_sections_and_simulated_flag(with_panel):
    params = validate_parameters("Bắc Giang", lang="en", data_dir=with_panel)
    sections = run_analysis(params)
    its = sections["its"]
    assert its.status in ("ok", "warn")
    truth = json.loads((with_panel / "SIMULATED.json").read_text())["true_effects"]
    estimate, low, high = its.data["extra"]
    assert low <= estimate <= high
    assert low <= truth["extra_new_voluntary_si"]["Bắc Giang"] <= high
    assert "(simulated)" in its.text and "95% confidence interval" in its.text
    assert its.figure is not None
    assert "According to the monthly data (simulated)" in sections["key_figures"].text
    figures = key_figures(params)
    assert figures["simulated"] is True
    assert figures["campaign_new"] == 7555
    assert figures["monthly_participants"] > 0
    assert "SIMULATED DATA" in header_html(params, simulated=True)


def test_as_of_cuts_later_figures():
    params = validate_parameters("Bắc Giang", data_dir=FIXTURE, as_of="2023-12-31")
    section = run_analysis(params)["key_figures"]
    assert section.data["Bắc Giang"]["campaign_new"] is None
    assert section.data["Bắc Giang"]["participants"] == 51241


def test_monthly_retention_by_year(with_panel):
    params = validate_parameters("Bắc Giang", data_dir=with_panel)
    data = load_report_data(params)
    section = run_analysis(params)["retention"]
    # The fixture's press drop-outs come first; without them the panel gives the yearly table.
    assert section.text.startswith("Theo số liệu báo chí")
    from helpers.report.monthly import monthly_retention

    monthly = monthly_retention(data, "vi")
    last = monthly.data["yearly"][-1]
    panel = data.panel[data.panel["scheme"] == "voluntary_si"]
    year = panel[panel["month"].dt.year == last["year"]]
    assert last["new"] == year["new_participants"].sum()
    assert last["dropouts"] == year["dropouts"].sum()
    assert "(mô phỏng)" in monthly.text and "tăng ròng" in monthly.text


def test_stocks_that_disagree_on_a_date_are_reported(tmp_path):
    facts = pd.read_csv(FIXTURE / "facts.csv", dtype=str, keep_default_na=False)
    # The extractor once dated the pre-directive stock to the end of 2022, like 41.098.
    facts.loc[facts["value"] == "21233", "period_end"] = "2022-12-31"
    facts.to_csv(tmp_path / "facts.csv", index=False)
    section = run_analysis(validate_parameters("Bắc Giang", data_dir=tmp_path))["key_figures"]
    assert "2 số khác nhau (21.233, 41.098)" in section.text
    assert "tăng 10.143 người" in section.text


def test_outlook_falls_back_to_the_national_goal_with_a_panel(with_panel):
    params = validate_parameters("Bắc Giang", lang="en", data_dir=with_panel)
    data = load_report_data(params)
    section = run_analysis(params)["outlook"]
    # The fixture's only participants target is undated, so the provincial target refuses;
    # without any target the national goal applies (checked on the data without facts).
    assert section.status == "refuse"
    from helpers.report.analysis import _national_goal_outlook

    goal = _national_goal_outlook(data, "en")
    labour = data.panel[data.panel["scheme"] == "voluntary_si"]
    latest = labour[labour["month"] == labour["month"].max()]["labour_force"].sum()
    assert goal.data["target"].value == pytest.approx(0.025 * latest)
    assert 0 <= goal.data["probability"] <= 1
    assert "Resolution 28-NQ/TW" in goal.text and goal.figure is not None


def test_a_section_whose_helper_raises_is_refused_not_fatal(with_panel, monkeypatch):
    import helpers.effects
    from helpers.errors import AnalysisRefused
    from helpers.report.analysis import its

    def boom(*args, **kwargs):
        raise AnalysisRefused("the series is constant")

    monkeypatch.setattr(helpers.effects, "interrupted_time_series", boom)
    section = its(load_report_data(validate_parameters("Bắc Giang", data_dir=with_panel)), "en")
    assert section.status == "refuse"
    assert section.text == "Not analysed: the series is constant"


def test_a_vietnamese_report_shows_the_vietnamese_text_of_a_refusal(with_panel, monkeypatch):
    import helpers.effects
    from helpers.effects import ITSResult
    from helpers.notes import Note
    from helpers.report.analysis import its

    note = Note("Too few months before the campaign.", "Quá ít tháng trước đợt vận động.")
    refused = ITSResult({}, None, pd.DataFrame(), "refuse", [note], {})
    monkeypatch.setattr(helpers.effects, "interrupted_time_series", lambda *a, **k: refused)
    data = load_report_data(validate_parameters("Bắc Giang", data_dir=with_panel))
    vi = its(data, "vi")
    assert vi.status == "refuse" and note.vi in vi.text and str(note) not in vi.text
    assert str(note) in its(data, "en").text
