"""The national summary tables and the demo data (in-process; no kernel)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.cli import main
from helpers.errors import ParameterError
from helpers.report import provinces_with_data, summary
from helpers.report.demo import build_demo

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def test_league_table_one_row_per_province_with_data():
    table = summary.league_table(FIXTURE, level="legacy", lang="vi")
    assert list(table["province"]) == ["Bắc Giang", "Phú Yên"]
    bac_giang = table.iloc[0]
    assert bac_giang["participants"] == 51241
    assert bac_giang["attainment_pct"] == pytest.approx(130.26)
    # 41.098 at the end of 2022 to 51.241 at the end of 2023: one year apart.
    assert bac_giang["growth_pct_per_year"] == pytest.approx(24.68, abs=0.05)


def test_league_table_at_the_2025_level_uses_merged_names():
    table = summary.league_table(FIXTURE, level="2025", lang="en")
    assert set(table["province"]) == {"Bắc Ninh", "Đắk Lắk"}


def test_summary_sections_describe_without_causal_claims():
    table = summary.league_table(FIXTURE, level="legacy", lang="en")
    league = summary.league_section(table, level="legacy", lang="en")
    assert league.text.startswith(
        "1 former province has data. The most voluntary social insurance participants at the "
        "latest figure: Bắc Giang (51,241)."
    )
    assert list(league.table.columns)[:2] == ["Province", "Participants"]
    assert "51,241" in list(league.table["Participants"])
    attainment = summary.attainment_section(table, lang="en")
    assert "1 of 1 provinces met or beat their latest reported plan" in attainment.text
    intensity = summary.intensity_section(table, lang="en")
    assert intensity.status == "empty"


def test_intensity_correlation_is_described_as_not_causal():
    table = pd.DataFrame(
        {
            "province": ["A", "B", "C", "D"],
            "participants": [1.0, 2.0, 3.0, 4.0],
            "date": ["2024-12"] * 4,
            "growth_pct_per_year": [1.0, 2.0, 3.0, 4.5],
            "n_campaigns": [0, 1, 2, 3],
            "attainment_pct": [None] * 4,
            "simulated": [False] * 4,
        }
    )
    section = summary.intensity_section(table, lang="vi")
    assert section.data["correlation"] > 0.9
    assert "không cho biết tác động của vận động" in section.text
    assert section.figure is not None


def test_summary_rejects_a_missing_folder():
    with pytest.raises(ParameterError, match="does not exist"):
        summary.league_table("/no/such/folder")


def test_demo_writes_panel_campaigns_and_marker(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path), "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "panel.parquet" in out
    marker = json.loads((tmp_path / "SIMULATED.json").read_text(encoding="utf-8"))
    assert marker["simulated"] is True and marker["seed"] == 1
    assert marker["n_units"] > 600
    panel = pd.read_parquet(tmp_path / "panel.parquet")
    assert panel["province"].nunique() == 63
    campaigns = pd.read_csv(tmp_path / "campaigns.csv", dtype=str, keep_default_na=False)
    treated = set(campaigns.loc[campaigns["kind"] == "peak_campaign", "province"])
    assert treated == set(marker["true_effects"]["provincial_campaigns"])
    assert len(provinces_with_data(tmp_path, "2025")) == 34


def test_demo_is_reproducible_for_one_province(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build_demo(first, seed=5, provinces=["bac kan"])
    build_demo(second, seed=5, provinces=["Bắc Kạn"])
    pd.testing.assert_frame_equal(
        pd.read_parquet(first / "panel.parquet"), pd.read_parquet(second / "panel.parquet")
    )


def test_league_table_reads_the_summary_each_report_stored_once(tmp_path):
    from helpers.batch.jobs import file_digest, helpers_source_digest

    data = tmp_path / "data"
    data.mkdir()
    for name in ("facts.csv", "campaigns.csv"):
        (data / name).write_bytes((FIXTURE / name).read_bytes())
    inputs = {f"data:{n}": file_digest(data / n) for n in ("facts.csv", "campaigns.csv")}
    stored = {"province": "Bắc Giang", "level": "legacy", "simulated": False,
              "n_campaigns": 99, "participants": 12345.0, "participants_date": "2023-12-31"}
    record = {"kind": "province", "province": "Bắc Giang", "level": "legacy", "status": "built",
              "inputs": inputs | {"helpers": helpers_source_digest()}, "key_figures": stored}
    out = tmp_path / "reports"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"format": 1, "reports": {"k": record}}),
                                       encoding="utf-8")
    from helpers.batch.manifest import stored_headlines

    stored = stored_headlines(out, "legacy", data)
    table = summary.league_table(data, level="legacy", stored=stored).set_index("province")
    assert table.loc["Bắc Giang", "participants"] == 12345 and table.loc["Bắc Giang",
                                                                        "n_campaigns"] == 99
    # Phú Yên stored nothing: computed from the data.
    assert table.loc["Phú Yên", "n_campaigns"] != 99
    # Data changed since the report was built: the stored summary is stale and not used.
    (data / "campaigns.csv").write_bytes((FIXTURE / "campaigns.csv").read_bytes() + b"\n")
    stored = stored_headlines(out, "legacy", data)
    fresh = summary.league_table(data, level="legacy", stored=stored).set_index("province")
    assert fresh.loc["Bắc Giang", "participants"] == 51241
