"""Will a province reach its participants target? Simulated futures from ETS or SARIMAX fits.

Works on a monthly participants series (official panel tier) and draws the fan chart for reports.
"""

from __future__ import annotations

import warnings as pywarnings
from dataclasses import dataclass, field, fields
from datetime import date

import numpy as np
import pandas as pd

from helpers.effects.results import Note
from helpers.errors import DuplicateRowError, ParameterError
from helpers.indicators.results import plain

MODELS = ("auto", "ets", "sarimax")
#: Months held out at the end of the series to choose the model for ``model="auto"``.
HOLDOUT_MONTHS = 12
#: Paths simulated per candidate when scoring the held-out months.
HOLDOUT_SIMS = 400
MIN_MONTHS = 12
#: With three years or more a seasonal term can be estimated (campaign months recur).
SEASONAL_MONTHS = 36


@dataclass(kw_only=True)
class TargetProbability:
    """Probability that the participants stock reaches ``target`` by ``by``, with its fan.

    Attributes
    ----------
    probability
        Share of simulated paths at or above the target in the month ``by``.
    probability_any
        Share of paths at or above the target in any month up to ``by``.
    mc_interval
        Monte Carlo interval of ``probability`` (level ``1 - alpha``) from the finite number
        of paths; it does not include model uncertainty.
    fan
        One row per future month: month, median, lower_/upper_ at 50, 80 and 1 − alpha levels.
    status, reason, reason_vi, warnings, method
        "ok" or "refuse", why refused (English, Vietnamese), caveats in sentences, and the
        model in words.
    """

    probability: float | None = None
    probability_any: float | None = None
    mc_interval: tuple[float, float] | None = None
    fan: pd.DataFrame = field(default_factory=pd.DataFrame)
    status: str = "ok"
    reason: str = ""
    reason_vi: str = ""
    warnings: list[str] = field(default_factory=list)
    method: str = ""
    target: float | None = None
    by: pd.Period | None = None
    observed: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    levels: tuple[int, ...] = (50, 80, 95)

    def describe(self, lang: str = "en") -> str:
        """One sentence for a report, in Vietnamese (``"vi"``) or English."""
        from helpers.narrative.estimates import target_chance

        return target_chance(self, lang)

    @property
    def reason_code(self) -> str | None:
        """Stable code of the refusal (``None`` when estimated), e.g. ``"SERIES_TOO_SHORT"``."""
        return getattr(self.reason, "code", None)

    def to_dict(self) -> dict:
        """Plain values (months as "YYYY-MM", the fan as records) for JSON or a report."""
        out = plain({f.name: getattr(self, f.name) for f in fields(self) if f.name != "observed"})
        return out | {"warnings_vi": [getattr(w, "vi", str(w)) for w in self.warnings]}

    def __str__(self) -> str:
        return self.describe("en")


def _monthly(stock: pd.Series) -> pd.Series:
    """The series on a monthly PeriodIndex; raises on an index that is not months."""
    if not isinstance(stock, pd.Series):
        raise ParameterError("stock must be a pandas Series of participants indexed by month.")
    index = stock.index
    try:
        if isinstance(index, pd.PeriodIndex):
            months = index.asfreq("M")
        elif isinstance(index, pd.DatetimeIndex):
            months = index.to_period("M")
        else:
            months = pd.PeriodIndex(index.astype(str), freq="M")
    except (ValueError, TypeError) as exc:
        raise ParameterError(
            f"stock must be indexed by month (YYYY-MM or dates); could not read its index: {exc}"
        ) from exc
    if months.has_duplicates:
        raise DuplicateRowError(
            f"month {months[months.duplicated()][0]} appears twice in the participants series",
            column="month",
            hint="Keep one participants figure per month.",
        )
    out = pd.Series(pd.to_numeric(stock.to_numpy(), errors="coerce"), index=months, dtype=float)
    return out.sort_index()


