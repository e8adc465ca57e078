"""Paragraphs for modelled results: monthly key figures, the outlook, the interrupted time
series with its interval and caveats, and the closing note on evidence tiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from helpers.narrative.words import (
    Quantity,
    _as_of,
    _by,
    no_data,
    number,
    percent,
    period,
)
from helpers.notes import in_language
from helpers.text import format_date, format_month, format_number


def key_figures_monthly(
    province: str,
    *,
    month: date,
    stock: float,
    stock_year_ago: float | None,
    new_12: float,
    dropouts_12: float,
    simulated: bool = False,
    members: Sequence[str] = (),
    lang: str = "vi",
) -> str:
    """Headline paragraph from a monthly panel: latest stock, change over 12 months, new
    members and drop-outs over the last 12 months.

    ``members`` (two or more former provinces of a merged 2025 province) makes the sentence
    name the base of its percentage: the whole merged province.
    """
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
        if len(members) > 1:
            listed = ", ".join(members)
            out += (
                f" (tính trên toàn tỉnh sau sáp nhập, gồm {listed})"
                if vi
                else f" (for the whole merged province: {listed} together)"
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


def retention_monthly(rows: Sequence[dict], *, simulated: bool = False, lang: str = "vi") -> str:
    """Retention from monthly data: rows with ``year``, ``new`` and ``dropouts``, oldest first.

    The paragraph describes the latest year; the table beside it shows every year.
    """
    vi = lang == "vi"
    if not rows:
        return no_data("số người giảm, dừng đóng" if vi else "drop-outs", lang)
    last = rows[-1]
    net = last["new"] - last["dropouts"]
    share = 100 * last["dropouts"] / last["new"] if last["new"] else float("nan")
    source = "Theo số liệu hàng tháng" if vi else "According to the monthly data"
    if simulated:
        source += " (mô phỏng)" if vi else " (simulated)"
    if vi:
        return (
            f"{source}, năm {last['year']} có {format_number(last['new'], lang)} người tham gia "
            f"mới và {format_number(last['dropouts'], lang)} người giảm, tăng ròng "
            f"{format_number(net, lang)} người; số giảm bằng {percent(share, lang, 1)} số tham "
            "gia mới."
        )
    return (
        f"{source}, {format_number(last['new'], lang)} people joined in {last['year']} and "
        f"{format_number(last['dropouts'], lang)} dropped out, a net change of "
        f"{format_number(net, lang)}; drop-outs equal {percent(share, lang, 1)} of new members."
    )


def national_goal(
    share: float, labour_force: float, *, lang: str = "vi", place: str | None = None
) -> str:
    """Why the outlook uses the national goal: the province (or, in a district report, the
    district ``place``) reported no target of its own."""
    if lang == "vi":
        who, whose = (place[:1].upper() + place[1:], f"của {place}") if place else (
            "Tỉnh", "của tỉnh")
        return (
            f"{who} chưa công bố mục tiêu riêng; báo cáo dùng mục tiêu quốc gia của Nghị quyết "
            f"28-NQ/TW ({percent(share, lang)} lực lượng lao động tham gia BHXH tự nguyện vào "
            f"năm 2025) áp cho {format_number(labour_force, lang)} lao động {whose}."
        )
    who, whose = (place, f"{place}'s") if place else ("The province", "the province's")
    return (
        f"{who} reported no target of its own; the report applies the national goal of "
        f"Resolution 28-NQ/TW ({percent(share, lang)} of the labour force in voluntary social "
        f"insurance by 2025) to {whose} labour force of {format_number(labour_force, lang)}."
    )


def outlook(
    *,
    target: Quantity | None,
    projected: float | None = None,
    interval: tuple[float, float] | None = None,
    reach_date: date | None = None,
    probability: float | None = None,
    refused: str | None = None,
    reached: Quantity | None = None,
    lang: str = "vi",
) -> str:
    """Outlook paragraph: projection at the target date with its interval, probability.

    ``reached`` is a figure already at or above the target: the paragraph says the target is
    reached instead of giving a probability near 100%.
    """
    vi = lang == "vi"
    if target is None:
        return no_data("mục tiêu có thời hạn" if vi else "a dated target", lang)
    when = _as_of(target, lang) if vi else _by(target)
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
            f"Nếu xu hướng các mốc đã công bố tiếp tục, đến thời hạn đó số người tham gia dự "
            f"kiến khoảng {format_number(projected, lang)}"
            if vi
            else f"If the trend of the reported figures continues, participants would be about "
            f"{format_number(projected, lang)} by then"
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
    if reached is not None:
        out.append(
            f"Mục tiêu đã đạt: số liệu {period(reached.start, reached.end, lang)} là "
            f"{number(reached, lang)} người, bằng hoặc cao hơn mục tiêu."
            if vi
            else f"The target is already reached: the figure for "
            f"{period(reached.start, reached.end, lang)} is {number(reached, lang)}, at or "
            "above it."
        )
    elif probability is not None:
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
    warnings
        The result's notes (helpers.notes.Note): a Vietnamese paragraph shows their ``.vi``
        text, a plain string is shown as written.
    net
        (months after, estimate, low, high) of campaign enrolees still enrolled.
    """
    vi = lang == "vi"
    why = in_language(warnings, lang)
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


def its_diagnostics(diagnostics: dict, *, lang: str = "vi") -> str:
    """One sentence listing what was checked: months before and after, residual tests, method."""
    vi = lang == "vi"

    def num(key: str, decimals: int) -> str | None:
        value = diagnostics.get(key)
        return None if value is None else format_number(float(value), lang, decimals=decimals)

    parts = []
    if diagnostics.get("n_pre") is not None:
        parts.append(
            f"{diagnostics['n_pre']} tháng trước và {diagnostics.get('n_post', '?')} tháng từ "
            "can thiệp đầu tiên"
            if vi
            else f"{diagnostics['n_pre']} months before and {diagnostics.get('n_post', '?')} "
            "from the first intervention"
        )
    for key, vi_name, en_name, decimals in (
        ("ljung_box_p", "Ljung-Box p", "Ljung-Box p", 2),
        ("dispersion", "độ phân tán", "dispersion", 2),
        ("acf_lag12", "tự tương quan phần dư ở trễ 12", "residual autocorrelation at lag 12", 2),
    ):
        value = num(key, decimals)
        if value is not None:
            parts.append(f"{vi_name if vi else en_name} = {value}")
    if not parts:
        return ""
    method = diagnostics.get("method")
    head = "Kiểm tra mô hình: " if vi else "Model checks: "
    tail = f" ({method})" if method else ""
    return head + "; ".join(parts) + tail + "."


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
