"""Tests for helpers.reading: encodings, delimiters, header detection, column matching."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.errors import (
    DataError,
    EmptyFileError,
    EncodingError,
    HeaderRowError,
    MissingColumnError,
)
from helpers.reading import column_key, read_table

REQUIRED = ["province", "month", "participants"]


def read(path, **kwargs):
    return read_table(path, required=REQUIRED, **kwargs)


@pytest.mark.parametrize(
    ("given", "key"),
    [("Tỉnh", "tinh"), (" New participants ", "newparticipants"), ("số_người-giảm", "songuoigiam")],
)
def test_column_key(given, key):
    assert column_key(given) == key


def test_aliases_rename_and_extra_columns_are_kept(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("TỈNH,Tháng,Số người tham gia,ghi chú\nHà Nội,2024-05,1,x\n", encoding="utf-8")
    frame, header = read(path)
    assert header == 1
    assert list(frame.columns) == ["province", "month", "participants", "ghi chú"]
    assert frame.index.tolist() == [2]


def test_utf16_with_bom_and_tabs(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("province\tmonth\tparticipants\nHà Nội\t2024-05\t7\n".encode("utf-16"))
    frame, _ = read(path)
    assert frame.loc[2, "province"] == "Hà Nội"


def test_two_columns_meaning_the_same(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("province,tinh,month,participants\nA,B,2024-05,1\n", encoding="utf-8")
    with pytest.raises(MissingColumnError, match="'province' and 'tinh' both mean 'province'"):
        read(path)


def test_row_longer_than_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("province,month,participants\nA,2024-05,1\nA,2024-06,1,9\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read(path)
    assert "row 3" in str(info.value) and str(path) in str(info.value)
    assert "has 4 cells but the header names 3 columns" in str(info.value)


def test_only_blank_lines_after_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("province,month,participants\n,,\n\n", encoding="utf-8")
    with pytest.raises(EmptyFileError, match="no data rows"):
        read(path)


def test_unsupported_and_damaged_files(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf")
    with pytest.raises(DataError, match="cannot read '.xls'"):
        read(old)
    with pytest.raises(DataError, match="file not found"):
        read(tmp_path / "missing.csv")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="Excel workbook"):
        read(damaged)
    empty = tmp_path / "empty.parquet"
    pd.DataFrame({c: pd.Series([], dtype="str") for c in REQUIRED}).to_parquet(empty)
    with pytest.raises(EmptyFileError):
        read(empty)


def test_header_row_outside_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("province,month,participants\nA,2024-05,1\n", encoding="utf-8")
    with pytest.raises(DataError, match="header_row=9 is outside"):
        read(path, header_row=9)


def test_bad_byte_far_below_the_head_is_located(tmp_path):
    lines = ["province,month,participants"]
    lines += [f"Hà Nội,{2000 + i // 12}-{i % 12 + 1:02d},{i}" for i in range(6000)]
    data = ("\n".join(lines) + "\n").encode()
    at = data.index(b",2400-01,")  # row 4802: i = 4800
    path = tmp_path / "deep.csv"
    path.write_bytes(data[: at + 1] + b"\xe0" + data[at + 1 :])
    with pytest.raises(EncodingError) as info:
        read(path)
    text = str(info.value)
    assert "row 4802" in text and "column 'month'" in text and str(path) in text


def test_csv_title_line_above_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "Báo cáo tháng 5/2024\nprovince,month,participants\nHà Nội,2024-05,1\n", encoding="utf-8"
    )
    with pytest.raises(HeaderRowError, match="header_row=2"):
        read(path)
    frame, header = read(path, header_row=2)
    assert header == 2 and frame.index.tolist() == [3]
    assert frame.loc[3, "participants"] == "1"
