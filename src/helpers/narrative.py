"""Paragraphs in Vietnamese and English that say what a computed result shows, and no more.

Every number comes in as an argument; wording follows the evidence tier (press vs monthly panel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from helpers.text import format_date, format_month, format_number, format_percent

SCHEME_NAMES = {
    "voluntary_si": {"vi": "BHXH tự nguyện", "en": "voluntary social insurance"},
    "household_hi": {"vi": "BHYT hộ gia đình", "en": "household health insurance"},
    "compulsory_si": {"vi": "BHXH bắt buộc", "en": "compulsory social insurance"},
    "social_insurance": {"vi": "BHXH", "en": "social insurance"},
    "health_insurance": {"vi": "BHYT", "en": "health insurance"},
    "unemployment_insurance": {"vi": "BH thất nghiệp", "en": "unemployment insurance"},
    "mixed": {"vi": "BHXH, BHYT (gộp)", "en": "social and health insurance (combined)"},
}
_QUALIFIERS = {
    "vi": {"approx": "khoảng ", "nearly": "gần ", "more_than": "hơn ", "at_least": "ít nhất "},
    "en": {
        "approx": "about ",
        "nearly": "nearly ",
        "more_than": "more than ",
        "at_least": "at least ",
    },
}
PRESS = {"vi": "Theo số liệu báo chí", "en": "According to press reports"}


@dataclass(frozen=True)
class Quantity:
    """A number as reported: value, how exact it is, and the period it covers."""

    value: float
    qualifier: str = "exact"
    start: date | None = None
    end: date | None = None


def _day(d: object) -> date | None:
    """A plain date from a date, Timestamp or string; None for None/NaT/NaN."""
    if d is None or d is pd.NaT or (isinstance(d, float) and pd.isna(d)):
        return None
    return pd.Timestamp(d).date()


def number(q: Quantity | float, lang: str) -> str:
    """ "gần 54.000" / "nearly 54,000": the value with its qualifier word."""
    if isinstance(q, Quantity):
        return _QUALIFIERS[lang].get(q.qualifier, "") + format_number(q.value, lang)
    return format_number(q, lang)


def percent(x: float, lang: str, decimals: int | None = None) -> str:
    """ "130,26%" / "130.26%": reported percents keep their decimals (None: as few as needed,
    at most 2); derived ones pass ``decimals=1``."""
    return format_percent(x, lang, decimals=decimals)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def period(start: object, end: object, lang: str) -> str:
    """How people write a period: "năm 2023", "từ 01/4/2024 đến 31/5/2024", "cuối năm 2022".

    A stock has only an end date; a missing date becomes "(không rõ ngày)" / "(date unknown)".
    """
    s, e = _day(start), _day(end)
    vi = lang == "vi"
    if s is None and e is None:
        return "(không rõ thời điểm)" if vi else "(date unknown)"
    if s is None:
        if (e.month, e.day) == (12, 31):
            return f"cuối năm {e.year}" if vi else f"the end of {e.year}"
        return f"ngày {format_date(e, lang)}" if vi else f"on {format_date(e, lang)}"
    if e is None:
        return f"từ {format_date(s, lang)}" if vi else f"since {format_date(s, lang)}"
    if s == e:
        return f"ngày {format_date(s, lang)}" if vi else f"on {format_date(s, lang)}"
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
        return f"năm {s.year}" if vi else f"in {s.year}"
    if vi:
        return f"từ {format_date(s, lang)} đến {format_date(e, lang)}"
    return f"from {format_date(s, lang)} to {format_date(e, lang)}"


def _as_of(q: Quantity, lang: str) -> str:
    text = period(q.start, q.end, lang)
    if q.start is None and q.end is not None and not text.startswith(("cuối", "the end")):
        if lang == "vi":
            return f"tính đến {text.removeprefix('ngày ')}"
        return f"as of {text.removeprefix('on ')}"
    if lang == "vi":
        return "đến " + text if text.startswith("cuối") else text
    return "at " + text if text.startswith("the end") else text


def no_data(what: str, lang: str) -> str:
    """One line for a section without data: "Chưa có số liệu về kênh vận động."."""
    return f"Chưa có số liệu về {what}." if lang == "vi" else f"No data on {what} yet."


def nothing_at_all(province: str, lang: str) -> str:
    """The one sentence of a report for a province without any data."""
    if lang == "vi":
        return (
            f"Chưa có số liệu nào về {province}: chưa có bài báo hay số liệu hàng tháng nào "
            "về tỉnh này trong thư mục dữ liệu."
        )
    return (
        f"There are no data on {province} yet: no article and no monthly figures about this "
        "province are in the data folder."
    )


def no_province_figures(*, local: bool, lang: str) -> str:
    """One line when no province-level figure exists (perhaps only district figures)."""
    if local:
        return (
            "Chưa có số liệu cấp tỉnh; chỉ có số liệu cấp huyện, xã (xem mục 5, 6 và 9)."
            if lang == "vi"
            else "No province-level figures yet; only district or commune figures "
            "(see sections 5, 6 and 9)."
        )
    return no_data("số liệu chính" if lang == "vi" else "the key figures", lang)


def no_panel(lang: str) -> str:
    """One line for the monthly-panel section when there is no monthly data."""
    if lang == "vi":
        return (
            "Chưa có số liệu hàng tháng chính thức cho tỉnh này, nên chưa ước tính được "
            "tác động của các đợt vận động."
        )
    return (
        "There are no official monthly data for this province, so no campaign effect is estimated."
    )


def unavailable(what: str, module: str, lang: str) -> str:
    """One line for a section whose helper module is not installed yet."""
    if lang == "vi":
        return f"Phần {what} chưa thực hiện được: chưa có mô-đun {module}."
    return f"The {what} section is not available: module {module} is missing."


def key_figures(
    province: str,
    *,
    scheme: str = "voluntary_si",
    stock: Quantity | None = None,
    previous: Quantity | None = None,
    campaign_new: Quantity | None = None,
    campaign_plan: Quantity | None = None,
    attainment_pct: float | None = None,
    dropouts: Quantity | None = None,
    lang: str = "vi",
) -> str:
    """The headline paragraph: latest stock, growth since the previous stock, the latest
    campaign against its plan, drop-outs. Press figures, described as such.

    Examples
    --------
    >>> key_figures("Bắc Giang", stock=Quantity(51241, end=date(2023, 12, 31)), lang="en")
    'According to press reports, Bắc Giang had 51,241 voluntary social insurance participants at the end of 2023.'
    """  # noqa: E501
    name = SCHEME_NAMES[scheme][lang]
    vi = lang == "vi"
    parts: list[str] = []
    if stock is not None:
        when = _as_of(stock, lang)
        if vi:
            parts.append(
                f"{PRESS[lang]}, {when} {province} có {number(stock, lang)} người tham gia {name}"
            )
        else:
            parts.append(
                f"{PRESS[lang]}, {province} had {number(stock, lang)} {name} participants {when}"
            )
        if previous is not None and previous.value:
            change = stock.value - previous.value
            pct = 100 * change / previous.value
            prev_when = _as_of(previous, lang).removeprefix("đến ").removeprefix("at ")
            if vi:
                verb = "tăng" if change >= 0 else "giảm"
                parts[-1] += (
                    f", {verb} {format_number(abs(change), lang)} người "
                    f"({percent(abs(pct), lang, 1)}) so với {prev_when}"
                )
            else:
                verb = "up" if change >= 0 else "down"
                parts[-1] += (
                    f", {verb} {format_number(abs(change), lang)} "
                    f"({percent(abs(pct), lang, 1)}) from {prev_when}"
                )
        parts[-1] += "."
    if campaign_new is not None:
        when = period(campaign_new.start, campaign_new.end, lang)
        sentence = (
            f"Đợt vận động {when} phát triển mới {number(campaign_new, lang)} người"
            if vi
            else f"The campaign {when} enrolled {number(campaign_new, lang)} new members"
        )
        if campaign_plan is not None:
            sentence += (
                f" so với kế hoạch {number(campaign_plan, lang)} người"
                if vi
                else f" against a plan of {number(campaign_plan, lang)}"
            )
        if attainment_pct is not None:
            sentence += (
                f", đạt {percent(attainment_pct, lang)} kế hoạch"
                if vi
                else f", {percent(attainment_pct, lang)} of plan"
            )
        parts.append(sentence + ".")
    if dropouts is not None:
        when = period(dropouts.start, dropouts.end, lang)
        parts.append(
            f"Có {number(dropouts, lang)} người giảm (dừng đóng) {when}."
            if vi
            else f"{_cap(number(dropouts, lang))} members dropped out {when}."
        )
    if not parts:
        return no_data("các chỉ số chính" if vi else "the key figures", lang)
    return " ".join(parts)


def key_figures_monthly(
    province: str,
    *,
    month: date,
    stock: float,
    stock_year_ago: float | None,
    new_12: float,
    dropouts_12: float,
    simulated: bool = False,
    lang: str = "vi",
) -> str:
    """Headline paragraph from a monthly panel: latest stock, change over 12 months, new
    members and drop-outs over the last 12 months."""
    vi = lang == "vi"
    source = "Theo số liệu hàng tháng" if vi else "According to the monthly data"
    if simulated:
        source += " (mô phỏng)" if vi else " (simulated)"
    when = format_month(month, lang)
    out = (
        f"{source}, {when} {province} có {format_number(stock, lang)} người tham gia BHXH tự nguyện"
        if vi
        else f"{source}, {province} had {format_number(stock, lang)} voluntary social insurance "
        f"participants in {when}"
    )
    if stock_year_ago:
        change = 100 * (stock - stock_year_ago) / stock_year_ago
        sign = ("tăng" if change >= 0 else "giảm") if vi else ("up" if change >= 0 else "down")
        out += (
            f", {sign} {percent(abs(change), lang, 1)} so với 12 tháng trước"
            if vi
            else f", {sign} {percent(abs(change), lang, 1)} on 12 months earlier"
        )
    out += "."
    net = new_12 - dropouts_12
    out += (
        f" Trong 12 tháng gần nhất có {format_number(new_12, lang)} người tham gia mới và "
        f"{format_number(dropouts_12, lang)} người giảm (ròng {format_number(net, lang)})."
        if vi
        else f" Over the last 12 months {format_number(new_12, lang)} people joined and "
        f"{format_number(dropouts_12, lang)} dropped out (net {format_number(net, lang)})."
    )
    return out


def trajectory(
    province: str,
    *,
    stocks: Sequence[Quantity],
    targets: Sequence[Quantity],
    coverage_goal: Quantity | None = None,
    monthly: bool = False,
    lang: str = "vi",
) -> str:
    """Paragraph for the trajectory chart: first and last stock, targets, coverage goal."""
    vi = lang == "vi"
    if not stocks:
        return no_data("số người tham gia theo thời gian" if vi else "participants over time", lang)
    first, last = stocks[0], stocks[-1]
    source = (
        ("Theo số liệu hàng tháng" if vi else "According to the monthly data")
        if monthly
        else PRESS[lang]
    )
    if len(stocks) == 1:
        text = (
            f"{source}, chỉ có một mốc: {number(last, lang)} người ({_as_of(last, lang)})."
            if vi
            else f"{source}, there is a single point: {number(last, lang)} ({_as_of(last, lang)})."
        )
    elif vi:
        text = (
            f"{source}, số người tham gia ở {province} đi từ {number(first, lang)} "
            f"({_as_of(first, lang)}) lên {number(last, lang)} ({_as_of(last, lang)}), "
            f"qua {len(stocks)} mốc."
        )
    else:
        text = (
            f"{source}, participants in {province} went from {number(first, lang)} "
            f"({_as_of(first, lang)}) to {number(last, lang)} ({_as_of(last, lang)}), "
            f"over {len(stocks)} points."
        )
    for t in targets:
        text += (
            f" Mục tiêu: {number(t, lang)} người {_as_of(t, lang)}."
            if vi
            else f" Target: {number(t, lang)} {_as_of(t, lang)}."
        )
    if coverage_goal is not None:
        text += (
            f" Mục tiêu bao phủ: {number(coverage_goal, lang)}% lực lượng lao động "
            f"{_as_of(coverage_goal, lang)}."
            if vi
            else f" Coverage goal: {number(coverage_goal, lang)}% of the labour force "
            f"{_as_of(coverage_goal, lang)}."
        )
    return text


def campaigns(rows: Sequence[dict], *, n_events: int, lang: str = "vi") -> str:
    """Paragraph for the campaign section.

    Parameters
    ----------
    rows
        One dict per campaign result: ``achieved`` (Quantity), optional ``plan`` (Quantity),
        ``attainment_pct`` (float), ``previous`` (Quantity, same campaign a year earlier),
        ``change`` (float, reported change vs a year earlier).
    n_events
        Number of dated directives, plans and campaigns found.
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
    if not rows and not n_events:
        return no_data("các đợt vận động" if vi else "campaigns", lang)
    if not rows:
        return f"{head} {results}"
    out = [head]
    for r in rows:
        a = r["achieved"]
        when = period(a.start, a.end, lang)
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
    """Paragraph on drop-outs: rows with ``dropouts`` (Quantity), optional ``new`` (Quantity)."""
    vi = lang == "vi"
    if not rows:
        return no_data("số người giảm, dừng đóng" if vi else "drop-outs", lang)
    out = []
    for k, r in enumerate(rows):
        d = r["dropouts"]
        when = period(d.start, d.end, lang)
        lead = f"{PRESS[lang]}, {when}" if k == 0 else _cap(when)
        if r.get("new") is not None:
            n = r["new"]
            net = n.value - d.value
            share = 100 * d.value / n.value if n.value else float("nan")
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
    return " ".join(out)


