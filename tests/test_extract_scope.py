"""Rules of issue 9 on short sentences: national scope and provinces as printed, list readers,
comparisons, targets and subsets, periods against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.extract.figures import read_figures
from helpers.extract.periods import find_mentions
from helpers.extract.places import PlaceScanner, Scope, article_province, in_2025
from helpers.extract.reading import fold_aligned
from helpers.extract.scope import is_national, national_markers, province_mentions


def figures(sentence: str) -> list[tuple]:
    return [(f.value, f.indicator, f.is_target, f.scheme, f.qualifier)
            for f in read_figures(sentence, fold_aligned(sentence))]


@pytest.mark.parametrize(("text", "names"), [
    ("Bà Rịa – Vũng Tàu (1.623), TP.HCM (1.221), TP HCM, Tp. Hồ Chí Minh",
     ["Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"]),
    ("tỉnh thừa thiên huế và Thành phố Hồ Chí Minh", ["Thừa Thiên Huế", "TP. Hồ Chí Minh"]),
    # Words that fold like names, and a person, are not provinces.
    ("Dịch Covid-19 diễn biến phức tạp; Đoàn TNCS Hồ Chí Minh ra quân", []),
])
def test_provinces_are_read_as_printed(text, names):
    assert [n for _, _, n in province_mentions(text, fold_aligned(text))] == names


@pytest.mark.parametrize(("text", "national"), [
    ("cả nước có 16,08 triệu người", True),
    ("63 tỉnh, thành phố đã tổ chức lễ ra quân", True),
    ("Việt Nam có 85,39 triệu người tham gia BHYT", True),
    ("hội nghị trực tuyến toàn quốc về công tác thu", False),
    ("Đại hội đại biểu toàn quốc lần thứ XIII", False),
])
def test_national_scope(text, national):
    assert is_national(fold_aligned(text)) is national


def test_a_summary_that_lists_provinces_is_national():
    text = ("BHXH Việt Nam cho biết cả nước có 1,1 triệu người tham gia. Nghệ An (tăng 9.499 "
            "người), Thái Bình (tăng 4.547 người).")
    assert national_markers(fold_aligned(text)) == 2
    assert article_province("Nhiều địa phương tăng mạnh", text) == ""
    # "kế hoạch BHXH Việt Nam giao" is a plan, not the national voice.
    assert national_markers(fold_aligned("đạt 102% kế hoạch BHXH Việt Nam giao")) == 0


def _scopes(sentence: str, default: Scope, previous: Scope | None = None) -> list[Scope]:
    folded = fold_aligned(sentence)
    found = read_figures(sentence, folded)
    scanner = PlaceScanner(sentence, folded, default, previous)
    return [scanner.scope_at(f.start, f.window_start) for f in found]


def test_a_list_of_provinces_with_figures_in_brackets():
    sentence = ("Dẫn đầu là Thanh Hóa (2.238 người), Tiền Giang (1.623), TP Hồ Chí Minh "
                "(1.221) tham gia mới.")
    folded = fold_aligned(sentence)
    values = [f.value for f in read_figures(sentence, folded, "new_participants")]
    assert values == [2238, 1623, 1221]
    scanner = PlaceScanner(sentence, folded, Scope(""))
    assert [scanner.scope_at(f.start, f.window_start).province for f in read_figures(
        sentence, folded, "new_participants")] == ["Thanh Hóa", "Tiền Giang", "TP. Hồ Chí Minh"]


def test_one_figure_for_several_provinces_is_the_level_above():
    sentence = "Một số địa phương như Phú Thọ, Vũng Tàu, Điện Biên… đã tổ chức 23 cuộc ra quân."
    assert _scopes(sentence, Scope("")) == [Scope("")]


def test_a_bare_district_refers_back():
    previous = Scope("Nghệ An", "Nam Đàn")
    assert _scopes("Năm 2021, toàn huyện có 5.977 người tham gia BHXH tự nguyện.",
                   Scope("Nghệ An"), previous) == [previous]
    # "các huyện" is not one district
    assert _scopes("Các huyện có 5.977 người tham gia BHXH tự nguyện.",
                   Scope("Nghệ An"), previous) == [Scope("Nghệ An")]


def test_a_2025_scope_keeps_the_former_province_only_when_whole():
    assert in_2025(Scope("Nghệ An")) == Scope("Nghệ An", "", "", "Nghệ An")
    assert in_2025(Scope("Đồng Nai")) == Scope("", "", "", "Đồng Nai")  # merged with Bình Phước
    assert in_2025(Scope("Bình Phước")) == Scope("Bình Phước", "", "", "Đồng Nai")
    assert in_2025(Scope("")) == Scope("")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Toàn tỉnh có 25.300 người tham gia BHXH tự nguyện, nhiều hơn 2.806 người so với cùng kỳ.",
     [(25300, "participants", False, "voluntary_si", "exact"),
      (2806, "net_change", False, "voluntary_si", "exact")]),
    ("Con số này giảm 76,7 nghìn người so với cuối năm 2020.",
     [(-76700, "net_change", False, None, "exact")]),
    ("Năm 2024, với yêu cầu phát triển thêm 688 người tham gia BHXH tự nguyện.",
     [(688, "new_participants", True, "voluntary_si", "exact")]),
    ("Có 230.000 người tham gia BHXH, trong đó khối bắt buộc chiếm 199.511 người.",
     [(230000, "participants", False, "social_insurance", "exact"),
      (199511, "participants", False, "compulsory_si", "exact")]),
    ("Năm địa phương có từ 1.000 đến hơn 2.000 người tham gia, 17 tỉnh từ 500 người trở lên.",
     []),
    ("Tổng thu đạt 472,3 nghìn tỷ đồng (19,24 tỷ USD), tăng 8,55%, đạt 101,41% kế hoạch.", []),
    ("Cả nước còn khoảng 17 triệu người thuộc diện tiềm năng tham gia BHXH.", []),
    ("Trong đó, BHXH bắt buộc có 14,96 triệu người tham gia, đạt 93,8% kế hoạch.",
     [(14960000, "participants", False, "compulsory_si", "exact"),
      (93.8, "attainment_pct", False, "compulsory_si", "exact")]),
])
def test_roles_of_comparisons_targets_and_subsets(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "published", "end", "start"), [
    ("Năm qua, toàn tỉnh có 1.200 người tham gia.", date(2024, 1, 17), date(2023, 12, 31),
     date(2023, 1, 1)),
    ("Năm ngoái, toàn tỉnh có 1.200 người tham gia.", date(2020, 5, 20), date(2019, 12, 31),
     date(2019, 1, 1)),
    ("Trong 4 tháng đầu năm nay, 1.200 người tham gia.", date(2020, 5, 20), date(2020, 4, 30),
     date(2020, 1, 1)),
    ("Trong hơn một tháng qua, 79 người tham gia.", date(2023, 3, 30), date(2023, 3, 30),
     date(2023, 3, 1)),
    ("Hội nghị ngày 7/12 cho biết có 1.200 người.", date(2023, 1, 4), date(2022, 12, 7),
     date(2022, 12, 7)),
])
def test_periods_against_the_publication_date(sentence, published, end, start):
    mentions = find_mentions(fold_aligned(sentence), sentence, publication=published,
                             year_hint=published.year)
    assert (mentions[0].period.start, mentions[0].period.end) == (start, end)


def test_two_peak_windows_are_not_two_years():
    sentence = "Chỉ tính riêng trong 2 tháng cao điểm của năm 2022 và 2023, có 9.937 người."
    period = find_mentions(fold_aligned(sentence), sentence, publication=None,
                           year_hint=None)[0].period
    assert (period.start, period.end) == (date(2022, 1, 1), date(2023, 12, 31))
    assert "separate_windows" in period.flags
