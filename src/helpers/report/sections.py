"""The press-figure sections of a province report, each a plain function returning a `Section`.

A section carries its numbers (``data``), a table, a figure and a paragraph from helpers.narrative.
"""

from __future__ import annotations

import pandas as pd

from helpers import narrative
from helpers.narrative import Quantity
from helpers.report import plots
from helpers.report.data import ReportData, province_series
from helpers.report.monthly import monthly_headline, monthly_retention
from helpers.report.tables import (
    COLUMNS,
    KIND_NAMES,
    SCHEME,
    Section,
    _compares_year_earlier,
    _dated_stocks,
    _same_period,
    _title,
    fact_table,
    quantity,
    select,
    stock_conflicts,
)


def _per_province(data: ReportData, build) -> tuple[list[str], list[str]]:
    texts, ids = [], []
    for name in data.members:
        rows = data.facts[data.facts["province"] == name]
        text, used = build(name, rows)
        if text:
            prefix = f"{name}: " if len(data.members) > 1 else ""
            texts.append(prefix + text)
            ids += used
    return texts, ids


def latest_campaign(facts: pd.DataFrame) -> dict:
    """The latest province-level flow with a start date, its plan, attainment and drop-outs."""
    flows = select(facts, "new_participants").dropna(subset=["period_start", "period_end"])
    if flows.empty:
        return {}
    row = flows.sort_values("period_end").iloc[-1]
    out: dict = {"new": row}
    plan = _same_period(select(facts, "new_participants", is_target=True), row)
    if not plan.empty:
        out["plan"] = plan.iloc[0]
    reported = _same_period(select(facts, "attainment_pct"), row)
    if not reported.empty:
        out["attainment"] = reported.iloc[0]
    dropouts = _same_period(select(facts, "dropouts"), row)
    if not dropouts.empty:
        out["dropouts"] = dropouts.iloc[0]
    return out


def key_figures(data: ReportData, lang: str = "vi") -> Section:
    """Section 1: latest stock and growth, latest campaign against plan, drop-outs, sources."""
    summary: dict = {}

    def build(name: str, rows: pd.DataFrame) -> tuple[str, list[str]]:
        stocks = _dated_stocks(rows)
        camp = latest_campaign(rows)
        dropouts = camp.get("dropouts")
        if dropouts is None:
            all_drops = select(rows, "dropouts").sort_values("period_end")
            dropouts = all_drops.iloc[-1] if not all_drops.empty else None
        picked = [
            stocks.iloc[-1] if len(stocks) else None,
            stocks.iloc[-2] if len(stocks) > 1 else None,
            camp.get("new"),
            camp.get("plan"),
            camp.get("attainment"),
            dropouts,
        ]
        picked = [p for p in picked if p is not None]
        attain = (
            camp["attainment"]["value"]
            if "attainment" in camp
            else (100 * camp["new"]["value"] / camp["plan"]["value"] if "plan" in camp else None)
        )
        summary[name] = {
            "participants": stocks.iloc[-1]["value"] if len(stocks) else None,
            "participants_date": stocks.iloc[-1]["period_end"] if len(stocks) else None,
            "campaign_new": camp["new"]["value"] if "new" in camp else None,
            "campaign_plan": camp["plan"]["value"] if "plan" in camp else None,
            "attainment_pct": attain,
            "dropouts": dropouts["value"] if dropouts is not None else None,
        }
        text = narrative.key_figures(
            name,
            scheme=SCHEME,
            stock=quantity(stocks.iloc[-1]) if len(stocks) else None,
            previous=quantity(stocks.iloc[-2]) if len(stocks) > 1 else None,
            campaign_new=quantity(camp["new"]) if "new" in camp else None,
            campaign_plan=quantity(camp["plan"]) if "plan" in camp else None,
            attainment_pct=attain,
            dropouts=quantity(dropouts) if dropouts is not None else None,
            lang=lang,
        )
        for when, values in stock_conflicts(rows):
            text += narrative.conflict(when, values, lang=lang)
        return (text if picked else ""), [p["fact_id"] for p in picked]

    texts, ids = _per_province(data, build)
    if data.has_panel:
        monthly, numbers = monthly_headline(data, lang)
        texts.append(monthly)
        summary["monthly"] = numbers
    if not texts:
        local = not data.facts.empty and (data.facts["district"] != "").any()
        return Section(
            "key_figures",
            _title("key_figures", lang),
            narrative.no_province_figures(local=local, lang=lang),
            status="empty",
        )
    used = data.facts[data.facts["fact_id"].isin(ids)]
    return Section(
        "key_figures",
        _title("key_figures", lang),
        " ".join(texts),
        table=fact_table(used, lang),
        data=summary,
        fact_ids=ids,
    )


