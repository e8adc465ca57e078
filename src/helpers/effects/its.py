"""Interrupted time series on monthly counts: fit, autocorrelation-robust inference, counterfactual.

``interrupted_time_series`` is the public entry point; ``fit_columns`` is shared with the
recurring-campaign analysis, which builds its own (pooled) intervention columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from helpers.effects import checks
from helpers.effects.breaks import scan_pre_period
from helpers.effects.design import (
    SEASONALITIES,
    Intervention,
    base_design,
    intervention_design,
    monthly_values,
    prepare_series,
)
from helpers.effects.families import FAMILIES
from helpers.effects.inference import WorkingCovariance, arma_covariance
from helpers.effects.results import Effect, ITSResult
from helpers.errors import DataError, ParameterError
from helpers.narrative.vocabulary import Note

N_DRAWS = 2000


def validate_options(family: str, seasonality: str, alpha: float) -> None:
    """Raise ParameterError for an unknown family or seasonality, or alpha outside (0, 1)."""
    if family not in FAMILIES:
        raise ParameterError(f"family '{family}' is not one of {', '.join(FAMILIES)}.")
    if seasonality not in SEASONALITIES:
        raise ParameterError(
            f"seasonality '{seasonality}' is not one of {', '.join(SEASONALITIES)}."
        )
    if not 0.0 < alpha < 1.0:
        raise ParameterError(
            f"alpha must lie between 0 and 1 (0.05 for 95% intervals); got {alpha}."
        )


def log_offset(
    exposure: pd.Series | None, months: pd.PeriodIndex, family: str
) -> np.ndarray | None:
    """log(exposure) aligned to the months of y; DataError if a month lacks a positive value."""
    if exposure is None:
        return None
    if family == "gaussian":
        raise ParameterError(
            "exposure is an offset for count families; for rates divide y by "
            "the exposure yourself and use family='gaussian' without it."
        )
    aligned = monthly_values(exposure).reindex(months)
    if aligned.isna().any() or (aligned <= 0).any():
        bad = aligned[aligned.isna() | (aligned <= 0)].index
        raise DataError(
            f"exposure is missing or not positive in {', '.join(map(str, bad[:5]))}.",
            column="exposure",
            hint="Give a positive exposure for every month of y.",
        )
    return np.log(aligned.to_numpy())


def refused(reasons: list[str], diagnostics: dict[str, object]) -> ITSResult:
    """A result that carries only the reasons for refusing."""
    return ITSResult(
        {},
        None,
        pd.DataFrame(columns=["observed", "mean", "lower", "upper"]),
        "refuse",
        reasons,
        diagnostics,
    )


def _t_draws(
    rng: np.random.Generator, mean: np.ndarray, cov: np.ndarray, df: float
) -> np.ndarray:
    """Multivariate-t draws, so simulated intervals match the t-based coefficient intervals."""
    normal = rng.multivariate_normal(np.zeros(mean.size), cov, size=N_DRAWS, method="eigh")
    return mean + normal / np.sqrt(rng.chisquare(df, size=(N_DRAWS, 1)) / df)


def coefficient_interval(
    params: np.ndarray, working: WorkingCovariance, j: int, alpha: float
) -> tuple[float, float, float, float]:
    """Coefficient ``j`` on the link scale: estimate, t interval with its Satterthwaite df,
    two-sided p-value (the same numbers ``interrupted_time_series`` reports, so
    bench/coverage_its.py can measure them without the counterfactual simulation)."""
    b, se, df = float(params[j]), float(np.sqrt(working.cov[j, j])), float(working.df[j])
    if not se > 0:
        return b, b, b, float("nan")
    q = float(stats.t.ppf(1 - alpha / 2, df))
    return b, b - q * se, b + q * se, float(2 * stats.t.sf(abs(b) / se, df))


def fit_columns(
    y: pd.Series,
    columns: pd.DataFrame,
    active: np.ndarray,
    *,
    n_pre: int,
    family: str,
    seasonality: str,
    offset: np.ndarray | None,
    alpha: float,
    seed: int,
    notes: Sequence[str] = (),
    pairs: Sequence[tuple[str, str]] = (),
) -> ITSResult:
    """Fit trend + season + the given intervention columns and summarise each column's effect.

    Parameters
    ----------
    y
        Prepared series (floats on a monthly PeriodIndex).
    columns
        Intervention regressors, one column per effect, indexed like ``y``.
    active
        Boolean mask of the months whose extra enrolments are totalled.
    n_pre
        Months before the first intervention (guards seasonality).
    notes
        Warnings gathered by the caller (separability, data checks).
    pairs
        Pairs of column names (a step and a ramp with one onset) whose separability is
        judged from the fitted covariance.
    """
    months = y.index
    n_post = len(months) - n_pre
    diagnostics: dict[str, object] = {"n_pre": n_pre, "n_post": n_post, "family": family}
    reasons = checks.length_refusals(n_pre, n_post)
    if reasons:
        return refused(reasons + list(notes), diagnostics)
    seasonality, warnings = checks.seasonality_for(seasonality, n_pre)
    warnings = list(notes) + warnings
    base = base_design(months, seasonality)
    exog = np.column_stack([base.to_numpy(), columns.to_numpy()])
    names = list(columns.columns)
    collinear = checks.collinearity_refusals(exog, list(base.columns) + names)
    collinear += checks.degrees_of_freedom_refusals(*exog.shape)
    if collinear:
        return refused(collinear + warnings, diagnostics)
    observed = y.to_numpy()
    if family != "gaussian" and observed.sum() == 0:
        return refused([Note.of("ALL_ZERO")], diagnostics)
    unusable = checks.data_refusals(observed, columns, family=family, seasonality=seasonality)
    if unusable:
        return refused(unusable + warnings, diagnostics)

    fit = FAMILIES[family](observed, exog, offset)
    working = arma_covariance(exog, fit.weights, fit.pearson_resid, df_columns=len(names))
    cov, scale, rho = working.cov, working.scale, working.rho
    n, p = exog.shape
    df = n - p
    diag = checks.residual_diagnostics(fit.pearson_resid, p)
    diag["acf_lag12_z"] = checks.seasonal_lag_z(diag["acf_lag12"], working)
    scan = scan_pre_period(working, exog, fit.pearson_resid, fit.weights, n_pre, seed=seed)
    diagnostics.update(
        diag,
        break_p=scan.p_value if scan else float("nan"),
        break_month=str(months[scan.month_index]) if scan else None,
        break_persistence=scan.persistence if scan else float("nan"),
        rho=rho,
        latent_share=working.share,
        scale=scale,
        nb_alpha=fit.nb_alpha,
        n_params=p,
        method=fit.method,
        covariance="GLM sandwich with ARMA(1,1) working correlation, Satterthwaite t "
        "intervals",
        effect_df={name: float(df_j) for name, df_j in zip(names, working.df[-len(names):],
                                                            strict=True)},
        seasonality=seasonality,
    )
    if not fit.converged:
        warnings.append(Note.of("NOT_CONVERGED", method=fit.method))
    warnings += checks.diagnostic_warnings(diag, family)
    warnings += checks.break_warnings(scan, months)
    correlations = checks.pair_correlations(list(pairs), list(base.columns) + names, cov)
    diagnostics["pair_correlation"] = {f"{a}/{b}": r for (a, b), r in correlations.items()}
    warnings += checks.separability_from_fit(correlations)

    q = stats.t.ppf(1 - alpha / 2, df)
    effects = {}
    k = base.shape[1]
    for j, name in enumerate(names, start=k):
        b, low, high, p_value = coefficient_interval(fit.params, working, j, alpha)
        if fit.log_link:
            effects[name] = Effect(float(np.exp(b)), float(np.exp(low)), float(np.exp(high)),
                                   p_value, "rate_ratio")
        else:
            effects[name] = Effect(float(b), float(low), float(high), p_value, "additive")
        if fit.log_link and abs(b) > 5:
            warnings.append(Note.of("IMPLAUSIBLE_EFFECT", name=name, fold=float(np.exp(b))))

    # Counterfactual band by the delta method on the link scale (exact for a monotone link).
    exog_cf = exog.copy()
    exog_cf[:, k:] = 0.0
    link = exog_cf @ fit.params + (0.0 if offset is None else offset)
    link_se = np.sqrt(np.einsum("ij,jk,ik->i", exog_cf, cov, exog_cf))
    band = [link, link - q * link_se, link + q * link_se]
    counterfactual = pd.DataFrame(
        dict(zip(["mean", "lower", "upper"], np.exp(band) if fit.log_link else band,
                 strict=True)), index=months
    )
    counterfactual.insert(0, "observed", observed)
    counterfactual.index.name = "month"

    rng = np.random.default_rng(seed)
    draws = _t_draws(rng, fit.params[k:], cov[k:, k:], float(working.df[k:].min()))
    # The counterfactual of an intervention month is the observed count with the estimated
    # effect removed; this keeps that month's own noise, which a mean forecast would miss.
    shift = exog[active, k:] @ draws.T
    shift_point = exog[active, k:] @ fit.params[k:]
    if fit.log_link:
        # Observed − counterfactual carries the month's sampling noise ε one-for-one, while
        # draws of y·(1 − 1/RR) carry only ε/RR of it; add the missing share, variance
        # (1 − 1/RR²)·Var(ε), as a redraw of each count around itself (none when RR ≤ 1).
        seen = observed[active, None]
        spread = (fit.variance[active, None] / fit.mean[active, None]) * scale
        noisy = rng.gamma(np.maximum(seen, 0.5) / spread, spread, size=(seen.size, N_DRAWS))
        missing = np.sqrt(np.clip(1.0 - np.exp(-2.0 * shift_point), 0.0, None))[:, None]
        sampling = np.where(seen > 0, noisy - seen, 0.0) * missing
        # Heavy-tailed t draws of a slope, times many months, can pass e^700; a rate ratio
        # beyond e^30 either way means the same for the total, so clip before exp.
        extra_draws = sampling + seen * (1.0 - np.exp(-np.clip(shift, -30.0, 30.0)))
        by_month = observed[active] * (1.0 - np.exp(-shift_point))
    else:
        extra_draws, by_month = shift, shift_point
    extra_point = float(by_month.sum())
    totals = extra_draws.sum(axis=0)
    low, high = np.quantile(totals, [alpha / 2, 1 - alpha / 2])
    tail = min((totals <= 0).mean(), (totals >= 0).mean())
    extra = Effect(extra_point, float(low), float(high), float(min(1.0, 2 * tail)), "additive")
    return ITSResult(
        effects,
        extra,
        counterfactual,
        "warn" if warnings else "ok",
        warnings,
        diagnostics,
        extra_draws=extra_draws.T,
        extra_months=months[active],
        level=1 - alpha,
        extra_point=np.asarray(by_month, dtype=float),
    )


def interrupted_time_series(
    y: pd.Series,
    interventions: Sequence[Intervention],
    *,
    family: str = "negbin",
    seasonality: str = "fourier2",
    exposure: pd.Series | None = None,
    alpha: float = 0.05,
    seed: int = 0,
    panel: pd.DataFrame | None = None,
) -> ITSResult:
    """Estimate how interventions changed a monthly flow (new enrolments, drop-outs).

    The model is log E[y_t] = trend + season + Σ effects (+ log exposure) for count families,
    or the same on the response scale for "gaussian". Coefficient intervals use a GLM sandwich
    with an ARMA(1,1) working correlation fitted to the residual autocovariances without their
    projection bias, and t quantiles with Satterthwaite degrees of freedom per effect: the
    inference that holds 95% coverage for steps, slope changes and windows under latent
    AR(1) noise (bench/COVERAGE.md), where an AR(1) matrix fitted at lag 1 under-covered
    steps and Newey-West covered windows about 60%.

    Slash dates are read day first ("01/05/2023" is May; see ``Intervention``). The months
    before the first intervention are scanned for a level shift (warning
    ``PRE_PERIOD_BREAK``); a step and a ramp starting together (level + slope change) are
    flagged ``NOT_SEPARABLE`` only when their estimates correlate beyond ±0.95.

    Parameters
    ----------
    y
        Monthly counts (or rates for "gaussian") indexed by month: PeriodIndex, DatetimeIndex
        or "YYYY-MM" strings, without gaps.
    interventions
        ``Intervention`` objects; each becomes an effect in ``result.effects``.
    family
        "negbin" (NB2, alpha estimated; the default and the one to trust for large counts),
        "quasipoisson" (small, Poisson-like counts; it under-covers when noise is
        multiplicative and warns when dispersion exceeds 5) or "gaussian" (rates, additive
        effects).
    seasonality
        "fourier1", "fourier2", "fourier3", "month" (dummies) or "none".
    exposure
        Optional positive series (e.g. labour force) used as a log offset.
    alpha
        1 − interval level.
    seed
        Seed of the simulations behind the counterfactual and extra-enrolment intervals.
    panel
        Optional monthly panel rows of this unit; the stock-flow identity is checked and any
        breach becomes a data warning.

    Returns
    -------
    ITSResult
        Status "refuse" (with reasons, no numbers) for fewer than 8 months before or 3 months
        from the first intervention, a collinear design, or (each reason a ``Note`` with a
        code) a constant series (``CONSTANT_SERIES``), an intervention whose months are all
        zero (``ZERO_WINDOW``), or 12–14 months with ``seasonality="none"``
        (``SHORT_SERIES_NO_SEASON``).

    Raises
    ------
    InvalidValueError
        With ``code`` "NON_FINITE_VALUE" for an infinite month, "NOT_COUNTS" for rates or
        other non-integers given to a count family.

    Examples
    --------
    >>> from helpers.simulate import simulate_series
    >>> campaign = Intervention("peak", "2023-04", "2023-05")
    >>> y, _ = simulate_series(interventions=[campaign], rate_ratios={"peak": 1.5})
    >>> effect = interrupted_time_series(y, [campaign]).effects["peak"]
    >>> round(effect.estimate, 2), effect.ci_low < 1.5 < effect.ci_high  # true rate ratio 1.5
    (1.48, True)
    """
    validate_options(family, seasonality, alpha)
    interventions = list(interventions)
    if not interventions or not all(isinstance(iv, Intervention) for iv in interventions):
        raise ParameterError("Give at least one Intervention(name, start, end, kind).")
    series = prepare_series(y, counts=family != "gaussian")
    months = series.index
    columns = intervention_design(months, interventions)
    active = np.zeros(len(months), dtype=bool)
    for iv in interventions:
        active |= iv.active(months)
    notes = checks.separability_warnings(interventions)
    pairs = checks.segmented_pairs(interventions)
    if panel is not None:
        notes += checks.check_stock_flow(panel)
    n_pre, _ = checks.count_pre_post(months, interventions)
    notes += checks.lasting_effect_warnings(interventions, n_pre)
    return fit_columns(
        series,
        columns,
        active,
        n_pre=n_pre,
        family=family,
        seasonality=seasonality,
        offset=log_offset(exposure, months, family),
        alpha=alpha,
        seed=seed,
        notes=notes,
        pairs=pairs,
    )
