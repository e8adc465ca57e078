"""Tests for helpers.io: panel loading from CSV/XLSX/Parquet, one test per bad input, writes."""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest
from openpyxl import Workbook

from helpers import paths
from helpers.errors import (
    BhxhError,
    DuplicateRowError,
    EmptyFileError,
    EncodingError,
    HeaderRowError,
    InvalidValueError,
    MissingColumnError,
)
from helpers.io import (
    atomic_write_bytes,
    atomic_write_text,
    load_campaigns,
    load_facts,
    load_panel,
    write_table,
)

HEADER = "province,district,month,scheme,participants,new_participants,dropouts"
ROWS = [
    "Bắc Giang,Hiệp Hòa,2024-05,voluntary_si,5120,412,37",
    "Bắc Giang,,2024-05,voluntary_si,39850,3104,291",
    "Bac Giang,,2024-04,voluntary_si,36800,2900,250",
]


def write_csv(tmp_path, lines, name="panel.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(tmp_path, rows, name="panel.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def assert_located(exc: BaseException, path, row: int, column: str) -> None:
    """The message names the file, the spreadsheet row and the column."""
    text = str(exc)
    assert str(path) in text
    assert f"row {row}" in text or f"rows {row}" in text or f", {row}" in text, text
    assert f"'{column}'" in text


def test_template_csv_and_xlsx_load_alike():
    csv = load_panel(paths.TEMPLATES / "monthly_panel_template.csv")
    xlsx = load_panel(paths.TEMPLATES / "monthly_panel_template.xlsx")
    pd.testing.assert_frame_equal(csv, xlsx)
    assert len(csv) == 3
    assert set(csv["district"]) == {"", "Hiệp Hòa"}
    assert (csv["province_2025"] == "Bắc Ninh").all()


def test_panel_is_typed_canonical_and_sorted(tmp_path):
    panel = load_panel(write_csv(tmp_path, [HEADER, *ROWS]))
    assert list(panel.columns[:8]) == [
        "province",
        "province_2025",
        "district",
        "month",
        "scheme",
        "participants",
        "new_participants",
        "dropouts",
    ]
    assert (panel["province"] == "Bắc Giang").all()  # "Bac Giang" resolved
    assert str(panel["month"].dtype) == "datetime64[ns]"
    assert str(panel["participants"].dtype) == "Int64"
    assert panel["month"].tolist() == [
        pd.Timestamp("2024-04-01"),
        pd.Timestamp("2024-05-01"),
        pd.Timestamp("2024-05-01"),
    ]
    assert panel["district"].tolist() == ["", "", "Hiệp Hòa"]


def test_vietnamese_headers_scheme_labels_and_month_formats(tmp_path):
    lines = [
        "Tỉnh,Huyện,Tháng,Loại hình,Số người tham gia,tham gia moi,Giảm",
        "tỉnh Bắc Giang,huyện Hiệp Hoà,5/2024,BHXH tự nguyện,5120,412,37",
        "Bắc Giang,,2024-05-31,BHYT hộ gia đình,1.234,,0",
    ]
    panel = load_panel(write_csv(tmp_path, lines))
    assert set(panel["scheme"]) == {"voluntary_si", "household_hi"}
    assert set(panel["month"]) == {pd.Timestamp("2024-05-01")}
    hi = panel[panel["scheme"] == "household_hi"].iloc[0]
    assert hi["participants"] == 1234  # Vietnamese thousands separator
    assert pd.isna(hi["new_participants"])  # empty count is NA, not 0
    assert panel.loc[panel["scheme"] == "voluntary_si", "district"].item() == "Hiệp Hòa"


def test_semicolon_csv_and_utf8_bom(tmp_path):
    text = "\ufeff" + "\n".join([HEADER.replace(",", ";")] + [r.replace(",", ";") for r in ROWS])
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("utf-8"))
    assert len(load_panel(path)) == 3


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError) as info:
        load_panel(path)
    assert str(path) in str(info.value) and "row 1" in str(info.value)


def test_header_only(tmp_path):
    path = write_csv(tmp_path, [HEADER])
    with pytest.raises(EmptyFileError, match="no data rows") as info:
        load_panel(path)
    assert str(path) in str(info.value) and "row 1" in str(info.value)


