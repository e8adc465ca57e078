"""Calibration of target_probability: reliability curve and Brier skill, by model.

Run: OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/calibration_forecast.py \
    --series 1000 --workers 1 --rows rows.csv --resume

(one BLAS thread per process: on the shared 2-core machine OpenBLAS's own threads multiplied
the CPU time of these small fits several-fold, with the same results).

Each series is a participants stock of 48 months: a random walk with drift (drift 80 and
step s.d. 300 a month, the case where Holt-Winters gave 0.099 for an exact 0.337), or every
other series the same walk plus a yearly cycle of amplitude 400. The target is the last value
+ 12 months of drift + z·300·√12 with z uniform on (−2, 2), so true probabilities spread over
(0, 1); the outcome is whether the series' own continuation reaches it 12 months later.
Forecasts: "ets", "sarimax" and "auto" (the default: chosen on the held-out last months;
computed from the same fits as the other two, with the same seed, so it equals
``target_probability(model="auto")``). Brier skill = 1 − Brier / Brier of the base rate.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.forecast import choose_model, target_probability

N_MONTHS, HORIZON, DRIFT, SIGMA, SEASON = 48, 12, 80.0, 300.0, 400.0
N_SIMS = 1000


def one_series(seed: int) -> dict[str, float]:
    """Forecast probabilities of each model and the outcome for one simulated stock."""
    rng = np.random.default_rng(seed)
    total = N_MONTHS + HORIZON
    path = 50_000 + np.cumsum(DRIFT + SIGMA * rng.standard_normal(total))
    if seed % 2:
        path = path + SEASON * np.sin(2 * np.pi * np.arange(total) / 12)
    months = pd.period_range("2020-01", periods=N_MONTHS, freq="M")
    stock = pd.Series(path[:N_MONTHS], index=months)
    z = rng.uniform(-2, 2)
    target = path[N_MONTHS - 1] + HORIZON * DRIFT + z * SIGMA * np.sqrt(HORIZON)
    by = months[-1] + HORIZON
    out = {"seed": float(seed), "outcome": float(path[-1] >= target), "seasonal": float(seed % 2)}
    for model in ("ets", "sarimax"):
        out[model] = target_probability(stock, target, by, model=model, n_sims=N_SIMS,
                                        seed=seed).probability
    chosen, scores = choose_model(stock, HORIZON, seed)
    out["auto"] = out[chosen]
    out["ets_set_aside"] = float(np.isinf(scores.get("ets", 0.0)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rows", type=Path, default=None,
                        help="also append each series' row to this CSV as it is done")
    parser.add_argument("--summarise", type=Path, default=None,
                        help="only summarise the rows of this CSV (e.g. a cut-short run)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the series already in --rows and run only the others")
    args = parser.parse_args()
    if args.summarise is not None:
        summarise(pd.read_csv(args.summarise))
        return
    rows: list[dict[str, float]] = []
    if args.resume and args.rows is not None and args.rows.exists():
        rows = pd.read_csv(args.rows).to_dict("records")
    done = {int(row["seed"]) for row in rows}
    todo = [seed for seed in range(args.series) if seed not in done]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for row in pool.map(one_series, todo, chunksize=5):
            rows.append(row)
            if args.rows is not None:
                pd.DataFrame([row]).to_csv(args.rows, mode="a", index=False,
                                           header=not args.rows.exists())
    summarise(pd.DataFrame(rows))


def summarise(rows: pd.DataFrame) -> None:
    """Brier scores, skill against the base rate, and the reliability table."""
    base = rows["outcome"].mean()
    brier_base = float(np.mean((base - rows["outcome"]) ** 2))
    print(f"{len(rows)} series, base rate {base:.3f}, base-rate Brier {brier_base:.4f}\n")
    print("| model | Brier | Brier skill vs base rate |")
    print("|---|---|---|")
    for model in ("auto", "ets", "sarimax"):
        brier = float(np.mean((rows[model] - rows["outcome"]) ** 2))
        print(f"| {model} | {brier:.4f} | {1 - brier / brier_base:+.3f} |")
    if "ets_set_aside" in rows:
        aside = rows["ets_set_aside"] == 1
        gap = (rows["ets"] - rows["sarimax"]).abs()
        print(f"\nHolt-Winters set aside (one-step errors autocorrelated) in {aside.sum()} "
              f"series; there |ets - sarimax| averages {gap[aside].mean():.3f} "
              f"(elsewhere {gap[~aside].mean():.3f})")
    bins = np.linspace(0, 1, 11)
    print("\nReliability (forecast decile: mean forecast → observed share, series)")
    print("| bin | " + " | ".join(("auto", "ets", "sarimax")) + " |")
    print("|---|---|---|---|")
    for low, high in zip(bins[:-1], bins[1:], strict=True):
        cells = []
        for model in ("auto", "ets", "sarimax"):
            inside = rows[(rows[model] >= low) & ((rows[model] < high) | (high == 1.0))]
            cells.append(f"{inside[model].mean():.2f} → {inside['outcome'].mean():.2f} "
                         f"({len(inside)})" if len(inside) else "–")
        print(f"| {low:.1f}–{high:.1f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
