"""Tests for `bhxh figures`: sentences with their fact_ids, JSON, and the error exit."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import main

FACTS = str(Path(__file__).parent / "fixtures" / "report" / "facts.csv")


def test_figures_print_sentences_with_fact_ids(capsys):
    assert main(["figures", "Bac Giang", "--facts", FACTS]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "== Bắc Giang"
    assert "attainment: Đạt 130,3% kế hoạch" in out
    assert "918 người giảm" in out and "002_746d265d837cf31f-" in out


def test_figures_of_a_2025_province_do_not_add_mismatched_dates(capsys):
    assert main(["figures", "Bắc Ninh", "--level", "2025", "--facts", FACTS, "--lang", "en"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("stocks: Bắc Ninh (formerly Bắc Giang, Bắc Ninh): 0 dates")
    assert "not added" in first


def test_figures_json_is_the_summary(capsys):
    assert main(["figures", "Bắc Giang", "--facts", FACTS, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["causal"] is False and summary["attainment"]["reported_pct"] == 130.26


def test_figures_unknown_province_exits_2(capsys):
    assert main(["figures", "Atlantis", "--facts", FACTS]) == 2
    assert "Atlantis" in capsys.readouterr().err
