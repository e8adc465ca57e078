"""The shared vocabulary of the narrative: numbers with their qualifiers, periods as people write
them, scheme names, and the one-line sentences for missing data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from helpers.text import format_date, format_number, format_percent

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
#: The reminder every press-figure result carries.
NOT_CAUSAL = {
    "en": "Descriptive press figures; they do not show what the campaign caused.",
    "vi": "Số liệu mô tả từ báo chí; không cho thấy tác động nhân quả của chiến dịch.",
}
SCHEME_WORDS = {
    "vi": {"voluntary_si": "BHXH tự nguyện", "household_hi": "BHYT hộ gia đình",
           "compulsory_si": "BHXH bắt buộc", "social_insurance": "BHXH",
           "health_insurance": "BHYT", "unemployment_insurance": "BHTN",
           "mixed": "BHXH tự nguyện và BHYT hộ gia đình"},
    "en": {"voluntary_si": "voluntary SI", "household_hi": "household HI",
           "compulsory_si": "compulsory SI", "social_insurance": "all social insurance",
           "health_insurance": "health insurance", "unemployment_insurance": "unemployment "
           "insurance", "mixed": "voluntary SI and household HI together"},
}
PRESS = {"vi": "Theo số liệu báo chí", "en": "According to press reports"}
#: How a figure built from qualified values reads, by its bound (helpers.indicators.bound_of):
#: "nearly 1.400" enrolees over "more than 140" conferences is at most 10 per conference.
BOUND_WORDS = {
    "vi": {"exact": "", "approx": "khoảng ", "upper_bound": "tối đa ", "lower_bound": "ít nhất "},
    "en": {"exact": "", "approx": "about ", "upper_bound": "at most ", "lower_bound": "at least "},
}


@dataclass(frozen=True)
class Quantity:
    """A number as reported: value, how exact it is, and the period it covers.

    ``said`` holds the article's own words for a period its dates cannot carry ("2 tháng cao
    điểm của năm 2022 và 2023": two windows, not the two whole years the dates span).
    """

    value: float
    qualifier: str = "exact"
    start: date | None = None
    end: date | None = None
    said: str = ""


def day(d: object) -> date | None:
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
    s, e = day(start), day(end)
    vi = lang == "vi"
    if s is None and e is None:
        return "(không rõ thời điểm)" if vi else "(date unknown)"
    if s is None:
        assert e is not None  # both missing returned above
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


def flow_period(start: object, end: object, lang: str) -> str:
    """The period of a flow (new members, drop-outs, events): one with only an end date ran up
    to it from a start the article does not give ("trong hơn một tháng qua"), so it is not
    worded as a single day."""
    e = day(end)
    if day(start) is None and e is not None:
        if lang == "vi":
            return f"đến ngày {format_date(e, lang)} (không rõ ngày bắt đầu)"
        return f"up to {format_date(e, lang)} (start not stated)"
    return period(start, end, lang)


def flow_when(q: Quantity, lang: str) -> str:
    """The period of a flow as the article words it: its own words when the dates cannot carry
    them ("trong 2 tháng cao điểm của năm 2022 và 2023"), else `flow_period`."""
    if q.said and q.start is not None and q.end is not None:
        if lang == "vi":
            return f"trong {q.said}"
        return f"in {q.start.year} and {q.end.year} (the article: “{q.said}”)"
    if q.said and q.end is not None:
        if lang == "vi":
            return f"{q.said} (tính đến ngày {format_date(q.end, lang)})"
        return f"in the period up to {format_date(q.end, lang)} (the article: “{q.said}”)"
    return flow_period(q.start, q.end, lang)


def _as_of(q: Quantity, lang: str) -> str:
    text = period(q.start, q.end, lang)
    if q.start is None and q.end is not None and not text.startswith(("cuối", "the end")):
        if lang == "vi":
            return f"tính đến {text.removeprefix('ngày ')}"
        return f"as of {text.removeprefix('on ')}"
    if lang == "vi":
        return "đến " + text if text.startswith("cuối") else text
    return "at " + text if text.startswith("the end") else text


def _by(target: Quantity) -> str:
    """When an English target is due: "by the end of 2025", "by 30 June 2025"."""
    return _as_of(target, "en").replace("at the end", "by the end").replace("as of", "by")


def conflict(when: object, values: list[float], *, lang: str = "vi") -> str:
    """A sentence for figures that disagree on one date (the report keeps the one stated last
    in the article, the newer figure a sentence usually arrives at)."""
    listed = ", ".join(format_number(v, lang) for v in values)
    on = period(None, when, lang)
    if lang == "vi":
        return (
            f" Lưu ý: các bài báo cho {len(values)} số khác nhau ({listed}) cho cùng thời điểm "
            f"{on}; báo cáo dùng số được nêu sau cùng trong bài."
        )
    return (
        f" Note: the articles give {len(values)} different figures ({listed}) for {on}; the "
        "report uses the one stated last in the article."
    )


def no_data(what: str, lang: str) -> str:
    """One line for a section without data: "Chưa có số liệu về kênh vận động."."""
    return f"Chưa có số liệu về {what}." if lang == "vi" else f"No data on {what} yet."


def not_computed(reason: str, lang: str) -> str:
    """One line for a section whose model could not be fitted to data that passed validation."""
    if lang == "vi":
        return (
            f"Không tính được mục này từ số liệu hiện có ({reason}); hãy kiểm tra các giá trị "
            "bất thường trong số liệu hàng tháng."
        )
    return (
        f"This section could not be computed from the data ({reason}); check the monthly "
        "figures for unusual values."
    )


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
    return no_data("các chỉ số chính" if lang == "vi" else "the key figures", lang)


def no_panel(lang: str, place: str | None = None) -> str:
    """One line for the monthly-panel section when there is no monthly data (``place``: the
    district or commune of a report below the province)."""
    if lang == "vi":
        return (
            f"Chưa có số liệu hàng tháng chính thức cho {place or 'tỉnh này'}, nên chưa ước "
            "tính được tác động của các đợt vận động."
        )
    return (
        f"There are no official monthly data for {place or 'this province'}, so no campaign "
        "effect is estimated."
    )


def province_unit(name: str, kind: str = "tỉnh", lang: str = "vi") -> str:
    """A province with its type word: "tỉnh Bắc Giang", "thành phố Hà Nội" / "Hà Nội city".

    ``kind`` is "tỉnh" or "thành phố" (a centrally run city).
    """
    city = kind == "thành phố"
    bare = name.removeprefix("TP. ") if city else name
    if lang == "vi":
        return f"{'thành phố' if city else 'tỉnh'} {bare}"
    return f"{bare} {'city' if city else 'province'}"
