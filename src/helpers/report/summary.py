"""The national summary: every province with data side by side (league table, growth against
campaign intensity, attainment of plan), at the legacy or the 2025 level.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import paths
from helpers.errors import ParameterError
from helpers.narrative import national
from helpers.report.analysis import headline
from helpers.report.data import load_report_data, load_tables, provinces_with_data
from helpers.report.params import validate_choices, validate_parameters
from helpers.report.tables import Section
from helpers.text import format_date, format_month, format_number, format_percent

TITLES = {
    "league": ("1. Bảng so sánh các tỉnh", "1. Provinces side by side"),
    "intensity": ("2. Tăng trưởng và số đợt vận động", "2. Growth and campaign intensity"),
    "attainment": ("3. Hoàn thành kế hoạch", "3. Attainment of plan"),
}
NATIONAL_TITLES = {
    "national_sources": ("5. Nguồn của số liệu toàn quốc", "5. Sources of the national figures"),
}
#: The league table's columns, in the order of HEADERS.
LEAGUE_COLUMNS = [
    "province",
    "participants",
    "date",
    "growth_pct_per_year",
    "n_campaigns",
    "attainment_pct",
]
HEADERS = {
    "vi": ["Tỉnh", "Người tham gia", "Thời điểm", "Tăng/năm", "Đợt vận động", "% kế hoạch"],
    "en": ["Province", "Participants", "Date", "Growth/year", "Campaigns", "% of plan"],
}


def league_table(
    data_dir: str | Path | None = None,
    *,
    level: str = "legacy",
    lang: str = "vi",
    stored: dict[str, dict] | None = None,
) -> pd.DataFrame:
    """Headline numbers of every province with data (one row each, best stock first).

    Columns: province, participants (latest press stock, else latest monthly), date,
    growth_pct_per_year, n_campaigns, attainment_pct, simulated. Data files are read once;
    a province in ``stored`` (the headline numbers its report stored in the batch manifest,
    `helpers.batch.manifest.stored_headlines`) is not computed again.
    """
    level, lang = validate_choices(level, lang)
    folder = Path(data_dir) if data_dir is not None else paths.PROCESSED
    if not folder.is_dir():
        raise ParameterError(f"Data folder '{folder}' does not exist: run `bhxh extract` first.")
    tables = load_tables(folder)
    stored = stored or {}
    rows = []
    for name in provinces_with_data(folder, level):
        figures = stored.get(name)
        if figures is None:
            params = validate_parameters(name, level, lang, folder)
            figures = headline(load_report_data(params, tables))
        monthly = figures.get("monthly_participants")
        rows.append(
            {
                "province": name,
                "participants": figures.get("participants", monthly),
                "date": figures.get("participants_date", figures.get("monthly_month")),
                "growth_pct_per_year": figures.get("growth_pct_per_year", _monthly_growth(figures)),
                "n_campaigns": figures["n_campaigns"],
                "attainment_pct": figures.get("attainment_pct"),
                "simulated": figures["simulated"],
            }
        )
    table = pd.DataFrame(rows, columns=[*LEAGUE_COLUMNS, "simulated"])
    return table.sort_values("participants", ascending=False, na_position="last").reset_index(
        drop=True
    )


def _monthly_growth(figures: dict) -> float | None:
    now, before = figures.get("monthly_participants"), figures.get("monthly_participants_year_ago")
    return 100 * (now - before) / before if now and before else None


def _cell(x: Any, lang: str, kind: str) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    if kind == "pct":
        return format_percent(float(x), lang, decimals=1)
    if kind == "count":
        return format_number(float(x), lang)
    if kind == "date":
        # A monthly figure is dated "YYYY-MM", a press figure "YYYY-MM-DD".
        when = pd.Timestamp(str(x))
        return format_month(when, lang) if len(str(x)) == 7 else format_date(when, lang)
    return str(x)


def league_section(table: pd.DataFrame, *, level: str, lang: str = "vi") -> Section:
    """Section 1: the league table with its paragraph."""
    i = 0 if lang == "vi" else 1
    known = table.dropna(subset=["participants"])
    text = national.league(known.to_dict("records"), level=level, lang=lang)
    kinds = ["text", "count", "date", "pct", "count", "pct"]
    shown = pd.DataFrame(
        {
            header: [_cell(v, lang, kind) for v in table[column]]
            for header, column, kind in zip(HEADERS[lang], LEAGUE_COLUMNS, kinds, strict=True)
        }
    )
    status = "ok" if not known.empty else "empty"
    return Section(
        "league", TITLES["league"][i], text, status=status, table=shown, data={"rows": len(table)}
    )


def intensity_section(table: pd.DataFrame, *, lang: str = "vi") -> Section:
    """Section 2: annual growth against the number of campaigns, as a scatter (descriptive)."""
    i = 0 if lang == "vi" else 1
    both = table.dropna(subset=["growth_pct_per_year"])
    correlation = None
    if len(both) >= 3 and both["n_campaigns"].nunique() > 1:
        correlation = float(np.corrcoef(both["n_campaigns"], both["growth_pct_per_year"])[0, 1])
    text = national.growth_vs_intensity(len(both), correlation, lang=lang)
    if correlation is None:
        return Section("intensity", TITLES["intensity"][i], text, status="empty")
    from helpers.report.plots import growth_scatter

    fig = growth_scatter(list(both["province"]), list(both["n_campaigns"]),
                         list(both["growth_pct_per_year"]), lang=lang)
    return Section(
        "intensity",
        TITLES["intensity"][i],
        text,
        figure=fig,
        data={"correlation": correlation, "n": len(both)},
    )


def attainment_section(table: pd.DataFrame, *, lang: str = "vi") -> Section:
    """Section 3: reported attainment of plan in each province's latest campaign."""
    i = 0 if lang == "vi" else 1
    rows = table.dropna(subset=["attainment_pct"]).sort_values("attainment_pct", ascending=False)
    text = national.attainment(rows.to_dict("records"), lang=lang)
    if rows.empty:
        return Section("attainment", TITLES["attainment"][i], text, status="empty")
    from helpers.report.plots import attainment_bars

    fig = attainment_bars(list(rows["province"]), list(rows["attainment_pct"]), lang=lang)
    return Section("attainment", TITLES["attainment"][i], text, figure=fig, data={"n": len(rows)})


