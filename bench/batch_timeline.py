"""Where a batch's wall time goes: a timeline of `run_batch` per worker and per report.

Runs one batch in this process (as `bhxh reports` does, without the CLI's imports) with
`bench/batch_timeline_probe.py` recording, in the batch process and in every pool worker, when
each step begins and ends: planning, the warm kernel server's start, each worker's
preparation, and per report the kernel acquire (start, reset, nbclient's wait for a ready
kernel), papermill (of which each cell: the client's start and end, the kernel's busy, reply
and idle), the HTML step, the writes; the national summary and the index. It samples the CPU
of the whole process tree every 0.2 s, so it shows how many cores were busy when.

Prints where each worker's time went (summed over its reports), the serial parts, the tail
(one worker idle while the other finishes) and the cores busy per tenth of the run; writes
every event to ``OUT/timeline.jsonl`` and the CPU samples to ``OUT/cpu.json``.

    nice -n 10 .venv/bin/python bench/batch_timeline.py --data-dir DEMO [--provinces N]
        [--workers 2] [--out OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

BENCH = Path(__file__).resolve().parent


def sample_cpu(stop: threading.Event, samples: list[tuple[float, float]]) -> None:
    """(time, CPU seconds of this process and all its descendants) every 0.2 s."""
    import psutil
    from batch import read_tree_cpu  # bench/batch.py, beside this script

    root = psutil.Process()
    seen: dict[tuple[int, float], float] = {}
    while not stop.is_set():
        read_tree_cpu(root, seen)
        samples.append((time.time(), sum(seen.values())))
        stop.wait(0.2)


def read_events(folder: Path) -> list[dict]:
    events = []
    for path in folder.glob("*.jsonl"):
        events += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(events, key=lambda e: e["t"])


def spans(events: list[dict]) -> list[dict]:
    """Begin/end pairs per process as spans: {pid, event, key, start, end, ...end's fields}."""
    open_: dict[tuple[int, str], list[dict]] = defaultdict(list)
    out = []
    for e in events:
        where = (e["pid"], e["event"])
        if e["phase"] == "begin":
            open_[where].append(e)
        elif e["phase"] == "end" and open_[where]:
            begin = open_[where].pop()
            out.append({**e, "start": begin["t"], "end": e["t"], "key": begin["key"]})
    return out


def analyse(events: list[dict], t0: float, main_pid: int) -> dict:
    """The summary figures printed by `report`."""
    all_spans = spans(events)
    jobs = [s for s in all_spans if s["event"] == "job"]
    workers = sorted({s["pid"] for s in jobs})
    per_job: dict[tuple[int, str], dict[str, float]] = {}
    cells_gap = []
    for job in jobs:
        inside = [s for s in all_spans if s["pid"] == job["pid"]
                  and job["start"] <= s["start"] and s["end"] <= job["end"]]
        parts: dict[str, float] = defaultdict(float)
        for s in inside:
            if s["event"] != "job":
                parts[s["event"]] += s["end"] - s["start"]
        paper = [s for s in inside if s["event"] == "papermill"]
        if paper:
            p = paper[0]
            cells = [c for c in p.get("cells", []) if c["busy"] and c["idle"]]
            if cells:
                parts["papermill: before the first cell"] = cells[0]["client_start"] - p["start"]
                parts["papermill: after the last cell"] = p["end"] - cells[-1]["client_end"]
                parts["cells: kernel busy -> idle"] = sum(c["idle"] - c["busy"] for c in cells)
                parts["cells: client around the kernel"] = sum(
                    (c["client_end"] - c["client_start"]) - (c["idle"] - c["busy"]) for c in cells)
                parts["cells: reply -> idle"] = sum(max(0.0, c["idle"] - c["reply"])
                                                    for c in cells)
                parts["cells"] = len(cells)
                cells_gap += [b["client_start"] - a["client_end"] for a, b in pairwise(cells)]
        parts["job"] = job["end"] - job["start"]
        per_job[(job["pid"], job["key"])] = parts
    worker_rows = {}
    for pid in workers:
        mine = sorted((j for j in jobs if j["pid"] == pid), key=lambda j: j["start"])
        prep = [s for s in all_spans if s["pid"] == pid and s["event"] == "prepare_worker"]
        wait = [s for s in all_spans if s["pid"] == pid and s["event"] == "wait_server"]
        worker_rows[pid] = {
            "jobs": len(mine),
            "first job begins": mine[0]["start"] - t0,
            "last job ends": mine[-1]["end"] - t0,
            "in jobs": sum(j["end"] - j["start"] for j in mine),
            "between jobs": sum(b["start"] - a["end"] for a, b in pairwise(mine)),
            "prepare_worker": sum(s["end"] - s["start"] for s in prep),
            "of which waiting for the kernel server": sum(s["end"] - s["start"] for s in wait),
            "worker ready at": prep[0]["start"] - t0 if prep else float("nan"),
        }
    main_spans = [s for s in all_spans if s["pid"] == main_pid]
    return {"per_job": per_job, "workers": worker_rows, "main": main_spans,
            "cell_gaps": cells_gap, "jobs": jobs}


def cores_busy(samples: list[tuple[float, float]], t0: float, t_end: float, parts: int = 10):
    """Average cores busy in each of ``parts`` equal slices of the run."""
    out = []
    width = (t_end - t0) / parts
    for i in range(parts):
        a, b = t0 + i * width, t0 + (i + 1) * width
        inside = [(t, c) for t, c in samples if a <= t <= b]
        if len(inside) >= 2:
            out.append((inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0]))
        else:
            out.append(float("nan"))
    return out


