"""Guardrails and diagnostics for monthly ITS: series length, separability, seasonality, data.

Each check returns sentences (empty when all is well) so a report can list what was checked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from helpers.effects.design import Intervention
from helpers.errors import MissingColumnError
from helpers.narrative.vocabulary import Note

MIN_PRE, MIN_POST, MIN_PRE_MONTH_DUMMIES, MIN_GAP = 8, 3, 24, 2
# Below 6 residual degrees of freedom neither the dispersion nor rho can be estimated.
MIN_DF = 6
STOCK_FLOW_TOLERANCE = 0.01
_PANEL_KEYS = ("province", "district", "scheme")


def count_pre_post(months: pd.PeriodIndex, interventions: list[Intervention]) -> tuple[int, int]:
    """Months before the first intervention starts, and months from that start on."""
    first = min(iv.start for iv in interventions)
    n_pre = int((months < first).sum())
    return n_pre, len(months) - n_pre


def length_refusals(n_pre: int, n_post: int) -> list[str]:
    """Reasons to refuse: fewer than 8 months before or 3 months from the first intervention."""
    reasons: list[str] = []
    if n_pre < MIN_PRE:
        reasons.append(Note.of("SHORT_PRE", n_pre=n_pre, min_pre=MIN_PRE))
    if n_post < MIN_POST:
        reasons.append(Note.of("SHORT_POST", n_post=n_post, min_post=MIN_POST))
    return reasons


def degrees_of_freedom_refusals(n_months: int, n_params: int) -> list[str]:
    """Refuse when the model leaves fewer than 6 months beyond its parameters."""
    if n_months - n_params >= MIN_DF:
        return []
    return [Note.of("TOO_MANY_PARAMETERS", n_months=n_months, n_params=n_params,
                    min_df=MIN_DF)]


def seasonality_for(seasonality: str, n_pre: int) -> tuple[str, list[str]]:
    """Drop month dummies when fewer than 24 pre-intervention months support them."""
    if seasonality == "month" and n_pre < MIN_PRE_MONTH_DUMMIES:
        return "fourier2", [Note.of("SEASON_AS_FOURIER", n_pre=n_pre,
                                           min_pre=MIN_PRE_MONTH_DUMMIES)]
    return seasonality, []


def separability_warnings(interventions: list[Intervention]) -> list[str]:
    """Warn when two interventions lie within 2 months of each other (not separable).

    The distance runs from the end of a window (the start of a step or ramp, whose onset is
    what the model dates) to the start of the later intervention; overlaps count as 0.
    """
    ordered = sorted(interventions, key=lambda iv: iv.start)
    notes: list[str] = []
    for i, a in enumerate(ordered):
        last = a.end if a.kind == "window" and a.end is not None else a.start
        for b in ordered[i + 1:]:
            gap = max((b.start - last).n, 0)
            if gap > MIN_GAP:
                continue
            notes.append(Note.of("INTERVENTIONS_TOO_CLOSE", first=a.name, second=b.name,
                                 gap=gap))
    return notes


def collinearity_refusals(exog: np.ndarray, names: list[str]) -> list[str]:
    """Name the intervention columns that the rest of the design already explains."""
    rank = np.linalg.matrix_rank(exog)
    if rank == exog.shape[1]:
        return []
    reasons: list[str] = []
    for j, name in enumerate(names):
        without = np.delete(exog, j, axis=1)
        if np.linalg.matrix_rank(without) == rank:
            reasons.append(name)
    named = reasons or names
    return [Note.of("COLLINEAR", names=list(named))]


def autocorrelations(resid: np.ndarray, max_lag: int) -> np.ndarray:
    """Sample autocorrelations r_1..r_max_lag (mean-centred, full-sample denominator)."""
    centred = np.asarray(resid, dtype=float) - np.mean(resid)
    denom = float(centred @ centred) or 1.0
    return np.array([centred[k:] @ centred[:-k] / denom for k in range(1, max_lag + 1)])


def ljung_box_p(resid: np.ndarray, lags: int) -> float:
    """Ljung-Box p-value: Q = n(n+2) Σ r_k²/(n−k) against χ²(lags).

    Computed directly (same formula as statsmodels' ``acorr_ljungbox``) because it runs once
    per district series and the general routine costs more than the model fit.
    """
    n = len(resid)
    r = autocorrelations(resid, lags)
    q = n * (n + 2) * np.sum(r**2 / (n - np.arange(1, lags + 1)))
    return float(stats.chi2.sf(q, lags))


def residual_diagnostics(pearson_resid: np.ndarray, n_params: int) -> dict[str, float]:
    """Ljung-Box p-value (lags up to 12), Pearson dispersion and residual autocorrelation."""
    resid = np.asarray(pearson_resid, dtype=float)
    n = resid.size
    lags = min(12, n // 4)
    acf = autocorrelations(resid, max(lags, 1))
    return {
        "ljung_box_p": ljung_box_p(resid, lags) if lags else float("nan"),
        "ljung_box_lags": float(lags),
        "dispersion": float(resid @ resid) / max(n - n_params, 1),
        "acf_lag1": float(acf[0]),
        "acf_lag12": float(acf[11]) if n > 24 and lags >= 12 else float("nan"),
    }


def diagnostic_warnings(diag: dict[str, float], family: str = "negbin") -> list[str]:
    """Turn diagnostics that undermine the estimates into sentences."""
    notes: list[str] = []
    # Above ~5 the extra variance is rarely Poisson-like; bench/COVERAGE.md shows quasi-Poisson
    # 95% intervals covering only 85% of campaign effects when the noise is multiplicative.
    if family == "quasipoisson" and diag["dispersion"] > 5:
        notes.append(Note.of("OVERDISPERSED", dispersion=float(diag["dispersion"])))
    # |acf| above 0.3 at lag 12 is well beyond sampling noise (≈ 0.12 for 72 months).
    if np.isfinite(diag["acf_lag12"]) and abs(diag["acf_lag12"]) > 0.3:
        notes.append(Note.of("RESIDUAL_SEASON", acf=float(diag["acf_lag12"])))
    return notes


def check_stock_flow(panel: pd.DataFrame, *, tolerance: float = STOCK_FLOW_TOLERANCE) -> list[str]:
    """Check participants_t = participants_{t-1} + new_participants_t − dropouts_t per unit.

    Parameters
    ----------
    panel
        Monthly panel rows (columns month, participants, new_participants, dropouts and any of
        province, district, scheme to tell units apart).
    tolerance
        Largest relative gap accepted (1% by default).

    Returns
    -------
    list[str]
        One data warning per unit where the identity fails, naming the months.

    Raises
    ------
    MissingColumnError
        When a needed column is absent.
    """
    needed = ["month", "participants", "new_participants", "dropouts"]
    missing = [c for c in needed if c not in panel.columns]
    if missing:
        raise MissingColumnError(
            f"the panel lacks {', '.join(missing)} needed for the stock-flow check.",
            column=missing[0],
            hint="Use the monthly panel contract column names.",
        )
    keys = [k for k in _PANEL_KEYS if k in panel.columns]
    frame = panel[keys + needed].copy()
    months = pd.PeriodIndex(frame["month"].astype(str), freq="M")
    frame["_period"] = months.astype(str)
    frame["_ordinal"] = months.year * 12 + months.month
    frame = frame.sort_values(keys + ["_ordinal"])
    grouped = frame.groupby(keys if keys else np.zeros(len(frame)), sort=False, dropna=False)
    previous = grouped[["participants", "_ordinal"]].shift(1)
    consecutive = previous["_ordinal"] + 1 == frame["_ordinal"]
    expected = previous["participants"] + frame["new_participants"] - frame["dropouts"]
    gap = (frame["participants"] - expected).abs() / expected.abs().clip(lower=1.0)
    gap = gap.astype("Float64")
    unchecked = frame[(consecutive.fillna(False) | frame["participants"].isna()) & gap.isna()]
    bad = frame.assign(_gap=gap)[(consecutive & (gap > tolerance)).fillna(False).astype(bool)]
    notes: list[str] = []
    if not unchecked.empty:
        first = ", ".join(unchecked["_period"].head(3))
        notes.append(Note.of("STOCK_FLOW_UNCHECKED", n_months=len(unchecked), first=first))
    if bad.empty:
        return notes
    for unit, rows in bad.groupby(keys, sort=False, dropna=False) if keys else [((), bad)]:
        if rows.empty:
            continue
        label = " / ".join(str(u) for u in np.atleast_1d(unit) if str(u) not in ("", "nan"))
        months = ", ".join(str(m) for m in rows["_period"].head(5))
        notes.append(Note.of(
            "STOCK_FLOW_MISMATCH", unit=label, n_months=len(rows), months=months,
            n_more=max(len(rows) - 5, 0), gap_pct=float(rows["_gap"].max() * 100),
        ))
    return notes
