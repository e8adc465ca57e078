"""Sentences of the press-figure indicators (``helpers.indicators``): what each figure shows.

``PressIndicator.describe`` hands off here; one function per result ``kind``, registered in
``SENTENCES_BY_KIND``. Numbers arrive on the result; this module only words them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from helpers.narrative.words import BOUND_WORDS, SCHEME_WORDS
from helpers.text import format_date, format_number, format_percent


def _n(x: float | None, lang: str, decimals: int = 0) -> str:
    return "—" if x is None else format_number(x, lang=lang, decimals=decimals)


def _p(x: float | None, lang: str) -> str:
    return "—" if x is None else format_percent(x, lang=lang, decimals=1)


def _d(d: date | None, lang: str) -> str:
    return "?" if d is None else format_date(d, lang=lang)


def _bound_of(qualifier: str) -> str:
    # Imported here: helpers.indicators imports this package's words at load time.
    from helpers.indicators.results import bound_of

    return bound_of(qualifier)


def _growth(r: Any, lang: str) -> str:
    b = BOUND_WORDS[lang][r.bound]
    if lang == "vi":
        text = (
            f"Từ {_n(r.start_value, lang)} người ({_d(r.start, lang)}) lên "
            f"{_n(r.end_value, lang)} người ({_d(r.end, lang)}): tăng {b}"
            f"{_n(r.absolute, lang)} người ({_p(r.pct, lang)})"
        )
        if r.cagr_pct is not None:
            text += f", bình quân {_p(r.cagr_pct, lang)}/năm"
    else:
        text = (
            f"From {_n(r.start_value, lang)} ({_d(r.start, lang)}) to "
            f"{_n(r.end_value, lang)} ({_d(r.end, lang)}): {b}"
            f"{_n(r.absolute, lang)} more ({_p(r.pct, lang)})"
        )
        if r.cagr_pct is not None:
            text += f", {_p(r.cagr_pct, lang)} a year compounded"
    return text + "."


def _attainment(r: Any, lang: str) -> str:
    b = BOUND_WORDS[lang][r.bound]
    if lang == "vi":
        text = f"Đạt {b}{_p(r.pct, lang)} kế hoạch (đến {_d(r.period_end, lang)})"
        if r.achieved is not None and r.planned is not None:
            text += f": {_n(r.achieved, lang)} trên {_n(r.planned, lang)} người"
    else:
        text = f"{b}{_p(r.pct, lang)} of plan (to {_d(r.period_end, lang)})"
        text = text[0].upper() + text[1:]
        if r.achieved is not None and r.planned is not None:
            text += f": {_n(r.achieved, lang)} against {_n(r.planned, lang)} planned"
    return text + "."


def _campaign_share(r: Any, lang: str) -> str:
    b = BOUND_WORDS[lang][r.bound]
    if lang == "vi":
        return (
            f"Đợt vận động đến {_d(r.campaign_end, lang)} phát triển mới "
            f"{_n(r.new_participants, lang)} người, bằng {b}{_p(r.share_pct, lang)} "
            f"mức tăng ròng năm {r.year} ({_n(r.net_change, lang)} người); vì vẫn có "
            "người dừng đóng, tỷ lệ này không phải phần tăng do chiến dịch tạo ra."
        )
    return (
        f"The campaign to {_d(r.campaign_end, lang)} enrolled "
        f"{_n(r.new_participants, lang)} people, {b}{_p(r.share_pct, lang)} of the "
        f"{r.year} net change ({_n(r.net_change, lang)}); members also leave, so this "
        "is not the share of growth the campaign caused."
    )


def _campaign_yoy(r: Any, lang: str) -> str:
    if lang == "vi":
        text = (
            f"Đợt đến {_d(r.period_end, lang)} phát triển mới {_n(r.current, lang)} "
            f"người, tăng {_n(r.difference, lang)} người ({_p(r.pct, lang)}) so với "
            f"cùng đợt năm trước ({_n(r.previous, lang)} người)"
        )
        if r.previous_is_implied:
            text += "; số năm trước suy ra từ mức chênh lệch báo chí nêu"
    else:
        text = (
            f"The campaign to {_d(r.period_end, lang)} enrolled "
            f"{_n(r.current, lang)}, {_n(r.difference, lang)} "
            f"({_p(r.pct, lang)}) more than the same campaign a year earlier "
            f"({_n(r.previous, lang)})"
        )
        if r.previous_is_implied:
            text += "; last year's figure is implied by the reported difference"
    return text + "."


def _retention(r: Any, lang: str) -> str:
    b = BOUND_WORDS[lang][r.bound]
    if lang == "vi":
        return (
            f"Đến {_d(r.period_end, lang)}: {_n(r.new_participants, lang)} người mới, "
            f"{_n(r.dropouts, lang)} người giảm ({b}{_p(r.dropout_ratio_pct, lang)} số "
            f"mới), tăng ròng {_n(r.net, lang)} người. Người giảm gồm cả người chuyển "
            "sang BHXH bắt buộc hoặc hưởng hưu, không chỉ người mới tham gia."
        )
    return (
        f"To {_d(r.period_end, lang)}: {_n(r.new_participants, lang)} new, "
        f"{_n(r.dropouts, lang)} dropped out ({b}{_p(r.dropout_ratio_pct, lang)} of "
        f"new), net {_n(r.net, lang)}. Drop-outs include moves to compulsory insurance "
        "and retirements, and are not only the new enrolees."
    )


def _productivity(r: Any, lang: str) -> str:
    parts = []
    for row in r.table.itertuples():
        b = BOUND_WORDS[lang][row.bound]
        per = _n(row.per_event, lang, decimals=0 if float(row.per_event).is_integer() else 1)
        if lang == "vi":
            unit = "ngày ra quân" if row.event_kind == "launch_day" else "hội nghị"
            parts.append(f"{b}{per} người/{unit} ({_d(row.period_end, lang)})")
        else:
            unit = "launch day" if row.event_kind == "launch_day" else "event"
            parts.append(f"{b}{per} enrolees per {unit} ({_d(row.period_end, lang)})")
    return "; ".join(parts) + "."


def _coverage(r: Any, lang: str) -> str:
    parts = []
    if r.computed_pct is not None:
        if lang == "vi":
            parts.append(
                f"{_n(r.participants, lang)} người tham gia trên "
                f"{_n(r.labour_force, lang)} lao động = {_p(r.computed_pct, lang)} "
                f"({_d(r.as_of, lang)})"
            )
        else:
            parts.append(
                f"{_n(r.participants, lang)} participants of a labour force of "
                f"{_n(r.labour_force, lang)} = {_p(r.computed_pct, lang)} "
                f"({_d(r.as_of, lang)})"
            )
    for row in r.reported.itertuples():
        if lang == "vi":
            what = "mục tiêu" if row.is_target else "đạt"
        else:
            what = "target" if row.is_target else "reported"
        b = BOUND_WORDS[lang][_bound_of(row.qualifier)]
        scheme = SCHEME_WORDS[lang].get(row.scheme, row.scheme)
        parts.append(f"{what} {b}{_p(row.value, lang)} ({scheme}, {_d(row.period_end, lang)})")
    return "; ".join(parts) + "."


def _stock_aggregate(r: Any, lang: str) -> str:
    names = ", ".join(r.members)
    n, apart = len(r.summed), len(r.side_by_side)
    if lang == "vi":
        text = f"{r.province_2025} (gồm {names}): cộng được {n} thời điểm có đủ số liệu"
        if apart:
            text += f"; {apart} thời điểm chỉ một số tỉnh cũ có số liệu, để riêng, không cộng"
    else:
        text = f"{r.province_2025} (formerly {names}): {n} dates with all members reported"
        if apart:
            text += f"; {apart} dates reported by only some, shown side by side, not added"
    return text + "."


def _local_shares(r: Any, lang: str) -> str:
    top = r.table.iloc[0]
    value = format_number(top["value"], lang)
    if lang == "vi":
        text = f"{len(r.table)} địa phương, cao nhất {top['name']} ({value})"
        if r.named_share_pct is not None:
            text += f", cộng lại {format_percent(r.named_share_pct, lang)} của tỉnh"
    else:
        text = f"{len(r.table)} places, highest {top['name']} ({value})"
        if r.named_share_pct is not None:
            text += f", together {format_percent(r.named_share_pct, lang)} of the province"
    return text + "."


def _projection(r: Any, lang: str) -> str:
    level = f"{(1 - r.alpha) * 100:g}%"
    if lang == "vi":
        text = (
            f"Theo xu hướng của {r.n_points} số liệu ({_p(r.annual_growth_pct, lang)}"
            f"/năm), đến {_d(r.target_date, lang)} ước khoảng {_n(r.predicted, lang)} "
            f"người (khoảng dự báo {level}: {_n(r.pi_low, lang)}–{_n(r.pi_high, lang)})"
            f" so với mục tiêu {_n(r.target_value, lang)}"
        )
        if r.reached_on:
            text += f"; mục tiêu đã đạt từ {_d(r.reached_on, lang)}"
        elif r.implied_date:
            text += f"; theo xu hướng sẽ đạt khoảng {_d(r.implied_date, lang)}"
    else:
        text = (
            f"On the trend of {r.n_points} reported figures "
            f"({_p(r.annual_growth_pct, lang)} a year), the stock at "
            f"{_d(r.target_date, lang)} would be about {_n(r.predicted, lang)} "
            f"({level} prediction interval {_n(r.pi_low, lang)}–{_n(r.pi_high, lang)})"
            f" against a target of {_n(r.target_value, lang)}"
        )
        if r.reached_on:
            text += f"; the target was already reported reached on {_d(r.reached_on, lang)}"
        elif r.implied_date:
            text += f"; the trend reaches it around {_d(r.implied_date, lang)}"
    return text + "."


SENTENCES_BY_KIND = {
    "growth": _growth,
    "attainment": _attainment,
    "campaign_share": _campaign_share,
    "campaign_yoy": _campaign_yoy,
    "retention": _retention,
    "productivity": _productivity,
    "coverage": _coverage,
    "stock_aggregate": _stock_aggregate,
    "local_shares": _local_shares,
    "projection": _projection,
}


def describe(result: Any, lang: str = "en") -> str:
    """One or two sentences for a press-figure result, in Vietnamese ("vi") or English.

    A refused result gives its reason; a computed one the sentence of its ``kind``.
    """
    if result.status != "ok":
        label = "Không tính được" if lang == "vi" else "Not computed"
        why = result.reason_vi if lang == "vi" and result.reason_vi else result.reason
        return f"{label}: {why}"
    return SENTENCES_BY_KIND[result.kind](result, lang)
