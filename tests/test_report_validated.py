"""Tests of helpers.report.validated: the stamped, validated copy of a folder's panel."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from helpers.errors import DataError
from helpers.io import load_panel, write_table
from helpers.report.validated import stamp_of, validated_panel, validated_path


def _panel(folder, participants=100):
    rows = [
        {"province": p, "district": "", "month": f"2024-0{m}-01", "scheme": "voluntary_si",
         "participants": participants + m, "new_participants": 10, "dropouts": 2}
        for p in ("Bac Giang", "tỉnh Nghệ An") for m in (1, 2, 3)
    ]
    write_table(pd.DataFrame(rows), folder / "panel.parquet")


def test_a_province_reads_only_its_validated_rows(tmp_path):
    _panel(tmp_path)
    whole = validated_panel(tmp_path)
    assert stamp_of(validated_path(tmp_path))["validator"] == "helpers.io.load_panel"
    rows = validated_panel(tmp_path, ["Bắc Giang"])
    expected = load_panel(tmp_path / "panel.parquet")
    pd.testing.assert_frame_equal(whole, expected)
    pd.testing.assert_frame_equal(
        rows, expected[expected["province"] == "Bắc Giang"].reset_index(drop=True)
    )
    assert set(rows["province"]) == {"Bắc Giang"}  # names resolved by the validation


def test_a_changed_panel_is_validated_again(tmp_path):
    _panel(tmp_path)
    validated_panel(tmp_path)
    _panel(tmp_path, participants=500)
    os.utime(tmp_path / "panel.parquet", ns=(1, 1))  # also a different modification time
    assert validated_panel(tmp_path, ["Nghệ An"])["participants"].min() == 501


def test_an_unstamped_or_foreign_copy_is_not_trusted(tmp_path):
    _panel(tmp_path)
    copy = validated_path(tmp_path)
    copy.parent.mkdir()
    pd.DataFrame({"province": ["Bắc Giang"], "participants": [1]}).to_parquet(copy)
    assert stamp_of(copy) is None
    assert len(validated_panel(tmp_path, ["Bắc Giang"])) == 3
    assert stamp_of(copy) is not None


def test_a_malformed_panel_still_fails_with_a_data_error(tmp_path):
    _panel(tmp_path)
    validated_panel(tmp_path)
    bad = pd.read_parquet(tmp_path / "panel.parquet").assign(province="Atlantis")
    write_table(bad, tmp_path / "panel.parquet")
    with pytest.raises(DataError, match="Atlantis"):
        validated_panel(tmp_path, ["Bắc Giang"])


def test_no_panel_gives_none(tmp_path):
    assert validated_panel(tmp_path) is None
