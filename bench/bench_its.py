"""Time interrupted_time_series over 700 district series of 72 months (issue 4: < 20 s, 2 cores).

Run: .venv/bin/python bench/bench_its.py [--series 700] [--workers 2]
Series come from helpers.simulate.simulate_panel (350 districts × 2 schemes); each fit is the
full default analysis: NB2 fit, AR(1) sandwich, counterfactual band, extra-enrolment draws.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from helpers.effects import Intervention, interrupted_time_series
from helpers.simulate import simulate_panel


def _fit_chunk(chunk: list[tuple[np.ndarray, list[str], str, str]]) -> list[str]:
    import pandas as pd

    statuses = []
    for values, months, start, end in chunk:
        y = pd.Series(values, index=pd.PeriodIndex(months, freq="M"))
        result = interrupted_time_series(y, [Intervention("campaign", start, end)])
        statuses.append(result.status)
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=700)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    panel, truth = simulate_panel(args.series // 2, n_months=72, never_treated=0.0, seed=1)
    campaigns = truth[truth["intervention"] == "provincial_campaign"].set_index(
        ["district", "scheme"])
    jobs = []
    for (district, scheme), unit in panel.groupby(["district", "scheme"], sort=False):
        row = campaigns.loc[(district, scheme)]
        jobs.append((unit["new_participants"].to_numpy(float), unit["month"].tolist(),
                     row["start"], row["end"]))
    start = time.perf_counter()
    if args.workers > 1:
        chunks = [jobs[i::args.workers] for i in range(args.workers)]
        with ProcessPoolExecutor(args.workers) as pool:
            statuses = [s for part in pool.map(_fit_chunk, chunks) for s in part]
    else:
        statuses = _fit_chunk(jobs)
    elapsed = time.perf_counter() - start
    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    print(f"{len(jobs)} series × 72 months, {args.workers} worker(s) on {os.cpu_count()} cores: "
          f"{elapsed:.1f} s ({elapsed / len(jobs) * 1000 * args.workers:.1f} ms per fit per "
          f"worker); statuses {counts}")


if __name__ == "__main__":
    main()
