"""The extractor's faster scans give what the plain scans they replace gave: the scheme regex
tried only at its starts, place names grouped by first letter, clause breaks found once,
blank runs, and the reading ranker's year and number readings. Each is compared with the
plain scan on the seed and fixture articles or on random strings (the scans may change, the
readings may not)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from helpers import geo, geo_2025
from helpers.extract import reading_ranker, schemes
from helpers.extract import scope as national_scope
from helpers.extract.places import _CLAUSE_BREAK, PlaceScanner, Scope
from helpers.extract.reading import (
    _SPACES,
    fold_aligned,
    list_articles,
    read_article,
    split_sentences,
)
from helpers.geo_tables import commune_index, district_index

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "data" / "raw" / "articles",
           *sorted((ROOT / "tests" / "fixtures" / "extract").glob("*/articles"))]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Every seed and fixture article, folded, and each of its sentences."""
    articles = [read_article(p) for folder in FOLDERS for p in list_articles(folder)]
    return [fold_aligned(a.text) for a in articles] + [
        fold_aligned(s) for a in articles for s in split_sentences(a.text)]


def _spans(matches) -> list:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in matches]


def test_scheme_matches_are_the_full_scan(texts):
    rng = random.Random(9)
    for text in texts:
        ranges = [(0, len(text))] + [tuple(sorted((rng.randint(0, len(text)),
                                                  rng.randint(0, len(text))))) for _ in range(3)]
        for start, end in ranges:
            assert _spans(schemes.scheme_matches(text, start, end)) == _spans(
                schemes._SCHEME_RE.finditer(text, start, end)), (text, start, end)
    assert [s for _, _, s in schemes.scheme_mentions("tu nguyen tham gia bhxh; khu vuc bat buoc")] \
        == ["voluntary_si", "compulsory_si"]


def test_grouped_place_names_match_as_the_flat_alternation(texts):
    sample = texts[::7]
    _, names = national_scope._pattern()
    keys = sorted(names, key=len, reverse=True)
    flat = re.compile(rf"(?<![a-z])(?:{'|'.join(map(national_scope._spelling, keys))})(?![a-z])")
    for text in sample:
        assert _spans(national_scope._pattern()[0].finditer(text)) == _spans(flat.finditer(text))
    # Districts and communes of a few provinces (the flat patterns are slow to compile).
    for province in ("Bắc Giang", "Thái Bình", "TP. Hồ Chí Minh"):
        spellings = sorted({geo.fold(u.name) for index in (district_index(), commune_index())
                            for units in index[province].values() for u in units},
                           key=len, reverse=True)
        names_re = "|".join(geo._SEPARATORS.sub(geo._separator_pattern, re.escape(n))
                            for n in spellings)
        flat = re.compile(rf"(?<!\w)(?:(?P<type>{geo._SCAN_TYPE_RE}))?(?P<name>{names_re})(?!\w)")
        grouped, _ = geo._scanner(province)
        for text in sample:
            assert _spans(grouped.finditer(text)) == _spans(flat.finditer(text)), province
    province_2025 = "Thành phố Hồ Chí Minh"
    names_2025 = sorted({geo_2025.fold(u.name) for u in geo_2025.communes_2025(province_2025)},
                        key=len, reverse=True)
    flat = re.compile(rf"(?<!\w)(?:{geo_2025._TYPE_RE})?(?P<name>"
                      + "|".join(re.escape(n).replace(r"\ ", r"[\s\-–]+") for n in names_2025)
                      + r")(?!\w)")
    for text in sample:
        assert _spans(geo_2025._scanner(province_2025).finditer(text)) == _spans(
            flat.finditer(text))
    # Names that do not start with a letter or digit keep the flat alternation.
    assert geo.name_alternation(["-a", "b"], str) == "-a|b"


def test_clause_start_is_the_last_break_before_the_position():
    rng = random.Random(3)
    for _ in range(5000):
        folded = "".join(rng.choice("a1.,;() ") for _ in range(rng.randint(0, 15)))
        scanner = PlaceScanner(folded, folded, Scope(""))
        for position in range(len(folded) + 2):
            plain = max((m.start() for m in _CLAUSE_BREAK.finditer(folded, 0, position)),
                        default=-1) + 1
            assert scanner._clause_start(position) == plain, (folded, position)


def test_blank_runs_become_one_space():
    rng = random.Random(1)
    plain = re.compile(r"[ \t\u00a0]+")
    for _ in range(20000):
        text = "".join(rng.choice("ab \t\u00a0\n") for _ in range(rng.randint(0, 12)))
        assert _SPACES.sub(" ", text) == plain.sub(" ", text), repr(text)


