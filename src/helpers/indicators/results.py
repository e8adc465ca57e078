"""Result objects of the press-figure tier: each figure keeps its facts, its bounds and its limits.

Every result is descriptive (``causal=False``), names its evidence tier and prints itself.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

import pandas as pd

from helpers.narrative.words import BOUND_WORDS
from helpers.text import format_date, format_number, format_percent

#: Qualifiers that put a reported value above (or below) the true one.
UPPER = frozenset({"nearly"})
LOWER = frozenset({"more_than", "at_least"})

NOT_CAUSAL = {
    "en": "Descriptive press figures; they do not show what the campaign caused.",
    "vi": "Số liệu mô tả từ báo chí; không cho thấy tác động nhân quả của chiến dịch.",
}


def bound_of(numerator: str, denominator: str | None = None) -> str:
    """Say whether a figure built from qualified values is exact, a bound, or approximate.

    A "nearly 1.400" enrolees over "more than 140" conferences is at most 10 per conference:
    the qualifiers of a ratio's parts decide the direction of the bound.

    Parameters
    ----------
    numerator, denominator
        Qualifiers (exact, approx, nearly, more_than, at_least) of the two parts; leave
        ``denominator`` out for a single value or a difference whose other end is exact.

    Returns
    -------
    str
        "exact", "upper_bound" (true value is lower), "lower_bound" or "approx".
    """
    directions = set()
    for qualifier, sign in ((numerator, 1), (denominator or "exact", -1)):
        if qualifier == "approx":
            return "approx"
        if qualifier in UPPER:
            directions.add(sign)
        elif qualifier in LOWER:
            directions.add(-sign)
    if not directions:
        return "exact"
    if len(directions) == 2:
        return "approx"
    return "upper_bound" if directions == {1} else "lower_bound"


SCHEME_WORDS = {
    "vi": {"voluntary_si": "BHXH tự nguyện", "household_hi": "BHYT hộ gia đình",
           "compulsory_si": "BHXH bắt buộc", "social_insurance": "BHXH",
           "health_insurance": "BHYT", "unemployment_insurance": "BHTN",
           "mixed": "BHXH tự nguyện và BHYT hộ gia đình"},
    "en": {"voluntary_si": "voluntary SI", "household_hi": "household HI",
           "compulsory_si": "compulsory SI", "social_insurance": "all social insurance",
           "health_insurance": "health insurance", "unemployment_insurance": "unemployment "
           "insurance", "mixed": "voluntary SI and household HI together"},
}


def plain(value: Any) -> Any:
    """Dates, periods, frames, tuples and numpy scalars as JSON-ready values (ISO dates, records,
    lists)."""
    if isinstance(value, pd.DataFrame):
        return [plain(r) for r in value.to_dict("records")]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | bool):
        return value
    if pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, pd.Period):
        return str(value)
    return value.item() if hasattr(value, "item") else value


def _n(x: float | None, lang: str, decimals: int = 0) -> str:
    return "—" if x is None else format_number(x, lang=lang, decimals=decimals)


def _p(x: float | None, lang: str) -> str:
    return "—" if x is None else format_percent(x, lang=lang, decimals=1)


def _d(d: date | None, lang: str) -> str:
    return "?" if d is None else format_date(d, lang=lang)


@dataclass(kw_only=True)
class PressIndicator:
    """Common fields: status, provenance and the reminder that these figures are descriptive.

    Attributes
    ----------
    status
        "ok" or "refuse"; a refused result has ``reason`` and no figures.
    reason, reason_vi
        Why the figure could not be computed, in one sentence (English, Vietnamese).
    fact_ids, quotes
        The facts used (ids from facts.csv) and their quotes, so every number is traceable.
    warnings
        Sentences about data quality (conflicting figures, approximate values, ...): English
        strings carrying their Vietnamese text in ``.vi`` (``to_dict`` adds ``warnings_vi``).
    causal, tier
        Always ``False`` and ``"press"`` for this tier.
    """

    kind: ClassVar[str] = "indicator"
    status: str = "ok"
    reason: str = ""
    reason_vi: str = ""
    fact_ids: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    causal: bool = False
    tier: str = "press"

    @property
    def ok(self) -> bool:
        """True when the figure was computed."""
        return self.status == "ok"

    def describe(self, lang: str = "en") -> str:
        """One or two sentences for a report, in Vietnamese (``"vi"``) or English."""
        if not self.ok:
            label = "Không tính được" if lang == "vi" else "Not computed"
            why = self.reason_vi if lang == "vi" and self.reason_vi else self.reason
            return f"{label}: {why}"
        return self._sentence(lang)

    def _sentence(self, lang: str) -> str:
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """Plain values (dates as ISO strings, frames as records) for JSON or a report."""
        out: dict[str, Any] = {"kind": self.kind}
        for f in dataclasses.fields(self):
            out[f.name] = plain(getattr(self, f.name))
        out["warnings_vi"] = [getattr(w, "vi", str(w)) for w in self.warnings]
        return out

    def __str__(self) -> str:
        return self.describe("en")


@dataclass(kw_only=True)
class Growth(PressIndicator):
    """Change between two reported stocks: absolute, percent and compound annual rate."""

    kind: ClassVar[str] = "growth"
    start: date | None = None
    end: date | None = None
    start_value: float | None = None
    end_value: float | None = None
    absolute: float | None = None
    pct: float | None = None
    cagr_pct: float | None = None
    bound: str = "exact"
    reported_change: float | None = None

    def _sentence(self, lang: str) -> str:
        b = BOUND_WORDS[lang][self.bound]
        if lang == "vi":
            text = (
                f"Từ {_n(self.start_value, lang)} người ({_d(self.start, lang)}) lên "
                f"{_n(self.end_value, lang)} người ({_d(self.end, lang)}): tăng {b}"
                f"{_n(self.absolute, lang)} người ({_p(self.pct, lang)})"
            )
            if self.cagr_pct is not None:
                text += f", bình quân {_p(self.cagr_pct, lang)}/năm"
        else:
            text = (
                f"From {_n(self.start_value, lang)} ({_d(self.start, lang)}) to "
                f"{_n(self.end_value, lang)} ({_d(self.end, lang)}): {b}"
                f"{_n(self.absolute, lang)} more ({_p(self.pct, lang)})"
            )
            if self.cagr_pct is not None:
                text += f", {_p(self.cagr_pct, lang)} a year compounded"
        return text + "."


@dataclass(kw_only=True)
class Attainment(PressIndicator):
    """Result against plan: the reported percentage and/or achieved ÷ planned."""

    kind: ClassVar[str] = "attainment"
    indicator: str = ""
    period_start: date | None = None
    period_end: date | None = None
    achieved: float | None = None
    planned: float | None = None
    computed_pct: float | None = None
    reported_pct: float | None = None
    bound: str = "exact"

    @property
    def pct(self) -> float | None:
        """The reported percentage when there is one, else the computed one."""
        return self.reported_pct if self.reported_pct is not None else self.computed_pct

    def _sentence(self, lang: str) -> str:
        b = BOUND_WORDS[lang][self.bound]
        if lang == "vi":
            text = f"Đạt {b}{_p(self.pct, lang)} kế hoạch (đến {_d(self.period_end, lang)})"
            if self.achieved is not None and self.planned is not None:
                text += f": {_n(self.achieved, lang)} trên {_n(self.planned, lang)} người"
        else:
            text = f"{b}{_p(self.pct, lang)} of plan (to {_d(self.period_end, lang)})"
            text = text[0].upper() + text[1:]
            if self.achieved is not None and self.planned is not None:
                text += f": {_n(self.achieved, lang)} against {_n(self.planned, lang)} planned"
        return text + "."


@dataclass(kw_only=True)
class CampaignShare(PressIndicator):
    """A campaign's new enrolments as a share of the year's net change in participants."""

    kind: ClassVar[str] = "campaign_share"
    year: int | None = None
    campaign_start: date | None = None
    campaign_end: date | None = None
    new_participants: float | None = None
    net_change: float | None = None
    share_pct: float | None = None
    bound: str = "exact"

    def _sentence(self, lang: str) -> str:
        b = BOUND_WORDS[lang][self.bound]
        if lang == "vi":
            return (
                f"Đợt vận động đến {_d(self.campaign_end, lang)} phát triển mới "
                f"{_n(self.new_participants, lang)} người, bằng {b}{_p(self.share_pct, lang)} "
                f"mức tăng ròng năm {self.year} ({_n(self.net_change, lang)} người); vì vẫn có "
                "người dừng đóng, tỷ lệ này không phải phần tăng do chiến dịch tạo ra."
            )
        return (
            f"The campaign to {_d(self.campaign_end, lang)} enrolled "
            f"{_n(self.new_participants, lang)} people, {b}{_p(self.share_pct, lang)} of the "
            f"{self.year} net change ({_n(self.net_change, lang)}); members also leave, so this "
            "is not the share of growth the campaign caused."
        )


@dataclass(kw_only=True)
class CampaignComparison(PressIndicator):
    """The same campaign against a year earlier (difference and percent change)."""

    kind: ClassVar[str] = "campaign_yoy"
    period_end: date | None = None
    previous_period_end: date | None = None
    current: float | None = None
    previous: float | None = None
    difference: float | None = None
    pct: float | None = None
    previous_is_implied: bool = False

    def _sentence(self, lang: str) -> str:
        if lang == "vi":
            text = (
                f"Đợt đến {_d(self.period_end, lang)} phát triển mới {_n(self.current, lang)} "
                f"người, tăng {_n(self.difference, lang)} người ({_p(self.pct, lang)}) so với "
                f"cùng đợt năm trước ({_n(self.previous, lang)} người)"
            )
            if self.previous_is_implied:
                text += "; số năm trước suy ra từ mức chênh lệch báo chí nêu"
        else:
            text = (
                f"The campaign to {_d(self.period_end, lang)} enrolled "
                f"{_n(self.current, lang)}, {_n(self.difference, lang)} "
                f"({_p(self.pct, lang)}) more than the same campaign a year earlier "
                f"({_n(self.previous, lang)})"
            )
            if self.previous_is_implied:
                text += "; last year's figure is implied by the reported difference"
        return text + "."


@dataclass(kw_only=True)
class Retention(PressIndicator):
    """Drop-outs per new enrolee and the net change over the same period."""

    kind: ClassVar[str] = "retention"
    period_start: date | None = None
    period_end: date | None = None
    new_participants: float | None = None
    dropouts: float | None = None
    dropout_ratio_pct: float | None = None
    net: float | None = None
    bound: str = "exact"

    def _sentence(self, lang: str) -> str:
        b = BOUND_WORDS[lang][self.bound]
        if lang == "vi":
            return (
                f"Đến {_d(self.period_end, lang)}: {_n(self.new_participants, lang)} người mới, "
                f"{_n(self.dropouts, lang)} người giảm ({b}{_p(self.dropout_ratio_pct, lang)} số "
                f"mới), tăng ròng {_n(self.net, lang)} người. Người giảm gồm cả người chuyển "
                "sang BHXH bắt buộc hoặc hưởng hưu, không chỉ người mới tham gia."
            )
        return (
            f"To {_d(self.period_end, lang)}: {_n(self.new_participants, lang)} new, "
            f"{_n(self.dropouts, lang)} dropped out ({b}{_p(self.dropout_ratio_pct, lang)} of "
            f"new), net {_n(self.net, lang)}. Drop-outs include moves to compulsory insurance "
            "and retirements, and are not only the new enrolees."
        )


@dataclass(kw_only=True)
class Productivity(PressIndicator):
    """Enrolees per conference or event, and per launch day, one row per reported pairing."""

    kind: ClassVar[str] = "productivity"
    table: pd.DataFrame = field(default_factory=pd.DataFrame)

    def _sentence(self, lang: str) -> str:
        parts = []
        for row in self.table.itertuples():
            b = BOUND_WORDS[lang][row.bound]
            per = _n(row.per_event, lang, decimals=0 if float(row.per_event).is_integer() else 1)
            if lang == "vi":
                unit = "ngày ra quân" if row.event_kind == "launch_day" else "hội nghị"
                parts.append(f"{b}{per} người/{unit} ({_d(row.period_end, lang)})")
            else:
                unit = "launch day" if row.event_kind == "launch_day" else "event"
                parts.append(f"{b}{per} enrolees per {unit} ({_d(row.period_end, lang)})")
        return "; ".join(parts) + "."


@dataclass(kw_only=True)
class Coverage(PressIndicator):
    """Participants over the labour force, beside the reported coverage figures and targets."""

    kind: ClassVar[str] = "coverage"
    as_of: date | None = None
    participants: float | None = None
    labour_force: float | None = None
    computed_pct: float | None = None
    reported: pd.DataFrame = field(default_factory=pd.DataFrame)

    def _sentence(self, lang: str) -> str:
        parts = []
        if self.computed_pct is not None:
            if lang == "vi":
                parts.append(
                    f"{_n(self.participants, lang)} người tham gia trên "
                    f"{_n(self.labour_force, lang)} lao động = {_p(self.computed_pct, lang)} "
                    f"({_d(self.as_of, lang)})"
                )
            else:
                parts.append(
                    f"{_n(self.participants, lang)} participants of a labour force of "
                    f"{_n(self.labour_force, lang)} = {_p(self.computed_pct, lang)} "
                    f"({_d(self.as_of, lang)})"
                )
        for row in self.reported.itertuples():
            if lang == "vi":
                what = "mục tiêu" if row.is_target else "đạt"
            else:
                what = "target" if row.is_target else "reported"
            b = BOUND_WORDS[lang][bound_of(row.qualifier)]
            scheme = SCHEME_WORDS[lang].get(row.scheme, row.scheme)
            parts.append(f"{what} {b}{_p(row.value, lang)} ({scheme}, {_d(row.period_end, lang)})")
        return "; ".join(parts) + "."
