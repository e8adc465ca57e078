"""Plain language first, method second: the methods appendix and the wording it took over."""

from __future__ import annotations

from datetime import date

from helpers import narrative
from helpers.narrative.methods import GLOSSARY, methods
from helpers.narrative.words import province_unit
from helpers.report.methods import extraction_accuracy
from helpers.report.view import province_kind


def test_the_error_rate_is_read_from_the_extractor_evaluation(tmp_path):
    notes = tmp_path / "README_extract.md"
    notes.write_text("All 10 held-out articles, first runs: 8 of 10 predicted matched 11 gold\n"
                     "(P = 0.800, R = 0.727). Later:\nAll 12 held-out articles, first runs: 9 "
                     "of 10 predicted matched 12 gold (P = 0.900,\nR = 0.750).\n",
                     encoding="utf-8")
    accuracy = extraction_accuracy(notes)
    assert accuracy == {"n_articles": 12, "matched": 9, "predicted": 10, "gold": 12,
                        "precision": 0.9, "recall": 0.75}
    assert extraction_accuracy(tmp_path / "missing.md") is None
    # The real notes give a figure; the appendix writes it in the report language.
    assert extraction_accuracy() is not None
    paragraphs = dict(methods(has_press=True, has_panel=False, simulated=False,
                              diagnostics=None, accuracy=accuracy, lang="vi"))
    assert "Thử trên 12 bài báo thật" in paragraphs["Độ chính xác khi đọc số liệu từ bài báo"]
    assert "90%" in paragraphs["Độ chính xác khi đọc số liệu từ bài báo"]


def test_the_appendix_holds_diagnostics_and_a_plain_sentence_per_term():
    diagnostics = {"n_pre": 36, "n_post": 12, "ljung_box_p": 0.52, "dispersion": 1.23,
                   "method": "negative binomial (NB2, maximum likelihood)"}
    paragraphs = methods(has_press=False, has_panel=True, simulated=True,
                         diagnostics=diagnostics, accuracy=None, lang="en")
    heads = [h for h, _ in paragraphs]
    assert heads[0] == "Evidence tiers" and "Model checks" in heads
    text = dict(paragraphs)
    assert "Ljung-Box p = 0.52" in text["Model checks"]
    for sentence in GLOSSARY["en"].values():
        assert sentence in text["How to read the numbers"]
    assert "Assumptions:" in text["The interrupted time series (ITS) design"]


def test_a_target_already_reached_says_so_instead_of_a_probability():
    target = narrative.Quantity(50_000, end=date(2025, 12, 31))
    reached = narrative.Quantity(52_300, start=date(2024, 6, 1), end=date(2024, 6, 30))
    text = narrative.outlook(target=target, probability=1.0, reached=reached, lang="vi")
    assert "Mục tiêu đã đạt" in text and "52.300" in text and "100%" not in text


def test_a_merged_province_percentage_names_its_base():
    text = narrative.key_figures_monthly(
        "Bắc Ninh", month=date(2024, 12, 1), stock=126.0, stock_year_ago=100.0, new_12=30,
        dropouts_12=4, members=("Bắc Giang", "Bắc Ninh"), lang="vi")
    assert "tăng 26,0% so với 12 tháng trước (tính trên toàn tỉnh sau sáp nhập, gồm Bắc Giang, " \
           "Bắc Ninh)" in text


def test_campaign_section_points_to_the_monthly_estimates_instead_of_denying_them():
    text = narrative.campaigns([], n_events=2, see_monthly=True, lang="en")
    assert "section 8 estimates" in text and "no campaign results" not in text.lower()


def test_cities_are_named_as_cities():
    assert province_unit("Hà Nội", province_kind("Hà Nội"), "vi") == "thành phố Hà Nội"
    assert province_unit("Bắc Giang", province_kind("Bắc Giang"), "vi") == "tỉnh Bắc Giang"
    assert province_unit("TP. Hồ Chí Minh", province_kind("TP. Hồ Chí Minh", "2025"),
                         "en") == "Hồ Chí Minh city"
