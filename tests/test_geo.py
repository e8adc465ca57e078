"""Tests for helpers.geo: the 63 -> 34 crosswalk, spellings, errors, scanning, and no network."""

from __future__ import annotations

import csv
import importlib.util
import socket
import unicodedata

import pytest

from helpers import geo, paths
from helpers.errors import DataError, UnknownPlaceError

UNCHANGED = ["Hà Nội", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
             "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng"]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a socket (the package's geocoder would) fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("helpers.geo tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _crosswalk() -> list[dict[str, str]]:
    with paths.CROSSWALK.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_crosswalk_has_63_provinces_and_34_targets():
    rows = _crosswalk()
    assert len(rows) == 63
    assert len({r["code"] for r in rows}) == 63
    assert len({r["province_2025"] for r in rows}) == 34
    assert len({r["code_2025"] for r in rows}) == 34
    assert len(geo.provinces()) == 63
    assert len(geo.provinces("2025")) == 34


def test_every_legacy_province_resolves_by_its_own_name():
    for row in _crosswalk():
        unit = geo.resolve_province(row["province"])
        assert (unit.code, unit.name_2025) == (row["code"], row["province_2025"])


@pytest.mark.parametrize("name", UNCHANGED)
def test_unchanged_provinces_map_to_themselves(name):
    unit = geo.resolve_province(name)
    assert unit.name == name
    assert unit.name_2025 == name
    assert geo.resolve_province_2025(name).members == (name,)


def test_thua_thien_hue_is_the_2025_city_of_hue():
    unit = geo.resolve_province("Thừa Thiên Huế")
    assert (unit.name, unit.name_2025, unit.code, unit.code_2025) == (
        "Thừa Thiên Huế", "Huế", "46", "46")
    assert geo.resolve_province_2025("Huế").members == ("Thừa Thiên Huế",)


def test_unchanged_set_is_exactly_eleven():
    single = [p for p in geo.provinces("2025") if len(p.members) == 1]
    assert len(single) == 11


@pytest.mark.parametrize(("old", "new"), [
    ("Bắc Giang", "Bắc Ninh"), ("Bắc Kạn", "Thái Nguyên"), ("Phú Yên", "Đắk Lắk"),
    ("Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"), ("Bình Dương", "TP. Hồ Chí Minh"),
    ("TP. Hồ Chí Minh", "TP. Hồ Chí Minh"), ("Nghệ An", "Nghệ An"), ("Hòa Bình", "Phú Thọ"),
])
def test_domain_examples_of_the_merger(old, new):
    assert geo.province_2025_of(old) == new


def test_province_2025_members_and_lookup_by_member():
    hcm = geo.resolve_province_2025("Vũng Tàu")
    assert hcm.name == "TP. Hồ Chí Minh"
    assert set(hcm.members) == {"Bà Rịa - Vũng Tàu", "Bình Dương", "TP. Hồ Chí Minh"}
    assert geo.resolve_province_2025("Bac Giang") == geo.resolve_province_2025("Bắc Ninh")


@pytest.mark.parametrize(("spelling", "canonical"), [
    ("tỉnh Bắc Giang", "Bắc Giang"), ("Bac Giang", "Bắc Giang"), ("BẮC GIANG", "Bắc Giang"),
    ("bac giang", "Bắc Giang"), ("  Bắc   Giang ", "Bắc Giang"),
    ("TP. HCM", "TP. Hồ Chí Minh"), ("TP HCM", "TP. Hồ Chí Minh"), ("TP.HCM", "TP. Hồ Chí Minh"),
    ("HCM", "TP. Hồ Chí Minh"), ("Hồ Chí Minh", "TP. Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh"), ("Sài Gòn", "TP. Hồ Chí Minh"),
    ("Thừa Thiên Huế", "Thừa Thiên Huế"), ("Thừa Thiên-Huế", "Thừa Thiên Huế"),
    ("Huế", "Thừa Thiên Huế"), ("thành phố Huế", "Thừa Thiên Huế"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("BR-VT", "Bà Rịa - Vũng Tàu"), ("Đắk Lắk", "Đắk Lắk"), ("Đắc Lắc", "Đắk Lắk"),
    ("Dak Lak", "Đắk Lắk"), ("Đắk Nông", "Đắk Nông"), ("Dak Nong", "Đắk Nông"),
    ("Hòa Bình", "Hòa Bình"), ("Hoà Bình", "Hòa Bình"), ("Khánh Hoà", "Khánh Hòa"),
    ("Bắc Ninh", "Bắc Ninh"), ("tỉnh Hà Nội", "Hà Nội"), ("Thanh Hoá", "Thanh Hóa"),
])
def test_spellings_resolve_to_one_canonical_province(spelling, canonical):
    assert geo.resolve_province(spelling).name == canonical


@pytest.mark.parametrize("name", ["Hoà Bình", "Đắk Lắk", "tỉnh Bắc Giang"])
def test_nfd_input_resolves(name):
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    assert geo.resolve_province(nfd) == geo.resolve_province(name)


def test_unknown_province_names_the_input_and_closest_matches():
    with pytest.raises(UnknownPlaceError) as info:
        geo.resolve_province("Bac Giangg")
    assert "Bac Giangg" in str(info.value)
    assert info.value.candidates[0] == "Bắc Giang"
    assert "Bắc Giang" in str(info.value)


@pytest.mark.parametrize("name", ["", "Atlantis", "toàn quốc"])
def test_nonsense_raises_never_returns_none(name):
    with pytest.raises(UnknownPlaceError):
        geo.resolve_province(name)


@pytest.mark.parametrize("value", [None, float("nan"), 24])
def test_non_text_raises_a_place_error(value):
    with pytest.raises(UnknownPlaceError, match="not a place name"):
        geo.resolve_province(value)
    with pytest.raises(UnknownPlaceError, match="not a place name"):
        geo.resolve_district(value, "Bắc Giang")


def test_every_2025_province_resolves_to_itself():
    for unit in geo.provinces("2025"):
        assert geo.resolve_province_2025(unit.name) == unit
        assert unit.name in [geo.resolve_province(m).name_2025 for m in unit.members]


@pytest.mark.parametrize("name", ["huyện Bắc Giang", "thành phố Bắc Giang", "xã Nghệ An"])
def test_district_level_type_word_is_not_a_province(name):
    with pytest.raises(UnknownPlaceError, match="type word"):
        geo.resolve_province(name)


def test_district_given_as_province_says_so():
    with pytest.raises(UnknownPlaceError, match="is a district") as info:
        geo.resolve_province("Hiệp Hòa")
    assert info.value.candidates == ["huyện Hiệp Hòa (Bắc Giang)"]


def test_provinces_rejects_unknown_level():
    with pytest.raises(ValueError, match="legacy"):
        geo.provinces("2030")


@pytest.mark.parametrize(("spelling", "province", "name", "kind"), [
    ("thị xã Đông Hòa", "Phú Yên", "Đông Hòa", "thị xã"),
    ("Đông Hoà", "Phu Yen", "Đông Hòa", "thị xã"),
    ("TX Đông Hòa", "Phú Yên", "Đông Hòa", "thị xã"),
    ("TX. Đông Hòa", "Phú Yên", "Đông Hòa", "thị xã"),
    ("huyện Đông Hòa", "Phú Yên", "Đông Hòa", "thị xã"),
    ("huyện Hiệp Hòa", "Bắc Giang", "Hiệp Hòa", "huyện"),
    ("Hiep Hoa", "Bắc Giang", "Hiệp Hòa", "huyện"),
    ("Hiep Hoa", None, "Hiệp Hòa", "huyện"),
    ("TP. Bắc Giang", "Bắc Giang", "Bắc Giang", "thành phố"),
    ("thành phố Bắc Giang", "Bắc Giang", "Bắc Giang", "thành phố"),
    ("thị xã Kỳ Anh", "Hà Tĩnh", "Kỳ Anh", "thị xã"),
    ("Quận 1", "TP HCM", "Quận 1", "quận"),
    ("Q.3", "TP HCM", "Quận 3", "quận"),
    ("M'Drắk", "Đắk Lắk", "M'Đrắk", "huyện"),
])
def test_district_spellings(spelling, province, name, kind):
    unit = geo.resolve_district(spelling, province)
    assert (unit.name, unit.kind) == (name, kind)


def test_ambiguous_district_lists_every_candidate():
    with pytest.raises(UnknownPlaceError, match="names 2 districts") as info:
        geo.resolve_district("Kỳ Anh", "Hà Tĩnh")
    assert set(info.value.candidates) == {"huyện Kỳ Anh (Hà Tĩnh)", "thị xã Kỳ Anh (Hà Tĩnh)"}


def test_district_name_in_several_provinces_needs_a_province():
    with pytest.raises(UnknownPlaceError, match="districts"):
        geo.resolve_district("Châu Thành")
    assert geo.resolve_district("Châu Thành", "Tây Ninh").province == "Tây Ninh"


def test_district_of_another_province_is_unknown_there():
    with pytest.raises(UnknownPlaceError, match="no district in Phú Yên") as info:
        geo.resolve_district("Hiệp Hòa", "Phú Yên")
    assert info.value.candidates


def test_districts_lists_a_province_in_code_order():
    units = geo.districts("Bac Giang")
    names = [u.name for u in units]
    assert "Hiệp Hòa" in names and "Việt Yên" in names
    assert [u.code for u in units] == sorted(u.code for u in units)
    assert all(u.province == "Bắc Giang" for u in units)


def test_communes_resolve_with_and_without_district():
    unit = geo.resolve_commune("xã Phì Điền", "Bắc Giang")
    assert (unit.name, unit.district, unit.province) == ("Phì Điền", "Lục Ngạn", "Bắc Giang")
    with pytest.raises(UnknownPlaceError, match="communes"):
        geo.resolve_commune("Phường 1", "TP. Hồ Chí Minh")
    ward = geo.resolve_commune("P.1", "TP. Hồ Chí Minh", district="Quận 3")
    assert (ward.name, ward.district) == ("Phường 1", "Quận 3")
    assert {c.district for c in geo.communes("Bắc Giang", "Hiệp Hòa")} == {"Hiệp Hòa"}


def test_commune_whose_name_starts_like_a_type_word_is_not_split():
    assert geo.resolve_commune("Xà Hồ", "Yên Bái").name == "Xà Hồ"
    assert geo.resolve_commune("xã Xà Hồ", "Yen Bai").name == "Xà Hồ"
    with pytest.raises(UnknownPlaceError):
        geo.resolve_commune("Hồ", "Yên Bái", district="Trạm Tấu")


def test_find_places_reads_a_list_of_district_results():
    text = ("Hiệp Hòa phát triển mới được 1.374 người, Việt Yên 988 người, "
            "huyện Lục Ngạn 500, TP. Bắc Giang 300 và xã Phì Điền 5.")
    found = geo.find_places(text, "Bắc Giang")
    spans = [text[a:b] for a, b, _ in found]
    assert spans == ["Hiệp Hòa", "Việt Yên", "huyện Lục Ngạn", "TP. Bắc Giang", "xã Phì Điền"]
    assert [type(u).__name__ for _, _, u in found] == ["District"] * 4 + ["Commune"]


def test_find_places_skips_common_words_and_prefers_type_words():
    text = "Thị xã Kỳ Anh đạt 100, huyện Kỳ Anh 50, còn Kỳ Anh mới vinh danh 3 người."
    found = geo.find_places(text, "Hà Tĩnh")
    assert [(u.kind, u.name) for _, _, u in found] == [("thị xã", "Kỳ Anh"), ("huyện", "Kỳ Anh")]


def test_find_places_uses_the_last_district_for_repeated_commune_names():
    found = geo.find_places("Quận 3 có phường 1 đạt 20 người", "HCM")
    assert [(u.name, getattr(u, "district", "")) for _, _, u in found] == [
        ("Quận 3", ""), ("Phường 1", "Quận 3")]


def test_find_places_tolerates_apostrophes_and_dashes():
    text = "huyện MĐrắk 5, M’Đrắk 6; TP. Phan Rang-Tháp Chàm 7"
    found = geo.find_places(text, "Đắk Lắk") + geo.find_places(text, "Ninh Thuận")
    assert [(text[a:b], u.name) for a, b, u in found] == [
        ("huyện MĐrắk", "M'Đrắk"), ("M’Đrắk", "M'Đrắk"),
        ("TP. Phan Rang-Tháp Chàm", "Phan Rang - Tháp Chàm")]


def test_find_places_offsets_index_the_nfc_text():
    text = unicodedata.normalize("NFD", "Tại huyện Hiệp Hòa có 10 người")
    (start, end, unit), = geo.find_places(text, "Bắc Giang")
    assert unicodedata.normalize("NFC", text)[start:end] == "huyện Hiệp Hòa"
    assert unit.name == "Hiệp Hòa"


def test_find_places_without_province_matches_unique_districts_only():
    found = geo.find_places("Đông Hoà 12 người, Châu Thành 8 người")
    assert [(u.name, u.province) for _, _, u in found] == [("Đông Hòa", "Phú Yên")]


def test_reference_csvs_use_one_tone_mark_style():
    from helpers.text import modern_tone_marks

    for file_name, column in [("districts_legacy.csv", "district"),
                              ("communes_legacy.csv", "commune")]:
        with (paths.REFERENCE / file_name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert modern_tone_marks(row[column]) == row[column]


def test_reference_csvs_match_the_generator(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_reference", paths.ROOT / "scripts" / "make_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.write_tables(tmp_path)
    assert len(written) == 4
    for path in written:
        assert path.read_bytes() == (paths.REFERENCE / path.name).read_bytes(), path.name


def test_missing_reference_file_says_how_to_rebuild(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "REFERENCE", tmp_path)
    geo.clear_caches()
    try:
        with pytest.raises(DataError, match="make_reference"):
            geo.resolve_province("Bắc Giang")
    finally:
        monkeypatch.undo()
        geo.clear_caches()
    assert geo.resolve_province("Bắc Giang").code == "24"
