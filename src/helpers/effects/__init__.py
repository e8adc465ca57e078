"""Campaign effects on monthly panels: interrupted time series, recurring campaigns, net effect.

Public API: Intervention, Effect, ITSResult, interrupted_time_series, RecurringResult,
recurring_campaign_effects, NetEffect, net_effect, estimate_dropout_hazard, check_stock_flow,
Note (bilingual warning sentences); comparisons with other provinces on a long panel:
synthetic_control, synthetic_did, event_study with DesignEffect, SyntheticControlResult,
SyntheticDiDResult, EventStudyResult.
"""

from helpers.effects.checks import check_stock_flow
from helpers.effects.comparative_results import (
    DesignEffect,
    EventStudyResult,
    SyntheticControlResult,
    SyntheticDiDResult,
)
from helpers.effects.design import Intervention
from helpers.effects.event_study import event_study
from helpers.effects.its import interrupted_time_series
from helpers.effects.net import estimate_dropout_hazard, net_effect
from helpers.effects.recurring import recurring_campaign_effects
from helpers.effects.results import Effect, ITSResult, NetEffect, RecurringResult
from helpers.effects.sdid import synthetic_did
from helpers.effects.synth import synthetic_control
from helpers.notes import Note

__all__ = [
    "DesignEffect",
    "Effect",
    "EventStudyResult",
    "ITSResult",
    "Intervention",
    "NetEffect",
    "Note",
    "RecurringResult",
    "SyntheticControlResult",
    "SyntheticDiDResult",
    "check_stock_flow",
    "estimate_dropout_hazard",
    "event_study",
    "interrupted_time_series",
    "net_effect",
    "recurring_campaign_effects",
    "synthetic_control",
    "synthetic_did",
]
