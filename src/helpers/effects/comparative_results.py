"""Result objects of the designs that compare a province with other provinces: synthetic control,
synthetic difference-in-differences and the staggered event study.

Each carries ``effect`` (on the common log scale by default, so it compares with the ITS rate
ratio), ``status``, ``warnings`` (Notes with stable codes), ``diagnostics``, and its weights or
event-time profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from helpers.notes import Note

EffectScale = Literal["ratio", "difference"]
Status = Literal["ok", "warn", "refuse"]


@dataclass(frozen=True)
class DesignEffect:
    """One effect of a comparative design with its interval.

    Attributes
    ----------
    estimate
        Ratio (``scale="ratio"``: 1.2 = 20% more than without the campaign, from the log scale)
        or difference in the outcome's units (``scale="difference"``).
    ci_low, ci_high
        Interval at 1 − alpha (may be infinite when the placebos cannot bound it).
    p_value
        Against no effect (ratio 1, or difference 0).
    scale
        "ratio" or "difference".
    """

    estimate: float
    ci_low: float
    ci_high: float
    p_value: float
    scale: EffectScale

    @classmethod
    def from_log(cls, value: float, low: float, high: float, p_value: float,
                 scale: str) -> DesignEffect:
        """Build from an estimate on the analysis scale: exponentiated when ``scale="log"``."""
        if scale == "log":
            return cls(float(np.exp(value)), float(np.exp(low)), float(np.exp(high)),
                       float(p_value), "ratio")
        return cls(float(value), float(low), float(high), float(p_value), "difference")

    @property
    def log_estimate(self) -> float:
        """The estimate on the log scale (ratio designs only; NaN otherwise)."""
        return float(np.log(self.estimate)) if self.scale == "ratio" else float("nan")

    def covers(self, value: float) -> bool:
        """Whether the interval contains ``value`` (on this effect's scale)."""
        return bool(self.ci_low <= value <= self.ci_high)

    def __str__(self) -> str:
        unit = "ratio" if self.scale == "ratio" else "Δ"
        return (f"{unit} {self.estimate:.3g} [{self.ci_low:.3g}, {self.ci_high:.3g}], "
                f"p={self.p_value:.3g}")


@dataclass
class _ComparativeResult:
    effect: DesignEffect | None
    status: Status
    warnings: list[Note]
    diagnostics: dict[str, object]

    design = "comparative"

    def __str__(self) -> str:
        lines = [f"{self.design}: status {self.status}"]
        if self.effect is not None:
            lines.append(f"  effect: {self.effect}")
        lines += [f"  ! [{getattr(w, 'code', '')}] {w}" for w in self.warnings]
        return "\n".join(lines)

    @property
    def codes(self) -> list[str]:
        """The stable codes of the warnings, in order."""
        return [str(w.code) for w in self.warnings if getattr(w, "code", None)]


@dataclass
class SyntheticControlResult(_ComparativeResult):
    """Synthetic control for one unit's campaign window, or its refusal.

    Attributes
    ----------
    effect
        Average effect over the window; interval by inverting the placebo-in-space test;
        ``p_value`` is the permutation p-value of the post/pre RMSPE ratio. None when refused.
    weights
        Donor weights (sum to one), largest first.
    path
        Frame indexed by period label with observed and synthetic values (outcome units).
    diagnostics
        pre_rmspe, pre_rmspe_share (of the pre-period mean), rmspe_ratio, placebo_ratios,
        p_value_time, placebo_time (estimates at fake start dates), n_donors, n_pre, n_post,
        intercept.
    """

    weights: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    path: pd.DataFrame = field(default_factory=pd.DataFrame)

    design = "synthetic control"


@dataclass
class SyntheticDiDResult(_ComparativeResult):
    """Synthetic difference-in-differences for one unit's window, or its refusal.

    Attributes
    ----------
    effect
        Average effect over the window; standard error by placebo (Algorithm 4 of Arkhangelsky
        et al. 2021), interval and p-value from a t distribution with donors − 1 degrees of
        freedom. None when refused.
    weights
        Unit weights on the donors, largest first.
    time_weights
        Weights on the pre-periods, by period label.
    """

    weights: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    time_weights: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))

    design = "synthetic DiD"


@dataclass
class EventStudyResult(_ComparativeResult):
    """Staggered-adoption event study (Callaway–Sant'Anna group-time effects), or its refusal.

    Attributes
    ----------
    effect
        Overall effect: group-time effects over each campaign's window, averaged with group-size
        weights. None when refused.
    profile
        One row per event time (periods since the campaign started): estimate, se, ci_low,
        ci_high (on the analysis scale: log points or differences), n_groups.
    group_time
        One row per group (start period) and period: att, se, n_treated, n_controls.
    diagnostics
        pretrend_p (Wald test of the pre-period effects), pretrend_df, n_units, n_treated,
        n_never, n_groups, control, dropped (units left out and why).
    """

    profile: pd.DataFrame = field(default_factory=pd.DataFrame)
    group_time: pd.DataFrame = field(default_factory=pd.DataFrame)

    design = "event study"
