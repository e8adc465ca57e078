"""What key figures pick from a province's facts: the latest campaign with its plan, percent of
plan and drop-outs (or a percent of plan that belongs to a stock), and the undated figures.
"""

from __future__ import annotations

import pandas as pd

from helpers.indicators import same_period, select
from helpers.report.tables import one_row


def _stock_attained(rows: pd.DataFrame, reported: pd.Series) -> pd.Series | None:
    """The stock a reported percent of plan belongs to: same date, same sentence."""
    stocks = select(rows, indicator="participants", is_target=False)
    same = stocks[
        (stocks["period_end"] == reported["period_end"]) & (stocks["quote"] == reported["quote"])
    ]
    return same.iloc[-1] if not same.empty else None


def undated_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """Province figures of voluntary SI the article gives without any date (a headline's
    "gần 54 nghìn", "tăng hơn 32 nghìn"): as of publication, shown beside the dated ones."""
    found = select(rows, indicator=["participants", "net_change"], is_target=False)
    found = found[found["period_start"].isna() & found["period_end"].isna()]
    # A headline repeated in the body is one figure (the ledger lists the repeat).
    return found.drop_duplicates(["article_id", "indicator", "value", "qualifier"])


def latest_campaign(rows: pd.DataFrame, figures: dict) -> dict:
    """The latest campaign of `indicators.summarize` figures: its new enrolments, plan,
    attainment (reported and computed) and the drop-outs of the same period (else the latest).

    The campaign is the latest period with a result against plan; failing that, the latest
    campaign window (`indicators.campaign_yoy`).
    """
    out: dict = {}
    att = figures["attainment"]
    if att["status"] != "refuse" and att["indicator"] in ("", "new_participants"):
        new = one_row(rows, att["fact_ids"], "new_participants")
        reported = one_row(rows, att["fact_ids"], "attainment_pct")
        if new is None and reported is not None:
            same = same_period(select(rows, indicator="new_participants"), reported)
            new = same.iloc[0] if not same.empty else None
        # A percent of plan for a stock ("7.548 người ..., đạt 133,4% kế hoạch") goes with it.
        stock = (
            _stock_attained(rows, reported) if new is None and reported is not None else None
        )
        if stock is not None:
            out = {"attainment": att, "stock": stock, "reported": reported}
        if new is not None:
            out = {"new": new, "attainment": att}
            plan = one_row(rows, att["fact_ids"], "new_participants", target=True)
            if plan is not None:
                out["plan"] = plan
    current = figures["campaign_yoy"].get("fact_ids", [])[:1]
    if "new" not in out and current:
        new = one_row(rows, current, "new_participants")
        out = {k: v for k, v in out.items() if k in ("stock", "reported", "attainment")}
        if new is not None:
            out["new"] = new
    drops = select(rows, indicator="dropouts", is_target=False)
    if "new" in out:
        same = same_period(drops, out["new"])
        if not same.empty:
            out["dropouts"] = same.iloc[0]
    if "dropouts" not in out and not drops.empty:
        # An open-ended count ("từ đầu năm 2024") sorts last: it is the most recent.
        out["dropouts"] = drops.sort_values("period_end", kind="stable").iloc[-1]
    return out
