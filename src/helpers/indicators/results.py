"""Result objects of the press-figure tier: each figure keeps its facts, its bounds and its limits.

Every result is descriptive (``causal=False``), names its evidence tier and prints itself.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, TypedDict

import pandas as pd

# Re-exported: the words moved to the narrative; the names stay where issue 4 put them.
from helpers.narrative.words import NOT_CAUSAL, SCHEME_WORDS  # noqa: F401

#: Qualifiers that put a reported value above (or below) the true one.
UPPER = frozenset({"nearly"})
LOWER = frozenset({"more_than", "at_least"})


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


class Reason(TypedDict):
    """The two refusal fields of a result, as keyword arguments."""

    reason: str
    reason_vi: str


def reason_of(note: str) -> Reason:
    """``reason`` and ``reason_vi`` of a refusal from its note (``Note.of(code, ...)``).

    ``reason`` stays the note itself, so ``result.reason.code`` names the refusal.
    """
    return {"reason": note, "reason_vi": getattr(note, "vi", note)}


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
        from helpers.narrative.indicators import describe

        return describe(self, lang)

    @property
    def reason_code(self) -> str | None:
        """Stable code of the refusal (``None`` when computed), e.g. ``"NEED_TWO_STOCKS"``."""
        return getattr(self.reason, "code", None)

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


@dataclass(kw_only=True)
class Productivity(PressIndicator):
    """Enrolees per conference or event, and per launch day, one row per reported pairing."""

    kind: ClassVar[str] = "productivity"
    table: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass(kw_only=True)
class Coverage(PressIndicator):
    """Participants over the labour force, beside the reported coverage figures and targets."""

    kind: ClassVar[str] = "coverage"
    as_of: date | None = None
    participants: float | None = None
    labour_force: float | None = None
    computed_pct: float | None = None
    reported: pd.DataFrame = field(default_factory=pd.DataFrame)

