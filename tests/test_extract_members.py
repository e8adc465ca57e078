"""Who a figure counts and what whole a rate is of: members named as workers ("số người lao
động tham gia BHTN"), rates of the workers as a whole ("tổng số người lao động"), people not
covered after a bracketed aside, and insurance outside the contract's schemes. Every sentence
here is written for the test, not taken from a fixture."""

from __future__ import annotations

import pytest

from helpers.extract.figures import read_figures
from helpers.extract.reading import fold_aligned


def figures(sentence: str) -> list[tuple]:
    return [(f.value, f.indicator, f.is_target, f.scheme)
            for f in read_figures(sentence, fold_aligned(sentence))]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Số người lao động tham gia BHTN của tỉnh là 212.400 người.",
     [(212_400, "participants", False, "unemployment_insurance")]),
    ("Số lao động tham gia BHXH bắt buộc đạt 96.300 người.",
     [(96_300, "participants", False, "compulsory_si")]),
])
def test_members_named_as_workers_are_members(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Số người tham gia BHTN là 310.000 người, chiếm 41% tổng số người lao động.",
     [(310_000, "participants", False, "unemployment_insurance"),
      (41, "coverage_pct", False, "unemployment_insurance")]),
    # a share of one sector's workers is not the coverage of the workers as a whole
    ("Ở các hợp tác xã mới có 900 người tham gia BHXH, chỉ chiếm 3,5% tổng số lao động các "
     "hợp tác xã này.", [(900, "participants", False, "social_insurance")]),
])
def test_a_rate_of_the_workers_as_a_whole_is_a_coverage(sentence, expected):
    assert figures(sentence) == expected


def test_people_not_covered_after_a_bracketed_aside_are_no_members():
    s = "Hiện toàn tỉnh vẫn còn gần 9% dân số (khoảng 110.000 người) chưa tham gia BHYT."
    assert figures(s) == []
    # the count in the bracket, after a sentence on members, is no member either
    assert read_figures(s, fold_aligned(s), carried="participants") == []
    # an aside that does not say so leaves the rate a coverage
    s = "Tỷ lệ bao phủ BHYT đạt 93% dân số (khoảng 1,1 triệu người) vào cuối năm."
    assert figures(s)[0] == (93, "coverage_pct", False, "health_insurance")


@pytest.mark.parametrize("sentence", [
    "Bộ Tài chính đặt mục tiêu nâng tỷ lệ dân số tham gia bảo hiểm nhân thọ lên 12% vào năm "
    "2027 và 18% vào năm 2030.",
    "Số người mua bảo hiểm thương mại đạt 4,2 triệu người.",
])
def test_commercial_insurance_is_outside_the_schemes(sentence):
    assert figures(sentence) == []


def test_a_scheme_named_after_commercial_insurance_is_read():
    s = "Khác với bảo hiểm nhân thọ, BHXH tự nguyện của huyện có 5.200 người tham gia."
    assert figures(s) == [(5200, "participants", False, "voluntary_si")]


def test_a_rise_from_a_start_dated_in_words_is_two_stocks():
    s = ("Số người tham gia BHXH tự nguyện của tỉnh tăng nhanh, từ 1.050 người khi mới triển khai "
         "năm 2008 lên 21.400 người.")
    read = read_figures(s, fold_aligned(s))
    assert [(f.value, f.indicator, f.scheme) for f in read] == [
        (1050, "participants", "voluntary_si"), (21_400, "participants", "voluntary_si")]
    assert "dated_after" in read[0].flags


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tỷ lệ bao phủ BHYT của tỉnh cuối tháng 9 đạt 92,4%.",
     [(92.4, "coverage_pct", False, "health_insurance")]),
    ("Số người tham gia BHXH tự nguyện trong quý 3 tăng 1.150 người.",
     [(1150, "net_change", False, "voluntary_si")]),
])
def test_a_month_or_quarter_does_not_cut_the_words_of_the_figure_after_it(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Trong 5 năm qua, 312.000 người ở tỉnh đã rời hệ thống BHXH.",
    "Năm 2023, có 48.500 người tham gia BHXH đã chọn rút một lần.",
    "Năm 2022 có 21.000 người rút ra trong khi 15.000 người tham gia mới.",
])
def test_who_left_with_a_lump_sum_are_neither_members_nor_drop_outs(sentence):
    assert all(f[1] not in ("participants", "dropouts") for f in figures(sentence))


