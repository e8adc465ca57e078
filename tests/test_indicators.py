"""Tests of the press-figure indicators on small facts frames built from the seed articles."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from helpers.errors import MissingColumnError, ParameterError
from helpers.indicators import (
    aggregate_2025,
    attainment,
    campaign_share,
    campaign_yoy,
    coverage,
    growth,
    local_shares,
    productivity,
    projection,
    retention,
    select,
    stock_series,
    summarize,
)
from helpers.indicators.campaigns import compares_year_earlier
from helpers.indicators.results import bound_of
from helpers.schema import FACT_COLUMNS

Q_PEAK = (
    "Tính từ ngày 01/4-31/5/2024 toàn tỉnh phát triển mới được 7.555 người, vượt 30,26% so với "
    "kế hoạch (giao 5.800 người), tăng 2.355 người so với tháng cao điểm năm 2023"
)
Q_DROP = "chỉ tính riêng trong hai tháng đợt cao điểm năm 2024, toàn tỉnh đã có 918 người giảm"
Q_CONF = "tổ chức được trên 140 hội nghị tuyên truyền ..., phát triển được gần 1.400 đối tượng"
Q_LAUNCH = "chỉ trong 01 ngày ra quân, đã phát triển được 193 người tham gia BHXH tự nguyện"
Q_DH = "tổ chức thành công 4 hội nghị đối thoại, ... phát triển được 79 người tham gia"
PEAK = ("2024-04-01", "2024-05-31")


def fact(fid, indicator, value, end=None, *, start=None, province="Bắc Giang", target=False,
         qualifier="exact", scheme="voluntary_si", district="", quote="", article=None,
         flags=""):
    p2025 = {"Bắc Giang": "Bắc Ninh", "Bắc Ninh": "Bắc Ninh", "Bắc Kạn": "Thái Nguyên",
             "Phú Yên": "Đắk Lắk"}.get(province, "")
    return {
        "fact_id": fid, "article_id": article or fid.split("-")[0], "province": province,
        "province_2025": p2025, "district": district, "commune": "", "scheme": scheme,
        "indicator": indicator, "is_target": target, "value": float(value),
        "qualifier": qualifier, "period_start": start, "period_end": end, "quote": quote,
        "flags": flags,
    }


def frame(rows):
    df = pd.DataFrame(rows, columns=FACT_COLUMNS)
    for col in ("period_start", "period_end"):
        df[col] = pd.to_datetime(df[col])
    return df


BAC_GIANG = [
    fact("bg-01", "participants", 54000, "2024-06-30", qualifier="nearly",
         quote="Đến nay, tỉnh Bắc Giang đã có gần 54 nghìn người tham gia"),
    fact("bg-02", "participants", 51100, target=True, qualifier="approx",
         flags="implausible_year", quote="mục tiêu đến hết năm 20225 ... khoảng 51.100 người"),
    fact("bg-03", "participants", 21233, "2021-07-02", quote="trước khi ban hành chỉ thị, 21.233"),
    fact("bg-04", "participants", 41098, "2022-12-31", quote="năm 2022 ... 41.098 người"),
    fact("bg-05", "net_change", 19865, "2022-12-31", start="2021-07-02",
         quote="năm 2022 ... 41.098 người (tăng 19.865 người)"),
    fact("bg-06", "participants", 51241, "2023-12-31", quote="năm 2023 ... 51.241 người"),
    fact("bg-08", "new_participants", 7555, PEAK[1], start=PEAK[0], quote=Q_PEAK),
    fact("bg-09", "attainment_pct", 130.26, PEAK[1], start=PEAK[0], quote=Q_PEAK),
    fact("bg-10", "new_participants", 5800, PEAK[1], start=PEAK[0], target=True, quote=Q_PEAK),
    fact("bg-11", "net_change", 2355, PEAK[1], start=PEAK[0], quote=Q_PEAK),
    fact("bg-12", "dropouts", 918, PEAK[1], start=PEAK[0], quote=Q_DROP),
    fact("bg-13", "dropouts", 3456, "2024-06-30", start="2024-01-01", quote="từ đầu năm 2024"),
    fact("bg-14", "new_participants", 1374, PEAK[1], start=PEAK[0], district="Hiệp Hòa",
         quote="Hiệp Hòa phát triển mới được 1.374 người"),
    fact("bg-15", "participants", 54000, "2024-06-30", qualifier="nearly",
         quote="toàn tỉnh đã có gần 54 nghìn người tham gia BHXH tự nguyện"),
]
#: A 2023 peak month consistent with the reported difference (7.555 − 2.355).
PEAK_2023 = fact("bg-20", "new_participants", 5200, "2023-05-31", start="2023-05-01",
                 quote="tháng cao điểm năm 2023 phát triển mới 5.200 người")
BAC_KAN = [
    fact("bk-01", "participants", 7548, "2020-12-31", province="Bắc Kạn", article="bk"),
    fact("bk-02", "participants", 7548, "2020-12-31", province="Bắc Kạn", article="bk"),
    fact("bk-03", "attainment_pct", 133.4, "2020-12-31", province="Bắc Kạn", article="bk"),
    fact("bk-04", "events", 140, "2020-12-31", province="Bắc Kạn", scheme="mixed",
         qualifier="more_than", quote=Q_CONF, article="bk"),
    fact("bk-05", "new_participants", 1400, "2020-12-31", province="Bắc Kạn", scheme="mixed",
         qualifier="nearly", quote=Q_CONF, article="bk"),
    fact("bk-06", "new_participants", 193, "2020-05-23", start="2020-05-23",
         province="Bắc Kạn", quote=Q_LAUNCH, article="bk"),
]
DONG_HOA = [
    fact("dh-01", "events", 4, "2023-03-30", start="2023-02-20", province="Phú Yên",
         district="Đông Hòa", scheme="mixed", quote=Q_DH),
    fact("dh-02", "new_participants", 79, "2023-03-30", start="2023-02-20", province="Phú Yên",
         district="Đông Hòa", scheme="mixed", quote=Q_DH),
    fact("dh-03", "coverage_pct", 21.6, "2025-12-31", province="Phú Yên", district="Đông Hòa",
         scheme="social_insurance", target=True, qualifier="at_least"),
]


@pytest.fixture
def facts():
    return frame(BAC_GIANG + BAC_KAN + DONG_HOA)


# --- selection and stocks ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Bắc Giang", "Bac Giang", "BẮC GIANG", "tỉnh Bắc Giang"])
def test_select_accepts_spellings_and_keeps_province_level(facts, name):
    rows = select(facts, province=name, indicator="new_participants", is_target=False)
    assert list(rows["fact_id"]) == ["bg-08"]  # Hiệp Hòa (district level) is left out
    district = select(facts, province=name, district="Hiep Hoa", indicator="new_participants")
    assert list(district["fact_id"]) == ["bg-14"]


def test_select_reports_unknown_places(facts):
    from helpers.errors import UnknownPlaceError

    with pytest.raises(UnknownPlaceError, match="Atlantis"):
        select(facts, province="Atlantis")
    with pytest.raises(UnknownPlaceError, match="Hiep Hoaa"):
        select(facts, province="Bắc Giang", district="Hiep Hoaa")
    with pytest.raises(UnknownPlaceError):
        summarize(facts, "Atlantis", level="2025")
    assert set(select(facts, province_2025="Bac Ninh")["province"]) == {"Bắc Giang"}


def test_select_refuses_unknown_vocabulary_and_missing_columns(facts):
    with pytest.raises(ParameterError, match="voluntary"):
        select(facts, scheme="voluntary")
    with pytest.raises(ParameterError, match="stock"):
        select(facts, indicator="stock")
    with pytest.raises(MissingColumnError, match="period_end"):
        select(facts.drop(columns="period_end"))


def test_stock_series_one_per_date_with_provenance(facts):
    stocks = stock_series(facts, province="Bắc Giang")
    assert list(stocks["value"]) == [21233, 41098, 51241, 54000]
    assert stocks.loc["2024-06-30", "candidates"] == "bg-01;bg-15"
    assert stocks.loc["2024-06-30", "qualifier"] == "nearly"
    undated = stock_series(frame([fact("x-1", "participants", 7500, qualifier="more_than")]))
    assert undated.empty and undated.attrs["undated"] == ["x-1"]


def test_stock_series_prefers_exact_and_leaves_out_conflicts():
    rows = [fact("a-1", "participants", 50000, "2023-12-31", qualifier="approx"),
            fact("a-2", "participants", 51241, "2023-12-31"),
            fact("b-1", "participants", 21233, "2022-12-31"),
            fact("b-2", "participants", 41098, "2022-12-31")]
    stocks = stock_series(frame(rows))
    assert list(stocks["fact_id"]) == ["a-2"]
    assert "50000" in stocks["note"].iloc[0]
    assert stocks.attrs["conflicts"] == [
        {"as_of": "2022-12-31", "fact_ids": ["b-1", "b-2"], "values": [21233.0, 41098.0],
         "kept": None}
    ]
    refused = growth(stocks)
    assert refused.status == "refuse" and "disagree" in refused.reason


# --- growth, attainment, campaigns -------------------------------------------------------------


def test_bound_of_follows_qualifiers():
    assert bound_of("exact") == "exact"
    assert bound_of("nearly", "exact") == "upper_bound"
    assert bound_of("nearly", "more_than") == "upper_bound"  # < 1.400 over > 140
    assert bound_of("exact", "nearly") == "lower_bound"
    assert bound_of("nearly", "nearly") == "approx"
    assert bound_of("approx", "exact") == "approx"


def test_growth_between_reported_stocks(facts):
    g = growth(facts, province="Bắc Giang", start="2022-12-31", end="2023-12-31")
    assert g.absolute == 10143
    assert g.pct == pytest.approx(24.680, abs=1e-3)
    assert g.cagr_pct == pytest.approx(24.68, abs=0.05)
    assert g.causal is False and g.tier == "press"
    assert g.fact_ids == ("bg-04", "bg-06")
    whole = growth(facts, province="Bắc Giang")
    assert whole.absolute == 54000 - 21233 and whole.bound == "upper_bound"
    assert "32.767" in whole.describe("vi") and "32,767" in whole.describe("en")


def test_growth_uses_a_consistent_reported_change(facts):
    g = growth(facts, province="Bắc Giang", end="2022-12-31")
    assert g.reported_change == 19865 and "bg-05" in g.fact_ids
    short = growth(facts, province="Bắc Giang", start="2023-12-31")
    assert short.cagr_pct is None and any("less than a year" in w for w in short.warnings)
    assert "chưa đến một năm" in short.to_dict()["warnings_vi"][0]


def test_growth_from_a_stock_series_and_refusal(facts):
    stocks = stock_series(facts, province="Bắc Giang")
    assert growth(stocks).end_value == 54000
    refused = growth(facts, province="Bắc Kạn")
    assert refused.status == "refuse" and "found 1" in refused.reason
    assert "Not computed" in str(refused) and "mới có 1" in refused.describe("vi")


def test_attainment_reported_and_computed(facts):
    a = attainment(facts, province="Bắc Giang")
    assert a.computed_pct == pytest.approx(130.2586, abs=1e-3)
    assert a.reported_pct == 130.26 and not a.warnings
    assert (a.achieved, a.planned) == (7555, 5800)
    assert set(a.fact_ids) == {"bg-08", "bg-09", "bg-10"}
    assert "130,3%" in a.describe("vi")
    kan = attainment(facts, province="Bắc Kạn")
    assert kan.reported_pct == 133.4 and kan.computed_pct is None


def test_attainment_warns_on_disagreement_and_refuses(facts):
    off = facts.copy()
    off.loc[off["fact_id"] == "bg-09", "value"] = 140.0
    note = attainment(off, province="Bắc Giang").warnings[0]
    assert "130.26%" in note and note.vi.startswith("Báo nêu 140%")
    refused = attainment(facts, province="Phú Yên")
    assert refused.status == "refuse" and "plan" in refused.reason


def test_campaign_share_of_the_year_net_change(facts):
    with_2023 = pd.concat([facts, frame([PEAK_2023])], ignore_index=True)
    share = campaign_share(with_2023, province="Bắc Giang", year=2023)
    assert share.net_change == 51241 - 41098
    assert share.share_pct == pytest.approx(5200 / 10143 * 100)
    assert set(share.fact_ids) == {"bg-20", "bg-04", "bg-06"}
    refused = campaign_share(facts, province="Bắc Giang")  # 2024 has no year-end stock
    assert refused.status == "refuse" and "end of 2023 and 2024" in refused.reason


def test_campaign_share_refuses_a_shrinking_year():
    rows = [fact("s-1", "participants", 100, "2022-12-31"),
            fact("s-2", "participants", 90, "2023-12-31"),
            fact("s-3", "new_participants", 10, "2023-05-31", start="2023-05-01")]
    result = campaign_share(frame(rows))
    assert result.status == "refuse" and "did not grow" in result.reason


def test_campaign_yoy_from_reported_difference(facts):
    yoy = campaign_yoy(facts, province="Bắc Giang")
    assert yoy.previous == 5200 and yoy.previous_is_implied
    assert yoy.pct == pytest.approx(2355 / 5200 * 100)
    assert set(yoy.fact_ids) == {"bg-08", "bg-11"}


def test_campaign_yoy_needs_the_difference_to_be_against_a_year_earlier():
    q = ("năm 2022 số người tham gia đã tăng lên 41.098 người; năm 2023, toàn tỉnh đã có 51.241 "
         "người, tăng 30.008 người so với trước khi ban hành chỉ thị")
    rows = [fact("c-1", "new_participants", 9937, "2023-12-31", start="2022-01-01", quote=q),
            fact("c-2", "net_change", 30008, "2023-12-31", start="2023-01-01", quote=q)]
    assert campaign_yoy(frame(rows), province="Bắc Giang").status == "refuse"
    assert compares_year_earlier("tăng 5% so với cùng kỳ, vượt kế hoạch", 2023)
    assert compares_year_earlier("vượt 30% so với kế hoạch (giao 5.800), tăng 2.355 người so "
                                 "với tháng cao điểm năm 2023", 2023)
    assert not compares_year_earlier("tăng so với kế hoạch năm 2024, năm 2023 cũng vậy", 2023)


def test_campaign_yoy_from_two_windows_and_refusal(facts):
    with_2023 = pd.concat([facts, frame([PEAK_2023])], ignore_index=True)
    yoy = campaign_yoy(with_2023, province="Bắc Giang")
    assert yoy.previous == 5200 and not yoy.previous_is_implied
    assert any("differ in length" in w for w in yoy.warnings)  # 61 against 31 days
    refused = campaign_yoy(facts, province="Bắc Kạn")
    assert refused.status == "refuse" and "a year earlier" in refused.reason
    assert campaign_yoy(facts, province="Phú Yên").status == "refuse"


# --- retention, productivity, coverage ---------------------------------------------------------


def test_retention_for_the_peak(facts):
    r = retention(facts, province="Bắc Giang")
    assert r.dropout_ratio_pct == pytest.approx(918 / 7555 * 100)
    assert r.net == 7555 - 918 and set(r.fact_ids) == {"bg-08", "bg-12"}
    assert "compulsory" in r.describe("en")


def test_retention_refuses_unmatched_periods(facts):
    r = retention(facts[facts["fact_id"] != "bg-12"], province="Bắc Giang")
    assert r.status == "refuse" and "bg-13" in r.reason


def test_productivity_per_conference_and_launch_day(facts):
    p = productivity(facts, province="Bắc Kạn")
    table = p.table.set_index("event_kind")
    assert table.loc["conference", "per_event"] == pytest.approx(10)
    assert table.loc["conference", "bound"] == "upper_bound"
    assert table.loc["launch_day", "per_event"] == 193
    dong_hoa = productivity(facts, province="Phú Yên", district="Đông Hòa")
    assert dong_hoa.table["per_event"].iloc[0] == pytest.approx(19.75)
    only_voluntary = productivity(facts, province="Bắc Kạn", scheme="voluntary_si")
    assert list(only_voluntary.table["event_kind"]) == ["launch_day"]
    assert productivity(facts, province="Bắc Giang").status == "refuse"
    month = frame([fact("m-1", "new_participants", 2000, "2024-05-31", quote="sau lễ ra quân")])
    assert productivity(month).status == "refuse"  # not dated to one day


def test_coverage_computed_and_reported(facts):
    c = coverage(facts, province="Bắc Giang", labour_force=1_000_000)
    assert c.computed_pct == pytest.approx(5.4) and str(c.as_of) == "2024-06-30"
    dh = coverage(facts, province="Phú Yên", district="Đông Hòa")
    assert dh.reported["value"].tolist() == [21.6] and bool(dh.reported["is_target"].iloc[0])
    assert "21,6%" in dh.describe("vi")
    assert coverage(facts, province="Bắc Giang").status == "refuse"
    with pytest.raises(ParameterError, match="labour_force"):
        coverage(facts, province="Bắc Giang", labour_force=0)


# --- projection --------------------------------------------------------------------------------


def test_projection_of_bac_giang_and_refusals(facts):
    stocks = stock_series(facts, province="Bắc Giang")
    p = projection(stocks, 51_100, "2025-12-31")
    assert p.ok and str(p.reached_on) == "2023-12-31"  # 51.241 ≥ 51.100: a year early
    assert p.pi_low < p.predicted < p.pi_high
    assert p.growth_ci[0] < p.annual_growth_pct < p.growth_ci[1]
    assert any("approximate" in w for w in p.warnings)
    two = projection(stocks.head(2), 51_100, "2025-12-31")
    assert two.status == "refuse" and "at least 3" in two.reason
    with pytest.raises(ParameterError):
        projection(stocks, 0, "2025-12-31")


def test_projection_recovers_rate_and_covers(rng):
    """Simulation: log-normal noise around 20% a year growth, 8 reports over 4 years."""
    rate, sigma, reps = np.log(1.2), 0.05, 300
    dates = pd.to_datetime(["2020-06-30", "2020-12-31", "2021-06-30", "2021-12-31",
                            "2022-06-30", "2022-12-31", "2023-06-30", "2023-12-31"])
    t = (dates - dates[0]).days / 365.25
    t_new = (pd.Timestamp("2025-12-31") - dates[0]).days / 365.25
    slopes, covered, implied_ok = [], 0, 0
    for _ in range(reps):
        y = 10_000 * np.exp(rate * t + sigma * rng.standard_normal(len(t)))
        p = projection(pd.Series(y, index=dates), 25_000, "2025-12-31")
        slopes.append(np.log1p(p.annual_growth_pct / 100))
        future = 10_000 * np.exp(rate * t_new + sigma * rng.standard_normal())
        covered += p.pi_low <= future <= p.pi_high
        implied_ok += p.implied_date is not None
    assert np.mean(slopes) == pytest.approx(rate, rel=0.03)
    assert 0.92 <= covered / reps <= 0.98
    assert implied_ok == reps


def test_projection_of_a_falling_trend_has_no_implied_date():
    s = pd.Series([100.0, 90, 80, 70], index=pd.date_range("2020-12-31", periods=4, freq="YE"))
    p = projection(s, 200, "2026-12-31")
    assert p.implied_date is None and any("never reaches" in w for w in p.warnings)


# --- summaries ---------------------------------------------------------------------------------


def test_summarize_legacy_is_traceable_and_json_ready(facts):
    s = summarize(facts, "Bac Giang")
    json.dumps(s)
    assert s["causal"] is False and s["tier"] == "press"
    assert s["latest_participants"]["value"] == 54000
    assert s["latest_participants"]["fact_id"] == "bg-01"
    assert s["latest_growth"]["fact_ids"] == ["bg-06", "bg-01"]
    assert s["attainment"]["computed_pct"] == pytest.approx(130.2586, abs=1e-3)
    assert [d["value"] for d in s["dropouts"]] == [918, 3456]
    assert s["projection"]["status"] == "refuse"
    assert "implausible_year" in s["projection"]["reason"]


def test_summarize_without_rows_is_made_once_and_handed_out_as_copies(facts, monkeypatch):
    """Places without press figures get the same refusals: the summary of a table without
    rows is made once per options, equals a fresh one for every place (its own "place"), and
    is handed out as a copy (changing one does not change the next); unknown places are still
    refused, and tables with rows are summarised every time."""
    from helpers.errors import UnknownPlaceError
    from helpers.indicators import summary

    empty = facts.iloc[0:0]
    places = ("Bắc Giang", "Bắc Kạn", "Phú Yên", "Hà Nội", None)
    fresh = {name: summary._summarize(empty, name, "legacy", "voluntary_si", None, "last_stated")
             for name in places}
    summary._WITHOUT_ROWS.clear()
    made = []
    original = summary.stock_series
    monkeypatch.setattr(summary, "stock_series",
                        lambda *a, **k: (made.append(1), original(*a, **k))[1])
    first = summarize(empty, "Bắc Giang", conflicts="last_stated")
    assert first == fresh["Bắc Giang"] and first["attainment"]["status"] == "refuse"
    first["attainment"]["fact_ids"].append("changed")
    first["stocks"].append({})
    for name in places[:-1]:
        shown = summarize(empty, name, conflicts="last_stated")
        assert shown == fresh[name] and shown["place"] == name
    assert len(made) == 1
    assert summarize(empty, None, conflicts="last_stated") == fresh[None] and len(made) == 2
    assert summarize(empty, "Bắc Giang")["place"] == "Bắc Giang" and len(made) == 3  # "omit"
    for _ in range(2):
        with pytest.raises(UnknownPlaceError, match="Atlantis"):
            summarize(empty, "Atlantis")
    summarize(facts, "Bắc Giang")
    summarize(facts, "Bắc Giang")
    assert len(made) == 5


def test_summarize_projects_to_a_dated_target(facts):
    dated = facts.copy()
    dated.loc[dated["fact_id"] == "bg-02", "period_end"] = pd.Timestamp("2025-12-31")
    s = summarize(dated, "Bắc Giang")
    assert s["projection"]["status"] == "ok" and s["projection"]["target_fact_id"] == "bg-02"
    with pytest.raises(ParameterError, match="level"):
        summarize(facts, "Bắc Giang", level="1990")


def test_2025_province_adds_only_shared_dates(facts):
    ninh = [fact("bn-1", "participants", 30000, "2022-12-31", province="Bắc Ninh"),
            fact("bn-2", "participants", 35000, "2023-12-31", province="Bắc Ninh"),
            fact("bn-3", "participants", 36000, "2024-03-31", province="Bắc Ninh")]
    both = pd.concat([facts, frame(ninh)], ignore_index=True)
    agg = aggregate_2025(both, "Bắc Ninh", members=["Bắc Giang", "Bắc Ninh"])
    assert agg.summed["value"].tolist() == [71098, 86241]
    assert agg.summed["fact_ids"].iloc[1] == "bg-06;bn-2"
    assert len(agg.side_by_side) == 3 and "side by side" in agg.warnings[0]
    s = summarize(both, "Bac Ninh", level="2025")
    assert set(s["members"]) == {"Bắc Giang", "Bắc Ninh"}
    assert s["latest_participants"]["value"] == 86241
    assert s["by_former_province"]["Bắc Giang"]["latest_participants"]["value"] == 54000
    json.dumps(s)
    refused = aggregate_2025(facts, "Thái Nguyên", members=["Thái Nguyên"])
    assert refused.status == "refuse"


def test_every_refusal_says_why_in_both_languages(facts):
    empty = facts.iloc[0:0]
    one_stock = pd.Series([1.0], index=pd.to_datetime(["2020-12-31"]))
    results = [
        growth(empty), attainment(empty), campaign_share(empty), campaign_yoy(empty),
        retention(empty), productivity(empty), coverage(empty),
        projection(one_stock, 10, "2025-12-31"), aggregate_2025(empty, "Thái Nguyên"),
    ]
    for result in results:
        assert result.status == "refuse" and result.causal is False
        assert result.reason and result.reason_vi, type(result).__name__
        assert result.reason_vi in result.describe("vi")


def test_bad_cells_are_named_by_row_and_column(facts):
    from helpers.errors import InvalidValueError

    as_text = facts.astype({"value": object, "is_target": object})
    as_text.loc[3, "value"] = "7.548 người"
    with pytest.raises(InvalidValueError, match=r"row 5, column 'value'.*7\.548 người"):
        select(as_text)
    as_text.loc[3, "value"] = 7548.0
    as_text["is_target"] = as_text["is_target"].map({True: "True", False: "False"})
    assert select(as_text, is_target=True)["fact_id"].tolist() == ["bg-02", "bg-10"]
    as_text.loc[0, "is_target"] = "maybe"
    with pytest.raises(InvalidValueError, match="is_target"):
        select(as_text)


def test_national_and_2025_summaries_with_labour_force(facts):
    national = frame([fact("vn-1", "participants", 1_830_000, "2023-12-31", province=""),
                      fact("vn-2", "participants", 1_450_000, "2021-12-31", province="")])
    s = summarize(national)
    assert s["latest_participants"]["value"] == 1_830_000
    assert s["growth"]["absolute"] == 380_000
    ninh = frame([fact("bn-2", "participants", 35000, "2023-12-31", province="Bắc Ninh")])
    both = pd.concat([facts, ninh], ignore_index=True)
    s2025 = summarize(both, "Bắc Ninh", level="2025", labour_force=2_000_000)
    assert s2025["coverage"]["computed_pct"] == pytest.approx(86241 / 2_000_000 * 100)
    assert s2025["coverage"]["fact_ids"] == ["bg-06", "bn-2"]


def test_stock_series_can_keep_the_figure_stated_last_and_still_name_the_conflict():
    rows = [fact("b-1", "participants", 21233, "2022-12-31"),
            fact("b-2", "participants", 41098, "2022-12-31"),
            fact("b-3", "participants", 40000, "2022-12-31", qualifier="approx"),
            fact("b-4", "participants", 51241, "2023-12-31")]
    stocks = stock_series(frame(rows), conflicts="last_stated")
    assert list(stocks["fact_id"]) == ["b-2", "b-4"]
    assert stocks.attrs["conflicts"][0]["kept"] == "b-2"
    assert growth(stocks).absolute == 51241 - 41098
    omitted = stock_series(frame(rows))
    assert list(omitted["fact_id"]) == ["b-4"] and omitted.attrs["conflicts"][0]["kept"] is None
    assert summarize(frame(rows), "Bắc Giang", conflicts="last_stated")["latest_growth"][
        "absolute"] == 51241 - 41098
    with pytest.raises(ParameterError, match="conflicts"):
        stock_series(frame(rows), conflicts="newest")


def test_local_shares_rank_the_largest_group_against_the_province_total():
    rows = [fact("p-1", "new_participants", 7555, PEAK[1], start=PEAK[0]),
            fact("p-2", "new_participants", 988, PEAK[1], start=PEAK[0], district="Việt Yên"),
            fact("p-3", "new_participants", 1374, PEAK[1], start=PEAK[0], district="Hiệp Hòa"),
            fact("q-1", "participants", 9000, "2023-12-31", district="Hiệp Hòa")]
    shares = local_shares(frame(rows), province="Bắc Giang")
    assert list(shares.table["name"]) == ["Hiệp Hòa", "Việt Yên"]
    assert shares.table["share_pct"].iloc[0] == pytest.approx(1374 / 7555 * 100)
    assert shares.named_share_pct == pytest.approx((1374 + 988) / 7555 * 100)
    assert shares.total == 7555 and shares.total_fact_id == "p-1"
    assert set(shares.fact_ids) == {"p-1", "p-2", "p-3"}
    alone = local_shares(frame(rows[1:]), province="Bắc Giang")
    assert alone.total is None and alone.named_share_pct is None
    refused = local_shares(frame(rows[:1]))
    assert refused.status == "refuse" and "huyện" in refused.reason_vi


def _select_by_pandas(facts, **where):
    """`select` as it was: every condition a pandas comparison (`_keep_by_pandas`)."""
    from helpers.indicators import facts as module

    def only_pandas(*_args):
        return None

    original = module._keep
    module._keep = only_pandas
    try:
        return select(facts, **where)
    finally:
        module._keep = original


def _all_selections():
    for province in (None, "", "Bắc Giang", "bac giang", "Phú Yên", "Bắc Kạn"):
        for district in (None, "*", "Hiep Hoa", "Đông Hòa"):
            if district in ("Hiep Hoa", "Đông Hòa") and not province:
                continue
            if district == "Hiep Hoa" and province not in ("Bắc Giang", "bac giang"):
                continue
            if district == "Đông Hòa" and province != "Phú Yên":
                continue
            for scheme in (None, "voluntary_si", "mixed", "social_insurance"):
                for indicator in (None, "participants", ["new_participants", "dropouts"]):
                    for is_target in (None, True, False):
                        yield dict(province=province, district=district, scheme=scheme,
                                   indicator=indicator, is_target=is_target)
    for province_2025 in ("Bac Ninh", "Thái Nguyên"):
        yield dict(province_2025=province_2025, scheme=None)


def test_select_by_python_strings_gives_the_rows_pandas_comparisons_gave(facts):
    """The row mask from the columns' strings (`_keep`) picks what pandas' comparisons picked,
    as the same frame (rows, order, index, types, attrs), on every combination of filters; a
    table with a missing cell in a compared column goes to pandas' comparisons."""
    from helpers.indicators import facts as module
    from helpers.io import load_facts
    from helpers.paths import ROOT

    report = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    picked = 0
    for table in (facts, report):
        for where in _all_selections():
            new, old = select(table, **where), _select_by_pandas(table, **where)
            pd.testing.assert_frame_equal(new, old)
            assert new.index.equals(old.index) and type(new.index) is type(old.index)
            assert new.attrs == old.attrs
            picked += len(new)
    assert picked > 100  # the combinations select rows, not only empty frames
    holes = module.check_facts(facts)  # checked, then a cell emptied: still "checked"
    holes.loc[3, "district"] = np.nan
    assert module.is_checked(holes)
    calls = []
    original = module._keep_by_pandas
    module._keep_by_pandas = lambda *a: calls.append(1) or original(*a)
    try:
        rows = select(holes, scheme=None, indicator="participants")
        assert calls  # a missing cell in a compared column: pandas decides
        calls.clear()
        select(facts, province="Bắc Giang")
        assert not calls  # a checked table of text: no pandas comparison
    finally:
        module._keep_by_pandas = original
    pd.testing.assert_frame_equal(rows, _select_by_pandas(holes, scheme=None,
                                                          indicator="participants"))
