"""CPU and wall seconds per report of the in-process floor, `run_analysis(draw=True)`, on the
first N demo provinces of `bench/batch.py`'s order, after one warm-up report (imports, cached
tables), with one BLAS thread as the batch workers run. Prints the load average beside them.

    .venv/bin/python bench/floor_time.py DEMO [--provinces 16] [--no-draw]

Alternate it between two versions of the code to compare them on a shared machine:
``PYTHONPATH=<git archive of main>/src .venv/bin/python bench/floor_time.py DEMO`` then this
branch, twice.
"""

from __future__ import annotations

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
        else 16
    draw = "--no-draw" not in sys.argv
    names = provinces_with_data(data_dir)[:count]
    params = [validate_parameters(n, data_dir=data_dir, output_dir=data_dir / "x")
              for n in names]
    run_analysis(params[0], draw=draw)
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    for p in params:
        run_analysis(p, draw=draw)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{Path(helpers.__file__).parent}: {len(params)} reports, draw={draw}: "
          f"{cpu / len(params):.3f} s CPU, {wall / len(params):.3f} s wall per report; "
          f"load {load:.1f} -> {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
