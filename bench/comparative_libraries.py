"""pysyncon and differences on the reproductions of bench/comparative_reproduce.py, and their
speed on a 63-province × 72-month panel (the evaluation in bench/COMPARATIVE.md).

Neither library is a project dependency: run this in a scratch environment that has them,

    python -m venv /tmp/libvenv
    /tmp/libvenv/bin/pip install pysyncon==1.7.0 differences==0.3.0
    nice -n 15 /tmp/libvenv/bin/python bench/comparative_libraries.py \
        /tmp/data/california_prop99.csv /tmp/data/mpdta.csv

It prints each library's figure beside the published one (the same figures
comparative_reproduce.py prints for ours).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

# Arkhangelsky et al. (2021), Table 1: synthdid's sc_estimate on Proposition 99.
PROP99_SC = -19.6
# R did, att_gt(yname = "lemp", tname = "year", idname = "countyreal", gname = "first.treat"),
# never-treated controls: ATT(g, t) and the simple aggregation as printed in its README.
MPDTA_ATT = {(2004, 2004): -0.0105, (2004, 2005): -0.0704, (2004, 2006): -0.1373,
             (2004, 2007): -0.1008, (2006, 2004): 0.0065, (2006, 2005): -0.0028,
             (2006, 2006): -0.0046, (2006, 2007): -0.0412, (2007, 2004): 0.0305,
             (2007, 2005): -0.0027, (2007, 2006): -0.0311, (2007, 2007): -0.0261}
MPDTA_SIMPLE = (-0.0400, 0.0120)
MPDTA_DYNAMIC = (-0.0772, 0.0196)


def prop99_pysyncon(path: Path) -> None:
    """synthdid's sc_estimate (pre-period outcomes, simplex weights, no covariates) and the
    classic fit (V chosen by the nested optimisation) with pysyncon."""
    from pysyncon import Synth

    frame = pd.read_csv(path, sep=";")
    wide = frame.pivot(index="Year", columns="State", values="PacksPerCapita")
    pre, post = wide.loc[:1988], wide.loc[1989:]
    donors = [c for c in wide.columns if c != "California"]
    x0, x1 = pre[donors], pre["California"]
    for label, kwargs in (
        # The library divides each row by its s.d. across units; V = that variance squared
        # undoes it, so the objective is synthdid's plain sum of squares.
        ("pre-period outcomes, V fixed", {"custom_V": pd.concat([x0, x1], axis=1)
                                           .std(axis=1).to_numpy() ** 2}),
        ("nested V optimisation (ADH)", {}),
    ):
        started = time.perf_counter()
        model = Synth()
        model.fit(X0=x0, X1=x1, Z0=pre[donors], Z1=pre["California"], **kwargs)
        weights = np.asarray(model.W)
        gap = post["California"].to_numpy() - post[donors].to_numpy() @ weights
        seconds = time.perf_counter() - started
        print(f"pysyncon SC, {label}: {gap.mean():.3f} (published {PROP99_SC}; "
              f"{seconds:.2f} s)")


def mpdta_differences(path: Path) -> None:
    """R did's never-treated ATT(g, t) and simple aggregation with differences.ATTgt."""
    from differences import ATTgt

    frame = pd.read_csv(path)
    frame["cohort"] = frame["first.treat"].where(frame["first.treat"] > 0)
    data = frame.set_index(["countyreal", "year"])
    started = time.perf_counter()
    model = ATTgt(data=data, cohort_column="cohort")
    model.fit(formula="lemp", control_group="never_treated", progress_bar=False)
    simple = model.aggregate("simple")
    dynamic = model.aggregate("event", overall=True)
    seconds = time.perf_counter() - started
    # Rows (cohort, base period, time); the first two columns are the ATT and its s.e.
    att = model.results().iloc[:, 0].droplevel("base_period")
    worst = max(abs(round(float(att.loc[(g, t)]), 4) - printed)
                for (g, t), printed in MPDTA_ATT.items())
    print(f"differences ATT(g,t): largest difference from R's printed digits {worst:.4f} "
          f"({seconds:.2f} s with both aggregations)")
    print(f"differences simple: {simple.iloc[0, 0]:.4f} (s.e. {simple.iloc[0, 1]:.4f}); "
          f"R {MPDTA_SIMPLE[0]:.4f} ({MPDTA_SIMPLE[1]:.4f})")
    print(f"differences dynamic overall: {dynamic.iloc[0, 0]:.4f} "
          f"(s.e. {dynamic.iloc[0, 1]:.4f}); R {MPDTA_DYNAMIC[0]:.4f} ({MPDTA_DYNAMIC[1]:.4f})")


def speed_differences(n_units: int = 63, n_periods: int = 72, seed: int = 0) -> None:
    """ATT(g, t) with not-yet-treated controls on a monthly province panel."""
    from differences import ATTgt

    rng = np.random.default_rng(seed)
    cohort = np.where(rng.random(n_units) < 0.3, np.nan, rng.integers(25, 67, n_units))
    rows = [(u, t, cohort[u], 5 + 0.01 * t + rng.normal(0, 0.05))
            for u in range(n_units) for t in range(1, n_periods + 1)]
    data = pd.DataFrame(rows, columns=["unit", "t", "cohort", "y"]).set_index(["unit", "t"])
    started = time.perf_counter()
    model = ATTgt(data=data, cohort_column="cohort")
    model.fit(formula="y", control_group="not_yet_treated", progress_bar=False)
    model.aggregate("simple")
    print(f"differences, {n_units} units × {n_periods} periods, not-yet-treated: "
          f"{time.perf_counter() - started:.1f} s for ATT(g,t) and the simple aggregation")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prop99", type=Path, help="california_prop99.csv of synthdid")
    parser.add_argument("mpdta", type=Path, help="data/mpdta.csv of d2cml-ai/csdid")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    prop99_pysyncon(args.prop99)
    mpdta_differences(args.mpdta)
    speed_differences()
    return 0


if __name__ == "__main__":
    sys.exit(main())
