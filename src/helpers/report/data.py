"""The data one province report reads: its facts, campaigns and monthly panel, cut to its level.

At the 2025 level a merged province gathers the rows of its former provinces.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.errors import ParameterError
from helpers.report.params import (
    CAMPAIGNS_FILE,
    FACTS_FILE,
    PANEL_FILE,
    SIMULATED_MARKER,
    ReportParams,
    simulated_marker,
    validate_choices,
)
from helpers.report.validated import validated_panel
from helpers.text import fold


@dataclass
class ReportData:
    """Everything the sections compute from, already restricted to one province.

    Attributes
    ----------
    facts, campaigns
        Rows of facts.csv / campaigns.csv for the province's former provinces (typed frames).
    panel
        Monthly rows (province totals and districts) or None when there is no panel.
    members
        The former provinces covered (one at the legacy level).
    simulated
        The SIMULATED.json marker when the data are simulated, else None.
    articles
        The articles' sidecars (``articles.csv``: outlet, title, publication date, link), for
        citations; facts carry their article's ``published`` date ("" when unknown).
    scope
        The digests of the data files and the parameters but the language
        (`helpers.report.memo.scope_of`): the reports of one place in two languages share what
        they compute under it; None (data built by hand) shares nothing.
    """

    params: ReportParams
    facts: pd.DataFrame
    campaigns: pd.DataFrame
    panel: pd.DataFrame | None
    members: tuple[str, ...]
    simulated: dict | None
    articles: pd.DataFrame | None = None
    scope: tuple | None = None

    @property
    def has_press(self) -> bool:
        """Whether any press figure concerns this province."""
        return not self.facts.empty

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing at all to report on (no facts, campaigns or panel).

        A district or commune report counts only its own campaigns: the province-wide ones it
        shows as context are not data about the unit.
        """
        campaigns = self.campaigns
        unit = getattr(self.params, "unit", "province")
        if unit != "province":
            campaigns = campaigns[campaigns[unit] != ""]
        return not self.has_press and campaigns.empty and not self.has_panel

    @property
    def place(self) -> str:
        """The name the report's sentences use: the province, or its district or commune."""
        return getattr(self.params, "district", "") or self.params.province

    @property
    def has_panel(self) -> bool:
        """Whether a monthly panel covers this province."""
        return self.panel is not None and not self.panel.empty


def members_of(params: ReportParams) -> tuple[str, ...]:
    """The former (legacy) provinces a report covers."""
    if params.level == "2025":
        from helpers.geo import resolve_province_2025

        return tuple(resolve_province_2025(params.province).members)
    return (params.province,)


# Types of the typed frames helpers.io returns, for the empty tables of a missing file.
_TYPES = {
    "is_target": "bool",
    "value": "float64",
    "period_start": "datetime64[ns]",
    "period_end": "datetime64[ns]",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
}


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_TYPES.get(c, "str")) for c in columns})


def _cut_dates(frame: pd.DataFrame, column: str, as_of: pd.Timestamp | None) -> pd.DataFrame:
    if as_of is None or frame.empty:
        return frame
    dates = frame[column]
    return frame[dates.isna() | (dates <= as_of)]


def _known_by(facts: pd.DataFrame) -> pd.Series:
    """The date each figure was known by: its end, else its start, else its article's
    publication date, else the latest date the same article gives (it was published after)."""
    published = pd.to_datetime(facts["published"], errors="coerce", format="mixed")
    latest = pd.concat([facts["period_start"], facts["period_end"]], axis=1).max(axis=1)
    latest_of_article = latest.groupby(facts["article_id"]).transform("max")
    return (
        facts["period_end"]
        .fillna(facts["period_start"])
        .fillna(published)
        .fillna(latest_of_article)
    )


def _cut_facts(facts: pd.DataFrame, as_of: pd.Timestamp | None) -> pd.DataFrame:
    """Facts known by ``as_of``: an open-ended count ("từ 01/1/2024") by its start, an undated
    figure by its article's publication date (or the article's latest date when that is
    unknown); a figure with no date at all in an article with none stays."""
    if as_of is None or facts.empty:
        return facts
    known = _known_by(facts)
    return facts[known.isna() | (known <= as_of)]


@dataclass(frozen=True)
class Tables:
    """The whole content of a data folder, loaded and validated once."""

    facts: pd.DataFrame
    campaigns: pd.DataFrame
    panel: pd.DataFrame | None
    simulated: dict | None


def _signature(folder: Path) -> tuple:
    files = [folder / name for name in (FACTS_FILE, CAMPAIGNS_FILE, PANEL_FILE, SIMULATED_MARKER)]
    return tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())


