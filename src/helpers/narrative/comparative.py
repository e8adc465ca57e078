"""Sentences of the comparison with other provinces: the comparative designs' warnings and
refusals (Notes with stable codes) and the report's "compared with other provinces" paragraph.

Every number comes in as an argument; nothing here computes.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from helpers.notes import Note, in_language
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


_DESIGN_NAMES = {
    "its": {"en": "interrupted time series", "vi": "chuỗi thời gian gián đoạn"},
    "synthetic_control": {"en": "synthetic control", "vi": "đối chứng tổng hợp"},
    "synthetic_did": {"en": "synthetic DiD", "vi": "DiD tổng hợp"},
    "event_study": {"en": "event study", "vi": "nghiên cứu sự kiện"},
}


def design_name(design: str, lang: str = "en") -> str:
    """The name of a design ("its", "synthetic_control", "synthetic_did", "event_study")."""
    return _DESIGN_NAMES[design][lang]


def ratio_change(ratio: float, lang: str) -> str:
    """A ratio as a signed change: 1.25 → "+25%", 0.9 → "−10%"; unbounded ends as "∞"."""
    if not np.isfinite(ratio) or ratio <= 0:
        return "∞" if ratio > 0 else "−100%"
    change = (ratio - 1) * 100
    return ("+" if change >= 0 else "−") + format_percent(abs(change), lang, 0)


def design_effect(ratio: float, low: float, high: float, lang: str) -> str:
    """"+25% (−3% to +60%)" / "+25% (−3% đến +60%)"."""
    joiner = " đến " if lang == "vi" else " to "
    return (f"{ratio_change(ratio, lang)} ({ratio_change(low, lang)}{joiner}"
            f"{ratio_change(high, lang)})")


def comparison_agreement(
    its_ratio: float | None,
    designs: Mapping[str, tuple[float, float, float] | None],
    lang: str = "en",
) -> str:
    """One sentence on whether the designs agree with the ITS on the common log scale.

    Parameters
    ----------
    its_ratio
        The ITS rate ratio of the campaign window (None when ITS was refused).
    designs
        Design key → (ratio, ci_low, ci_high), or None when that design was refused.
    lang
        "vi" or "en".
    """
    vi = lang == "vi"
    fitted = {k: v for k, v in designs.items() if v is not None}
    if not fitted:
        return ("Không thiết kế so sánh nào ước lượng được cho tỉnh này, nên không kiểm tra "
                "được kết quả ITS với các tỉnh khác." if vi else
                "No comparative design could be estimated for this province, so the ITS result "
                "cannot be checked against other provinces.")
    listed = ", ".join(f"{design_name(k, lang)} {design_effect(*v, lang)}"
                       for k, v in fitted.items())
    if its_ratio is None:
        return (f"So với các tỉnh khác: {listed}; không có ước lượng ITS để đối chiếu." if vi
                else f"Compared with other provinces: {listed}; there is no ITS estimate to set "
                "them against.")
    its = ratio_change(its_ratio, lang)
    agree = all(low <= its_ratio <= high for _, low, high in fitted.values())
    if agree:
        return (f"Trên cùng thang log, ITS ({its}) và các thiết kế so sánh với tỉnh khác "
                f"({listed}) thống nhất: mức tăng không phải do điều xảy ra ở mọi tỉnh cùng lúc."
                if vi else
                f"On the common log scale the ITS ({its}) and the comparisons with other "
                f"provinces ({listed}) agree: the change is not explained by what happened in "
                "every province at the same time.")
    return (f"Trên cùng thang log, ITS ({its}) và các thiết kế so sánh với tỉnh khác ({listed}) "
            "không thống nhất: một phần thay đổi mà ITS gán cho chiến dịch cũng xảy ra ở các "
            "tỉnh không có chiến dịch (cú sốc chung), vì vậy các ước lượng so sánh đáng tin hơn."
            if vi else
            f"On the common log scale the ITS ({its}) and the comparisons with other provinces "
            f"({listed}) disagree: part of what the ITS credits to the campaign also happened in "
            "provinces without one (a common shock), so the comparisons are the better guide.")


TITLE = {"vi": "So sánh với các tỉnh khác", "en": "Compared with other provinces"}
TABLE_HEAD = {
    "vi": ("Thiết kế", "Phạm vi", "Thay đổi (KTC 95%)", "p"),
    "en": ("Design", "Scope", "Change (95% CI)", "p"),
}
SCOPES = {
    "province": {"vi": "tỉnh này", "en": "this province"},
    "all": {"vi": "mọi tỉnh có chiến dịch", "en": "all campaign provinces"},
}


def no_own_campaign(lang: str = "en") -> str:
    """The province has no dated campaign window inside the panel to compare."""
    return ("Tỉnh không có đợt vận động có ngày tháng trong thời gian có số liệu hàng tháng, "
            "nên chỉ có nghiên cứu sự kiện trên mọi tỉnh." if lang == "vi" else
            "The province has no dated campaign within the panel's months, so only the event "
            "study over all provinces is shown.")


def refused(design: str, reasons: list[str], lang: str = "en") -> str:
    """Why one design gave no estimate, e.g. "Synthetic control: not estimated (…)"."""
    name = design_name(design, lang)
    name = name[0].upper() + name[1:]
    why = in_language(reasons, lang)
    return (f"{name}: không ước lượng ({why})" if lang == "vi" else
            f"{name}: not estimated ({why})")


def not_analysed(reason: str, lang: str = "en") -> str:
    """The comparison could not be run: "Not analysed: <the error's sentence>"."""
    return ("Không phân tích được: " if lang == "vi" else "Not analysed: ") + reason


def caveats(design: str, reasons: list[str], lang: str = "en") -> str:
    """A design's caveats, e.g. "Event study, caveats: …" (empty when there are none)."""
    if not reasons:
        return ""
    name = design_name(design, lang)
    name = name[0].upper() + name[1:]
    head = "lưu ý" if lang == "vi" else "caveats"
    return f"{name}, {head}: {in_language(reasons, lang)}"
