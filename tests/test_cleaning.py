"""Tests for helpers.cleaning: per-cell parsers for months, schemes, counts, dates, booleans."""

from __future__ import annotations

import os
import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.cleaning import (
    MAX_COUNT,
    check_unique,
    clean_text,
    parse_bools,
    parse_counts,
    parse_months,
    parse_schemes,
)
from helpers.errors import DuplicateRowError, InvalidValueError


def rows(values):
    """A text Series indexed like spreadsheet rows 2, 3, ..."""
    return pd.Series(values, index=range(2, 2 + len(values)), dtype="str")


def test_clean_text_nfc_and_strip():
    nfd = unicodedata.normalize("NFD", " Bắc Giang ")
    assert nfd != " Bắc Giang "
    assert clean_text(rows([nfd])).tolist() == ["Bắc Giang"]


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2024-05", "2024-05-01"),
        ("2024-5", "2024-05-01"),
        ("2024-05-31", "2024-05-01"),
        ("5/2024", "2024-05-01"),
        ("12/2023", "2023-12-01"),
        ("2024-05-01 00:00:00", "2024-05-01"),
    ],
)
def test_months_accepted(text, month):
    assert parse_months(rows([text]), file="f.csv").item() == pd.Timestamp(month)


def test_bad_months_are_listed_with_rows():
    with pytest.raises(InvalidValueError) as info:
        parse_months(rows(["2024-05", "2024/13", "May 2024", "2024-05"]), file="f.csv")
    text = str(info.value)
    assert "rows 3, 4" in text and "'2024/13'" in text and "'May 2024'" in text


@pytest.mark.parametrize(
    ("label", "scheme"),
    [
        ("BHXH tự nguyện", "voluntary_si"),
        ("bhxh tu nguyen", "voluntary_si"),
        ("BHYT hộ gia đình", "household_hi"),
        ("household_hi", "household_hi"),
        ("BHXH bắt buộc", "compulsory_si"),
        ("BHTN", "unemployment_insurance"),
    ],
)
def test_scheme_labels(label, scheme):
    assert parse_schemes(rows([label]), file="f.csv").item() == scheme


@given(st.lists(st.integers(min_value=0, max_value=MAX_COUNT), min_size=1, max_size=20))
def test_counts_round_trip_plain_and_grouped(values):
    grouped = [f"{v:,}".replace(",", ".") for v in values]
    for text in ([str(v) for v in values], grouped):
        assert parse_counts(rows(text), column="c", file="f").tolist() == values


def test_property_tests_run_under_the_ci_profile():
    """The conftest's "ci" profile, the suite's unless HYPOTHESIS_PROFILE names another: no
    wall-clock deadline (the round trip above once failed on load, not on values) and
    hypothesis's usual number of examples, so nothing is tested less."""
    ci = settings.get_profile("ci")
    assert ci.deadline is None
    assert ci.max_examples == settings.get_profile("default").max_examples
    if "HYPOTHESIS_PROFILE" not in os.environ:
        assert settings().deadline is None


def test_count_with_empty_cell_is_na_not_zero():
    counts = parse_counts(rows(["", "3"]), column="dropouts", file="f.csv")
    assert counts.isna().tolist() == [True, False]


@pytest.mark.parametrize("bad", ["abc", "NaN", "inf", "1,5", "--3"])
def test_non_numeric_counts_refused(bad):
    with pytest.raises(InvalidValueError, match="row 3, column 'dropouts'"):
        parse_counts(rows(["1", bad]), column="dropouts", file="f.csv")


def test_numeric_column_negative_refused():
    series = pd.Series([1, -4], index=[2, 3])
    with pytest.raises(InvalidValueError, match="negative count: '-4'"):
        parse_counts(series, column="participants", file="f.parquet")


def test_bools():
    parsed = parse_bools(rows(["True", "false", "1", "có", "Không"]), column="b", file="f")
    assert parsed.tolist() == [True, False, True, True, False]


def test_check_unique_names_every_repeated_row():
    df = pd.DataFrame(
        {"province": ["A", "A", "B", "A"], "month": ["1", "2", "1", "1"]}, index=[2, 3, 4, 5]
    ).astype("str")
    with pytest.raises(DuplicateRowError, match="rows 2, 5") as info:
        check_unique(df, ["province", "month"], file="f.csv")
    assert "A / 1" in str(info.value)
    check_unique(df.iloc[:3], ["province", "month"], file="f.csv")
