"""Scope of a figure: national ("cả nước", "toàn quốc", "63 tỉnh, thành phố") or a province
named in the text, read with the rules of the language rather than of one text.

A province is named when its syllables are capitalised as a proper name ("Nghệ An", "Bà Rịa –
Vũng Tàu", "TP.HCM") or follow a type word ("tỉnh nghệ an"): "diễn biến phức tạp" is not Điện
Biên. Bare "Hồ Chí Minh" is the person (as in "Đoàn TNCS Hồ Chí Minh"); the city needs "TP",
"thành phố" or the abbreviation "HCM".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from helpers.errors import UnknownPlaceError
from helpers.geo import name_alternation, place_key, provinces, resolve_province
from helpers.geo_tables import PROVINCE_ALIASES

# "cả nước", "toàn quốc", "trên phạm vi cả nước", "63 tỉnh, thành phố" (the whole country).
_NATIONAL = re.compile(
    r"(?<![a-z])(?:ca\s+nuoc|toan\s+quoc|(?:63|34)\s+tinh\s*,?\s*thanh(?:\s+pho)?"
    # "Việt Nam có 85,39 triệu người", "Việt Nam đặt mục tiêu ...": the country as subject
    r"|viet\s+nam\s+(?:da\s+|hien\s+)?(?:co|dat(?:\s+ra)?\s+muc\s+tieu))(?![a-z])"
)
# "Đại hội đại biểu toàn quốc" is a party congress, "hội nghị trực tuyến toàn quốc" a meeting,
# not a national figure.
_NOT_NATIONAL = re.compile(
    r"dai\s+bieu\s+toan\s+quoc|dai\s+hoi[^,.;]*toan\s+quoc|(?:hoi\s+nghi|truc\s+tuyen)"
    r"[^,.;]{0,20}toan\s+quoc"
)
# The national agency reporting ("BHXH Việt Nam cho biết", "theo thống kê của BHXH Việt Nam")
# marks a national article, but not a national figure ("kế hoạch BHXH Việt Nam giao").
_NATIONAL_AGENCY = re.compile(
    r"(?<!chi tieu )(?<!ke hoach )(?<![a-z])(?:bhxh|bao\s+hiem\s+xa\s+hoi)\s+viet\s+nam"
    r"(?![a-z])(?!\s+giao)")
# "tổ chức tại Hà Nội", "tổ chức ngày 22/2 tại Hà Nội", "diễn ra ở ...": where a meeting was.
VENUE = re.compile(r"(?:to\s+chuc|dien\s+ra|hop|khai\s+mac)(?:\s+ngay\s+[\d/]+)?\s+(?:tai|o)\s+$")
_TYPE_BEFORE = re.compile(r"(?:tinh|thanh\s+pho|tp\.?)\s*$")
_SEPARATOR = r"[\s.\-–—]+"
_TYPE_WORDS = {"thành", "phố", "tỉnh", "tp", "thanh", "pho", "tinh"}
# Aliases that are words or people in running text: "HN", a bare "Hồ Chí Minh".
_UNSAFE_ALIASES = {"hn", "ho chi minh"}


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Regex over folded text for every province spelling, and key -> canonical name."""
    names: dict[str, str] = {}
    for unit in provinces():
        keys = {place_key(unit.name), *PROVINCE_ALIASES.get(unit.code, ())}
        for key in keys - _UNSAFE_ALIASES:
            names[key] = unit.name
    names["thanh pho ho chi minh"] = resolve_province("TP. Hồ Chí Minh").name
    alternatives = name_alternation(sorted(names, key=len, reverse=True), _spelling)
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])"), names


@lru_cache(maxsize=256)
def _pattern_of(only: frozenset[str]) -> re.Pattern[str]:
    """The regex of `_pattern` cut to the spellings of a few provinces (those of one article,
    so that each sentence is scanned for them alone)."""
    _, names = _pattern()
    keys = sorted((k for k, name in names.items() if name in only), key=len, reverse=True)
    alternatives = name_alternation(keys, _spelling) or "(?!)"
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])")


def _spelling(key: str) -> str:
    """The regex of a province spelling: any dash, dot or spacing between its words."""
    return re.escape(key).replace(r"\ ", _SEPARATOR)


def _key(text: str) -> str:
    return re.sub(r"[\s.\-–—]+", " ", text).strip()


