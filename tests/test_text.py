"""Tests for helpers.text: folding, slugs, tone marks, numbers, periods, formatting, decoding."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.errors import DataError, EncodingError, ParameterError
from helpers.paths import ARTICLES
from helpers.text import (
    NUMBER_RE,
    ParsedNumber,
    Period,
    decode_bytes,
    find_numbers,
    find_periods,
    fold,
    fold_keep_offsets,
    format_date,
    format_month,
    format_number,
    format_percent,
    modern_tone_marks,
    nfc,
    parse_number,
    parse_period,
    read_text,
    slugify,
)

NFD = "NFD"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ANCHOR = date(2024, 6, 15)


def _nfd(s: str) -> str:
    return unicodedata.normalize(NFD, s)


# --- letters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "Đông Hoà",
        "Đông Hòa",
        "Dong Hoa",
        "ĐÔNG HÒA",
        "  đông   hoà ",
        _nfd("Đông Hòa"),
        _nfd("ĐÔNG HOÀ"),
        "Đông\u00a0Hòa",
    ],
)
def test_fold_makes_every_spelling_one_key(spelling):
    assert fold(spelling) == "dong hoa"


def test_fold_keeps_what_matters_and_is_idempotent_on_examples():
    assert fold("TP. Hồ Chí Minh") == "tp. ho chi minh"
    assert fold("Bà Rịa–Vũng Tàu") == "ba ria–vung tau"
    assert fold("Đắk Lắk") == fold("Dak Lak") == "dak lak"
    assert fold("") == ""


def test_nfc_composes_nfd_text():
    assert nfc(_nfd("Bắc Giang")) == "Bắc Giang"
    assert len(nfc(_nfd("ệ"))) == 1


def test_fold_keep_offsets_keeps_length_of_nfc():
    text = _nfd("Tỉnh Bắc Giang có  7.548 người")
    folded = fold_keep_offsets(text)
    assert len(folded) == len(nfc(text))
    assert folded == "tinh bac giang co  7.548 nguoi"


@pytest.mark.parametrize(
    ("old", "canonical"),
    [
        ("Hoà", "Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Thuỷ Nguyên", "Thủy Nguyên"),
        ("khoẻ", "khỏe"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("qúy", "quý"),
        ("Qúy Hợp", "Quý Hợp"),
        ("Thuý", "Thúy"),
        # unchanged: already canonical, closed syllables, "qu" + vowel
        ("Hòa", "Hòa"),
        ("hoàn thành", "hoàn thành"),
        ("huyện", "huyện"),
        ("quý", "quý"),
        ("Quỳnh", "Quỳnh"),
        ("khuyến", "khuyến"),
        ("hoài", "hoài"),
    ],
)
def test_modern_tone_marks(old, canonical):
    assert modern_tone_marks(old) == canonical
    assert modern_tone_marks(_nfd(old)) == canonical


def test_canonical_names_of_vietnamadminunits_use_the_same_style():
    from vietnamadminunits import parse_address

    unit = parse_address("Đông Hoà, Phú Yên", level=2, mode="LEGACY")
    assert unit.district.endswith(modern_tone_marks("Đông Hoà"))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Bắc Giang", "bac-giang"),
        ("TP. Hồ Chí Minh", "tp-ho-chi-minh"),
        ("../../etc", "etc"),
        ("Đông Hoà", "dong-hoa"),
        ("", "unnamed"),
        ("!!!", "unnamed"),
        ("Bà Rịa–Vũng Tàu", "ba-ria-vung-tau"),
        ("  Quận 1 ", "quan-1"),
        ("ĐẮK LẮK", "dak-lak"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slugify_caps_length_without_trailing_hyphen():
    slug = slugify("ab " * 100)
    assert len(slug) <= 80
    assert SLUG.match(slug)


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("7.548", 7548, "exact"),
        ("133,4%", 133.4, "exact"),
        ("30,26", 30.26, "exact"),
        ("54 nghìn", 54_000, "exact"),
        ("54 ngàn", 54_000, "exact"),
        ("1,2 triệu", 1_200_000, "exact"),
        ("2 tỷ", 2e9, "exact"),
        ("01", 1, "exact"),
        ("1.374", 1374, "exact"),
        ("21.233", 21233, "exact"),
        ("1.234.567", 1234567, "exact"),
        ("3,92", 3.92, "exact"),
        ("gần 54 nghìn", 54_000, "nearly"),
        ("trên 7.500", 7500, "more_than"),
        ("hơn 3.000 lượt", 3000, "more_than"),
        ("vượt 30,26% so với kế hoạch", 30.26, "more_than"),
        ("khoảng 51.100", 51100, "approx"),
        ("xấp xỉ 5", 5, "approx"),
        ("chừng 4", 4, "approx"),
        ("ước 10", 10, "approx"),
        ("tối thiểu 21,6%", 21.6, "at_least"),
        ("ít nhất 2 tháng", 2, "at_least"),
        ("gấp hơn hai lần", 2, "more_than"),
        ("mười", 10, "exact"),
        ("ba lần", 3, "exact"),
        # no diacritics, upper case, NFD
        ("gan 54 nghin", 54_000, "nearly"),
        ("KHOANG 51.100", 51100, "approx"),
        ("1,2 trieu", 1_200_000, "exact"),
        (_nfd("tối thiểu 21,6%"), 21.6, "at_least"),
        # separator rule: a "." with other than 3 digits after it is a decimal point;
        # English grouping is recognised only when unmistakable
        ("7.5", 7.5, "exact"),
        ("1,234,567", 1234567, "exact"),
        ("1,234.5", 1234.5, "exact"),
        ("1.234,5", 1234.5, "exact"),
        ("1,2 nghìn tỷ", 1.2e12, "exact"),
    ],
)
def test_parse_number(text, value, qualifier):
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.qualifier == qualifier


def test_parse_number_marks_percent_without_changing_equality():
    parsed = parse_number("133,4%")
    assert parsed.is_percent
    assert parsed == ParsedNumber(133.4, "exact")
    assert not parse_number("7.548").is_percent


@pytest.mark.parametrize("text", ["hàng trăm lượt", "", "không có số", "02/7/2021", "08-CT/TU"])
def test_parse_number_raises_without_a_number(text):
    with pytest.raises(ValueError, match="no number"):
        parse_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ thị số 08-CT/TU ngày 02/7/2021",
        "Kế hoạch số 81-KH/TU ngày 07/3/2022",
        "Nghị quyết 06/NQ-CP",
        "30/03/2023 08:47 AM",
        "Luật 41/2024/QH15",
        "Quyết định 1676/QĐ-TTg",
        "ngày 01/4-31/5/2024",
        "tháng 4 và tháng 5/2024",
        "quý I/2024",
        "6 tháng đầu năm 2024",
        "nhiệm kỳ 2020-2025",
        "năm 2022 và 2023",
        "Nghị định 06/2024/NĐ-CP",
    ],
)
def test_find_numbers_skips_dates_times_and_document_numbers(text):
    assert find_numbers(text) == []


def test_number_re_alone_skips_date_and_code_digits():
    text = "Chỉ thị 08-CT/TU ngày 02/7/2021 lúc 08:47 có 7.548 người"
    assert [m.group("digits") for m in NUMBER_RE.finditer(text)] == ["7.548"]


def test_find_numbers_spans_include_qualifier_unit_and_percent():
    text = "Toàn tỉnh có gần 54 nghìn người, đạt 133,4% kế hoạch, tăng gấp hơn hai lần."
    found = [(text[a:b], n.value, n.qualifier) for a, b, n in find_numbers(text)]
    assert found == [
        ("gần 54 nghìn", 54_000, "nearly"),
        ("133,4%", 133.4, "exact"),
        ("hơn hai", 2, "more_than"),
    ]


def test_find_numbers_does_not_read_ty_le_as_billion():
    assert parse_number("21,6 tỷ lệ").value == pytest.approx(21.6)


def test_find_numbers_on_seed_article_002():
    text = (ARTICLES / "002_746d265d837cf31f.txt").read_text(encoding="utf-8")
    values = [n.value for _, _, n in find_numbers(text)]
    for expected in (
        54_000,
        51_100,
        21_233,
        41_098,
        19_865,
        51_241,
        30_008,
        9_937,
        46.8,
        7_555,
        30.26,
        5_800,
        2_355,
        1_374,
        988,
        985,
        932,
        900,
        918,
        3_456,
    ):
        assert expected in values
    assert 2 not in [v for v in values if v in (7, 2021)]  # no digits of "02/7/2021"
    assert 20225 not in values and 2021 not in values and 8 not in values


def test_find_numbers_on_seed_article_001_qualifiers():
    text = (ARTICLES / "001_4e6756726f80992d.txt").read_text(encoding="utf-8")
    found = {(n.value, n.qualifier) for _, _, n in find_numbers(text)}
    assert {
        (7500, "more_than"),
        (7548, "exact"),
        (3000, "more_than"),
        (140, "more_than"),
        (1400, "nearly"),
        (133.4, "exact"),
        (2, "more_than"),
    } <= found
    assert (2020, "exact") not in found and (23, "exact") not in found


# --- periods -------------------------------------------------------------------------------


def _p(start, end, *flags):
    return Period(start and date(*start), end and date(*end), tuple(flags))


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("02/7/2021", None, _p((2021, 7, 2), (2021, 7, 2))),
        ("30/03/2023 08:47 AM", None, _p((2023, 3, 30), (2023, 3, 30))),
        ("ngày 01/4-31/5/2024", None, _p((2024, 4, 1), (2024, 5, 31))),
        ("từ ngày 01/4/2024 đến ngày 31/5/2024", None, _p((2024, 4, 1), (2024, 5, 31))),
        ("tháng 4 và tháng 5/2024", None, _p((2024, 4, 1), (2024, 5, 31))),
        ("tháng 4, 5/2024", None, _p((2024, 4, 1), (2024, 5, 31))),
        ("tháng 5/2022", None, _p((2022, 5, 1), (2022, 5, 31))),
        ("tháng 2 năm 2024", None, _p((2024, 2, 1), (2024, 2, 29))),
        ("năm 2023", None, _p((2023, 1, 1), (2023, 12, 31))),
        ("hết năm 2025", None, _p(None, (2025, 12, 31))),
        ("đến hết năm 2025", None, _p(None, (2025, 12, 31))),
        ("đến năm 2025", None, _p(None, (2025, 12, 31))),
        ("đến hết tháng 5/2022", None, _p(None, (2022, 5, 31))),
        ("trước ngày 30/11/2023", None, _p(None, (2023, 11, 30))),
        ("so với cuối năm 2022", None, _p(None, (2022, 12, 31))),
        ("đến đầu năm 2024", None, _p(None, (2024, 1, 1))),
        ("đến cuối tháng 5/2024", None, _p(None, (2024, 5, 31))),
        ("ngày 02 tháng 7 năm 2021", None, _p((2021, 7, 2), (2021, 7, 2))),
        ("từ đầu năm 2024", None, _p((2024, 1, 1), None, "open_end")),
        ("từ đầu năm 2024", ANCHOR, _p((2024, 1, 1), (2024, 6, 15), "open_end")),
        ("từ đầu năm 2024 đến nay", ANCHOR, _p((2024, 1, 1), (2024, 6, 15))),
        ("từ đầu năm 2024 đến nay", None, _p((2024, 1, 1), None, "no_publication_date")),
        # "phấn đấu năm 2025" folds like "đầu năm 2025" but names a target year.
        ("Phấn đấu năm 2025", ANCHOR, _p((2025, 1, 1), (2025, 12, 31))),
        ("phan dau nam 2025", ANCHOR, _p((2025, 1, 1), (2025, 12, 31))),
        ("đến nay", ANCHOR, _p(None, (2024, 6, 15))),
        ("đến nay", None, _p(None, None, "no_publication_date")),
        ("hiện nay", ANCHOR, _p(None, (2024, 6, 15))),
        ("Từ nay đến hết năm 2023", date(2023, 10, 20), _p((2023, 10, 20), (2023, 12, 31))),
        ("quý I/2024", None, _p((2024, 1, 1), (2024, 3, 31))),
        ("quý IV năm 2023", None, _p((2023, 10, 1), (2023, 12, 31))),
        ("6 tháng đầu năm 2024", None, _p((2024, 1, 1), (2024, 6, 30))),
        ("sáu tháng cuối năm 2024", None, _p((2024, 7, 1), (2024, 12, 31))),
        ("giai đoạn 2023 - 2025", None, _p((2023, 1, 1), (2025, 12, 31))),
        ("đến hết năm 20225", None, _p(None, None, "implausible_year")),
        ("năm 1890", None, _p(None, None, "implausible_year")),
        ("ngày 01/4-31/5/20225", None, _p(None, None, "implausible_year")),
        ("31/2/2024", None, _p(None, None, "invalid_date")),
        # no diacritics and NFD
        ("thang 4 va thang 5/2024", None, _p((2024, 4, 1), (2024, 5, 31))),
        ("den het nam 2025", None, _p(None, (2025, 12, 31))),
        ("tu dau nam 2024 den nay", ANCHOR, _p((2024, 1, 1), (2024, 6, 15))),
        (_nfd("Quý II/2024"), None, _p((2024, 4, 1), (2024, 6, 30))),
    ],
)
def test_parse_period(text, anchor, expected):
    assert parse_period(text, anchor=anchor) == expected


@pytest.mark.parametrize(
    "text",
    ["", "hằng năm", "7.548 người", "Nghị định 06/2024/NĐ-CP", "số 41/2024", "sau hơn 3 năm"],
)
def test_parse_period_raises_without_a_date(text):
    with pytest.raises(ValueError, match="no date"):
        parse_period(text)


def test_find_periods_prefers_the_longest_reading_and_spans_the_prefix():
    text = "Tính từ đầu năm 2024 là 3.456 người; 6 tháng đầu năm 2024 có 918 người giảm"
    found = find_periods(text, anchor=ANCHOR)
    assert [text[a:b] for a, b, _ in found] == ["Tính từ đầu năm 2024", "6 tháng đầu năm 2024"]
    assert found[1][2] == _p((2024, 1, 1), (2024, 6, 30))


def test_find_periods_on_seed_article_002():
    text = (ARTICLES / "002_746d265d837cf31f.txt").read_text(encoding="utf-8")
    periods = [p for _, _, p in find_periods(text)]
    assert _p((2021, 7, 2), (2021, 7, 2)) in periods
    assert _p((2024, 4, 1), (2024, 5, 31)) in periods
    assert _p(None, None, "implausible_year") in periods


# --- formatting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "lang", "decimals", "text"),
    [
        (7548, "vi", 0, "7.548"),
        (7548, "en", 0, "7,548"),
        (1234567, "vi", 0, "1.234.567"),
        (-1234.5, "vi", 1, "-1.234,5"),
        (-1234.5, "en", 1, "-1,234.5"),
        (2.5, "vi", 0, "3"),
        (-0.2, "vi", 0, "0"),
        (30.26, "vi", None, "30,26"),
        (12.0, "vi", None, "12"),
        (None, "vi", 0, "–"),
        (float("nan"), "en", 0, "–"),
    ],
)
def test_format_number(x, lang, decimals, text):
    assert format_number(x, lang, decimals) == text


@pytest.mark.parametrize(
    ("x", "lang", "decimals", "text"),
    [
        (133.4, "vi", 1, "133,4%"),
        (133.4, "en", 1, "133.4%"),
        (130.26, "vi", None, "130,26%"),
        (133.4, "vi", None, "133,4%"),
        (21.6, "vi", 2, "21,60%"),
        (95, "vi", None, "95%"),
    ],
)
def test_format_percent(x, lang, decimals, text):
    assert format_percent(x, lang, decimals) == text


def test_format_dates_as_the_press_does():
    assert format_date(date(2021, 7, 2), "vi") == "02/7/2021"
    assert format_date(date(2020, 5, 23), "vi") == "23/5/2020"
    assert format_date(date(2021, 7, 2), "en") == "2 July 2021"
    assert format_month(date(2024, 5, 1), "vi") == "tháng 5/2024"
    assert format_month(date(2024, 5, 1), "en") == "May 2024"
    assert parse_period(format_date(date(2021, 7, 2))) == _p((2021, 7, 2), (2021, 7, 2))


def test_formatters_refuse_unknown_language():
    with pytest.raises(ParameterError):
        format_number(1, "fr")
    with pytest.raises(ParameterError):
        format_date(date(2024, 1, 1), "de")


# --- decoding ------------------------------------------------------------------------------

SAMPLE = "Thị xã Đông Hoà có 7.548 người tham gia BHXH tự nguyện, đạt 133,4% kế hoạch.\n"
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _cp1258_form(text: str) -> str:
    """Windows-1258 stores the tone mark as a separate combining character."""
    out = []
    for ch in nfc(text):
        parts = unicodedata.normalize(NFD, ch)
        out.append(
            nfc("".join(c for c in parts if c not in _TONES))
            + "".join(c for c in parts if c in _TONES)
        )
    return "".join(out)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (_cp1258_form(SAMPLE).encode("cp1258"), "cp1258"),
        (_nfd(SAMPLE).encode("utf-8"), "utf-8"),
    ],
)
def test_decode_bytes_reads_common_encodings_to_nfc(data, encoding):
    assert decode_bytes(data) == (SAMPLE, encoding)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        bytes(range(256)) * 4,
        b"PK\x03\x04" + bytes(range(32)) * 8,
    ],
)
def test_decode_bytes_refuses_binary_naming_the_file(data):
    with pytest.raises(EncodingError) as info:
        decode_bytes(data, file="facts.csv")
    message = str(info.value)
    assert "facts.csv" in message
    assert "re-save the file as utf-8" in message.lower()


def test_decode_bytes_tolerates_a_dos_end_of_file_mark():
    assert decode_bytes(b"province,month\r\n\x1a") == ("province,month\r\n\x1a", "utf-8")


def test_hyphenated_ranges_are_not_read_as_one_figure():
    assert find_numbers("tỷ lệ 20-25%") == []


def test_read_text(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_bytes(_cp1258_form(SAMPLE).encode("cp1258"))
    assert read_text(path) == (SAMPLE, "cp1258")
    with pytest.raises(DataError, match="missing.csv"):
        read_text(tmp_path / "missing.csv")


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_vi_integers_round_trip(x):
    assert parse_number(format_number(x, "vi")).value == x


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_vi_percents_round_trip(whole, hundredths):
    x = whole + hundredths / 100
    parsed = parse_number(format_percent(x, "vi", decimals=None))
    assert parsed.is_percent
    assert parsed.value == pytest.approx(x, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_idempotent(s):
    assert fold(fold(s)) == fold(s)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_slugify_is_always_a_safe_slug(s):
    slug = slugify(s)
    assert SLUG.match(slug)
    assert len(slug) <= 80


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_keep_offsets_preserves_length(s):
    assert len(fold_keep_offsets(s)) == len(nfc(s))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2100) | st.sampled_from("ĐẮkỹ😀\u0301"),
               max_size=40), st.integers(1, 60))
def test_fold_keep_offsets_is_the_same_for_short_and_whole_article_strings(piece, copies):
    """Long strings take the array path, short ones translate: same result as char by char."""
    from helpers.text_norm import _STRIP_LOWER

    text = piece * copies
    composed = unicodedata.normalize("NFC", text)
    expected = "".join(_STRIP_LOWER.get(ord(ch), ch) or " " for ch in composed)
    assert fold_keep_offsets(text) == expected
    assert len(fold_keep_offsets(text)) == len(composed)


def test_format_number_writes_what_babel_writes():
    """The fast path agrees with Babel's pattern formatting on numbers of every size, sign and
    rounding case, in both languages and at every number of decimals the reports use."""
    from helpers.text_numbers import babel_number

    rng = np.random.default_rng(7)
    values = np.concatenate([
        rng.normal(0, 1, 300), rng.normal(0, 1e4, 300) * rng.choice([1, -1], 300),
        10 ** rng.uniform(-3, 9, 300), np.round(rng.uniform(-1e4, 1e4, 300), 3),
        [0.0, -0.0, 0.004, -0.004, 0.005, -0.005, 2.5, -2.5, 999.995, 1e12, 1234.5, 0.125],
    ])
    for lang in ("vi", "en"):
        for decimals in (None, 0, 1, 2):
            for x in values:
                assert format_number(float(x), lang, decimals) == babel_number(
                    float(x), lang, decimals), (x, lang, decimals)