def _refusal(stock: pd.Series, by: pd.Period) -> Note | None:
    """Why the series cannot be used (a note with its code), or None when it can."""
    if stock.empty:
        return Note.of("SERIES_EMPTY")
    if stock.isna().any():
        return Note.of("SERIES_MISSING_VALUES",
                       months=", ".join(map(str, stock.index[stock.isna()])))
    full = pd.period_range(stock.index[0], stock.index[-1], freq="M")
    if len(full) != len(stock):
        return Note.of("SERIES_SKIPS_MONTHS",
                       months=", ".join(map(str, full.difference(stock.index)[:6])))
    if len(stock) < MIN_MONTHS:
        return Note.of("SERIES_TOO_SHORT", min_months=MIN_MONTHS, n_months=len(stock))
    if by <= stock.index[-1]:
        return Note.of("TARGET_DATE_NOT_AFTER_DATA", by=str(by), last=str(stock.index[-1]))
    return None


def _fourier(months: pd.PeriodIndex, harmonics: int = 2) -> np.ndarray:
    """Sine and cosine terms of the month of year (campaign months recur every year)."""
    angle = 2 * np.pi * np.asarray(months.month)[:, None] * np.arange(1, harmonics + 1) / 12
    return np.hstack([np.sin(angle), np.cos(angle)])


