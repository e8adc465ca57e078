"""Benchmark of `bhxh reports` on the simulated 63-province demo panel.

Measures the batch wall time with 2 workers (warm kernels, and cold for comparison), the
per-report median, the in-process floor (`helpers.report.run_analysis(draw=True)` for every
province: the same analysis and figures without notebooks; also without figures, labelled),
the batch against the two-worker floor (the floor divided by two), 1 worker against 2 on a
subset, a rerun with nothing changed, the bookkeeping cost per report (manifest, progress,
index) for 10 and 1,000 reports, peak memory of the batch's processes, and with
``--districts N`` the first N of the 696 district reports on the process pool and on a local
Dask cluster of 2 workers on 127.0.0.1. Prints one line per figure, each with the 1-minute
load average.

    .venv/bin/python bench/batch.py [--provinces N] [--subset N] [--skip-cold] [--skip-scaling]
        [--districts N] [--data-dir DEMO]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The floor runs in this process: with the batch workers' BLAS settings (one thread each; on the
# shared 2-core machine OpenBLAS's own threads made the floor's small fits ~35% dearer in CPU).
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


def floor(data_dir: Path, names: list[str], *, draw: bool = False) -> tuple[float, float]:
    """Seconds (wall, and CPU of this process) to run the same analysis in-process for every
    province (imports excluded). CPU seconds are less inflated than wall seconds when other
    processes share the cores.

    With ``draw``, `run_analysis` also renders each section's figure to the SVG the notebook
    embeds: the notebook's work without the notebook, the floor the batch is compared with.
    """
    from helpers.report import run_analysis, validate_parameters

    started, cpu = time.perf_counter(), time.process_time()
    for name in names:
        run_analysis(
            validate_parameters(name, data_dir=data_dir, output_dir=data_dir / "x"), draw=draw
        )
    return time.perf_counter() - started, time.process_time() - cpu


def load() -> str:
    """The 1-minute load average, printed with each figure (the machine may be shared)."""
    return f"load {os.getloadavg()[0]:.1f}"


def batch(data_dir: Path, out: Path, names: list[str] | None, *, workers: int,
          warm: bool = True, **options):
    """Run one batch; return (wall seconds, median seconds per report, result)."""
    from helpers.batch import run_batch

    started = time.perf_counter()
    result = run_batch(names, data_dir=data_dir, out_dir=out, workers=workers, warm=warm,
                       progress=False, **options)
    wall = time.perf_counter() - started
    records = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    durations = [r["duration"] for r in records.values() if r["kind"] == "province"]
    return wall, statistics.median(durations), result


def cli_batch(args: list[str]) -> tuple[float, float, str]:
    """Run ``bhxh reports ARGS`` in a new process, start-up included; return its wall seconds,
    the peak resident memory (MB) of the largest process it ran (batch, worker, kernel server
    or kernel), and its summary line."""
    global LAST_CPU
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        run = subprocess.Popen([sys.executable, "-m", "helpers.cli", "reports", *args],
                               stdout=out, stderr=err, text=True)
        LAST_CPU = tree_cpu(run)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        lines = out.read().splitlines() or [err.read().strip()]
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, peak, lines[0]


#: CPU seconds of every process the last `cli_batch` ran (the batch, its workers, the kernel
#: server and its kernels): less inflated by other users than wall seconds.
LAST_CPU = 0.0


def tree_cpu(process: subprocess.Popen, every: float = 0.1) -> float:
    """Wait for ``process``; return the CPU seconds it and all its descendants used, read
    every ``every`` seconds (a kernel killed at the end of a batch is never reaped, so
    ``getrusage`` would miss it; a process living less than ``every`` may be missed)."""
    import psutil

    root = psutil.Process(process.pid)
    seen: dict[tuple[int, float], float] = {}
    while process.poll() is None:
        read_tree_cpu(root, seen)
        time.sleep(every)
    return sum(seen.values())


def read_tree_cpu(root, seen: dict[tuple[int, float], float]) -> None:
    """Record in ``seen`` the CPU seconds so far of ``root`` (a ``psutil.Process``) and each of
    its descendants, keyed by pid and start time (a process that has ended keeps its last
    reading)."""
    import psutil

    try:
        family = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        family = []
    for member in family:
        try:
            with member.oneshot():
                times = member.cpu_times()
                seen[(member.pid, member.create_time())] = times.user + times.system
        except psutil.Error:
            continue


def bookkeeping(count: int) -> float:
    """Seconds per report to record ``count`` outcomes in the manifest and progress bar and
    write the index: the batch's own cost, apart from the reports."""
    from helpers.batch.index import write_index
    from helpers.batch.jobs import Job
    from helpers.batch.manifest import Manifest
    from helpers.batch.progress import BatchProgress
    from helpers.report.params import ReportParams

    folder = Path(tempfile.mkdtemp(prefix="bench-books-"))
    manifest = Manifest.load(folder / "manifest.json")
    bar = BatchProgress(count, enabled=False)
    jobs = [Job(ReportParams(f"P{i}", "legacy", "vi", folder, None, folder), f"P{i}",
                f"p{i}", "vi", {"data:x": "0" * 64, "helpers": "1" * 64}) for i in range(count)]
    started = time.perf_counter()
    for job in jobs:
        manifest.record(job, status="built", duration=1.0, key_figures={"participants": 1.0})
        bar.done("built", job.province)
    manifest.save()
    write_index(manifest, folder, data_version="x", summary=bar.close())
    return (time.perf_counter() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=63, help="provinces in the main batch")
    parser.add_argument("--subset", type=int, default=12, help="provinces for 1 vs 2 workers")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-kernel batch")
    parser.add_argument("--skip-scaling", action="store_true", help="skip 1 vs 2 workers")
    parser.add_argument("--districts", type=int, default=0,
                        help="district reports to build on the pool and on Dask (696: all)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="an existing `bhxh demo` folder (default: build one)")
    args = parser.parse_args()

    from helpers.report import provinces_with_data

    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    data_dir = args.data_dir or work / "demo"
    if args.data_dir is None:
        subprocess.run([sys.executable, "-m", "helpers.cli", "demo", "--out", str(data_dir)],
                       check=True, stdout=subprocess.DEVNULL)
    names = provinces_with_data(data_dir, "legacy")[: args.provinces]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")

    for count in (10, 1000):
        print(f"bookkeeping (manifest, progress, index) for {count} reports: "
              f"{bookkeeping(count) * 1000:.2f} ms per report; {load()}")

    floor(data_dir, names[:1], draw=True)  # imports and cached tables, as a warm kernel has
    plain, plain_cpu = floor(data_dir, names)
    print(f"floor without figures (run_analysis, {len(names)} provinces): {plain:.1f} s, "
          f"{plain / len(names):.3f} s per report ({plain_cpu / len(names):.3f} s CPU); "
          f"{load()}")
    drawn, drawn_cpu = floor(data_dir, names, draw=True)
    print(f"floor (run_analysis(draw=True): figures drawn to SVG as in the notebook): "
          f"{drawn:.1f} s, {drawn / len(names):.3f} s per report ({drawn_cpu / len(names):.3f} s"
          f" CPU; target <= 0.25 s); {load()}")

    out = work / "warm"
    args_cli = ["--data-dir", str(data_dir), "--out", str(out), "--provinces", ",".join(names)]
    wall, peak, summary = cli_batch(args_cli)
    print(f"batch, 2 workers, `bhxh reports` in a new process (start-up included): {wall:.1f} s"
          f" ({summary}); {wall / (drawn / 2):.2f}x the two-worker floor (target <= 1.5x);"
          f" peak memory of one process (largest so far) {peak:.0f} MB; {load()}")
    print(f"  CPU of all its processes {LAST_CPU:.1f} s, {LAST_CPU / len(names):.3f} s per report,"
          f" {LAST_CPU / drawn_cpu:.2f}x the floor's CPU (start-up included; read every 0.1 s)")

    for attempt in ("first", "second"):
        wall_r, _, summary = cli_batch(args_cli)
        print(f"{attempt} rerun with nothing changed: {wall_r:.2f} s ({summary}); {load()}")

    if not args.skip_cold:
        wall_c, median_c, result_c = batch(data_dir, work / "cold", names, workers=2, warm=False)
        print(f"batch, 2 workers, cold kernels: {wall_c:.1f} s wall, {median_c:.2f} s median"
              f" per report ({result_c.summary}); {load()}")

    if not args.skip_scaling:
        subset = names[: args.subset]
        one = batch(data_dir, work / "one", subset, workers=1)[0]
        two = batch(data_dir, work / "two", subset, workers=2)[0]
        print(f"{len(subset)} reports: 1 worker {one:.1f} s, 2 workers {two:.1f} s, "
              f"speed-up {one / two:.2f}x (target >= 1.8x); {load()}")

    if args.districts:
        districts(data_dir, work, args.districts)
    print(f"load average {os.getloadavg()[0]:.1f} at the end; outputs in {work}")


def districts(data_dir: Path, work: Path, count: int) -> None:
    """The first ``count`` district reports (provinces in order) on the process pool and on a
    local Dask cluster of 2 workers on 127.0.0.1 started here."""
    from helpers.report import places_with_data

    found = places_with_data(data_dir, "legacy", "district")
    provinces, total = [], 0
    for province, places in found.items():
        if total >= count:
            break
        provinces.append(province)
        total += len(places)
    print(f"districts: {total} reports in {len(provinces)} provinces "
          f"(of {sum(map(len, found.values()))}); {load()}")
    common = ["--data-dir", str(data_dir), "--unit", "district",
              "--provinces", ",".join(provinces)]
    for label, extra in (("process pool", []), ("Dask LocalCluster, 2 workers on 127.0.0.1",
                                                ["--scheduler", "local"])):
        out = work / ("districts-" + ("dask" if extra else "pool"))
        wall, peak, summary = cli_batch([*common, "--out", str(out), *extra])
        records = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
        median = statistics.median(r["duration"] for r in records.values())
        print(f"districts on the {label}: {wall:.1f} s wall ({summary}), {median:.2f} s median"
              f" per report, peak memory of one process (largest so far) {peak:.0f} MB; {load()}")
        every = sum(map(len, found.values()))
        if total < every:
            print(f"  extrapolated to all {every} districts at this rate (start-up counted once"
                  f" per {total}, so an upper bound): {wall / total * every:.0f} s")


if __name__ == "__main__":
    main()
