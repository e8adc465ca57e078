"""Districts whose province has two units of one name (huyện and thị xã / thành phố Cai Lậy):
each is one unit in the data, the parameters, the file names and the batch plan."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from helpers import geo
from helpers.errors import ParameterError
from helpers.geo_tables import read_reference
from helpers.io import load_panel
from helpers.report import load_report_data, places_with_data, report_slug, validate_parameters
from helpers.report.demo import build_demo
from helpers.text import fold, slugify


def _pairs() -> dict[tuple[str, str], list[geo.District]]:
    """(province, name) -> its units, for the names two units of one province share, read from
    the reference table (not typed here)."""
    units = [geo.District(r["code"], r["district"], r["kind"], r["province"])
             for r in read_reference("districts_legacy.csv")]
    count = Counter((u.province, u.name) for u in units)
    shared: dict[tuple[str, str], list[geo.District]] = {}
    for unit in units:
        if count[(unit.province, unit.name)] > 1:
            shared.setdefault((unit.province, unit.name), []).append(unit)
    return shared


SHARED = _pairs()


def test_the_reference_has_the_six_pairs_the_issue_names():
    assert sorted(SHARED) == sorted([
        ("Đồng Tháp", "Cao Lãnh"), ("Đồng Tháp", "Hồng Ngự"), ("Hà Tĩnh", "Kỳ Anh"),
        ("Hậu Giang", "Long Mỹ"), ("Tiền Giang", "Cai Lậy"), ("Trà Vinh", "Duyên Hải"),
    ])
    assert all(len(units) == 2 and len({u.kind for u in units}) == 2
               for units in SHARED.values())


def test_every_legacy_district_has_its_own_label_and_only_the_shared_names_carry_the_kind():
    units = [geo.District(r["code"], r["district"], r["kind"], r["province"])
             for r in read_reference("districts_legacy.csv")]
    labels = [(u.province, geo.district_label(u)) for u in units]
    assert len(units) == 696 and len(set(labels)) == 696
    slugs = {(p, slugify(label)) for p, label in labels}
    assert len(slugs) == 696  # one file name each
    typed = {(u.province, u.name) for u in units if geo.district_label(u) != u.name}
    assert typed == set(SHARED)
    for units_ in SHARED.values():
        for unit in units_:
            assert geo.district_label(unit) == f"{unit.kind} {unit.name}"


@pytest.mark.parametrize("pair", sorted(SHARED), ids=lambda p: slugify(p[1]))
def test_both_units_of_a_shared_name_are_reached_and_the_bare_name_is_refused(pair, tmp_path):
    (folder := tmp_path / "data").mkdir()
    (folder / "facts.csv").write_text(
        "fact_id,article_id,province,province_2025,district,commune,scheme,indicator,is_target,"
        "value,qualifier,period_start,period_end,quote,flags\n", encoding="utf-8")
    province, name = pair
    seen = set()
    for unit in SHARED[pair]:
        for spelling, where in ((f"{unit.kind} {name}", province), (fold(f"{unit.kind} {name}"),
                                                                       fold(province)),
                                (f"{unit.kind} {name}", "")):
            params = validate_parameters(where, data_dir=folder, unit="district",
                                         district=spelling)
            assert (params.province, params.district, params.district_kind) == (
                province, f"{unit.kind} {name}", unit.kind)
            assert report_slug(params) == (
                f"{slugify(province)}/district-{slugify(unit.kind)}-{slugify(name)}")
            seen.add(report_slug(params))
    assert len(seen) == 2
    for where in (province, ""):
        with pytest.raises(ParameterError, match="names 2 districts in .*type word") as caught:
            validate_parameters(where, data_dir=folder, unit="district", district=fold(name))
        message = str(caught.value)
        assert all(f"{u.kind} {name}" in message for u in SHARED[pair])


def test_an_unshared_name_keeps_its_file_name_and_gets_its_kind(tmp_path):
    (folder := tmp_path / "data").mkdir()
    (folder / "facts.csv").write_text("fact_id,article_id,province,province_2025,district,"
                                      "commune,scheme,indicator,is_target,value,qualifier,"
                                      "period_start,period_end,quote,flags\n", encoding="utf-8")
    params = validate_parameters("Tiền Giang", data_dir=folder, unit="district",
                                 district="TP My Tho")
    assert (params.district, params.district_kind) == ("Mỹ Tho", "thành phố")
    assert report_slug(params) == "tien-giang/district-my-tho"


def test_a_panel_keeps_both_units_apart_and_derives_their_kind(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_text(
        "province,district,month,scheme,participants,new_participants,dropouts\n"
        "Tien Giang,TX Cai Lậy,2024-01,voluntary_si,500,10,5\n"
        "Tiền Giang,huyen cai lay,2024-01,voluntary_si,900,20,5\n"
        "Tiền Giang,My Tho,2024-01,voluntary_si,800,20,5\n"
        "Tiền Giang,,2024-01,voluntary_si,2200,50,15\n", encoding="utf-8")
    panel = load_panel(path)
    got = dict(zip(panel["district"], panel["district_kind"], strict=True))
    assert got == {"thị xã Cai Lậy": "thị xã", "huyện Cai Lậy": "huyện", "Mỹ Tho": "thành phố",
                   "": ""}
    assert list(panel.columns)[-1] == "district_kind"  # the contract's columns keep their place


def test_a_panel_written_before_the_kind_column_loads_and_a_wrong_kind_is_not_trusted(tmp_path):
    old = pd.DataFrame({
        "province": ["Hà Tĩnh", "Hà Tĩnh"], "district": ["thị xã Kỳ Anh", "huyện Kỳ Anh"],
        "month": ["2024-01", "2024-01"], "scheme": ["voluntary_si"] * 2,
        "participants": [1, 2], "new_participants": [1, 1], "dropouts": [0, 0],
    })
    old.to_parquet(tmp_path / "old.parquet")
    assert list(load_panel(tmp_path / "old.parquet")["district_kind"]) == ["huyện", "thị xã"]
    old.assign(district_kind=["huyện", "huyện"]).to_parquet(tmp_path / "wrong.parquet")
    assert list(load_panel(tmp_path / "wrong.parquet")["district_kind"]) == ["huyện", "thị xã"]


#: Five more provinces, so that the demo panel has the 10 units the comparison needs.
OTHERS = ["Bắc Giang", "Nghệ An", "Phú Yên", "Hòa Bình", "Ninh Bình"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo panel of the five provinces with shared names and five others."""
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, provinces=sorted({p for p, _ in SHARED}) + OTHERS)
    return folder


