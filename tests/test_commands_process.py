"""`bhxh process`: articles and official exports become data/processed/ tables in one command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.cli import main

TEMPLATE = paths.TEMPLATES / "monthly_panel_template.csv"


def _articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("001_4e6756726f80992d.txt", "001_4e6756726f80992d.meta.json"):
        shutil.copy(paths.ARTICLES / name, folder / name)
    return folder


def test_process_writes_facts_campaigns_and_panel(tmp_path, capsys):
    official = tmp_path / "official"
    official.mkdir()
    shutil.copy(TEMPLATE, official / "export_2024.csv")
    out = tmp_path / "processed"
    code = main(["process", "--articles", str(_articles(tmp_path)), "--official", str(official),
                 "--out", str(out)])
    assert code == 0
    facts = pd.read_csv(out / "facts.csv")
    assert 7548 in set(facts["value"])
    panel = pd.read_parquet(out / "panel.parquet")
    assert len(panel) == len(pd.read_csv(TEMPLATE))
    assert {"province_2025", "source_file"} <= set(panel.columns)
    assert "panel.parquet" in capsys.readouterr().out


def test_process_without_official_exports_says_so(tmp_path, capsys):
    out = tmp_path / "processed"
    (tmp_path / "none").mkdir()  # an empty folder (a missing one is refused as mistyped)
    code = main(["process", "--articles", str(_articles(tmp_path)),
                 "--official", str(tmp_path / "none"), "--out", str(out)])
    assert code == 0
    assert not (out / "panel.parquet").exists()
    assert "no official monthly exports" in capsys.readouterr().out


def test_same_province_month_in_two_exports_is_an_error_naming_both(tmp_path, capsys):
    official = tmp_path / "official"
    official.mkdir()
    shutil.copy(TEMPLATE, official / "a.csv")
    shutil.copy(TEMPLATE, official / "b.csv")
    code = main(["process", "--articles", str(_articles(tmp_path)), "--official", str(official),
                 "--out", str(tmp_path / "processed")])
    assert code == 2
    err = capsys.readouterr().err
    assert "a.csv" in err and "b.csv" in err
