"""Rules of the r16/r17 round: the present year of an undated article, read from the text
(a base of comparison, a later sentence that names it), and the readings that follow from it.
Each test uses sentences written for it, not a batch's."""

from __future__ import annotations

from datetime import date

import pandas as pd
from conftest import facts_of as _facts


def _end(facts: pd.DataFrame, value: float) -> date | None:
    rows = facts[(facts["value"] - value).abs() <= 1e-6 * abs(value)]
    assert len(rows) >= 1, f"{value} not read"
    end = rows.iloc[0]["period_end"]
    return None if pd.isna(end) else pd.Timestamp(end).date()


def test_an_undated_month_of_this_year_is_the_year_after_a_year_end_base(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nTính đến cuối tháng 4 năm nay, cả nước có 520.000 người tham gia BHXH tự "
        "nguyện, tăng 31.000 người so với tháng trước. Số người tham gia BHXH tự nguyện đã "
        "vượt mức cuối năm 2021."))
    assert _end(facts, 520000) == date(2022, 4, 30)


def test_a_same_period_base_makes_the_present_the_next_year(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nTrong 3 tháng đầu năm, toàn quốc có 91.000 người tham gia BHXH tự nguyện "
        "mới, tăng 9,5% so với cùng kỳ năm 2018."))
    assert _end(facts, 91000).year == 2019


def test_a_year_named_later_for_the_present_dates_the_lead(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nHiện nay, thành phố có 4,1 triệu người tham gia BHYT. Năm 2010, thành phố "
        "mới có 2 triệu người tham gia BHYT.\nĐến hết tháng 9/2023, số người tham gia BHXH "
        "bắt buộc là 1,2 triệu người."), province="Hải Phòng")
    assert _end(facts, 4100000).year == 2023
    assert _end(facts, 2000000).year == 2010


def test_a_plan_year_is_not_the_present(tmp_path):
    # "kế hoạch năm 2025" is the plan's; the undated present is not taken from it, and the
    # base "so với năm 2015" (a whole year, not a year end or the same period) names no present
    facts = _facts(tmp_path, (
        "Tiêu đề\nHiện toàn tỉnh có 35.000 người tham gia BHXH tự nguyện, đạt 80% kế hoạch năm "
        "2025, gấp đôi so với năm 2015."), province="Thái Bình")
    assert _end(facts, 35000) is None or _end(facts, 35000).year != 2016


def test_a_month_after_a_year_end_stock_is_of_the_next_year(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2015, toàn tỉnh có 700.000 người tham gia BHYT. Đến hết năm 2016, con "
        "số này là 812.000 người.\nĐến cuối tháng 4, số người tham gia BHYT tăng lên 845.000 "
        "người, vượt mục tiêu năm 2020 của tỉnh."), province="Nam Định")
    assert _end(facts, 812000) == date(2016, 12, 31)
    assert _end(facts, 845000) == date(2017, 4, 30)


def test_a_month_after_a_whole_year_keeps_that_year(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2016, toàn tỉnh phát triển 9.000 người tham gia BHYT mới. Riêng tháng "
        "4, toàn tỉnh phát triển 1.100 người tham gia BHYT mới."), province="Nam Định")
    assert _end(facts, 1100).year == 2016


def test_a_scheme_word_run_together_by_a_typo_reads_as_written_apart():
    from helpers.extract.schemes import scheme_mentions
    assert [s for _, _, s in scheme_mentions(
        "huyen co 950 nguoi tham gia bhxh tunguyen va 4.100 nguoi tham gia bhxh batbuoc")] \
        == ["voluntary_si", "compulsory_si"]
    assert [s for _, _, s in scheme_mentions("so nguoi tham gia bao hiem thatnghiep")] \
        == ["unemployment_insurance"]


