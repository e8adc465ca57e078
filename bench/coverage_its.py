"""Coverage of interrupted_time_series' 95% intervals: effect kind × latent ρ × series length.

Run (writes the table into bench/COVERAGE.md between the coverage-table markers):

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/coverage_its.py --series 1000 \
        --workers 1

One BLAS thread per process: the fits are small (n ≤ 84), and on the shared 2-core machine
OpenBLAS's own threads multiplied their CPU time about sevenfold with identical results. Each
finished cell prints its CPU seconds (``--resume`` continues a run cut short).

Data: helpers.simulate.simulate_series as in issue 4's study (monthly negative binomial counts,
NB alpha 0.02, mean 200, log trend 0.05/year, yearly cycle of amplitude 0.2, latent AR(1) noise
on the log scale with innovation s.d. 0.1 and autocorrelation ρ), from 2019-01, the
intervention starting two thirds into the series. Effects: a lasting step of rate ratio 0.85,
a slope change of rate ratio 0.99 per month (log slope −0.01), a two-month window of rate
ratio 1.3; each also at no effect (rate ratio 1) for the false-positive rate. Each series
gets the rate-ratio interval of ``interrupted_time_series`` with its defaults
(``rate_ratio_interval``: same fit, covariance and t quantile, without the counterfactual
simulation). The table is rewritten after every cell, marked partial until all are done;
``--flags N`` also runs N series a cell through the public function to count its warnings.
"""

from __future__ import annotations

import argparse
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.effects import Intervention, interrupted_time_series
from helpers.effects.design import base_design, intervention_design
from helpers.effects.families import FAMILIES
from helpers.effects.inference import arma_covariance
from helpers.effects.its import coefficient_interval
from helpers.simulate import simulate_series

KINDS = {"step": 0.85, "slope": 0.99, "window": 1.3}
RHOS = (0.0, 0.3, 0.6, 0.8)
LENGTHS = (36, 60, 84)
TABLE = Path(__file__).with_name("COVERAGE.md")
START, END = "<!-- coverage-table:start -->", "<!-- coverage-table:end -->"


def intervention(kind: str, n_months: int) -> Intervention:
    """The effect of ``kind`` starting two thirds into an ``n_months`` series from 2019-01."""
    start = pd.period_range("2019-01", periods=n_months, freq="M")[round(2 * n_months / 3)]
    if kind == "window":
        return Intervention("effect", start, start + 1, "window")
    return Intervention("effect", start, None, "step" if kind == "step" else "ramp")


def rate_ratio_interval(y: pd.Series, iv: Intervention) -> tuple[float, float, float]:
    """The effect's (log RR, lower, upper, p) exactly as ``interrupted_time_series`` computes
    it with its defaults (negbin, fourier2, 95%), without the counterfactual simulation and
    diagnostics that the coverage of the rate ratio does not depend on (a third of the cost).
    tests/test_effects_coverage.py checks the two agree."""
    exog = np.column_stack([base_design(y.index, "fourier2").to_numpy(),
                            intervention_design(y.index, [iv]).to_numpy()])
    fit = FAMILIES["negbin"](y.to_numpy(dtype=float), exog, None)
    working = arma_covariance(exog, fit.weights, fit.pearson_resid, df_columns=1)
    return coefficient_interval(fit.params, working, exog.shape[1] - 1, 0.05)


def run_cell(kind: str, rho: float, n_months: int, n_series: int) -> dict[str, object]:
    """Coverage (effect and null), false positives and median df over one cell."""
    began = time.process_time()
    iv = intervention(kind, n_months)
    out: dict[str, object] = {"kind": kind, "rho": rho, "months": n_months}
    for label, ratio, offset in (("effect", KINDS[kind], 0), ("null", 1.0, 500_000)):
        covered, significant = [], []
        for seed in range(offset, offset + n_series):
            y, _ = simulate_series(n_months, "2019-01", interventions=[iv], ar1=rho,
                                   rate_ratios={"effect": ratio}, seed=seed)
            _, low, high, p_value = rate_ratio_interval(y, iv)
            covered.append(low <= np.log(ratio) <= high)
            significant.append(p_value < 0.05)
        out[f"{label}_coverage"] = float(np.mean(covered))
        out[f"{label}_significant"] = float(np.mean(significant))
        out["n_series"] = n_series
    out["cpu_seconds"] = time.process_time() - began
    return out


def flag_rates(n_series: int) -> dict[str, float]:
    """Share of correctly specified series (no break, season modelled) on which each warning
    fires through the public function: the false-alarm rates of the diagnostics."""
    codes: dict[str, float] = {}
    cells = [(k, r, n) for k in KINDS for r in RHOS for n in LENGTHS]
    for kind, rho, n_months in cells:
        iv = intervention(kind, n_months)
        for seed in range(900_000, 900_000 + n_series):
            y, _ = simulate_series(n_months, "2019-01", interventions=[iv], ar1=rho, seed=seed)
            for note in interrupted_time_series(y, [iv], seed=seed).warnings:
                code = getattr(note, "code", None) or "UNCODED"
                codes[code] = codes.get(code, 0) + 1 / (n_series * len(cells))
    return codes


