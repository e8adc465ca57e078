"""The press-figure sections of a province report, each a plain function returning a `Section`.

A section carries its numbers (``data``), a table, a figure and a paragraph from helpers.narrative.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import indicators, narrative
from helpers.indicators import same_period, select
from helpers.narrative import Quantity
from helpers.narrative.words import flow_period
from helpers.report import plots
from helpers.report.data import ReportData, province_series
from helpers.report.latest import latest_campaign, undated_figures
from helpers.report.memo import remembered
from helpers.report.monthly import monthly_headline, monthly_retention
from helpers.report.sources import cited, undated_sentence
from helpers.report.tables import (
    COLUMNS,
    KIND_NAMES,
    SCHEME,
    Section,
    _title,
    empty_section,
    fact_table,
    one_row,
    press_stocks,
    quantity,
    rows_of,
)
from helpers.text import fold


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


@cited
def key_figures(data: ReportData, lang: str = "vi") -> Section:
    """Section 1: latest stock and growth, latest campaign against plan, drop-outs, sources
    (every figure from `helpers.indicators.summarize`)."""
    summary: dict = {}

    def build(name: str, rows: pd.DataFrame) -> tuple[str, list[str]]:
        figures = remembered(
            data.scope,
            ("summarize", name, "last_stated", tuple(rows["fact_id"])),
            lambda: indicators.summarize(rows, name, conflicts="last_stated"),
        )
        stocks = rows_of(rows, [s["fact_id"] for s in figures["stocks"]])
        latest = stocks.iloc[-1] if len(stocks) else None
        previous = stocks.iloc[-2] if len(stocks) > 1 else None
        growth = figures["latest_growth"]
        camp = latest_campaign(rows, figures)
        att = camp.get("attainment", {})
        pct = att.get("reported_pct")
        pct = pct if pct is not None else att.get("computed_pct")
        of_stock = "stock" in camp and latest is not None and (
            camp["stock"]["period_end"] == latest["period_end"]
        )
        picked = [latest, previous, camp.get("new"), camp.get("plan"), camp.get("dropouts")]
        picked = [p for p in picked if p is not None]
        reported = one_row(rows, att.get("fact_ids", []), "attainment_pct")
        if reported is not None and (("new" in camp and "stock" not in camp) or of_stock):
            picked.insert(4 if "plan" in camp else 3, reported)
        undated = undated_figures(rows)
        picked += [r for _, r in undated.iterrows()]
        summary[name] = {
            "participants": latest["value"] if latest is not None else None,
            "participants_date": latest["period_end"] if latest is not None else None,
            "growth_pct": growth.get("pct"),
            "growth_pct_per_year": growth.get("cagr_pct"),
            "campaign_new": camp["new"]["value"] if "new" in camp else None,
            "campaign_plan": camp["plan"]["value"] if "plan" in camp else None,
            "attainment_pct": pct if ("new" in camp and "stock" not in camp) or of_stock else None,
            "attainment_computed_pct": att.get("computed_pct"),
            "dropouts": camp["dropouts"]["value"] if "dropouts" in camp else None,
        }
        below = getattr(data.params, "unit", "province") != "province"
        text = narrative.key_figures(
            data.place if below else name,  # a district's own figures are the district's
            scheme=SCHEME,
            stock=quantity(latest) if latest is not None else None,
            previous=quantity(previous) if previous is not None else None,
            change=(growth["absolute"], growth["pct"]) if growth["status"] != "refuse" else None,
            campaign_new=quantity(camp["new"]) if "new" in camp else None,
            campaign_plan=quantity(camp["plan"]) if "plan" in camp else None,
            attainment_pct=pct if "new" in camp and "stock" not in camp else None,
            dropouts=quantity(camp["dropouts"]) if "dropouts" in camp else None,
            stock_attainment_pct=pct if of_stock else None,
            lang=lang,
        )
        if not undated.empty:
            text += " " + undated_sentence(data, undated, lang)
        for dispute in figures["conflicting_stocks"]:
            text += narrative.conflict(dispute["as_of"], sorted(set(dispute["values"])), lang=lang)
        # Shown beside the figures they concern: a lesser figure that disagrees with a kept
        # stock, a reported percent that disagrees with achieved ÷ planned.
        vi = lang == "vi"
        notes = [s["note_vi"] if vi else s["note"] for s in figures["stocks"][-2:]]
        notes += att.get("warnings_vi" if vi else "warnings", [])
        text += "".join(f" {n}" for n in notes if n)
        return (text if picked else ""), [p["fact_id"] for p in picked if p is not None]

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


@cited
def trajectory(data: ReportData, lang: str = "vi") -> Section:
    """Section 2: participants over time (press stocks or the monthly panel) against targets
    and the coverage goal (of voluntary or all social insurance, province or district)."""
    stocks = press_stocks(data.facts, data.members)
    targets = select(data.facts, indicator="participants", is_target=True)
    goals = select(
        data.facts, scheme=None, indicator="coverage_pct", is_target=True, district="*"
    )
    goals = goals[goals["scheme"].isin([SCHEME, "social_insurance"])].sort_values("period_end")
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
        data.place,
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


def campaign_result(facts: pd.DataFrame, row: pd.Series) -> tuple[dict, list[str]]:
    """One campaign's new enrolments against plan (`indicators.attainment`: the reported
    percent, else achieved ÷ planned) and a year earlier (`indicators.campaign_yoy`), with the
    fact_ids used."""
    r: dict = {"achieved": quantity(row), "province": row["province"]}
    ids = [row["fact_id"]]
    where = dict(province=row["province"], period_end=row["period_end"])
    att = indicators.attainment(facts, **where)
    if att.status != "refuse" and att.indicator in ("", "new_participants"):
        # attainment pairs by period end; the campaign's own plan also shares its start.
        plan, reported = (
            x if x is not None and not same_period(x.to_frame().T, row).empty else None
            for x in (
                one_row(facts, list(att.fact_ids), "new_participants", target=True),
                one_row(facts, list(att.fact_ids), "attainment_pct"),
            )
        )
        if plan is not None:
            r["plan"] = quantity(plan)
            ids.append(plan["fact_id"])
        if reported is not None:
            r["attainment_pct"] = float(reported["value"])
            ids.append(reported["fact_id"])
        elif plan is not None:
            r["attainment_pct"] = att.computed_pct
    yoy = indicators.campaign_yoy(facts, **where)
    if yoy.status != "refuse" and yoy.difference is not None:
        r["change"] = float(yoy.difference)
        ids += [i for i in yoy.fact_ids if i != row["fact_id"]]
    return r, ids


@cited
def campaigns(data: ReportData, lang: str = "vi") -> Section:
    """Section 3: timeline of directives and campaigns; each result against plan and a year
    earlier (press figures)."""
    results, ids = [], []
    flows = select(data.facts, indicator="new_participants", is_target=False)
    flows = flows.dropna(subset=["period_start", "period_end"])
    for _, row in flows.sort_values("period_end").iterrows():
        r, used = campaign_result(data.facts, row)
        results.append(r)
        ids += used
    text = narrative.campaigns(results, n_events=len(data.campaigns), see_monthly=data.has_panel
                               and not data.campaigns.empty, lang=lang)
    if data.campaigns.empty and not results:
        return Section("campaigns", _title("campaigns", lang), text, status="empty")
    # A figure for months within several years ("2 tháng cao điểm của năm 2022 và 2023") is not
    # drawn as a bar over the whole years; the sentence gives it in the article's words.
    drawn = flows[[not quantity(r).said for _, r in flows.iterrows()]]
    fig = plots.campaign_timeline(data.campaigns, drawn, lang=lang)
    cols = COLUMNS[lang]
    kinds = KIND_NAMES[lang]
    table = pd.DataFrame(
        {
            cols["province"]: data.campaigns["province"],
            cols["kind"]: [kinds.get(k, k) for k in data.campaigns["kind"]],
            cols["name"]: data.campaigns["name"],
            cols["period"]: [
                flow_period(s, e, lang)
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


@cited
def retention(data: ReportData, lang: str = "vi") -> Section:
    """Section 4: drop-outs against new members for the same period, and the net change."""
    rows, ids = [], []
    drops = select(data.facts, indicator="dropouts", is_target=False)
    for _, d in drops.sort_values("period_end").iterrows():
        r: dict[str, Any] = {"dropouts": quantity(d)}
        ids.append(d["fact_id"])
        paired = (
            indicators.retention(data.facts, province=d["province"], period_end=d["period_end"])
            if pd.notna(d["period_end"])
            else None
        )
        if paired is not None and paired.status != "refuse" and paired.dropouts == d["value"]:
            new = one_row(data.facts, list(paired.fact_ids), "new_participants")
            r.update(new=quantity(new), net=paired.net, ratio_pct=paired.dropout_ratio_pct)
            ids.append(new["fact_id"])
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


@cited
def channels(data: ReportData, lang: str = "vi") -> Section:
    """Section 5: conferences and launch days, people reached, new members per event."""
    rows, ids = [], []
    paired = indicators.productivity(data.facts, scheme=None, district="*")
    table = paired.table if paired.status != "refuse" else pd.DataFrame()
    per_event = {p.fact_ids: (p.per_event, p.bound) for p in table.itertuples()}
    for scheme in (SCHEME, "mixed", "household_hi"):
        events = select(data.facts, scheme=scheme, indicator="events", district="*")
        for _, e in events[~events["is_target"]].iterrows():
            r = {"events": quantity(e), "place": e["commune"] or e["district"], "scheme": scheme}
            ids.append(e["fact_id"])
            for key, indicator in (("new", "new_participants"), ("reached", "people_reached")):
                found = select(data.facts, scheme=scheme, indicator=indicator, district="*")
                match = same_period(found[~found["is_target"]], e)
                match = match[
                    (match["district"] == e["district"]) & (match["commune"] == e["commune"])
                ]
                if not match.empty:
                    # The figure from the same sentence as the event count belongs to it.
                    same = match["quote"] == e["quote"]
                    best = match[same].iloc[0] if same.any() else match.iloc[0]
                    r[key] = quantity(best)
                    r["scheme"] = best["scheme"] if key == "new" else r["scheme"]
                    ids.append(best["fact_id"])
                    pair = f"{e['fact_id']};{best['fact_id']}"
                    if key == "new" and pair in per_event:
                        r["per_event"], r["bound"] = per_event[pair]
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


@cited
def districts(data: ReportData, lang: str = "vi") -> Section:
    """Section 6: districts and communes ranked by the most reported figure, with shares of
    the province total (`indicators.local_shares`)."""
    shares = indicators.local_shares(data.facts)
    if shares.status == "refuse":
        return empty_section("districts", ("từng huyện, xã", "districts and communes"), lang)
    ranked_rows = rows_of(data.facts, list(shares.table["fact_id"]))
    names = list(shares.table["name"])
    ranked = [
        {"name": n, "value": quantity(r)}
        for n, (_, r) in zip(names, ranked_rows.iterrows(), strict=True)
    ]
    total = quantity(rows_of(data.facts, [shares.total_fact_id]).iloc[0]) if shares.total else None
    text = narrative.districts(
        ranked,
        total=total,
        named_share_pct=shares.named_share_pct,
        indicator=shares.indicator,
        examples=any(fold(q).find("nhu:") >= 0 for q in ranked_rows["quote"]),
        scheme=ranked_rows["scheme"].iloc[0] if ranked_rows["scheme"].nunique() == 1 else "mixed",
        lang=lang,
    )
    cols = COLUMNS[lang]
    table = pd.DataFrame(
        {
            cols["district"]: names,
            cols["value"]: [narrative.number(r["value"], lang) for r in ranked],
        }
    )
    if total is not None:
        table[cols["share"]] = [narrative.percent(p, lang) for p in shares.table["share_pct"]]
    fig = plots.district_bars(names, list(shares.table["value"]), lang=lang)
    return Section(
        "districts",
        _title("districts", lang),
        text,
        table=table,
        figure=fig,
        data={"ranking": ranked, "total": total},
        fact_ids=list(shares.fact_ids),
    )
