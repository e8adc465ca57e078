"""Tests for `bhxh place`: resolving names from the command line and its error exit."""

from __future__ import annotations

from helpers.cli import main


def test_place_prints_canonical_province_and_2025_unit(capsys):
    assert main(["place", "TP.HCM", "Hoà Bình"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "TP.HCM -> TP. Hồ Chí Minh [thành phố, code 79] -> 2025: TP. Hồ Chí Minh",
        "Hoà Bình -> Hòa Bình [tỉnh, code 17] -> 2025: Phú Thọ",
    ]


def test_place_resolves_districts_and_communes(capsys):
    assert main(["place", "--level", "district", "--province", "Phu Yen", "TX Đông Hoà"]) == 0
    assert "Đông Hòa [thị xã, code 564], Phú Yên" in capsys.readouterr().out
    assert main(["place", "--level", "commune", "--province", "HCM", "--district", "Quận 3",
                 "P.1"]) == 0
    assert "Phường 1 [phường" in capsys.readouterr().out


def test_place_lists_2025_provinces(capsys):
    assert main(["place", "--list", "--level", "2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 34
    assert "Bắc Ninh [code 24] <- Bắc Giang, Bắc Ninh" in lines


def test_place_unknown_name_exits_2_with_one_line(capsys):
    assert main(["place", "Bac Giangg"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "Bắc Giang" in err


def test_place_commune_needs_a_province(capsys):
    assert main(["place", "--level", "commune", "Phì Điền"]) == 2
    assert "--province" in capsys.readouterr().err
