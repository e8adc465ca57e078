"""Why the event study's t(n − 1) intervals were too thin at 63 provinces (bench/COMPARATIVE.md).

Two checks on the overall effect of ``helpers.effects.event_study`` (group_time_effects and
GroupTime.aggregate, the code behind ``effect``), with the recovery bench's design: 72 months,
campaigns of two months starting between months 24 and 65 in 70% of units.

``exact``: for one drawn design the estimate and its influence functions are linear in the
outcomes, so the true variance and the expected clustered variance are computed exactly
(AR(1) noise, unit variances differing tenfold). ``replica``: Monte Carlo on outcome matrices
(AR(1) s.d. 0.04, ρ 0.5, plus log negative-binomial counts as in helpers.simulate), printing
false positives with t(n − 1) and with the Satterthwaite degrees of freedom now used.

    nice -n 15 .venv/bin/python bench/comparative_es_calibration.py exact --units 63 --seed 1
    nice -n 15 .venv/bin/python bench/comparative_es_calibration.py replica --units 63 \
        --reps 400 --seed 12 --scale 1 --counts
"""

from __future__ import annotations

import argparse
import importlib
import sys

import numpy as np
from scipy import stats

ES = importlib.import_module("helpers.effects.event_study")
PERIODS, RHO, SIGMA = 72, 0.5, 0.04


def design(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    start = np.where(rng.random(n) < 0.3, ES.NEVER, rng.integers(24, 66, n))
    return start, np.where(start == ES.NEVER, ES.NEVER, start + 1)


def overall(values: np.ndarray, start: np.ndarray, end: np.ndarray
            ) -> tuple[float, np.ndarray]:
    gt = ES.group_time_effects(values, start, end, "not_yet_treated")
    return gt.aggregate((gt.period >= gt.group) & (gt.period <= gt.end))


def exact(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    start, end = design(rng, n)
    coef = np.zeros((n, PERIODS))
    maps = np.zeros((n, n, PERIODS))  # influence of unit i per unit value (j, t)
    for j in range(n):
        for t in range(PERIODS):
            probe = np.zeros((n, PERIODS))
            probe[j, t] = 1.0
            coef[j, t], maps[:, j, t] = overall(probe, start, end)
    lags = np.abs(np.subtract.outer(np.arange(PERIODS), np.arange(PERIODS)))
    cov = RHO**lags
    scale = np.exp(rng.uniform(0, np.log(10), n))
    true = sum(scale[j] * coef[j] @ cov @ coef[j] for j in range(n))
    expected = sum(scale[j] * maps[i, j] @ cov @ maps[i, j]
                   for i in range(n) for j in range(n)) / n**2
    print(f"{n} units, seed {seed}: expected clustered variance / true variance "
          f"{expected / true:.3f}")


def replica(n: int, reps: int, seed: int, scale: float, counts: bool) -> None:
    rng = np.random.default_rng(seed)
    t_stats, dfs = [], []
    for _ in range(reps):
        start, end = design(rng, n)
        mean = np.exp(rng.uniform(np.log(300), np.log(3000), n)) * scale
        noise = np.empty((n, PERIODS))
        noise[:, 0] = rng.normal(0, SIGMA / np.sqrt(1 - RHO**2), n)
        for t in range(1, PERIODS):
            noise[:, t] = RHO * noise[:, t - 1] + rng.normal(0, SIGMA, n)
        if counts:
            rate = mean[:, None] * np.exp(noise)
            values = np.log(rng.poisson(rng.gamma(500.0, 0.002 * rate)))
        else:
            values = noise + rng.normal(0, 1, (n, PERIODS)) * np.sqrt(0.002 + 1 / mean)[:, None]
        estimate, influence = overall(values, start, end)
        t_stats.append(estimate / ES._se(influence))
        dfs.append(ES._t_df(influence))
    t_abs, df = np.abs(np.array(t_stats)), np.array(dfs)
    print(f"{n} units, {reps} panels, {'NB counts' if counts else 'Gaussian'} × {scale}: "
          f"false positives t({n - 1}) {np.mean(t_abs > stats.t.ppf(0.975, n - 1)):.3f}, "
          f"Satterthwaite {np.mean(t_abs > stats.t.ppf(0.975, df)):.3f} "
          f"(mean df {df.mean():.1f}); s.d. of t {np.std(t_stats):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("check", choices=["exact", "replica"])
    parser.add_argument("--units", type=int, default=63)
    parser.add_argument("--reps", type=int, default=400)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--counts", action="store_true")
    args = parser.parse_args(argv)
    if args.check == "exact":
        exact(args.units, args.seed)
    else:
        replica(args.units, args.reps, args.seed, args.scale, args.counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