def national_data(data_dir: str | Path | None = None):
    """The national facts (no province) and national campaigns of a data folder, shaped like a
    province's `ReportData` so that the same citation, sentence and ledger helpers apply."""
    from types import SimpleNamespace

    from helpers.report.sources import load_articles

    folder = Path(data_dir) if data_dir is not None else paths.PROCESSED
    tables = load_tables(folder)
    facts = tables.facts
    national_rows = facts["province"] == ""
    if "province_2025" in facts.columns:
        national_rows &= facts["province_2025"] == ""
    articles = load_articles(folder)
    dates = dict(zip(articles["article_id"], articles["publication_date"], strict=True))
    facts = facts[national_rows].copy()
    facts["published"] = [dates.get(a, "") for a in facts["article_id"]]
    campaigns = tables.campaigns[tables.campaigns["province"] == ""]
    return SimpleNamespace(
        facts=facts.reset_index(drop=True),
        campaigns=campaigns.reset_index(drop=True),
        articles=articles,
        members=(),
        params=SimpleNamespace(data_dir=folder),
    )


def national_sections(data_dir: str | Path | None = None, *, lang: str = "vi") -> list[Section]:
    """Sections 4 and 5 and the appendix of the national summary: every national figure of the
    articles (one sentence each, by scheme, cited by number), the articles they come from, and
    the national figures not used with why (a figure said twice is listed once)."""
    from helpers.report.sources import not_used, other_figures, sources_html

    _, lang = validate_choices("legacy", lang)
    data = national_data(data_dir)
    figures = other_figures(data, [], lang, key="national")  # each sentence cites its [n]
    if data.facts.empty:
        figures.text = national.no_national_figures(lang)
        figures.status = "empty"
    i = 0 if lang == "vi" else 1
    html = sources_html(data, figures.fact_ids, lang)
    cited = Section(
        "national_sources",
        NATIONAL_TITLES["national_sources"][i],
        national.national_sources(bool(html), lang),
        status="ok" if html else "empty",
        html=html,
    )
    appendix = not_used(data, figures.fact_ids, lang)
    return [figures, cited, appendix]
