"""Staggered-adoption event study: Callaway–Sant'Anna group-time effects on a long panel.

Each group (units whose campaign starts in the same period) is compared with units not (yet)
treated, period by period, against the period before its start; no two-way fixed-effects
regression, so staggered timing cannot bias the estimate. Standard errors come from the
influence functions, clustered by unit, as in the R package did without bootstrap; intervals
and p-values use a t with Satterthwaite's degrees of freedom for that clustered variance
(`_t_df`), because a few units carry most of it when campaign groups hold one or two units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from helpers.effects.comparative_notes import comparative_note
from helpers.effects.comparative_results import DesignEffect, EventStudyResult
from helpers.effects.panel import WidePanel, treatment_window, wide_panel
from helpers.errors import DataError, MissingColumnError, ParameterError
from helpers.notes import Note

CONTROLS = ("not_yet_treated", "never_treated")
# The pre-trend test takes at most this many pre-period effects (cells, else event times).
PRETREND_WINDOW = 12
NEVER = -1
# Below this many comparison units the control side's variance cannot be estimated.
MIN_CONTROLS = 2


@dataclass
class GroupTime:
    """Group-time effects with their influence functions (units × cells)."""

    group: np.ndarray
    end: np.ndarray
    period: np.ndarray
    att: np.ndarray
    influence: np.ndarray
    share: np.ndarray
    n_treated: np.ndarray
    n_controls: np.ndarray
    unit_group: np.ndarray
    unit_end: np.ndarray
    skipped: int

    def aggregate(self, keep: np.ndarray) -> tuple[float, np.ndarray]:
        """Group-size weighted mean of the kept cells, and its influence function including
        the estimated weights (R did's ``wif``)."""
        share = self.share[keep]
        total = share.sum()
        weights = share / total
        cohort = np.stack([(self.unit_group == g) & (self.unit_end == e)
                           for g, e in zip(self.group[keep], self.end[keep], strict=True)],
                          axis=1).astype(float)
        first = (cohort - share) / total
        second = (cohort - share).sum(axis=1, keepdims=True) * (share / total**2)
        influence = self.influence[:, keep] @ weights + (first - second) @ self.att[keep]
        return float(weights @ self.att[keep]), influence


def group_time_effects(values: np.ndarray, start: np.ndarray, end: np.ndarray, control: str
                       ) -> GroupTime:
    """ATT(g, t) for every cohort (start, end) and period after the first.

    Parameters
    ----------
    values
        Units × periods on the analysis scale.
    start, end
        Column index of each unit's first and last treated period (``NEVER`` for units never
        treated).
    control
        "not_yet_treated" (never treated, or starting after both t and the base period) or
        "never_treated".
    """
    n_units, n_periods = values.shape
    cohorts = sorted({(int(s), int(e)) for s, e in zip(start, end, strict=True) if s != NEVER})
    periods = np.arange(1, n_periods)
    never = start == NEVER
    rows: dict[str, list] = {k: [] for k in ("group", "end", "period", "att", "share",
                                             "n_treated", "n_controls")}
    influence, skipped = [], 0
    for g, last in cohorts:
        treated = (start == g) & (end == last)
        n_g = int(treated.sum())
        # Post periods against the period before the start; pre periods against the one before.
        base = np.where(periods >= g, g - 1, periods - 1)
        change = values[:, periods] - values[:, base]
        if control == "never_treated":
            controls = np.repeat(never[:, None], len(periods), axis=1)
        else:
            later = (start[:, None] > np.maximum(periods, base)[None, :]) & (start != g)[:, None]
            controls = never[:, None] | later
        n_c = controls.sum(axis=0)
        usable = n_c > 0
        skipped += int((~usable).sum())
        change, controls, n_c = change[:, usable], controls[:, usable], n_c[usable]
        mean_g = change[treated].mean(axis=0)
        mean_c = np.where(controls, change, 0.0).sum(axis=0) / n_c
        psi = np.zeros_like(change)
        psi[treated] = n_units / n_g * (change[treated] - mean_g)
        psi += np.where(controls, -n_units / n_c * (change - mean_c), 0.0)
        influence.append(psi)
        count = int(usable.sum())
        for key, value in (("group", [g] * count), ("end", [last] * count),
                           ("period", periods[usable]), ("att", mean_g - mean_c),
                           ("share", [n_g / n_units] * count), ("n_treated", [n_g] * count),
                           ("n_controls", n_c)):
            rows[key].extend(value)
    arrays = {k: np.asarray(v) for k, v in rows.items()}
    matrix = np.hstack(influence) if influence else np.zeros((n_units, 0))
    return GroupTime(**arrays, influence=matrix, unit_group=start, unit_end=end,
                     skipped=skipped)


def _se(influence: np.ndarray) -> float:
    return float(np.sqrt(np.sum(influence**2)) / len(influence))


def _t_df(influence: np.ndarray) -> float:
    """Satterthwaite's degrees of freedom of the clustered variance ``sum(influence**2)``.

    The variance is a sum of one term per unit; when a few terms dominate it (a campaign group
    of one unit, a large unit) it is estimated with far fewer degrees of freedom than there are
    units, and t(n − 1) intervals are too narrow. Treating each term as its own scaled χ²₁ gives
    (Σ c)² / Σ c² with c the squared influence values (between 1 and n; at most n − 1 here).

    >>> round(_t_df(np.array([1.0, -1.0, 1.0, -1.0])), 1), round(_t_df(np.array([5.0, .1, .1])), 2)
    (3.0, 1.0)
    """
    squares = influence**2
    total = float(squares.sum())
    if total == 0:
        return float(len(influence) - 1)
    return float(min(len(influence) - 1, total**2 / float(np.sum(squares**2))))


def _treatment_columns(treatments: pd.DataFrame, wp: WidePanel, unit_col: str
                       ) -> tuple[np.ndarray, np.ndarray, list[Note], list[str]]:
    """Start and end column of each unit, with notes on units left out or counted as never."""
    if not isinstance(treatments, pd.DataFrame):
        raise ParameterError("treatments must be a DataFrame with columns unit, start, end.")
    key = "unit" if "unit" in treatments.columns else unit_col
    for column in (key, "start", "end"):
        if column not in treatments.columns:
            raise MissingColumnError(f"treatments has no column '{column}'.", column=column,
                                     hint="Give one row per treated unit: unit, start, end.")
    units = treatments[key].astype(str)
    repeated = units[units.duplicated(keep=False)]
    if len(repeated):
        raise DataError(
            f"unit(s) {', '.join(sorted(set(repeated))[:5])} have more than one campaign.",
            row=[int(i) + 2 for i in repeated.index], column=key,
            hint="The event study takes one campaign per unit: keep each unit's first.",
        )
    start = np.full(len(wp.units), NEVER)
    end = np.full(len(wp.units), NEVER)
    first, last = int(wp.periods[0]), int(wp.periods[-1])
    no_pre, late = [], []
    for unit, s, e in zip(units, treatments["start"], treatments["end"], strict=True):
        row = wp.row(unit)
        begin, finish = treatment_window((s, None if pd.isna(e) else e), wp.kind)
        if begin <= first:
            no_pre.append(unit)
        elif begin > last:
            late.append(unit)
        else:
            start[row] = begin - first
            end[row] = (last if finish is None else min(finish, last)) - first
    notes = []
    if no_pre:
        notes.append(comparative_note("DROPPED_NO_PRE", n=len(no_pre), units=", ".join(no_pre)))
    if late:
        notes.append(comparative_note("LATE_START", n=len(late), units=", ".join(late)))
    return start, end, notes, no_pre


def event_study(
    panel: pd.DataFrame,
    treatments: pd.DataFrame,
    *,
    outcome: str = "new_participants",
    control: str = "not_yet_treated",
    scale: str = "log",
    alpha: float = 0.05,
    unit_col: str = "province",
    time_col: str = "month",
) -> EventStudyResult:
    """Staggered-adoption event study of campaigns across units.

    Parameters
    ----------
    panel
        Long panel, one row per unit and period, filtered to one scheme.
    treatments
        One row per treated unit: ``unit`` (or the ``unit_col`` name), ``start``, ``end`` in the
        panel's time unit (``end`` empty: treated to the panel's end). Units not listed are
        never treated. Timing is an input: press silence does not prove there was no campaign.
    control
        "not_yet_treated" (default) or "never_treated".
    scale
        "log" (default; effects are ratios) or "level" (differences).
    alpha
        1 − the interval's level.

    Returns
    -------
    EventStudyResult
        ``effect``: group-time effects over each campaign's window, weighted by group size
        (R did's "simple" aggregation when campaigns last to the panel's end); ``profile``: the
        event-time aggregation; refused when no unit can serve as a control, or only one
        (whose own variation then cannot be estimated).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> months = pd.period_range("2021-01", periods=24, freq="M").strftime("%Y-%m")
    >>> noise = np.random.default_rng(0).normal(0, 0.02, size=(8, 24))
    >>> panel = pd.DataFrame([(f"P{i}", m, 100 * (1 + i / 10) * np.exp(noise[i, j]))
    ...                       for i in range(8) for j, m in enumerate(months)],
    ...                      columns=["province", "month", "new_participants"])
    >>> campaigns = pd.DataFrame({"unit": ["P0", "P1"], "start": ["2022-06", "2022-09"],
    ...                           "end": ["2022-07", "2022-10"]})
    >>> result = event_study(panel, campaigns)
    >>> result.effect.scale, result.diagnostics["n_never"], list(result.profile.columns[:3])
    ('ratio', 6, ['event_time', 'estimate', 'se'])
    """
    if control not in CONTROLS:
        raise ParameterError(f"control '{control}' is not one of {', '.join(CONTROLS)}.")
    if not 0 < alpha < 1:
        raise ParameterError(f"alpha must lie between 0 and 1; got {alpha}.")
    wp = wide_panel(panel, outcome=outcome, unit_col=unit_col, time_col=time_col, scale=scale)
    start, end, notes, dropped = _treatment_columns(treatments, wp, unit_col)
    keep = np.array([u not in dropped for u in wp.units])
    values, start, end = wp.values[keep], start[keep], end[keep]
    n_units = len(values)
    diagnostics: dict[str, object] = {
        "n_units": n_units, "n_treated": int((start != NEVER).sum()),
        "n_never": int((start == NEVER).sum()), "control": control, "scale": scale,
        "dropped": dropped,
    }
    gt = group_time_effects(values, start, end, control)
    window = (gt.period >= gt.group) & (gt.period <= gt.end) if len(gt.att) else np.array([])
    if not len(gt.att) or not window.any():
        notes.append(comparative_note("NO_CONTROLS"))
        return EventStudyResult(None, "refuse", notes, diagnostics)
    most_controls = int(gt.n_controls[window].max())
    if most_controls < MIN_CONTROLS:
        notes.append(comparative_note("TOO_FEW_DONORS", n_donors=most_controls,
                                      minimum=MIN_CONTROLS))
        return EventStudyResult(None, "refuse", notes, diagnostics)
    if gt.skipped:
        notes.append(comparative_note("CELLS_WITHOUT_CONTROLS", n=gt.skipped))
    estimate, influence = gt.aggregate(window)
    se, df = _se(influence), _t_df(influence)
    quantile = stats.t.ppf(1 - alpha / 2, df=df)
    p_value = 2 * stats.t.sf(abs(estimate) / se, df=df) if se > 0 else float("nan")
    effect = DesignEffect.from_log(estimate, estimate - quantile * se, estimate + quantile * se,
                                   p_value, scale)
    profile, dynamic = _profile(gt, alpha)
    pretrend_p, pretrend_df = _pretrend(gt)
    diagnostics.update(n_groups=len({int(g) for g in gt.group}), se=se, df=df,
                       pretrend_p=pretrend_p,
                       pretrend_df=pretrend_df, dynamic_overall=dynamic)
    if pretrend_df and pretrend_p < alpha:
        notes.append(comparative_note("PRETREND", p=pretrend_p))
    group_time = pd.DataFrame({
        "group": [wp.label(wp.periods[g]) for g in gt.group],
        "period": [wp.label(wp.periods[t]) for t in gt.period],
        "att": gt.att,
        "se": [_se(gt.influence[:, k]) for k in range(len(gt.att))],
        "n_treated": gt.n_treated,
        "n_controls": gt.n_controls,
    })
    caveat = any(n.code in ("PRETREND", "DROPPED_NO_PRE") for n in notes)
    return EventStudyResult(effect, "warn" if caveat else "ok", notes, diagnostics,
                            profile=profile, group_time=group_time)


def _profile(gt: GroupTime, alpha: float) -> tuple[pd.DataFrame, tuple[float, float]]:
    """Event-time aggregation, and the mean over event times ≥ 0 (R did's dynamic overall)."""
    event = gt.period - gt.group
    rows, post_influence, post_att = [], [], []
    for e in np.unique(event):
        att, influence = gt.aggregate(event == e)
        se = _se(influence)
        quantile = stats.t.ppf(1 - alpha / 2, df=_t_df(influence))
        rows.append({"event_time": int(e), "estimate": att, "se": se,
                     "ci_low": att - quantile * se, "ci_high": att + quantile * se,
                     "n_groups": int((event == e).sum())})
        if e >= 0:
            post_att.append(att)
            post_influence.append(influence)
    dynamic = (float(np.mean(post_att)), _se(np.mean(post_influence, axis=0))) if post_att else (
        float("nan"), float("nan"))
    return pd.DataFrame(rows), dynamic


def _pretrend(gt: GroupTime) -> tuple[float, int]:
    """Wald test that the effects before the campaigns are zero.

    The pre-period group-time effects are tested together (R did's pre-test) when there are at
    most PRETREND_WINDOW of them; otherwise (monthly panels, many groups) their event-time
    aggregation over the PRETREND_WINDOW periods before the start, so the covariance stays
    estimable from the units. Hotelling's small-sample correction turns the statistic into an F.
    """
    pre = gt.period < gt.group
    if not pre.any():
        return float("nan"), 0
    if pre.sum() <= PRETREND_WINDOW:
        att, influence = gt.att[pre], gt.influence[:, pre]
    else:
        event = gt.period - gt.group
        times = [e for e in np.unique(event[pre]) if e >= -PRETREND_WINDOW]
        pairs = [gt.aggregate(event == e) for e in times]
        att = np.array([a for a, _ in pairs])
        influence = np.column_stack([i for _, i in pairs])
    n = influence.shape[0]
    covariance = influence.T @ influence / n**2
    df = int(np.linalg.matrix_rank(covariance))
    if df == 0 or n - df < 1:
        return float("nan"), 0
    statistic = float(att @ np.linalg.pinv(covariance) @ att)
    scaled = statistic * (n - df) / (df * (n - 1))
    return float(stats.f.sf(scaled, df, n - df)), df
