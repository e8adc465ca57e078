"""Which place a figure gets, by rules of Vietnamese reporting rather than of one text (issue 9,
branch i9place): a clause that opens on its verb keeps the subject of the clause before; a bare
"huyện" in a quoted official's words is the official's district; "con số này" is the place of
the figure it points back to; a name without its type word must be written as a proper name.
Every sentence here is written for the test, not taken from a fixture; each comes with and
without diacritics."""

from __future__ import annotations

import json

import pandas as pd
import pytest

# One way to run the extractor on a sentence, shared with the language tests (pytest puts
# tests/ on the import path: the folder has no __init__.py).
from test_extract_language import _facts

from helpers.geo import Commune, find_places


def _places(facts: pd.DataFrame) -> list[tuple]:
    return [(r.value, r.province, r.district, r.commune) for r in facts.itertuples()]


def _carried(facts: pd.DataFrame, flag: str = "place_carried") -> list[bool]:
    return [flag in str(r.flags).split(";") for r in facts.itertuples()]


TITLE = "Thái Bình: kết quả phát triển người tham gia BHXH, BHYT năm 2023\n\n"
TITLE_PLAIN = "Thai Binh: ket qua phat trien nguoi tham gia BHXH, BHYT nam 2023\n\n"


@pytest.mark.parametrize(("text", "expected"), [
    # the subject closes its clause ("là huyện X,"), the next clause opens on its verb
    (TITLE + "Năm 2023, tỷ lệ bao phủ BHYT cao nhất là huyện Vũ Thư, đạt 96,1%; thấp nhất là "
     "huyện Kiến Xương, mới đạt 88,4%.",
     [(96.1, "Thái Bình", "Vũ Thư", ""), (88.4, "Thái Bình", "Kiến Xương", "")]),
    (TITLE_PLAIN + "Nam 2023, ty le bao phu BHYT cao nhat la huyen Vu Thu, dat 96,1%; thap nhat "
     "la huyen Kien Xuong, moi dat 88,4%.",
     [(96.1, "Thái Bình", "Vũ Thư", ""), (88.4, "Thái Bình", "Kiến Xương", "")]),
    (TITLE + "Địa phương dẫn đầu về BHXH tự nguyện là huyện Quỳnh Phụ, hiện có 1.520 người "
     "tham gia.",
     [(1520, "Thái Bình", "Quỳnh Phụ", "")]),
    (TITLE_PLAIN + "Dia phuong dan dau ve BHXH tu nguyen la huyen Quynh Phu, hien co 1.520 nguoi "
     "tham gia.",
     [(1520, "Thái Bình", "Quỳnh Phụ", "")]),
])
def test_a_clause_without_subject_keeps_the_place_of_the_clause_before(tmp_path, text,
                                                                       expected):
    facts = _facts(tmp_path, text)
    assert _places(facts) == expected
    assert _carried(facts)[-1]


NATIONAL = ("Cả nước có hơn 92 triệu người tham gia BHYT\n\n"
            "Theo BHXH Việt Nam, đến hết tháng 6/2024, cả nước có 92,1 triệu người tham gia "
            "BHYT, đạt 93,2% dân số. ")


@pytest.mark.parametrize("listing", [
    "Trong đó, các tỉnh dẫn đầu là: Nam Định với 1.700.000 người, đạt 101,3% kế hoạch; "
    "Thái Bình là 1.750.000 người, đạt 100,8% kế hoạch; Hưng Yên là 1.190.000 người, đạt "
    "100,5% kế hoạch.",
    "Trong do, cac tinh dan dau la: Nam Dinh voi 1.700.000 nguoi, dat 101,3% ke hoach; "
    "Thai Binh la 1.750.000 nguoi, dat 100,8% ke hoach; Hung Yen la 1.190.000 nguoi, dat "
    "100,5% ke hoach.",
])
def test_a_national_list_gives_each_rate_to_the_province_that_opens_its_clause(tmp_path,
                                                                              listing):
    facts = _facts(tmp_path, NATIONAL + listing, province=None)
    rates = facts[facts["indicator"] == "attainment_pct"]
    owner = {101.3: "Nam Định", 100.8: "Thái Bình", 100.5: "Hưng Yên"}
    # (the first item's rate, after "là:", is not read as attainment: an indicator question)
    assert {100.8, 100.5} <= set(rates["value"])
    assert all(owner[r.value] == r.province for r in rates.itertuples())


