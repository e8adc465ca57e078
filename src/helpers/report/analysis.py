"""The sections that model (outlook, monthly interrupted time series), the evidence table, every
section in report order (`run_sections`) and the index page's `key_figures`.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import cast

import numpy as np
import pandas as pd

from helpers import narrative
from helpers.indicators import projection, select
from helpers.indicators.projection import projection_refusal
from helpers.narrative import sources as narrative_sources
from helpers.narrative.estimates import p_value
from helpers.narrative.methods import true_effect
from helpers.report import plots
from helpers.report.data import ReportData, load_report_data, province_series
from helpers.report.memo import remembered
from helpers.report.methods import methods
from helpers.report.params import PANEL_FILE, ReportParams
from helpers.report.sections import (
    campaigns,
    channels,
    districts,
    key_figures,
    retention,
    trajectory,
)
from helpers.report.sources import cited
from helpers.report.tables import (
    COLUMNS,
    SCHEME,
    Section,
    _title,
    empty_section,
    press_stocks,
    quantity,
    refusing_errors,
)
from helpers.text import format_number

# Resolution 28-NQ/TW (2018): voluntary social insurance for ~2.5% of the labour force by 2025.
NATIONAL_GOAL = (2.5, date(2025, 12, 31))
# Campaign kinds that are windows of intense enrolment effort (what the ITS model tests).
WINDOW_KINDS = ("peak_campaign", "campaign_month")
NO_TARGET = ("mục tiêu số người tham gia", "a participants target")


@cited
@refusing_errors("outlook")
def outlook(data: ReportData, lang: str = "vi") -> Section:
    """Section 7: projection of the reported stocks to the target date, and with a monthly
    panel the simulated probability of reaching the target."""
    targets = select(data.facts, indicator="participants", is_target=True)
    if targets.empty and data.panel is not None and "labour_force" in data.panel.columns:
        return _national_goal_outlook(data, lang)
    if targets.empty:
        return empty_section("outlook", NO_TARGET, lang)
    dated = targets.dropna(subset=["period_end"]).sort_values("period_end")
    target_row = dated.iloc[-1] if not dated.empty else targets.iloc[-1]
    target = quantity(target_row)
    ids = [target_row["fact_id"]]
    stocks = press_stocks(data.facts, (target_row["province"],))
    if pd.isna(target_row["period_end"]):
        why = (
            "bài báo không ghi rõ thời hạn của mục tiêu (xem cột Lưu ý)."
            if lang == "vi"
            else "the article gives no readable date for the target (see the flags)."
        )
        reached = stocks[stocks["value"] >= target.value]
        if not reached.empty:
            first = quantity(reached.iloc[0])
            ids.append(reached.iloc[0]["fact_id"])
            why = (
                f"mục tiêu không có thời hạn đọc được; số liệu {narrative.number(first, lang)}"
                f" người ({narrative.period(first.start, first.end, lang)}) đã vượt mục tiêu."
                if lang == "vi"
                else f"the target has no readable date; the figure of "
                f"{narrative.number(first, lang)} "
                f"({narrative.period(first.start, first.end, lang)}) is already above it."
            )
        return _refused_outlook(target, why, ids, lang)
    result = projection(
        stocks.set_index("period_end")["value"], target.value, target_row["period_end"].date()
    )
    probability, fig, reached = _chance(data, target.value, target_row["period_end"], lang)
    code = projection_refusal(result, target.value)
    if code and probability is None:
        why = narrative_sources.projection_refused(code, n_points=result.n_points, lang=lang)
        section = _refused_outlook(target, why, ids + list(stocks["fact_id"]), lang)
        section.data["code"] = code
        return section
    if result.status != "refuse" and result.reached_on is not None and reached is None:
        above = stocks[stocks["value"] >= target.value]
        reached = quantity(above.iloc[0]) if not above.empty else None
    if result.status == "refuse" and probability is None:
        reason = result.reason_vi if lang == "vi" and result.reason_vi else result.reason
        return _refused_outlook(target, reason, ids, lang)
    ok = result.status != "refuse" and not code
    text = narrative.outlook(
        target=target,
        projected=result.predicted if ok else None,
        interval=cast("tuple[float, float]", (result.pi_low, result.pi_high)) if ok else None,
        reach_date=result.implied_date if ok else None,
        probability=probability,
        reached=reached,
        lang=lang,
    )
    return Section(
        "outlook",
        _title("outlook", lang),
        text,
        figure=fig,
        data={"target": target, "projection": result, "probability": probability,
              "reached": reached},
        fact_ids=ids + list(stocks["fact_id"]),
    )


def _refused_outlook(target: narrative.Quantity, why: str, ids: list[str], lang: str) -> Section:
    """The outlook section refusing to project ``target``, saying why."""
    return Section(
        "outlook",
        _title("outlook", lang),
        narrative.outlook(target=target, refused=why, lang=lang),
        status="refuse",
        data={"target": target},
        fact_ids=ids,
    )


def _chance(
    data: ReportData, target: float, by: object, lang: str
) -> tuple[float | None, object, narrative.Quantity | None]:
    """Probability of reaching ``target`` by ``by`` simulated from the monthly panel, its fan
    chart, and the last monthly figure when it already meets the target (all None without a
    panel or when helpers.forecast refuses)."""
    if not data.has_panel:
        return None, None, None
    from helpers.forecast import plot_fan, target_probability

    monthly = province_series(data.panel, "participants", scheme=SCHEME).dropna()
    month = pd.Timestamp(by).to_period("M")
    chance = remembered(data.scope, ("target_probability", float(target), str(month)),
                        lambda: target_probability(monthly, target, month))
    if chance.status == "refuse":
        return None, None, None
    fig = plot_fan(chance, lang=lang).get_figure()
    reached = None
    if any(getattr(w, "code", None) == "TARGET_ALREADY_MET" for w in chance.warnings):
        month = monthly.index[-1]
        reached = narrative.Quantity(float(monthly.iloc[-1]), start=month.start_time.date(),
                                     end=month.end_time.date())
    return chance.probability, fig, reached


def _unit_place(data: ReportData) -> str | None:
    """The district or commune a report below the province describes, else None."""
    return data.place if getattr(data.params, "unit", "province") != "province" else None


def _national_goal_outlook(data: ReportData, lang: str) -> Section:
    """Outlook against the national goal (Resolution 28-NQ/TW: voluntary social insurance for
    2.5% of the labour force by 2025) applied to the province's labour force in the panel."""
    share, due = NATIONAL_GOAL
    labour = province_series(data.panel, "labour_force", scheme=SCHEME).dropna()
    if labour.empty:
        return empty_section("outlook", NO_TARGET, lang)
    target = narrative.Quantity(share / 100 * float(labour.iloc[-1]), "approx", end=due)
    probability, fig, reached = _chance(data, target.value, due, lang)
    text = (
        narrative.national_goal(share, float(labour.iloc[-1]), lang=lang, place=_unit_place(data))
        + " "
        + narrative.outlook(target=target, probability=probability, reached=reached, lang=lang)
    )
    return Section(
        "outlook",
        _title("outlook", lang),
        text,
        figure=fig,
        data={"target": target, "probability": probability, "labour_force": labour.iloc[-1]},
    )