def trajectory(data: ReportData, lang: str = "vi") -> Section:
    """Section 2: participants over time (press stocks or the monthly panel) against targets
    and the coverage goal (of voluntary or all social insurance, province or district)."""
    stocks = _dated_stocks(data.facts)
    targets = select(data.facts, "participants", is_target=True)
    goals = pd.concat(
        [
            select(data.facts, "coverage_pct", is_target=True, scheme=scheme, province_level=False)
            for scheme in (SCHEME, "social_insurance")
        ]
    ).sort_values("period_end")
    goal = goals.iloc[-1] if not goals.empty else None
    monthly = (
        province_series(data.panel, "participants", scheme=SCHEME).dropna()
        if (data.has_panel)
        else pd.Series(dtype="float64")
    )
    if monthly.empty:
        shown = [quantity(r) for _, r in stocks.iterrows()]
    else:
        ends = [p.to_timestamp(how="end").date() for p in monthly.index[[0, -1]]]
        shown = [
            Quantity(float(v), end=e) for v, e in zip(monthly.iloc[[0, -1]], ends, strict=True)
        ]
    text = narrative.trajectory(
        data.params.province,
        stocks=shown,
        targets=[quantity(r) for _, r in targets.iterrows()],
        coverage_goal=quantity(goal) if goal is not None else None,
        goal_scheme=goal["scheme"] if goal is not None else SCHEME,
        goal_place=(goal["commune"] or goal["district"]) if goal is not None else "",
        monthly=not monthly.empty,
        count=len(monthly) or None,
        lang=lang,
    )
    used = list(stocks["fact_id"]) + list(targets["fact_id"]) + list(goals["fact_id"][-1:])
    if not shown:
        status = "ok" if goal is not None else "empty"
        return Section("trajectory", _title("trajectory", lang), text, status=status, fact_ids=used)
    # One point makes no line: the sentence says it, a chart would only add an empty frame.
    points = len(stocks) + len(monthly) + int(targets["period_end"].notna().sum())
    fig = (
        plots.trajectory(stocks, targets, monthly=None if monthly.empty else monthly, lang=lang)
        if points > 1
        else None
    )
    return Section(
        "trajectory",
        _title("trajectory", lang),
        text,
        figure=fig,
        data={"n_stocks": len(stocks), "n_targets": len(targets), "n_months": len(monthly)},
        fact_ids=used,
    )


def campaigns(data: ReportData, lang: str = "vi") -> Section:
    """Section 3: timeline of directives and campaigns; each result against plan and a year
    earlier (press figures)."""
    results, ids = [], []
    flows = select(data.facts, "new_participants").dropna(subset=["period_start", "period_end"])
    for _, row in flows.sort_values("period_end").iterrows():
        r: dict = {"achieved": quantity(row), "province": row["province"]}
        ids.append(row["fact_id"])
        plan = _same_period(select(data.facts, "new_participants", is_target=True), row)
        if not plan.empty:
            r["plan"] = quantity(plan.iloc[0])
            r["attainment_pct"] = 100 * row["value"] / plan.iloc[0]["value"]
            ids.append(plan.iloc[0]["fact_id"])
        reported = _same_period(select(data.facts, "attainment_pct"), row)
        if not reported.empty:
            r["attainment_pct"] = float(reported.iloc[0]["value"])
            ids.append(reported.iloc[0]["fact_id"])
        change = _same_period(select(data.facts, "net_change"), row)
        change = change[change["quote"].map(_compares_year_earlier)]
        if not change.empty:
            r["change"] = float(change.iloc[0]["value"])
            ids.append(change.iloc[0]["fact_id"])
        results.append(r)
    text = narrative.campaigns(results, n_events=len(data.campaigns), lang=lang)
    if data.campaigns.empty and not results:
        return Section("campaigns", _title("campaigns", lang), text, status="empty")
    fig = plots.campaign_timeline(data.campaigns, flows, lang=lang)
    cols = COLUMNS[lang]
    kinds = KIND_NAMES[lang]
    table = pd.DataFrame(
        {
            cols["province"]: data.campaigns["province"],
            cols["kind"]: [kinds.get(k, k) for k in data.campaigns["kind"]],
            cols["name"]: data.campaigns["name"],
            cols["period"]: [
                narrative.period(s, e, lang)
                for s, e in zip(data.campaigns["start"], data.campaigns["end"], strict=True)
            ],
            cols["article_id"]: data.campaigns["article_id"],
            cols["quote"]: data.campaigns["quote"],
            cols["flags"]: "",
        }
    )
    table.attrs["cards"] = True
    return Section(
        "campaigns",
        _title("campaigns", lang),
        text,
        table=table,
        figure=fig,
        data={"results": results},
        fact_ids=ids,
    )