def test_the_demo_panel_carries_each_unit_with_its_kind(demo):
    panel = pd.read_parquet(demo / "panel.parquet")
    units = panel[["province", "district", "district_kind"]].drop_duplicates()
    expected = sum(len(geo.districts(p)) for p in {p for p, _ in SHARED} | set(OTHERS))
    assert len(units) == expected and not units.duplicated(["province", "district"]).any()
    for (province, name), pair in SHARED.items():
        for unit in pair:
            row = units[(units["province"] == province)
                        & (units["district"] == f"{unit.kind} {name}")]
            assert list(row["district_kind"]) == [unit.kind]


def test_the_batch_plans_one_report_for_each_district_and_each_reads_its_own_rows(demo, tmp_path):
    import helpers.report as backend
    from helpers.batch.jobs import plan_jobs

    found = places_with_data(demo, "legacy", "district")
    jobs = plan_jobs(None, level="legacy", langs=("vi",), data_dir=demo, out_dir=tmp_path,
                     notebook=backend.NOTEBOOK, backend=backend, unit="district")
    assert len(jobs) == sum(map(len, found.values())) == len(
        pd.read_parquet(demo / "panel.parquet").drop_duplicates(["province", "district"]))
    assert len({job.slug for job in jobs}) == len(jobs)
    panel = load_panel(demo / "panel.parquet")
    for (province, name), pair in SHARED.items():
        for unit in pair:
            label = f"{unit.kind} {name}"
            [job] = [j for j in jobs if j.province == province and j.place == label]
            data = load_report_data(job.params)
            mine = panel[(panel["province"] == province) & (panel["district"] == label)]
            assert data.panel["participants"].sum() == mine["participants"].sum()


