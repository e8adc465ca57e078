"""Campaign indicators from press figures: share of the year's net change, and year on year.

A campaign is a dated new-enrolment figure over at most half a year within one calendar year.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from helpers.indicators.facts import pick_best, select, stock_series
from helpers.indicators.press import as_date, provenance
from helpers.indicators.results import (
    CampaignComparison,
    CampaignShare,
    bound_of,
    reason_of,
)
from helpers.narrative.vocabulary import Note
from helpers.text import fold

#: A campaign window is at most half a year inside one calendar year.
MAX_CAMPAIGN_DAYS = 184
#: "A year earlier" allows a month either way (peak months move between April and June).
YEAR_APART_DAYS = (335, 395)
#: Words after "so với" that name the same period or campaign a year earlier (folded).
_YEAR_EARLIER = ("nam truoc", "cung ky", "cung dot", "cao diem", "thang van dong")
_AS_QUALIFIER = {
    "exact": "exact",
    "approx": "approx",
    "upper_bound": "nearly",
    "lower_bound": "at_least",
}


def campaign_flows(facts: pd.DataFrame, where: dict) -> pd.DataFrame:
    """New enrolments over campaign windows: dated, at most half a year, within one year."""
    rows = select(facts, indicator="new_participants", is_target=False, **where)
    start, end = rows["period_start"], rows["period_end"]
    window = (
        start.notna()
        & end.notna()
        & (start.dt.year == end.dt.year)
        & ((end - start).dt.days <= MAX_CAMPAIGN_DAYS)
    )
    return rows[window].sort_values("period_end", kind="stable")


def campaign_share(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str = "voluntary_si",
    district: str | None = None,
    year: int | None = None,
) -> CampaignShare:
    """A campaign's new enrolments divided by the year's net change in participants.

    The net change comes from stocks at the two year ends (within a month of 31 December) or
    from a reported net change over that calendar year. Refused when either is missing or
    the net change is not positive.

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025, scheme, district
        As in :func:`select`.
    year
        Campaign year; by default that of the latest campaign window.
    """
    where = dict(province=province, province_2025=province_2025, scheme=scheme, district=district)
    flows = campaign_flows(facts, where)
    if year is not None:
        flows = flows[flows["period_end"].dt.year == year]
    if flows.empty:
        return CampaignShare(
            status="refuse",
            year=year,
            **reason_of(Note.of("NO_DATED_CAMPAIGN_FLOW")),
        )
    campaign = flows.iloc[-1]
    year = int(campaign["period_end"].year)
    net = _year_net_change(facts, where, year)
    if net is None:
        return CampaignShare(
            status="refuse",
            year=year,
            **reason_of(Note.of("NO_NET_CHANGE", year=year, previous=year - 1)),
            **provenance([campaign]),
        )
    value, qualifier, rows = net
    if value <= 0:
        return CampaignShare(
            status="refuse",
            year=year,
            **reason_of(Note.of("NO_GROWTH", year=year, value=float(value))),
            **provenance([campaign, *rows]),
        )
    return CampaignShare(
        year=year,
        campaign_start=as_date(campaign["period_start"]),
        campaign_end=as_date(campaign["period_end"]),
        new_participants=campaign["value"],
        net_change=value,
        share_pct=campaign["value"] / value * 100,
        bound=bound_of(campaign["qualifier"], qualifier),
        **provenance([campaign, *rows]),
    )


def _year_net_change(
    facts: pd.DataFrame, where: dict, year: int
) -> tuple[float, str, list[pd.Series]] | None:
    stocks = stock_series(facts, **where)
    ends = []
    for y in (year - 1, year):
        near = stocks[abs((stocks.index - pd.Timestamp(y, 12, 31)).days) <= 31]
        if near.empty:
            break
        ends.append(near.iloc[-1])
    if len(ends) == 2:
        q = _AS_QUALIFIER[bound_of(ends[1]["qualifier"], ends[0]["qualifier"])]
        rows = [pd.Series({"fact_id": e["fact_id"], "quote": e["quote"]}) for e in ends]
        return ends[1]["value"] - ends[0]["value"], q, rows
    reported = select(facts, indicator="net_change", is_target=False, **where)
    reported = reported[
        (reported["period_start"] == pd.Timestamp(year, 1, 1))
        & (reported["period_end"] == pd.Timestamp(year, 12, 31))
    ]
    if reported.empty:
        return None
    best, _ = pick_best(reported)
    return best["value"], best["qualifier"], [best]


def campaign_yoy(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str = "voluntary_si",
    district: str | None = None,
    period_end: date | str | None = None,
) -> CampaignComparison:
    """The latest campaign's new enrolments against the same campaign a year earlier.

    Uses two campaign windows about a year apart; failing that, a difference the press
    reported in the same sentence ("tăng 2.355 người so với tháng cao điểm năm 2023"), from
    which last year's figure is implied (and flagged as implied).

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025, scheme, district
        As in :func:`select`.
    period_end
        End of the campaign to compare; by default the latest.
    """
    where = dict(province=province, province_2025=province_2025, scheme=scheme, district=district)
    rows = select(facts, indicator="new_participants", is_target=False, **where)
    rows = rows[rows["period_end"].notna()].sort_values("period_end", kind="stable")
    windows = campaign_flows(facts, where)
    pool = windows if not windows.empty else rows
    if period_end is not None:
        pool = rows[rows["period_end"] == pd.Timestamp(period_end)]
    if pool.empty:
        return CampaignComparison(
            status="refuse", **reason_of(Note.of("NO_DATED_NEW")),
        )
    current = pool.iloc[-1]
    gap = (current["period_end"] - windows["period_end"]).dt.days
    earlier = windows[gap.between(*YEAR_APART_DAYS)]
    out = CampaignComparison(period_end=as_date(current["period_end"]), current=current["value"])
    if not earlier.empty:
        previous = earlier.iloc[-1]
        out.previous, out.previous_period_end = previous["value"], as_date(previous["period_end"])
        used = [current, previous]
        length = [(r["period_end"] - r["period_start"]).days for r in used]
        if not pd.isna(current["period_start"]) and abs(length[0] - length[1]) > 10:
            days = f"{length[0] + 1} / {length[1] + 1}"
            out.warnings.append(Note.of("CAMPAIGN_LENGTHS_DIFFER", days=days))
    else:
        said = _reported_difference(facts, where, current)
        if said is None:
            return CampaignComparison(
                status="refuse",
                period_end=out.period_end,
                current=current["value"],
                **reason_of(Note.of("NO_PREVIOUS_CAMPAIGN")),
                **provenance([current]),
            )
        out.previous = (
            current["value"] - said["value"]
            if said["indicator"] == "net_change"
            else current["value"] / (1 + said["value"] / 100)
        )
        out.previous_is_implied = True
        used = [current, said]
    assert out.current is not None and out.previous is not None  # both set on this path
    out.difference = out.current - out.previous
    out.pct = out.difference / out.previous * 100 if out.previous else None
    prov = provenance(used)
    out.fact_ids, out.quotes = prov["fact_ids"], prov["quotes"]
    return out


def _reported_difference(facts: pd.DataFrame, where: dict, current: pd.Series) -> pd.Series | None:
    """A net change or growth percent stated against last year in the flow's own sentence."""
    rows = select(facts, indicator=["net_change", "growth_pct"], is_target=False, **where)
    rows = rows[
        (rows["article_id"] == current["article_id"])
        & (rows["period_end"] == current["period_end"])
    ]
    for _, row in rows.iterrows():
        if compares_year_earlier(row["quote"], current["period_end"].year - 1):
            return row
    return None


def compares_year_earlier(quote: str, last_year: int) -> bool:
    """Whether a sentence compares with a year earlier: the clause after one of its "so với"
    names last year, "năm trước", "cùng kỳ", or last year's campaign ("tháng cao điểm").

    "tăng 2.355 người so với tháng cao điểm năm 2023" does; "tăng 30.008 người so với trước
    khi ban hành chỉ thị" does not, even when the sentence names 2022 elsewhere.
    """
    for after in fold(quote).split("so voi")[1:]:
        clause = re.split(r"[,;()]", after, maxsplit=1)[0]
        if str(last_year) in clause or any(word in clause for word in _YEAR_EARLIER):
            return True
    return False
