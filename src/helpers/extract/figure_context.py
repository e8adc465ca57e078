"""What a figure's sentence says about it beyond its number: whether it is a plan figure
(a target word before it, not undone by "đã" or a closed bracket) and which scheme it is of
(named after it, before it, or by the figure before)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from helpers.extract import cues as words
from helpers.extract.schemes import combine, scheme_mentions

if TYPE_CHECKING:
    from helpers.extract.figures import Figure


def is_target(sentence: str, folded: str, begin: int) -> bool:
    """A plan figure: a target word before it in the sentence, with no "đã" (done) and no
    closed parenthesis between them ("(giao 5.800 người), tăng 2.355 người")."""
    cues = [
        m for m in words.TARGET.finditer(folded, 0, begin)
        if words.RIGHT_BEFORE.fullmatch(folded, m.end(), begin)  # "chỉ tiêu 91,5%": its value
        or not (words.NOT_TARGET_BEFORE.search(folded, 0, m.start())
                and not words.SET_GOAL.search(sentence, 0, m.start())
                and not words.TO_REACH.search(folded, 0, m.start()))
        # "sẽ" (will), not a name such as "Chư Sê"
        and (m.group(0) != "se" or sentence[m.start():m.end()] in ("sẽ", "se"))
        and (m.group(0) != "muon" or sentence[m.start():m.end()].lower() in ("muốn", "muon"))
        # "hoàn thành các chỉ tiêu ... được BHXH Việt Nam giao, với 29.523 người": met
        and not (m.group(0) == "giao" and words.PLAN_MET.search(folded, max(0, m.start() - 90),
                                                            m.start()))
        and not (words.NOT_TARGET_AFTER.match(folded, m.end())
                 and re.sub(r"\s+", " ", m.group(0)) not in words.CLOSING_OK)
    ]
    if not cues:
        return False
    cue = cues[-1]
    between = folded[cue.end():begin]
    if words.ACHIEVED.search(between):
        return False
    opened = folded.rfind("(", 0, cue.start()) > folded.rfind(")", 0, cue.start())
    return not (opened and ")" in between)


def figure_scheme(folded: str, begin: int, end: int, next_begin: int, figure: Figure,
                  earlier: list[Figure]) -> str | None:
    """Scheme named right after the number, else in the words before it since the previous
    number, else that of the previous figure, else anywhere in the sentence; None if none."""
    clause_start = max(figure.window_start, folded.rfind(";", 0, begin) + 1)
    before = _outside_closed_brackets(folded, scheme_mentions(folded, clause_start, begin), begin)
    if before and _in_closed_bracket(folded, before[-1], begin):
        # every scheme since the last number is the bracket's ("(trong đó 386.077 người tham
        # gia BHTN), tăng 1.127 người"): the figure's is the one named before the bracket
        clause = folded.rfind(";", 0, begin) + 1
        wider = [m for m in scheme_mentions(folded, clause, begin)
                 if not _in_closed_bracket(folded, m, begin)]
        before = wider or before
    # "BHXH tự nguyện hơn 37 ngàn người và BHYT gần 3,8 triệu người": a scheme right before
    # the number is its own, whatever follows it.
    if before and words.ADJACENT.fullmatch(folded, before[-1][1], begin):
        return combine(_list_of(folded, before[::-1]))
    clause_end = folded.find(";", end, next_begin)
    own = scheme_mentions(folded, end, next_begin if clause_end < 0 else clause_end)
    if own and own_scheme(folded, end, next_begin, own, named_before=bool(before)):
        return combine(_list_of(folded, own))
    if before:
        return combine(_list_of(folded, before[::-1]))
    if earlier and earlier[-1].scheme:
        return earlier[-1].scheme
    nearest = scheme_mentions(folded, 0, begin)
    if nearest:
        return nearest[-1][2]
    if own and words.CLAUSE_END.search(folded, end, own[0][0]) is not None \
            and words.RATE_SUBJECT.search(folded, end, own[0][0]):
        # "tỉnh A có 61.200 người, tỷ lệ bao phủ BHYT đạt ...": the scheme after the comma is
        # the next figure's subject; this one takes the scheme of its context.
        return None
    return combine([s for _, _, s in scheme_mentions(folded, end)])


def _outside_closed_brackets(folded: str, mentions: list[tuple[int, int, str]],
                             begin: int) -> list[tuple[int, int, str]]:
    """The schemes named before a number, without those in a bracket closed before it: in
    "402.515 người tham gia BHXH bắt buộc (trong đó 386.077 người tham gia BHTN), tăng 1.127
    người" the bracket's scheme is its own figure's, and in "BHYT, BHXH tự nguyện, bảo hiểm
    thất nghiệp (BHTN), đạt 100%" the abbreviation is no scheme of its own after the list.
    All of them when every one is in such a bracket.

    >>> f = "402.515 nguoi tham gia bhxh bat buoc (trong do 386 nguoi tham gia bhtn), tang 1.127"
    >>> [s for _, _, s in _outside_closed_brackets(f, scheme_mentions(f), f.find("1.127"))]
    ['compulsory_si']
    """
    outside = [m for m in mentions if not _in_closed_bracket(folded, m, begin)]
    return outside or mentions


def _in_closed_bracket(folded: str, mention: tuple[int, int, str], begin: int) -> bool:
    """Whether a scheme named before a number is in a bracket that closes before it."""
    return folded.rfind("(", 0, mention[0]) > folded.rfind(")", 0, mention[0]) \
        and 0 <= folded.find(")", mention[1], begin)


def own_scheme(folded: str, end: int, next_begin: int, mentions: list,
               named_before: bool = False) -> bool:
    """Whether the first scheme named after a number is the number's own: before the clause
    ends, or right after "tham gia" ("144 hội viên, người dân tham gia BHXH tự nguyện"); in
    "44,6%, tỷ lệ bao phủ BHYT đạt" and "35%, tỷ lệ tham gia BHXH lên 50%" the scheme belongs
    to the next figure. Past the comma, "tham gia" names the count's scheme only when none
    is named before the number: in "tham gia BHYT đạt từ 80% trở lên, hướng tới mọi người
    lao động đều tham gia BHXH" the BHXH is of another clause."""
    comma = folded.find(",", end, next_begin)
    first = mentions[0][0]
    # "nâng tỷ lệ tham gia BHTN lên 35%, tỷ lệ tham gia BHXH lên 50%": a rate named after
    # the comma opens the next figure's subject, whose scheme it is.
    if _NEXT_RATE.search(folded, end, first):
        return False
    return comma < 0 or first < comma or not named_before \
        and bool(words.JOINS_BEFORE.search(folded, end, first))


# ", tỷ lệ tham gia BHXH", "và tỷ lệ dân số tham gia BHYT": the subject of the next rate
_NEXT_RATE = re.compile(r"(?:,|(?<![a-z])va)\s+(?:[a-z]+\s+){0,2}?ty\s+le(?![a-z])")


def _list_of(folded: str, mentions: list[tuple[int, int, str]]) -> list[str]:
    """The first mention and those listed with it ("BHXH tự nguyện, BHYT hộ gia đình", "... và
    ..."), stopping at the first one separated by other words ("... và phấn đấu ... BHYT")."""
    chosen = [mentions[0]]
    for mention in mentions[1:]:
        first, second = sorted((chosen[-1], mention))
        if not words.LIST_GLUE.match(folded, first[1], second[0]):
            break
        chosen.append(mention)
    return [s for _, _, s in chosen]