def test_ranker_years_and_numbers_read_as_before(texts):
    plain = re.compile(r"(?<!\d)(?<!\d[.,])(19[89]\d|20[0-4]\d)(?!\d|[.,]\d)")
    rng = random.Random(2)
    samples = texts + ["".join(rng.choice("0124589., a") for _ in range(rng.randint(0, 14)))
                       for _ in range(20000)]
    for text in samples:
        assert [(m.span(), m[1]) for m in reading_ranker._YEAR.finditer(text)] == [
            (m.span(), m[1]) for m in plain.finditer(text)], text
    sentence = "dat 1.234 nguoi, tang 5,6% va 2,1 trieu nguoi nam 2024"
    assert [reading_ranker._number_at(sentence, v) for v in (1234, 5.6, 2.1e6, 7)] == [
        sentence.index("1.234"), sentence.index("5,6"), sentence.index("2,1"),
        len(sentence) // 2]


def test_whole_article_searches_near_their_words(texts):
    from helpers.extract import article

    rng = random.Random(4)
    tokens = ["toan", "cua", "huyen", "thi", "xa", "dia ban", "phuong", "ubnd", "hdnd", "tran",
              "hoi", " ", "  ", "\n", ".", ":", ",", "-", "A", "Ba", "b", "x"]
    samples = texts + ["".join(rng.choice(tokens) for _ in range(rng.randint(0, 10)))
                       for _ in range(30000)]
    for pattern, near in ((article._NAMES_DISTRICT, article._NAMES_DISTRICT_NEAR),
                          (article._COMMUNE_ANAPHOR, article._COMMUNE_ANAPHOR_NEAR)):
        assert sum(article._found(pattern, *near, t) for t in samples) > 100
        for text in samples:
            assert article._found(pattern, *near, text) == bool(pattern.search(text)), text


def test_sentence_gates_answer_as_one_scan(texts):
    from helpers.extract import cues, periods

    rng = random.Random(6)
    tokens = ["nam", "thang", "quy", "nay", "hien tai", "iv", "lan", "hai", "gap", "doi", "nua",
              "phan ba", "so", "chi tieu", "dan so", "nguoi", "%", "(", ")", "12", "3", "/",
              "-", ".", " ", "  ", "a", "x"]
    samples = texts + ["".join(rng.choice(tokens) for _ in range(rng.randint(0, 8)))
                       for _ in range(30000)]
    one_period_scan = re.compile(
        r"\d/\d|\d-\d|\d{4}|(?:nam|thang|quy)\s+(?:\d|[iv]+(?![a-z]))|nay(?![a-z])|hien\s+tai")
    for text in samples:
        assert cues.may_have_figure(text) == bool(cues.MAY_HAVE_FIGURE.search(text)), text
        assert bool(periods._PERIOD_DIGITS.search(text) or periods._PERIOD_WORDS.search(text)) \
            == bool(one_period_scan.search(text)), text
    assert sum(map(cues.may_have_figure, samples)) > 1000


def _split_as_before(text: str) -> list[str]:
    """`split_sentences` with the scans it had before (one full stop regex, abbreviations
    searched in the whole piece), for comparison."""
    from helpers.extract.reading import _bounded

    end = re.compile(r"(?:\./\.|[.!?…]+)[\"”’)]*\s+")
    abbreviation = re.compile(r"(?:^|\s)(?:tp|tt|ths|ts|pgs|gs|bs|tx|mr|ms|v\.v)\.?$", re.I)
    sentences: list[str] = []
    for line in text.split("\n"):
        start = 0
        for m in end.finditer(line):
            nxt = line[m.end(): m.end() + 1]
            if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in '"“('):
                continue
            if abbreviation.search(line[start: m.start() + 1]):
                continue
            sentences.append(line[start: m.end()].strip())
            start = m.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return [piece for sentence in sentences for piece in _bounded(sentence)]


def test_sentences_and_year_words_as_before():
    from helpers.extract import periods

    articles = [read_article(p) for folder in FOLDERS for p in list_articles(folder)]
    rng = random.Random(8)
    tokens = ["TP.", "Tp. ", "v.v.", "ThS.", " ", ".", "./.", "!", "?", "…", "\"", "”", ")",
              "A", "b", "1", "\n", "nam nay", "het nam", "cuoi  nam", "nam toi", "x"]
    samples = [a.text for a in articles] + [
        "".join(rng.choice(tokens) for _ in range(rng.randint(0, 10))) for _ in range(30000)]
    plain_gate = re.compile(r"nam\s+(?:nay|sau|toi)|(?:het|cuoi)\s+nam")
    for text in samples:
        assert split_sentences(text) == _split_as_before(text), text
        assert bool("nam" in text and periods._YEAR_WORD_GATE.search(text)) == bool(
            plain_gate.search(text)), text


def test_numbers_found_as_before(texts):
    from helpers.text_numbers import _UNIT_WORD, NUMBER_RE

    plain = re.compile(
        r"(?<![\w/:.,\-–])(?P<digits>\d+(?:[.,]\d+)*)(?![\w/:]|[.,]\d|[-–]\w)"
        rf"(?:\s*(?P<unit>{_UNIT_WORD}(?:\s+{_UNIT_WORD})?)(?!\w)(?!\s+l[eệ]\b))?"
        r"(?:\s?(?P<percent>%))?", re.IGNORECASE)
    rng = random.Random(7)
    tokens = ["1", "23", ".", ",", "/", ":", "-", "–", "a", " ", "%", "nguoi", "trieu", "ty le"]
    samples = texts + ["".join(rng.choice(tokens) for _ in range(rng.randint(0, 10)))
                       for _ in range(30000)]
    for text in samples:
        assert _spans(NUMBER_RE.finditer(text)) == _spans(plain.finditer(text)), text
