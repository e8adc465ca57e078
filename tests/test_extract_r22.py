"""Rules of the r22 round (i9r22fix): who are added by "mở rộng thêm" are new members, a
"toàn huyện/xã" figure is the district's or commune's the article is about, and a share of
the people that is their make-up or the uninsured is not coverage. Each test uses sentences
written for it, not a batch's."""

from __future__ import annotations

import pandas as pd
from conftest import fact_row as _row
from conftest import facts_of as _facts


def _absent(facts: pd.DataFrame, value: float) -> bool:
    return facts.empty or not ((facts["value"] - value).abs() <= 1e-6 * abs(value)).any()


# 1. Who are added ("mở rộng thêm") are new members, each item of the list.

def test_a_list_of_members_to_add_is_of_new_members(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nTừ nay đến cuối năm 2024, ngành BHXH tỉnh phấn đấu mở rộng thêm khoảng "
        "12.500 người tham gia BHXH bắt buộc, 3.200 người tham gia BHXH tự nguyện và 41.000 "
        "người tham gia BHYT."), published="2024-09-12", province="Bắc Giang")
    for value, scheme in ((12500, "compulsory_si"), (3200, "voluntary_si"),
                          (41000, "health_insurance")):
        row = _row(facts, value)
        assert (row["indicator"], bool(row["is_target"]), row["scheme"]) == (
            "new_participants", True, scheme)


def test_members_added_in_a_past_year_are_new_members_reached(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2023, huyện đã mở rộng thêm được 2.300 người tham gia BHXH tự "
        "nguyện."), published="2024-03-02", province="Phú Thọ")
    row = _row(facts, 2300)
    assert (row["indicator"], bool(row["is_target"])) == ("new_participants", False)


def test_widening_coverage_is_not_a_cue_of_the_stock_before_it(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐến nay toàn tỉnh có 45.000 người tham gia BHXH tự nguyện, ngành sẽ mở "
        "rộng diện bao phủ trong năm tới."), published="2024-06-20", province="Hà Nam")
    assert _row(facts, 45000)["indicator"] == "participants"


# 2. "toàn huyện / toàn xã" is the district's or commune's the article is about.

def test_whole_district_in_a_quote_is_the_speakers_district(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNgành BHXH tỉnh đẩy mạnh tuyên truyền ở vùng cao.\n\"Đến nay toàn huyện có "
        "hơn 1.900 người tham gia BHXH tự nguyện và hơn 30.000 người có thẻ BHYT\", ông Lò Văn "
        "Tâm, Giám đốc BHXH huyện Mường Lát, cho biết."), published="2024-05-01",
        province="Thanh Hóa")
    for value in (1900, 30000):
        row = _row(facts, value)
        assert (row["province"], row["district"]) == ("Thanh Hóa", "Mường Lát")
        assert "place_carried" in str(row["flags"])


def test_whole_district_after_a_sentence_about_the_district_is_that_district(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nHuyện Mường Lát, tỉnh Thanh Hóa, là huyện vùng cao còn nhiều khó khăn. "
        "\"Đến nay toàn huyện có hơn 1.900 người tham gia BHXH tự nguyện\", ông Lò Văn Tâm, "
        "Giám đốc BHXH huyện Mường Lát, cho biết."), published="2024-05-01",
        province="Thanh Hóa")
    assert _row(facts, 1900)["district"] == "Mường Lát"


def test_whole_commune_after_a_sentence_naming_it_is_that_communes(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nVới sự vào cuộc của cấp ủy, chính quyền, công tác tuyên truyền được đẩy "
        "mạnh.\n\"Năm 2023, toàn xã có 1.240 người tham gia BHXH tự nguyện\", bà Lê Thị Hoa, "
        "Chủ tịch UBND xã Vũ Hội, huyện Vũ Thư, cho biết."), published="2024-05-01",
        province="Thái Bình")
    row = _row(facts, 1240)
    assert (row["district"], row["commune"]) == ("Vũ Thư", "Vũ Hội")


def test_whole_province_beside_a_named_district_stays_the_provinces(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐến nay toàn tỉnh có 45.000 người tham gia BHXH tự nguyện, ông Lò Văn Tâm, "
        "Giám đốc BHXH huyện Mường Lát, cho biết."), published="2024-05-01",
        province="Thanh Hóa")
    district = _row(facts, 45000)["district"]
    assert pd.isna(district) or district == ""


# 3. The make-up of the people, the uninsured and an effort are not coverage nor a ratio.

def test_the_share_of_the_people_that_is_an_ethnic_minority_is_not_coverage(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nHuyện Mường Lát có hơn 80% dân số là đồng bào dân tộc thiểu số nên việc "
        "phát triển người tham gia BHXH tự nguyện, BHYT còn khó khăn."), published="2024-05-01",
        province="Thanh Hóa")
    assert _absent(facts, 80)


def test_the_uninsured_share_with_an_equivalent_count_between_commas_is_not_coverage(
        tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nHiện toàn tỉnh có 88,5% dân số tham gia BHYT. Như vậy vẫn còn hơn 11% dân "
        "số, tương đương hơn 150.000 người, chưa tham gia BHYT."), published="2024-05-01",
        province="Thanh Hóa")
    assert _row(facts, 88.5)["indicator"] == "coverage_pct"
    assert _absent(facts, 11)


def test_a_covered_share_with_an_equivalent_count_between_commas_stays_coverage(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐến hết năm 2023, toàn tỉnh có 91,2% dân số, tương đương 1,3 triệu người, "
        "tham gia BHYT."), published="2024-05-01", province="Thanh Hóa")
    assert _row(facts, 91.2)["indicator"] == "coverage_pct"


def test_an_effort_twice_as_hard_is_not_a_ratio(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNhà trường đang nỗ lực gấp đôi để mọi học sinh đều có thẻ BHYT."),
        published="2024-05-01", province="Thanh Hóa")
    assert _absent(facts, 2)


def test_members_that_doubled_are_still_a_ratio(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2023, số người tham gia BHXH tự nguyện của tỉnh tăng gấp đôi so với "
        "năm 2022."), published="2024-05-01", province="Thanh Hóa")
    assert _row(facts, 2)["indicator"] == "growth_ratio"