def test_our_own_tables_with_a_header_and_no_rows_mean_none(tmp_path):
    # `bhxh process` of official exports alone writes facts.csv and campaigns.csv with no rows.
    from helpers.paths import ROOT

    for name, load in (("facts.csv", load_facts), ("campaigns.csv", load_campaigns)):
        fixture = load(ROOT / "tests" / "fixtures" / "report" / name)
        path = tmp_path / name
        path.write_text(",".join(fixture.columns) + "\n", encoding="utf-8")
        empty = load(path)
        assert empty.empty and list(empty.columns) == list(fixture.columns)
        assert (empty.dtypes == fixture.dtypes).all()


def test_non_utf8_cp1258_bytes(tmp_path):
    path = tmp_path / "cp1258.csv"
    text = HEADER + "\nHà Giang,,2024-05,voluntary_si,1,2,3\n"
    path.write_bytes(text.encode("cp1258"))  # "à" is the single byte 0xE0 here
    with pytest.raises(EncodingError, match="UTF-8") as info:
        load_panel(path)
    assert_located(info.value, path, 2, "province")
    assert "Save As" in str(info.value)


def test_missing_column(tmp_path):
    path = write_csv(tmp_path, [HEADER.replace(",dropouts", ""), ROWS[0].rsplit(",", 1)[0]])
    with pytest.raises(MissingColumnError) as info:
        load_panel(path)
    assert_located(info.value, path, 1, "dropouts")
    assert "Expected columns: province, district, month" in str(info.value)


def test_misspelled_column_names_closest_and_expected(tmp_path):
    path = write_csv(tmp_path, [HEADER.replace("province", "provnce"), *ROWS])
    with pytest.raises(MissingColumnError) as info:
        load_panel(path)
    assert_located(info.value, path, 1, "province")
    assert "'provnce'" in str(info.value)
    assert "new_participants" in str(info.value)


def test_non_numeric_count(tmp_path):
    rows = [*ROWS[:2], ROWS[2].replace("2900", "n/a")]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(InvalidValueError, match="not a number: 'n/a'") as info:
        load_panel(path)
    assert_located(info.value, path, 4, "new_participants")


def test_negative_count(tmp_path):
    rows = [ROWS[0].replace(",37", ",-37"), *ROWS[1:]]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(InvalidValueError, match="negative") as info:
        load_panel(path)
    assert_located(info.value, path, 2, "dropouts")
    assert "-37" in str(info.value)


def test_fractional_count(tmp_path):
    rows = [ROWS[0].replace(",412,", ",41.5,"), *ROWS[1:]]
    with pytest.raises(InvalidValueError, match="whole number"):
        load_panel(write_csv(tmp_path, [HEADER, *rows]))


def test_duplicate_province_month_rows_even_when_spelled_differently(tmp_path):
    rows = [*ROWS, ROWS[1].replace("Bắc Giang", "BAC GIANG")]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(DuplicateRowError) as info:
        load_panel(path)
    assert_located(info.value, path, 3, "province")
    assert "rows 3, 5" in str(info.value)


@pytest.mark.parametrize("month", ["2024/13", "May 2024", "2024-00", "", "13/2024"])
def test_bad_month(tmp_path, month):
    rows = [ROWS[0], ROWS[1].replace("2024-05", month), ROWS[2]]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(InvalidValueError, match="not a month") as info:
        load_panel(path)
    assert_located(info.value, path, 3, "month")
    assert "YYYY-MM" in str(info.value)


def test_unknown_province_lists_every_name_rows_and_closest(tmp_path):
    rows = [
        *ROWS,
        "Bac Zang,,2024-05,household_hi,1,1,1",
        "Bac Zang,,2024-06,household_hi,1,1,1",
        "Ha Noy,,2024-05,household_hi,1,1,1",
    ]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(InvalidValueError) as info:
        load_panel(path)
    text = str(info.value)
    assert_located(info.value, path, 5, "province")
    assert re.search(r"'Bac Zang' [^;]*\(row 5, 6", text), text
    assert re.search(r"'Ha Noy' [^;]*\(row 7", text), text
    assert "Bắc Giang" in text and "Hà Nội" in text  # closest matches


