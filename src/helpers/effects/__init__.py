"""Campaign effects on monthly panels: interrupted time series, recurring campaigns, net effect.

Public API: Intervention, Effect, ITSResult, interrupted_time_series, RecurringResult,
recurring_campaign_effects, NetEffect, net_effect, check_stock_flow.
"""

from helpers.effects.checks import check_stock_flow
from helpers.effects.design import Intervention
from helpers.effects.its import interrupted_time_series
from helpers.effects.results import Effect, ITSResult, NetEffect, RecurringResult

__all__ = [
    "Effect",
    "ITSResult",
    "Intervention",
    "NetEffect",
    "RecurringResult",
    "check_stock_flow",
    "interrupted_time_series",
]