def _windows(data: ReportData, months: pd.PeriodIndex) -> tuple[list, str | None]:
    """Campaign windows inside the panel's months, and the focal one: the latest campaign of
    the province itself (national months are there to keep the counterfactual clean)."""
    from helpers.effects import Intervention

    rows = data.campaigns[data.campaigns["kind"].isin(WINDOW_KINDS)].dropna(subset=["start"])
    out, seen, focal = list[Intervention](), set(), None
    for _, row in rows.sort_values("start").iterrows():
        start = pd.Period(row["start"], freq="M")
        end = pd.Period(row["end"] if pd.notna(row["end"]) else row["start"], freq="M")
        if start < months[0] or end > months[-1] or (start, end) in seen:
            continue
        seen.add((start, end))
        name = str(row["name"])
        if row["province"] and len(data.members) > 1:
            name = f"{name}, {row['province']}"
        if any(w.name == name for w in out):
            name = f"{name} ({start})"
        out.append(Intervention(name, str(start), str(end), kind="window"))
        if row["province"]:
            focal = name
    return out, focal or (out[-1].name if out else None)


def _focal_extra(result, window) -> tuple[float, float, float] | None:
    """Extra enrolments of one window: the ITS draws summed over that window's months."""
    inside = (result.extra_months >= window.start) & (result.extra_months <= window.end)
    if not inside.any() or result.extra_draws.size == 0:
        return None
    totals = result.extra_draws[:, inside].sum(axis=1)
    low, mid, high = np.quantile(totals, [0.025, 0.5, 0.975])
    return float(mid), float(low), float(high)


