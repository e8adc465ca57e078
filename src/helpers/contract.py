"""The table contracts as plain lists: column names, allowed values and spelling aliases of facts,
campaigns and monthly panels, importable without pandera (helpers.schema re-exports them).

Light users (indicators, report, extract, narrative) import from here, so a report kernel that
only needs the column lists does not pay for pandera's import (~0.2-0.5 s).
"""

from __future__ import annotations

SCHEMES = (
    "voluntary_si",
    "household_hi",
    "compulsory_si",
    "social_insurance",
    "health_insurance",
    "unemployment_insurance",
    "mixed",
)
INDICATORS = (
    "participants",
    "new_participants",
    "dropouts",
    "net_change",
    "attainment_pct",
    "growth_pct",
    "growth_ratio",
    "coverage_pct",
    "events",
    "people_reached",
)
QUALIFIERS = ("exact", "approx", "nearly", "more_than", "at_least")
#: Data-quality flags a fact can carry (``flags``, semicolon-separated). DOMAIN.md names the
#: first three and leaves the list open; these are all the extractor writes. Reports show each
#: in words (`helpers.report.tables.FLAG_WORDS`, tested to cover this list).
FLAGS = (
    "implausible_year",  # a year the text cannot mean (20225)
    "no_publication_date",  # relative period ("đến nay") with no publication date to anchor it
    "publication_month_only",  # anchored on a publication date known to the month only
    "no_period",  # no readable date at all
    "period_carried",  # the period of an earlier sentence or the paragraph
    "open_end",  # a period with a start and no end
    "invalid_date",  # a date that does not exist (31/02)
    "approximate_start",  # "trong hơn một tháng qua": the start is approximate
    "separate_windows",  # "2 tháng cao điểm của năm 2022 và 2023": windows, not whole years
    "future_period",  # dated after the article, so read as a goal
    "scheme_from_context",  # scheme not in the figure's clause, taken from the context
    "ambiguous_scheme",  # several schemes could own the figure
    "indicator_from_context",  # the noun is in an earlier clause ("con số này")
    "headline",  # a figure of the title (often repeated in the body)
    "province_unknown",  # no place could be resolved and the scope is not national
    "scope_from_context",  # the national scope of the previous sentence carried on
    "scope_by_size",  # a count larger than any province's people: the country's
    "place_carried",  # the place of an earlier clause, its speaker, or the figure repeated
    "place_each_listed",  # a rate given to each place of the list before it ("đều đạt")
    "commune_in_both_maps",  # a 2025 commune name that is also a legacy commune elsewhere
    "many_provinces",  # the article names more provinces than the list readers trust
    "mixed_number_separators",  # "1.234,5" and "1,234.5" in one text
    "corrected",  # changed by hand in corrections.csv
    # Added by a district report, never stored: the figure names a district without its type
    # word where its province has two units of that name (huyện and thị xã Cai Lậy).
    "district_kind_unknown",
)
CAMPAIGN_KINDS = (
    "directive",
    "plan",
    "campaign_month",
    "peak_campaign",
    "launch_event",
    "conference",
)

FACT_COLUMNS = [
    "fact_id",
    "article_id",
    "province",
    "province_2025",
    "district",
    "commune",
    "scheme",
    "indicator",
    "is_target",
    "value",
    "qualifier",
    "period_start",
    "period_end",
    "quote",
    "flags",
    "geography",
]
#: Key of ``DataFrame.attrs`` marking a facts table already typed and checked (by
#: `helpers.io.load_facts` or `helpers.indicators.facts.check_facts`). pandas carries it through
#: row selections, so a table is validated once per load, not on every indicator call.
FACTS_CHECKED = "helpers.facts_checked"
#: The maps a fact can be read in: before 1 July 2025 (63 provinces with districts) or after
#: (34 provinces, communes directly under them); see DOMAIN.md.
GEOGRAPHIES = ("legacy", "2025")
CAMPAIGN_COLUMNS = [
    "campaign_id",
    "article_id",
    "province",
    "district",
    "commune",
    "kind",
    "name",
    "start",
    "end",
    "quote",
]
PANEL_COLUMNS = [
    "province",
    "district",
    "month",
    "scheme",
    "participants",
    "new_participants",
    "dropouts",
]
PANEL_OPTIONAL_COLUMNS = ["labour_force"]
PANEL_COUNT_COLUMNS = ["participants", "new_participants", "dropouts", "labour_force"]
PANEL_KEY = ["province", "district", "month", "scheme"]

FACT_DATE_COLUMNS = ["period_start", "period_end"]
CAMPAIGN_DATE_COLUMNS = ["start", "end"]

# Keys are folded (lowercase, no diacritics) and stripped of everything but letters and digits,
# so "Tỉnh", "tinh", "TINH " and "tỉnh/thành phố" all meet the same entry.
COLUMN_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ["province", "provincename", "tinh", "tinhthanh", "tinhthanhpho", "tentinh"],
        "province",
    ),
    **dict.fromkeys(
        ["province2025", "tinh2025", "tinhmoi"],
        "province_2025",
    ),
    **dict.fromkeys(
        ["district", "districtname", "huyen", "quanhuyen", "tenhuyen", "huyenthixathanhpho"],
        "district",
    ),
    **dict.fromkeys(["month", "thang", "thangnam", "kybaocao", "period"], "month"),
    **dict.fromkeys(
        ["scheme", "loaihinh", "chedo", "loaibaohiem", "loaihinhbaohiem"],
        "scheme",
    ),
    **dict.fromkeys(
        ["participants", "songuoithamgia", "thamgia", "songuoi", "tongsonguoithamgia"],
        "participants",
    ),
    **dict.fromkeys(
        [
            "newparticipants",
            "new",
            "thamgiamoi",
            "songuoithamgiamoi",
            "phattrienmoi",
            "tangmoi",
        ],
        "new_participants",
    ),
    **dict.fromkeys(
        ["dropouts", "dropout", "giam", "songuoigiam", "dungdong", "songuoidungdong"],
        "dropouts",
    ),
    **dict.fromkeys(
        ["labourforce", "laborforce", "lucluonglaodong", "lldtrongdotuoi"],
        "labour_force",
    ),
}

# Folded scheme labels as they appear in official exports and press text.
SCHEME_ALIASES: dict[str, str] = {
    **{s.replace("_", " "): s for s in SCHEMES},
    **dict.fromkeys(
        ["bhxh tu nguyen", "bhxhtn", "bhxh tn", "voluntary", "voluntary social insurance"],
        "voluntary_si",
    ),
    **dict.fromkeys(
        ["bhyt ho gia dinh", "bhyt hgd", "household", "household health insurance"],
        "household_hi",
    ),
    **dict.fromkeys(
        ["bhxh bat buoc", "bhxhbb", "bhxh bb", "compulsory", "compulsory social insurance"],
        "compulsory_si",
    ),
    **dict.fromkeys(["bhxh", "bao hiem xa hoi"], "social_insurance"),
    **dict.fromkeys(["bhyt", "bao hiem y te"], "health_insurance"),
    **dict.fromkeys(["bhtn", "bao hiem that nghiep", "unemployment"], "unemployment_insurance"),
}