@pytest.mark.parametrize("text", [
    # several places before the comma: one figure for all of them is not one district's
    TITLE + "Năm 2023, các huyện Vũ Thư, Kiến Xương và Đông Hưng, đạt trên 95% dân số tham "
    "gia BHYT.",
    TITLE_PLAIN + "Nam 2023, cac huyen Vu Thu, Kien Xuong va Dong Hung, dat tren 95% dan so "
    "tham gia BHYT.",
    # the clause after the comma has a subject of its own
    TITLE + "Năm 2023, huyện Vũ Thư có 1.200 người tham gia BHXH tự nguyện; tỷ lệ bao phủ BHYT "
    "của tỉnh đạt 95,2%.",
])
def test_a_clause_with_its_own_subject_or_after_a_list_is_not_carried(tmp_path, text):
    facts = _facts(tmp_path, text)
    last = facts.iloc[-1]
    assert (last["province"], last["district"]) == ("Thái Bình", "")
    assert not _carried(facts)[-1]


@pytest.mark.parametrize("text", [
    TITLE + "Ông Trần Văn Nam, Giám đốc BHXH huyện Vũ Thư cho biết: “Riêng BHXH tự nguyện, "
    "năm 2023 huyện có hơn 2.150 người tham gia”.",
    TITLE + "Bà Lê Thị Hoa - Phó Giám đốc BHXH huyện Vũ Thư chia sẻ: \"Đến hết năm 2023, huyện "
    "đã có 2.150 người tham gia BHXH tự nguyện\".",
    TITLE_PLAIN + "Ong Tran Van Nam, Giam doc BHXH huyen Vu Thu cho biet: \"Rieng BHXH tu "
    "nguyen, nam 2023 huyen co hon 2.150 nguoi tham gia\".",
])
def test_a_bare_huyen_in_an_officials_words_is_the_officials_district(tmp_path, text):
    facts = _facts(tmp_path, text)
    assert _places(facts) == [(2150, "Thái Bình", "Vũ Thư", "")]
    assert _carried(facts) == [True]


@pytest.mark.parametrize("text", [
    TITLE + "Năm 2023, tỷ lệ tham gia BHYT của huyện Vũ Thư đạt 96%, nhưng đến tháng 3/2024 "
    "con số này giảm xuống còn 93%.",
    TITLE_PLAIN + "Nam 2023, ty le tham gia BHYT cua huyen Vu Thu dat 96%, nhung den thang "
    "3/2024 con so nay giam xuong con 93%.",
])
def test_con_so_nay_keeps_the_place_of_the_figure_it_points_back_to(tmp_path, text):
    facts = _facts(tmp_path, text)
    assert _places(facts) == [(96, "Thái Bình", "Vũ Thư", ""), (93, "Thái Bình", "Vũ Thư", "")]
    assert _carried(facts) == [False, True]


@pytest.mark.parametrize(("text", "found"), [
    # a common phrase after a colon is capitalised on its first syllable only
    ("Ban Chỉ đạo tỉnh Sơn La: Quyết tâm, hiệu quả từ tham mưu đến hành động", []),
    ("Ban Chi dao tinh Son La: Quyet tam, hieu qua tu tham muu den hanh dong", []),
    # written as a name, or with its type word, it is the commune
    ("Quyết Tâm có 1.200 người tham gia BHYT", ["Quyết Tâm"]),
    ("Quyet Tam co 1.200 nguoi tham gia BHYT", ["Quyết Tâm"]),
    ("tại xã quyết tâm có 1.200 người", ["Quyết Tâm"]),
])
def test_a_name_without_its_type_word_must_be_written_as_a_name(text, found):
    # (the province's own name, "tỉnh Sơn La", is also the town's: not a commune)
    assert [u.name for _, _, u in find_places(text, "Sơn La") if isinstance(u, Commune)] == found


