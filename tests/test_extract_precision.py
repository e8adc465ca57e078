"""Rules of the i9r18fix round: readings that recur across batches as wrong facts
(README_extract.md, "Precision across batches"). Each case is a sentence written for it, not
a batch's: the figure that must not become a fact, and next to it a control still read."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.extract import extract_articles
from helpers.extract.explain import explain_article


def _facts(tmp_path: Path, text: str, province: str | None = "Thái Bình") -> pd.DataFrame:
    (tmp_path / "a.txt").write_text("Tiêu đề\n" + text, encoding="utf-8")
    meta = {"article_id": "a", "publication_date": "2024-03-15", "province": province}
    (tmp_path / "a.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return extract_articles(tmp_path).facts


def _read(facts: pd.DataFrame, value: float, indicator: str | None = None) -> bool:
    rows = facts[(facts["value"] - value).abs() <= 1e-6 * abs(value)]
    if indicator is not None:
        rows = rows[rows["indicator"] == indicator]
    return len(rows) > 0


# (sentence, value that must not be read, value that must still be read or None)
NOT_READ = {
    # a multiple of a goal, an average, money or benefit receivers is not a growth of members
    "multiple of a goal": ("Năm 2023, toàn tỉnh có 21.400 người tham gia BHXH tự nguyện, cao gấp "
                           "3,2 lần mục tiêu đề ra cho năm 2025.", 3.2, 21400),
    "multiple of the country's average": ("Tỷ lệ bao phủ BHXH tự nguyện của huyện đạt 9,6% lực "
                                          "lượng lao động, gấp 1,7 lần bình quân cả nước.", 1.7,
                                          9.6),
    "multiple of money": ("Tổng chi trả các chế độ BHXH năm 2022 đạt 1.250 tỷ đồng, gấp 2,3 lần "
                          "năm 2015.", 2.3, None),
    "multiple of receivers": ("Số người hưởng trợ cấp thất nghiệp trong quý I gấp 1,9 lần cùng "
                              "kỳ năm trước, số người tham gia BHTN là 300.000 người.", 1.9,
                              300000),
    # shares that say something else of the people, a band of places, groups as the subject
    "satisfied": ("Năm 2023, tỷ lệ bao phủ BHYT đạt 93,4% dân số; tỷ lệ người bệnh hài lòng với "
                  "dịch vụ khám chữa bệnh BHYT đạt 91,5%.", 91.5, 93.4),
    "make-up of the population": ("Khoảng 62% dân số của tỉnh là người dân tộc thiểu số, tỷ lệ "
                                  "tham gia BHYT cao.", 62, None),
    "band of named places": ("Ba huyện Kiến Xương, Vũ Thư và Đông Hưng có tỷ lệ bao phủ BHYT đạt "
                             "99%.", 99, None),
    "groups as the subject": ("Các nhóm được ngân sách hỗ trợ mức đóng, gồm hộ cận nghèo, học "
                              "sinh, sinh viên, cũng có tỷ lệ tham gia BHYT gần 100%.", 100, None),
    # a change that follows a figure of something else is that figure's
    "change of news items": ("Trong 6 tháng đầu năm, BHXH tỉnh đã đăng tải hơn 1.200 tin, bài "
                             "tuyên truyền, tăng 15,4% so với cùng kỳ.", 15.4, None),
    "change of employers": ("Toàn tỉnh có 3.450 doanh nghiệp đang đóng BHXH cho người lao động, "
                            "tăng 6,2% so với năm trước.", 6.2, None),
    "change of leavers": ("Số người rời hệ thống BHXH tăng bình quân 8% mỗi năm.", 8, None),
    # people other than members, the pool of a rate, a group given cards
    "job finders": ("Theo BHXH tỉnh, năm 2023 có khoảng 41.000 người tìm được việc làm mới, tăng "
                    "9% so với năm 2022.", 41000, None),
    "job finders' change": ("Theo BHXH tỉnh, năm 2023 có khoảng 41.000 người tìm được việc làm "
                            "mới, tăng 9% so với năm 2022.", 9, None),
    "health staff": ("Tỉnh hiện có 3.120 người làm công tác y tế, trong khi số người tham gia "
                     "BHYT là 1,6 triệu người.", 3120, 1600000),
    "followers": ("Trang thông tin của BHXH tỉnh đã thu hút hơn 25.000 người theo dõi.", 25000,
                  None),
    "the whole of a share": ("Toàn tỉnh có khoảng 48.000 người tham gia BHXH tự nguyện, chiếm "
                             "7,1% trong tổng số 676.000 lao động tự do.", 676000, 48000),
    "informal workers": ("Toàn tỉnh có 36.000 người tham gia BHXH tự nguyện, trong khi có hơn "
                         "820.000 lao động khu vực phi chính thức.", 820000, 36000),
    "strikers": ("Trong quý, xảy ra 3 vụ ngừng việc tập thể với 1.240 lao động tham gia BHXH.",
                 1240, None),
    "the poor given cards": ("Năm 2022, có 215.000 người nghèo được cấp thẻ BHYT miễn phí.",
                             215000, None),
    # visits used and care paid for are not people reached
    "care paid for": ("Năm 2023, quỹ BHYT đã thanh toán chi phí khám, chữa bệnh BHYT cho hơn 2,1 "
                      "triệu lượt người.", 2100000, None),
    "visits to a doctor": ("Mỗi năm có khoảng 1,5 triệu lượt người đi khám, chữa bệnh bằng thẻ "
                           "BHYT tại tỉnh.", 1500000, None),
    "uses of an app": ("Đã có 350.000 lượt người dùng ứng dụng VssID thay cho thẻ BHYT giấy.",
                       350000, None),
    # upper bounds are not figures
    "fewer than": ("Số người tham gia BHXH tự nguyện ở một số xã vùng cao chưa đến 50 người.",
                   50, None),
    "below a rate": ("Tỷ lệ tham gia BHXH tự nguyện của tỉnh vẫn dưới 5%, còn rất thấp.", 5,
                     None),
    "not above": ("Ở nhiều thôn, tỷ lệ bao phủ BHYT không quá 70% dân số.", 70, None),
    # what a rate moved by is not its level
    "rate fell by": ("Năm 2022, tỷ lệ tham gia BHYT của huyện giảm 4,2% so với năm 2021.", 4.2,
                     None),
    "rate rose by": ("Tỷ lệ bao phủ BHYT toàn tỉnh tăng 1,5% so với cuối năm trước, lên 92,1% "
                     "dân số.", 1.5, 92.1),
    # inspections and meetings are not outreach; the state budget is money
    "inspections": ("Trong năm, ngành đã tiến hành 45 cuộc thanh tra, kiểm tra việc đóng BHXH.",
                    45, None),
    "meetings": ("BHXH tỉnh tổ chức 12 cuộc họp với các sở, ngành về thu BHXH.", 12, None),
    "state budget": ("Năm 2023, thu ngân sách của tỉnh cao hơn 2,3% so với dự toán và số người "
                     "tham gia BHXH tự nguyện tiếp tục tăng.", 102.3, None),
}


@pytest.mark.parametrize("case", sorted(NOT_READ))
def test_a_figure_of_something_else_is_not_read(tmp_path, case):
    sentence, value, control = NOT_READ[case]
    facts = _facts(tmp_path, sentence)
    assert not _read(facts, value), facts[["indicator", "value", "quote"]].to_string()
    if control is not None:
        assert _read(facts, control), f"{control} not read: {facts.to_string()}"


# The controls of the rules: the same words around figures of members still read.
READ = {
    "a growth against an earlier year": ("Số người tham gia BHXH tự nguyện năm 2022 của tỉnh là "
                                         "18.000 người, gấp 4,5 lần so với năm 2015.", 4.5,
                                         "growth_ratio"),
    "a growth after members": ("Toàn tỉnh có 52.300 người tham gia BHXH tự nguyện, tăng 12,4% so "
                               "với cùng kỳ.", 12.4, "growth_pct"),
    "coverage": ("Tỷ lệ bao phủ BHYT toàn tỉnh đạt 93,2% dân số.", 93.2, "coverage_pct"),
    "outreach visits": ("BHXH huyện đã tuyên truyền trực tiếp cho 4.500 lượt người.", 4500,
                        "people_reached"),
    "outreach conferences": ("BHXH huyện tổ chức 8 hội nghị tuyên truyền về BHXH tự nguyện.", 8,
                             "events"),
    "free workers who joined": ("Hơn 7.300 lao động tự do đã tham gia BHXH tự nguyện.", 7300,
                                "participants"),
    "a group's drop-outs": ("So với cuối năm trước, số người tham gia BHYT giảm 30.000 người cận "
                            "nghèo.", -30000, "net_change"),
}


@pytest.mark.parametrize("case", sorted(READ))
def test_figures_of_members_are_still_read(tmp_path, case):
    sentence, value, indicator = READ[case]
    facts = _facts(tmp_path, sentence)
    assert _read(facts, value, indicator), facts[["indicator", "value", "quote"]].to_string()


def test_explain_says_why_each_is_left_out(tmp_path):
    text = ("Tiêu đề\nNăm 2023, có khoảng 41.000 người tìm được việc làm mới, tăng 9% so với năm "
            "2022. Số người tham gia BHXH tự nguyện đạt 21.400 người, cao gấp 3,2 lần mục tiêu. "
            "Số người tham gia ở một số xã chưa đến 50 người. Tỷ lệ người dân hài lòng đạt 91,5%.")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    out = explain_article(tmp_path / "a.txt")
    assert "41.000 x not recorded: people who are not members" in out
    assert "9% x not recorded: the change of the figure before it" in out
    assert "3,2 x not recorded: a multiple of another quantity" in out
    assert "50 x not recorded: an upper bound" in out
    assert "91,5% x not recorded: a share that says something else" in out
