"""Paragraphs for the press-figure sections on what the campaigns did, one row per reported
figure: campaign results, drop-outs, outreach channels and the districts ranking. The province's
levels (key figures, trajectory) are worded in `helpers.narrative.press`. Press figures are
described as such, never called effects.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.narrative.sources import dropout_caveat, scheme_label
from helpers.narrative.words import (
    BOUND_WORDS,
    PRESS,
    Quantity,
    _cap,
    flow_period,
    flow_when,
    no_data,
    number,
    percent,
    period,
)
from helpers.text import format_number


def campaigns(
    rows: Sequence[dict], *, n_events: int, see_monthly: bool = False, lang: str = "vi"
) -> str:
    """Paragraph for the campaign section.

    Parameters
    ----------
    rows
        One dict per campaign result: ``achieved`` (Quantity), optional ``plan`` (Quantity),
        ``attainment_pct`` (float), ``previous`` (Quantity, same campaign a year earlier),
        ``change`` (float, reported change vs a year earlier).
    n_events
        Number of dated directives, plans and campaigns found.
    see_monthly
        True when the monthly panel estimates the campaigns' effects (section 8): without
        press results the paragraph points there instead of saying there are no results.
    """
    vi = lang == "vi"
    head = (
        f"Tìm thấy {n_events} văn bản chỉ đạo, kế hoạch và đợt vận động có ngày tháng."
        if vi
        else f"{n_events} dated directives, plans and campaigns were found."
        if n_events != 1
        else "One dated directive, plan or campaign was found."
    )
    results = no_data("kết quả từng đợt vận động" if vi else "campaign results", lang)
    if see_monthly:
        results = (
            "Báo chí không nêu kết quả từng đợt; mục 8 ước tính tác động của các đợt từ số "
            "liệu hằng tháng."
            if vi
            else "The press gives no result for each campaign; section 8 estimates the "
            "campaigns' effects from the monthly data."
        )
    if not rows and not n_events:
        return no_data("các đợt vận động" if vi else "campaigns", lang)
    if not rows:
        return f"{head} {results}"
    out = [head]
    for r in rows:
        a = r["achieved"]
        when = flow_when(a, lang)
        s = (
            f"{PRESS[lang]}, {when} phát triển mới {number(a, lang)} người"
            if vi
            else f"{PRESS[lang]}, {number(a, lang)} new members enrolled {when}"
        )
        if r.get("plan") is not None:
            s += (
                f", kế hoạch {number(r['plan'], lang)} người"
                if vi
                else f", against a plan of {number(r['plan'], lang)}"
            )
        if r.get("attainment_pct") is not None:
            s += (
                f" (đạt {percent(r['attainment_pct'], lang)})"
                if vi
                else f" ({percent(r['attainment_pct'], lang)} of plan)"
            )
        if r.get("change") is not None:
            c = r["change"]
            if vi:
                s += (
                    f", {'tăng' if c >= 0 else 'giảm'} {format_number(abs(c), lang)} người "
                    "so với cùng đợt năm trước"
                )
            else:
                s += (
                    f", {format_number(abs(c), lang)} {'more' if c >= 0 else 'fewer'} "
                    "than the same campaign a year earlier"
                )
        out.append(s + ".")
    out.append(
        "Đây là số liệu mô tả, không phải ước tính tác động nhân quả."
        if vi
        else "These figures describe what happened; they are not causal effect estimates."
    )
    return " ".join(out)


def retention(rows: Sequence[dict], *, lang: str = "vi") -> str:
    """Paragraph on drop-outs: rows with ``dropouts`` (Quantity) and, for a period that also
    reports new members, ``new`` (Quantity), ``net`` and ``ratio_pct`` (drop-outs per 100 new
    members) as `helpers.indicators.retention` computes them."""
    vi = lang == "vi"
    if not rows:
        return no_data("số người giảm, dừng đóng" if vi else "drop-outs", lang)
    out = []
    for k, r in enumerate(rows):
        d = r["dropouts"]
        when = flow_period(d.start, d.end, lang)
        lead = f"{PRESS[lang]}, {when}" if k == 0 else _cap(when)
        if r.get("new") is not None:
            n, net, share = r["new"], r["net"], r["ratio_pct"]
            out.append(
                f"{lead} có {number(n, lang)} người tham gia mới và {number(d, lang)} người "
                f"giảm, tăng ròng {format_number(net, lang)} người (số giảm bằng "
                f"{percent(share, lang, 1)} số tham gia mới)."
                if vi
                else f"{lead} there were {number(n, lang)} new members and {number(d, lang)} "
                f"drop-outs, a net gain of {format_number(net, lang)} (drop-outs equal to "
                f"{percent(share, lang, 1)} of new members)."
            )
        else:
            out.append(
                f"{lead} có {number(d, lang)} người giảm."
                if vi
                else f"{lead} there were {number(d, lang)} drop-outs."
            )
    return " ".join(out) + dropout_caveat(lang)


def channels(rows: Sequence[dict], *, lang: str = "vi") -> str:
    """Outreach paragraph: rows with ``events`` (Quantity), optional ``reached`` (Quantity) and
    ``new`` (Quantity) with ``per_event`` and its ``bound`` ("exact", "approx", "upper_bound",
    "lower_bound") as `helpers.indicators.productivity` computes them."""
    vi = lang == "vi"
    if not rows:
        return no_data(
            "hội nghị, lễ ra quân và kênh vận động"
            if vi
            else "conferences, launch days and outreach channels",
            lang,
        )
    out = []
    for k, r in enumerate(rows):
        e = r["events"]
        when = flow_when(e, lang)
        if r.get("place"):
            when += f" tại {r['place']}" if vi else f" in {r['place']}"
        lead = f"{PRESS[lang]}, {when}" if k == 0 else _cap(when)
        s = (
            f"{lead} có {number(e, lang)} hội nghị, sự kiện"
            if vi
            else f"{lead} there were {number(e, lang)} conferences or events"
        )
        if r.get("reached") is not None:
            s += (
                f", tiếp cận {number(r['reached'], lang)} lượt người"
                if vi
                else f", reaching {number(r['reached'], lang)} people"
            )
        if r.get("new") is not None:
            scheme = r.get("scheme", "voluntary_si")
            which = f" ({scheme_label(scheme, lang)})" if scheme != "voluntary_si" else ""
            s += (
                f", {number(r['new'], lang)} người tham gia mới{which}"
                if vi
                else f", {number(r['new'], lang)} new members{which}"
            )
        if r.get("new") is not None and r.get("per_event") is not None:
            per = r["per_event"]
            about = BOUND_WORDS[lang][r.get("bound", "exact")]
            s += (
                f", bình quân {about}{format_number(per, lang, decimals=1)} người mỗi sự kiện"
                if vi
                else f", {about}{format_number(per, lang, decimals=1)} per event on average"
            )
        out.append(s + ".")
    return " ".join(out)


def districts(
    rows: Sequence[dict],
    *,
    total: Quantity | None,
    named_share_pct: float | None = None,
    indicator: str = "new_participants",
    examples: bool = False,
    scheme: str = "voluntary_si",
    lang: str = "vi",
) -> str:
    """Ranking paragraph: rows with ``name`` and ``value`` (Quantity), best first.

    ``examples`` says the article lists the places as examples ("như: Hiệp Hòa ..."), not as
    the top ones: the sentence then says "among them", never "the most".

    ``total`` is the province's figure for the period and ``named_share_pct`` the share of
    it the named places account for (`helpers.indicators.local_shares`); ``indicator`` says
    what the values count: "new_participants" or "participants".
    """
    vi = lang == "vi"
    if not rows:
        return no_data("từng huyện, xã" if vi else "districts and communes", lang)
    top = rows[0]
    new = indicator == "new_participants"
    value = top["value"]
    when = flow_when(value, lang) if new else period(value.start, value.end, lang)
    what = (
        ("người tham gia mới" if new else "người tham gia")
        if vi
        else ("new members" if new else "participants")
    )
    if scheme != "voluntary_si":
        what += f" ({scheme_label(scheme, lang)})"
    if len(rows) == 1:
        return (
            f"{PRESS[lang]}, {when} {top['name']} có {number(top['value'], lang)} {what}."
            if vi
            else f"{PRESS[lang]}, {top['name']} had {number(top['value'], lang)} {what} {when}."
        )
    names = ", ".join(f"{r['name']} ({number(r['value'], lang)})" for r in rows[:5])
    if examples:
        s = (
            f"{PRESS[lang]}, {when} bài báo nêu ví dụ một số địa phương có số {what} nổi trội "
            f"(danh sách ví dụ, không phải xếp hạng đầy đủ): {names}."
            if vi
            else f"{PRESS[lang]}, {when} the article names, as examples (not a full ranking), "
            f"districts with many {what}: {names}."
        )
    else:
        s = (
            f"{PRESS[lang]}, {when} các địa phương có nhiều {what} nhất: {names}."
            if vi
            else f"{PRESS[lang]}, the districts with the most {what} {when} were: {names}."
        )
    if total is not None and named_share_pct is not None:
        share = named_share_pct
        s += (
            f" {len(rows)} địa phương được nêu tên chiếm {percent(share, lang, 1)} tổng số "
            f"{number(total, lang)} {what} của tỉnh."
            if vi
            else f" The {len(rows)} named districts account for {percent(share, lang, 1)} of the "
            f"province's {number(total, lang)}."
        )
    return s
