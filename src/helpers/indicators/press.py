"""Indicators computed from press figures: growth between stocks and attainment against plan.

Each returns a result from helpers.indicators.results, refused with a reason when the facts do
not contain what it needs. Campaigns are in campaigns.py; retention and the rest in flows.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from helpers.indicators.facts import dated, pick_best, select, stock_series
from helpers.indicators.results import Attainment, Growth, bound_of, reason_of
from helpers.narrative.vocabulary import Note

#: Stocks at two year ends are 365 days apart: a year for the compound annual rate.
MIN_YEAR_DAYS = 360


def as_date(ts: pd.Timestamp | None) -> date | None:
    """A Timestamp (or NaT/None) as a plain date for results."""
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).date()


def provenance(rows: pd.DataFrame | list[pd.Series]) -> dict[str, Any]:
    """fact_ids and non-empty quotes of the facts behind a result."""
    frame = pd.DataFrame(rows) if isinstance(rows, list) else rows
    quotes = tuple(dict.fromkeys(q for q in frame["quote"] if q))
    return {"fact_ids": tuple(frame["fact_id"]), "quotes": quotes}


def _stocks(data: pd.DataFrame, where: dict) -> pd.DataFrame:
    # A frame without an "indicator" column is already a stock series.
    return stock_series(data, **where) if "indicator" in data.columns else data


def growth(
    data: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str = "voluntary_si",
    district: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
) -> Growth:
    """Growth between the first and last reported stocks in ``[start, end]``.

    Parameters
    ----------
    data
        The facts table, or a frame from :func:`stock_series` (as_of index, value, qualifier,
        fact_id, quote).
    province, province_2025, scheme, district
        Which stocks, as in :func:`select` (ignored when ``data`` is a stock series).
    start, end
        Limit the dates; by default the first and last stocks.

    Returns
    -------
    Growth
        Absolute and percent change, the compound annual rate (when the stocks are at least
        a year apart), the bound implied by the qualifiers, and a reported net change that
        agrees with the stocks. Refused with fewer than two dated stocks.

    Examples
    --------
    >>> from helpers.io import load_facts
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> result = growth(facts, province="Bắc Giang", start="2022-12-31")
    >>> float(round(result.pct, 1))  # 41.098 -> 51.241 (the 54.000 has no date)
    24.7
    """
    where: dict[str, Any]
    where = dict(province=province, province_2025=province_2025, scheme=scheme, district=district)
    stocks = _stocks(data, where)
    if start is not None:
        stocks = stocks[stocks.index >= pd.Timestamp(start)]
    if end is not None:
        stocks = stocks[stocks.index <= pd.Timestamp(end)]
    if len(stocks) < 2:
        undated = stocks.attrs.get("undated") or []
        conflicts = stocks.attrs.get("conflicts") or []
        return Growth(
            status="refuse",
            **reason_of(Note.of("NEED_TWO_STOCKS", found=len(stocks), undated=len(undated),
                                conflicts=len(conflicts))),
            fact_ids=tuple(stocks["fact_id"]),
        )
    first, last = stocks.iloc[0], stocks.iloc[-1]
    t0, t1 = stocks.index[0], stocks.index[-1]
    absolute = last["value"] - first["value"]
    years = (t1 - t0).days / 365.25
    warnings: list[str] = []
    if "note" in stocks:
        warnings = [Note(en, vi, code="FACTS_DISAGREE")
                    for en, vi in zip(stocks["note"], stocks["note_vi"], strict=True) if en]
    cagr = None
    if (t1 - t0).days >= MIN_YEAR_DAYS:
        cagr = ((last["value"] / first["value"]) ** (1 / years) - 1) * 100
    else:
        warnings.append(Note.of("STOCKS_UNDER_A_YEAR"))
    reported = None
    if "indicator" in data.columns:
        reported = _reported_change(data, where, t0, t1, absolute)
    return Growth(
        start=as_date(t0),
        end=as_date(t1),
        start_value=first["value"],
        end_value=last["value"],
        absolute=absolute,
        pct=absolute / first["value"] * 100,
        cagr_pct=cagr,
        bound=bound_of(last["qualifier"], first["qualifier"]),
        reported_change=None if reported is None else reported["value"],
        warnings=warnings,
        **provenance([first, last] + ([] if reported is None else [reported])),
    )


def _reported_change(
    facts: pd.DataFrame, where: dict, t0: pd.Timestamp, t1: pd.Timestamp, absolute: float
) -> pd.Series | None:
    """A reported net change ending at t1 that measures the same change as the stocks."""
    rows = select(facts, indicator="net_change", is_target=False, **where)
    rows = rows[rows["period_end"] == t1]
    for _, row in rows.iterrows():
        same_start = row["period_start"] == t0
        agrees = abs(row["value"] - absolute) <= 0.005 * abs(absolute)
        if same_start or (pd.isna(row["period_start"]) and agrees):
            return row
    return None


def attainment(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str = "voluntary_si",
    district: str | None = None,
    period_end: date | str | None = None,
) -> Attainment:
    """Result against plan for one period: reported percent and achieved ÷ planned.

    A plan and a result pair up when they are the same indicator (new enrolments or
    participants) over the same period. Both percentages are kept, with a warning when they
    disagree by more than half a point.

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025, scheme, district
        As in :func:`select`.
    period_end
        The period to look at; by default the latest with a figure.

    Examples
    --------
    >>> from helpers.io import load_facts
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> float(round(attainment(facts, province="Bắc Giang").computed_pct, 2))  # 7.555 / 5.800
    130.26
    """
    where: dict[str, Any]
    where = dict(province=province, province_2025=province_2025, scheme=scheme, district=district)
    rows = select(facts, indicator=["attainment_pct", "new_participants", "participants"], **where)
    rows = dated(rows)
    pairs = _plan_pairs(rows)
    reported = rows[(rows["indicator"] == "attainment_pct") & ~rows["is_target"]]
    ends = sorted(set(reported["period_end"]) | set(pairs))
    if period_end is not None:
        ends = [e for e in ends if e == pd.Timestamp(period_end)]
    if not ends:
        return Attainment(
            status="refuse",
            **reason_of(Note.of("NO_ATTAINMENT")),
        )
    end = ends[-1]
    used: list[pd.Series] = []
    warnings: list[str] = []
    out = Attainment(period_end=as_date(end))
    here = reported[reported["period_end"] == end]
    if not here.empty:
        best, notes = pick_best(here)
        out.reported_pct, out.bound = best["value"], bound_of(best["qualifier"])
        used.append(best)
        warnings += notes
    if end in pairs:
        achieved, planned = pairs[end]
        out.indicator = achieved["indicator"]
        out.achieved, out.planned = achieved["value"], planned["value"]
        out.computed_pct = achieved["value"] / planned["value"] * 100
        out.period_start = as_date(achieved["period_start"])
        used += [achieved, planned]
        if out.reported_pct is None:
            out.bound = bound_of(achieved["qualifier"], planned["qualifier"])
        elif abs(out.reported_pct - out.computed_pct) > 0.5:
            warnings.append(Note.of(
                "ATTAINMENT_MISMATCH", reported=out.reported_pct, achieved=achieved["value"],
                planned=planned["value"], computed=out.computed_pct,
            ))
    out.warnings = warnings
    prov = provenance(used)
    out.fact_ids, out.quotes = prov["fact_ids"], prov["quotes"]
    return out


def _plan_pairs(rows: pd.DataFrame) -> dict[pd.Timestamp, tuple[pd.Series, pd.Series]]:
    """Achieved and planned figures of the same indicator and period, keyed by period end."""
    pairs: dict[pd.Timestamp, tuple[pd.Series, pd.Series]] = {}
    for indicator in ("new_participants", "participants"):
        kind = rows[rows["indicator"] == indicator]
        for end, group in kind.groupby("period_end", sort=True):
            done, plan = group[~group["is_target"]], group[group["is_target"]]
            if done.empty or plan.empty or plan["value"].le(0).all():
                continue
            achieved, _ = pick_best(done)
            planned, _ = pick_best(plan[plan["value"] > 0])
            starts = {achieved["period_start"], planned["period_start"]} - {pd.NaT}
            if len({s for s in starts if not pd.isna(s)}) <= 1:
                pairs.setdefault(end, (achieved, planned))
    return pairs