def test_a_bare_shared_name_in_the_facts_makes_no_report_of_its_own(demo, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("panel.parquet", "SIMULATED.json"):
        (folder / name).write_bytes((demo / name).read_bytes())
    (folder / "facts.csv").write_text(
        "fact_id,article_id,province,province_2025,district,commune,scheme,indicator,is_target,"
        "value,qualifier,period_start,period_end,quote,flags\n"
        "f1,a1,Tiền Giang,Đồng Tháp,Cai Lậy,,voluntary_si,participants,False,500,exact,,"
        "2024-12-31,Cai Lậy 500,\n", encoding="utf-8")
    places = places_with_data(folder, "legacy", "district", ["Tiền Giang"])["Tiền Giang"]
    assert "Cai Lậy" not in places
    assert {"huyện Cai Lậy", "thị xã Cai Lậy"} <= set(places)
    # Either unit may be meant: both reports show the figure, flagged; no other report does.
    for district, shown in (("huyện Cai Lậy", True), ("tx Cai Lậy", True), ("Mỹ Tho", False)):
        params = validate_parameters("Tiền Giang", data_dir=folder, unit="district",
                                     district=district)
        data = load_report_data(params)
        assert list(data.facts["fact_id"]) == (["f1"] if shown else [])
        assert all(f.split(";")[-1] == "district_kind_unknown" for f in data.facts["flags"])
        if shown:  # the figure is told as the district's, its doubt worded beside it
            from helpers.report.sections import key_figures

            section = key_figures(data, "vi")
            assert f"{params.district} có 500 người" in section.text
            assert "Tiền Giang có 500" not in section.text
            assert "huyện hay thị xã" in section.table.to_string()


def test_a_validated_copy_from_before_the_kind_column_is_made_again(tmp_path):
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from helpers.report.validated import STAMP_KEY, _stamp, validated_panel, validated_path

    pd.DataFrame({
        "province": ["Hà Tĩnh"], "district": ["thị xã Kỳ Anh"], "month": ["2024-01"],
        "scheme": ["voluntary_si"], "participants": [1], "new_participants": [1], "dropouts": [0],
    }).to_parquet(tmp_path / "panel.parquet")
    old = load_panel(tmp_path / "panel.parquet").drop(columns="district_kind")
    stamp = {k: v for k, v in _stamp(tmp_path / "panel.parquet").items() if k != "derived"}
    table = pa.Table.from_pandas(old, preserve_index=False)
    copy = validated_path(tmp_path)
    copy.parent.mkdir()
    pq.write_table(table.replace_schema_metadata({STAMP_KEY: json.dumps(stamp).encode()}), copy)
    assert list(validated_panel(tmp_path, ["Hà Tĩnh"])["district_kind"]) == ["thị xã"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_district_report_names_its_kind_and_says_its_comparison_is_the_provinces(demo, lang):
    from helpers.report.analysis import run_sections
    from helpers.report.view import header_html

    params = validate_parameters("Tiền Giang", lang=lang, data_dir=demo, unit="district",
                                 district="tx cai lay")
    data = load_report_data(params)
    header = header_html(params, members=data.members)
    title = "Báo cáo thị xã Cai Lậy (Tiền Giang)" if lang == "vi" else "Cai Lậy town (Tiền Giang)"
    assert title in header and "huyện thị xã" not in header
    sections = run_sections(data, lang)
    compared = sections["comparison"]
    assert compared is not None and "thị xã Cai Lậy" in compared.text
    assert ("cấp tỉnh" if lang == "vi" else "province totals") in compared.text
    its_name = "chuỗi thời gian" if lang == "vi" else "interrupted"
    first = compared.table.columns[0]
    assert not compared.table[first].str.contains(its_name, case=False).any()
    outlook = sections["outlook"].text
    assert ("lao động của thị xã Cai Lậy" if lang == "vi" else "thị xã Cai Lậy's labour force") \
        in outlook
    assert "của tỉnh" not in outlook and "province's" not in outlook


def test_a_commune_report_names_its_own_figures_and_its_missing_panel(tmp_path):
    import shutil

    from helpers.report.analysis import run_sections

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "report", folder)
    facts = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
    row = facts.iloc[[0]].assign(fact_id="c1", district="Hiệp Hòa", commune="Danh Thắng",
                                 value="321", indicator="participants")
    pd.concat([facts, row]).to_csv(folder / "facts.csv", index=False)
    params = validate_parameters("Bắc Giang", lang="en", data_dir=folder, unit="commune",
                                 district="xa danh thang")
    assert params.district_kind == "xã"
    sections = run_sections(load_report_data(params), "en")
    assert "for Danh Thắng" in sections["its"].text and "province" not in sections["its"].text
    every = " ".join(s.text for s in sections.values() if s is not None)
    assert "Danh Thắng" in every and "Bắc Giang, " not in every


def test_a_2025_ward_with_or_without_its_type_word_is_one_report(tmp_path):
    (folder := tmp_path / "data").mkdir()
    (folder / "facts.csv").write_text("fact_id,article_id,province,province_2025,district,"
                                      "commune,scheme,indicator,is_target,value,qualifier,"
                                      "period_start,period_end,quote,flags\n", encoding="utf-8")
    seen = set()
    for spelling in ("phường Cao Xanh", "Cao Xanh", "PHUONG CAO XANH"):
        params = validate_parameters("Quảng Ninh", "2025", data_dir=folder, unit="commune",
                                     district=spelling)
        assert (params.district, params.district_kind) == ("Cao Xanh", "phường")
        seen.add(report_slug(params))
    assert seen == {"2025-quang-ninh/commune-cao-xanh"}
    with pytest.raises(ParameterError, match="not a commune we know in Quảng Ninh"):
        validate_parameters("Quảng Ninh", "2025", data_dir=folder, unit="commune",
                            district="Cao Xan")


def test_the_index_of_a_district_batch_heads_its_column_with_place_not_province(tmp_path):
    from helpers.batch.index import render_index
    from helpers.batch.manifest import Manifest

    def record(slug, place=""):
        return {"kind": "province", "province": "Tiền Giang", "province_2025": "Đồng Tháp",
                "slug": slug, "lang": "vi", "status": "built", "error": None, "key_figures": {},
                "place": place}

    for records, head in (([record("tien-giang")], "Tỉnh / Province"),
                          ([record("tien-giang/district-thi-xa-cai-lay", "thị xã Cai Lậy"),
                            record("tien-giang/district-huyen-cai-lay", "huyện Cai Lậy")],
                           "Địa bàn / Place")):
        m = Manifest(tmp_path / "manifest.json")
        m.reports = {f"{r['slug']}.vi": r for r in records}
        m.run = {"finished_at": "2026-11-23T15:00:00+00:00", "level": "legacy"}
        page = render_index(m, tmp_path, data_version="x", summary="")
        assert f"<th>{head}</th>" in page
        assert all(f"{r['place']} (Tiền Giang)" in page for r in records if r["place"])
