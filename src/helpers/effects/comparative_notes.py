"""Warnings and refusals of the comparative designs: bilingual Notes with stable codes and the
numbers behind them (synthetic control, synthetic DiD, event study).

The statistics layer cannot import ``helpers.narrative``, so the vocabulary sits here; the
report's own sentences are in ``helpers.narrative.comparative``.
"""

from __future__ import annotations

from helpers.notes import Note
from helpers.text import format_number, format_percent

_NOTES: dict[str, tuple[str, str]] = {
    "NO_PRE_PERIOD": (
        "The campaign starts in the panel's first period ({start}); there is no before to "
        "compare with.",
        "Chiến dịch bắt đầu ngay kỳ đầu tiên của bảng số liệu ({start}); không có giai đoạn "
        "trước để so sánh.",
    ),
    "SHORT_PRE_PERIOD": (
        "Only {n_pre} period(s) before the campaign; at least {minimum} are needed to build "
        "the comparison.",
        "Chỉ có {n_pre} kỳ trước chiến dịch; cần ít nhất {minimum} kỳ để dựng nhóm so sánh.",
    ),
    "TOO_FEW_DONORS": (
        "Only {n_donors} comparison unit(s) had no campaign at the time; at least {minimum} "
        "are needed.",
        "Chỉ có {n_donors} đơn vị so sánh không có chiến dịch vào thời điểm đó; cần ít nhất "
        "{minimum}.",
    ),
    "POOR_PRE_FIT": (
        "Before the campaign the synthetic comparison misses the unit by {share_en} of its "
        "mean (RMSPE); above {limit_en} it is not a credible comparison.",
        "Trước chiến dịch, nhóm so sánh tổng hợp lệch {share_vi} so với mức trung bình của "
        "đơn vị (RMSPE); quá {limit_vi} thì không còn là so sánh đáng tin cậy.",
    ),
    "INTERVAL_UNBOUNDED": (
        "With {n_donors} comparison units the placebo test cannot reach the {level_en} level, "
        "so the interval is unbounded.",
        "Với {n_donors} đơn vị so sánh, kiểm định giả dược không thể đạt mức {level_vi}, nên "
        "khoảng tin cậy không bị chặn.",
    ),
    "NO_CONTROLS": (
        "No unit was without a campaign when the others had theirs (every unit treated at "
        "once); there is nothing to compare with.",
        "Không có đơn vị nào không có chiến dịch khi các đơn vị khác triển khai (tất cả cùng "
        "lúc); không có gì để so sánh.",
    ),
    "DROPPED_NO_PRE": (
        "{n} unit(s) start their campaign in the panel's first period and are left out: "
        "{units}.",
        "{n} đơn vị bắt đầu chiến dịch ngay kỳ đầu tiên nên bị loại: {units}.",
    ),
    "LATE_START": (
        "{n} unit(s) start their campaign after the panel ends and count as without a "
        "campaign: {units}.",
        "{n} đơn vị bắt đầu chiến dịch sau kỳ cuối của bảng số liệu nên được coi là không "
        "có chiến dịch: {units}.",
    ),
    "CELLS_WITHOUT_CONTROLS": (
        "{n} group-period effect(s) have no unit without a campaign to compare with and are "
        "not estimated.",
        "{n} tác động theo nhóm-kỳ không có đơn vị không chiến dịch để so sánh nên không được "
        "ước lượng.",
    ),
    "PRETREND": (
        "Before their campaigns, the campaign units already moved differently from the others "
        "(pre-trend test p = {p_en}); the comparison may be biased.",
        "Ngay trước chiến dịch, các đơn vị có chiến dịch đã biến động khác các đơn vị còn lại "
        "(kiểm định xu hướng trước p = {p_vi}); phép so sánh có thể bị lệch.",
    ),
    "PLACEBO_TIME": (
        "Fake campaign dates before the real one give effects as large as the estimate in "
        "{share_en} of cases; the effect may be ordinary variation.",
        "Các mốc chiến dịch giả trước mốc thật cho tác động lớn tương đương ước lượng trong "
        "{share_vi} trường hợp; tác động có thể chỉ là dao động thông thường.",
    ),
}


def comparative_note(code: str, **params: object) -> Note:
    """The Note for ``code`` (a key of the vocabulary above) with its numbers filled in.

    Numbers given as ``share``, ``limit``, ``level`` (fractions) and ``p`` are written in each
    language's format (15,2% / 15.2%).
    """
    en, vi = _NOTES[code]
    words = dict(params)
    for name in ("share", "limit", "level"):
        if name in params:
            value = float(params[name]) * 100  # type: ignore[arg-type]
            words[f"{name}_en"] = format_percent(value, "en", 1)
            words[f"{name}_vi"] = format_percent(value, "vi", 1)
    if "p" in params:
        words["p_en"] = format_number(float(params["p"]), "en", 3)  # type: ignore[arg-type]
        words["p_vi"] = format_number(float(params["p"]), "vi", 3)  # type: ignore[arg-type]
    return Note(en.format(**words), vi.format(**words), code=code, params=dict(params))



