"""Tables rendered in article text: header columns name the indicators, the first cell the
place, the caption the scheme and the period."""

from __future__ import annotations

import pandas as pd

from helpers.extract import extract_articles
from helpers.extract.tables import header_cells, is_row, read_row


def test_header_columns_name_indicators_and_rows_give_one_figure_per_cell():
    header = header_cells("Huyện | Tăng mới | Tăng/giảm | Tỷ lệ bao phủ")
    assert header is not None and header_cells("Phan Thiết | 6.512 | 102,4%") is None
    assert header_cells("Tin | Ảnh") is None  # no column names an indicator
    row = "Tuy Phong | 1.204 | -35 | 3,1%"
    assert is_row(row, header) and not is_row("Tuy Phong | 1.204", header)
    found = [(f.value, f.indicator, f.scheme) for f in read_row(row, header, "voluntary_si")]
    assert found == [(1204, "new_participants", "voluntary_si"),
                     (-35, "net_change", "voluntary_si"),
                     (3.1, "coverage_pct", "voluntary_si")]


def test_a_table_in_an_article_becomes_facts_with_places_and_the_caption_period(tmp_path):
    (tmp_path / "t.txt").write_text(
        "Kết quả năm 2023\nBảng: Số người tham gia BHYT hộ gia đình (đến 31/12/2023)\n"
        "Địa phương | Số người tham gia | Tỷ lệ đạt kế hoạch\nBắc Bình | 3.208 | 97,1%\n"
        "Toàn tỉnh | 31.460 | 101,2%\nBHXH tỉnh tiếp tục tuyên truyền.", encoding="utf-8")
    (tmp_path / "t.meta.json").write_text(
        '{"article_id": "t", "province": "Bình Thuận", "publication_date": "2024-01-10"}',
        encoding="utf-8")
    facts = extract_articles(tmp_path).facts
    got = list(facts[["district", "indicator", "value", "scheme"]].itertuples(index=False,
                                                                               name=None))
    assert got == [("Bắc Bình", "participants", 3208, "household_hi"),
                   ("Bắc Bình", "attainment_pct", 97.1, "household_hi"),
                   ("", "participants", 31460, "household_hi"),
                   ("", "attainment_pct", 101.2, "household_hi")]
    assert set(facts["period_end"]) == {pd.Timestamp("2023-12-31")}


def test_an_html_table_reads_like_a_text_table(tmp_path):
    (tmp_path / "h.html").write_text(
        "<html><body><h1>Tuyên Quang: kết quả</h1><p>Phát triển mới 9 tháng năm 2024:</p>"
        "<table><tr><th>Huyện</th><th>Phát triển mới (người)</th></tr>"
        "<tr><td>Yên Sơn</td><td>812</td></tr></table>"
        "<p>Trong quý IV, BHXH tỉnh sẽ tổ chức 60 hội nghị tuyên truyền.</p></body></html>",
        encoding="utf-8")
    facts = extract_articles(tmp_path).facts.set_index("value")
    assert (facts.loc[812, "district"], facts.loc[812, "indicator"]) == ("Yên Sơn",
                                                                         "new_participants")
    # "quý IV" without a year is the fourth quarter of the year in force.
    assert (facts.loc[60, "period_start"], facts.loc[60, "period_end"]) == (
        pd.Timestamp("2024-10-01"), pd.Timestamp("2024-12-31"))
