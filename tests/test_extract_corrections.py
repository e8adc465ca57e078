"""Corrections applied after extraction: drop, replace, add, unmatched rows, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.errors import DataError
from helpers.extract import extract_articles
from helpers.extract.corrections import apply_corrections, read_corrections

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw" / "articles"
HEADER = "article_id,fact_id,quote,action,values,reason\n"
BAC_GIANG = "002_746d265d837cf31f"


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "corrections.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_the_shipped_corrections_file_fixes_the_20225_typo_and_says_why():
    shipped = ROOT / "data" / "raw" / "corrections.csv"
    rows = read_corrections(shipped)
    assert [(r["article_id"], r["action"], r["values"]) for r in rows] == [
        (BAC_GIANG, "replace", "period_end=2025-12-31")
    ]
    assert "về đích sớm hơn một năm" in rows[0]["reason"]
    fixed = extract_articles(SEEDS, corrections=shipped)
    log = fixed.log[fixed.log["file"] == "corrections.csv"]
    assert len(log) == 1 and not log["message"].str.contains("matched no fact").any()
    target = fixed.facts[fixed.facts["value"] == 51100].iloc[0]
    assert str(target["period_end"].date()) == "2025-12-31"
    assert "corrected" in target["flags"] and "implausible_year" in target["flags"]


def test_drop_replace_add_and_unmatched_are_applied_and_logged(tmp_path):
    path = _write(tmp_path, (
        f"{BAC_GIANG},{BAC_GIANG}-014,,drop,,compares two campaign periods\n"
        f'{BAC_GIANG},,"Hiệp Hòa phát triển mới được 1.374 người",replace,'
        f'"commune=;flags=checked",checked by hand\n'
        f'{BAC_GIANG},,"mục tiêu đến hết năm 20225",replace,period_end=2025-12-31,'
        f"typo 20225 means 2025\n"
        f'{BAC_GIANG},,"tổng 99.999 người",add,"indicator=participants;value=99999;'
        f'province=bac giang;scheme=voluntary_si",missed figure\n'
        f"{BAC_GIANG},{BAC_GIANG}-999,,drop,,no such fact\n"
    ))
    plain = extract_articles(SEEDS)
    fixed = extract_articles(SEEDS, corrections=path)
    facts = fixed.facts.set_index("fact_id")
    assert f"{BAC_GIANG}-014" in set(plain.facts["fact_id"])
    assert f"{BAC_GIANG}-014" not in facts.index
    hiep_hoa = facts[facts["district"] == "Hiệp Hòa"].iloc[0]
    assert hiep_hoa["value"] == 1374 and "corrected" in hiep_hoa["flags"]
    assert facts[facts["value"] == 988]["flags"].iloc[0] != hiep_hoa["flags"]  # only 1.374
    target = facts[facts["value"] == 51100].iloc[0]
    assert str(target["period_end"].date()) == "2025-12-31"
    added = facts.loc[f"{BAC_GIANG}-a01"]
    assert (added["value"], added["province"], added["province_2025"]) == (
        99999, "Bắc Giang", "Bắc Ninh")
    messages = fixed.log[fixed.log["file"] == "corrections.csv"]
    assert len(messages) == 5
    assert messages["message"].str.contains("matched no fact").sum() == 1
    assert len(fixed.facts) == len(plain.facts)  # one dropped, one added


@pytest.mark.parametrize(("row", "column"), [
    (f"{BAC_GIANG},{BAC_GIANG}-001,,delete,,\n", "action"),
    (f"{BAC_GIANG},{BAC_GIANG}-001,,replace,scheme=pension,\n", "values"),
    (f"{BAC_GIANG},{BAC_GIANG}-001,,replace,colour=red,\n", "values"),
    (f"{BAC_GIANG},,,drop,,\n", "fact_id"),
])
def test_bad_rows_name_row_and_column(tmp_path, row, column):
    with pytest.raises(DataError) as info:
        read_corrections(_write(tmp_path, row))
    assert info.value.row == 2 and info.value.column == column


def test_a_missing_corrections_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        read_corrections(tmp_path / "nope.csv")


def test_missing_columns_are_refused(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("article_id,action\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column"):
        read_corrections(path)


def test_apply_leaves_the_input_untouched():
    fact = {"fact_id": "a-001", "article_id": "a", "value": 5.0, "quote": "5 người",
            "flags": "", "province": ""}
    rows = [{"article_id": "a", "fact_id": "a-001", "quote": "", "action": "replace",
             "fields": {"value": 6.0}, "reason": "", "row": 2}]
    fixed, notes = apply_corrections([fact], rows)
    assert fact["value"] == 5.0 and fixed[0]["value"] == 6.0 and notes[0][1] == "info"