def channels(rows: Sequence[dict], *, lang: str = "vi") -> str:
    """Outreach paragraph: rows with ``events`` (Quantity), optional ``new`` and ``reached``."""
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
        when = period(e.start, e.end, lang)
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
        if r.get("new") is not None and e.value:
            per = r["new"].value / e.value
            # A ratio of rounded or bounded figures is itself only approximate.
            rough = r["new"].qualifier != "exact" or e.qualifier != "exact"
            about = ("khoảng " if vi else "about ") if rough else ""
            s += (
                f", {number(r['new'], lang)} người tham gia mới, bình quân {about}"
                f"{format_number(per, lang, decimals=1)} người mỗi sự kiện"
                if vi
                else f", {number(r['new'], lang)} new members, {about}"
                f"{format_number(per, lang, decimals=1)} per event on average"
            )
        out.append(s + ".")
    return " ".join(out)


def districts(
    rows: Sequence[dict],
    *,
    total: Quantity | None,
    indicator: str = "new_participants",
    lang: str = "vi",
) -> str:
    """Ranking paragraph: rows with ``name`` and ``value`` (Quantity), best first.

    ``indicator`` says what the values count: "new_participants" or "participants".
    """
    vi = lang == "vi"
    if not rows:
        return no_data("từng huyện, xã" if vi else "districts and communes", lang)
    top = rows[0]
    when = period(top["value"].start, top["value"].end, lang)
    new = indicator == "new_participants"
    what = (
        ("người tham gia mới" if new else "người tham gia")
        if vi
        else ("new members" if new else "participants")
    )
    if len(rows) == 1:
        return (
            f"{PRESS[lang]}, {when} {top['name']} có {number(top['value'], lang)} {what}."
            if vi
            else f"{PRESS[lang]}, {top['name']} had {number(top['value'], lang)} {what} {when}."
        )
    names = ", ".join(f"{r['name']} ({number(r['value'], lang)})" for r in rows[:5])
    s = (
        f"{PRESS[lang]}, {when} các địa phương có nhiều {what} nhất: {names}."
        if vi
        else f"{PRESS[lang]}, the districts with the most {what} {when} were: {names}."
    )
    if total is not None and total.value:
        share = 100 * sum(r["value"].value for r in rows) / total.value
        s += (
            f" {len(rows)} địa phương được nêu tên chiếm {percent(share, lang, 1)} tổng số "
            f"{number(total, lang)} {what} của tỉnh."
            if vi
            else f" The {len(rows)} named districts account for {percent(share, lang, 1)} of the "
            f"province's {number(total, lang)}."
        )
    return s