def test_a_headline_phrase_is_not_the_articles_commune(tmp_path):
    text = ("Ban Chỉ đạo tỉnh Sơn La: Quyết tâm, hiệu quả từ tham mưu đến hành động\n\n"
            "Năm 2023, phát triển mới 2.156 người tham gia BHXH tự nguyện.")
    facts = _facts(tmp_path, text, province="Sơn La")
    assert set(zip(facts["district"], facts["commune"], strict=True)) == {("", "")}


@pytest.mark.parametrize("text", [
    TITLE + "Xã Song Lãng, huyện Vũ Thư đang phấn đấu đạt chuẩn nông thôn mới nâng cao. Tuy "
    "nhiên, theo ông Nguyễn Văn Bình - Chủ tịch UBND xã - tỷ lệ bao phủ BHYT hiện chỉ hơn 93%.",
    TITLE_PLAIN + "Xa Song Lang, huyen Vu Thu dang phan dau dat chuan nong thon moi nang cao. "
    "Tuy nhien, theo ong Nguyen Van Binh, Chu tich UBND xa, ty le bao phu BHYT hien chi hon "
    "93%.",
])
def test_an_official_of_the_bare_xa_speaks_for_the_commune_named_before(tmp_path, text):
    assert _places(_facts(tmp_path, text)) == [(93, "Thái Bình", "Vũ Thư", "Song Lãng")]


@pytest.mark.parametrize(("text", "expected"), [
    # a district's review under a headline without a place: the headline repeats its figure
    ("Hơn 95% người dân tham gia bảo hiểm y tế\n\n"
     "Huyện Vũ Thư vừa tổng kết công tác BHYT năm 2023. Hiện tỷ lệ người dân tham gia bảo "
     "hiểm y tế trên địa bàn huyện đạt hơn 95%.",
     ("Vũ Thư", "Vũ Thư")),
    ("Hon 95% nguoi dan tham gia bao hiem y te\n\n"
     "Huyen Vu Thu vua tong ket cong tac BHYT nam 2023. Hien ty le nguoi dan tham gia bao "
     "hiem y te tren dia ban huyen dat hon 95%.",
     ("Vũ Thư", "Vũ Thư")),
    # the province's own figure repeats it too: the headline stays the province's
    ("Hơn 95% người dân tham gia bảo hiểm y tế\n\n"
     "Năm 2023, toàn tỉnh có hơn 95% người dân tham gia bảo hiểm y tế. Huyện Vũ Thư cũng có "
     "hơn 95% người dân tham gia bảo hiểm y tế.",
     ("", "", "Vũ Thư")),
])
def test_a_headline_figure_takes_the_place_of_the_body_figure_it_repeats(tmp_path, text,
                                                                        expected):
    facts = _facts(tmp_path, text)
    assert tuple(facts["district"]) == expected
    assert _carried(facts)[0] == bool(expected[0])


@pytest.mark.parametrize(("text", "expected"), [
    (TITLE + "Năm 2023, các huyện Vũ Thư, Kiến Xương và Đông Hưng, đều đạt trên 95% dân số "
     "tham gia BHYT.",
     [(95, "Vũ Thư", ""), (95, "Kiến Xương", ""), (95, "Đông Hưng", "")]),
    (TITLE_PLAIN + "Nam 2023, cac huyen Vu Thu, Kien Xuong va Dong Hung deu dat tren 95% dan so "
     "tham gia BHYT.",
     [(95, "Vũ Thư", ""), (95, "Kiến Xương", ""), (95, "Đông Hưng", "")]),
    (TITLE + "Thấp nhất là xã Song Lãng và Vũ Hội, huyện Vũ Thư đạt tỷ lệ dân số tham gia BHYT "
     "tương đương 76%.",
     [(76, "Vũ Thư", "Song Lãng"), (76, "Vũ Thư", "Vũ Hội")]),
    (TITLE + "Huyện Vũ Thư có xã Song Lãng và xã Vũ Hội cùng đạt 98% dân số tham gia BHYT.",
     [(98, "Vũ Thư", "Song Lãng"), (98, "Vũ Thư", "Vũ Hội")]),
])
def test_a_rate_each_place_of_a_list_reaches_is_every_places(tmp_path, text, expected):
    facts = _facts(tmp_path, text)
    assert [(r.value, r.district, r.commune) for r in facts.itertuples()] == expected
    assert all(_carried(facts, "place_each_listed"))


