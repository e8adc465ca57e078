"""Result objects of the monthly-panel analyses: effects, ITS, recurring and net results.

Each result prints itself and describes itself in a sentence or two (Vietnamese or English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from helpers.errors import AnalysisRefused
from helpers.notes import Note, in_language
from helpers.text import format_number, format_percent

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


def _signed(x: float, lang: str, *, percent: bool = False) -> str:
    """A change with its sign, whole units: "+50%", "−1.234" (vi) / "−1,234" (en)."""
    text = (format_percent if percent else format_number)(abs(x), lang, 0)
    return ("+" if x >= 0 else "−") + text


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
        pct = f"{level * 100:.0f}%"
        if self.scale == "rate_ratio":
            parts = [
                _signed((v - 1) * 100, lang, percent=True)
                for v in (self.estimate, self.ci_low, self.ci_high)
            ]
        else:
            parts = [_signed(v, lang) for v in (self.estimate, self.ci_low, self.ci_high)]
        p = "< 0,001" if lang == "vi" else "< 0.001"
        if self.p_value >= 0.001:
            p = "= " + format_number(self.p_value, lang, 3)
        if lang == "vi":
            return f"{parts[0]} (KTC {pct}: {parts[1]} đến {parts[2]}; p {p})"
        return f"{parts[0]} ({pct} CI {parts[1]} to {parts[2]}; p {p})"


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
        import matplotlib.pyplot as plt

        ax = ax if ax is not None else plt.subplots(figsize=(8, 3.5))[1]
        frame = self.counterfactual
        when = frame.index.to_timestamp()
        vi = lang == "vi"
        ax.fill_between(when, frame["lower"], frame["upper"], color="0.85",
                        label="Khoảng tin cậy" if vi else "Interval")
        ax.plot(when, frame["mean"], color="0.3", ls="--",
                label="Nếu không có chiến dịch" if vi else "Without the campaign")
        ax.plot(when, frame["observed"], color="C0", marker=".", label="Thực tế" if vi
                else "Observed")
        for month in self.extra_months:
            start = month.to_timestamp()
            ax.axvspan(start, (month + 1).to_timestamp(), color="C1", alpha=0.15, lw=0)
        ax.legend(loc="upper left", frameon=False)
        return ax

    def describe(self, lang: str = "en") -> str:
        """A short paragraph for a report, in Vietnamese ("vi") or English ("en")."""
        vi = lang == "vi"
        if self.status == "refuse":
            head = "Không ước lượng tác động: " if vi else "No effect estimated: "
            return head + in_language(self.warnings, lang)
        sentences = []
        for name, eff in self.effects.items():
            kind = "tỷ lệ đăng ký mới" if vi else "new enrolments"
            sentences.append(
                f"«{name}»: {kind} {eff.describe(lang, level=self.level)}."
                if vi
                else f"'{name}': {kind} {eff.describe(lang, level=self.level)}."
            )
        if self.extra_enrolments is not None:
            extra = self.extra_enrolments
            lo, hi = (format_number(v, lang) for v in (extra.ci_low, extra.ci_high))
            sentences.append(
                f"Số người tăng thêm so với kịch bản không có chiến dịch: "
                f"{format_number(extra.estimate, lang)} (khoảng {lo} đến {hi})."
                if vi
                else "Extra people compared with no campaign: "
                f"{format_number(extra.estimate, lang)} "
                f"(interval {lo} to {hi})."
            )
        if self.warnings:
            sentences.append(("Lưu ý: " if vi else "Caveats: ") + in_language(self.warnings, lang))
        return " ".join(sentences)


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
        vi = lang == "vi"
        if self.status == "refuse" or self.pooled is None:
            head = "Không ước lượng tác động: " if vi else "No effect estimated: "
            return head + in_language(self.warnings, lang)
        text = (
            f"Tháng chiến dịch (gộp các năm): {self.pooled.describe(lang)}."
            if vi
            else f"Campaign month (all years pooled): {self.pooled.describe(lang)}."
        )
        if self.rebound is not None:
            text += (
                f" Các tháng sau chiến dịch: {self.rebound.describe(lang)}."
                if vi
                else f" Months after the campaign: {self.rebound.describe(lang)}."
            )
        if self.warnings:
            text += (" Lưu ý: " if vi else " Caveats: ") + in_language(self.warnings, lang)
        return text


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
        vi = lang == "vi"
        if self.status == "refuse":
            return ("Không ước lượng: " if vi else "Not estimated: ") + in_language(
                self.warnings, lang)
        parts = []
        for horizon, eff in self.stayed.items():
            lo, hi = format_number(eff.ci_low, lang), format_number(eff.ci_high, lang)
            mid = format_number(eff.estimate, lang)
            parts.append(
                f"sau {horizon} tháng còn khoảng {mid} người ({lo}–{hi})"
                if vi
                else f"about {mid} still enrolled after {horizon} months ({lo}–{hi})"
            )
        head = (
            "Trong số người tăng thêm nhờ chiến dịch, "
            if vi
            else "Of the campaign's extra enrolees, "
        )
        text = head + "; ".join(parts) + "."
        if self.assumptions:
            text += (" Giả định: " if vi else " Assumes: ") + in_language(self.assumptions, lang)
        if self.warnings:
            text += (" Lưu ý: " if vi else " Caveats: ") + in_language(self.warnings, lang)
        return text