def outlook(
    *,
    target: Quantity | None,
    projected: float | None = None,
    interval: tuple[float, float] | None = None,
    reach_date: date | None = None,
    probability: float | None = None,
    refused: str | None = None,
    lang: str = "vi",
) -> str:
    """Outlook paragraph: projection at the target date with its interval, probability."""
    vi = lang == "vi"
    if target is None:
        return no_data("mục tiêu có thời hạn" if vi else "a dated target", lang)
    when = _as_of(target, lang)
    head = (
        f"Mục tiêu: {number(target, lang)} người {when}."
        if vi
        else f"Target: {number(target, lang)} {when}."
    )
    if refused:
        return head + (f" Không dự báo được: {refused}" if vi else f" No projection: {refused}")
    out = [head]
    if projected is not None:
        s = (
            f"Nếu xu hướng các mốc đã công bố tiếp tục, số người tham gia dự kiến khoảng "
            f"{format_number(projected, lang)}"
            if vi
            else f"If the trend of the reported figures continues, participants would be about "
            f"{format_number(projected, lang)}"
        )
        if interval is not None:
            lo, hi = (format_number(v, lang) for v in interval)
            s += (
                f" (khoảng dự báo 95%: {lo} đến {hi})"
                if vi
                else f" (95% prediction interval {lo} to {hi})"
            )
        out.append(s + ".")
    if reach_date is not None:
        out.append(
            f"Theo xu hướng đó, mục tiêu đạt vào khoảng {format_date(reach_date, lang)}."
            if vi
            else f"On that trend the target is reached around {format_date(reach_date, lang)}."
        )
    if probability is not None:
        out.append(
            f"Xác suất đạt mục tiêu theo mô phỏng từ số liệu hàng tháng: "
            f"{percent(100 * probability, lang)}."
            if vi
            else f"Probability of reaching the target, simulated from the monthly data: "
            f"{percent(100 * probability, lang)}."
        )
    out.append(
        "Đây là phép ngoại suy xu hướng, không tính đến chính sách mới."
        if vi
        else "This extrapolates a trend; it does not account for new policies."
    )
    return " ".join(out)


