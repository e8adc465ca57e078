"""False alarms and power of the pre-period break scan and the lag-12 season warning.

Run: OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/calibrate_warnings.py \
    --series 200 --workers 1

Correctly specified series (bench/coverage_its.py's data: negative binomial counts around a
latent AR(1) mean with trend and yearly cycle, a two-month window two thirds in, no break)
give each warning's false-alarm rate at several thresholds, per latent ρ and length; series
whose level shifts by a rate ratio of 1.2 (``--shifts``) 18 months before the window, the
shift left out of the model, give the break scan's power and the bias the shift leaves in the
window's log rate ratio. Every series is analysed by the public ``interrupted_time_series``;
the thresholds in ``helpers.effects.checks`` (BREAK_ALPHA, LAG12_Z) are the ones this run
supports (written up in bench/COVERAGE.md).
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from helpers.effects import Intervention, interrupted_time_series
from helpers.simulate import simulate_series

RHOS = (0.0, 0.3, 0.6, 0.8)
LENGTHS = (36, 60, 84)
Z_THRESHOLDS = (1.96, 2.24, 2.5, 2.81)
P_THRESHOLDS = (0.05, 0.025, 0.01)
SHIFTS = (1.2,)


def run_cell(rho: float, n_months: int, n_series: int, shift: float) -> dict[str, object]:
    """Break p-values, lag-12 z-scores and the window's log RR error over one cell; ``shift``
    is the rate ratio of the unmodelled level shift (1: none)."""
    months = pd.period_range("2019-01", periods=n_months, freq="M")
    start = months[round(2 * n_months / 3)]
    window = Intervention("window", start, start + 1)
    level = Intervention("shift", months[round(2 * n_months / 3) - 18], None, "step")
    p_values, z_scores, errors, alarms = [], [], [], []
    for seed in range(n_series):
        y, _ = simulate_series(n_months, interventions=[window, level], ar1=rho,
                               rate_ratios={"shift": shift}, seed=700_000 + seed)
        result = interrupted_time_series(y, [window], seed=seed)
        p_values.append(result.diagnostics["break_p"])
        alarms.append(any(getattr(n, "code", None) == "PRE_PERIOD_BREAK" for n in result.warnings))
        z_scores.append(result.diagnostics["acf_lag12_z"])
        errors.append(np.log(result.effects["window"].estimate))
    return {"rho": rho, "months": n_months, "shift": shift, "break_p": np.array(p_values),
            "lag12_z": np.array(z_scores), "log_rr": np.array(errors), "alarm": np.array(alarms)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shifts", type=float, nargs="*", default=list(SHIFTS),
                        help="rate ratios of the unmodelled pre-period level shift (power)")
    args = parser.parse_args()
    shifts = [1.0, *args.shifts]
    jobs = [(r, n, args.series, s) for s in shifts for r in RHOS for n in LENGTHS]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        cells = list(pool.map(run_cell, *zip(*jobs, strict=True)))
    print(f"{args.series} series a cell; window two thirds in; break-scan rates at p < "
          + ", ".join(map(str, P_THRESHOLDS)) + "; lag-12 rates at |z| > "
          + ", ".join(map(str, Z_THRESHOLDS)))
    print("| shift | latent ρ | months | break alarms | PRE_PERIOD_BREAK | lag-12 alarms | "
          "mean log RR error |")
    print("|---|---|---|---|---|---|---|")
    for c in cells:
        p, z = c["break_p"], c["lag12_z"]
        breaks = " / ".join(f"{np.mean(p[np.isfinite(p)] < t):.3f}" for t in P_THRESHOLDS)
        finite = z[np.isfinite(z)]
        lag12 = (" / ".join(f"{np.mean(np.abs(finite) > t):.3f}" for t in Z_THRESHOLDS)
                 if finite.size else "n/a (too short)")
        print(f"| {c['shift']:.2f} | {c['rho']:.1f} | {c['months']} | {breaks} | "
              f"{np.mean(c['alarm']):.3f} | {lag12} | "
              f"{np.mean(c['log_rr']):+.3f} |")
    for shift in shifts:
        chosen = [c for c in cells if c["shift"] == shift]
        p = np.concatenate([c["break_p"] for c in chosen])
        z = np.concatenate([c["lag12_z"] for c in chosen])
        z = z[np.isfinite(z)]
        alarm = np.mean(np.concatenate([c["alarm"] for c in chosen]))
        print(f"pooled, shift {shift}: PRE_PERIOD_BREAK {alarm:.3f}; break alarms "
              + " / ".join(f"{np.mean(p[np.isfinite(p)] < t):.3f}" for t in P_THRESHOLDS)
              + "; lag-12 alarms " + " / ".join(f"{np.mean(np.abs(z) > t):.3f}"
                                                for t in Z_THRESHOLDS))


if __name__ == "__main__":
    main()
