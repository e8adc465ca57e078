"""Paragraphs for the national summary: provinces side by side, described as such.

Differences between provinces are never presented as campaign effects.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.narrative.words import PRESS, no_data, percent
from helpers.text import format_number


def league(rows: Sequence[dict], *, level: str, lang: str = "vi") -> str:
    """The league-table paragraph: how many provinces have data, and which lead.

    Parameters
    ----------
    rows
        One dict per province with ``province`` and ``participants`` (latest reported stock,
        press or monthly), sorted best first.
    level
        "legacy" or "2025" (says which provinces are compared).
    """
    vi = lang == "vi"
    if not rows:
        return no_data("tỉnh nào" if vi else "any province", lang)
    unit = (
        ("tỉnh (trước sáp nhập)" if level == "legacy" else "tỉnh sau sáp nhập 2025")
        if vi
        else ("former provinces" if level == "legacy" else "provinces after the 2025 merger")
    )
    top = ", ".join(f"{r['province']} ({format_number(r['participants'], lang)})" for r in rows[:3])
    if vi:
        return (
            f"Có số liệu cho {len(rows)} {unit}. Số người tham gia BHXH tự nguyện mới nhất cao "
            f"nhất ở: {top}. Các con số có thời điểm khác nhau; xem cột thời điểm trước khi "
            "so sánh."
        )
    if len(rows) == 1:
        unit = unit.replace("provinces", "province")
    return (
        f"{len(rows)} {unit} {'has' if len(rows) == 1 else 'have'} data. The most voluntary "
        f"social insurance participants at the latest figure: {top}. Figures are for "
        "different dates; check the date column before comparing."
    )


def growth_vs_intensity(n_provinces: int, correlation: float | None, *, lang: str = "vi") -> str:
    """Paragraph for the growth-against-campaign-intensity chart (a description, not an effect)."""
    vi = lang == "vi"
    if n_provinces < 3 or correlation is None:
        return no_data(
            "đủ tỉnh có cả tăng trưởng và số đợt vận động để so sánh"
            if vi
            else "enough provinces with both growth and campaign counts to compare",
            lang,
        )
    r = format_number(correlation, lang, decimals=2)
    if vi:
        return (
            f"Trên {n_provinces} tỉnh, hệ số tương quan giữa tăng trưởng hằng năm "
            f"và số đợt vận động được nêu là {r}. Tương quan giữa các tỉnh không cho biết tác "
            "động của vận động: tỉnh vận động nhiều có thể khác ở nhiều mặt khác."
        )
    return (
        f"Across {n_provinces} provinces the correlation between annual growth "
        f"and the number of campaigns mentioned is {r}. A correlation across provinces says "
        "nothing about what campaigns cause: provinces that campaign more differ in other ways."
    )


def attainment(rows: Sequence[dict], *, lang: str = "vi") -> str:
    """Paragraph on reported attainment of plan: rows with ``province`` and ``attainment_pct``."""
    vi = lang == "vi"
    if not rows:
        return no_data("tỷ lệ hoàn thành kế hoạch" if vi else "attainment of plan", lang)
    above = [r for r in rows if r["attainment_pct"] >= 100]
    listed = ", ".join(f"{r['province']} ({percent(r['attainment_pct'], lang)})" for r in rows)
    if vi:
        return (
            f"{PRESS[lang]}, {len(above)}/{len(rows)} tỉnh đạt hoặc vượt kế hoạch gần nhất "
            f"được nêu (của một đợt vận động hoặc cả năm): {listed}."
        )
    return (
        f"{PRESS[lang]}, {len(above)} of {len(rows)} provinces met or beat their latest "
        f"reported plan (a campaign's or a year's): {listed}."
    )


def no_national_figures(lang: str = "vi") -> str:
    """One line when no article gives a national figure."""
    return no_data("toàn quốc trong các bài báo" if lang == "vi" else "the whole country in "
                   "the articles", lang)


def national_sources(found: bool, lang: str = "vi") -> str:
    """The line above the list of articles the national figures come from."""
    if not found:
        return no_data("nguồn số liệu toàn quốc" if lang == "vi" else "national sources", lang)
    return (
        "Các bài báo cho số liệu toàn quốc, mỗi bài một lần; số được tô đậm là số báo cáo dùng."
        if lang == "vi"
        else "The articles giving national figures, each once; highlighted: the figures used."
    )
