"""Campaigns that recur in the same calendar month(s) every year (e.g. the national May month).

Per-year and pooled window effects plus a post-campaign rebound, refused when every such month
in the series is a campaign month, because the campaign is then the season itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from helpers.effects import checks
from helpers.effects.design import prepare_series
from helpers.effects.its import fit_columns, log_offset, validate_options
from helpers.effects.results import RecurringResult
from helpers.errors import ParameterError
from helpers.narrative.vocabulary import Note


def _campaign_months(month: int | Sequence[int]) -> list[int]:
    chosen = [month] if isinstance(month, int) else list(month)
    if not chosen or any(not isinstance(m, int) or not 1 <= m <= 12 for m in chosen):
        raise ParameterError(f"month must be a calendar month 1-12 or a list of them; got {month}.")
    return sorted(set(chosen))


def _windows(months: pd.PeriodIndex, calendar: list[int], years: Iterable[int],
             rebound_months: int) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Campaign and rebound masks per year (the rebound follows the last campaign month)."""
    campaign, rebound = {}, {}
    for year in years:
        start = pd.Period(year=year, month=calendar[0], freq="M")
        end = pd.Period(year=year, month=calendar[-1], freq="M")
        campaign[year] = np.asarray((months >= start) & (months <= end))
        rebound[year] = np.asarray((months > end) & (months <= end + rebound_months))
    return campaign, rebound


def recurring_campaign_effects(
    y: pd.Series,
    month: int | Sequence[int] = 5,
    *,
    years: Iterable[int] | None = None,
    rebound_months: int = 1,
    family: str = "negbin",
    seasonality: str = "fourier2",
    exposure: pd.Series | None = None,
    alpha: float = 0.05,
    seed: int = 0,
    panel: pd.DataFrame | None = None,
) -> RecurringResult:
    """Estimate the effect of a campaign held in the same month(s) of several years.

    Two models share the trend and season: one with a window (and rebound) per campaign year,
    one pooled across years. The campaign is identified only by months of the same calendar
    month without a campaign (years before it began, or years given in ``years`` that skip it).

    Parameters
    ----------
    y
        Monthly counts indexed by month.
    month
        Calendar month of the campaign (5 = May) or consecutive months, e.g. (4, 5).
    years
        Years in which the campaign ran; default every year of the series.
    rebound_months
        Months after each campaign whose change (often a dip: enrolments pulled forward) is
        estimated separately; 0 for none.
    family, seasonality, exposure, alpha, seed, panel
        As in ``interrupted_time_series`` (``panel`` rows are checked for the stock-flow
        identity and breaches become data warnings).

    Returns
    -------
    RecurringResult
        Status "refuse" when every campaign-calendar month of the series is treated (the
        campaign is collinear with the season), or when the series is too short.

    Examples
    --------
    >>> from helpers.simulate import simulate_series
    >>> from helpers.effects import Intervention
    >>> mays = [Intervention(f"May {yr}", f"{yr}-05", f"{yr}-05") for yr in range(2020, 2025)]
    >>> y, _ = simulate_series(interventions=mays, rate_ratios={m.name: 1.5 for m in mays})
    >>> result = recurring_campaign_effects(y, month=5, years=range(2020, 2025))
    >>> round(result.pooled.estimate, 2)  # true rate ratio 1.5
    1.43
    """
    validate_options(family, seasonality, alpha)
    if rebound_months < 0:
        raise ParameterError(f"rebound_months must be 0 or more; got {rebound_months}.")
    calendar = _campaign_months(month)
    series = prepare_series(y, counts=family != "gaussian")
    months = series.index
    in_series = sorted({m.year for m in months if m.month in calendar})
    chosen = in_series if years is None else sorted({int(v) for v in years} & set(in_series))
    label = "/".join(f"{m:02d}" for m in calendar)
    if not chosen:
        raise ParameterError(f"No campaign month ({label}) of the given years lies in the series.")
    campaign, rebound = _windows(months, calendar, chosen, rebound_months)
    treated = np.any(list(campaign.values()), axis=0)
    seasonal = np.isin(np.asarray(months.month), calendar)
    diagnostics: dict[str, object] = {"years": chosen, "month": calendar}
    if treated[seasonal].all():
        reason = Note.of("CAMPAIGN_IN_EVERY_SEASON", months=label,
                         years=", ".join(map(str, chosen)))
        return RecurringResult({}, None, None, "refuse", [reason], diagnostics)

    n_pre = int(np.argmax(treated))
    offset = log_offset(exposure, months, family)
    notes = checks.check_stock_flow(panel) if panel is not None else []
    fit_args: dict[str, Any]
    fit_args = dict(n_pre=n_pre, family=family, seasonality=seasonality, offset=offset,
                    alpha=alpha, seed=seed, notes=notes)
    active = treated | np.any(list(rebound.values()), axis=0)
    pooled_columns = {"campaign": treated.astype(float)}
    if rebound_months:
        pooled_columns["rebound"] = active.astype(float) - treated
    pooled = fit_columns(series, pd.DataFrame(pooled_columns, index=months), active, **fit_args)
    if pooled.status == "refuse":
        return RecurringResult({}, None, None, "refuse", pooled.warnings, diagnostics,
                               pooled_fit=pooled)
    yearly_columns = {f"campaign {y}": campaign[y].astype(float) for y in chosen}
    if rebound_months:
        yearly_columns |= {f"rebound {y}": rebound[y].astype(float) for y in chosen
                           if rebound[y].any()}
    yearly = fit_columns(series, pd.DataFrame(yearly_columns, index=months), active, **fit_args)
    warnings = list(pooled.warnings)
    if yearly.status == "refuse":
        warnings.append(Note.of("PER_YEAR_NOT_ESTIMATED", reasons=list(yearly.warnings)))
    if n_pre < 12:
        warnings.append(Note.of("FEW_MONTHS_BEFORE_CAMPAIGN", n_pre=n_pre))
    n_untreated = int((seasonal & ~treated).sum())
    diagnostics |= pooled.diagnostics | {"untreated_campaign_months": n_untreated}
    per_year = {int(name.split()[-1]): eff for name, eff in yearly.effects.items()
                if name.startswith("campaign")}
    per_year_rebound = {int(name.split()[-1]): eff for name, eff in yearly.effects.items()
                        if name.startswith("rebound")}
    return RecurringResult(per_year, pooled.effects["campaign"], pooled.effects.get("rebound"),
                           "warn" if warnings else "ok", warnings, diagnostics,
                           per_year_rebound=per_year_rebound, pooled_fit=pooled)