def render(cells: list[dict], n_total: int, seconds: float, command: str) -> str:
    """The markdown block: cell rows, pooled figures, and whether the run is complete."""
    done = len(cells)
    lines = [START, ""]
    if done < n_total:
        lines.append(f"**PARTIAL: {done} of {n_total} cells done** (the run was cut short).\n")
    lines += [
        f"Command: `{command}` ({seconds / 60:.0f} min wall time at the load noted below).",
        "",
        "| effect | latent ρ | months | coverage (effect) | coverage (RR 1) | false positives |",
        "|---|---|---|---|---|---|",
    ]
    order = {k: i for i, k in enumerate(KINDS)}
    for c in sorted(cells, key=lambda c: (order[c["kind"]], c["rho"], c["months"])):
        lines.append(
            f"| {c['kind']} | {c['rho']:.1f} | {c['months']} | {c['effect_coverage']:.3f} | "
            f"{c['null_coverage']:.3f} | {c['null_significant']:.3f} |"
        )
    if cells:
        weights = np.array([c["n_series"] for c in cells], dtype=float)
        pooled_cov = np.average([c["effect_coverage"] for c in cells], weights=weights)
        pooled_null = np.average([c["null_coverage"] for c in cells], weights=weights)
        pooled_fp = np.average([c["null_significant"] for c in cells], weights=weights)
        worst = min(min(c["effect_coverage"], c["null_coverage"]) for c in cells)
        best = max(max(c["effect_coverage"], c["null_coverage"]) for c in cells)
        top_fp = max(c["null_significant"] for c in cells)
        lines += [
            "",
            f"Pooled over {done} cells: coverage **{pooled_cov:.3f}** with an effect and "
            f"**{pooled_null:.3f}** at RR 1; false positives **{pooled_fp:.3f}**. Cells range "
            f"{worst:.3f}–{best:.3f} in coverage; the highest false-positive rate is "
            f"{top_fp:.3f}.",
        ]
    lines += ["", END]
    return "\n".join(lines)


def read_cells(n_series: int) -> list[dict]:
    """The cells of the table in COVERAGE.md (figures as printed, to 3 decimals)."""
    text = TABLE.read_text(encoding="utf-8")
    block = text[text.find(START):text.find(END)] if START in text else ""
    cells = []
    for kind, rho, months, covered, covered_null, false_positive in re.findall(
        r"^\| (step|slope|window) \| ([\d.]+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$",
        block, re.M,
    ):
        cells.append({"kind": kind, "rho": float(rho), "months": int(months),
                      "effect_coverage": float(covered), "null_coverage": float(covered_null),
                      "null_significant": float(false_positive), "n_series": n_series})
    return cells


def write_table(block: str) -> None:
    """Replace the block between the markers in COVERAGE.md (append it the first time)."""
    text = TABLE.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text + "\n" + block
    tmp = TABLE.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(TABLE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=1000, help="series per cell and arm")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kinds", nargs="*", default=list(KINDS))
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--resume", action="store_true",
                        help="keep the cells already in the table and run the others, the "
                        "most autocorrelated first (for a run cut short)")
    parser.add_argument("--flags", type=int, default=0,
                        help="also run this many series a cell through the public function "
                        "and print each warning's false-alarm rate")
    args = parser.parse_args()
    jobs = [(k, r, n) for r in RHOS for n in LENGTHS for k in args.kinds]
    command = ("OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/coverage_its.py "
               f"--series {args.series}")
    began, cells = time.time(), read_cells(args.series) if args.resume else []
    done = {(c["kind"], c["rho"], c["months"]) for c in cells}
    todo = sorted((j for j in jobs if j not in done), key=lambda j: -j[1])
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(run_cell, *job, args.series) for job in todo]
        for future in futures:
            cells.append(future.result())
            block = render(cells, len(jobs), time.time() - began, command)
            last = cells[-1]
            print(f"{len(cells)}/{len(jobs)} cells, {time.time() - began:.0f} s; "
                  f"{last['kind']} rho {last['rho']} {last['months']} months: "
                  f"{last['cpu_seconds']:.0f} CPU s", flush=True)
            if not args.no_write:
                write_table(block)
    print(render(cells, len(jobs), time.time() - began, command))
    if args.flags:
        for code, share in sorted(flag_rates(args.flags).items()):
            print(f"{code}: {share:.3f} of correctly specified series")


if __name__ == "__main__":
    main()
