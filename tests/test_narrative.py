"""Wording of helpers.narrative pinned for representative results, in Vietnamese and English."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import narrative
from helpers.narrative import Quantity

PEAK = dict(start=date(2024, 4, 1), end=date(2024, 5, 31))


def test_key_figures_bac_giang_vietnamese():
    text = narrative.key_figures(
        "Bắc Giang",
        stock=Quantity(51241, end=date(2023, 12, 31)),
        previous=Quantity(41098, end=date(2022, 12, 31)),
        change=(10143, 100 * 10143 / 41098),
        campaign_new=Quantity(7555, **PEAK),
        campaign_plan=Quantity(5800, **PEAK),
        attainment_pct=130.26,
        dropouts=Quantity(918, **PEAK),
        lang="vi",
    )
    assert text == (
        "Theo số liệu báo chí, đến cuối năm 2023 Bắc Giang có 51.241 người tham gia BHXH tự "
        "nguyện, tăng 10.143 người (24,7%) so với cuối năm 2022. Đợt vận động từ 01/4/2024 "
        "đến 31/5/2024 phát triển mới 7.555 người so với kế hoạch 5.800 người, đạt 130,26% "
        "kế hoạch. Có 918 người giảm từ 01/4/2024 đến 31/5/2024. "
        # The press's "giảm" also counts moves to compulsory insurance and retirements.
        "Số giảm trên báo chí gồm cả người dừng đóng, người chuyển sang BHXH bắt buộc và người "
        "được giải quyết chế độ hưu trí, không chỉ người bỏ tham gia."
    )


def test_key_figures_bac_giang_english():
    text = narrative.key_figures(
        "Bắc Giang",
        stock=Quantity(51241, end=date(2023, 12, 31)),
        campaign_new=Quantity(7555, **PEAK),
        campaign_plan=Quantity(5800, **PEAK),
        attainment_pct=130.26,
        lang="en",
    )
    assert text == (
        "According to press reports, Bắc Giang had 51,241 voluntary social insurance "
        "participants at the end of 2023. The campaign from 1 April 2024 to 31 May 2024 "
        "enrolled 7,555 new members against a plan of 5,800, 130.26% of plan."
    )


@pytest.mark.parametrize(
    ("qualifier", "vi", "en"),
    [
        ("nearly", "gần 54.000", "nearly 54,000"),
        ("more_than", "hơn 54.000", "more than 54,000"),
        ("approx", "khoảng 54.000", "about 54,000"),
        ("exact", "54.000", "54,000"),
    ],
)
def test_number_carries_its_qualifier(qualifier, vi, en):
    assert narrative.number(Quantity(54000, qualifier), "vi") == vi
    assert narrative.number(Quantity(54000, qualifier), "en") == en


@pytest.mark.parametrize(
    ("start", "end", "vi", "en"),
    [
        (date(2023, 1, 1), date(2023, 12, 31), "năm 2023", "in 2023"),
        (None, date(2022, 12, 31), "cuối năm 2022", "the end of 2022"),
        (date(2021, 7, 2), date(2021, 7, 2), "ngày 02/7/2021", "on 2 July 2021"),
        (date(2024, 1, 1), None, "từ 01/1/2024", "since 1 January 2024"),
        (None, None, "(không rõ thời điểm)", "(date unknown)"),
    ],
)
def test_periods_read_as_people_write_them(start, end, vi, en):
    assert narrative.period(start, end, "vi") == vi
    assert narrative.period(start, end, "en") == en


def test_retention_nets_dropouts_against_new_members():
    rows = [{"dropouts": Quantity(918, **PEAK), "new": Quantity(7555, **PEAK), "net": 6637,
             "ratio_pct": 918 / 7555 * 100}]
    assert narrative.retention(rows, lang="vi") == (
        "Theo số liệu báo chí, từ 01/4/2024 đến 31/5/2024 có 7.555 người tham gia mới và 918 "
        "người giảm, tăng ròng 6.637 người (số giảm bằng 12,2% số tham gia mới). "
        "Số giảm trên báo chí gồm cả người dừng đóng, người chuyển sang BHXH bắt buộc và người "
        "được giải quyết chế độ hưu trí, không chỉ người bỏ tham gia."
    )
    assert "a net gain of 6,637" in narrative.retention(rows, lang="en")


def test_campaigns_are_described_not_called_effects():
    rows = [
        {
            "achieved": Quantity(7555, **PEAK),
            "plan": Quantity(5800, **PEAK),
            "attainment_pct": 130.26,
            "change": 2355,
        }
    ]
    vi = narrative.campaigns(rows, n_events=2, lang="vi")
    en = narrative.campaigns(rows, n_events=2, lang="en")
    assert "tăng 2.355 người so với cùng đợt năm trước" in vi
    assert "không phải ước tính tác động nhân quả" in vi
    assert "2,355 more than the same campaign a year earlier" in en
    assert "they are not causal effect estimates" in en
    assert "effect of" not in en


def test_channels_per_event_says_its_bound():
    rows = [
        {
            "events": Quantity(140, "more_than", date(2020, 7, 11), date(2020, 7, 11)),
            "new": Quantity(1400, "nearly", date(2020, 7, 11), date(2020, 7, 11)),
            "per_event": 10.0,
            "bound": "upper_bound",
        }
    ]
    assert "bình quân tối đa 10,0 người mỗi sự kiện" in narrative.channels(rows, lang="vi")
    assert "at most 10.0 per event" in narrative.channels(rows, lang="en")
    rows[0]["bound"] = "approx"
    assert "bình quân khoảng 10,0 người" in narrative.channels(rows, lang="vi")
    del rows[0]["per_event"]
    assert "mỗi sự kiện" not in narrative.channels(rows, lang="vi")


def test_its_result_states_interval_extra_and_caveats():
    kwargs = dict(
        campaign="Đợt cao điểm 2024",
        rate_ratio=(1.5, 1.2, 1.9),
        extra=(600.4, 300.2, 900.9),
        status="ok",
        net=[(6, 540, 260, 810)],
    )
    vi = narrative.its_effect(**kwargs, lang="vi")
    en = narrative.its_effect(**kwargs, lang="en")
    assert "cao hơn 50,0% so với mức dự kiến" in vi
    assert "(khoảng tin cậy 95%: 20,0% đến 90,0%)" in vi
    assert "tương đương 600 người tham gia thêm (từ 300 đến 901)" in vi
    assert "sau 6 tháng: 540 (260–810)" in vi
    assert "giả định rằng xu hướng và mùa vụ" in vi
    assert "50.0% above" in en and "95% confidence interval 20.0% to 90.0%" in en


def test_refused_analysis_says_why_in_plain_words():
    text = narrative.its_effect(
        campaign="Tháng 5/2024",
        rate_ratio=None,
        extra=None,
        status="refuse",
        warnings=["Only 5 months before the campaign; at least 8 are needed."],
        lang="en",
    )
    assert text == (
        "No effect estimate for Tháng 5/2024: Only 5 months before the campaign; "
        "at least 8 are needed."
    )


def test_outlook_projection_and_refusal():
    target = Quantity(51100, "approx", end=date(2025, 12, 31))
    vi = narrative.outlook(
        target=target,
        projected=60123.4,
        interval=(52000, 70000),
        reach_date=date(2024, 3, 1),
        lang="vi",
    )
    assert vi.startswith("Mục tiêu: khoảng 51.100 người đến cuối năm 2025.")
    assert "dự kiến khoảng 60.123 (khoảng dự báo 95%: 52.000 đến 70.000)" in vi
    refused = narrative.outlook(target=target, refused="needs at least 3 dated stocks.", lang="en")
    assert refused == (
        "Target: about 51,100 by the end of 2025. No projection: needs at least 3 dated stocks."
    )


def test_evidence_tier_separates_press_from_monthly_data():
    vi = narrative.evidence_tier(has_press=True, has_panel=False, simulated=False, lang="vi")
    en = narrative.evidence_tier(has_press=True, has_panel=True, simulated=True, lang="en")
    assert "không chứng minh quan hệ nhân quả" in vi
    assert "do not show cause and effect" in en and "simulated, not real" in en


def test_no_data_is_one_line():
    assert narrative.no_data("kênh vận động", "vi") == "Chưa có số liệu về kênh vận động."
    assert narrative.nothing_at_all("Cà Mau", "en").startswith("There are no data on Cà Mau")


def test_its_diagnostics_list_what_was_checked():
    diagnostics = {"n_pre": 16, "n_post": 56, "ljung_box_p": 0.554, "dispersion": 1.19}
    assert narrative.its_diagnostics(diagnostics, lang="vi") == (
        "Kiểm tra mô hình: 16 tháng trước và 56 tháng từ can thiệp đầu tiên; Ljung-Box p = 0,55; "
        "độ phân tán = 1,19."
    )
    assert "Ljung-Box p = 0.55" in narrative.its_diagnostics(diagnostics, lang="en")
    assert narrative.its_diagnostics({}, lang="en") == ""


def test_conflicting_figures_are_named_not_hidden():
    assert narrative.conflict(date(2022, 12, 31), [21233, 41098], lang="vi") == (
        " Lưu ý: các bài báo cho 2 số khác nhau (21.233, 41.098) cho cùng thời điểm cuối năm "
        "2022; báo cáo dùng số được nêu sau cùng trong bài."
    )


def test_districts_state_the_share_they_are_given():
    rows = [{"name": "Hiệp Hòa", "value": Quantity(1374, **PEAK)},
            {"name": "Việt Yên", "value": Quantity(988, **PEAK)}]
    total = Quantity(7555, **PEAK)
    vi = narrative.districts(rows, total=total, named_share_pct=31.26, lang="vi")
    assert "2 địa phương được nêu tên chiếm 31,3% tổng số 7.555" in vi
    assert "chiếm" not in narrative.districts(rows, total=None, lang="vi")


def test_its_paragraph_shows_the_notes_in_the_report_language():
    from helpers.notes import Note

    note = Note("Residuals are autocorrelated.", "Phần dư còn tự tương quan.")
    kwargs = dict(campaign="Đợt cao điểm 2024", rate_ratio=(1.5, 1.2, 1.9), extra=None,
                  status="warn", warnings=[note])
    assert "Lưu ý: Phần dư còn tự tương quan." in narrative.its_effect(**kwargs, lang="vi")
    assert "Caveats: Residuals are autocorrelated." in narrative.its_effect(**kwargs, lang="en")
    refused = narrative.its_effect(**{**kwargs, "status": "refuse"}, lang="vi")
    assert "Phần dư" in refused and "Residuals" not in refused


def test_national_league_names_the_leaders_and_agrees_in_number():
    from helpers.narrative.national import league

    rows = [{"province": "Thanh Hóa", "participants": 95420},
            {"province": "Nghệ An", "participants": 90105},
            {"province": "Hà Nội", "participants": 80000},
            {"province": "Bắc Giang", "participants": 51241}]
    vi = league(rows, level="2025", lang="vi")
    assert vi.startswith("Có số liệu cho 4 tỉnh sau sáp nhập 2025.")
    assert "Thanh Hóa (95.420), Nghệ An (90.105), Hà Nội (80.000)." in vi
    assert "Bắc Giang" not in vi  # the top three only
    assert league(rows[:1], level="legacy", lang="en").startswith("1 former province has data.")
    assert league(rows, level="legacy", lang="en").startswith("4 former provinces have data.")
    assert league([], level="legacy", lang="en") == "No data on any province yet."


def test_national_correlation_is_described_not_called_an_effect():
    from helpers.narrative.national import growth_vs_intensity

    assert growth_vs_intensity(2, 0.9, lang="en").startswith("No data on enough provinces")
    assert growth_vs_intensity(12, None, lang="vi").startswith("Chưa có số liệu")
    vi = growth_vs_intensity(12, 0.4213, lang="vi")
    assert "Trên 12 tỉnh" in vi and "là 0,42." in vi
    en = growth_vs_intensity(12, -0.4213, lang="en")
    assert "is -0.42." in en and "says nothing about what campaigns cause" in en


def test_national_attainment_counts_provinces_at_or_above_plan():
    from helpers.narrative.national import attainment

    rows = [{"province": "Bắc Giang", "attainment_pct": 130.26},
            {"province": "Nghệ An", "attainment_pct": 100.0},
            {"province": "Hà Tĩnh", "attainment_pct": 99.9}]
    en = attainment(rows, lang="en")
    assert en.startswith("According to press reports, 2 of 3 provinces met or beat")
    assert "Hà Tĩnh (99.9%)" in en
    assert "2/3 tỉnh đạt hoặc vượt" in attainment(rows, lang="vi")
    assert "Bắc Giang (130,26%)" in attainment(rows, lang="vi")
