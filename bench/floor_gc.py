"""The cyclic garbage collector's share of the in-process floor: `run_analysis` on the first N
demo provinces of `bench/batch.py`'s order after one warm-up report, with the CPU of every
collection read through `gc.callbacks`, by generation.

    .venv/bin/python bench/floor_gc.py DEMO [--provinces 30] [--no-draw]

Alternate it with ``PYTHONPATH=<git archive of main>/src`` to compare two versions.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


def main() -> None:
    import helpers
    from helpers.report import run_analysis, validate_parameters
    from helpers.report.data import provinces_with_data

    data_dir = Path(sys.argv[1])
    count = int(sys.argv[sys.argv.index("--provinces") + 1]) if "--provinces" in sys.argv \
        else 30
    draw = "--no-draw" not in sys.argv
    names = provinces_with_data(data_dir)[:count]
    params = [validate_parameters(n, data_dir=data_dir, output_dir=data_dir / "x")
              for n in names]
    run_analysis(params[0], draw=draw)
    spent = [0.0, 0.0, 0.0]
    runs = [0, 0, 0]
    collected = [0]
    started = [0.0]

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.process_time()
            return
        spent[info["generation"]] += time.process_time() - started[0]
        runs[info["generation"]] += 1
        collected[0] += info["collected"]

    gc.callbacks.append(watch)
    load = os.getloadavg()[0]
    cpu = time.process_time()
    for p in params:
        run_analysis(p, draw=draw)
    cpu = time.process_time() - cpu
    gc.callbacks.remove(watch)
    n = len(params)
    print(f"{Path(helpers.__file__).parent}: {n} reports, draw={draw}: {cpu / n * 1000:.0f} ms "
          f"CPU a report, of which the collector {sum(spent) / n * 1000:.1f} ms "
          f"(generations 0/1/2: {runs[0]}/{runs[1]}/{runs[2]} collections, "
          f"{spent[0] * 1000:.0f}/{spent[1] * 1000:.0f}/{spent[2] * 1000:.0f} ms in all); "
          f"{collected[0] / n:.0f} objects collected a report; "
          f"{len(gc.get_objects())} tracked at the end; load {load:.1f} -> "
          f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
