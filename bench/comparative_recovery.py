"""Recovery of the comparative designs on simulated province panels (helpers.simulate).

Each panel: N provinces × 72 months, staggered two-month campaigns (rate ratio 1.3) in 70% of
provinces, the national May month and one common shock (ratio 1.4) hitting every province.
The voluntary-SI series carries the campaigns; the household-HI series of the same call has
rate ratio 1 (no effect) and gives the false-positive rates. Per panel:

- event study (not-yet-treated controls) over all provinces;
- synthetic control and synthetic DiD for the earliest campaign province, donors = provinces
  with no campaign up to its window's end.

Prints bias (as % of the true log effect), 95% coverage and false positives, and writes one row
per panel to --out so partial runs are usable. A second part puts the common shock on a
province's campaign start and shows ITS alone fooled while the comparisons are not.

    nice -n 10 .venv/bin/python bench/comparative_recovery.py --provinces 34 63 --panels 500
    nice -n 15 .venv/bin/python bench/comparative_recovery.py --provinces 63 --designs es
    .venv/bin/python bench/comparative_recovery.py --summarise --out /tmp/comparative_recovery.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from helpers.effects import (
    Intervention,
    event_study,
    interrupted_time_series,
    synthetic_control,
    synthetic_did,
)
from helpers.simulate import simulate_panel

TRUE_RATIO = 1.3
SHOCK_RATIO = 1.4
SETTINGS = dict(base_new=(300.0, 3000.0), sigma=0.04, dispersion=0.002, never_treated=0.3,
                campaign_months=2)


def simulate(n_provinces: int, seed: int, shock_month: str | None = None
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One panel pair: voluntary_si with campaigns, household_hi without effect."""
    rng = np.random.default_rng(seed)
    month = shock_month or str(pd.Period("2021-03", freq="M") + int(rng.integers(0, 36)))
    units = [(f"Province {i:02d}", "") for i in range(n_provinces)]
    panel, truth = simulate_panel(
        units, schemes=("voluntary_si", "household_hi"),
        campaign_rate_ratio={"voluntary_si": TRUE_RATIO, "household_hi": 1.0},
        common_shocks={month: SHOCK_RATIO}, seed=seed, **SETTINGS)
    camps = truth[(truth.intervention == "provincial_campaign")
                  & (truth.scheme == "voluntary_si")]
    return panel[["province", "month", "scheme", "new_participants"]], camps


DESIGNS = ("es", "sc", "sdid")


def one_panel(n_provinces: int, seed: int, designs: tuple[str, ...] = DESIGNS
              ) -> dict[str, float]:
    """Estimates of the designs on one simulated panel, with and without effect."""
    panel, camps = simulate(n_provinces, seed)
    treatments = camps.rename(columns={"province": "unit"})[["unit", "start", "end"]]
    first = camps.sort_values("start").iloc[0]
    donors = sorted(set(panel.province) - set(camps.province[camps.start <= first.end]))
    row: dict[str, float] = {"seed": seed, "n_donors": len(donors)}
    window = (first.start, first.end)
    run = {
        "es": lambda data: event_study(data, treatments),
        "sc": lambda data: synthetic_control(data, first.province, window, donors=donors),
        "sdid": lambda data: synthetic_did(data, first.province, window, donors=donors),
    }
    for scheme, tag in (("voluntary_si", "eff"), ("household_hi", "null")):
        series = panel[panel.scheme == scheme]
        for name in designs:
            result = run[name](series)
            effect = result.effect
            key = f"{name}_{tag}"
            if effect is None:
                row[f"{key}_log"] = row[f"{key}_cover"] = row[f"{key}_reject"] = np.nan
                if name == "es":
                    row[f"{key}_se"] = row[f"{key}_df"] = row[f"{key}_units"] = np.nan
                continue
            truth = TRUE_RATIO if tag == "eff" else 1.0
            row[f"{key}_log"] = float(np.log(effect.estimate))
            row[f"{key}_cover"] = float(effect.covers(truth))
            row[f"{key}_reject"] = float(effect.p_value < 0.05)
            if name == "es":
                # Enough to recompute the interval under another t reference from the rows.
                row[f"{key}_se"] = float(result.diagnostics["se"])
                row[f"{key}_df"] = float(result.diagnostics["df"])
                row[f"{key}_units"] = float(result.diagnostics["n_units"])
    return row


