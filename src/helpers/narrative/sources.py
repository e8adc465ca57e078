"""Sentences about where a figure comes from: its period as the article words it, its article
cited by number, the sources list, the figures shown nowhere else, and why a fact was not used.
"""

from __future__ import annotations

from datetime import date

from helpers.narrative.words import (
    SCHEME_NAMES,
    Quantity,
    _cap,
    flow_when,
    number,
    percent,
    period,
)
from helpers.text import format_date

#: Indicators that count what happened during a period (a flow), not a level on a date.
FLOWS = ("new_participants", "dropouts", "events", "people_reached", "net_change")
UNKNOWN = {"vi": "không rõ", "en": "unknown"}
#: Why a fact of the place is not used in a section (the ledger's reasons).
REASONS = {
    "duplicate": (
        "trùng với số liệu đã dùng (cùng bài, cùng chỉ số, cùng giá trị và thời gian)",
        "duplicate of a figure used (same article, indicator, value and period)",
    ),
    "superseded": (
        "cùng thời điểm với số khác được nêu sau trong bài; báo cáo dùng số nêu sau",
        "same date as another figure stated later in the article; the report uses that one",
    ),
    "outside_sections": ("ngoài các chỉ số của báo cáo", "outside the report's indicators"),
    "another_scheme": ("loại bảo hiểm khác", "another scheme"),
}
_INDICATOR_WORDS = {
    "participants": ("người tham gia", "participants"),
    "new_participants": ("người tham gia mới", "new members"),
    "dropouts": ("người giảm, dừng đóng", "drop-outs"),
    "net_change": ("người tăng thêm", "participants gained (net)"),
    "events": ("hội nghị, sự kiện", "conferences or events"),
    "people_reached": ("lượt người được tiếp cận", "people reached"),
    "attainment_pct": ("kế hoạch", "of plan"),
    "growth_pct": ("tăng trưởng", "growth"),
    "coverage_pct": ("tỷ lệ bao phủ", "coverage"),
}


def scheme_label(scheme: str, lang: str) -> str:
    """A scheme's name; a count of two schemes together is called mixed in so many words."""
    if scheme == "mixed":
        return (
            "số gộp, tính chung BHXH và BHYT, không tách riêng"
            if lang == "vi"
            else "a mixed count: social and health insurance counted together"
        )
    return SCHEME_NAMES.get(scheme, {}).get(lang, scheme)


def published(when: date | None, lang: str) -> str:
    """ "tính đến ngày đăng bài (05/01/2021)" / "as of publication (date unknown)": the period
    of a stock the article gives without a date ("đến nay", a headline)."""
    if lang == "vi":
        day = format_date(when, lang) if when else "không rõ ngày"
        return f"tính đến ngày đăng bài ({day})"
    day = format_date(when, lang) if when else "date unknown"
    return f"as of publication ({day})"


def fact_period(
    indicator: str,
    start: date | None,
    end: date | None,
    publication: date | None,
    lang: str,
    said: str = "",
) -> str:
    """A figure's period as the article words it.

    A figure without any date is as of the article's publication; a flow with only an end
    date ("trong hơn một tháng qua", "đến nay") ran up to that date from a start the article
    does not give, so it is not shown as a single day.
    """
    if start is None and end is None:
        return published(publication, lang)
    if indicator in FLOWS:
        return flow_when(Quantity(0, start=start, end=end, said=said), lang)
    return period(start, end, lang)


def cite(numbers: list[int]) -> str:
    """ "[1]", "[1], [2]": the article numbers of a sentence's figures."""
    return ", ".join(f"[{n}]" for n in sorted(set(numbers)))


def sourced(text: str, numbers: list[int], lang: str) -> str:
    """A section's paragraph followed by the numbers of the articles its figures come from."""
    if not numbers or not text:
        return text
    return f"{text} ({'nguồn' if lang == 'vi' else 'sources'}: {cite(numbers)})"


def value_words(indicator: str, quantity: Quantity, lang: str) -> str:
    """ "gần 1.400 người tham gia mới", "133,4% kế hoạch", "hơn 2 lần": a value with its unit."""
    vi = lang == "vi"
    word = _INDICATOR_WORDS.get(indicator, (indicator, indicator))[0 if vi else 1]
    if indicator == "growth_ratio":  # "tăng gấp hơn hai lần": a multiple of an earlier figure
        if vi:
            return f"tăng gấp {number(quantity, lang)} lần"
        return f"{number(quantity, lang)} times the earlier figure"
    if indicator.endswith("_pct"):
        lead = number(Quantity(0, quantity.qualifier), lang).removesuffix("0")
        return f"{lead}{percent(quantity.value, lang)} {word}".strip()
    return f"{number(quantity, lang)} {word}"


def fact_sentence(
    *,
    place: str,
    scheme: str,
    indicator: str,
    is_target: bool,
    quantity: Quantity,
    when: str,
    article: int | None,
    lang: str,
) -> str:
    """One figure in one sentence: "Bắc Kạn, ngày 11/7/2020: 99 người tham gia mới BHYT hộ gia
    đình [1]." A plan is called a plan; a count of two schemes together says so."""
    vi = lang == "vi"
    name = scheme_label(scheme, lang)
    what = value_words(indicator, quantity, lang)
    plan = ("kế hoạch, mục tiêu: " if vi else "plan or target: ") if is_target else ""
    ref = f" [{article}]" if article else ""
    return f"{_cap(place)}, {when}: {plan}{what} ({name}){ref}."


