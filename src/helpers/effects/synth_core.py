"""Numerical core of synthetic control and synthetic difference-in-differences.

Weights on the simplex by exact penalised least squares, and the estimators of Arkhangelsky et
al. (2021) as the synthdid R package defines them (``synthdid_estimate``, ``sc_estimate``,
``did_estimate``), with its placebo standard error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from scipy.optimize import nnls

# The sum-to-one row of the augmented least squares is weighted this much above the data scale.
_SUM_WEIGHT = 1e4


def simplex_weights(
    a: np.ndarray, b: np.ndarray, *, intercept: bool = False, penalty: float = 0.0
) -> np.ndarray:
    """Weights w ≥ 0, Σw = 1 minimising ‖A w + c − b‖² + penalty · ‖w‖².

    Parameters
    ----------
    a
        Rows are observations (pre-periods), columns the candidates (donors).
    b
        Target, one value per row.
    intercept
        Allow a free constant c (rows are demeaned first), as in demeaned synthetic control and
        synthetic DiD; without it c = 0 (classic synthetic control).
    penalty
        Ridge penalty on the weights (synthdid's ``eta = rows × zeta²``).

    Returns
    -------
    numpy.ndarray
        The weights, one per column of ``a``.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if intercept:
        a = a - a.mean(axis=0)
        b = b - b.mean()
    n_rows, n_cols = a.shape
    if n_cols == 1:
        return np.ones(1)
    scale = max(float(np.abs(a).max()), float(np.abs(b).max()), 1e-12) * _SUM_WEIGHT
    blocks_a = [a, np.full((1, n_cols), scale)]
    blocks_b = [b, np.array([scale])]
    if penalty > 0:
        blocks_a.insert(1, np.sqrt(penalty) * np.eye(n_cols))
        blocks_b.insert(1, np.zeros(n_cols))
    weights, _ = nnls(np.vstack(blocks_a), np.concatenate(blocks_b), maxiter=50 * n_cols)
    total = weights.sum()
    return weights / total if total > 0 else np.full(n_cols, 1.0 / n_cols)


@dataclass(frozen=True)
class SDIDFit:
    """One synthdid-type estimate with the weights and tuning that produced it."""

    estimate: float
    omega: np.ndarray
    lam: np.ndarray
    zeta_omega: float
    zeta_lambda: float
    noise: float


def noise_level(y: np.ndarray, n0: int, t0: int) -> float:
    """synthdid's noise level: s.d. of the controls' period-to-period changes before treatment."""
    changes = np.diff(y[:n0, :t0], axis=1)
    return float(np.std(changes, ddof=1)) if changes.size > 1 else 0.0


def sdid_fit(
    y: np.ndarray,
    n0: int,
    t0: int,
    *,
    method: str = "sdid",
    zeta_omega: float | None = None,
    zeta_lambda: float | None = None,
) -> SDIDFit:
    """Estimate the effect on rows n0.. over columns t0.. (controls first, pre-periods first).

    Parameters
    ----------
    y
        Units × periods; the first ``n0`` rows are controls, the first ``t0`` columns pre-periods.
    method
        "sdid" (unit weights with intercept and synthdid's ridge, time weights with intercept),
        "sc" (unit weights without intercept, negligible ridge, no time weights: synthdid's
        ``sc_estimate``) or "did" (uniform weights).
    zeta_omega, zeta_lambda
        Regularisation; synthdid's defaults when None. Placebo replications pass the original's.
    """
    n1, t1 = y.shape[0] - n0, y.shape[1] - t0
    noise = noise_level(y, n0, t0)
    treated_mean = y[n0:].mean(axis=0)
    post_mean = y[:, t0:].mean(axis=1)
    if method == "did":
        omega, lam = np.full(n0, 1.0 / n0), np.full(t0, 1.0 / t0)
        z_omega = z_lambda = 0.0
    elif method == "sc":
        z_omega = 1e-6 * noise if zeta_omega is None else zeta_omega
        z_lambda = 0.0
        omega = simplex_weights(y[:n0, :t0].T, treated_mean[:t0], intercept=False,
                                penalty=t0 * z_omega**2)
        lam = np.zeros(t0)
    elif method == "sdid":
        z_omega = (n1 * t1) ** 0.25 * noise if zeta_omega is None else zeta_omega
        z_lambda = 1e-6 * noise if zeta_lambda is None else zeta_lambda
        omega = simplex_weights(y[:n0, :t0].T, treated_mean[:t0], intercept=True,
                                penalty=t0 * z_omega**2)
        lam = simplex_weights(y[:n0, :t0], post_mean[:n0], intercept=True,
                              penalty=n0 * z_lambda**2)
    else:
        raise ValueError(f"method '{method}' is not one of sdid, sc, did.")
    unit_w = np.concatenate([-omega, np.full(n1, 1.0 / n1)])
    time_w = np.concatenate([-lam, np.full(t1, 1.0 / t1)])
    estimate = float(unit_w @ y @ time_w)
    return SDIDFit(estimate, omega, lam, z_omega, z_lambda, noise)


#: While `sharing_placebos` is active: where placebo results are kept, by their inputs.
_SHARED: list[dict] = []
#: Placebo results kept at most (a batch has one set per campaign window and donor pool).
_MAX_SHARED = 1024


@contextmanager
def sharing_placebos(kept: dict) -> Iterator[None]:
    """Within the block, placebo results that depend only on the donors (the donors' own
    placebo fits of synthetic control and synthetic DiD, with one treated unit) are kept in
    ``kept`` by a digest of everything they are computed from (the donors' values, the
    periods, the tuning) and reused when the same inputs come again: provinces whose campaign
    windows and donor pools coincide share them. The treated unit's values are not among
    those inputs, so what is reused is what would be recomputed; ``kept`` may outlive the
    block (a batch's shared comparison keeps it)."""
    _SHARED.append(kept)
    try:
        yield
    finally:
        _SHARED.pop()


def shared_placebos(kind: str, arrays: tuple[np.ndarray, ...], tuning: tuple,
                    compute: Callable[[], np.ndarray]) -> np.ndarray:
    """``compute()``, or within `sharing_placebos` a copy of the result kept for the same
    ``kind``, ``tuning`` and the exact bytes, shapes and types of ``arrays``."""
    if not _SHARED:
        return compute()
    kept = _SHARED[-1]
    digest = hashlib.blake2b(digest_size=32)
    for array in arrays:
        array = np.ascontiguousarray(array)
        digest.update(repr((array.shape, array.dtype.str)).encode())
        digest.update(array.tobytes())
    key = (kind, tuning, digest.hexdigest())
    if key not in kept:
        if len(kept) >= _MAX_SHARED:
            kept.clear()
        kept[key] = compute()
    return np.array(kept[key], copy=True)


def placebo_estimates(
    y: np.ndarray, n0: int, t0: int, fit: SDIDFit, *, method: str, replications: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """synthdid's placebo replications: controls reshuffled, as many as there are treated units
    made pseudo-treated, the same regularisation re-used, the estimate recomputed (Algorithm 4
    of Arkhangelsky et al.). With one treated unit they depend on the controls only, and are
    shared between designs with the same controls (`sharing_placebos`)."""
    n1 = y.shape[0] - n0
    controls = y[:n0]

    def estimates(orders: list[np.ndarray]) -> np.ndarray:
        return np.array([
            sdid_fit(controls[order], n0 - n1, t0, method=method, zeta_omega=fit.zeta_omega,
                     zeta_lambda=fit.zeta_lambda).estimate
            for order in orders
        ])

    if n1 == 1:
        # With one treated unit a replication only picks which control plays it, so every
        # control once gives the limit of synthdid's random replications exactly.
        orders = [np.r_[np.delete(np.arange(n0), j), j] for j in range(n0)]
        return shared_placebos("sdid", (controls,),
                               (method, t0, fit.zeta_omega, fit.zeta_lambda),
                               lambda: estimates(orders))
    return estimates([rng.permutation(n0) for _ in range(replications)])


def placebo_se(draws: np.ndarray) -> float:
    """Standard error from placebo draws, with synthdid's sqrt((r − 1)/r) factor (the population
    s.d. of the draws)."""
    return float(np.std(draws, ddof=0))