def province_mentions(sentence: str, folded: str,
                      only: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """Provinces named in a sentence as (start, end, canonical pre-2025 name), in text order;
    `only` limits the search to those provinces (the ones its article names).

    Examples
    --------
    >>> from helpers.extract.reading import fold_aligned
    >>> s = "Thanh Hóa (2.238 người), Bà Rịa – Vũng Tàu (1.623), TP.HCM (1.221)"
    >>> [name for _, _, name in province_mentions(s, fold_aligned(s))]
    ['Thanh Hóa', 'Bà Rịa - Vũng Tàu', 'TP. Hồ Chí Minh']
    """
    pattern, names = _pattern()
    if only is not None:
        if not only:
            return []
        pattern = _pattern_of(only)
    found = []
    for m in pattern.finditer(folded):
        written = sentence[m.start():m.end()]
        proper = all(w[0].isupper() for w in re.findall(r"[^\W\d_]+", written)
                     if w.lower() not in _TYPE_WORDS)
        if not proper and not _TYPE_BEFORE.search(folded, max(0, m.start() - 12), m.start()):
            continue
        name = names.get(_key(m.group(0)))
        if name:
            found.append((m.start(), m.end(), name))
    return found


def is_national(folded: str) -> bool:
    """True when folded text names the whole country ("cả nước", "toàn quốc", "63 tỉnh,
    thành phố"), not counting "đại biểu toàn quốc" or "hội nghị trực tuyến toàn quốc"."""
    blocked = [m.span() for m in _NOT_NATIONAL.finditer(folded)]
    return any(not any(a <= m.start() < b for a, b in blocked) for m in _NATIONAL.finditer(folded))


# "đứng thứ 3 cả nước", "dẫn đầu toàn quốc", "cao nhất cả nước": a rank against the country,
# which is not the subject of the figures that follow ("bình quân cả nước là 3,92%" is).
_YARDSTICK = re.compile(
    r"(?:thu\s+\d+|dau|nhat|hang)\s+(?:trong\s+|tren\s+)?$")


def national_subject(folded: str, end: int) -> int:
    """End of the last mark before `end` that makes the whole country the subject of what
    follows ("số người tham gia BHXH trên cả nước đạt ..."), or -1."""
    blocked = [m.span() for m in _NOT_NATIONAL.finditer(folded, 0, end)]
    ends = [m.end() for m in _NATIONAL.finditer(folded, 0, end)
            if not any(a <= m.start() < b for a, b in blocked)
            and not _YARDSTICK.search(folded, max(0, m.start() - 20), m.start())]
    return ends[-1] if ends else -1


# "bao phủ 81,7% dân số cả nước": a rate of the whole country's population or workforce.
_NATIONAL_BASE_AFTER = re.compile(
    r"(?:[a-z]+\s+){0,2}?[\d.,]+\s*%\s*(?:dan\s+so|luc\s+luong\s+lao\s+dong(?:\s+trong\s+do\s+tuoi)?)"
    r"\s+(?:cua\s+)?(?:tren\s+|trong\s+)?(?:ca\s+nuoc|toan\s+quoc)(?![a-z])")


def national_base(folded: str, position: int) -> bool:
    """True when the rate at `position` is one of the whole country's population or labour
    force ("81,7% dân số cả nước"), whatever place the sentence named before."""
    return bool(_NATIONAL_BASE_AFTER.match(folded, position))


def national_markers(folded: str) -> int:
    """How often a text speaks for the whole country: "cả nước", "toàn quốc", the national
    agency."""
    blocked = [m.span() for m in _NOT_NATIONAL.finditer(folded)]
    marks = [m for m in _NATIONAL.finditer(folded) if not any(a <= m.start() < b
                                                              for a, b in blocked)]
    return len(marks) + len(_NATIONAL_AGENCY.findall(folded))


# "Người dân khám sức khỏe tại ... tỉnh Yên Bái. Ảnh: Việt Dũng - TTXVN": a photo caption.
_CAPTION = re.compile(r"(?<![a-z])anh\s*:")


def _in_caption(folded: str, position: int) -> bool:
    """True when the line holding `position` is a photo caption (it credits "Ảnh: ...")."""
    start = folded.rfind("\n", 0, position) + 1
    end = folded.find("\n", position)
    return bool(_CAPTION.search(folded, start, len(folded) if end < 0 else end))


def main_province(text: str, folded: str) -> tuple[str, int]:
    """The province named most often in a text (first on a tie) and how often; ("", 0).
    A meeting's venue ("hội nghị ... tổ chức ngày 22/2 tại Hà Nội") and a place in a photo
    caption ("... tỉnh Yên Bái. Ảnh: TTXVN") do not count."""
    names = [name for start, _, name in province_mentions(text, folded)
             if not VENUE.search(folded, max(0, start - 40), start)
             and not _in_caption(folded, start)]
    if not names:
        return "", 0
    counts = Counter(names)
    best = max(counts.values())
    first = next(n for n in names if counts[n] == best)
    return first, best


def canonical(name: str) -> str:
    """Canonical pre-2025 province of any spelling, or "" when none."""
    try:
        return resolve_province(name).name
    except UnknownPlaceError:
        return ""
