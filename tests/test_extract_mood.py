"""The mood of a figure's clause (helpers.extract.mood): a plan's frame and an obligation put
the figures after them in the plan; the level a goal verb raises from is today's and a figure
a contrast dates in the past is history, whatever plan words stand before them. Every
sentence here is written for the test, not taken from a fixture."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers.extract import extract_articles
from helpers.extract.figures import read_figures
from helpers.extract.mood import PAST, PLAN, PRESENT, clause_mood
from helpers.extract.reading import fold_aligned


def targets(sentence: str) -> list[tuple[float, str, bool]]:
    return [(f.value, f.indicator, f.is_target)
            for f in read_figures(sentence, fold_aligned(sentence))]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a sentence that opens on the plan it reports: each figure after it, across ';'
    ("Theo kế hoạch, đến năm 2026 toàn tỉnh có khoảng 1,1 triệu người tham gia BHYT, tỷ lệ bao "
     "phủ trên 92%; năm 2027 là 1,15 triệu người.",
     [(1_100_000, "participants", True), (92, "coverage_pct", True),
      (1_150_000, "participants", True)]),
    ("Theo lộ trình, năm 2027 số người tham gia BHXH tự nguyện của huyện đạt 4.200 người.",
     [(4200, "participants", True)]),
    # a plan document with a year to reach
    ("Theo nghị quyết của Tỉnh ủy, đến năm 2030 toàn tỉnh bảo đảm 98% dân số tham gia BHYT.",
     [(98, "coverage_pct", True)]),
    # an obligation: "phải đạt", "phải bảo đảm", and the path that follows it
    ("Tỷ lệ bao phủ BHYT của thành phố phải đạt 93,5% trong năm nay, nâng lên 94,2% vào năm sau.",
     [(93.5, "coverage_pct", True), (94.2, "coverage_pct", True)]),
    ("Thị xã phải bảo đảm 40% lực lượng lao động tham gia BHXH vào năm 2028.",
     [(40, "coverage_pct", True)]),
])
def test_a_plan_frame_or_an_obligation_makes_goals(sentence, expected):
    assert targets(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # the plan reports what has been reached: results
    ("Theo kế hoạch, đến nay huyện đã có 3.150 người tham gia BHXH tự nguyện.",
     [(3150, "participants", False)]),
    # a plan document reporting who was covered, with no year to reach nor obligation
    ("Theo quyết định của UBND tỉnh, có 2.400 người tham gia BHYT được hỗ trợ thêm.", []),
    # "phải" of something suffered is not an obligation to reach a figure
    ("Năm 2023, 1.200 người phải tạm dừng đóng BHXH.", [(1200, "dropouts", False)]),
])
def test_a_plan_frame_does_not_reach_past_a_result(sentence, expected):
    assert targets(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tỉnh sẽ nâng tỷ lệ tham gia BHXH từ mức hiện nay là 21,4% lên 25% vào năm 2027.",
     [(21.4, "coverage_pct", False), (25, "coverage_pct", True)]),
    ("Huyện phấn đấu nâng tỷ lệ tham gia BHTN từ 18% hiện nay lên 20%.",
     [(18, "coverage_pct", False), (20, "coverage_pct", True)]),
])
def test_the_level_a_goal_raises_from_is_todays(sentence, expected):
    assert targets(sentence) == expected


def test_a_history_figure_set_against_a_forecast_is_not_a_goal():
    s = ("Dự kiến cuối năm nay tỉnh có 1,3 triệu người tham gia BHYT, trong khi năm 2005 mới "
         "có 410.000 người.")
    assert targets(s) == [(1_300_000, "participants", True), (410_000, "participants", False)]


@pytest.mark.parametrize(("text", "number", "mood"), [
    ("theo muc tieu, nam 2027 dat 95%", "95", PLAN),
    ("nang tu muc hien nay la 30% len 33%", "30", PRESENT),
    ("nang tu muc hien nay la 30% len 33%", "33", None),
    ("trong khi nam 2010 chi co 8.000 nguoi", "8.000", PAST),
    ("theo bao cao, den nam 2023 co 500 nguoi", "500", None),
])
def test_clause_mood(text, number, mood):
    begin = text.index(number)
    assert clause_mood(text, begin, begin + len(number)) == mood


@pytest.mark.parametrize("sentence", [
    "Thành phố phải bảo đảm 91,2% dân số tham gia BHYT vào năm 2026; 92% năm 2027 và 93,5% "
    "năm 2028.",
    "Tỷ lệ bao phủ BHYT của tỉnh phải đạt 91,2% vào năm 2026, 92% vào năm 2027 và 93,5% vào "
    "năm 2028.",
])
def test_each_step_of_a_yearly_path_is_a_rate_of_its_own_year(sentence):
    read = read_figures(sentence, fold_aligned(sentence))
    assert [(f.value, f.indicator, f.is_target) for f in read] == [
        (91.2, "coverage_pct", True), (92, "coverage_pct", True), (93.5, "coverage_pct", True)]
    assert all("dated_after" in f.flags for f in read)


def test_a_bare_rate_after_an_undated_rate_is_not_a_path_step():
    # the first rate has no year after it: "và 15% năm 2023" is not its next step
    assert targets("Tỷ lệ bao phủ BHYT đạt 88%, trong đó trẻ em và 15% năm 2023.") \
        == [(88, "coverage_pct", False)]


def _facts(tmp_path: Path, text: str, published: str | None = "2024-03-05") -> list[tuple]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"article_id": "a", "province": "Nam Định", "publication_date": published}),
        encoding="utf-8")
    return [(r.value, bool(r.is_target),
             None if pd.isna(r.period_end) else pd.Timestamp(r.period_end).date())
            for r in extract_articles(tmp_path).facts.itertuples()]


def test_what_the_results_reached_include_is_a_level_as_of_the_article(tmp_path):
    text = ("Tin BHXH\n\nGiám đốc BHXH tỉnh nêu những kết quả ngành đạt được trong những năm "
            "qua, nổi bật là nâng tỷ lệ bao phủ BHYT lên 93% dân số.\n")
    [(value, goal, end)] = _facts(tmp_path, text)
    assert (value, goal) == (93, False) and end <= date(2024, 3, 5)


def test_a_result_never_runs_past_the_article(tmp_path):
    # "những năm qua" read in April names the year whose end lies ahead: what the results
    # include is still a level reached, as of the article's day, not a goal for December
    text = ("Tin BHXH\n\nÔng A thông tin với khách về những kết quả ngành đạt được trong những "
            "năm qua, nổi bật là nâng tỷ lệ bao phủ BHYT lên 93% dân số.\n")
    assert _facts(tmp_path, text, published="2022-04-21") == [(93, False, date(2022, 4, 21))]


def test_a_goal_named_after_the_results_stays_a_goal(tmp_path):
    text = ("Tin BHXH\n\nTừ những kết quả đạt được, tỉnh phấn đấu nâng tỷ lệ bao phủ BHYT lên "
            "95% dân số vào năm 2025.\n")
    assert _facts(tmp_path, text) == [(95, True, date(2025, 12, 31))]


def _places(tmp_path: Path, text: str) -> list[tuple]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"article_id": "a", "province": None, "publication_date": "2024-03-05"}),
        encoding="utf-8")
    return [(r.province, r.value, bool(r.is_target))
            for r in extract_articles(tmp_path).facts.itertuples()]


def test_a_goal_set_for_a_list_of_provinces_is_each_ones(tmp_path):
    text = ("Tin BHYT cả nước\n\nBộ Y tế yêu cầu tỉnh Hà Giang, tỉnh Lai Châu và tỉnh Điện Biên "
            "phải nâng tỷ lệ bao phủ BHYT lên 95% dân số vào năm 2026.\n")
    assert _places(tmp_path, text) == [
        ("Hà Giang", 95, True), ("Lai Châu", 95, True), ("Điện Biên", 95, True)]


def test_a_result_of_a_list_of_provinces_is_not_shared_out(tmp_path):
    text = ("Tin BHYT cả nước\n\nNăm 2023, tỉnh Hà Giang, tỉnh Lai Châu và tỉnh Điện Biên có tỷ "
            "lệ bao phủ BHYT đạt 95% dân số.\n")
    assert len(_places(tmp_path, text)) == 1


def _schemes(tmp_path: Path, text: str) -> list[tuple]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"article_id": "a", "province": "Nam Định", "publication_date": "2024-03-05"}),
        encoding="utf-8")
    return [(r.value, r.scheme) for r in extract_articles(tmp_path).facts.itertuples()]


def test_a_figureless_sentence_on_what_is_covered_sets_the_next_figures_scheme(tmp_path):
    text = ("BHXH tự nguyện tăng mạnh\n\nQua 20 năm, diện bao phủ BHXH của tỉnh không ngừng được "
            "mở rộng.\n\nNăm 2005 mới có 61.000 người tham gia, đến nay đã lên 240.000 người.\n")
    assert _schemes(tmp_path, text) == [(61_000, "social_insurance"),
                                        (240_000, "social_insurance")]


def test_a_goal_named_in_passing_sets_no_scheme(tmp_path):
    text = ("BHXH tự nguyện tăng mạnh\n\nMục tiêu BHYT hộ gia đình cũng chưa đạt.\n\nNăm 2023 "
            "tỉnh có 61.000 người tham gia BHXH tự nguyện, tăng 8.000 người.\n")
    assert {s for _, s in _schemes(tmp_path, text)} == {"voluntary_si"}


def test_this_year_of_an_undated_article_is_unknown_not_the_next_year_named(tmp_path):
    # (an undated article that names one year only is of that year: two years here)
    text = ("Tin BHYT\n\nTỷ lệ bao phủ BHYT của tỉnh phải đạt 93,1% trong năm nay, nâng lên 94% "
            "vào năm 2027 và 95% vào năm 2028.\n")
    assert _facts(tmp_path, text, published=None) == [
        (93.1, True, None), (94, True, date(2027, 12, 31)), (95, True, date(2028, 12, 31))]


def test_the_day_of_the_report_dates_the_next_paragraph_too(tmp_path):
    text = ("Tin BHXH\n\nTheo báo Nam Định ngày 5/3, số người tham gia BHYT của tỉnh đạt 1,7 triệu "
            "người.\n\nSố người tham gia BHXH tự nguyện là 52.000 người.\n")
    assert [end for _, _, end in _facts(tmp_path, text)] == [date(2024, 3, 5)] * 2