def _stayed(data: ReportData, result, window, extra) -> list[tuple[int, float, float, float]]:
    """Campaign enrolees still enrolled 6, 12 and 24 months on (helpers.effects.net_effect)."""
    from helpers.effects import Effect, net_effect

    inside = (result.extra_months >= window.start) & (result.extra_months <= window.end)
    focal = dataclasses.replace(
        result,
        extra_draws=result.extra_draws[:, inside],
        extra_months=result.extra_months[inside],
        extra_point=result.extra_point[inside] if result.extra_point.size else result.extra_point,
        extra_enrolments=Effect(extra[0], extra[1], extra[2], float("nan"), "additive"),
    )
    net = net_effect(
        focal,
        dropouts=province_series(data.panel, "dropouts", scheme=SCHEME),
        participants=province_series(data.panel, "participants", scheme=SCHEME),
    )
    if net.status == "refuse":
        return []
    return [(h, e.estimate, e.ci_low, e.ci_high) for h, e in sorted(net.stayed.items())]


def _two(x: float, lang: str) -> str:
    return format_number(x, lang, decimals=2)


@refusing_errors("its")
def its(data: ReportData, lang: str = "vi") -> Section:
    """Section 8: interrupted time series of monthly new members around each campaign window,
    with the counterfactual plot, extra and net enrolments and diagnostics."""
    if not data.has_panel:
        return Section("its", _title("its", lang), narrative.no_panel(lang, _unit_place(data)),
                       status="empty")
    from helpers.effects import interrupted_time_series

    new = province_series(data.panel, "new_participants", scheme=SCHEME).dropna()
    if new.empty:
        # Empty counts are allowed ("not reported"); with none reported there is no series.
        what = ("số người tham gia mới được báo cáo theo tháng", "reported monthly new members")
        return empty_section("its", what, lang)
    windows, focal = _windows(data, new.index)
    if not windows:
        what = (
            "đợt vận động có ngày tháng trong thời gian có số liệu hàng tháng",
            "a dated campaign within the months of the panel",
        )
        return empty_section("its", what, lang)
    def fit() -> tuple:
        result = interrupted_time_series(new, windows)
        effect = result.effects.get(focal or "")
        window = next(w for w in windows if w.name == focal)
        extra = _focal_extra(result, window) if effect else None
        return result, effect, window, extra, _stayed(data, result, window, extra) if extra else []

    named = tuple((w.name, str(w.start), str(w.end)) for w in windows)
    result, effect, window, extra, stayed = remembered(data.scope, ("its", named, focal), fit)
    when = narrative.period(window.start.start_time, window.end.end_time, lang)
    text = narrative.its_effect(
        campaign=f"{focal} ({when})",
        status=result.status,
        warnings=result.warnings,
        rate_ratio=(effect.estimate, effect.ci_low, effect.ci_high) if effect else None,
        extra=extra,
        net=stayed,
        simulated=data.simulated is not None,
        lang=lang,
    )
    if result.status == "refuse":
        return Section("its", _title("its", lang), text, status="refuse", data={"result": result})
    # Model checks go to the methods appendix (section 10); the paragraph stays plain.
    if data.simulated is not None:
        truth = data.simulated.get("true_effects", {})
        extra_true = truth.get("extra_new_voluntary_si", {})
        names = {data.params.province, *data.members} & set(extra_true)
        true_extra = sum(extra_true[m] for m in names) if names else None
        true_ratio = truth.get("provincial_campaign_rate_ratio")
        text = f"{text} {true_effect(true_ratio, true_extra, lang)}".rstrip()
    spans = [(w.start.to_timestamp(), w.end.to_timestamp(how="end")) for w in windows]
    fig = plots.counterfactual(result.counterfactual, spans, lang=lang)
    cols = COLUMNS[lang]
    table = pd.DataFrame(
        {
            cols["name"]: list(result.effects),
            ("Tỷ số (95%)" if lang == "vi" else "Rate ratio (95%)"): [
                f"{_two(e.estimate, lang)} ({_two(e.ci_low, lang)}–{_two(e.ci_high, lang)})"
                for e in result.effects.values()
            ],
            "p": [p_value(e.p_value, lang).removeprefix("p ").removeprefix("= ")
                  for e in result.effects.values()],
        }
    )
    return Section(
        "its",
        _title("its", lang),
        text,
        figure=fig,
        table=table,
        data={
            "result": result,
            "focal": focal,
            "extra": extra,
            "stayed": stayed,
            "diagnostics": dict(result.diagnostics),
            "file": str(data.params.data_dir / PANEL_FILE),
            "n_months": len(new),
        },
    )


