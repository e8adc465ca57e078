"""Figures of one sentence read together: words the number reader leaves out ("vạn",
"ngót"), ranges written with a dash, and "lần lượt" / "tương ứng" pairing the n-th figure
with the n-th scheme or indicator named before it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from helpers.extract import cues as words
from helpers.extract.schemes import scheme_mentions
from helpers.text import ParsedNumber

if TYPE_CHECKING:
    from helpers.extract.figures import Figure

_TEN_THOUSAND = re.compile(r"\s*van(?=\s+(?:nguoi|luot|lao\s+dong|doi\s+tuong)(?![a-z]))")
_NEARLY = re.compile(r"(?<![a-z])ngot\s+$")
# "một nửa", "hai phần ba", "ba phần tư" right before the plan ("chỉ tiêu", "kế hoạch"); the
# span starts at the qualifier ("hơn một nửa") and ends after the fraction.
_FRACTION_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "muoi": 10}
_FRACTION_QUALIFIER = {"hon": "more_than", "tren": "more_than", "qua": "more_than",
                       "gan": "nearly", "xap xi": "nearly", "khoang": "approx"}
_FRACTION = re.compile(
    r"(?<![a-z])(?:(?P<qualifier>hon|tren|qua|gan|xap\s+xi|khoang)\s+)?"
    r"(?:mot\s+nua|(?P<top>mot|hai|ba|bon)\s+phan\s+(?P<bottom>hai|ba|tu|bon|nam|muoi))"
    r"(?=\s+(?:so\s+)?(?:chi\s+tieu|ke\s+hoach|muc\s+tieu"
    # "khoảng một nửa số người lao động có BHXH": a share of the workers or the population
    r"|nguoi\s+lao\s+dong|luc\s+luong\s+lao\s+dong|dan\s+so|nguoi\s+dan|nay)(?![a-z]))")
# "820/1.000 người": grouped thousands or a plain count each side of the slash, then people.
_SHARE_OF_PLAN = re.compile(
    r"(?<![\d/.,])(?P<reached>\d{1,3}(?:\.\d{3})+|\d+)/(?P<plan>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?=\s+(?:nguoi|lao\s+dong|doi\s+tuong)(?![a-z]))")
_MAX_RANGE_RATIO = 10  # "26 - 27%", "1.000 - 1.200 người"; not "3 - 50%"
# "khoảng 37-38%", "đạt 26–27% vào năm 2025": a range of rates written tight, which the number
# reader skips whole (it cannot tell "20-25%" from a code); its lower end, as a range with spaces.
_TIGHT_PERCENT_RANGE = re.compile(
    r"(?<![\w/.,\-–])(?P<low>\d{1,2}(?:,\d{1,2})?)[-–](?P<high>\d{1,3}(?:,\d{1,2})?)\s*%")
# "số người tham gia BHXH bắt buộc và bảo hiểm thất nghiệp lần lượt tăng 1,14% và 1,02%":
# schemes listed with "và" or commas (a part after its general scheme counts once).
_SCHEME_GLUE = re.compile(r"\s*(?:,|va|cung\s+nhu)?\s*")
# "Với bảo hiểm thất nghiệp, các con số tương ứng là 31,6% và khoảng 14,7 triệu người":
# the figures of the sentence before, again, for another scheme or place.
CORRESPONDING = re.compile(
    r"(?<![a-z])(?:cac\s+)?(?:con\s+so|so\s+lieu|chi\s+so|ty\s+le)\s+tuong\s+ung"
    r"(?:\s+lan\s+luot)?(?:\s+(?:la|dat|o\s+muc))?(?![a-z])")


def with_words(folded: str, numbers: list) -> list:
    """Numbers with the words the number reader leaves out: "vạn" (ten thousand: "gần 1,5 vạn
    người") and "ngót" (nearly: "ngót 3.000 người").

    Examples
    --------
    >>> from helpers.extract.reading import fold_aligned
    >>> from helpers.text import find_numbers
    >>> s = "ngót 1,2 vạn người"
    >>> [(n.value, n.qualifier) for _, _, n in with_words(fold_aligned(s), find_numbers(s))]
    [(12000.0, 'nearly')]
    """
    if "van" not in folded and "ngot" not in folded:
        return numbers
    out = []
    for begin, end, number in numbers:
        if not number.is_percent and (m := _TEN_THOUSAND.match(folded, end)):
            number = ParsedNumber(number.value * 10_000, number.qualifier, False)
            end = m.end()
        if number.qualifier == "exact" and (m := _NEARLY.search(folded, max(0, begin - 6), begin)):
            number = ParsedNumber(number.value, "nearly", number.is_percent)
            begin = m.start()
        out.append((begin, end, number))
    return out


def with_fractions(folded: str, numbers: list) -> list:
    """Numbers with the fractions of a plan written in words: "hoàn thành một nửa chỉ tiêu"
    (50% of plan, R16), "hơn hai phần ba kế hoạch", "gần một phần tư"; read as percentages so
    that the plan word after them makes them attainment.

    Examples
    --------
    >>> from helpers.extract.reading import fold_aligned
    >>> s = "mới đạt hơn một nửa kế hoạch năm"
    >>> [(n.value, n.qualifier, n.is_percent) for _, _, n in with_fractions(fold_aligned(s), [])]
    [(50.0, 'more_than', True)]
    """
    if "nua" not in folded and "phan" not in folded:
        return numbers
    found = [(m.start(), m.end(), ParsedNumber(
        round(100 * _FRACTION_WORDS[m["top"] or "mot"] / _FRACTION_WORDS[m["bottom"] or "hai"], 1),
        _FRACTION_QUALIFIER.get(m["qualifier"] or "", "exact"), True))
        for m in _FRACTION.finditer(folded)
        if not any(b <= m.start() < e for b, e, _ in numbers)]
    return sorted(numbers + found, key=lambda n: n[0]) if found else numbers


def with_share_of_plan(folded: str, numbers: list) -> list:
    """Numbers with "đạt 820/1.000 người" read as two counts: what was reached and, after the
    slash, the plan (the number reader leaves a slash between numbers to dates).

    Examples
    --------
    >>> from helpers.extract.reading import fold_aligned
    >>> s = "đã vận động được 820/1.000 người"
    >>> [(n.value, b) for b, _, n in with_share_of_plan(fold_aligned(s), [])]
    [(820.0, 17), (1000.0, 21)]
    """
    if "/" not in folded:
        return numbers
    found = []
    for m in _SHARE_OF_PLAN.finditer(folded):
        reached, plan = (float(m[g].replace(".", "")) for g in ("reached", "plan"))
        if reached < plan and not any(b <= m.start() < e for b, e, _ in numbers):
            found += [(m.start("reached"), m.end("reached"), ParsedNumber(reached, "exact", False)),
                      (m.start("plan"), m.end("plan"), ParsedNumber(plan, "exact", False))]
    return sorted(numbers + found, key=lambda n: n[0]) if found else numbers


def merge_ranges(folded: str, numbers: list) -> list:
    """Numbers with each dash range ("26 - 27%") made one number: its lower bound with the
    upper bound's unit, qualifier ``at_least`` (a goal is met from its lower bound on).

    Examples
    --------
    >>> from helpers.text import find_numbers
    >>> s = "đạt 26 - 27% vào năm 2025"
    >>> [(n.value, n.qualifier, n.is_percent) for _, _, n in merge_ranges(s, find_numbers(s))]
    [(26.0, 'at_least', True)]
    """
    numbers = _with_tight_percent_ranges(folded, numbers)
    merged: list = []
    i = 0
    while i < len(numbers):
        begin, end, number = numbers[i]
        if i + 1 < len(numbers):
            next_begin, next_end, upper = numbers[i + 1]
            if not number.is_percent and number.qualifier == "exact" \
                    and words.RANGE_DASH.fullmatch(folded, end, next_begin) \
                    and number.value < upper.value <= number.value * _MAX_RANGE_RATIO \
                    and not words.RANGE_FROM.search(folded, max(0, begin - 6), begin):
                merged.append((begin, next_end, ParsedNumber(
                    value=number.value, qualifier="at_least", is_percent=upper.is_percent)))
                i += 2
                continue
        merged.append(numbers[i])
        i += 1
    return merged


def _with_tight_percent_ranges(folded: str, numbers: list) -> list:
    """Numbers with the ranges of rates written without spaces ("37-38%"), which the number
    reader leaves out, added as their lower bound (qualifier ``at_least``), in text order."""
    if "%" not in folded:
        return numbers
    added = []
    for m in _TIGHT_PERCENT_RANGE.finditer(folded):
        low, high = (float(m[k].replace(",", ".")) for k in ("low", "high"))
        if low < high <= min(100.0, low * _MAX_RANGE_RATIO) and not any(
                b < m.end() and m.start() < e for b, e, _ in numbers):
            added.append((m.start(), m.end(),
                          ParsedNumber(value=low, qualifier="at_least", is_percent=True)))
    return sorted(numbers + added, key=lambda n: n[0]) if added else numbers


def end_of_part(folded: str, end: int) -> int:
    """End of the ";"-delimited part of the sentence a figure stands in."""
    cut = folded.find(";", end)
    return len(folded) if cut < 0 else cut


def schemes_respectively(folded: str, figures: list[Figure]) -> None:
    """"3.215 người tham gia BHXH tự nguyện và 45.780 người tham gia BHYT hộ gia đình, lần lượt
    đạt 42% và 51% kế hoạch": the n-th figure after "lần lượt" has the n-th scheme before it,
    that of a figure, or of a scheme listed before "lần lượt" where no figure stands
    ("BHXH bắt buộc và bảo hiểm thất nghiệp lần lượt tăng 1,14% và 1,02%")."""
    m = words.RESPECTIVELY.search(folded)
    if not m:
        return
    before = [f for f in figures if f.end <= m.start()]
    after = [f for f in figures if m.end() <= f.start < end_of_part(folded, m.end())]
    if len(before) >= 2 and len({f.scheme for f in before}) == 1:
        # "Hơn 89.000 người và 12.000 người tham gia BHYT và BHTN, đạt lần lượt ...": the
        # schemes listed after the counts are theirs, in order.
        listed = _listed_schemes(folded, before[-1].end, m.start())
        if len(listed) == len(before):
            for scheme, figure in zip(listed, before, strict=True):
                figure.scheme = scheme
    if len(before) == len(after) >= 2 and len({f.scheme for f in before}) == len(before):
        for source, figure in zip(before, after, strict=True):
            if not figure.scheme_named:
                figure.scheme = source.scheme
        return
    start = max((f.end for f in before), default=folded.rfind(";", 0, m.start()) + 1)
    listed = _listed_schemes(folded, start, m.start())
    if len(listed) >= 2 and len(listed) == len(after):
        for scheme, figure in zip(listed, after, strict=True):
            if not figure.scheme_named:
                figure.scheme = scheme


def _listed_schemes(folded: str, start: int, end: int) -> list[str]:
    """The last run of schemes listed one after the other in ``folded[start:end]``."""
    mentions = scheme_mentions(folded, start, end)
    run: list[tuple[int, int, str]] = []
    for mention in mentions:
        if run and not _SCHEME_GLUE.fullmatch(folded, run[-1][1], mention[0]):
            run = []
        run.append(mention)
    return [s for _, _, s in run]


def corresponding(folded: str, numbers: list, previous: list[tuple[str, str]]) -> list[tuple]:
    """(position in `numbers`, indicator) for a sentence that gives "the corresponding
    figures" of the sentence before ("Với BHTN, các con số tương ứng là 31,6% và khoảng 14,7
    triệu người"): the n-th number takes the n-th indicator of the previous figures, when the
    counts and kinds (rate or count) agree; [] otherwise."""
    m = CORRESPONDING.search(folded) if previous and "tuong ung" in folded else None
    if not m:
        return []
    after = [(i, n) for i, (begin, _, n) in enumerate(numbers) if begin >= m.end()]
    indicators = [indicator for indicator, _ in previous]
    if len(after) != len(indicators):
        return []
    rates = ("coverage_pct", "growth_pct", "attainment_pct")
    if any(n.is_percent != (indicator in rates) for (_, n), indicator
           in zip(after, indicators, strict=True)):
        return []
    return [(i, indicator) for (i, _), indicator in zip(after, indicators, strict=True)]
