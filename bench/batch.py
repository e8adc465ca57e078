"""Benchmark of `bhxh reports` on the simulated 63-province demo panel.

Measures the batch wall time with 2 workers (warm kernels, and cold for comparison), the
per-report median, the in-process floor (`helpers.report.run_analysis(draw=True)` for every
province: the same analysis and figures without notebooks; also without figures, labelled),
1 worker against 2 on a subset, and a rerun with nothing changed. Prints one line per figure,
each with the 1-minute load average.

    .venv/bin/python bench/batch.py [--provinces N] [--subset N] [--skip-cold] [--skip-scaling]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def floor(data_dir: Path, names: list[str], *, draw: bool = False) -> float:
    """Seconds to run the same analysis in-process for every province (imports excluded).

    With ``draw``, `run_analysis` also renders each section's figure to the PNG the notebook
    embeds: the notebook's work without the notebook, the floor the batch is compared with.
    """
    from helpers.report import run_analysis, validate_parameters

    started = time.perf_counter()
    for name in names:
        run_analysis(
            validate_parameters(name, data_dir=data_dir, output_dir=data_dir / "x"), draw=draw
        )
    return time.perf_counter() - started


def load() -> str:
    """The 1-minute load average, printed with each figure (the machine may be shared)."""
    return f"load {os.getloadavg()[0]:.1f}"


def batch(data_dir: Path, out: Path, names: list[str], *, workers: int, warm: bool = True):
    """Run one batch; return (wall seconds, median seconds per report, result)."""
    from helpers.batch import run_batch

    started = time.perf_counter()
    result = run_batch(names, data_dir=data_dir, out_dir=out, workers=workers, warm=warm,
                       progress=False)
    wall = time.perf_counter() - started
    records = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    durations = [r["duration"] for r in records.values() if r["kind"] == "province"]
    return wall, statistics.median(durations), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=63, help="provinces in the main batch")
    parser.add_argument("--subset", type=int, default=12, help="provinces for 1 vs 2 workers")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-kernel batch")
    parser.add_argument("--skip-scaling", action="store_true", help="skip 1 vs 2 workers")
    args = parser.parse_args()

    from helpers.report import provinces_with_data

    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    data_dir = work / "demo"
    subprocess.run([sys.executable, "-m", "helpers.cli", "demo", "--out", str(data_dir)],
                   check=True, stdout=subprocess.DEVNULL)
    names = provinces_with_data(data_dir, "legacy")[: args.provinces]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")

    floor(data_dir, names[:1], draw=True)  # imports and cached tables, as a warm kernel has
    plain = floor(data_dir, names)
    print(f"floor without figures (run_analysis, {len(names)} provinces): {plain:.1f} s; {load()}")
    drawn = floor(data_dir, names, draw=True)
    print(f"floor (run_analysis(draw=True): figures drawn to PNG as in the notebook): "
          f"{drawn:.1f} s; {load()}")

    wall, median, result = batch(data_dir, work / "warm", names, workers=2)
    print(f"batch, 2 workers, warm kernels: {wall:.1f} s wall, {median:.2f} s median per report"
          f" ({result.summary}); {wall / drawn:.2f}x the floor"
          f" ({wall / plain:.2f}x the floor without figures); {load()}")

    # Another edit of src/helpers/ during the batch changes the helpers' hash and rightly
    # rebuilds everything: the first rerun catches up, the later ones have nothing to do.
    for attempt in ("first", "second", "third"):
        started = time.perf_counter()
        rerun = subprocess.run(
            [sys.executable, "-m", "helpers.cli", "reports", "--data-dir", str(data_dir),
             "--out", str(work / "warm"), "--provinces", ",".join(names)],
            capture_output=True, text=True, check=False,
        )
        print(f"{attempt} rerun (`bhxh reports` in a new process): "
              f"{time.perf_counter() - started:.2f} s ({rerun.stdout.splitlines()[0]}); {load()}")

    if not args.skip_cold:
        wall_c, median_c, result_c = batch(data_dir, work / "cold", names, workers=2, warm=False)
        print(f"batch, 2 workers, cold kernels: {wall_c:.1f} s wall, {median_c:.2f} s median"
              f" per report ({result_c.summary}); {load()}")

    if not args.skip_scaling:
        subset = names[: args.subset]
        one = batch(data_dir, work / "one", subset, workers=1)[0]
        two = batch(data_dir, work / "two", subset, workers=2)[0]
        print(f"{len(subset)} reports: 1 worker {one:.1f} s, 2 workers {two:.1f} s, "
              f"speed-up {one / two:.2f}x; {load()}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end; outputs in {work}")


if __name__ == "__main__":
    main()
