"""What the report sections share: the Section result, labels in both languages, and the
selection and display of facts rows (values, periods, quotes and flags as a reader sees them).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from helpers import narrative
from helpers.errors import BhxhError
from helpers.narrative import Quantity
from helpers.text import fold

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
    "evidence": ("9. Nguồn số liệu", "9. Evidence"),
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

        return guarded

    return wrap


def _i(lang: str) -> int:
    return 0 if lang == "vi" else 1


def _title(key: str, lang: str) -> str:
    return TITLES[key][_i(lang)]


def quantity(row: pd.Series) -> Quantity:
    """The Quantity of one facts row."""
    return Quantity(
        float(row["value"]),
        str(row["qualifier"]),
        narrative.day(row["period_start"]),
        narrative.day(row["period_end"]),
    )


def select(
    facts: pd.DataFrame,
    indicator: str,
    *,
    is_target: bool = False,
    scheme: str = SCHEME,
    province_level: bool = True,
) -> pd.DataFrame:
    """Rows of one indicator, province level (no district/commune) unless told otherwise."""
    rows = facts[
        (facts["indicator"] == indicator)
        & (facts["is_target"] == is_target)
        & (facts["scheme"] == scheme)
    ]
    if province_level:
        rows = rows[(rows["district"] == "") & (rows["commune"] == "")]
    return rows


def _dated_stocks(facts: pd.DataFrame) -> pd.DataFrame:
    stocks = select(facts, "participants").dropna(subset=["period_end"])
    # Several figures may carry the same date: keep the most exact, then the one stated last
    # in its article (a sentence usually arrives at the newer figure); the others stay listed
    # in the evidence section with their flags.
    rank = stocks["qualifier"].map({"exact": 0}).fillna(1)
    stocks = stocks.assign(_rank=rank).sort_values(
        ["period_end", "_rank", "fact_id"], ascending=[True, True, False]
    )
    return stocks.drop_duplicates(["province", "period_end"]).drop(columns="_rank")


def stock_conflicts(facts: pd.DataFrame) -> list[tuple[object, list[float]]]:
    """Dates for which the province-level stocks disagree: (date, distinct values) pairs."""
    stocks = select(facts, "participants").dropna(subset=["period_end"])
    values = stocks.groupby("period_end")["value"].unique()
    return [(when, sorted(v)) for when, v in values.items() if len(v) > 1]


_YEAR_EARLIER = ("cao diem", "cung ky", "nam truoc", "cung dot", "thang van dong")


def _compares_year_earlier(quote: str) -> bool:
    """Whether a change figure's sentence compares with a campaign or period a year earlier
    (not, say, with the situation before a directive)."""
    folded = fold(quote)
    after = folded.split("so voi", 1)[1] if "so voi" in folded else ""
    return any(word in after for word in _YEAR_EARLIER)


def _same_period(rows: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    start, end = row["period_start"], row["period_end"]
    same_start = rows["period_start"].isna() if pd.isna(start) else rows["period_start"] == start
    same_end = rows["period_end"].isna() if pd.isna(end) else rows["period_end"] == end
    return rows[same_start & same_end & (rows["province"] == row["province"])]


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
            cols["period"]: [
                narrative.period(s, e, lang)
                for s, e in zip(facts["period_start"], facts["period_end"], strict=True)
            ],
            cols["article_id"]: facts["article_id"],
            cols["quote"]: facts["quote"],
            cols["flags"]: [flag_words(f, lang) for f in facts["flags"]],
        }
    ).reset_index(drop=True)
    # Long quotes make tables unreadable on a phone: the view shows these rows as cards.
    table.attrs["cards"] = True
    return table