def test_who_cannot_go_on_paying_are_drop_outs():
    s = "Năm 2023, khoảng 52.000 người không thể tiếp tục tham gia BHYT hộ gia đình."
    assert figures(s) == [(52_000, "dropouts", False, "household_hi")]


def test_a_clause_opening_on_now_tells_todays_level():
    s = ("Nếu xu hướng này kéo dài sẽ rất đáng lo, bởi hiện nay chỉ có khoảng 210.000 người tham "
         "gia BHXH trong tỉnh.")
    assert figures(s) == [(210_000, "participants", False, "social_insurance")]
    # a goal named after "hiện nay" is still a goal
    s = "Hiện nay, tỉnh phấn đấu đến năm 2026 có 250.000 người tham gia BHXH."
    assert figures(s) == [(250_000, "participants", True, "social_insurance")]


@pytest.mark.parametrize("sentence", [
    "Năm 2023, toàn tỉnh có khoảng 160.000 người từ 60 tuổi trở lên, chiếm 13% dân số.",
    "Huyện hiện có 4.200 người trên 80 tuổi.",
])
def test_people_of_an_age_and_their_share_are_no_members_nor_coverage(sentence):
    assert figures(sentence) == []


def test_members_counted_after_an_age_group_sentence_stay_members():
    s = "Năm 2023, toàn tỉnh có 160.000 người tham gia BHXH, chiếm 28% lực lượng lao động."
    assert [f[1] for f in figures(s)] == ["participants", "coverage_pct"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Đến cuối năm 2023, khoảng 1,2 triệu người, tức 91% dân số, đã tham gia BHYT.",
     [(1_200_000, "participants", False, "health_insurance"),
      (91, "coverage_pct", False, "health_insurance")]),
    ("Đến tháng 6/2024, 350.000 người trong tỉnh, tương đương 38% lực lượng lao động, đã có "
     "thẻ BHXH.", [(350_000, "participants", False, "social_insurance"),
                   (38, "coverage_pct", False, "social_insurance")]),
])
def test_a_count_restated_as_a_rate_takes_the_verb_after_the_apposition(sentence, expected):
    assert figures(sentence) == expected


def test_a_count_restated_as_a_rate_with_no_joining_verb_is_not_read():
    s = "Năm 2023, khoảng 1,2 triệu người, tức 12% dân số vùng, sống ở nông thôn."
    assert "participants" not in [f[1] for f in figures(s)]


@pytest.mark.parametrize("sentence", [
    "Gia đình anh Lò Văn Tâm ở bản Na Hang có 6 người nhưng chỉ hai cháu có thẻ BHYT.",
    "Nhà chị Hoa, người Dao ở xã Thanh Sơn, có 7 người, thuộc hộ cận nghèo.",
])
def test_the_size_of_a_family_is_not_a_count_of_members(sentence):
    assert figures(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Năm 2023, tỉnh có 21.000 người rút ra trong khi chỉ có 15.000 người tham gia mới.",
    "Năm 2023, 21.000 người nhận trợ cấp và chỉ 15.000 người tham gia mới.",
])
def test_the_other_side_of_a_contrast_is_not_the_subject_of_the_figure_after_it(sentence):
    # (no scheme named: the article's context gives it)
    assert [f[:3] for f in figures(sentence) if f[0] == 15_000] == [
        (15_000, "new_participants", False)]
