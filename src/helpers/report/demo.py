"""Simulated demo data: a monthly panel for all 63 former provinces and their districts with
known campaign effects, so the monthly-panel sections of a report can be seen and checked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.report.params import CAMPAIGNS_FILE, PANEL_FILE, SIMULATED_MARKER

PROVINCIAL_NAME = "Đợt cao điểm vận động (mô phỏng)"
# A nationwide change no campaigns.csv row records (like a national launch day): it lands on a
# few provinces' campaign windows, where their own ITS credits it to the campaign and the
# comparison with other provinces does not.
COMMON_SHOCKS = {"2023-07": 1.3}
NATIONAL_NAME = "Tháng vận động toàn quốc {year} (mô phỏng)"


@dataclass(frozen=True)
class DemoOutput:
    """The files `build_demo` wrote and the size of the panel."""

    panel: Path
    campaigns: Path
    marker: Path
    n_rows: int
    n_units: int


def _units(provinces: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
    """(province, district, kind) of every legacy district, the district by its label: a name
    two units of one province share (huyện and thành phố Cao Lãnh) keeps its type word, as
    official exports write it (`helpers.geo.district_label`)."""
    from helpers import geo

    units = []
    wanted = None if provinces is None else {geo.resolve_province(p).name for p in provinces}
    for province in geo.provinces("legacy"):
        if wanted is not None and province.name not in wanted:
            continue
        units += [(province.name, geo.district_label(d), d.kind)
                  for d in geo.districts(province.name)]
    return units


def _campaigns(truth: pd.DataFrame) -> pd.DataFrame:
    """One campaigns.csv row per simulated province campaign and per national month."""
    recorded = truth[~truth["intervention"].str.startswith("common_shock")]
    windows = recorded[["province", "intervention", "start", "end"]].drop_duplicates(
        ["province", "intervention"]
    )
    rows = []
    for province, name, start, end in windows.itertuples(index=False):
        national = str(name).startswith("national_month")
        first = pd.Period(start, freq="M")
        last = pd.Period(end if pd.notna(end) else start, freq="M")
        rows.append(
            {
                "province": "" if national else province,
                "kind": "campaign_month" if national else "peak_campaign",
                "name": NATIONAL_NAME.format(year=first.year) if national else PROVINCIAL_NAME,
                "start": first.start_time.date().isoformat(),
                "end": last.end_time.date().isoformat(),
            }
        )
    frame = pd.DataFrame(rows).drop_duplicates(["province", "kind", "start"])
    frame = frame.sort_values(["province", "start"]).reset_index(drop=True)
    frame.insert(0, "campaign_id", [f"sim-c{i + 1:04d}" for i in range(len(frame))])
    frame.insert(1, "article_id", "simulated")
    frame.insert(3, "district", "")
    frame.insert(4, "commune", "")
    frame["quote"] = "Dữ liệu mô phỏng (simulated), không phải trích dẫn báo chí."
    return frame


def _first(values: pd.Series) -> float | None:
    return float(values.iloc[0]) if len(values) else None


def build_demo(
    out_dir: str | Path | None = None, *, seed: int = 0, provinces: Sequence[str] | None = None
) -> DemoOutput:
    """Simulate the demo panel and write panel.parquet, campaigns.csv and SIMULATED.json.

    Parameters
    ----------
    out_dir
        Destination folder (default ``helpers.paths.DEMO``, i.e. data/processed/demo/).
    seed
        Random seed; the same seed gives the same files.
    provinces
        Only these former provinces (any spelling); default all 63.

    Returns
    -------
    DemoOutput
    """
    from helpers.io import atomic_write_text, refuse_raw, write_table
    from helpers.simulate import simulate_panel

    folder = Path(out_dir) if out_dir is not None else paths.DEMO
    refuse_raw(folder)  # before mkdir: a refusal leaves no empty folder behind
    folder.mkdir(parents=True, exist_ok=True)
    units = _units(provinces)
    panel, truth = simulate_panel([u[:2] for u in units], seed=seed, common_shocks=COMMON_SHOCKS)
    # Each district's kind beside its label, as `helpers.io.load_panel` derives it.
    kinds = {(p, d): k for p, d, k in units}
    pairs = zip(panel["province"], panel["district"], strict=True)
    panel["district_kind"] = [kinds.get(pair, "") for pair in pairs]
    campaigns = _campaigns(truth)
    write_table(panel, folder / PANEL_FILE)
    write_table(campaigns, folder / CAMPAIGNS_FILE)
    national = truth["intervention"].str.startswith("national_month")
    own = truth[~national & ~truth["intervention"].str.startswith("common_shock")]
    extra = own[own["scheme"] == "voluntary_si"].groupby("province")["extra_new"].sum()
    marker = {
        "simulated": True,
        "generator": "helpers.simulate.simulate_panel via `bhxh demo`",
        "seed": seed,
        "n_units": len(units),
        "true_effects": {
            "provincial_campaign_rate_ratio": _first(own["rate_ratio"]),
            "national_month_rate_ratio": _first(truth.loc[national, "rate_ratio"]),
            "common_shocks_unrecorded": COMMON_SHOCKS,
            "provincial_campaigns": {
                row.province: [str(row.start), str(row.end)]
                for row in own.drop_duplicates("province").itertuples(index=False)
            },
            "extra_new_voluntary_si": {k: round(float(v), 1) for k, v in extra.items()},
        },
    }
    atomic_write_text(
        folder / SIMULATED_MARKER, json.dumps(marker, ensure_ascii=False, indent=2) + "\n"
    )
    return DemoOutput(
        panel=folder / PANEL_FILE,
        campaigns=folder / CAMPAIGNS_FILE,
        marker=folder / SIMULATED_MARKER,
        n_rows=len(panel),
        n_units=len(units),
    )
