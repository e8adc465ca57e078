"""What the report sections share: the Section result, labels in both languages, and the
selection and display of facts rows (values, periods, quotes and flags as a reader sees them).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers import narrative
from helpers.errors import BhxhError
from helpers.narrative import Quantity

SCHEME = "voluntary_si"
TITLES = {
    "key_figures": ("1. Số liệu chính", "1. Key figures"),
    "trajectory": ("2. Số người tham gia so với mục tiêu", "2. Participants against targets"),
    "campaigns": ("3. Các đợt vận động", "3. Campaigns"),
    "retention": ("4. Duy trì: tham gia mới và giảm", "4. Retention: new members and drop-outs"),
    "channels": ("5. Kênh vận động", "5. Outreach channels"),
    "districts": ("6. Huyện, xã", "6. Districts and communes"),
    "outlook": ("7. Triển vọng đạt mục tiêu", "7. Outlook"),
    "its": ("8. Tác động ước tính từ số liệu hàng tháng", "8. Effects estimated from monthly data"),
    "other": ("9. Các số liệu khác trong bài báo", "9. Other figures in the articles"),
    "national": ("4. Số liệu toàn quốc trong các bài báo", "4. National figures in the articles"),
    "evidence": ("10. Nguồn: các bài báo", "10. Sources: the articles"),
    "not_used": (
        "Phụ lục: số liệu không dùng và lý do",
        "Appendix: figures not used, and why",
    ),
}
COLUMNS = {
    "vi": {
        "indicator": "Chỉ số",
        "value": "Số liệu",
        "period": "Thời gian",
        "article_id": "Bài báo",
        "quote": "Trích dẫn",
        "flags": "Lưu ý",
        "province": "Tỉnh",
        "name": "Tên",
        "kind": "Loại",
        "district": "Huyện/xã",
        "share": "Tỷ trọng",
    },
    "en": {
        "indicator": "Indicator",
        "value": "Value",
        "period": "Period",
        "article_id": "Article",
        "quote": "Quote",
        "flags": "Flags",
        "province": "Province",
        "name": "Name",
        "kind": "Kind",
        "district": "District/commune",
        "share": "Share",
    },
}
INDICATOR_NAMES = {
    "participants": ("Người tham gia", "Participants"),
    "new_participants": ("Tham gia mới", "New members"),
    "dropouts": ("Giảm, dừng đóng", "Drop-outs"),
    "net_change": ("Thay đổi", "Net change"),
    "attainment_pct": ("% kế hoạch", "% of plan"),
    "growth_pct": ("Tăng trưởng %", "Growth %"),
    "growth_ratio": ("Số lần", "Multiple"),
    "coverage_pct": ("% bao phủ", "Coverage %"),
    "events": ("Hội nghị, sự kiện", "Events"),
    "people_reached": ("Lượt tiếp cận", "People reached"),
}
KIND_NAMES = {
    "vi": {
        "directive": "Chỉ thị",
        "plan": "Kế hoạch",
        "campaign_month": "Tháng vận động",
        "peak_campaign": "Đợt cao điểm",
        "launch_event": "Lễ ra quân",
        "conference": "Hội nghị",
    },
    "en": {
        "directive": "Directive",
        "plan": "Plan",
        "campaign_month": "Campaign month",
        "peak_campaign": "Peak campaign",
        "launch_event": "Launch day",
        "conference": "Conferences",
    },
}
# Data-quality flags of the facts contract in plain words; unknown flags are shown as written.
FLAG_WORDS = {
    "vi": {
        "implausible_year": "năm trong bài không hợp lệ (ví dụ 20225)",
        "no_publication_date": "bài không ghi ngày đăng",
        "publication_month_only": "chỉ biết tháng đăng bài",
        "no_period": "không rõ thời điểm",
        "period_carried": "thời điểm lấy từ câu trước",
        "open_end": "không rõ ngày kết thúc",
        "invalid_date": "ngày tháng không hợp lệ",
        "scheme_from_context": "loại bảo hiểm suy ra từ ngữ cảnh",
        "ambiguous_scheme": "không rõ loại bảo hiểm",
        "headline": "số liệu ở tít bài",
        "province_unknown": "không rõ tỉnh",
        "corrected": "đã hiệu đính thủ công",
        "approximate_start": "ngày bắt đầu là ước lượng",
        "separate_windows": "gồm các đợt riêng trong từng năm, không phải cả năm",
        "future_period": "thời điểm sau ngày đăng bài nên được hiểu là mục tiêu",
        "indicator_from_context": "chỉ tiêu suy ra từ câu trước",
        "scope_from_context": "phạm vi cả nước suy ra từ câu trước",
        "scope_by_size": "phạm vi cả nước: số người lớn hơn dân số mọi tỉnh",
        "place_carried": "địa phương lấy từ vế câu trước, người phát biểu hoặc số liệu được "
                         "nhắc lại",
        "place_each_listed": "số liệu của từng địa phương trong danh sách (\"đều\", "
                             "\"tương đương\")",
        "commune_in_both_maps": "tên xã mới trùng một xã cũ ở tỉnh khác",
        "many_provinces": "bài nêu rất nhiều tỉnh",
        "mixed_number_separators": "bài dùng lẫn hai kiểu dấu phân cách số",
        "district_kind_unknown": "bài không nói rõ là huyện hay thị xã, thành phố cùng tên",
    },
    "en": {
        "implausible_year": "implausible year in the text (e.g. 20225)",
        "no_publication_date": "article has no publication date",
        "publication_month_only": "only the publication month is known",
        "no_period": "no readable date",
        "period_carried": "date carried from the previous sentence",
        "open_end": "no end date",
        "invalid_date": "invalid date",
        "scheme_from_context": "scheme inferred from context",
        "ambiguous_scheme": "scheme unclear",
        "headline": "figure from the headline",
        "province_unknown": "province unknown",
        "corrected": "corrected by hand",
        "approximate_start": "approximate start date",
        "separate_windows": "separate windows in each year, not whole years",
        "future_period": "dated after publication, so read as a goal",
        "indicator_from_context": "indicator inferred from the previous sentence",
        "scope_from_context": "national scope carried from the previous sentence",
        "scope_by_size": "national scope: more people than any province has",
        "place_carried": "place taken from an earlier clause, its speaker or the figure "
                         "it repeats",
        "place_each_listed": "a rate given to each place of the list before it",
        "commune_in_both_maps": "new commune name also used by a former commune elsewhere",
        "many_provinces": "the article names very many provinces",
        "mixed_number_separators": "both number styles in one text",
        "district_kind_unknown": "the article does not say which of two units of this name "
                                 "(huyện, or thị xã / thành phố) it means",
    },
}
TARGET_WORD = (" (kế hoạch)", " (target)")


@dataclass
class Section:
    """One report section: what it found, in numbers, a table, a figure and words.

    ``status`` is "ok", "empty" (no data), "unavailable" (a helper module is missing) or
    "refuse" (the data cannot support the analysis; ``text`` says why).
    """

    key: str
    title: str
    text: str
    status: str = "ok"
    table: pd.DataFrame | None = None
    figure: object | None = None
    data: dict = field(default_factory=dict)
    fact_ids: list[str] = field(default_factory=list)
    #: Ready-made, already escaped HTML shown after the table (the sources list).
    html: str = ""


#: Failures of a statistical fit on data that passed validation (see `refusing_errors`).
NUMERIC_ERRORS = (np.linalg.LinAlgError, ArithmeticError, ValueError)


def refusing_errors(key: str):
    """Decorator: a toolkit error raised while computing section ``key`` (a model that cannot be
    fitted, data a helper rejects) becomes a "refuse" Section saying why, so one section cannot
    sink the whole report."""

    def wrap(build):
        @functools.wraps(build)
        def guarded(data, lang: str = "vi") -> Section:
            try:
                return build(data, lang)
            except BhxhError as exc:
                why = "Không phân tích được: " if lang == "vi" else "Not analysed: "
                return Section(key, _title(key, lang), f"{why}{exc}", status="refuse")
            except NUMERIC_ERRORS as exc:
                # Data the model cannot fit (a singular design, an overflow): the section says
                # so in one sentence and the rest of the report goes on.
                first = str(exc).splitlines()[0] if str(exc) else ""
                reason = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
                text = narrative.not_computed(reason, lang)
                return Section(key, _title(key, lang), text, status="refuse")

        return guarded

    return wrap


def empty_section(key: str, what: tuple[str, str], lang: str) -> Section:
    """Section ``key`` with nothing to show: "Chưa có số liệu về ..." / "No data on ... yet",
    ``what`` being the missing data in (Vietnamese, English)."""
    return Section(key, _title(key, lang), narrative.no_data(what[_i(lang)], lang), status="empty")


def _i(lang: str) -> int:
    return 0 if lang == "vi" else 1


def _title(key: str, lang: str) -> str:
    return TITLES[key][_i(lang)]


def quantity(row: pd.Series) -> Quantity:
    """The Quantity of one facts row.

    A start the extractor estimated (flag ``approximate_start``, e.g. one month before the
    date of "trong hơn một tháng qua") is not the article's: the report words the period as
    the article does and does not state the estimated day.
    """
    start, end = narrative.day(row["period_start"]), narrative.day(row["period_end"])
    if "approximate_start" in str(row.get("flags", "")).split(";"):
        start = None
    return Quantity(
        float(row["value"]),
        str(row["qualifier"]),
        start,
        end,
        said=years_said(str(row.get("quote", "")), start, end)
        or recent_said(str(row.get("quote", "")), start, end),
    )


_RECENT = re.compile(
    r"trong (?:hơn |gần |khoảng )?(?:một|hai|ba|\d+) (?:ngày|tuần|tháng|năm) qua", re.IGNORECASE
)


def recent_said(quote: str, start, end) -> str:
    """The article's words for a flow that ran up to its date from a start it does not give
    ("trong hơn một tháng qua"), so the period is worded as the article words it."""
    if start is not None or end is None:
        return ""
    found = _RECENT.search(quote)
    return found.group(0).lower() if found else ""


def years_said(quote: str, start, end) -> str:
    """The article's words for a period of several whole years named with "và" ("2 tháng cao
    điểm của năm 2022 và 2023"): months within those years, not the years end to end. Empty
    when the quote words the period as the dates do."""
    if start is None or end is None or end.year <= start.year:
        return ""
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return ""
    found = re.search(rf"[^,;.:]*?năm {start.year} và (?:năm )?{end.year}", quote)
    if not found:
        return ""
    phrase = found.group(0).split("trong ")[-1].strip()
    return phrase if not phrase.startswith("năm") else ""


def rows_of(facts: pd.DataFrame, ids: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The facts rows of ``ids``, in that order (how an indicator's provenance is shown)."""
    if len(ids) == 0:  # nothing asked (a place without press figures): the same empty rows
        return facts.iloc[0:0].reset_index(drop=True)
    # Each id's first row, by position: the rows `drop_duplicates("fact_id")` keeps, looked up
    # by id, without the de-duplicated copy and its index of ids (~0.5 ms a call, ~10 a report).
    first: dict[object, int] = {}
    for position, fact_id in enumerate(facts["fact_id"]):
        first.setdefault(fact_id, position)
    positions = [first[i] for i in ids if i in first]
    return facts.take(positions).reset_index(drop=True)


