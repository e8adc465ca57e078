"""Tests for the `bhxh validate` command: summary on success, exit 2 with the located error."""

from __future__ import annotations

from helpers import paths
from helpers.cli import main


def test_validate_template_prints_summary(capsys):
    assert main(["validate", str(paths.TEMPLATES / "monthly_panel_template.csv")]) == 0
    out = capsys.readouterr().out
    assert "ok, panel: 3 rows, 1 provinces, 1 districts" in out
    assert "2024-05..2024-05" in out


def test_validate_bad_file_exits_2_with_location(tmp_path, capsys):
    path = tmp_path / "panel.csv"
    path.write_text(
        "tinh,huyen,thang,scheme,participants,new_participants,dropouts\n"
        "Bắc Giang,,2024-05,voluntary_si,10,x,1\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "row 2" in err and "'new_participants'" in err


def test_validate_facts_kind_from_file_name(tmp_path, capsys):
    path = tmp_path / "facts.csv"
    path.write_text("fact_id\nx\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert "missing column(s) 'article_id'" in capsys.readouterr().err


def test_valid_facts_and_campaigns_are_summarised(capsys):
    from helpers.io import load_campaigns, load_facts

    folder = paths.ROOT / "tests" / "fixtures" / "report"
    facts = load_facts(folder / "facts.csv")
    assert main(["validate", str(folder / "facts.csv")]) == 0
    out = capsys.readouterr().out
    assert (f"ok, facts: {len(facts):,} rows from {facts['article_id'].nunique()} articles, "
            f"{int(facts['is_target'].sum())} targets, {(facts['flags'] != '').sum()} flagged"
            ) in out
    campaigns = load_campaigns(folder / "campaigns.csv")
    assert main(["validate", str(folder / "campaigns.csv")]) == 0
    out = capsys.readouterr().out
    assert f"ok, campaigns: {len(campaigns):,} rows (" in out
    for kind, count in campaigns["kind"].value_counts().items():
        assert f"{kind} {count}" in out


def test_header_row_is_refused_for_anything_but_a_panel(capsys):
    facts = paths.ROOT / "tests" / "fixtures" / "report" / "facts.csv"
    assert main(["validate", str(facts), "--header-row", "2"]) == 2
    assert "--header-row applies to panels only" in capsys.readouterr().err
    assert main(["validate", str(facts), "--kind", "panel"]) == 2  # a facts file is no panel