def its_effect(
    *,
    campaign: str,
    rate_ratio: tuple[float, float, float] | None,
    extra: tuple[float, float, float] | None,
    status: str,
    warnings: Sequence[str] = (),
    net: Sequence[tuple[int, float, float, float]] = (),
    simulated: bool = False,
    lang: str = "vi",
) -> str:
    """Paragraph for an interrupted-time-series result on a monthly panel.

    Parameters
    ----------
    rate_ratio, extra
        (estimate, ci_low, ci_high) of the window rate ratio and of the extra enrolments.
    status
        "ok", "warn" or "refuse"; "refuse" says why in plain words from ``warnings``.
    net
        (months after, estimate, low, high) of campaign enrolees still enrolled.
    """
    vi = lang == "vi"
    why = " ".join(warnings)
    if status == "refuse" or rate_ratio is None:
        return (
            f"Không ước tính tác động của {campaign}: {why or 'dữ liệu không đủ.'}"
            if vi
            else f"No effect estimate for {campaign}: {why or 'the data are insufficient.'}"
        )
    est, lo, hi = (100 * (v - 1) for v in rate_ratio)
    pct = {k: percent(v, lang, 1) for k, v in (("lo", lo), ("hi", hi), ("abs", abs(est)))}
    source = "Theo số liệu hàng tháng" if vi else "According to the monthly data"
    if simulated:
        source += " (mô phỏng)" if vi else " (simulated)"
    if vi:
        s = (
            f"{source}, trong {campaign} số người tham gia mới {'cao' if est >= 0 else 'thấp'} "
            f"hơn {pct['abs']} so với mức dự kiến nếu không có đợt vận động "
            f"(khoảng tin cậy 95%: {pct['lo']} đến {pct['hi']})"
        )
    else:
        s = (
            f"{source}, new enrolments during {campaign} were {pct['abs']} "
            f"{'above' if est >= 0 else 'below'} what the pre-campaign trend and season "
            f"predict (95% confidence interval {pct['lo']} to {pct['hi']})"
        )
    if extra is not None:
        e, elo, ehi = (format_number(v, lang) for v in extra)
        s += (
            f", tương đương {e} người tham gia thêm (từ {elo} đến {ehi})"
            if vi
            else f", about {e} extra enrolees ({elo} to {ehi})"
        )
    out = [s + "."]
    if net:
        figures = [
            f"{format_number(n, lang)} ({format_number(lo, lang)}–{format_number(hi, lang)})"
            for _, n, lo, hi in net
        ]
        months = [str(m) for m, *_ in net]
        joiner = " và " if vi else " and "
        listed = ", ".join(figures[:-1]) + joiner + figures[-1] if len(figures) > 1 else figures[0]
        when = ", ".join(months[:-1]) + joiner + months[-1] if len(months) > 1 else months[0]
        out.append(
            f"Số người trong số đó ước tính còn tham gia sau {when} tháng: {listed}."
            if vi
            else f"Of these, an estimated {listed} are still enrolled after {when} months."
        )
    out.append(
        "Ước tính giả định rằng xu hướng và mùa vụ trước đợt vận động sẽ tiếp diễn và "
        "không có thay đổi nào khác cùng lúc."
        if vi
        else "The estimate assumes the pre-campaign trend and seasonality would have continued "
        "and that nothing else changed at the same time."
    )
    if status == "warn" and why:
        out.append(f"Lưu ý: {why}" if vi else f"Caveats: {why}")
    return " ".join(out)


