"""Coverage of interrupted_time_series' 95% intervals: effect kind × latent ρ × series length.

Run (writes the table into bench/COVERAGE.md between the coverage-table markers):

    nice -n 10 .venv/bin/python bench/coverage_its.py --series 1000 --workers 2

Data: helpers.simulate.simulate_series as in issue 4's study (monthly negative binomial counts,
NB alpha 0.02, mean 200, log trend 0.05/year, yearly cycle of amplitude 0.2, latent AR(1) noise
on the log scale with innovation s.d. 0.1 and autocorrelation ρ), from 2019-01, the
intervention starting two thirds into the series. Effects: a lasting step of rate ratio 0.85,
a slope change of rate ratio 0.99 per month (log slope −0.01), a two-month window of rate
ratio 1.3; each also at no effect (rate ratio 1) for the false-positive rate. Every series is
analysed by the public ``interrupted_time_series`` with its defaults, so refusals and
warnings are counted as a user would see them. The table is rewritten after every cell, marked
partial until all cells are done.
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


def run_cell(kind: str, rho: float, n_months: int, n_series: int) -> dict[str, object]:
    """Coverage (effect and null), false positives and warning codes over one cell."""
    iv = intervention(kind, n_months)
    out: dict[str, object] = {"kind": kind, "rho": rho, "months": n_months}
    for label, ratio, offset in (("effect", KINDS[kind], 0), ("null", 1.0, 500_000)):
        covered, significant, flagged, dfs = [], [], [], []
        codes: dict[str, int] = {}
        for seed in range(offset, offset + n_series):
            y, _ = simulate_series(n_months, "2019-01", interventions=[iv], ar1=rho,
                                   rate_ratios={"effect": ratio}, seed=seed)
            result = interrupted_time_series(y, [iv], seed=seed)
            for note in result.warnings:
                code = getattr(note, "code", None) or "UNCODED"
                codes[code] = codes.get(code, 0) + 1
            flagged.append(result.status != "ok")
            if result.status == "refuse":
                continue
            effect = result.effects["effect"]
            covered.append(effect.ci_low <= ratio <= effect.ci_high)
            significant.append(effect.p_value < 0.05)
            dfs.append(result.diagnostics["effect_df"]["effect"])
        out[f"{label}_coverage"] = float(np.mean(covered)) if covered else float("nan")
        out[f"{label}_significant"] = float(np.mean(significant)) if significant else float("nan")
        out[f"{label}_flagged"] = float(np.mean(flagged))
        out[f"{label}_df"] = float(np.median(dfs)) if dfs else float("nan")
        out[f"{label}_codes"] = codes
        out["n_series"] = n_series
    return out


def _codes(cell: dict) -> str:
    merged: dict[str, int] = {}
    for label in ("effect", "null"):
        for code, count in cell[f"{label}_codes"].items():
            merged[code] = merged.get(code, 0) + count
    total = 2 * cell["n_series"]
    return ", ".join(f"{c} {n / total:.0%}" for c, n in sorted(merged.items())) or "–"


def render(cells: list[dict], n_total: int, seconds: float, command: str) -> str:
    """The markdown block: cell rows, pooled figures, and whether the run is complete."""
    done = len(cells)
    lines = [START, ""]
    if done < n_total:
        lines.append(f"**PARTIAL: {done} of {n_total} cells done** (the run was cut short).\n")
    lines += [
        f"Command: `{command}` ({seconds / 60:.0f} min wall time at the load noted below).",
        "",
        "| effect | latent ρ | months | coverage (effect) | coverage (RR 1) | false positives "
        "| median df | warned or refused | codes (share of series) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    order = {k: i for i, k in enumerate(KINDS)}
    for c in sorted(cells, key=lambda c: (order[c["kind"]], c["rho"], c["months"])):
        flagged = (c["effect_flagged"] + c["null_flagged"]) / 2
        lines.append(
            f"| {c['kind']} | {c['rho']:.1f} | {c['months']} | {c['effect_coverage']:.3f} | "
            f"{c['null_coverage']:.3f} | {c['null_significant']:.3f} | {c['effect_df']:.1f} | "
            f"{flagged:.0%} | {_codes(c)} |"
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
    args = parser.parse_args()
    jobs = [(k, r, n) for r in RHOS for n in LENGTHS for k in args.kinds]
    command = "nice -n 10 .venv/bin/python bench/coverage_its.py --series " + str(args.series)
    began, cells = time.time(), []
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(run_cell, *job, args.series) for job in jobs]
        for future in futures:
            cells.append(future.result())
            block = render(cells, len(jobs), time.time() - began, command)
            print(f"{len(cells)}/{len(jobs)} cells, {time.time() - began:.0f} s", flush=True)
            if not args.no_write:
                write_table(block)
    print(render(cells, len(jobs), time.time() - began, command))


if __name__ == "__main__":
    main()
