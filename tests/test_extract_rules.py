"""Sentence-level rules of helpers.extract: indicators, targets, schemes, qualifiers, periods,
places and campaigns, each on a short sentence in the style of provincial press articles."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.extract.campaigns import read_campaigns
from helpers.extract.figures import read_figures
from helpers.extract.periods import find_mentions, mention_for
from helpers.extract.places import PlaceScanner, Scope, article_province, headline_scope
from helpers.extract.reading import fold_aligned, split_sentences
from helpers.extract.schemes import combine, scheme_mentions


def figures(sentence: str) -> list[tuple]:
    return [(f.value, f.indicator, f.is_target, f.scheme, f.qualifier)
            for f in read_figures(sentence, fold_aligned(sentence))]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Toàn tỉnh có 7.548 người tham gia BHXH tự nguyện.",
     [(7548, "participants", False, "voluntary_si", "exact")]),
    ("Toàn tỉnh phát triển mới được 7.555 người, vượt 30,26% so với kế hoạch (giao 5.800 "
     "người), tăng 2.355 người so với năm trước.",
     [(7555, "new_participants", False, None, "exact"),
      (130.26, "attainment_pct", False, None, "exact"),
      (5800, "new_participants", True, None, "exact"),
      (2355, "net_change", False, None, "exact")]),
    ("Toàn tỉnh đã có 918 người giảm, tính từ đầu năm là 3.456 người.",
     [(918, "dropouts", False, None, "exact"), (3456, "dropouts", False, None, "exact")]),
    ("Có 4.250 người tham gia BHXH tự nguyện dừng đóng.",
     [(4250, "dropouts", False, "voluntary_si", "exact")]),
    ("Đạt 133,4% kế hoạch.", [(133.4, "attainment_pct", False, None, "exact")]),
    ("Phấn đấu đạt tối thiểu 21,6% lực lượng lao động tham gia BHXH và 95% dân số tham gia BHYT.",
     [(21.6, "coverage_pct", True, "social_insurance", "at_least"),
      (95, "coverage_pct", True, "health_insurance", "exact")]),
    ("Năm 2020 có 7.548 người, tăng gấp hơn hai lần so với năm 2019.",
     [(7548, "participants", False, None, "exact"), (2, "growth_ratio", False, None, "more_than")]),
    ("Tổ chức trên 140 hội nghị, thu hút hơn 3.000 lượt người dân.",
     [(140, "events", False, None, "more_than"), (3000, "people_reached", False, None,
                                                   "more_than")]),
    ("Đã có gần 54 nghìn người tham gia BHXH tự nguyện.",
     [(54000, "participants", False, "voluntary_si", "nearly")]),
    ("Mục tiêu đến năm 2025 có khoảng 51.100 người tham gia BHXH tự nguyện.",
     [(51100, "participants", True, "voluntary_si", "approx")]),
    ("Vận động được 304 người tham gia, trong đó có 205 người tham gia BHXH tự nguyện và 99 "
     "người tham gia BHYT hộ gia đình.",
     [(304, "new_participants", False, "mixed", "exact"),
      (205, "new_participants", False, "voluntary_si", "exact"),
      (99, "new_participants", False, "household_hi", "exact")]),
    ("Tốc độ tăng trưởng BHXH tự nguyện là 30%.",
     [(30, "growth_pct", False, "voluntary_si", "exact")]),
    ("Cả nước có hơn 1,4 triệu người tham gia BHXH tự nguyện.",
     [(1_400_000, "participants", False, "voluntary_si", "more_than")]),
    ("toan tinh co 27.450 nguoi tham gia BHXH tu nguyen, chiem 2,9% luc luong lao dong.",
     [(27450, "participants", False, "voluntary_si", "exact"),
      (2.9, "coverage_pct", False, "voluntary_si", "exact")]),
])
def test_indicators_targets_schemes_and_qualifiers(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Chỉ thị số 08-CT/TU ngày 02/7/2021 của Tỉnh ủy.",
    "Sau hơn 3 năm thực hiện, kéo dài 2 tháng, có 3 thành phần.",
    "Bằng 46,8% so với tổng số người tham gia trước khi ban hành chỉ thị.",
    "Phấn đấu có 100% xã, phường, thị trấn được phổ biến.",
    "Tổ chức tuyên truyền cho hàng trăm lượt người lao động.",
    "Nghị quyết Đại hội Đảng bộ lần thứ XII, nhiệm kỳ 2020-2025.",
    "Mức đóng thấp nhất là 330.000 đồng/tháng, hỗ trợ 2 tỷ đồng.",
    "Chỉ trong 01 ngày ra quân (ngày 23/5/2020).",
])
def test_numbers_outside_the_vocabulary_are_skipped(sentence):
    assert figures(sentence) == []


def test_agency_is_not_a_scheme():
    folded = fold_aligned("BHXH tỉnh đã vận động người tham gia BHXH tự nguyện, BHYT hộ gia đình")
    assert [s for _, _, s in scheme_mentions(folded)] == ["voluntary_si", "household_hi"]
    assert combine(["voluntary_si", "household_hi"]) == "mixed"
    assert combine(["social_insurance", "voluntary_si"]) == "voluntary_si"


def _period_of(sentence: str, token: str, publication=None, year_hint=None):
    folded = fold_aligned(sentence)
    mentions = find_mentions(folded, sentence, publication=publication, year_hint=year_hint)
    found = mention_for(mentions, sentence.index(token))
    return found.period if found else None


def test_periods_ranges_months_days_and_now():
    p = _period_of("Tính từ ngày 01/4-31/5/2024 toàn tỉnh phát triển mới được 7.555 người", "7.555")
    assert (p.start, p.end) == (date(2024, 4, 1), date(2024, 5, 31))
    p = _period_of("kéo dài 2 tháng (tháng 4 và tháng 5/2024)", "2 tháng")
    assert (p.start, p.end) == (date(2024, 4, 1), date(2024, 5, 31))
    p = _period_of("(ngày 23/5/2020), chỉ trong 01 ngày ra quân, đã phát triển được 193", "193")
    assert p.start == p.end == date(2020, 5, 23)
    p = _period_of("Đến nay, tỉnh có gần 54 nghìn người", "54", publication=date(2024, 6, 1))
    assert p.end == date(2024, 6, 1)
    p = _period_of("Trong hơn một tháng qua, phát triển được 79 người", "79",
                   publication=date(2023, 3, 30))
    assert p.end == date(2023, 3, 30)
    p = _period_of("đến hết năm sau, có 9.000 người", "9.000", year_hint=2023)
    assert p.end == date(2024, 12, 31)


def test_comparisons_deadlines_and_document_dates_are_not_periods():
    assert _period_of("tăng 2.355 người so với tháng cao điểm năm 2023", "2.355") is None
    assert _period_of("Chỉ thị số 08-CT/TU ngày 02/7/2021 giao 500 người", "500") is None
    p = _period_of("mục tiêu đến hết năm 20225, có khoảng 51.100 người", "51.100")
    assert p.end is None and "implausible_year" in p.flags


def test_places_from_lists_type_words_and_headlines():
    sentence = "Hiệp Hòa phát triển mới được 1.374 người, Việt Yên 988 người"
    folded = fold_aligned(sentence)
    scanner = PlaceScanner(sentence, folded, Scope("Bắc Giang"))
    assert scanner.scope_at(folded.index("1.374"), 0).district == "Hiệp Hòa"
    assert scanner.scope_at(folded.index("988"), 0).district == "Việt Yên"
    headline = headline_scope("Thị xã Đông Hoà: Phấn đấu đến năm 2025", "Phú Yên")
    assert headline.district == "Đông Hòa"
    assert headline_scope("Bắc Giang: Về đích sớm", "Bắc Giang") == Scope("Bắc Giang")
    assert headline_scope("Xã Diễn Hồng (huyện Diễn Châu) có 412 người", "Nghệ An") == Scope(
        "Nghệ An", "Diễn Châu", "Diễn Hồng")
    assert article_province("Năm 2022: cả nước có hơn 1,4 triệu người", "tỉnh Thanh Hóa") == ""
    assert article_province("Dong Thap: Phat trien moi", "") == "Đồng Tháp"


def test_national_scope_inside_a_provincial_article():
    sentence = "Cả nước có 2,1 triệu người, riêng tỉnh Thanh Hóa có 98.765 người"
    folded = fold_aligned(sentence)
    scanner = PlaceScanner(sentence, folded, Scope("Thanh Hóa"))
    assert scanner.scope_at(sentence.index("2,1"), 0).province == ""
    second = sentence.index("98.765")
    assert scanner.scope_at(second, sentence.index("người")).province == "Thanh Hóa"


def test_campaigns_from_a_sentence():
    sentence = ("Theo Kế hoạch số 81-KH/TU ngày 07/3/2022, Tháng Vận động triển khai BHXH, BHYT "
                "toàn dân năm 2022 và đợt cao điểm từ ngày 01/4-31/5/2022.")
    folded = fold_aligned(sentence)
    mentions = find_mentions(folded, sentence, publication=None, year_hint=None)
    found = {c.kind: c for c in read_campaigns(sentence, folded, mentions)}
    assert found["plan"].name == "Kế hoạch 81-KH/TU" and found["plan"].start == date(2022, 3, 7)
    assert found["campaign_month"].start == date(2022, 5, 1)
    assert (found["peak_campaign"].start, found["peak_campaign"].end) == (
        date(2022, 4, 1), date(2022, 5, 31))


def test_sentences_split_at_capitals_not_abbreviations():
    text = "Năm 2020 có 7.548 người. Tại TP. Hồ Chí Minh có 10 người… Phối hợp tốt./."
    assert split_sentences(text) == [
        "Năm 2020 có 7.548 người.", "Tại TP. Hồ Chí Minh có 10 người…", "Phối hợp tốt./."]


_PIECES = ["Toàn tỉnh có ", "7.548", " người ", "tham gia BHXH tự nguyện", ", ", "; ", ". ",
           "đạt ", "133,4%", " kế hoạch", "(", ")", "ngày 01/4-31/5/2024", "năm 20225", "huyện ",
           "Hiệp Hòa", "trong đó ", "lần lượt ", "gấp hơn hai lần", "giao ", "\n", "cả nước ",
           "hội nghị", "lượt", "1,4 triệu", ":", "và ", "tăng ", "giảm ", "%", "/", "-"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mix_of_article_pieces_reads_without_error(pieces):
    from helpers.extract.article import extract_article
    from helpers.extract.reading import Article

    rows = extract_article(Article("a", "a.txt", "Bắc Giang\n" + "".join(pieces)))
    for fact in rows.facts:
        assert fact["fact_id"].startswith("a-") and fact["quote"]
        assert fact["period_start"] is None or fact["period_end"] is None or (
            fact["period_start"] <= fact["period_end"])


@pytest.mark.parametrize(("sentence", "expected"), [
    # A gap from the plan after a coverage rate is percentage points; alone, it is attainment.
    ("Tỷ lệ bao phủ đạt 91,3% dân số, thấp hơn 1,9% so với chỉ tiêu được giao.",
     [(91.3, "coverage_pct", False, None, "exact")]),
    ("Toàn tỉnh phát triển mới 950 người, thấp hơn 5% so với kế hoạch.",
     [(950, "new_participants", False, None, "exact"),
      (95.0, "attainment_pct", False, None, "exact")]),
    # The count of participants fell: a net change, not drop-outs.
    ("Số người tham gia BHYT giảm 8.410 người.",
     [(-8410, "net_change", False, "health_insurance", "exact")]),
    # "số người tham gia BHYT hộ gia đình" opens the next figure: not the rate's scheme.
    ("Phấn đấu tỷ lệ bao phủ BHYT đạt 96,5% dân số, số người tham gia BHYT hộ gia đình đạt "
     "190.000 người.",
     [(96.5, "coverage_pct", True, "health_insurance", "exact"),
      (190000, "participants", True, "household_hi", "exact")]),
])
def test_gaps_falls_and_the_next_subject(sentence, expected):
    assert figures(sentence) == expected


def test_a_place_list_after_drop_outs_counts_participants():
    sentence = "Huyện Cao Lộc dẫn đầu với 21.430 người tham gia BHYT hộ gia đình."
    found = read_figures(sentence, fold_aligned(sentence), carried="dropouts")
    assert [(f.value, f.indicator) for f in found] == [(21430, "participants")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # "còn X người" after a fall is the stock that remains.
    ("Tổng số người tham gia giảm 275 người, còn 18.604 người.",
     [(-275, "net_change", False, None, "exact"), (18604, "participants", False, None, "exact")]),
    # Calls and messages reach people.
    ("BHXH tỉnh đã gọi điện, nhắn tin đến hơn 6.000 người sắp đến hạn đóng.",
     [(6000, "people_reached", False, None, "more_than")]),
])
def test_remaining_stocks_and_people_contacted(sentence, expected):
    assert figures(sentence) == expected


def test_hien_co_is_as_of_the_publication_date():
    sentence = "Toàn tỉnh hiện có 17.880 người tham gia BHXH tự nguyện."
    found = find_mentions(fold_aligned(sentence), sentence, publication=date(2024, 10, 10),
                          year_hint=2024)
    assert [(m.period.start, m.period.end) for m in found] == [(None, date(2024, 10, 10))]


@pytest.mark.parametrize(("sentence", "scanned"), [
    ("Cơ quan bảo hiểm xã hội đã vận động 300 người tham gia.", False),  # "xã hội", "cơ quan"
    ("Tại xã hòa an có 146 người tham gia.", True),  # type word, lower case
    ("Hòa An có 146 người tham gia.", True),  # capitalised, no type word
    ("Phường 7 có 12 người tham gia.", True),
])
def test_sentences_that_cannot_name_a_place_skip_the_place_scan(sentence, scanned):
    from helpers.extract.places import _may_name_place

    assert _may_name_place(sentence, fold_aligned(sentence), "Hậu Giang") is scanned
    if not scanned:
        assert PlaceScanner(sentence, fold_aligned(sentence), Scope("Hậu Giang")).places == []


@pytest.mark.parametrize("name", ["Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu"])
def test_towns_inside_the_province_name_are_the_province(name):
    # "Bà Rịa" and "Vũng Tàu" are also cities of the province; inside its name they are not.
    sentence = f"Toàn tỉnh {name} đã phát triển mới 1.426 người, thành phố Vũng Tàu 205 người."
    folded = fold_aligned(sentence)
    scanner = PlaceScanner(sentence, folded, Scope("Bà Rịa - Vũng Tàu"))
    assert scanner.scope_at(folded.index("1.426"), 0).district == ""
    assert scanner.scope_at(folded.index("205"), 0).district == "Vũng Tàu"
    assert headline_scope(f"{name}: Kết quả", "Bà Rịa - Vũng Tàu") == Scope("Bà Rịa - Vũng Tàu")


def test_conferences_without_a_scheme_take_the_last_conferences_scheme(tmp_path):
    from helpers.extract import extract_articles

    (tmp_path / "a.txt").write_text(
        "Đắk Nông: Hội nghị khách hàng\n"
        "Tỉnh Đắk Nông tổ chức 152 hội nghị khách hàng về BHXH tự nguyện, BHYT hộ gia đình.\n"
        "Đã có 1.245 người tham gia BHXH tự nguyện và 2.310 người tham gia BHYT hộ gia đình.\n"
        "Huyện Cư Jút tổ chức 21 hội nghị.\n", encoding="utf-8")
    facts = extract_articles(tmp_path).facts
    events = facts[facts.indicator == "events"]
    assert list(zip(events.value, events.scheme, strict=True)) == [(152, "mixed"), (21, "mixed")]


def test_an_undated_target_takes_the_last_dated_target_period(tmp_path):
    from helpers.extract import extract_articles

    (tmp_path / "a.txt").write_text(
        "Lai Châu: Kế hoạch năm 2025\n"
        "Năm 2025 tỉnh Lai Châu phấn đấu có 9.000 người tham gia BHXH tự nguyện.\n"
        "Năm 2024, toàn tỉnh có 7.412 người tham gia BHXH tự nguyện.\n"
        "Huyện Than Uyên được giao chỉ tiêu 1.320 người tham gia BHXH tự nguyện.\n",
        encoding="utf-8")
    facts = extract_articles(tmp_path).facts.set_index("value")
    assert str(facts.loc[7412, "period_end"].date()) == "2024-12-31"
    assert str(facts.loc[1320, "period_end"].date()) == "2025-12-31"
    assert bool(facts.loc[1320, "is_target"])


@pytest.mark.parametrize(("sentence", "carried", "expected"), [
    # A second rate after "với" closing its clause is the rate of the figure before.
    ("Huyện Mèo Vạc có tỷ lệ bao phủ BHYT cao nhất tỉnh với 99,4%, huyện Bắc Quang thấp nhất "
     "với 96,1%.", None, [(99.4, "coverage_pct"), (96.1, "coverage_pct")]),
    # "TP" abbreviates "thành phố": a place list carries the previous sentence's indicator.
    ("Các địa phương có kết quả cao là TP Thủ Đức với 512 người, huyện Bình Chánh 430 người.",
     "new_participants", [(512, "new_participants"), (430, "new_participants")]),
])
def test_lists_of_places_with_rates_and_abbreviated_type_words(sentence, carried, expected):
    found = read_figures(sentence, fold_aligned(sentence), carried)
    assert [(f.value, f.indicator) for f in found] == expected


def test_a_commune_followed_by_its_district_is_the_commune():
    sentence = ("Đến hết tháng 6/2024, xã Diễn Hồng, huyện Diễn Châu có 412 người, "
                "huyện Yên Thành 300.")
    folded = fold_aligned(sentence)
    scanner = PlaceScanner(sentence, folded, Scope("Nghệ An"))
    assert scanner.scope_at(folded.index("412"), 0) == Scope("Nghệ An", "Diễn Châu", "Diễn Hồng")
    assert scanner.scope_at(folded.index("300"), 0) == Scope("Nghệ An", "Yên Thành")


@pytest.mark.parametrize(("sentence", "expected"), [
    # Participants singled out by a support are a part of the stock, not the stock.
    ("Số người tham gia BHXH tự nguyện được ngân sách hỗ trợ mức đóng là 58.900 người.", []),
    ("Tỷ lệ lực lượng lao động trong độ tuổi tham gia BHXH đạt 27,8%.",
     [(27.8, "coverage_pct", False, "social_insurance", "exact")]),
])
def test_supported_participants_and_long_coverage_phrases(sentence, expected):
    assert figures(sentence) == expected


def test_the_year_after_a_multiple_is_a_baseline():
    sentence = "Số người tham gia là 61.250 người, gấp 3,2 lần năm 2018."
    assert find_mentions(fold_aligned(sentence), sentence, publication=date(2024, 3, 5),
                         year_hint=2023) == []


def test_a_bare_district_word_refers_to_the_district_named_before():
    sentence = ("Hiện huyện Lạc Sơn có 12.480 người tham gia BHYT hộ gia đình, tỷ lệ bao phủ BHYT "
                "của huyện đạt 94,3% dân số, toàn tỉnh đạt 93%.")
    folded = fold_aligned(sentence)
    scanner = PlaceScanner(sentence, folded, Scope("Hòa Bình"))
    assert scanner.scope_at(folded.index("94,3"), 0) == Scope("Hòa Bình", "Lạc Sơn")
    assert scanner.scope_at(folded.index("93%"), 0) == Scope("Hòa Bình")
    # A sentence opening on "Hiện" is about the publication date.
    mentions = find_mentions(folded, sentence, publication=date(2024, 3, 6), year_hint=2024)
    assert [m.period.end for m in mentions] == [date(2024, 3, 6)]


def test_people_who_joined_after_the_conferences_are_new():
    sentence = ("Kết quả, có 1.930 người tham gia BHXH tự nguyện và 4.760 người tham gia BHYT hộ "
                "gia đình ngay sau hội nghị.")
    assert [f[:2] for f in figures(sentence)] == [(1930, "new_participants"),
                                                 (4760, "new_participants")]
    assert [f[:2] for f in figures("Toàn tỉnh có 1.930 người tham gia BHXH tự nguyện.")] == [
        (1930, "participants")]


def test_revenue_attainment_and_bracketed_place_figures():
    assert figures("Tổng số thu đạt 6.215 tỷ đồng, đạt 100,8% kế hoạch.") == []
    sentence = "Số người tham gia cao: thị trấn An Bài (215 người), xã Quỳnh Hải (198 người)."
    folded = fold_aligned(sentence)
    scanner = PlaceScanner(sentence, folded, Scope("Thái Bình", "Quỳnh Phụ"))
    assert scanner.scope_at(folded.index("215"), 0).commune == "An Bài"
    assert scanner.scope_at(folded.index("198"), 0).commune == "Quỳnh Hải"


def test_people_not_yet_insured_are_not_a_figure():
    assert figures("Toàn tỉnh vẫn còn khoảng 77.000 người chưa tham gia BHYT.") == []
    assert figures("Toàn tỉnh còn 18.604 người tham gia BHYT.")[0][:2] == (18604, "participants")


def test_double_in_words_is_a_multiple():
    sentence = "Toàn tỉnh có 6.870 người tham gia BHXH tự nguyện, tăng gấp đôi so với năm 2020."
    assert [f[:2] for f in figures(sentence)] == [(6870, "participants"), (2, "growth_ratio")]
    assert figures("Đội tuyên truyền đổi mới cách làm, gấp rút hoàn thành 2 lần kiểm tra.") == []


def test_the_scheme_before_a_comparison_is_not_the_agency():
    assert scheme_mentions(fold_aligned("tham gia BHXH so với lực lượng lao động")) == [
        (9, 13, "social_insurance")]
    assert scheme_mentions(fold_aligned("BHXH Sở Lao động")) == []