def one_row(facts: pd.DataFrame, ids: list[str], indicator: str, *, target: bool = False):
    """The row among ``ids`` of one indicator, achieved (or target), or None: which of an
    indicator result's facts is its plan, its result or its reported percent."""
    found = rows_of(facts, ids)
    found = found[(found["indicator"] == indicator) & (found["is_target"] == target)]
    return found.iloc[0] if not found.empty else None


def press_stocks(facts: pd.DataFrame, members: tuple[str, ...]) -> pd.DataFrame:
    """The facts rows of the stocks helpers.indicators.stock_series picks, one per former
    province and date (a disputed date keeps the figure stated last; key figures name the
    dispute), sorted by date. Former provinces are never added together here."""
    from helpers.indicators import stock_series

    chosen = [
        fid
        for name in members
        if (facts["province"] == name).any()
        for fid in stock_series(facts, province=name, conflicts="last_stated")["fact_id"]
    ]
    return rows_of(facts, chosen).sort_values("period_end", kind="stable", ignore_index=True)


def flag_words(flags: str, lang: str) -> str:
    """ "implausible_year;open_end" in plain words for the report's language."""
    words = FLAG_WORDS[lang]
    return "; ".join(words.get(f, f) for f in str(flags).split(";") if f)


def display_value(row: pd.Series, lang: str) -> str:
    """A facts value as printed: percents with their decimals, counts with their qualifier."""
    if str(row["indicator"]).endswith("_pct"):
        return narrative.percent(float(row["value"]), lang)
    if row["indicator"] == "growth_ratio":
        return narrative.number(quantity(row), lang) + (" lần" if lang == "vi" else "×")
    return narrative.number(quantity(row), lang)