def retention(data: ReportData, lang: str = "vi") -> Section:
    """Section 4: drop-outs against new members for the same period, and the net change."""
    rows, ids = [], []
    new = select(data.facts, "new_participants")
    for _, d in select(data.facts, "dropouts").sort_values("period_end").iterrows():
        r = {"dropouts": quantity(d)}
        ids.append(d["fact_id"])
        match = _same_period(new, d)
        if not match.empty:
            r["new"] = quantity(match.iloc[0])
            ids.append(match.iloc[0]["fact_id"])
        rows.append(r)
    text = narrative.retention(rows, lang=lang)
    if not rows and data.has_panel:
        return monthly_retention(data, lang)
    if not rows:
        return Section("retention", _title("retention", lang), text, status="empty")
    used = data.facts[data.facts["fact_id"].isin(ids)]
    compact = fact_table(used, lang)[[COLUMNS[lang][c] for c in ("indicator", "value", "period")]]
    compact.attrs = {}
    return Section(
        "retention",
        _title("retention", lang),
        text,
        table=compact,
        data={"rows": rows},
        fact_ids=ids,
    )


def channels(data: ReportData, lang: str = "vi") -> Section:
    """Section 5: conferences and launch days, people reached, new members per event."""
    rows, ids = [], []
    for scheme in (SCHEME, "mixed", "household_hi"):
        events = select(data.facts, "events", scheme=scheme, province_level=False)
        for _, e in events[~events["is_target"]].iterrows():
            r = {"events": quantity(e), "place": e["commune"] or e["district"]}
            ids.append(e["fact_id"])
            for key, indicator in (("new", "new_participants"), ("reached", "people_reached")):
                found = select(data.facts, indicator, scheme=scheme, province_level=False)
                match = _same_period(found, e)
                match = match[
                    (match["district"] == e["district"]) & (match["commune"] == e["commune"])
                ]
                if not match.empty:
                    # The figure from the same sentence as the event count belongs to it.
                    same = match["quote"] == e["quote"]
                    best = match[same].iloc[0] if same.any() else match.iloc[0]
                    r[key] = quantity(best)
                    ids.append(best["fact_id"])
            rows.append(r)
    text = narrative.channels(rows, lang=lang)
    if not rows:
        return Section("channels", _title("channels", lang), text, status="empty")
    used = data.facts[data.facts["fact_id"].isin(ids)]
    return Section(
        "channels",
        _title("channels", lang),
        text,
        table=fact_table(used, lang),
        data={"rows": rows},
        fact_ids=ids,
    )


def districts(data: ReportData, lang: str = "vi") -> Section:
    """Section 6: districts and communes ranked by the most reported figure, with shares."""
    local = data.facts[(data.facts["district"] != "") | (data.facts["commune"] != "")]
    local = local[
        ~local["is_target"] & local["indicator"].isin(["new_participants", "participants"])
    ]
    if local.empty:
        what = "từng huyện, xã" if lang == "vi" else "districts and communes"
        return Section(
            "districts", _title("districts", lang), narrative.no_data(what, lang), status="empty"
        )
    # Rank within the group (indicator, period) that names the most places.
    key = ["province", "scheme", "indicator", "period_start", "period_end"]
    groups = local.groupby(key, dropna=False)
    best = max(groups.groups, key=lambda k: len(groups.get_group(k)))
    rows = groups.get_group(best).sort_values("value", ascending=False)
    names = [c or d for d, c in zip(rows["district"], rows["commune"], strict=True)]
    ranked = [
        {"name": n, "value": quantity(r)} for n, (_, r) in zip(names, rows.iterrows(), strict=True)
    ]
    first = rows.iloc[0]
    totals = _same_period(select(data.facts, first["indicator"], scheme=first["scheme"]), first)
    total = quantity(totals.iloc[0]) if not totals.empty else None
    text = narrative.districts(ranked, total=total, indicator=first["indicator"], lang=lang)
    cols = COLUMNS[lang]
    table = pd.DataFrame(
        {
            cols["district"]: names,
            cols["value"]: [narrative.number(r["value"], lang) for r in ranked],
        }
    )
    if total is not None:
        table[cols["share"]] = [
            narrative.percent(100 * r["value"].value / total.value, lang) for r in ranked
        ]
    fig = plots.district_bars(names, [r["value"].value for r in ranked], lang=lang)
    ids = list(rows["fact_id"]) + (list(totals["fact_id"][:1]) if total is not None else [])
    return Section(
        "districts",
        _title("districts", lang),
        text,
        table=table,
        figure=fig,
        data={"ranking": ranked, "total": total},
        fact_ids=ids,
    )
