"""Paragraphs in Vietnamese and English that say what a computed result shows, and no more.

Every number comes in as an argument; wording follows the evidence tier (press vs monthly panel).
The one path from a result to words: statistics return numbers and coded notes
(``Note.of(code, **numbers)``), whose sentences are in ``vocabulary``; results' ``describe()``
and ``plot()`` hand off to ``estimates``, ``indicators`` and ``charts``; ``methods`` words the
appendix every report ends with.
"""

from helpers.narrative.activity import campaigns, channels, districts, retention
from helpers.narrative.monthly import (
    evidence_tier,
    its_diagnostics,
    its_effect,
    key_figures_monthly,
    national_goal,
    outlook,
    retention_monthly,
)
from helpers.narrative.press import key_figures, trajectory
from helpers.narrative.units import commune_press_only, nothing_for_unit, unit_heading
from helpers.narrative.words import (
    PRESS,
    SCHEME_NAMES,
    Quantity,
    conflict,
    day,
    no_data,
    no_panel,
    no_province_figures,
    not_computed,
    nothing_at_all,
    number,
    percent,
    period,
)

__all__ = [
    "PRESS",
    "SCHEME_NAMES",
    "Quantity",
    "campaigns",
    "commune_press_only",
    "channels",
    "conflict",
    "day",
    "districts",
    "evidence_tier",
    "its_diagnostics",
    "its_effect",
    "key_figures",
    "key_figures_monthly",
    "national_goal",
    "no_data",
    "no_panel",
    "no_province_figures",
    "not_computed",
    "nothing_at_all",
    "nothing_for_unit",
    "number",
    "outlook",
    "percent",
    "period",
    "retention",
    "retention_monthly",
    "trajectory",
    "unit_heading",
]
