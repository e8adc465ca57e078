"""Campaign effects on monthly panels: interrupted time series, recurring campaigns, net effect.

Public API: Intervention, Effect, ITSResult, interrupted_time_series, RecurringResult,
recurring_campaign_effects, NetEffect, net_effect, estimate_dropout_hazard, check_stock_flow,
Note (bilingual warning sentences).
"""

from helpers.effects.checks import check_stock_flow
from helpers.effects.design import Intervention
from helpers.effects.its import interrupted_time_series
from helpers.effects.net import estimate_dropout_hazard, net_effect
from helpers.effects.recurring import recurring_campaign_effects
from helpers.effects.results import Effect, ITSResult, NetEffect, RecurringResult
from helpers.notes import Note

__all__ = [
    "Effect",
    "ITSResult",
    "Intervention",
    "NetEffect",
    "Note",
    "RecurringResult",
    "check_stock_flow",
    "estimate_dropout_hazard",
    "interrupted_time_series",
    "net_effect",
    "recurring_campaign_effects",
]
