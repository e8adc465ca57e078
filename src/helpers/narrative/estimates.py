"""Sentences of the monthly-panel estimates: an effect, an ITS fit, a recurring campaign, the
enrolees who stayed, and the chance of reaching a target.

``describe()`` of ``helpers.effects`` and ``helpers.forecast`` results hands off here; the
results carry numbers and coded notes, this module words them in Vietnamese or English.
"""

from __future__ import annotations

from typing import Any

from helpers.notes import in_language
from helpers.text import format_number, format_percent

#: How a p-value under this bound is written: "p < 0.001", never "p = 0.000".
P_FLOOR = 0.001


def _signed(x: float, lang: str, *, percent: bool = False) -> str:
    """A change with its sign, whole units: "+50%", "−1.234" (vi) / "−1,234" (en)."""
    text = (format_percent if percent else format_number)(abs(x), lang, 0)
    return ("+" if x >= 0 else "−") + text


def p_value(p: float, lang: str) -> str:
    """ "p < 0,001" / "p = 0,052": a p-value as a reader expects it."""
    if p < P_FLOOR:
        return "p < " + format_number(P_FLOOR, lang, 3)
    return "p = " + format_number(p, lang, 3)


def effect(e: Any, lang: str = "en", *, level: float = 0.95) -> str:
    """The effect in words, e.g. "+50% (95% CI +32% to +70%; p = 0.001)"."""
    pct = f"{level * 100:.0f}%"
    if e.scale == "rate_ratio":
        parts = [_signed((v - 1) * 100, lang, percent=True) for v in (e.estimate, e.ci_low,
                                                                    e.ci_high)]
    else:
        parts = [_signed(v, lang) for v in (e.estimate, e.ci_low, e.ci_high)]
    p = p_value(e.p_value, lang)
    if lang == "vi":
        return f"{parts[0]} (KTC {pct}: {parts[1]} đến {parts[2]}; {p})"
    return f"{parts[0]} ({pct} CI {parts[1]} to {parts[2]}; {p})"


def _caveats(warnings: list[str], lang: str, *, lead: str = "") -> str:
    if not warnings:
        return ""
    return lead + ("Lưu ý: " if lang == "vi" else "Caveats: ") + in_language(warnings, lang)


def _refused(warnings: list[str], lang: str) -> str:
    head = "Không ước lượng tác động: " if lang == "vi" else "No effect estimated: "
    return head + in_language(warnings, lang)


def its(result: Any, lang: str = "en") -> str:
    """A short paragraph on an ``ITSResult``: each effect, the extra people, the caveats."""
    vi = lang == "vi"
    if result.status == "refuse":
        return _refused(result.warnings, lang)
    sentences = []
    kind = "tỷ lệ đăng ký mới" if vi else "new enrolments"
    for name, eff in result.effects.items():
        quoted = f"«{name}»" if vi else f"'{name}'"
        sentences.append(f"{quoted}: {kind} {effect(eff, lang, level=result.level)}.")
    if result.extra_enrolments is not None:
        extra = result.extra_enrolments
        mid, lo, hi = (format_number(v, lang) for v in (extra.estimate, extra.ci_low,
                                                        extra.ci_high))
        sentences.append(
            f"Số người tăng thêm so với kịch bản không có chiến dịch: {mid} (khoảng {lo} đến "
            f"{hi})." if vi
            else f"Extra people compared with no campaign: {mid} (interval {lo} to {hi})."
        )
    if result.warnings:
        sentences.append(_caveats(result.warnings, lang))
    return " ".join(sentences)


def recurring(result: Any, lang: str = "en") -> str:
    """A short paragraph on a ``RecurringResult``: pooled effect, rebound, then the caveats."""
    vi = lang == "vi"
    if result.status == "refuse" or result.pooled is None:
        return _refused(result.warnings, lang)
    text = (f"Tháng chiến dịch (gộp các năm): {effect(result.pooled, lang)}." if vi
            else f"Campaign month (all years pooled): {effect(result.pooled, lang)}.")
    if result.rebound is not None:
        text += (f" Các tháng sau chiến dịch: {effect(result.rebound, lang)}." if vi
                 else f" Months after the campaign: {effect(result.rebound, lang)}.")
    return text + _caveats(result.warnings, lang, lead=" ")


def net(result: Any, lang: str = "en") -> str:
    """How many campaign enrolees of a ``NetEffect`` stayed, horizon by horizon."""
    vi = lang == "vi"
    if result.status == "refuse":
        return ("Không ước lượng: " if vi else "Not estimated: ") + in_language(
            result.warnings, lang)
    parts = []
    for horizon, eff in result.stayed.items():
        mid, lo, hi = (format_number(v, lang) for v in (eff.estimate, eff.ci_low, eff.ci_high))
        parts.append(f"sau {horizon} tháng còn khoảng {mid} người ({lo}–{hi})" if vi
                     else f"about {mid} still enrolled after {horizon} months ({lo}–{hi})")
    head = ("Trong số người tăng thêm nhờ chiến dịch, " if vi
            else "Of the campaign's extra enrolees, ")
    text = head + "; ".join(parts) + "."
    if result.assumptions:
        text += (" Giả định: " if vi else " Assumes: ") + in_language(result.assumptions, lang)
    return text + _caveats(result.warnings, lang, lead=" ")


def target_chance(result: Any, lang: str = "en") -> str:
    """One sentence on a ``TargetProbability``; a target already reached is said to be."""
    vi = lang == "vi"
    if result.status != "ok":
        label = "Không ước tính được" if vi else "Not estimated"
        return f"{label}: {result.reason_vi if vi else result.reason}"
    month = result.by.strftime("%m/%Y")
    target = format_number(result.target, lang=lang)
    method = getattr(result.method, "vi", result.method) if vi else str(result.method)
    reached = any(getattr(w, "code", None) == "TARGET_ALREADY_MET" for w in result.warnings)
    if reached:
        last = format_number(float(result.observed.iloc[-1]), lang=lang)
        return (f"Mục tiêu {target} người đã đạt: tháng số liệu cuối cùng có {last} người; "
                f"theo mô phỏng, số người vẫn ở trên mục tiêu vào tháng {month} với xác suất "
                f"khoảng {round(result.probability * 100)}% ({method})." if vi
                else f"The target of {target} participants is already reached: the last month "
                f"has {last}; in the simulations the stock is still above it in {month} with a "
                f"probability of about {round(result.probability * 100)}% ({method}).")
    pct = round(result.probability * 100)
    if vi:
        return f"Xác suất đạt {target} người vào tháng {month}: khoảng {pct}% ({method})."
    return (f"Probability of reaching {target} participants by {month}: about {pct}% "
            f"({method}).")