def test_unknown_district_names_province(tmp_path):
    rows = [*ROWS, "Bắc Giang,Hiệp Hoà Xyz,2024-05,household_hi,1,1,1"]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(InvalidValueError, match="Hiệp Hoà Xyz \\(Bắc Giang\\)") as info:
        load_panel(path)
    assert_located(info.value, path, 5, "district")


def test_unknown_scheme_lists_allowed(tmp_path):
    rows = [*ROWS[:2], ROWS[2].replace("voluntary_si", "pension")]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(InvalidValueError, match="household_hi") as info:
        load_panel(path)
    assert_located(info.value, path, 4, "scheme")


def test_xlsx_title_row_above_header(tmp_path):
    cells = [r.split(",") for r in ROWS]
    path = write_xlsx(
        tmp_path, [["Báo cáo BHXH tự nguyện tháng 5/2024"], [], HEADER.split(","), *cells]
    )
    with pytest.raises(HeaderRowError, match="header_row=3") as info:
        load_panel(path)
    assert str(path) in str(info.value) and "row 3" in str(info.value)
    panel = load_panel(path, header_row=3)
    assert len(panel) == 3


def test_xlsx_row_numbers_count_title_rows_and_date_cells(tmp_path):
    import datetime as dt

    good = ["Bắc Giang", None, dt.datetime(2024, 5, 1), "voluntary_si", 10, 2, 1]
    bad = ["Bắc Giang", None, dt.datetime(2024, 6, 1), "voluntary_si", 10, -2, 1]
    path = write_xlsx(tmp_path, [["title"], HEADER.split(","), good, bad])
    with pytest.raises(InvalidValueError) as info:
        load_panel(path, header_row=2)
    assert_located(info.value, path, 4, "new_participants")
    fine = write_xlsx(tmp_path, [HEADER.split(","), good], name="fine.xlsx")
    assert load_panel(fine)["month"].item() == pd.Timestamp("2024-05-01")


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    rows = [ROWS[0], "", ROWS[1], ROWS[2].replace("2900", "x")]
    path = write_csv(tmp_path, [HEADER, *rows])
    with pytest.raises(InvalidValueError) as info:
        load_panel(path)
    assert_located(info.value, path, 5, "new_participants")


def test_parquet_round_trip(tmp_path):
    panel = load_panel(write_csv(tmp_path, [HEADER, *ROWS]))
    path = write_table(panel, tmp_path / "panel.parquet")
    again = load_panel(path)
    pd.testing.assert_frame_equal(panel, again)


def test_csv_round_trip_writes_months_as_dates(tmp_path):
    panel = load_panel(write_csv(tmp_path, [HEADER, *ROWS]))
    path = write_table(panel, tmp_path / "out.csv")
    assert "2024-05-01" in path.read_text(encoding="utf-8")
    pd.testing.assert_frame_equal(panel, load_panel(path))


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "facts.csv"
    path.write_text("old content\n", encoding="utf-8")

    def explode(self, target, *args, **kwargs):
        with open(target, "w", encoding="utf-8") as handle:
            handle.write("half a ta")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", explode)
    with pytest.raises(OSError, match="disk full"):
        write_table(pd.DataFrame({"a": [1]}), path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert os.listdir(tmp_path) == ["facts.csv"]  # no temp file left behind


def test_atomic_text_and_bytes(tmp_path):
    text_path = atomic_write_text(tmp_path / "sub" / "report.md", "Bắc Giang\n")
    assert text_path.read_text(encoding="utf-8") == "Bắc Giang\n"
    bytes_path = atomic_write_bytes(tmp_path / "fig.png", b"\x89PNG")
    assert bytes_path.read_bytes() == b"\x89PNG"
    assert sorted(os.listdir(tmp_path)) == ["fig.png", "sub"]


@pytest.mark.parametrize(
    "write",
    [
        lambda p: write_table(pd.DataFrame({"a": [1]}), p / "x.csv"),
        lambda p: atomic_write_text(p / "x.md", "x"),
        lambda p: atomic_write_bytes(p / "x.bin", b"x"),
        lambda p: atomic_write_text(p / ".." / "raw" / "x.md", "x"),
    ],
)
def test_refuses_to_write_under_raw(write):
    with pytest.raises(BhxhError, match="raw data is never modified"):
        write(paths.RAW / "templates")


def test_write_table_refuses_unknown_suffix(tmp_path):
    with pytest.raises(BhxhError, match=".xls"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.xls")