@lru_cache(maxsize=2)
def _press_tables(folder: Path, signature: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    """facts.csv and campaigns.csv, validated (small: read whole)."""
    from helpers import io
    from helpers.contract import CAMPAIGN_COLUMNS, FACT_COLUMNS, FACTS_CHECKED

    present = {name for name, *_ in signature}
    if FACTS_FILE in present:
        facts = io.load_facts(folder / FACTS_FILE)
    else:
        facts = _empty(FACT_COLUMNS)
        facts.attrs[FACTS_CHECKED] = True  # typed as helpers.io.load_facts types it
    campaigns = (
        io.load_campaigns(folder / CAMPAIGNS_FILE)
        if CAMPAIGNS_FILE in present
        else _empty(CAMPAIGN_COLUMNS)
    )
    return facts, campaigns


#: Whole folders loaded by `load_tables` in this process: folder -> (signature, Tables).
_LOADED: dict[Path, tuple[tuple, Tables]] = {}


def load_tables(data_dir: str | Path) -> Tables:
    """Load and validate facts.csv, campaigns.csv and panel.parquet of ``data_dir``.

    Missing files give empty tables (the sections then say "no data"); a malformed file raises
    the helpers.io error naming file, row and column. The result is cached until a file
    changes, so reports for many provinces in one process read each file once.
    """
    folder = Path(data_dir).resolve()
    signature = _signature(folder)
    hit = _LOADED.get(folder)
    if hit is not None and hit[0] == signature:
        return hit[1]
    facts, campaigns = _press_tables(folder, signature)
    tables = Tables(facts, campaigns, validated_panel(folder), simulated_marker(folder))
    if len(_LOADED) >= 2:
        _LOADED.pop(next(iter(_LOADED)))
    _LOADED[folder] = (signature, tables)
    return tables


def load_report_data(params: ReportParams, tables: Tables | None = None) -> ReportData:
    """The tables of ``params.data_dir`` cut to ``params.province`` (and ``params.as_of``).

    Parameters
    ----------
    params
        Validated report parameters.
    tables
        Already loaded tables (`load_tables`). When None, the tables this process already
        loaded for the folder are used; failing that, only the province's panel rows are read
        (`validated_panel`), which is what one report in a fresh kernel needs.
    """
    folder = Path(params.data_dir).resolve()
    members = members_of(params)
    if tables is None:
        hit = _LOADED.get(folder)
        if hit is not None and hit[0] == _signature(folder):
            tables = hit[1]
    if tables is None:
        facts, campaigns = _press_tables(folder, _signature(folder))
        panel = validated_panel(folder, members)
        tables = Tables(facts, campaigns, panel, simulated_marker(folder))
    as_of = pd.Timestamp(params.as_of) if params.as_of else None

    from helpers.report.memo import scope_of
    from helpers.report.sources import load_articles

    articles = load_articles(folder)
    facts = tables.facts[_of_place(tables.facts, params, members)].copy()
    dates = dict(zip(articles["article_id"], articles["publication_date"], strict=True))
    facts["published"] = [dates.get(a, "") for a in facts["article_id"]]
    facts = _cut_facts(facts, as_of)
    campaigns = tables.campaigns
    # National campaign months (empty province) concern every province; a national launch
    # day or conference series is nobody's province's (issue 9: same scope rules as facts).
    national_month = (campaigns["province"] == "") & (campaigns["kind"] == "campaign_month")
    campaigns = campaigns[campaigns["province"].isin(members) | national_month]
    campaigns = _cut_dates(campaigns, "start", as_of)
    if as_of is not None:  # a campaign without a start is known by its end
        campaigns = campaigns[campaigns["start"].notna() | ~(campaigns["end"] > as_of)]
    panel = None
    if tables.panel is not None:
        panel = tables.panel[tables.panel["province"].isin(members)]
        if as_of is not None:
            panel = panel[panel["month"] <= as_of]
    if getattr(params, "unit", "province") != "province":
        facts, campaigns, panel = cut_to_unit(facts, campaigns, panel, params.unit, params.district,
                                              kind=getattr(params, "district_kind", ""))
    if panel is not None:
        panel = panel.reset_index(drop=True)
    return ReportData(
        params=params,
        facts=facts.reset_index(drop=True),
        campaigns=campaigns.reset_index(drop=True),
        panel=panel,
        members=members,
        simulated=tables.simulated,
        articles=articles,
        scope=scope_of(params),
    )


def _of_place(facts: pd.DataFrame, params: ReportParams, members: tuple[str, ...]) -> pd.Series:
    """Rows of the report's place: by former province, and at the 2025 level also the rows of
    2025-map articles that name only the 2025 province (``province_2025``)."""
    mask = facts["province"].isin(members)
    if params.level == "2025" and "province_2025" in facts.columns:
        # A 2025-map fact of a merged province has no former province: its 2025 one counts.
        mask |= (facts["province_2025"] == params.province) & (facts["province_2025"] != "")
    return mask


def province_series(
    panel: pd.DataFrame, column: str, *, scheme: str = "voluntary_si", province: str | None = None
) -> pd.Series:
    """Monthly province totals of ``column`` (summed over former provinces when several).

    Province-total rows (empty district) are used when present; otherwise districts are summed.
    A report asks for several columns of the same panel: the totals of every column are
    computed once per (panel, scheme, province) and kept while the panel lives.
    """
    totals = _monthly_totals(panel, scheme, province)
    if totals is None:
        return pd.Series(dtype="float64", name=column)
    return totals[column].rename(column)


#: id(panel) -> {(scheme, province): monthly totals}; an entry goes when its panel is freed.
_TOTALS: dict[int, dict[tuple, pd.DataFrame | None]] = {}


def _monthly_totals(panel: pd.DataFrame, scheme: str, province: str | None) -> pd.DataFrame | None:
    """Every numeric column's monthly totals (see `province_series`), cached per panel object."""
    key = id(panel)
    if key not in _TOTALS:
        _TOTALS[key] = {}
        weakref.finalize(panel, _TOTALS.pop, key, None)
    cache = _TOTALS[key]
    if (scheme, province) in cache:
        return cache[(scheme, province)]
    rows = panel[panel["scheme"] == scheme]
    if province is not None:
        rows = rows[rows["province"] == province]
    parts = []
    for _, unit in rows.groupby("province", sort=False):
        totals = unit[unit["district"] == ""]
        parts.append(totals if not totals.empty else unit)
    frame = None
    if parts:
        numeric = [
            c for c in panel.columns if c != "month" and pd.api.types.is_numeric_dtype(panel[c])
        ]
        frame = pd.concat(parts).groupby("month")[numeric].sum(min_count=1).astype("float64")
        frame.index = pd.PeriodIndex(pd.DatetimeIndex(frame.index), freq="M")
    cache[(scheme, province)] = frame
    return frame


def provinces_with_data(data_dir: str | Path, level: str = "legacy") -> list[str]:
    """Canonical names of the provinces that have facts, campaigns or panel rows in ``data_dir``.

    A province whose articles gave only dated campaigns (a plan, a campaign month) still gets a
    report: its timeline is evidence, and the report says which figures are missing.

    Parameters
    ----------
    data_dir
        Folder with facts.csv and/or panel.parquet (read and validated once per process).
    level
        "legacy" names the former provinces; "2025" the merged ones.
    """
    from helpers import geo
    from helpers.text import fold

    level_ = validate_choices(level, "vi")[0]
    folder = Path(data_dir)
    if not folder.is_dir():
        raise ParameterError(f"Data folder '{folder}' does not exist.")
    tables = load_tables(folder)
    names = set(tables.facts["province"]) | set(tables.campaigns["province"])
    if tables.panel is not None:
        names.update(tables.panel["province"].unique())
    names.discard("")
    if level_ == "2025":
        names = {geo.province_2025_of(n) for n in names}
        names |= set(tables.facts["province_2025"]) - {""}
    return sorted(names, key=fold)


def cut_to_unit(
    facts: pd.DataFrame,
    campaigns: pd.DataFrame,
    panel: pd.DataFrame | None,
    unit: str,
    name: str,
    *,
    kind: str = "",
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """A province's tables cut to one district or commune, relabelled one level up.

    The unit's own rows become the report's headline rows (empty district and commune) and,
    in a district report, its communes become the places the report ranks (in the district
    column), so every section reads them as a province report reads its province and
    districts. Campaigns keep the province-wide and national ones, which concern every unit.
    The panel keeps the district's rows as its totals; a commune report has no panel.

    A district whose label carries its ``kind`` ("thị xã Cai Lậy": its province has two units
    of the name) also shows press figures that give the bare name, flagged
    ``district_kind_unknown``: they may be either unit's, so both reports show them.
    """
    key = fold(name)
    if unit == "district":
        mine = facts["district"].map(fold) == key
        bare = name[len(kind) + 1:] if kind and name.lower().startswith(kind + " ") else ""
        either = facts["district"].map(fold) == fold(bare) if bare else mine & False
        facts = facts[mine | either].copy()
        unsure = either[mine | either].to_numpy()
        facts.loc[unsure, "flags"] = [
            ";".join(f for f in (flags, "district_kind_unknown") if f)
            for flags in facts.loc[unsure, "flags"]
        ]
        facts["district"] = facts["commune"]
        facts["commune"] = ""
    else:
        facts = facts[facts["commune"].map(fold) == key].copy()
        facts["district"] = ""
        facts["commune"] = ""
    where = campaigns[unit].map(fold)
    campaigns = campaigns[(where == key) | (campaigns["district"] == "") & (
        campaigns["commune"] == "")]
    if unit == "district" and panel is not None:
        panel = panel[panel["district"].map(fold) == key].copy()
        panel["district"] = ""
    else:
        panel = None
    return facts, campaigns, panel
