"""Tests for helpers.schema (contracts, pandera schemas, located errors), load_facts and
load_campaigns, and the data dictionary that documents them."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import paths
from helpers.errors import DuplicateRowError, InvalidValueError, MissingColumnError
from helpers.io import load_campaigns, load_facts, write_table
from helpers.schema import (
    CAMPAIGN_COLUMNS,
    CAMPAIGN_KINDS,
    CAMPAIGNS_SCHEMA,
    FACT_COLUMNS,
    FACTS_SCHEMA,
    INDICATORS,
    PANEL_COLUMNS,
    PANEL_SCHEMA,
    QUALIFIERS,
    SCHEME_ALIASES,
    SCHEMES,
    validate,
)

FACTS = pd.DataFrame(
    {
        "fact_id": ["002-01", "002-02", "n-01"],
        "article_id": ["002_746d265d837cf31f", "002_746d265d837cf31f", "004_627964d7656b8044"],
        "province": ["Bắc Giang", "Bắc Giang", ""],
        "province_2025": ["Bắc Ninh", "Bắc Ninh", ""],
        "district": ["Hiệp Hòa", "", ""],
        "commune": ["", "", ""],
        "scheme": ["voluntary_si", "voluntary_si", "mixed"],
        "indicator": ["participants", "attainment_pct", "people_reached"],
        "is_target": [False, True, False],
        "value": [7548.0, 133.4, 3000.0],
        "qualifier": ["exact", "exact", "more_than"],
        "period_start": pd.to_datetime([None, "2024-01-01", "2024-04-01"]),
        "period_end": pd.to_datetime(["2024-05-31", "2024-12-31", "2024-05-31"]),
        "quote": ["có 7.548 người tham gia", "đạt 133,4% kế hoạch", "hơn 3.000 lượt"],
        "flags": ["", "implausible_year", ""],
        "geography": ["legacy", "legacy", "2025"],
    }
)
CAMPAIGNS = pd.DataFrame(
    {
        "campaign_id": ["000-c1", "000-c2"],
        "article_id": ["000_33a5dcccc3fd5974"] * 2,
        "province": ["Bắc Giang", "Bắc Giang"],
        "district": ["", ""],
        "commune": ["", ""],
        "kind": ["directive", "peak_campaign"],
        "name": ["Chỉ thị 08-CT/TU", "đợt cao điểm"],
        "start": pd.to_datetime(["2021-07-02", "2024-04-01"]),
        "end": pd.to_datetime([None, "2024-05-31"]),
        "quote": ["Chỉ thị số 08-CT/TU ngày 02/7/2021", "từ ngày 01/4-31/5/2024"],
    }
)


def facts_csv(tmp_path, frame=FACTS):
    return write_table(frame, tmp_path / "facts.csv")


def test_contract_constants():
    assert FACT_COLUMNS[0] == "fact_id" and FACT_COLUMNS[-2:] == ["flags", "geography"]
    assert len(FACT_COLUMNS) == 16 and len(CAMPAIGN_COLUMNS) == 10 and len(PANEL_COLUMNS) == 7
    assert "voluntary_si" in SCHEMES and "household_hi" in SCHEMES and len(SCHEMES) == 7
    assert len(INDICATORS) == 10 and len(QUALIFIERS) == 5 and len(CAMPAIGN_KINDS) == 6
    assert set(SCHEME_ALIASES.values()) == set(SCHEMES)
    assert list(FACTS_SCHEMA.columns) == FACT_COLUMNS
    assert list(CAMPAIGNS_SCHEMA.columns) == CAMPAIGN_COLUMNS
    assert set(PANEL_COLUMNS) < set(PANEL_SCHEMA.columns)


def test_facts_round_trip_through_csv_and_parquet(tmp_path):
    loaded = load_facts(facts_csv(tmp_path))
    assert list(loaded.columns) == FACT_COLUMNS
    assert loaded["is_target"].dtype == bool
    assert loaded["value"].dtype == "float64"
    assert str(loaded["period_end"].dtype) == "datetime64[ns]"
    assert pd.isna(loaded.loc[0, "period_start"])
    assert loaded.loc[2, "province"] == ""  # national figure: empty string, not NA
    assert loaded["district"].isna().sum() == 0
    again = load_facts(write_table(loaded, tmp_path / "facts.parquet"))
    pd.testing.assert_frame_equal(loaded, again)


def test_facts_written_before_the_geography_column_load_as_legacy(tmp_path):
    loaded = load_facts(facts_csv(tmp_path, FACTS.drop(columns="geography")))
    assert list(loaded.columns) == FACT_COLUMNS
    assert set(loaded["geography"]) == {"legacy"}


def test_facts_with_an_unknown_geography_are_refused(tmp_path):
    with pytest.raises(InvalidValueError, match="geography"):
        load_facts(facts_csv(tmp_path, FACTS.assign(geography=["legacy", "2026", "2025"])))


def test_a_2025_fact_with_a_district_is_refused(tmp_path):
    bad = FACTS.assign(district=["Hiệp Hòa", "", "Hiệp Hòa"])
    with pytest.raises(InvalidValueError, match="2025 map"):
        load_facts(facts_csv(tmp_path, bad))


def test_campaigns_round_trip(tmp_path):
    loaded = load_campaigns(write_table(CAMPAIGNS, tmp_path / "campaigns.csv"))
    assert list(loaded.columns) == CAMPAIGN_COLUMNS
    assert loaded.loc[1, "end"] == pd.Timestamp("2024-05-31")
    assert pd.isna(loaded.loc[0, "end"])


def test_duplicate_fact_id(tmp_path):
    frame = FACTS.assign(fact_id=["a", "b", "a"])
    path = facts_csv(tmp_path, frame)
    with pytest.raises(DuplicateRowError) as info:
        load_facts(path)
    text = str(info.value)
    assert str(path) in text and "rows 2, 4" in text and "'fact_id'" in text


@pytest.mark.parametrize(
    ("column", "value", "row"),
    [("scheme", "pension", 3), ("indicator", "enrolments", 2), ("qualifier", "about", 4)],
)
def test_value_outside_allowed_list(tmp_path, column, value, row):
    frame = FACTS.copy()
    frame.loc[row - 2, column] = value
    path = facts_csv(tmp_path, frame)
    with pytest.raises(InvalidValueError) as info:
        load_facts(path)
    text = str(info.value)
    assert str(path) in text and f"row {row}" in text and f"'{column}'" in text
    assert f"'{value}'" in text and "Allowed values:" in text


def test_period_start_after_end(tmp_path):
    frame = FACTS.copy()
    frame.loc[1, "period_start"] = pd.Timestamp("2025-01-01")
    path = facts_csv(tmp_path, frame)
    with pytest.raises(InvalidValueError, match="row 3, column 'period_start'.*is after"):
        load_facts(path)


def test_start_after_end_in_campaigns_names_row(tmp_path):
    frame = CAMPAIGNS.copy()
    frame.loc[1, "start"] = pd.Timestamp("2024-06-01")
    path = write_table(frame, tmp_path / "campaigns.csv")
    with pytest.raises(InvalidValueError) as info:
        load_campaigns(path)
    text = str(info.value)
    assert "row 3" in text and "column 'start'" in text and "2024-06-01 > 2024-05-31" in text


def test_slash_dates_are_day_first_and_month_first_is_refused(tmp_path):
    """Issue 13: a full slash date is read day-first ("31/12/2024" is 31 December), never
    month-first; one that only reads month-first is refused with its row and column."""
    path = facts_csv(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2024-12-31", "31/12/2024"), encoding="utf-8")
    assert "2024-12-31" in set(load_facts(path)["period_end"].astype(str).str[:10])
    path.write_text(text.replace("2024-12-31", "12/31/2024"), encoding="utf-8")
    with pytest.raises(InvalidValueError) as info:
        load_facts(path)
    assert "row 3" in str(info.value) and "'period_end'" in str(info.value)


def test_bad_boolean_and_value(tmp_path):
    frame = FACTS.astype({"is_target": "str"})
    frame.loc[0, "is_target"] = "maybe"
    with pytest.raises(InvalidValueError, match="not true or false: 'maybe'"):
        load_facts(facts_csv(tmp_path, frame))
    frame = FACTS.astype({"value": "str"})
    frame.loc[2, "value"] = "hàng trăm"
    with pytest.raises(InvalidValueError, match="row 4, column 'value'"):
        load_facts(facts_csv(tmp_path, frame))


def test_missing_fact_column(tmp_path):
    path = facts_csv(tmp_path, FACTS.drop(columns=["qualifier"]))
    with pytest.raises(MissingColumnError, match="'qualifier'") as info:
        load_facts(path)
    assert "row 1" in str(info.value)


def test_validate_maps_index_to_spreadsheet_rows():
    bad = FACTS.assign(indicator=["participants", "participants", "visits"])
    with pytest.raises(InvalidValueError, match="row 12, column 'indicator'"):
        validate(bad, FACTS_SCHEMA, file="x.csv", first_row=10)


def test_panel_schema_refuses_negative_and_mid_month():
    panel = pd.DataFrame(
        {
            "province": ["Bắc Giang"],
            "province_2025": ["Bắc Ninh"],
            "district": [""],
            "month": pd.to_datetime(["2024-05-15"]),
            "scheme": ["voluntary_si"],
            "participants": pd.array([1], dtype="Int64"),
            "new_participants": pd.array([1], dtype="Int64"),
            "dropouts": pd.array([1], dtype="Int64"),
        }
    )
    with pytest.raises(InvalidValueError, match="month"):
        validate(panel, PANEL_SCHEMA)
    panel["month"] = pd.to_datetime(["2024-05-01"])
    panel["dropouts"] = pd.array([-1], dtype="Int64")
    with pytest.raises(InvalidValueError, match="'dropouts'"):
        validate(panel, PANEL_SCHEMA)


def test_data_dictionary_names_every_column():
    text = (paths.TEMPLATES / "data_dictionary.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_0-9]+)`", text, flags=re.MULTILINE))
    contract = set(FACT_COLUMNS) | set(CAMPAIGN_COLUMNS) | set(PANEL_COLUMNS)
    assert contract | {"labour_force", "province_2025"} <= documented
    for value in (*SCHEMES, *INDICATORS, *QUALIFIERS, *CAMPAIGN_KINDS):
        assert f"`{value}`" in text, value
