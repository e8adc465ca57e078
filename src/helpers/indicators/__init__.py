"""Press-figure indicators on the facts table: growth, attainment, campaigns, retention, coverage.

Descriptive only (every result has ``causal=False``); the monthly-panel tier is helpers.effects.
"""

from helpers.indicators.campaigns import campaign_share, campaign_yoy
from helpers.indicators.facts import same_period, select, stock_series
from helpers.indicators.flows import coverage, productivity, retention
from helpers.indicators.local import LocalShares, local_shares
from helpers.indicators.merged import StockAggregate, aggregate_2025
from helpers.indicators.press import attainment, growth
from helpers.indicators.projection import Projection, projection
from helpers.indicators.results import (
    Attainment,
    CampaignComparison,
    CampaignShare,
    Coverage,
    Growth,
    PressIndicator,
    Productivity,
    Retention,
)
from helpers.indicators.summary import summarize

__all__ = [
    "Attainment",
    "CampaignComparison",
    "CampaignShare",
    "Coverage",
    "Growth",
    "LocalShares",
    "PressIndicator",
    "Productivity",
    "Projection",
    "Retention",
    "StockAggregate",
    "aggregate_2025",
    "attainment",
    "campaign_share",
    "campaign_yoy",
    "coverage",
    "growth",
    "local_shares",
    "productivity",
    "projection",
    "retention",
    "same_period",
    "select",
    "stock_series",
    "summarize",
]
