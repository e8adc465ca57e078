"""Periods that come from earlier in the article: a document's date ("trước khi ban hành chỉ
thị"), a campaign defined before ("đợt cao điểm năm 2024"), a change between two stocks, and a
launch day that does not date the next paragraph."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from helpers.extract import extract_articles


def _facts(tmp_path: Path, text: str, published: str = "2024-08-01") -> pd.DataFrame:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        f'{{"article_id": "a", "province": "Bắc Giang", "publication_date": "{published}"}}',
        encoding="utf-8")
    return extract_articles(tmp_path).facts.set_index("value")


def _day(value: object) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def test_before_a_document_is_the_documents_date_and_changes_run_from_it(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nTheo Kế hoạch số 12-KH/UBND ngày 15/3/2022 của UBND tỉnh, toàn tỉnh phấn đấu "
        "phát triển BHXH tự nguyện.\nTrước khi triển khai kế hoạch, toàn tỉnh mới có 10.000 "
        "người tham gia BHXH tự nguyện; năm 2023 số người tham gia đã tăng lên 14.000 người "
        "(tăng 4.000 người); năm 2024 có 15.500 người, tăng 5.500 người so với trước khi ban "
        "hành kế hoạch."))
    assert _day(facts.loc[10000, "period_end"]) == date(2022, 3, 15)
    assert _day(facts.loc[4000, "period_start"]) == date(2022, 3, 15)
    assert _day(facts.loc[4000, "period_end"]) == date(2023, 12, 31)
    assert _day(facts.loc[5500, "period_start"]) == date(2022, 3, 15)
    assert _day(facts.loc[5500, "period_end"]) == date(2024, 12, 31)


def test_a_change_between_year_end_stocks_starts_the_next_day(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nNăm 2022, toàn tỉnh có 8.000 người tham gia BHXH tự nguyện. Năm 2023 có "
        "9.200 người tham gia BHXH tự nguyện, tăng 1.200 người."))
    assert _day(facts.loc[1200, "period_start"]) == date(2023, 1, 1)


def test_a_campaign_named_again_takes_its_dates_not_the_whole_year(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nĐợt cao điểm năm 2024 diễn ra từ ngày 01/4 đến 31/5/2024.\nTrong đợt cao điểm, "
        "toàn tỉnh phát triển mới 3.000 người tham gia BHXH tự nguyện.\nRiêng trong hai tháng "
        "đợt cao điểm năm 2024, có 400 người dừng đóng BHXH tự nguyện, tính từ đầu năm 2024 là "
        "1.100 người.\nSo với đợt cao điểm năm 2023, tăng 500 người."))
    assert _day(facts.loc[3000, "period_end"]) == date(2024, 5, 31)
    assert (_day(facts.loc[400, "period_start"]), _day(facts.loc[400, "period_end"])) == (
        date(2024, 4, 1), date(2024, 5, 31))
    assert _day(facts.loc[1100, "period_start"]) == date(2024, 1, 1)


def test_a_launch_day_dates_its_paragraph_and_the_next_one_gets_the_year(tmp_path):
    facts = _facts(tmp_path, (
        "Tiêu đề\nTrong năm 2020, BHXH tỉnh tuyên truyền chính sách. Tại lễ ra quân (ngày "
        "11/7/2020), BHXH tỉnh vận động được 304 người tham gia BHXH tự nguyện. Ngay trong ngày "
        "ra quân, có 20 người tham gia BHYT hộ gia đình.\nCùng với đó, BHXH tỉnh tổ chức được 140 "
        "hội nghị, qua đó phát triển được 1.400 người tham gia."), published="2021-01-05")
    assert _day(facts.loc[304, "period_end"]) == date(2020, 7, 11)
    assert _day(facts.loc[20, "period_end"]) == date(2020, 7, 11)
    assert (_day(facts.loc[140, "period_start"]), _day(facts.loc[140, "period_end"])) == (
        date(2020, 1, 1), date(2020, 12, 31))
    assert _day(facts.loc[1400, "period_end"]) == date(2020, 12, 31)
