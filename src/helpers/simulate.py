"""Seeded generators of monthly enrolment series and panels with known campaign effects.

Used by the tests (recovery and coverage of helpers.effects) and by the demo data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.effects.design import Intervention, to_month
from helpers.errors import ParameterError

PANEL_SCHEMES = ("voluntary_si", "household_hi")
# Household health insurance is bought by whole families, so its monthly flows are larger.
_SCHEME_SIZE = {"voluntary_si": 1.0, "household_hi": 4.0}


@dataclass
class SeriesTruth:
    """What generated a simulated series, for checking estimates against.

    Attributes
    ----------
    rate_ratios
        True rate ratio of each intervention (per month for ramps).
    mean, counterfactual_mean
        Expected counts given the latent AR(1) state, with and without the interventions.
    extra_total
        True extra enrolments over the intervention months: sum of ``mean - counterfactual_mean``.
    """

    rate_ratios: dict[str, float]
    mean: pd.Series
    counterfactual_mean: pd.Series
    extra_total: float
    params: dict[str, float] = field(default_factory=dict)


def _ar1(rng: np.random.Generator, shape: tuple[int, int], ar1: float, sigma: float) -> np.ndarray:
    """Stationary AR(1) paths along the last axis (rows are independent series)."""
    if not -1.0 < ar1 < 1.0:
        raise ParameterError(f"ar1 must lie strictly between -1 and 1; got {ar1}.")
    if sigma < 0:
        raise ParameterError(f"sigma must be non-negative; got {sigma}.")
    shocks = rng.normal(0.0, sigma, size=shape)
    path = np.empty(shape)
    path[..., 0] = shocks[..., 0] / np.sqrt(1.0 - ar1**2)
    for t in range(1, shape[-1]):
        path[..., t] = ar1 * path[..., t - 1] + shocks[..., t]
    return path


def _counts(rng: np.random.Generator, mean: np.ndarray, dispersion: float) -> np.ndarray:
    """Negative binomial (NB2) draws with the given means, as a gamma-Poisson mixture."""
    if dispersion < 0:
        raise ParameterError(f"dispersion (NB alpha) must be non-negative; got {dispersion}.")
    if dispersion == 0:
        return rng.poisson(mean).astype(float)
    return rng.poisson(rng.gamma(1.0 / dispersion, dispersion * mean)).astype(float)


def _season(calendar_month: np.ndarray, amplitude: float, peak: int = 5) -> np.ndarray:
    return amplitude * np.cos(2 * np.pi * (calendar_month - peak) / 12.0)


def simulate_series(
    n_months: int = 72,
    start: str = "2019-01",
    *,
    base: float = 200.0,
    trend: float = 0.05,
    season_amplitude: float = 0.2,
    ar1: float = 0.5,
    sigma: float = 0.1,
    dispersion: float = 0.02,
    interventions: Sequence[Intervention] = (),
    rate_ratios: Mapping[str, float] | None = None,
    seed: int = 0,
) -> tuple[pd.Series, SeriesTruth]:
    """Simulate monthly new enrolments with trend, seasonality, AR(1) noise and known effects.

    log mean = log(base) + trend * years + season + log(rate ratio) * intervention + AR(1),
    and counts are negative binomial around that mean.

    Parameters
    ----------
    n_months, start
        Length and first month ("YYYY-MM").
    base, trend, season_amplitude
        Mean count at mid-series, log growth per year, amplitude of the yearly cycle (peak May).
    ar1, sigma
        Autocorrelation and innovation s.d. of the latent log-scale noise.
    dispersion
        Negative binomial alpha of the counts around the latent mean (0 = Poisson).
    interventions, rate_ratios
        Interventions and their true rate ratios by name (default 1: no effect).
    seed
        Seed of the random generator.

    Returns
    -------
    (Series, SeriesTruth)
        Counts indexed by a monthly PeriodIndex, and the truth behind them.

    Examples
    --------
    >>> y, truth = simulate_series(interventions=[Intervention("may", "2023-05", "2023-06")],
    ...                            rate_ratios={"may": 1.5}, seed=1)
    """
    if n_months < 2:
        raise ParameterError(f"n_months must be at least 2; got {n_months}.")
    if base <= 0:
        raise ParameterError(f"base must be positive; got {base}.")
    ratios = dict(rate_ratios or {})
    unknown = set(ratios) - {iv.name for iv in interventions}
    if unknown:
        raise ParameterError(f"rate_ratios name unknown interventions: {sorted(unknown)}.")
    if any(r <= 0 for r in ratios.values()):
        raise ParameterError("rate ratios must be positive.")
    rng = np.random.default_rng(seed)
    months = pd.period_range(to_month(start), periods=n_months, freq="M")
    years = (np.arange(n_months) - (n_months - 1) / 2) / 12.0
    log_cf = (
        np.log(base)
        + trend * years
        + _season(np.asarray(months.month), season_amplitude)
        + _ar1(rng, (1, n_months), ar1, sigma)[0]
    )
    log_effect = np.zeros(n_months)
    touched = np.zeros(n_months, dtype=bool)
    for iv in interventions:
        log_effect += np.log(ratios.get(iv.name, 1.0)) * iv.column(months)
        touched |= iv.active(months)
    mean = np.exp(log_cf + log_effect)
    counterfactual = np.exp(log_cf)
    y = pd.Series(_counts(rng, mean, dispersion), index=months, name="new_participants")
    truth = SeriesTruth(
        rate_ratios={iv.name: ratios.get(iv.name, 1.0) for iv in interventions},
        mean=pd.Series(mean, index=months),
        counterfactual_mean=pd.Series(counterfactual, index=months),
        extra_total=float((mean - counterfactual)[touched].sum()),
        params={
            "base": base,
            "trend": trend,
            "season_amplitude": season_amplitude,
            "ar1": ar1,
            "sigma": sigma,
            "dispersion": dispersion,
        },
    )
    return y, truth


def _units(units: Sequence[tuple[str, str]] | int) -> pd.DataFrame:
    if isinstance(units, int):
        if units < 1:
            raise ParameterError(f"units must be a positive number or a list; got {units}.")
        # Ten districts per synthetic province, like a mid-sized province.
        return pd.DataFrame(
            {
                "province": [f"Province {i // 10 + 1:02d}" for i in range(units)],
                "district": [f"District {i + 1:03d}" for i in range(units)],
            }
        )
    frame = pd.DataFrame(list(units), columns=["province", "district"])
    if frame.empty:
        raise ParameterError("units is empty; give (province, district) pairs or a number.")
    if frame.duplicated().any():
        raise ParameterError("units repeats a (province, district) pair.")
    return frame.fillna("")


def simulate_panel(
    units: Sequence[tuple[str, str]] | int = 20,
    n_months: int = 72,
    start: str = "2019-01",
    *,
    schemes: Sequence[str] = PANEL_SCHEMES,
    campaign_rate_ratio: float | Mapping[str, float] = 1.6,
    campaign_months: int = 2,
    adoption: tuple[str, str] = ("2021-01", "2024-06"),
    never_treated: float = 0.25,
    national_month: int | None = 5,
    national_rate_ratio: float = 1.25,
    national_from: int = 2020,
    common_shocks: Mapping[str, float] | None = None,
    dropout_hazard: float = 0.015,
    january_dropout_factor: float = 2.0,
    base_new: tuple[float, float] = (15.0, 150.0),
    trend: float = 0.08,
    season_amplitude: float = 0.15,
    ar1: float = 0.5,
    sigma: float = 0.1,
    dispersion: float = 0.02,
    coverage: float = 0.03,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate a monthly panel (the official-export contract) with staggered campaigns.

    Each province adopts one provincial campaign (a window of ``campaign_months`` months) at a
    random month inside ``adoption``, shared by its districts; a share ``never_treated`` of
    provinces never do. A national campaign month (May by default) runs every year from
    ``national_from``, so earlier years give an untreated contrast. ``common_shocks`` maps months
    ("YYYY-MM") to rate ratios that hit every province that month (a national launch, a change
    in contribution support): a province's own interrupted time series cannot tell them from its
    campaign, a comparison with other provinces can. Drop-outs are binomial with a
    monthly hazard (higher in January), and the stock satisfies
    participants_t = participants_{t-1} + new_participants_t - dropouts_t exactly.

    Returns
    -------
    (panel, truth)
        panel: province, district, month ("YYYY-MM"), scheme, participants, new_participants,
        dropouts, labour_force. truth: one row per unit, scheme and campaign with province,
        district, scheme, intervention, kind, start, end, rate_ratio, extra_new.

    Examples
    --------
    >>> panel, truth = simulate_panel(5, seed=3)
    """
    if n_months < 2:
        raise ParameterError(f"n_months must be at least 2; got {n_months}.")
    if not 0.0 <= dropout_hazard < 1.0 or not 0.0 <= never_treated <= 1.0:
        raise ParameterError("dropout_hazard must be in [0, 1) and never_treated in [0, 1].")
    unknown = set(schemes) - set(_SCHEME_SIZE)
    if unknown or not schemes:
        raise ParameterError(f"schemes must be among {list(_SCHEME_SIZE)}; got {list(schemes)}.")
    ratios = (
        dict(campaign_rate_ratio)
        if isinstance(campaign_rate_ratio, Mapping)
        else dict.fromkeys(schemes, float(campaign_rate_ratio))
    )
    rng = np.random.default_rng(seed)
    frame = _units(units)
    months = pd.period_range(to_month(start), periods=n_months, freq="M")
    first, last = to_month(adoption[0]), to_month(adoption[1])
    if last < first:
        raise ParameterError(f"adoption ends ({last}) before it starts ({first}).")
    provinces = frame["province"].unique()
    offsets = rng.integers(0, (last - first).n + 1, size=len(provinces))
    adopts = rng.random(len(provinces)) >= never_treated
    start_of = {p: (first + int(o) if a else None)
                for p, o, a in zip(provinces, offsets, adopts, strict=True)}

    rows = [(u, s) for u in range(len(frame)) for s in schemes]
    unit_idx = np.array([u for u, _ in rows])
    scheme_arr = np.array([s for _, s in rows])
    n_series = len(rows)
    size = np.array([_SCHEME_SIZE[s] for s in scheme_arr])
    base = np.exp(rng.uniform(np.log(base_new[0]), np.log(base_new[1]), len(frame)))[unit_idx]
    base = base * size
    years = (np.arange(n_months) - (n_months - 1) / 2) / 12.0
    calendar = np.asarray(months.month)
    log_cf = (
        np.log(base)[:, None]
        + trend * years[None, :]
        + _season(calendar, season_amplitude)[None, :]
        + _ar1(rng, (n_series, n_months), ar1, sigma)
    )

    truth_rows = []
    log_effect = np.zeros((n_series, n_months))
    adopt_start = [start_of[p] for p in frame["province"].to_numpy()[unit_idx]]
    for i, begin in enumerate(adopt_start):
        if begin is None:
            continue
        iv = Intervention("provincial_campaign", begin, begin + (campaign_months - 1))
        log_effect[i] += np.log(ratios[scheme_arr[i]]) * iv.column(months)
        truth_rows.append((i, iv, ratios[scheme_arr[i]]))
    if national_month is not None:
        for year in sorted({m.year for m in months if m.year >= national_from}):
            iv = Intervention(f"national_month_{year}", f"{year}-{national_month:02d}")
            active = iv.active(months)
            if not active.any():
                continue
            log_effect[:, active] += np.log(national_rate_ratio)
            truth_rows.extend((i, iv, national_rate_ratio) for i in range(n_series))
    for month, ratio in (common_shocks or {}).items():
        if ratio <= 0:
            raise ParameterError(f"common shock {month}: rate ratio must be positive; got {ratio}.")
        iv = Intervention(f"common_shock_{to_month(month)}", month)
        active = iv.active(months)
        log_effect[:, active] += np.log(ratio)
        truth_rows.extend((i, iv, ratio) for i in range(n_series) if active.any())
    mean = np.exp(log_cf + log_effect)
    new = _counts(rng, mean, dispersion)

    hazard = np.where(calendar == 1, dropout_hazard * january_dropout_factor, dropout_hazard)
    hazard = np.clip(hazard, 0.0, 0.99)
    stock = np.rint(base / max(dropout_hazard, 1e-3) * rng.uniform(0.8, 1.2, n_series))
    participants = np.empty((n_series, n_months))
    dropouts = np.empty((n_series, n_months))
    for t in range(n_months):
        dropouts[:, t] = rng.binomial(stock.astype(np.int64), hazard[t])
        stock = stock + new[:, t] - dropouts[:, t]
        participants[:, t] = stock
    labour = np.rint(participants[:, :1] / coverage * (1.01 ** years[None, :] / 1.01 ** years[0]))

    panel = pd.DataFrame(
        {
            "province": np.repeat(frame["province"].to_numpy()[unit_idx], n_months),
            "district": np.repeat(frame["district"].to_numpy()[unit_idx], n_months),
            "month": np.tile(months.strftime("%Y-%m"), n_series),
            "scheme": np.repeat(scheme_arr, n_months),
            "participants": participants.ravel().astype(np.int64),
            "new_participants": new.ravel().astype(np.int64),
            "dropouts": dropouts.ravel().astype(np.int64),
            "labour_force": labour.ravel().astype(np.int64),
        }
    )
    truth = pd.DataFrame(
        [
            {
                "province": frame["province"].iat[unit_idx[i]],
                "district": frame["district"].iat[unit_idx[i]],
                "scheme": scheme_arr[i],
                "intervention": iv.name,
                "kind": iv.kind,
                "start": str(iv.start),
                "end": str(iv.end if iv.end is not None else iv.start),
                "rate_ratio": rr,
                # Extra enrolments that would vanish without this campaign alone.
                "extra_new": float((mean[i, iv.active(months)] * (1.0 - 1.0 / rr)).sum()),
            }
            for i, iv, rr in truth_rows
        ]
    )
    return panel, truth