def other_figures(paragraphs: list[tuple[str, list[str]]], lang: str) -> str:
    """The paragraph of section "other figures": one group per scheme, its sentences."""
    if not paragraphs:
        return (
            "Mọi số liệu của các bài báo đã được trình bày ở các mục trên."
            if lang == "vi"
            else "Every figure of the articles is shown in the sections above."
        )
    parts = []
    for scheme, sentences in paragraphs:
        name = SCHEME_NAMES.get(scheme, {}).get(lang, scheme)
        if scheme == "mixed":
            name = "Số gộp nhiều loại bảo hiểm" if lang == "vi" else "Mixed counts"
        parts.append(f"{_cap(name)}: {' '.join(sentences)}")
    return " ".join(parts)


def article_entry(
    number_: int,
    *,
    source: str | None,
    title: str | None,
    publication: str | None,
    url: str | None,
    lang: str,
) -> str:
    """ "[1] Báo Xây dựng, “Bắc Giang: Về đích sớm …”, ngày đăng: không rõ, đường dẫn: không rõ."
    An unknown field says so; no internal id is shown."""
    vi = lang == "vi"
    unknown = UNKNOWN[lang]
    outlet = source or (f"báo: {unknown}" if vi else f"outlet {unknown}")
    head = f"“{title}”" if title else (f"tiêu đề: {unknown}" if vi else f"title {unknown}")
    when = _publication_words(publication, lang) if publication else unknown
    link = url or unknown
    if vi:
        return f"[{number_}] {outlet}, {head}, ngày đăng: {when}, đường dẫn: {link}."
    return f"[{number_}] {outlet}, {head}, published: {when}, link: {link}."


def _publication_words(text: str, lang: str) -> str:
    """ "2021-01-05" -> "05/01/2021"; a month-only date "2022-05" -> "05/2022"."""
    from helpers.text import format_month

    parts = text.split("-")
    try:
        if len(parts) == 2:
            return format_month(date(int(parts[0]), int(parts[1]), 1), lang)
        return format_date(date(int(parts[0]), int(parts[1]), int(parts[2])), lang)
    except (ValueError, IndexError):
        return text


def article_gave(n_figures: int, campaigns: list[str], lang: str) -> str:
    """What an article gave the report: "3 số liệu" or, without figures, its dated campaigns
    or "không có số liệu"."""
    vi = lang == "vi"
    if n_figures:
        plural = "s" if n_figures != 1 else ""
        return f"{n_figures} số liệu." if vi else f"{n_figures} figure{plural}."
    if campaigns:
        listed = "; ".join(campaigns)
        return (
            f"Không có số liệu; chỉ có mốc thời gian: {listed}."
            if vi
            else f"No figures; only dates of campaigns: {listed}."
        )
    return "Không có số liệu." if vi else "No figures."


def reason(code: str, lang: str) -> str:
    """Why a fact was not used, in words (codes of `REASONS`)."""
    return REASONS[code][0 if lang == "vi" else 1]


def ledger_head(n_used: int, n_unused: int, lang: str) -> str:
    """The first line of the appendix of figures not used."""
    if not n_used and not n_unused:
        return (
            "Các bài báo không cho số liệu nào về nơi này."
            if lang == "vi"
            else "The articles give no figure about this place."
        )
    if lang == "vi":
        return (
            f"{n_used} số liệu của các bài báo về địa phương này được dùng trong báo cáo; "
            f"{n_unused} số liệu không dùng, kèm lý do dưới đây."
        )
    return (
        f"{n_used} figures of the articles about this place are used in the report; "
        f"{n_unused} are not, each with its reason below."
    )


def dropout_caveat(lang: str) -> str:
    """What the press's "giảm" counts: stopping payment, but also moves to compulsory insurance
    and retirements (seed 002 names all three); it is not a count of drop-outs alone."""
    if lang == "vi":
        return (
            " Số giảm trên báo chí gồm cả người dừng đóng, người chuyển sang BHXH bắt buộc và "
            "người được giải quyết chế độ hưu trí, không chỉ người bỏ tham gia."
        )
    return (
        " A decrease reported in the press counts people who stopped paying but also people "
        "who moved to compulsory social insurance and people who retired, not only drop-outs."
    )


def projection_refused(code: str, *, n_points: int = 0, lang: str) -> str:
    """Why the outlook does not project: too few dated figures, or an interval wider than
    the target itself."""
    vi = lang == "vi"
    if code == "PROJECTION_TOO_FEW_POINTS":
        return (
            f"chỉ có {n_points} số người tham gia có thời điểm; cần ít nhất 4 mốc để dự báo "
            "có ý nghĩa."
            if vi
            else f"only {n_points} dated participant counts; at least 4 are needed for a "
            "meaningful projection."
        )
    return (
        "khoảng dự báo rộng hơn cả mục tiêu nên không nói được điều gì về khả năng đạt mục tiêu."
        if vi
        else "the prediction interval is wider than the target itself, so it says nothing "
        "about reaching it."
    )
