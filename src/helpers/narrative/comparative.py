"""Sentences of the report's "compared with other provinces" section: design names, effects as
changes, whether the designs agree with the ITS, and why a design gave no estimate.

Every number comes in as an argument; nothing here computes. The designs' own warnings and
refusals (Notes with stable codes) are in ``helpers.effects.comparative_notes``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from helpers.notes import in_language
from helpers.text import format_percent

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


def province_level(province: str, place: str, lang: str = "en") -> str:
    """Why a district report's comparison is about its province: the designs compare
    province totals, so they are not set against the district's own ITS estimate."""
    if lang == "vi":
        return (f"Các thiết kế so sánh dùng số liệu cấp tỉnh: phần này so sánh tỉnh {province} "
                f"với các tỉnh khác, không riêng {place}, nên không đối chiếu với ước lượng ITS "
                f"của {place} ở trên.")
    return (f"The comparative designs work on province totals: this part compares {province} "
            f"province with other provinces, not {place} alone, so it is not set against "
            f"{place}'s ITS estimate above.")


def no_own_campaign(lang: str = "en") -> str:
    """The province has no dated campaign window inside the panel to compare."""
    return ("Tỉnh không có đợt vận động có ngày tháng trong thời gian có số liệu hàng tháng, "
            "nên chỉ có nghiên cứu sự kiện trên mọi tỉnh." if lang == "vi" else
            "The province has no dated campaign within the panel's months, so only the event "
            "study over all provinces is shown.")


def refused(design: str, reasons: Sequence[str], lang: str = "en") -> str:
    """Why one design gave no estimate, e.g. "Synthetic control: not estimated (…)"."""
    name = design_name(design, lang)
    name = name[0].upper() + name[1:]
    why = in_language(reasons, lang)
    return (f"{name}: không ước lượng ({why})" if lang == "vi" else
            f"{name}: not estimated ({why})")


def not_analysed(reason: str, lang: str = "en") -> str:
    """The comparison could not be run: "Not analysed: <the error's sentence>"."""
    return ("Không phân tích được: " if lang == "vi" else "Not analysed: ") + reason


def caveats(design: str, reasons: Sequence[str], lang: str = "en") -> str:
    """A design's caveats, e.g. "Event study, caveats: …" (empty when there are none)."""
    if not reasons:
        return ""
    name = design_name(design, lang)
    name = name[0].upper() + name[1:]
    head = "lưu ý" if lang == "vi" else "caveats"
    return f"{name}, {head}: {in_language(reasons, lang)}"
