"""Every figure accounted for: each report's ledger (used in a section, or not used and why),
the seed articles' figures on the page with their periods, citations by number, never an id."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.commands.process import write_articles
from helpers.extract import extract_articles, write_outputs
from helpers.report import run_analysis, validate_parameters
from helpers.report.data import load_report_data, provinces_with_data
from helpers.report.demo import build_demo
from helpers.report.view import section_html

FIXTURE = Path(__file__).parent / "fixtures" / "report"
HASH_ID = re.compile(r"\d{3}_[0-9a-f]{16}")


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    """data/processed as `bhxh process` builds it from the shipped articles and corrections."""
    folder = tmp_path_factory.mktemp("real")
    result = extract_articles(paths.ARTICLES, corrections=paths.CORRECTIONS)
    write_outputs(result, folder)
    write_articles(paths.ARTICLES, folder)
    return folder


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    """The same, from the five seed articles only: the figures issue 10 lists, each checked on
    the page, without the national and other-province reporting shipped beside them."""
    articles = tmp_path_factory.mktemp("seed_articles")
    for path in paths.ARTICLES.iterdir():
        if re.match(r"00[0-4]_[0-9a-f]{16}\.", path.name):
            shutil.copy(path, articles / path.name)
    folder = tmp_path_factory.mktemp("seeds")
    result = extract_articles(articles, corrections=paths.CORRECTIONS)
    write_outputs(result, folder)
    write_articles(articles, folder)
    return folder


@pytest.fixture(scope="module")
def demo_with_facts(tmp_path_factory) -> Path:
    """The simulated demo panel for Bắc Giang with the test facts: a report with both tiers."""
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, seed=1, provinces=["Bắc Giang"])
    shutil.copy(FIXTURE / "facts.csv", folder / "facts.csv")
    return folder


def _check_ledger(params) -> dict:
    sections = run_analysis(params)
    facts = set(load_report_data(params).facts["fact_id"])
    used = {i for key, s in sections.items() if key not in ("evidence", "not_used")
            for i in s.fact_ids}
    ledger = sections["not_used"].data.get("ledger", pd.DataFrame(columns=["fact_id"]))
    unused = set(ledger["fact_id"])
    assert used | unused == facts, (params.province, facts - used - unused)
    assert not used & unused, params.province
    assert used <= facts, params.province
    return sections


@pytest.mark.parametrize("level", ["legacy", "2025"])
def test_every_real_report_accounts_for_every_fact(real, level):
    names = provinces_with_data(real, level)
    assert names
    for name in names:
        sections = _check_ledger(validate_parameters(name, level, "vi", real))
        page = "".join(section_html(s) for s in sections.values())
        assert not HASH_ID.search(page), (name, HASH_ID.search(page))


def test_every_demo_report_accounts_for_every_fact(demo_with_facts, tmp_path):
    _check_ledger(validate_parameters("Bắc Giang", "legacy", "en", demo_with_facts))
    # The demo proper (panel only, every 2025 province of the sample): no fact is left over.
    build_demo(tmp_path, seed=0, provinces=["Bắc Kạn", "Phú Yên"])
    for name in provinces_with_data(tmp_path, "2025"):
        params = validate_parameters(name, "2025", "vi", tmp_path)
        assert load_report_data(params).facts.empty
        assert _check_ledger(params)["not_used"].status == "empty"


def test_a_figure_said_twice_is_used_once_and_listed_as_duplicate(seeds):
    sections = run_analysis(validate_parameters("Bắc Kạn", data_dir=seeds))
    ledger = sections["not_used"].data["ledger"]
    assert set(ledger["reason"]) == {"duplicate"}
    assert "trùng với số liệu đã dùng" in " ".join(sections["not_used"].table["Lý do"])


def _page(real, name: str, lang: str, level: str = "legacy") -> str:
    sections = run_analysis(validate_parameters(name, level, lang, real))
    return " ".join(s.text for s in sections.values())


SEED_FIGURES = {
    # province: (vi fragments, en fragments), each a figure with its article's period
    "Bắc Kạn": (
        ["cuối năm 2020 Bắc Kạn có 7.548 người tham gia BHXH tự nguyện, đạt 133,4% kế hoạch",
         "ngày 11/7/2020: 304 người tham gia mới", "ngày 11/7/2020 phát triển mới 205 người",
         "ngày 11/7/2020: 99 người tham gia mới (BHYT hộ gia đình)",
         "năm 2020: tăng gấp hơn 2 lần", "năm 2021: kế hoạch, mục tiêu: 7.500 người tham gia mới",
         "tính đến ngày đăng bài (05/1/2021): hơn 7.500", "ngày 23/5/2020 phát triển mới 193"],
        ["7,548 voluntary social insurance participants at the end of 2020, 133.4% of plan",
         "on 11 July 2020: 304 new members", "on 11 July 2020: 99 new members (household health",
         "in 2021: plan or target: 7,500 new members", "in 2020: more than 2 times the earlier",
         "as of publication (5 January 2021): more than 7,500"],
    ),
    "Bắc Giang": (
        ["tính đến ngày đăng bài (không rõ ngày): gần 54.000 người tham gia",
         "tính đến ngày đăng bài (không rõ ngày): hơn 32.000 người tăng thêm",
         "7.555 người so với kế hoạch 5.800 người, đạt 130,26% kế hoạch",
         "Mục tiêu: khoảng 51.100 người đến cuối năm 2025", "bài báo nêu ví dụ",
         "3.456 người giảm", "người chuyển sang BHXH bắt buộc"],
        ["as of publication (date unknown): nearly 54,000 participants",
         "as of publication (date unknown): more than 32,000 participants gained (net)",
         "as examples (not a full ranking)", "moved to compulsory social insurance"],
    ),
    "Phú Yên": (
        ["năm 2023: kế hoạch, mục tiêu: 20 hội nghị",
         "năm 2023: kế hoạch, mục tiêu: 144 người tham gia mới (BHXH tự nguyện)",
         "năm 2023: kế hoạch, mục tiêu: 498 người tham gia mới (BHYT hộ gia đình)",
         "cuối năm 2025: kế hoạch, mục tiêu: 95% tỷ lệ bao phủ (BHYT)",
         "trong hơn một tháng qua (tính đến ngày 30/3/2023) tại Đông Hòa có 4 hội nghị",
         "79 người tham gia mới (số gộp", "ít nhất 21,6% lực lượng lao động"],
        ["up to 30 March 2023 (the article: “trong hơn một tháng qua”) in Đông Hòa there were 4",
         "in 2023: plan or target: 498 new members (household health insurance)",
         "95% coverage (health insurance)"],
    ),
}


@pytest.mark.parametrize("name", sorted(SEED_FIGURES))
def test_seed_reports_show_every_figure_with_its_period(seeds, name):
    vi, en = SEED_FIGURES[name]
    for lang, fragments in (("vi", vi), ("en", en)):
        page = _page(seeds, name, lang)
        for fragment in fragments:
            assert fragment in page, (name, lang, fragment)


def test_article_without_figures_is_listed_and_unknown_fields_say_so(seeds):
    sections = run_analysis(validate_parameters("Bắc Giang", data_dir=seeds))
    html = sections["evidence"].html
    assert "[1] báo: không rõ, tiêu đề: không rõ, ngày đăng: không rõ" in html
    assert "Không có số liệu." in html
    assert "[2] Báo Xây dựng, “Bắc Giang: Về đích sớm" in html
    nghe_an = run_analysis(validate_parameters("Nghệ An", data_dir=seeds))["evidence"].html
    assert "Không có số liệu; chỉ có mốc thời gian: Tháng Vận động" in nghe_an
    assert "tháng 5/2022" in nghe_an  # a month-only publication date, as the sidecar says


def test_as_of_filters_every_figure_and_campaign(seeds):
    params = validate_parameters("Bắc Giang", as_of="2023-06-30", data_dir=seeds)
    data = load_report_data(params)
    assert 3456 not in set(data.facts["value"])  # "từ 01/1/2024": starts after the date
    assert 54000 not in set(data.facts["value"])  # undated, in an article of mid-2024
    assert (data.campaigns["start"].dropna() <= pd.Timestamp("2023-06-30")).all()
    page = " ".join(s.text for s in run_analysis(params).values())
    assert "3.456" not in page and "2024" not in page
    # The conferences ran "trong hơn một tháng qua" up to 30/3/2023; the extractor estimates
    # their start a month before (flag approximate_start), so a day before that knows none.
    dong_hoa = load_report_data(validate_parameters("Phú Yên", as_of="2023-02-28",
                                                    data_dir=seeds))
    assert dong_hoa.campaigns.empty


def test_the_corrected_year_gives_the_target_its_date_and_the_outlook_refuses(seeds):
    log = pd.read_csv(seeds / "extraction_log.csv", keep_default_na=False)
    assert log["message"].str.contains("về đích sớm hơn một năm").any()
    sections = run_analysis(validate_parameters("Bắc Giang", lang="en", data_dir=seeds))
    outlook = sections["outlook"]
    assert outlook.status == "refuse"
    assert outlook.data["code"] == "PROJECTION_TOO_FEW_POINTS"
    assert "only 3 dated participant counts; at least 4 are needed" in outlook.text
    assert "1,992,945" not in outlook.text and "by the end of 2025" in outlook.text


def test_national_summary_counts_bac_kan_as_meeting_its_plan(seeds):
    from helpers.report import summary

    table = summary.league_table(seeds, lang="vi")
    text = summary.attainment_section(table, lang="vi").text
    assert "2/2 tỉnh đạt hoặc vượt kế hoạch" in text
    assert "Bắc Kạn (133,4%)" in text


def test_national_figures_have_their_ledger(tmp_path):
    """National facts (no province) are shown once each in the national summary, a repeat is
    listed as a duplicate, and together they cover every national fact."""
    facts = pd.read_csv(FIXTURE / "facts.csv", dtype=str, keep_default_na=False)
    national = facts.iloc[:2].copy()
    national[["province", "province_2025", "district", "commune"]] = ""
    national["fact_id"] = ["900_0000000000000000-001", "900_0000000000000000-002"]
    national["article_id"] = "900_0000000000000000"
    national.iloc[1, national.columns.get_loc("value")] = national.iloc[0]["value"]
    national.iloc[1, national.columns.get_loc("is_target")] = national.iloc[0]["is_target"]
    pd.concat([facts, national]).to_csv(tmp_path / "facts.csv", index=False)
    from helpers.report import summary

    shown, cited, appendix = summary.national_sections(tmp_path, lang="en")
    ledger = appendix.data["ledger"]
    assert set(shown.fact_ids) | set(ledger["fact_id"]) == set(national["fact_id"])
    assert list(ledger["reason"]) == ["duplicate"]
    assert "Nationwide" in shown.text and "[1]" in shown.text
    assert "<mark>54 nghìn</mark>" in cited.html
    assert not HASH_ID.search(section_html(shown) + section_html(cited) + section_html(appendix))


def test_projection_refuses_an_interval_wider_than_the_target():
    """Four noisy points: the fit runs, but its interval at the target date is wider than the
    target itself, so the report says so instead of printing it; steady growth is shown."""
    from helpers.indicators import projection
    from helpers.indicators.projection import projection_refusal

    days = pd.to_datetime(["2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31"])
    noisy = pd.Series([6_000, 40_000, 9_000, 60_000], index=days)
    result = projection(noisy, 50_000, "2027-12-31")
    assert result.status != "refuse" and result.pi_high - result.pi_low > 50_000
    assert projection_refusal(result, 50_000) == "PROJECTION_INTERVAL_TOO_WIDE"
    steady = pd.Series([20_000, 24_000, 28_900, 34_500], index=days)
    assert projection_refusal(projection(steady, 50_000, "2025-12-31"), 50_000) is None
    three = projection(steady.iloc[:3], 50_000, "2025-12-31")
    assert projection_refusal(three, 50_000) == "PROJECTION_TOO_FEW_POINTS"


def test_months_of_several_years_keep_the_articles_words(real):
    """9.937 over "2 tháng cao điểm của năm 2022 và 2023" is two peak months, not 2022-2023."""
    from helpers.report.tables import years_said

    quote = "Trong đó, chỉ tính riêng trong 2 tháng cao điểm của năm 2022 và 2023, toàn tỉnh"
    start, end = pd.Timestamp("2022-01-01").date(), pd.Timestamp("2023-12-31").date()
    assert years_said(quote, start, end) == "2 tháng cao điểm của năm 2022 và 2023"
    assert years_said("từ năm 2022 đến năm 2023", start, end) == ""
    vi = _page(real, "Bắc Giang", "vi")
    assert "trong 2 tháng cao điểm của năm 2022 và 2023 phát triển mới 9.937 người" in vi
    assert "từ 01/01/2022 đến 31/12/2023" not in vi and "từ 01/1/2022" not in vi
    en = _page(real, "Bắc Giang", "en")
    assert "9,937 new members enrolled in 2022 and 2023 (the article: “2 tháng cao điểm" in en


def test_a_flow_up_to_a_date_keeps_the_articles_words():
    from helpers.report.tables import recent_said

    end = pd.Timestamp("2023-03-30").date()
    quote = "Trong hơn một tháng qua, BHXH thị xã Đông Hoà đã phối hợp"
    assert recent_said(quote, None, end) == "trong hơn một tháng qua"
    assert recent_said(quote, end, end) == ""  # a dated period needs no words
    assert recent_said("Đến nay, toàn tỉnh có", None, end) == ""


def test_citation_numbers_made_once_per_report_data_and_follow_new_tables(monkeypatch):
    """Every section asks for the article numbers: they are numbered once per report data
    (not once per section), equal to a fresh numbering, and numbered again when the data's
    tables are replaced."""
    from helpers.report import sources

    calls = []
    original = sources._citation_numbers

    def counted(data):
        calls.append(1)
        return original(data)

    monkeypatch.setattr(sources, "_citation_numbers", counted)
    params = validate_parameters("Bắc Giang", data_dir=FIXTURE)
    run_analysis(params)
    assert len(calls) == 1
    data = load_report_data(params)
    first = sources.citation_numbers(data)
    assert first == original(data) and first and sources.citation_numbers(data) is first
    data.facts = data.facts.iloc[:0]
    assert sources.citation_numbers(data) == original(data)
    assert len(calls) == 3


def test_a_place_without_figures_skips_the_ledger_work_and_says_the_same(tmp_path,
                                                                          monkeypatch):
    """A report without press figures (most of a batch) makes no frames to find repeated or
    superseded figures or to show an empty ledger: the sections say what they said with the
    work done (no figure, no table, an empty ledger with its columns)."""
    from helpers.narrative import sources as words
    from helpers.report import sources

    build_demo(tmp_path, seed=0, provinces=["Bắc Kạn"])
    params = validate_parameters("Bắc Kạn", "legacy", "en", tmp_path)
    data = load_report_data(params)
    assert data.facts.empty
    monkeypatch.setattr(sources.pd, "concat", lambda *a, **k: pytest.fail("frames built"))
    assert sources.duplicates(data.facts, []) == {} and sources.superseded(data.facts, []) == set()
    section = sources.not_used(data, [], "en")
    assert section.status == "empty" and section.table is None
    assert section.text == words.ledger_head(0, 0, "en")
    assert list(section.data["ledger"].columns) == ["fact_id", "reason"]
    assert section.data["ledger"].empty
    other = sources.other_figures(data, [], "en")
    assert other.status == "empty" and other.fact_ids == []


def test_no_ids_asked_gives_the_empty_rows_and_no_article_numbers(demo_with_facts):
    """Asking for no facts (what every section of a place without press figures asks) gives
    the same empty rows, with the table's columns, types and marks, as the lookup by id, and no
    article numbers."""
    from helpers.report import sources, tables

    data = load_report_data(validate_parameters("Bắc Giang", "legacy", "en", demo_with_facts))
    assert not data.facts.empty
    for facts in (data.facts, data.facts.iloc[0:0]):
        by_id = facts.drop_duplicates("fact_id").set_index("fact_id", drop=False)
        looked_up = by_id.loc[[]].reset_index(drop=True)
        for ids in ([], ()):
            empty = tables.rows_of(facts, ids)
            pd.testing.assert_frame_equal(empty, looked_up, check_index_type=True)
            assert empty.attrs == looked_up.attrs
    assert sources.numbers_of(data, []) == []
    assert sources.numbers_of(data, list(data.facts["fact_id"][:2]))


def _duplicates_by_frames(facts: pd.DataFrame, used: list[str]) -> dict[str, str]:
    """`sources.duplicates` as it was: a concatenated frame of the used rows first."""
    from helpers.report.sources import SAME_FIGURE

    out: dict[str, str] = {}
    if facts.empty:
        return out
    keep: dict[tuple, str] = {}
    ordered = pd.concat([facts[facts["fact_id"].isin(used)], facts[~facts["fact_id"].isin(used)]])
    for row in ordered.itertuples(index=False):
        key = tuple(str(getattr(row, c)) for c in SAME_FIGURE)
        if key in keep and row.fact_id not in used:
            out[row.fact_id] = keep[key]
        else:
            keep.setdefault(key, row.fact_id)
    return out


def _superseded_by_frames(facts: pd.DataFrame, used: list[str]) -> set[str]:
    """`sources.superseded` as it was: a filtered frame for every unused stock."""
    if facts.empty:
        return set()
    stocks = facts[(facts["indicator"] == "participants") & ~facts["is_target"]]
    chosen = stocks[stocks["fact_id"].isin(used)]
    out = set()
    for row in stocks[~stocks["fact_id"].isin(used)].itertuples(index=False):
        if pd.isna(row.period_end):
            continue
        same = chosen[(chosen["province"] == row.province) & (chosen["district"] == row.district)
                      & (chosen["period_end"] == row.period_end) & (chosen["value"] != row.value)]
        if not same.empty:
            out.add(row.fact_id)
    return out


def test_repeated_and_superseded_figures_found_from_the_rows_values_as_before(real):
    """`duplicates` and `superseded` read the rows' values instead of building frames, and find
    what the frame-by-frame versions found: on every shipped province's facts with the ids its
    report used, with every stock used in turn, and with missing values, dates and places."""
    from helpers.indicators.facts import check_facts
    from helpers.report import sources
    from helpers.report.analysis import run_sections, used_facts

    found = [0, 0]
    for name in provinces_with_data(real):
        data = load_report_data(validate_parameters(name, "legacy", "en", real))
        facts = data.facts
        used = used_facts(list(run_sections(data, "en").values()))
        stocks = list(facts.loc[facts["indicator"] == "participants", "fact_id"])
        for chosen in (used, [], list(facts["fact_id"]), *([s] for s in stocks[:6]),
                       used[: len(used) // 2]):
            twice, older = sources.duplicates(facts, chosen), sources.superseded(facts, chosen)
            assert twice == _duplicates_by_frames(facts, chosen)
            assert older == _superseded_by_frames(facts, chosen)
            found[0] += len(twice)
            found[1] += len(older)
    assert found[0] > 0 and found[1] > 0  # both kinds occur in the shipped facts
    # Missing cells: a value, a date, a place; and a stock repeated with the same value.
    facts = check_facts(load_report_data(
        validate_parameters("Bắc Giang", "legacy", "en", real)).facts)
    stocks = facts.index[(facts["indicator"] == "participants") & ~facts["is_target"]]
    assert len(stocks) >= 4
    holes = facts.copy()
    holes.loc[stocks[0], "value"] = float("nan")
    holes.loc[stocks[1], "period_end"] = pd.NaT
    holes.loc[stocks[2], "district"] = float("nan")
    again = holes.loc[[stocks[3]]].assign(fact_id="copy-of-" + holes.loc[stocks[3], "fact_id"])
    holes = pd.concat([holes, again], ignore_index=True)
    for chosen in ([holes.loc[s, "fact_id"] for s in stocks[:2]],
                   [holes.loc[s, "fact_id"] for s in stocks[2:4]], list(holes["fact_id"][:5])):
        assert sources.duplicates(holes, chosen) == _duplicates_by_frames(holes, chosen)
        assert sources.superseded(holes, chosen) == _superseded_by_frames(holes, chosen)


def test_rows_of_gives_the_rows_the_lookup_by_id_gave(real, demo_with_facts):
    """`tables.rows_of` finds each id's first row by position and gives the frame the lookup
    through a de-duplicated, id-indexed copy gave: rows in the order asked, an id asked twice
    twice, an unknown id left out, a fact id said twice in the table its first row."""
    from helpers.report import tables

    compared = 0
    for folder in (real, demo_with_facts):
        for name in provinces_with_data(folder)[:6]:
            facts = load_report_data(validate_parameters(name, "legacy", "en", folder)).facts
            facts = pd.concat([facts, facts.iloc[:2]], ignore_index=True)  # ids said twice
            ids = list(facts["fact_id"])
            for asked in (ids[::-1], ids[1::3] + ["no-such-fact"], ids[:1] * 3, ids[-2:]):
                by_id = facts.drop_duplicates("fact_id").set_index("fact_id", drop=False)
                looked_up = by_id.loc[[i for i in asked if i in by_id.index]].reset_index(
                    drop=True)
                found = tables.rows_of(facts, asked)
                pd.testing.assert_frame_equal(found, looked_up, check_index_type=True)
                assert found.attrs == looked_up.attrs
                compared += len(found)
    assert compared > 50