def _holt_winters(stock: pd.Series):
    """Holt-Winters fit with additive trend (and additive season from 36 months on).

    By least squares: the default minimiser takes ~50 times longer to the same fit on 72
    months, and ETSModel's likelihood search gets stuck at level smoothing 1 on short seasonal
    series (the 48-month steady series of tests/test_forecast.py came out with a residual
    spread eight times too large)."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    seasonal = len(stock) >= SEASONAL_MONTHS
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore")
        return ExponentialSmoothing(
            stock, trend="add", seasonal="add" if seasonal else None,
            seasonal_periods=12 if seasonal else None, initialization_method="estimated",
        ).fit(method="least_squares", use_brute=False)


def _ets_errors_correlated(stock: pd.Series, fit=None) -> bool:
    """Whether Holt-Winters' one-step errors on ``stock`` are positively autocorrelated at
    lag 1 (r₁ > 1.96/√n), i.e. the fit cannot stand for the series' dynamics.

    On a random walk the least-squares fit can settle at level smoothing 0: a deterministic
    trend (and season) through the data, whose errors then carry the walk (r₁ 0.45-0.88 in
    such fits against at most 0.25 otherwise, 48-month walks), and whose simulated futures,
    drawn from white errors, stay as narrow at 12 months as at one (issue 13: 0.10 for a
    target the walk reaches with probability 0.34). One held-out year can still favour such
    a fit by chance, so ``choose_model`` checks this first."""
    errors = np.asarray((fit if fit is not None else _holt_winters(stock)).resid, dtype=float)
    errors = errors - errors.mean()
    denominator = float(errors @ errors)
    if len(errors) < 3 or denominator <= 0:
        return False
    lag1 = float(errors[1:] @ errors[:-1]) / denominator
    return lag1 > 1.96 / np.sqrt(len(errors))


def _simulate(
    stock: pd.Series, horizon: int, model: str, n_sims: int, seed: int, ets_fit=None
) -> tuple[np.ndarray, str]:
    """Paths (horizon × n_sims) from the fitted model, and the code of the model's name.

    ``ets_fit``: `_holt_winters` of this same ``stock`` when already made (not refitted)."""
    seasonal = len(stock) >= SEASONAL_MONTHS
    rng = np.random.default_rng(seed)
    with pywarnings.catch_warnings():
        # Optimiser chatter (convergence, frequency inference) is summarised by the method text.
        pywarnings.simplefilter("ignore")
        if model == "ets":
            fit = ets_fit if ets_fit is not None else _holt_winters(stock)
            name = "MODEL_HOLT_WINTERS" + ("_SEASONAL" if seasonal else "")
            paths = fit.simulate(horizon, anchor="end", repetitions=n_sims, error="add", rng=rng)
        else:
            from statsmodels.tsa.statespace.sarimax import SARIMAX

            # Seasonality as Fourier regressors keeps the state small: a seasonal AR term
            # makes simulating thousands of paths a hundred times slower.
            future = pd.period_range(stock.index[-1] + 1, periods=horizon, freq="M")
            exog = _fourier(stock.index) if seasonal else None
            # No parameter covariance (cov_type "none"): only the estimates and the filtered
            # state are used, and the default outer-product covariance costs k more
            # likelihood evaluations per observation's score; the estimates are the same.
            # Nor a results object: statsmodels ends a fit with a smoothing pass and a
            # results object (~20% of a fit) that the paths do not use; they need the
            # estimates and the Kalman filter's last predicted state (`_Filtered`).
            sarimax = SARIMAX(stock, exog=exog, order=(1, 1, 0), trend="c")
            fit = _Filtered(sarimax, sarimax.fit(disp=False, cov_type="none",
                                                 return_params=True))
            name = "MODEL_ARIMA" + ("_SEASONAL" if seasonal else "")
            paths = simulate_paths(fit, horizon, n_sims, rng,
                                   exog=_fourier(future) if seasonal else None)
    return np.asarray(paths, dtype=float).reshape(horizon, n_sims), name


class _Filtered:
    """A state-space model filtered at its estimates, without statsmodels' results object:
    what `simulate_paths` reads (``model``, ``params``, ``filter_results``, the last
    predicted state and its covariance), from the same Kalman filter run, so the same numbers.
    ``simulate`` (statsmodels' own path, for models `simulate_paths` leaves to it) builds the
    results object then."""

    def __init__(self, model, params: np.ndarray) -> None:
        self.model, self.params = model, np.asarray(params)
        model.update(self.params, transformed=True, includes_fixed=True)
        self.filter_results = model.ssm.filter()
        self.predicted_state = self.filter_results.predicted_state
        self.predicted_state_cov = self.filter_results.predicted_state_cov

    def simulate(self, *args, **kwargs):
        return self.model.filter(self.params, cov_type="none").simulate(*args, **kwargs)


#: System matrices that are vectors (one value per state or series) rather than matrices.
_VECTORS = ("obs_intercept", "state_intercept")


def simulate_paths(fit, horizon: int, n_sims: int, rng: np.random.Generator,
                   exog: np.ndarray | None = None) -> np.ndarray:
    """``fit.simulate(horizon, anchor="end", repetitions=n_sims, rng=rng, exog=exog)`` for a
    univariate statsmodels state-space fit, all paths at once (horizon × n_sims).

    statsmodels runs its simulation smoother once per path (about 0.15 ms each, 300 ms for
    2,000 paths); this runs the same recursion, y_t = d_t + Z_t a_t + ε_t and
    a_{t+1} = c_t + T_t a_t + R_t η_t from a_0 drawn from the predicted state at the end of
    the sample, on every path at once. It takes the random numbers from ``rng`` in the order
    statsmodels does (the initial states of all paths, then each path's measurement and state
    shocks), so the paths are statsmodels' own to rounding: the published probabilities and
    the model choice of ``model="auto"`` do not change. Models outside that case (more than
    one series, a concentrated scale, a state covariance without a Cholesky factor) are left
    to statsmodels.
    """
    model = fit.model

    def by_statsmodels() -> np.ndarray:
        paths = fit.simulate(horizon, anchor="end", repetitions=n_sims, rng=rng, exog=exog)
        return np.asarray(paths, dtype=float).reshape(horizon, n_sims)

    if model.k_endog != 1 or fit.filter_results.filter_concentrated:
        return by_statsmodels()
    model.update(fit.params, transformed=True, includes_fixed=True)
    extension = {}
    if model.exog is not None or not model.ssm.time_invariant:
        extension = model._get_extension_time_varying_matrices(
            fit.params, exog, horizon, None, transformed=True, includes_fixed=True)
    system = model.ssm.extend(np.zeros((horizon, 1)), start=model.nobs, end=model.nobs,
                              **extension)

    def matrix(name: str, t: int) -> np.ndarray:
        value = np.asarray(system[name], dtype=float)
        if value.ndim == (1 if name in _VECTORS else 2):  # time-invariant: no time axis
            value = value[..., None]
        return value[..., min(t, value.shape[-1] - 1)]

    try:
        factors = [np.linalg.cholesky(matrix("state_cov", t)) for t in range(horizon)]
    except np.linalg.LinAlgError:
        return by_statsmodels()
    state = rng.multivariate_normal(fit.predicted_state[:, -1],
                                    fit.predicted_state_cov[:, :, -1], size=n_sims).T
    shocks = rng.standard_normal((n_sims, horizon * (1 + model.k_posdef)))
    measurement = shocks[:, :horizon]
    innovations = shocks[:, horizon:].reshape(n_sims, horizon, model.k_posdef)
    paths = np.empty((horizon, n_sims))
    for t in range(horizon):
        spread = np.sqrt(max(float(matrix("obs_cov", t)[0, 0]), 0.0))
        paths[t] = (matrix("obs_intercept", t)[0] + (matrix("design", t) @ state)[0]
                    + spread * measurement[:, t])
        state = (matrix("state_intercept", t)[:, None] + matrix("transition", t) @ state
                 + matrix("selection", t) @ (factors[t] @ innovations[:, t, :].T))
    return paths


def _crps(paths: np.ndarray, observed: np.ndarray) -> float:
    """Mean continuous ranked probability score of sample paths (months × draws) at the
    observed values: E|X − y| − ½ E|X − X'|, lower is better; it rewards a sharp forecast
    only when it is also calibrated."""
    spread = np.abs(paths - observed[:, None]).mean(axis=1)
    ordered = np.sort(paths, axis=1)
    m = ordered.shape[1]
    weights = (2 * np.arange(1, m + 1) - m - 1) / (m * m)
    return float(np.mean(spread - ordered @ weights))


def choose_model(
    stock: pd.Series, horizon: int, seed: int = 0, *, ets_fit=None
) -> tuple[str, dict[str, float]]:
    """The model whose simulated paths best forecast the last months held out of the fit.

    Each candidate is fitted on the series without its last ``min(12, horizon, n // 4)``
    months and scored by the CRPS of its paths on them (out of sample, so a model whose bands
    are too narrow or too wide loses). Holt-Winters is not a candidate when its one-step
    errors on the whole series are autocorrelated at lag 1 (`_ets_errors_correlated`: a fit
    that has turned into a fixed trend, too sure of the far months); its score is then
    ``inf``. ``ets_fit``: the Holt-Winters fit of the whole ``stock`` when the caller already
    has it (`target_probability` makes it once and forecasts with it when it is chosen).

    Returns
    -------
    (model, scores)
        The chosen model name and the CRPS of each candidate.
    """
    held = max(1, min(HOLDOUT_MONTHS, horizon, len(stock) // 4))
    train, test = stock.iloc[:-held], stock.iloc[-held:].to_numpy()
    scores = {}
    for name in MODELS[1:]:
        if name == "ets" and _ets_errors_correlated(stock, ets_fit):
            scores[name] = float("inf")
            continue
        try:
            paths, _ = _simulate(train, held, name, HOLDOUT_SIMS, seed)
        except (ValueError, np.linalg.LinAlgError):
            continue
        if np.isfinite(paths).all():
            scores[name] = _crps(paths, test)
    return (min(scores, key=lambda name: scores[name]) if scores else "sarimax"), scores


def target_probability(
    stock: pd.Series,
    target: float,
    by: str | date | pd.Period,
    *,
    model: str = "auto",
    n_sims: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
) -> TargetProbability:
    """Probability that a monthly participants stock reaches ``target`` by month ``by``.

    Fits the model to the whole series, simulates ``n_sims`` futures to ``by`` and counts
    the paths at or above the target.

    Parameters
    ----------
    stock
        Participants per month (PeriodIndex, DatetimeIndex or "YYYY-MM" labels), no gaps.
    target
        Target number of participants.
    by
        Month of the target (e.g. "2025-12").
    model
        "auto" (the default: whichever of the two below forecast the last held-out months
        of the series better, by CRPS; see `choose_model`), "ets" (Holt-Winters
        exponential smoothing with additive trend) or "sarimax" (ARIMA(1,1,0) with drift);
        both add a 12-month seasonal term from 36 months on (additive seasonal states, or two
        Fourier harmonics). bench/calibration_forecast.py shows the calibration of "auto".
    n_sims
        Number of simulated paths.
    seed
        Seed of the simulation.
    alpha
        1 − level of the outer fan band and of the Monte Carlo interval.

    Returns
    -------
    TargetProbability
        Refused (status "refuse", reason) with fewer than 12 months, gaps or missing values,
        or ``by`` not after the last observation.

    Raises
    ------
    ParameterError
        For an unknown model, ``n_sims < 1``, ``alpha`` outside (0, 1), a non-positive
        target or an index that is not months.

    Examples
    --------
    >>> months = pd.period_range("2021-01", periods=48, freq="M")
    >>> rng = np.random.default_rng(1)
    >>> stock = pd.Series(40_000 + 250 * np.arange(48) + rng.normal(0, 300, 48), index=months)
    >>> result = target_probability(stock, 55_000, "2025-12", model="ets", n_sims=200)
    >>> result.status, round(result.probability, 2)
    ('ok', 0.17)
    >>> plot_fan(result)  # doctest: +ELLIPSIS
    <Axes: ...>
    """
    if model not in MODELS:
        raise ParameterError(f"model must be one of {', '.join(MODELS)}, not '{model}'.")
    if n_sims < 1 or not 0 < alpha < 1 or not target > 0:
        raise ParameterError("n_sims must be ≥ 1, alpha in (0, 1) and target positive.")
    series = _monthly(stock)
    by_month = pd.Period(by, freq="M")
    levels = (50, 80, round((1 - alpha) * 100))
    base = dict(target=float(target), by=by_month, observed=series, levels=levels)
    reason = _refusal(series, by_month)
    if reason is not None:
        return TargetProbability(status="refuse", reason=reason, reason_vi=reason.vi, **base)
    horizon = (by_month - series.index[-1]).n
    # One Holt-Winters fit of the whole series: "auto" checks its errors, and forecasts with
    # it when it is chosen (the same deterministic fit was made twice before).
    whole = _holt_winters(series) if model in ("auto", "ets") else None
    chosen = choose_model(series, horizon, seed, ets_fit=whole)[0] if model == "auto" else model
    paths, name = _simulate(series, horizon, chosen, n_sims, seed, ets_fit=whole)
    months = pd.period_range(series.index[-1] + 1, by_month, freq="M")
    fan = pd.DataFrame({"month": months, "median": np.median(paths, axis=1)})
    for level in levels:
        tail = (100 - level) / 2
        fan[f"lower_{level}"] = np.percentile(paths, tail, axis=1)
        fan[f"upper_{level}"] = np.percentile(paths, 100 - tail, axis=1)
    p = float(np.mean(paths[-1] >= target))
    warnings: list[str] = [Note.of("PARAMETERS_TAKEN_AS_KNOWN")]
    if len(series) < SEASONAL_MONTHS:
        warnings.append(Note.of("NO_SEASONAL_TERM", min_months=SEASONAL_MONTHS))
    if series.iloc[-1] >= target:
        warnings.append(Note.of("TARGET_ALREADY_MET"))
    return TargetProbability(
        probability=p,
        probability_any=float(np.mean(paths.max(axis=0) >= target)),
        mc_interval=_wilson(p, n_sims, alpha),
        fan=fan,
        warnings=warnings,
        method=Note.of("FORECAST_METHOD_AUTO" if model == "auto" else "FORECAST_METHOD",
                       model=Note.of(name), n_sims=n_sims, horizon=horizon),
        **base,
    )


def _wilson(p: float, n: int, alpha: float) -> tuple[float, float]:
    """Wilson score interval of a proportion: sensible also when no path reaches the target."""
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(round(p * n), n, alpha=alpha, method="wilson")
    # Rounding can put a bound a hair past p when p is 0 or 1.
    return float(min(p, max(0.0, low))), float(max(p, min(1.0, high)))


def plot_fan(result: TargetProbability, ax=None, *, lang: str = "vi"):
    """Fan chart: observed stock, median projection, nested bands, the target and its month.

    Parameters
    ----------
    result
        A non-refused :class:`TargetProbability`.
    ax
        Matplotlib Axes to draw on; a new figure by default.
    lang
        Labels in Vietnamese ("vi") or English ("en").

    Returns
    -------
    matplotlib.axes.Axes
    """
    if result.status != "ok":
        raise ParameterError(f"cannot draw a refused forecast: {result.reason}")
    from helpers.narrative.charts import fan_chart

    return fan_chart(result, ax, lang=lang)
