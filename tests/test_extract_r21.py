"""Rules of the r19–r21 round (i9r21fix): a comparison base is not the period, the scheme of
a list of schemes, and the stock of "a/b người". Each test uses sentences written for it, not
a batch's."""

from __future__ import annotations

from datetime import date

import pandas as pd
from conftest import fact_row as _row
from conftest import facts_of as _facts


def _end(facts: pd.DataFrame, value: float) -> date | None:
    end = _row(facts, value)["period_end"]
    return None if pd.isna(end) else pd.Timestamp(end).date()


# 1. A comparison base is not the period.

def test_a_quarter_of_this_year_compared_with_last_years_is_of_the_year_after_the_base(
        tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nGiai đoạn 2016 - 2023, toàn quốc có 5.100.000 người hưởng trợ cấp. "
        "Quý II năm nay, số người tham gia BHYT trên cả nước tăng 3,4% so với cùng kỳ năm "
        "2023. Số người tham gia BHXH tự nguyện tăng 15,2%."))
    assert _end(facts, 3.4) == date(2024, 6, 30)
    assert _end(facts, 15.2) == date(2024, 6, 30)  # the next sentence keeps the quarter


def test_a_quarter_without_year_in_a_dated_article_is_not_of_an_earlier_named_year(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2019, tỉnh mới có 21.000 người tham gia BHXH tự nguyện. "
        "Quý I, số người tham gia BHXH tự nguyện của tỉnh tăng 12,5% so với cùng kỳ năm "
        "2023."), published="2024-05-10", province="Nghệ An")
    assert _end(facts, 21000) == date(2019, 12, 31)
    assert _end(facts, 12.5) == date(2024, 3, 31)


def test_this_year_in_an_undated_article_is_the_year_after_a_same_period_base(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2018, ngành đã tổ chức 120 hội nghị. Năm nay, số người tham gia bảo "
        "hiểm thất nghiệp tăng 6,1% so với cùng kỳ năm 2021."))
    assert _end(facts, 6.1) == date(2022, 12, 31)


# 2. The scheme of a list of schemes, and of a bracket.

def test_figures_after_a_list_of_schemes_ending_on_an_abbreviation_are_of_all_of_them(
        tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐến hết năm 2022, toàn tỉnh có 1.450.000 người tham gia BHYT, BHXH tự "
        "nguyện, bảo hiểm thất nghiệp (BHTN), tăng 41.200 người (tăng 2,9%) so với năm 2021."),
        published="2023-01-12", province="Thanh Hóa")
    assert _row(facts, 41200)["scheme"] == "mixed"
    assert _row(facts, 2.9)["scheme"] == "mixed"


def test_a_change_after_a_bracket_is_of_the_stock_before_the_bracket(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nTính đến hết tháng 5, toàn tỉnh có 215.300 người tham gia BHXH bắt buộc "
        "(trong đó 201.800 người tham gia bảo hiểm thất nghiệp), tăng 2.140 người so với "
        "tháng 4."), published="2021-06-08", province="Bắc Ninh")
    assert _row(facts, 215300)["scheme"] == "compulsory_si"
    assert _row(facts, 201800)["scheme"] == "unemployment_insurance"
    assert _row(facts, 2140)["scheme"] == "compulsory_si"


def test_a_bracket_that_excludes_schemes_leaves_the_one_named_before_it(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐến hết tháng 10, toàn tỉnh có 1.702.000 người tham gia BHYT, đạt tỷ lệ bao "
        "phủ 91,2% dân số. Trong đó, số người chỉ tham gia BHYT (không kể người tham gia BHXH, "
        "BHTN) là 612.400 người, tăng 9.310 người so với tháng 9."), published="2019-11-05",
        province="Nam Định")
    assert _row(facts, 612400)["scheme"] == "health_insurance"
    assert _row(facts, 9310)["scheme"] == "health_insurance"


# 3. "a/b người tham gia BHYT, đạt tỷ lệ X%": a the members, X their coverage, b the population
# (the majority of the real batches' gold: r10 twice, r21; r7's "đạt 80,52% chỉ tiêu" is a plan).

def test_a_fraction_of_people_with_a_rate_is_members_of_a_population_and_their_coverage(
        tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nTính đến ngày 20-9, huyện có 84.310/97.560 người tham gia bảo hiểm y tế, "
        "đạt tỷ lệ 86,42%."), published="2022-09-25", province="Tây Ninh")
    row = _row(facts, 84310)
    assert (row["indicator"], bool(row["is_target"])) == ("participants", False)
    assert _row(facts, 86.42)["indicator"] == "coverage_pct"
    assert not ((facts["value"] - 97560).abs() < 1).any()  # the population is no target


def test_a_fraction_of_people_with_a_rate_of_the_plan_keeps_its_plan(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐến ngày 30/9, xã có 640/800 người tham gia BHXH tự nguyện, đạt 80% chỉ "
        "tiêu được giao."), published="2022-10-04", province="Hậu Giang")
    plan = _row(facts, 800)
    assert (plan["indicator"], bool(plan["is_target"])) == ("participants", True)
    assert _row(facts, 80)["indicator"] == "attainment_pct"


def test_a_fraction_of_people_alone_keeps_its_plan(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐến nay, huyện đã vận động được 1.820/2.500 người tham gia BHXH tự nguyện."),
        published="2023-08-14", province="Bến Tre")
    assert bool(_row(facts, 2500)["is_target"])
    assert not bool(_row(facts, 1820)["is_target"])
