"""Result objects of the monthly-panel analyses: effects, ITS, recurring and net results.

Each result prints itself and describes itself in a sentence or two (Vietnamese or English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from helpers.errors import AnalysisRefused
from helpers.narrative.vocabulary import Note
from helpers.notes import in_language

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "Effect",
    "ITSResult",
    "NetEffect",
    "Note",
    "RecurringResult",
    "in_language",
]

Status = Literal["ok", "warn", "refuse"]
Scale = Literal["rate_ratio", "additive"]


@dataclass(frozen=True)
class Effect:
    """One estimated effect with its interval.

    Attributes
    ----------
    estimate
        Rate ratio (count families; 1.5 = 50% more) or additive change (Gaussian, totals).
    ci_low, ci_high
        Interval at the requested level (95% by default).
    p_value
        Two-sided p-value against no effect (rate ratio 1, or 0 when additive).
    scale
        "rate_ratio" or "additive".
    """

    estimate: float
    ci_low: float
    ci_high: float
    p_value: float
    scale: Scale

    def __str__(self) -> str:
        unit = "RR" if self.scale == "rate_ratio" else "Δ"
        return (
            f"{unit} {self.estimate:.3g} [{self.ci_low:.3g}, {self.ci_high:.3g}], "
            f"p={self.p_value:.3g}"
        )

    def describe(self, lang: str = "en", *, level: float = 0.95) -> str:
        """The effect in words, e.g. "+50% (95% CI +32% to +70%, p = 0.001)"."""
        from helpers.narrative.estimates import effect

        return effect(self, lang, level=level)


@dataclass
class ITSResult:
    """An interrupted-time-series fit, or its refusal.

    Attributes
    ----------
    effects
        Effect of each intervention by name (empty when refused).
    extra_enrolments
        Total extra people over the intervention months (observed − counterfactual), additive;
        None when refused.
    counterfactual
        Frame indexed by month with observed, mean, lower, upper (the counterfactual without
        interventions); empty when refused.
    status
        "ok", "warn" (estimates given with caveats) or "refuse" (no estimates).
    warnings
        Sentences explaining each caveat or the refusal.
    diagnostics
        ljung_box_p, dispersion, nb_alpha, rho, acf_lag12, n_pre, n_post, n_params, method,
        covariance, family, seasonality; since issue 13 also latent_share (c of the working
        correlation c·ρ^k), effect_df (Satterthwaite df of each effect), acf_lag12_z,
        break_p and break_month (pre-period scan) and pair_correlation (step/slope pairs).
    extra_draws, extra_months
        Simulated extra enrolments per intervention month (draws × months) and those months,
        used by ``net_effect``.
    extra_point
        Point estimate of the extra enrolments of each of those months (they sum to
        ``extra_enrolments.estimate``); ``net_effect`` carries these forward, not the mean of
        the draws.
    """

    effects: dict[str, Effect]
    extra_enrolments: Effect | None
    counterfactual: pd.DataFrame
    status: Status
    warnings: list[str]
    diagnostics: dict[str, object]
    extra_draws: np.ndarray = field(default_factory=lambda: np.empty((0, 0)), repr=False)
    extra_months: pd.PeriodIndex = field(
        default_factory=lambda: pd.PeriodIndex([], freq="M"), repr=False)
    level: float = 0.95
    extra_point: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False)

    def __str__(self) -> str:
        lines = [f"ITS ({self.diagnostics.get('family', '?')}): status {self.status}"]
        lines += [f"  {name}: {eff}" for name, eff in self.effects.items()]
        if self.extra_enrolments is not None:
            lines.append(f"  extra enrolments: {self.extra_enrolments}")
        lines += [f"  ! {w}" for w in self.warnings]
        return "\n".join(lines)

    def plot(self, ax: Axes | None = None, *, lang: str = "en") -> Axes:
        """Observed counts against the counterfactual mean and its band; intervention months
        shaded. Raises AnalysisRefused for a refused result (there is nothing to draw)."""
        if self.status == "refuse":
            raise AnalysisRefused(" ".join(self.warnings))
        from helpers.narrative.charts import its_chart

        return its_chart(self, ax, lang=lang)

    def describe(self, lang: str = "en") -> str:
        """A short paragraph for a report, in Vietnamese ("vi") or English ("en")."""
        from helpers.narrative.estimates import its

        return its(self, lang)


@dataclass
class RecurringResult:
    """Per-year and pooled effects of a campaign that recurs in the same month(s) each year.

    Attributes
    ----------
    per_year
        Window effect of each campaign year, keyed by year.
    pooled
        One window effect for all campaign years together (None when refused).
    rebound
        Pooled effect on the ``rebound_months`` after each campaign (below 1 = pull-forward).
    status, warnings, diagnostics
        As in ``ITSResult``; "refuse" when the campaign cannot be told apart from the season.
    per_year_rebound
        Rebound effect after each campaign year.
    pooled_fit
        The pooled model (counterfactual, extra enrolments over campaign and rebound months),
        which ``net_effect`` accepts.
    """

    per_year: dict[int, Effect]
    pooled: Effect | None
    rebound: Effect | None
    status: Status
    warnings: list[str]
    diagnostics: dict[str, object]
    per_year_rebound: dict[int, Effect] = field(default_factory=dict)
    pooled_fit: ITSResult | None = field(default=None, repr=False)

    def __str__(self) -> str:
        lines = [f"Recurring campaign: status {self.status}"]
        if self.pooled is not None:
            lines.append(f"  pooled: {self.pooled}")
        if self.rebound is not None:
            lines.append(f"  rebound: {self.rebound}")
        lines += [f"  {year}: {eff}" for year, eff in self.per_year.items()]
        lines += [f"  ! {w}" for w in self.warnings]
        return "\n".join(lines)

    def describe(self, lang: str = "en") -> str:
        """A short paragraph: pooled effect, rebound, then the caveats."""
        from helpers.narrative.estimates import recurring

        return recurring(self, lang)


@dataclass
class NetEffect:
    """Campaign enrolees still participating some months after the campaign.

    Attributes
    ----------
    stayed
        Additive effect on participants at each horizon (months after the campaign ends).
    extra_enrolments
        The flow effect that was accumulated (total extra new participants).
    dropout_rate
        Monthly drop-out hazard used, with its interval (additive Effect; p_value is NaN).
    status, warnings
        As in ``ITSResult``.
    assumptions
        What the accumulation takes for granted, to print next to the numbers.
    """

    stayed: dict[int, Effect]
    extra_enrolments: Effect | None
    dropout_rate: Effect | None
    status: Status
    warnings: list[str]
    assumptions: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"Net effect: status {self.status}"]
        lines += [f"  +{h} months: {eff}" for h, eff in self.stayed.items()]
        lines += [f"  ! {w}" for w in self.warnings]
        return "\n".join(lines)

    def describe(self, lang: str = "en") -> str:
        """How many campaign enrolees stayed, horizon by horizon."""
        from helpers.narrative.estimates import net

        return net(self, lang)