def evidence_tier(*, has_press: bool, has_panel: bool, simulated: bool, lang: str = "vi") -> str:
    """Closing note: which evidence tier each finding rests on and what it can support."""
    vi = lang == "vi"
    out = []
    if has_press:
        out.append(
            "Số liệu báo chí là các lát cắt thưa (tổng số cuối năm, kết quả một đợt, kế "
            "hoạch); các con số này mô tả tình hình, không chứng minh quan hệ nhân quả."
            if vi
            else "Press figures are sparse snapshots (a year-end total, a campaign result, a "
            "plan); they describe what happened and do not show cause and effect."
        )
    if has_panel:
        out.append(
            "Số liệu hàng tháng cho phép so sánh với mức dự kiến (chuỗi thời gian gián "
            "đoạn); kết quả kèm khoảng tin cậy và phụ thuộc vào giả định của mô hình."
            if vi
            else "Monthly data allow a comparison with a counterfactual (interrupted time "
            "series); those results carry intervals and rest on the model's assumptions."
        )
    if simulated:
        out.append(
            "Số liệu hàng tháng trong báo cáo này là dữ liệu mô phỏng, không phải số liệu thật."
            if vi
            else "The monthly data in this report are simulated, not real."
        )
    if not out:
        out.append(no_data("bất kỳ nguồn nào" if vi else "any source", lang))
    return " ".join(out)