def test_a_support_level_is_not_a_coverage_rate(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2023, tỷ lệ bao phủ BHYT của tỉnh đạt 93,1% dân số; HĐND tỉnh nâng mức "
        "hỗ trợ đóng BHYT cho người cao tuổi từ 50% lên 100%, cho học sinh từ 30% lên 70%."),
        published="2024-01-10", province="Ninh Thuận")
    assert sorted(facts["value"]) == [93.1]


def test_a_share_of_the_people_that_says_something_else_is_not_coverage(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2023, toàn huyện có 120.500 người tham gia BHYT, đạt 94,2% dân số. Khoảng "
        "96% người dân hài lòng với dịch vụ khám chữa bệnh BHYT; 85% dân số được quản lý sức "
        "khỏe bằng hồ sơ điện tử."), published="2024-01-10", province="Ninh Thuận")
    assert sorted(facts["value"]) == [94.2, 120500]
    assert set(facts["indicator"]) == {"participants", "coverage_pct"}


def test_a_count_larger_than_any_province_is_the_countrys(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2019, tỉnh có 1.150.000 người tham gia BHYT. Cũng năm 2019, khoảng 85 "
        "triệu người tham gia BHYT, chiếm 90% dân số."), published="2020-01-05",
        province="Thanh Hóa")
    by_value = facts.set_index("value")
    assert by_value.loc[1150000, "province"] == "Thanh Hóa"
    assert by_value.loc[85000000, "province"] == ""
    assert by_value.loc[90, "province"] == ""
    assert "scope_by_size" in by_value.loc[85000000, "flags"]


def test_a_commune_the_article_introduces_is_the_bare_communes_place(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐồng Tâm là xã miền núi, cách trung tâm huyện Lạc Thủy khoảng 20 km.\nNăm "
        "2022, xã có 4.950 người tham gia BHYT."), published="2023-03-01", province="Hòa Bình")
    row = facts.set_index("value").loc[4950]
    assert (row["district"], row["commune"]) == ("Lạc Thủy", "Đồng Tâm")


def _schemes(sentence: str) -> list[tuple[float, str | None]]:
    from helpers.extract.figures import read_figures
    from helpers.extract.reading import fold_aligned
    return [(f.value, f.scheme) for f in read_figures(sentence, fold_aligned(sentence), None, [])]


def test_tuong_ung_before_the_figures_pairs_them_with_the_counts_in_order():
    assert _schemes(
        "Toàn tỉnh có 210.000 người tham gia BHXH và 180.000 người tham gia BHTN, tương ứng "
        "31% và 27% lực lượng lao động.") == [
        (210000, "social_insurance"), (180000, "unemployment_insurance"),
        (31, "social_insurance"), (27, "unemployment_insurance")]


def test_a_scheme_named_after_a_semicolon_belongs_to_the_next_part():
    assert _schemes(
        "Số người tham gia BHXH tự nguyện và BHYT lần lượt là 40.000 người và 1,1 triệu người; "
        "tỷ lệ bao phủ BHYT đạt 93% dân số.") == [
        (40000, "voluntary_si"), (1100000, "health_insurance"), (93, "health_insurance")]


def test_a_count_of_occupational_accident_insurance_named_after_it_is_not_recorded():
    values = [v for v, _ in _schemes(
        "Cả nước có 16,2 triệu người tham gia BHXH bắt buộc và 15,9 triệu người tham gia bảo "
        "hiểm tai nạn lao động, bệnh nghề nghiệp.")]
    assert values == [16200000]


def test_a_clause_opening_on_hien_after_a_comma_is_as_of_publication(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nHuyện tổ chức hội nghị triển khai nhiệm vụ những tháng cuối năm 2023.\nTheo "
        "báo cáo, hiện tỷ lệ bao phủ BHYT của huyện Tuy An đạt 93,5% dân số. Có 3.100 người "
        "tham gia BHXH bắt buộc."), published="2023-09-20", province="Phú Yên")
    assert _end(facts, 93.5) == date(2023, 9, 20)
    assert _end(facts, 3100) == date(2023, 9, 20)