def evidence(data: ReportData, used: list[str], lang: str = "vi") -> Section:
    """Section 10: the sources: each article once, numbered as the sections cite it, with its
    outlet, title, date and link, and each quote once with the figures used highlighted."""
    from helpers.report.sources import citation_numbers, sources_html

    facts = data.facts[data.facts["fact_id"].isin(used)]
    notes = []
    if not data.campaigns.empty:
        notes.append(
            f"{len(data.campaigns)} văn bản, đợt vận động có ngày tháng: xem mục 3."
            if lang == "vi"
            else f"{len(data.campaigns)} dated directives and campaigns: see section 3."
        )
    if data.has_panel and data.panel is not None:
        months = data.panel["month"]
        notes.append(
            f"Số liệu hàng tháng: {PANEL_FILE}, {len(data.panel)} dòng, từ "
            f"{months.min():%m/%Y} đến {months.max():%m/%Y}."
            if lang == "vi"
            else f"Monthly data: {PANEL_FILE}, {len(data.panel)} rows, from "
            f"{months.min():%Y-%m} to {months.max():%Y-%m}."
        )
    numbers = citation_numbers(data)
    if not numbers and not notes:
        return empty_section("evidence", ("nguồn trích dẫn", "sources"), lang)
    flagged = int((facts["flags"] != "").sum())
    head = (
        f"{len(numbers)} bài báo; {len(facts)} số liệu báo chí được dùng, {flagged} số liệu có "
        "lưu ý về chất lượng. Số được tô đậm trong trích dẫn là số báo cáo dùng."
        if lang == "vi"
        else f"{len(numbers)} article{'s' if len(numbers) != 1 else ''}; {len(facts)} press "
        f"figure{'s' if len(facts) != 1 else ''} used, {flagged} with "
        "data-quality flags. Highlighted in each quote: the figures the report uses."
    )
    return Section(
        "evidence",
        _title("evidence", lang),
        " ".join([head, *notes]),
        data={"n_facts": len(facts), "n_flagged": flagged, "articles": numbers},
        fact_ids=list(used),
        html=sources_html(data, used, lang),
    )


PRESS_SECTIONS = (key_figures, trajectory, campaigns, retention, channels, districts)


def used_facts(sections: list[Section] | tuple[Section, ...]) -> list[str]:
    """The fact ids the sections show, each once, in order."""
    return list(dict.fromkeys(i for s in sections for i in s.fact_ids))


def run_sections(data: ReportData, lang: str) -> dict[str, Section]:
    """Every section for already loaded data, in report order: the analyses, the other
    figures of the articles, the sources, the appendix of figures not used, and the methods."""
    from helpers.report.comparison import comparison
    from helpers.report.sources import not_used, other_figures

    out = {}
    for build in (*PRESS_SECTIONS, outlook, its):
        section = build(data, lang)
        out[section.key] = section
    compared = comparison(data, lang, its=out["its"])
    if compared is not None:
        out[compared.key] = compared
    out["other"] = other_figures(data, used_facts(list(out.values())), lang)
    used = used_facts(list(out.values()))
    out["evidence"] = evidence(data, used, lang)
    out["not_used"] = not_used(data, used, lang)
    out["methods"] = methods(data, out["its"], lang)
    return out


def headline(data: ReportData, section: Section | None = None) -> dict:
    """The headline numbers of one province's data, JSON-ready (None where unknown).

    Press figures come from the first former province that has them; ``monthly_*`` keys from
    the monthly panel when there is one. ``section`` is the key-figures section of ``data``
    when already computed (the notebook's).
    """
    params = data.params
    section = section if section is not None else key_figures(data, params.lang)
    figures: dict = {
        "province": params.province,
        "level": params.level,
        "simulated": data.simulated is not None,
        "has_press": data.has_press,
        "has_panel": data.has_panel,
        "n_campaigns": int((data.campaigns["province"] != "").sum()),
    }
    for name in data.members:
        for key, value in section.data.get(name, {}).items():
            if value is None or pd.isna(value) or key in figures:
                continue
            if key == "participants_date":
                figures[key] = pd.Timestamp(value).date().isoformat()
            else:
                figures[key] = float(value)
    for key, value in section.data.get("monthly", {}).items():
        figures[f"monthly_{key}"] = value
    return figures


def key_figures_summary(params: ReportParams) -> dict:
    """The headline numbers for the batch index page (see `headline`), computed in-process."""
    return headline(load_report_data(params))
