"""CPU and wall seconds per report of the in-process floor, `run_analysis(draw=True)`, on the
first N demo provinces of `bench/batch.py`'s order, after one warm-up report (imports, cached
tables), with one BLAS thread as the batch workers run. Prints the load average beside them.

    .venv/bin/python bench/floor_time.py DEMO [--provinces 16] [--no-draw] [--langs vi,en]

``--langs vi,en``: each province's reports in those languages one after the other, as a batch
worker's kept kernel runs them (the second takes the statistics the first computed,
`helpers.report.memo`, where the code has it).

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
    langs = (sys.argv[sys.argv.index("--langs") + 1] if "--langs" in sys.argv else "vi").split(",")
    names = provinces_with_data(data_dir)[:count]
    params = [validate_parameters(n, lang=lang, data_dir=data_dir, output_dir=data_dir / "x")
              for n in names for lang in langs]
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