def _fact_period(row: pd.Series, lang: str) -> str:
    """A row's period as its article words it (an undated stock: as of publication)."""
    from helpers.narrative.sources import fact_period
    from helpers.report.sources import publication_day

    q = quantity(row)
    when = publication_day(row.get("published", ""))
    return fact_period(str(row["indicator"]), q.start, q.end, when, lang, q.said)


def fact_table(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Display table of facts rows: indicator, value, period, article, quote, flags."""
    i = _i(lang)
    cols = COLUMNS[lang]
    table = pd.DataFrame(
        {
            cols["province"]: facts["province"],
            cols["indicator"]: [
                INDICATOR_NAMES[r.indicator][i] + (TARGET_WORD[i] if r.is_target else "")
                for r in facts.itertuples()
            ],
            cols["value"]: [display_value(r, lang) for _, r in facts.iterrows()],
            cols["period"]: [_fact_period(r, lang) for _, r in facts.iterrows()],
            cols["article_id"]: facts["article_id"],
            cols["quote"]: facts["quote"],
            cols["flags"]: [flag_words(f, lang) for f in facts["flags"]],
        }
    ).reset_index(drop=True)
    # Long quotes make tables unreadable on a phone: the view shows these rows as cards.
    table.attrs["cards"] = True
    return table