def summarise(rows: list[dict[str, float]], n_provinces: int) -> None:
    frame = pd.DataFrame(rows)
    true_log = np.log(TRUE_RATIO)
    print(f"\n== {n_provinces} provinces, {len(frame)} panels "
          f"(true ratio {TRUE_RATIO}, log {true_log:.4f})")
    print(f"{'design':8} {'n ok':>5} {'bias % of effect':>17} {'coverage':>9} "
          f"{'false pos.':>10} {'power':>6} {'null cover':>10}")
    for name in [d for d in DESIGNS if f"{d}_eff_log" in frame]:
        ok = frame[f"{name}_eff_log"].notna()
        bias = (frame.loc[ok, f"{name}_eff_log"].mean() - true_log) / true_log * 100
        print(f"{name:8} {int(ok.sum()):5d} {bias:17.2f} "
              f"{frame[f'{name}_eff_cover'].mean():9.3f} "
              f"{frame[f'{name}_null_reject'].mean():10.3f} "
              f"{frame[f'{name}_eff_reject'].mean():6.3f} "
              f"{frame[f'{name}_null_cover'].mean():10.3f}")
    print(f"(Monte Carlo s.e.: coverage {np.sqrt(0.95 * 0.05 / len(frame)):.3f}, "
          f"false positives {np.sqrt(0.05 * 0.95 / len(frame)):.3f})")
    if "es_eff_df" in frame:
        t_references(frame)


def t_references(frame: pd.DataFrame) -> None:
    """The event study's misses under other t references, from the stored s.e. and df.

    With a campaign effect the same on every unit, the estimate moves by exactly that effect
    and its s.e. and df do not change, so the miss rate with the effect (1 − coverage) and the
    false positives without it measure the same thing on two independent series.
    """
    print("event study, share of intervals missing the truth by t reference "
          "(with effect | without | both):")
    for label, reference in (("Satterthwaite df (used)", lambda f, tag: f[f"es_{tag}_df"]),
                             ("t(n - 1)", lambda f, tag: f[f"es_{tag}_units"] - 1),
                             ("normal", lambda f, tag: np.full(len(f), np.inf))):
        misses = []
        for tag, truth in (("eff", np.log(TRUE_RATIO)), ("null", 0.0)):
            ok = frame[f"es_{tag}_se"].notna()
            t = (frame.loc[ok, f"es_{tag}_log"] - truth) / frame.loc[ok, f"es_{tag}_se"]
            misses.append(np.abs(t) > stats.t.ppf(0.975, reference(frame[ok], tag)))
        both = np.concatenate(misses).mean()
        print(f"  {label:24} {misses[0].mean():.3f} | {misses[1].mean():.3f} | {both:.3f}")


def common_shock_case(n_panels: int, seed: int) -> None:
    """The shock lands on a province's campaign start: ITS alone is fooled, comparisons not."""
    print(f"\n== Common shock (ratio {SHOCK_RATIO}) in the campaign's first month, 34 provinces,"
          f" {n_panels} panels")
    results = {"its": [], "es": [], "sc": []}
    for k in range(n_panels):
        probe, camps = simulate(34, seed + k)
        first = camps.sort_values("start").iloc[0]
        panel, camps = simulate(34, seed + k, shock_month=first.start)
        series = panel[panel.scheme == "voluntary_si"]
        own = series[series.province == first.province].set_index("month")["new_participants"]
        its = interrupted_time_series(own, [Intervention("campaign", first.start, first.end)])
        donors = sorted(set(series.province) - set(camps.province[camps.start <= first.end]))
        sc = synthetic_control(series, first.province, (first.start, first.end), donors=donors)
        treatments = camps.rename(columns={"province": "unit"})[["unit", "start", "end"]]
        es = event_study(series, treatments)
        if its.effects:
            results["its"].append(its.effects["campaign"].estimate)
        for name, result in (("sc", sc), ("es", es)):
            if result.effect is not None:
                results[name].append(result.effect.estimate)
    for name, values in results.items():
        print(f"{name:4} mean ratio {np.exp(np.mean(np.log(values))):.3f} "
              f"(truth {TRUE_RATIO}; campaign × shock = {TRUE_RATIO * SHOCK_RATIO:.2f}), "
              f"n = {len(values)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, nargs="+", default=[34, 63])
    parser.add_argument("--panels", type=int, default=500)
    parser.add_argument("--shock-panels", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20260)
    parser.add_argument("--designs", nargs="+", choices=DESIGNS, default=list(DESIGNS),
                        help="run only these designs (the others' rows stay as they were)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/comparative_recovery.csv"))
    parser.add_argument("--summarise", action="store_true",
                        help="only summarise the rows already written to --out (partial runs)")
    args = parser.parse_args(argv)
    started = time.time()
    if args.summarise:
        for n_provinces in args.provinces:
            out = args.out.with_name(f"{args.out.stem}_{n_provinces}{args.out.suffix}")
            summarise(pd.read_csv(out).to_dict("records"), n_provinces)
        return 0
    for n_provinces in args.provinces:
        rows = []
        out = args.out.with_name(f"{args.out.stem}_{n_provinces}{args.out.suffix}")
        with out.open("w", newline="") as handle:
            writer = None
            for k in range(args.panels):
                row = one_panel(n_provinces, args.seed + k, tuple(args.designs))
                rows.append(row)
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
                handle.flush()
        summarise(rows, n_provinces)
        print(f"(rows in {out}; {time.time() - started:.0f} s so far)")
    common_shock_case(args.shock_panels, args.seed + 100_000)
    print(f"\ntotal {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
