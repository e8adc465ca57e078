"""District and commune reports: parameters, file names, the data they read, and the batch plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.batch.jobs import plan_jobs, safe_output_path
from helpers.errors import ParameterError
from helpers.report import load_report_data, places_with_data, report_slug, validate_parameters
from helpers.report.analysis import run_sections
from helpers.report.view import header_html

FIXTURE = Path(__file__).parent / "fixtures" / "report"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The report fixture plus a small monthly panel: two districts of Bắc Giang and the
    province totals, 24 months."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    months = pd.date_range("2023-01-01", periods=24, freq="MS")
    rows = []
    for district, base in (("", 5000), ("Hiệp Hòa", 700), ("Yên Thế", 300)):
        for i, month in enumerate(months):
            rows.append({
                "province": "Bắc Giang", "province_2025": "Bắc Ninh", "district": district,
                "month": month, "scheme": "voluntary_si", "participants": base + 10 * i,
                "new_participants": base // 50, "dropouts": base // 100,
            })
    pd.DataFrame(rows).to_parquet(folder / "panel.parquet")
    return folder


def test_a_district_is_found_by_its_name_and_goes_in_its_province_folder(data_dir):
    params = validate_parameters("", data_dir=data_dir, unit="district", district="hiep hoa")
    assert (params.province, params.district, params.unit) == ("Bắc Giang", "Hiệp Hòa", "district")
    assert report_slug(params) == "bac-giang/district-hiep-hoa"
    path = safe_output_path(data_dir / "out", report_slug(params), "vi", "html")
    assert path == (data_dir / "out" / "bac-giang" / "district-hiep-hoa.vi.html").resolve()


def test_a_name_shared_by_districts_of_two_provinces_needs_the_province(data_dir):
    with pytest.raises(ParameterError, match="names several districts.*add --province") as caught:
        validate_parameters("", data_dir=data_dir, unit="district", district="Tan Chau")
    assert "Tây Ninh" in str(caught.value) and "An Giang" in str(caught.value)
    params = validate_parameters(
        "Tay Ninh", data_dir=data_dir, unit="district", district="Tan Chau"
    )
    assert (params.province, params.district) == ("Tây Ninh", "Tân Châu")


def test_districts_are_refused_on_the_2025_map_and_slugs_nest_one_folder_only(data_dir):
    with pytest.raises(ParameterError, match="legacy map"):
        validate_parameters("Bắc Ninh", "2025", data_dir=data_dir, unit="district",
                            district="Hiệp Hòa")
    for slug in ("a/b/c", "../x/y", "bac-giang/../../etc"):
        with pytest.raises(ParameterError):
            safe_output_path(data_dir, slug, "vi", "html")


def test_a_district_report_reads_its_own_figures_and_its_panel_rows(data_dir):
    params = validate_parameters("Bắc Giang", data_dir=data_dir, unit="district",
                                 district="Hiệp Hòa")
    data = load_report_data(params)
    assert list(data.facts["value"]) == [1374]  # the district's press figure, now its headline
    assert (data.facts["district"] == "").all()
    assert set(data.panel["district"]) == {""} and data.panel["participants"].iloc[0] == 700
    sections = run_sections(data, "vi")
    text = sections["key_figures"].text
    assert "Hiệp Hòa" in text and "930" in text  # 700 + 10 * 23 participants in the last month
    assert "Bắc Giang có" not in text
    header = header_html(params, members=data.members)
    assert "huyện Hiệp Hòa (Bắc Giang)" in header


def test_a_commune_report_has_press_figures_only_and_says_why(data_dir):
    facts = pd.read_csv(data_dir / "facts.csv", dtype=str, keep_default_na=False)
    row = facts.iloc[[0]].assign(fact_id="c1", district="Hiệp Hòa", commune="Đức Thắng",
                                 value="321", indicator="new_participants")
    pd.concat([facts, row]).to_csv(data_dir / "facts.csv", index=False)
    params = validate_parameters("Bắc Giang", lang="en", data_dir=data_dir, unit="commune",
                                 district="duc thang")
    data = load_report_data(params)
    assert params.district == "Đức Thắng" and list(data.facts["value"]) == [321]
    assert data.panel is None
    header = header_html(params, members=data.members)
    assert "has no commune column" in header


def test_a_unit_without_data_gets_a_one_sentence_report(data_dir):
    params = validate_parameters("Bắc Giang", data_dir=data_dir, unit="district",
                                 district="Sơn Động")
    data = load_report_data(params)
    assert data.is_empty
    header = header_html(params, members=data.members, empty=True)
    assert "Chưa có số liệu nào về huyện Sơn Động (Bắc Giang)" in header


def test_the_batch_plans_one_report_per_district_with_data(data_dir, tmp_path):
    import helpers.report as backend

    assert places_with_data(data_dir, "legacy", "district", ["Bắc Giang"]) == {
        "Bắc Giang": ["Hiệp Hòa", "Lạng Giang", "Lục Ngạn", "Tân Yên", "Việt Yên", "Yên Thế"]
    }
    jobs = plan_jobs(["bac giang"], level="legacy", langs=("vi",), data_dir=data_dir,
                     out_dir=tmp_path / "out", notebook=backend.NOTEBOOK, backend=backend,
                     unit="district")
    assert [job.key for job in jobs][:2] == [
        "bac-giang/district-hiep-hoa.vi", "bac-giang/district-lang-giang.vi"
    ]
    assert {job.place for job in jobs} >= {"Yên Thế", "Hiệp Hòa"}
    [one] = plan_jobs(["bac giang"], level="legacy", langs=("en",), data_dir=data_dir,
                      out_dir=tmp_path / "out", notebook=backend.NOTEBOOK, backend=backend,
                      unit="district", district="Yen The")
    assert one.key == "bac-giang/district-yen-the.en"
