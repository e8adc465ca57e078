"""False alarms and power of the pre-period break scan and the lag-12 season warning.

Run (writes its tables into bench/WARNINGS.md; ``--no-write`` prints only):

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/calibrate_warnings.py \
        --series 100 --workers 2

Correctly specified series (bench/coverage_its.py's data: negative binomial counts around a
latent AR(1) mean with trend and yearly cycle, a two-month window two thirds in, no break)
give each warning's false-alarm rate at several thresholds, per latent ρ and length; series
whose level shifts by a rate ratio of 1.2 and 1.4 (``--shifts``) 18 months before the window,
the shift left out of the model, give the break scan's power and the bias the shift leaves in
the window's log rate ratio. Every series is analysed by the public ``interrupted_time_series``.
Beside the scan, each shifted series also gets the test an analyst who knew the month would
run: the shift's own coefficient, added to the model, by the same ARMA(1,1) sandwich and t
test. No scan that must search for the month can beat that known-month test by much, so its
power says how much a 20% shift can be seen at all at these lengths. The thresholds in
``helpers.effects.checks`` (BREAK_ALPHA, LAG12_Z) are the ones this run supports.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.effects import Intervention, interrupted_time_series
from helpers.effects.breaks import scan_pre_period
from helpers.effects.checks import BREAK_ALPHA
from helpers.effects.design import base_design, intervention_design
from helpers.effects.families import FAMILIES
from helpers.effects.inference import arma_covariance
from helpers.effects.its import coefficient_interval
from helpers.simulate import simulate_series

RHOS = (0.0, 0.3, 0.6, 0.8)
LENGTHS = (36, 60, 84)
Z_THRESHOLDS = (1.96, 2.24, 2.5, 2.81)
P_THRESHOLDS = (0.10, 0.05, 0.025)
SHIFTS = (1.2, 1.4)
TABLE = Path(__file__).with_name("WARNINGS.md")
START, END = "<!-- warnings-table:start -->", "<!-- warnings-table:end -->"


def known_month_p(y: pd.Series, window: Intervention, level: Intervention) -> tuple[float, float]:
    """p-value of the shift's coefficient when the model is told its month (same family,
    design, ARMA(1,1) sandwich and t test as the analysis), and the CPU seconds of the
    pre-period scan on the model without it (the scan's cost per series)."""
    base = base_design(y.index, "fourier2").to_numpy()
    observed = y.to_numpy(dtype=float)
    exog = np.column_stack([base, intervention_design(y.index, [window]).to_numpy()])
    fit = FAMILIES["negbin"](observed, exog, None)
    working = arma_covariance(exog, fit.weights, fit.pearson_resid, df_columns=1)
    n_pre = int((y.index < window.start).sum())
    began = time.process_time()
    scan_pre_period(working, exog, fit.pearson_resid, fit.weights, n_pre)
    seconds = time.process_time() - began
    told = np.column_stack([exog, intervention_design(y.index, [level]).to_numpy()])
    fit = FAMILIES["negbin"](observed, told, None)
    working = arma_covariance(told, fit.weights, fit.pearson_resid, df_columns=2)
    return coefficient_interval(fit.params, working, told.shape[1] - 1, 0.05)[3], seconds


def run_cell(rho: float, n_months: int, n_series: int, shift: float) -> dict[str, object]:
    """Break p-values, lag-12 z-scores, the window's log RR error, the known-month test and
    the scan's cost over one cell; ``shift`` is the rate ratio of the unmodelled level shift
    (1: none)."""
    months = pd.period_range("2019-01", periods=n_months, freq="M")
    start = months[round(2 * n_months / 3)]
    window = Intervention("window", start, start + 1)
    level = Intervention("shift", months[round(2 * n_months / 3) - 18], None, "step")
    p_values, z_scores, errors, alarms, known, seconds = [], [], [], [], [], []
    for seed in range(n_series):
        y, _ = simulate_series(n_months, interventions=[window, level], ar1=rho,
                               rate_ratios={"shift": shift}, seed=700_000 + seed)
        result = interrupted_time_series(y, [window], seed=seed)
        p_values.append(result.diagnostics["break_p"])
        alarms.append(any(getattr(n, "code", None) == "PRE_PERIOD_BREAK" for n in result.warnings))
        z_scores.append(result.diagnostics["acf_lag12_z"])
        errors.append(np.log(result.effects["window"].estimate))
        p_known, cost = known_month_p(y, window, level)
        known.append(p_known)
        seconds.append(cost)
    return {"rho": rho, "months": n_months, "shift": shift, "break_p": np.array(p_values),
            "lag12_z": np.array(z_scores), "log_rr": np.array(errors), "alarm": np.array(alarms),
            "known_p": np.array(known), "scan_seconds": np.array(seconds)}


def rates(p: np.ndarray) -> str:
    """Shares of finite p-values below each of P_THRESHOLDS, as 'a / b / c'."""
    p = p[np.isfinite(p)]
    return " / ".join(f"{np.mean(p < t):.3f}" for t in P_THRESHOLDS)


def render(cells: list[dict], shifts: list[float], n_series: int, command: str,
           seconds: float, loads: tuple[float, float]) -> str:
    """Markdown: the per-cell table (false alarms and power side by side) and pooled lines."""
    by_key = {(c["shift"], c["rho"], c["months"]): c for c in cells}
    head = ["latent ρ", "months", "no shift: p < " + " / ".join(map(str, P_THRESHOLDS))]
    for s in shifts[1:]:
        head += [f"shift {s:g}: scan p < " + " / ".join(map(str, P_THRESHOLDS)),
                 f"shift {s:g}: known month, p < 0.05", f"shift {s:g}: mean log RR error"]
    lines = [START, "", f"Command: `{command}` ({seconds / 60:.0f} min wall time, load average "
             f"{loads[0]:.1f} at the start and {loads[1]:.1f} at the end on the 2 shared "
             f"cores); {n_series} series a cell and shift; `PRE_PERIOD_BREAK` fires at "
             f"p < {BREAK_ALPHA:g}.", "", "| " + " | ".join(head) + " |",
             "|" + "---|" * len(head)]
    for rho in RHOS:
        for n_months in LENGTHS:
            row = [f"{rho:.1f}", str(n_months), rates(by_key[(1.0, rho, n_months)]["break_p"])]
            for s in shifts[1:]:
                c = by_key[(s, rho, n_months)]
                row += [rates(c["break_p"]), f"{np.mean(c['known_p'] < 0.05):.3f}",
                        f"{np.mean(c['log_rr']):+.3f}"]
            lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for s in shifts:
        chosen = [c for c in cells if c["shift"] == s]
        p = np.concatenate([c["break_p"] for c in chosen])
        alarm = np.mean(np.concatenate([c["alarm"] for c in chosen]))
        shares = [np.mean(c["break_p"][np.isfinite(c["break_p"])] < BREAK_ALPHA)
                  for c in chosen]
        known = np.mean(np.concatenate([c["known_p"] for c in chosen]) < 0.05)
        z = np.concatenate([c["lag12_z"] for c in chosen])
        z = z[np.isfinite(z)]
        lag12 = " / ".join(f"{np.mean(np.abs(z) > t):.3f}" for t in Z_THRESHOLDS)
        label = "no shift" if s == 1.0 else f"shift {s:g}"
        levels = " / ".join(map(str, P_THRESHOLDS))
        lines.append(f"* pooled, {label}: `PRE_PERIOD_BREAK` **{alarm:.3f}** (cells "
                     f"{min(shares):.3f}–{max(shares):.3f}); scan p < {levels}: {rates(p)}; "
                     + (f"known-month test {known:.3f}; " if s != 1.0 else "")
                     + f"lag-12 |z| > {' / '.join(map(str, Z_THRESHOLDS))}: {lag12}")
    cost = np.concatenate([c["scan_seconds"] for c in cells])
    per_length = {n: np.concatenate([c["scan_seconds"] for c in cells if c["months"] == n])
                  for n in LENGTHS}
    by_length = ", ".join(f"{n} months {1000 * np.mean(v):.0f} ms" for n, v in per_length.items())
    lines += [f"* scan cost: {1000 * np.mean(cost):.0f} CPU ms a series on average ({by_length})",
              "", END]
    return "\n".join(lines)


def write_table(block: str) -> None:
    """Replace the block between the markers in WARNINGS.md (atomically; appended the first
    time, after whatever text the file already holds)."""
    text = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text + "\n" + block
    tmp = TABLE.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(TABLE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shifts", type=float, nargs="*", default=list(SHIFTS),
                        help="rate ratios of the unmodelled pre-period level shift (power)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--save", type=Path, help="also keep the raw cells in this pickle")
    args = parser.parse_args()
    shifts = [1.0, *args.shifts]
    jobs = [(r, n, args.series, s) for s in shifts for r in RHOS for n in LENGTHS]
    command = ("OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/calibrate_warnings.py "
               f"--series {args.series} --workers {args.workers} --shifts "
               + " ".join(f"{s:g}" for s in args.shifts))
    began, load_start = time.time(), os.getloadavg()[0]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        cells = list(pool.map(run_cell, *zip(*jobs, strict=True)))
    if args.save:
        args.save.write_bytes(pickle.dumps(cells))
    block = render(cells, shifts, args.series, command, time.time() - began,
                   (load_start, os.getloadavg()[0]))
    print(block)
    if not args.no_write:
        write_table(block)


if __name__ == "__main__":
    main()
