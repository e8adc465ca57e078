"""Tests of helpers.geo_2025: the 2025 communes-and-wards table and finding its units in text."""

from __future__ import annotations

import csv

import pytest

from helpers import paths
from helpers.errors import UnknownPlaceError
from helpers.geo import provinces
from helpers.geo_2025 import (
    also_legacy_elsewhere,
    communes_2025,
    find_communes_2025,
    resolve_commune_2025,
)


def test_the_table_has_every_2025_commune_under_the_34_provinces():
    with (paths.REFERENCE / "communes_2025.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3321
    assert len({r["code"] for r in rows}) == 3321
    assert {r["province_2025"] for r in rows} == {p.name for p in provinces("2025")}
    assert {r["kind"] for r in rows} == {"xã", "phường", "đặc khu"}
    # The former province is filled only when the commune lies in one.
    legacy = {p.name for p in provinces("legacy")}
    assert all(r["province"] in legacy or r["province"] == "" for r in rows)
    assert 3200 < sum(1 for r in rows if r["province"]) < 3321


def test_a_ward_resolves_in_its_2025_province_with_its_former_province():
    ward = resolve_commune_2025("phường Cao Xanh", "Quảng Ninh")
    assert (ward.name, ward.kind, ward.province_2025, ward.province) == (
        "Cao Xanh", "phường", "Quảng Ninh", "Quảng Ninh")
    assert resolve_commune_2025("Cao Xanh", "quang ninh") == ward
    # An old province's name gives its 2025 province: Bắc Giang is part of Bắc Ninh.
    assert len(communes_2025("Bắc Giang")) == len(communes_2025("Bắc Ninh")) > 90


def test_a_commune_formed_across_two_former_provinces_has_no_former_province():
    assert resolve_commune_2025("xã Kim Thành", "Hải Phòng").province == ""
    # "phường Hòa Bình" of Hải Phòng: a legacy commune of that name lies in Hải Dương, the
    # other former province of 2025 Hải Phòng.
    assert also_legacy_elsewhere(resolve_commune_2025("phường Hòa Bình", "Hải Phòng"))
    assert not also_legacy_elsewhere(resolve_commune_2025("phường Cao Xanh", "Quảng Ninh"))


def test_unknown_commune_is_an_error_naming_the_province():
    with pytest.raises(UnknownPlaceError, match="Quảng Ninh"):
        resolve_commune_2025("phường Không Có", "Quảng Ninh")


def test_communes_are_found_with_a_type_word_or_as_a_proper_name():
    text = "phường Cao Xanh và Việt Hưng; cao xanh là từ thường, Hà Khánh (cũ) đã sáp nhập"
    found = find_communes_2025(text, "Quảng Ninh")
    assert [text[s:e] for s, e, _ in found] == ["phường Cao Xanh", "Việt Hưng"]
