"""Benchmark of `helpers.io.load_panel` on a million-row monthly panel, as CSV and as Parquet.

Run: ``.venv/bin/python bench/bench_io.py [--rows 1000000]``; the target is < 5 s per format.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.io import load_panel, write_table
from helpers.text import fold

# Four schemes keep a million rows within the plausible months (1995 on), which load_panel
# checks.
SCHEMES = ["voluntary_si", "household_hi", "compulsory_si", "health_insurance"]


def make_panel(rows: int, *, seed: int = 0) -> pd.DataFrame:
    """A panel of every real district plus province totals, enough months to reach ``rows``.

    One province in four is written without diacritics ("Bac Giang"), as exports often are.
    """
    with open(paths.REFERENCE / "districts_legacy.csv", encoding="utf-8") as handle:
        reference = list(csv.DictReader(handle))
    names = Counter((r["province"], r["district"]) for r in reference)
    # Two units of one name in a province ("huyện/thị xã Kỳ Anh") need their type word.
    units = [
        (
            r["province"],
            r["district"]
            if names[r["province"], r["district"]] == 1
            else f"{r['kind']} {r['district']}",
        )
        for r in reference
    ]
    units += sorted({(province, "") for province, _ in units})
    plain = {p for i, p in enumerate(sorted({p for p, _ in units})) if i % 4 == 0}
    spelled = [
        (fold(p).title() if p in plain else p, fold(d).title() if p in plain else d)
        for p, d in units
    ]
    per_month = len(spelled) * len(SCHEMES)
    n_months = -(-rows // per_month)
    months = pd.period_range(end="2025-06", periods=n_months, freq="M").strftime("%Y-%m")
    rng = np.random.default_rng(seed)
    province = np.repeat([p for p, _ in spelled], len(SCHEMES))
    district = np.repeat([d for _, d in spelled], len(SCHEMES))
    scheme = np.tile(SCHEMES, len(spelled))
    frame = pd.DataFrame(
        {
            "province": np.tile(province, n_months)[:rows],
            "district": np.tile(district, n_months)[:rows],
            "month": np.repeat(np.asarray(months), per_month)[:rows],
            "scheme": np.tile(scheme, n_months)[:rows],
            "participants": rng.integers(0, 50_000, rows),
            "new_participants": rng.integers(0, 2_000, rows),
            "dropouts": rng.integers(0, 1_000, rows),
        }
    )
    return frame


def timed(path: Path) -> tuple[float, float, pd.DataFrame]:
    """Wall-clock and CPU seconds of one `load_panel` call, and its result."""
    start, cpu = time.perf_counter(), time.process_time()
    panel = load_panel(path)
    return time.perf_counter() - start, time.process_time() - cpu, panel


def report(label: str, path: Path, seconds: float, cpu: float, rows: int) -> None:
    # CPU time (all threads) is printed too: wall time swings when other jobs share the cores.
    size = path.stat().st_size / 1e6
    verdict = "ok" if seconds < 5 else "SLOW"
    print(
        f"load_panel {label:16} {size:6.1f} MB  {rows:,} rows  {seconds:5.2f} s wall  "
        f"{cpu:5.2f} s CPU  [{verdict}: target < 5 s]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    frame = make_panel(args.rows)
    print(
        f"panel: {len(frame):,} rows, {frame['province'].nunique()} province spellings, "
        f"{frame['district'].nunique()} district spellings, {frame['month'].nunique()} months"
    )
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, parquet_path = Path(tmp) / "panel.csv", Path(tmp) / "panel.parquet"
        frame.to_csv(csv_path, index=False)
        frame.to_parquet(parquet_path, index=False)
        for label, path in (("CSV", csv_path), ("Parquet (text)", parquet_path)):
            seconds, cpu, loaded = timed(path)
            report(label, path, seconds, cpu, len(loaded))
        # A loaded panel written back (datetime months, Int64 counts) is the other common input.
        typed_path = write_table(loaded, Path(tmp) / "typed.parquet")
        seconds, cpu, again = timed(typed_path)
        report("Parquet (typed)", typed_path, seconds, cpu, len(again))


if __name__ == "__main__":
    main()