def report(result: dict, t0: float, t_end: float, samples, wall: float) -> None:
    per_job = result["per_job"]
    provinces = {k: v for k, v in per_job.items() if not k[1].startswith("national")}
    print(f"wall {wall:.1f} s for {len(per_job)} reports; load {os.getloadavg()[0]:.1f}")
    if samples:
        cpu = samples[-1][1] - samples[0][1]
        print(f"CPU of the whole process tree {cpu:.1f} s: {cpu / wall:.2f} cores busy on average")
    print("\nbatch process (serial parts), seconds from the start:")
    for s in result["main"]:
        print(f"  {s['event']:<20} {s['start'] - t0:7.2f} -> {s['end'] - t0:7.2f}"
              f"  ({s['end'] - s['start']:.2f} s)")
    print("\nworkers:")
    for pid, row in result["workers"].items():
        print(f"  {pid}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                       for k, v in row.items()))
    for key, parts in per_job.items():
        if key[1].startswith("national"):
            print(f"  {key[1]} on {key[0]}: {parts['job']:.2f} s")
    print("\nper province report (median / mean / sum over reports, seconds):")
    names = sorted({n for parts in provinces.values() for n in parts}, key=lambda n: (
        n != "job", n))
    for name in names:
        values = [parts.get(name, 0.0) for parts in provinces.values()]
        print(f"  {name:<36} {statistics.median(values):7.3f} {statistics.mean(values):7.3f}"
              f" {sum(values):8.2f}")
    gaps = result["cell_gaps"]
    if gaps:
        print(f"  between two cells (client end -> next start): median "
              f"{statistics.median(gaps) * 1000:.1f} ms, sum {sum(gaps):.2f} s")
    ends = sorted(row["last job ends"] for row in result["workers"].values())
    if len(ends) > 1:
        print(f"\ntail: one worker idle from {ends[0]:.2f} s to {ends[-1]:.2f} s "
              f"({ends[-1] - ends[0]:.2f} s); batch ends at {t_end - t0:.2f} s")
    busy = cores_busy(samples, t0, t_end)
    print("cores busy per tenth of the run: " + " ".join(f"{b:.2f}" for b in busy))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a `bhxh demo` folder")
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="folder for the events")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    events_dir = out / "events"
    events_dir.mkdir(parents=True, exist_ok=True)
    os.environ["BHXH_TIMELINE_DIR"] = str(events_dir)
    sys.path.insert(0, str(BENCH))
    # The forkserver of Python 3.11 ignores the parent's sys.path: it finds the probe this way.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(BENCH), os.environ.get("PYTHONPATH")]))

    import multiprocessing
    from multiprocessing import forkserver

    import batch_timeline_probe  # noqa: F401  (installs the probes in this process)

    from helpers.batch import run_batch, runner
    from helpers.report import provinces_with_data

    original = runner._context

    def context() -> multiprocessing.context.BaseContext:
        ctx = original()
        preload = getattr(forkserver._forkserver, "_preload_modules", [])
        ctx.set_forkserver_preload([*preload, "batch_timeline_probe"])
        return ctx

    runner._context = context
    names = provinces_with_data(args.data_dir, "legacy")[: args.provinces]
    print(f"load average {os.getloadavg()[0]:.1f} at start; {len(names)} provinces, "
          f"{args.workers} workers")
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    sampler = threading.Thread(target=sample_cpu, args=(stop, samples), daemon=True)
    sampler.start()
    t0 = time.time()
    result = run_batch(names, data_dir=args.data_dir, out_dir=out / "reports",
                       workers=args.workers, progress=False, force=True)
    t_end = time.time()
    stop.set()
    sampler.join()
    print(result.summary)
    events = read_events(events_dir)
    (out / "timeline.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    (out / "cpu.json").write_text(json.dumps(samples), encoding="utf-8")
    report(analyse(events, t0, os.getpid()), t0, t_end, samples, t_end - t0)
    print(f"events in {out / 'timeline.jsonl'}")


if __name__ == "__main__":
    main()