@pytest.mark.parametrize("text", [
    # "mới" (only just) folds like "mỗi" (each): not a list's shared rate
    TITLE + "Huyện Vũ Thư và huyện Kiến Xương mới đạt 80% dân số tham gia BHYT.",
    TITLE_PLAIN + "Huyen Vu Thu va huyen Kien Xuong moi dat 80% dan so tham gia BHYT.",
    # a count for two places is their sum, not each one's
    TITLE + "Huyện Vũ Thư và huyện Kiến Xương đều có thêm 800 người tham gia BHXH tự nguyện.",
])
def test_a_list_without_each_is_not_shared(tmp_path, text):
    assert not any(_carried(_facts(tmp_path, text), "place_each_listed"))


@pytest.mark.parametrize(("text", "district"), [
    ("xã Minh Khai, huyện Vũ Thư", "Vũ Thư"),
    ("xã Minh Khai (huyện Hưng Hà) có 1.200 người", "Hưng Hà"),
    ("Xa Minh Khai, huyen Vu Thu", "Vũ Thư"),
])
def test_a_commune_name_of_several_districts_takes_the_district_named_after_it(text,
                                                                              district):
    communes = [u for _, _, u in find_places(text, "Thái Bình") if isinstance(u, Commune)]
    assert [(u.name, u.district) for u in communes] == [("Minh Khai", district)]
    # alone, the name is not placed in any of them
    assert not [u for _, _, u in find_places("xã Minh Khai", "Thái Bình")]


def test_explain_gives_the_reason_for_each_place_decision(tmp_path):
    from helpers.extract.explain import explain_article
    (tmp_path / "a.txt").write_text(
        TITLE + "Năm 2023, tỷ lệ bao phủ BHYT cao nhất là huyện Vũ Thư, đạt 96,1%. Các xã Song "
        "Lãng và Vũ Hội, huyện Vũ Thư đều đạt 98% dân số tham gia BHYT.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"article_id": "a", "province": "Thái Bình", "publication_date": "2024-03-05"}),
        encoding="utf-8")
    text = explain_article(tmp_path / "a.txt")
    assert "96,1% -> a-001" in text and "Vũ Thư" in text
    assert "place: taken from an earlier clause" in text
    assert text.count("98% -> ") == 2  # one line per place of the list
    assert "place: the rate of each place of the list" in text


@pytest.mark.parametrize(("text", "district", "commune"), [
    (TITLE + "Riêng huyện Kiến Xương, số người tham gia BHXH tự nguyện là 2.800 người.",
     "Kiến Xương", ""),
    (TITLE_PLAIN + "Rieng huyen Kien Xuong, so nguoi tham gia BHXH tu nguyen la 2.800 nguoi.",
     "Kiến Xương", ""),
    (TITLE + "Toàn tỉnh đạt 94% dân số tham gia BHYT; đối với xã Song Lãng, huyện Vũ Thư, số "
     "người tham gia BHXH tự nguyện là 2.800 người.", "Vũ Thư", "Song Lãng"),
    (TITLE + "Còn ở huyện Kiến Xương, số người tham gia BHXH tự nguyện là 2.800 người.",
     "Kiến Xương", ""),
])
def test_a_place_set_up_as_the_topic_frames_what_follows(tmp_path, text, district, commune):
    facts = _facts(tmp_path, text)
    last = facts.iloc[-1]
    assert (last["value"], last["district"], last["commune"]) == (2800, district, commune)
