"""CPU profile of the in-process floor, `run_analysis(draw=True)`, on demo provinces.

    .venv/bin/python bench/floor_profile.py DEMO [--provinces N] [--top N] [--lang vi]

One warm-up report (imports, cached tables), then the provinces under cProfile; prints CPU
seconds per report (``time.process_time``, with one BLAS thread as the batch workers run),
the load average, and the functions with the most cumulative and own time.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

sys.path.insert(0, str(Path(__file__).parent))
from floor_compare import PROVINCES  # noqa: E402


def _option(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> None:
    from helpers.report import run_analysis, validate_parameters

    data_dir = Path(sys.argv[1])
    count, top, lang = int(_option("--provinces", "8")), int(_option("--top", "40")), \
        _option("--lang", "vi")
    names = list(PROVINCES[:count])
    params = [validate_parameters(n, data_dir=data_dir, output_dir=data_dir / "x", lang=lang)
              for n in names]
    run_analysis(params[0], draw=True)
    cpu = time.process_time()
    for p in params:
        run_analysis(p, draw=True)
    plain = (time.process_time() - cpu) / len(params)
    profile = cProfile.Profile()
    profile.enable()
    for p in params:
        run_analysis(p, draw=True)
    profile.disable()
    print(f"{len(params)} reports ({lang}): {plain:.3f} s CPU per report without the profiler; "
          f"load {os.getloadavg()[0]:.1f}")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    main()
