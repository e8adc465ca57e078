"""Benchmark: validating a 1,003,632-row monthly panel exported as XLSX (issue 12, item 7).

The audit measured 82.6 s and 1.2 GB with openpyxl (CSV: 2.6 s); the target is under 20 s and
1 GB. Each load runs in a fresh process, so its peak memory (max RSS) is its own.

Run: ``.venv/bin/python bench/bench_xlsx.py [--rows 1003632] [--keep DIR]``. Writing the
workbook (openpyxl, write-only) takes a minute or more; with ``--keep DIR`` it is written
once to ``DIR/panel.xlsx`` and reused on later runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_io import make_panel  # noqa: E402

MEASURE = """
import json, resource, sys, time
from helpers.io import load_panel
start, cpu = time.perf_counter(), time.process_time()
panel = load_panel(sys.argv[1])
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": len(panel), "wall": wall, "cpu": cpu, "peak_mb": peak}))
"""


def write_xlsx(frame, path: Path) -> None:
    """The panel as the first sheet of a workbook, header on row 1 (openpyxl write-only)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    book.save(path)


def measure(path: Path) -> dict:
    """Rows, wall and CPU seconds and peak MB of `load_panel` on ``path`` in a new process."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_003_632)
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the files in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        xlsx, csv_path = folder / "panel.xlsx", folder / "panel.csv"
        if not xlsx.exists() or not csv_path.exists():
            frame = make_panel(args.rows)
            start = time.perf_counter()
            frame.to_csv(csv_path, index=False)
            write_xlsx(frame, xlsx)
            took = time.perf_counter() - start
            print(f"wrote {len(frame):,} rows as CSV and XLSX in {took:.0f} s")
        for label, path in (("XLSX", xlsx), ("CSV", csv_path)):
            got = measure(path)
            verdict = "ok" if got["wall"] < 20 and got["peak_mb"] < 1024 else "OVER TARGET"
            print(
                f"load_panel {label:5} {path.stat().st_size / 1e6:6.1f} MB  {got['rows']:,} rows  "
                f"{got['wall']:5.1f} s wall  {got['cpu']:5.1f} s CPU  peak {got['peak_mb']:.0f} MB"
                f"  [{verdict}: target < 20 s and < 1 GB]"
            )


if __name__ == "__main__":
    main()
