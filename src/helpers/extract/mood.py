"""The mood of the clause a figure stands in: a plan (what must or is to be reached), the
present (the level a plan starts from), the past (a history figure set against the plan), or
no reading of its own (the target cues of `figure_context.is_target` decide).

A target word before a number is not the only way Vietnamese puts a figure in the plan: a
sentence that opens on the plan it reports ("Theo kế hoạch, ...", "Theo nghị quyết ..., đến
năm 2020 ...") and an obligation ("phải đạt", "phải bảo đảm") put every figure after them in
the plan until a clause says otherwise; a figure a goal verb raises *from* ("nâng từ mức hiện
nay là 32,7% lên 35,2%") is today's level, and one a contrast dates in the past ("trong khi
năm 1995 mới có 7,1 triệu người") is history, whatever plan words stand before them.
"""

from __future__ import annotations

import re

PLAN, PRESENT, PAST = "plan", "present", "past"

# A sentence that opens on the plan it reports: "Theo kế hoạch, ...", "Theo mục tiêu đề ra,
# ...", "Theo lộ trình ...". A plan document ("nghị quyết", "quyết định", "chiến lược", "đề
# án", "chương trình") puts a figure in the plan only with a year to reach or a verb of
# obligation before it (`_PLAN_REACH`): "Theo quyết định số 12, tỉnh có 300 người được hỗ
# trợ" reports who was helped.
_PLAN_OPENING = re.compile(
    r"\W*(?:[a-z]+\s+){0,2}?theo\s+(?:(?P<plan>ke\s+hoach|muc\s+tieu|chi\s+tieu|lo\s+trinh)"
    r"|(?P<document>nghi\s+quyet|quyet\s+dinh|chien\s+luoc|de\s+an|chuong\s+trinh))(?![a-z])")
_PLAN_REACH = re.compile(
    r"(?<![a-z])(?:(?:den|vao)\s+(?:cuoi\s+|het\s+)?nam\s+(?:19|20)\d\d|phai|bao\s+dam"
    r"|dam\s+bao)(?![a-z])")
# An obligation: "phải đạt 92,6%", "phải nâng tỷ lệ ... lên", "phải bảo đảm 81,6%". Not "phải"
# of something suffered ("phải nghỉ việc", "phải tạm dừng đóng").
_MUST = re.compile(
    r"(?<![a-z])phai\s+(?:(?:tiep\s+tuc|co\s+gang|no\s+luc)\s+)?(?:dat|nang|bao\s+dam|dam\s+bao"
    r"|tang|phat\s+trien|co)(?![a-z])")
# "đạt được", "đã": the clause reports what was reached, and the plan does not reach past it.
_DONE = re.compile(r"(?<![a-z])(?:da|dat\s+duoc)(?![a-z])")
# "nâng từ mức hiện nay là 32,7% lên 35,2%", "nâng từ 27% hiện nay lên 28,5%": the level a
# goal verb raises from, today's.
_FROM_BEFORE = re.compile(
    r"(?<![a-z])tu\s+(?:muc\s+|ty\s+le\s+)?(?:hien\s+nay|hien\s+tai|hien)\s+(?:la\s+)?$")
_FROM_BARE = re.compile(r"(?<![a-z])tu\s+(?:muc\s+)?$")
_NOW_THEN_UP = re.compile(r"\s*%?\s*(?:hien\s+nay|hien\s+tai|hien)\s+len(?![a-z])")
# "trong khi năm 1995 mới có 7,1 triệu người": a contrast that dates what follows it in a
# year before the plan's, and says what was there ("mới có", "chỉ có", "có", "là").
_PAST_CONTRAST = re.compile(
    r"(?<![a-z])(?:trong\s+khi|con)\s+(?:(?:vao|den|tu)\s+)?(?:cuoi\s+|het\s+)?nam\s+"
    r"(?P<year>(?:19|20)\d\d)\s*,?\s*(?:[a-z]+\s+){0,4}?(?:moi|chi|da)?\s*(?:co|la|dat)(?![a-z])"
    r"[^;]*$")

# "những kết quả BHXH Việt Nam đạt được trong những năm qua, đặc biệt là nâng tỷ lệ ... lên
# 91%": what the results reached include, not a goal, though a goal verb ("nâng ... lên")
# and no date of the sentence make it look like one.
_RESULTS = re.compile(r"(?<![a-z])ket\s+qua(?:\s+[a-z]+){0,8}?\s+dat\s+duoc(?![a-z])")
_GOAL_AFTER_RESULTS = re.compile(
    r"(?<![a-z])(?:phan\s+dau|muc\s+tieu|chi\s+tieu|ke\s+hoach|du\s+kien|se)(?![a-z])")

# "... sẽ rất đáng lo ngại, bởi hiện nay chỉ có khoảng 17,5 triệu người tham gia": a clause
# that opens on "hiện nay" tells today's level, whatever future the sentence spoke of before.
_NOW_OPENS = re.compile(
    r"(?:^|[,;:]|(?<![a-z])(?:boi|vi|do|nhung|ma|con))\s*(?:thi\s+)?(?:hien\s+nay|hien\s+tai)"
    r"(?![a-z])")


def clause_mood(folded: str, begin: int, end: int) -> str | None:
    """The mood `folded` (a sentence's offset-keeping fold) gives the number at
    ``folded[begin:end]``: PLAN, PRESENT, PAST or None (no reading of its own).

    >>> s = "theo ke hoach, den nam 2023 ca nuoc co khoang 93 trieu nguoi tham gia bhyt"
    >>> clause_mood(s, s.index("93"), s.index("93") + 2)
    'plan'
    >>> s = "ty le tham gia bhxh se duoc nang tu muc hien nay la 32,7% len 35,2%"
    >>> clause_mood(s, s.index("32,7"), s.index("32,7") + 5)
    'present'
    >>> s = "du kien co 95,4 trieu nguoi, trong khi nam 1995 moi co 7,1 trieu nguoi"
    >>> clause_mood(s, s.index("7,1"), s.index("7,1") + 3)
    'past'
    >>> s = "ket qua dat duoc trong nhung nam qua la nang ty le bao phu bhyt len 91%"
    >>> clause_mood(s, s.index("91"), s.index("91") + 3)
    'past'
    >>> s = "theo ke hoach, den nay da co 500 nguoi tham gia"
    >>> clause_mood(s, s.index("500"), s.index("500") + 3) is None
    True
    """
    before = folded[:begin]
    # Each reading is tried only when its key word is there: most clauses have none.
    if "tu" in before and (_FROM_BEFORE.search(before) or _FROM_BARE.search(before)
                           and _NOW_THEN_UP.match(folded, end)):
        return PRESENT
    if "nam" in before and _PAST_CONTRAST.search(before):
        return PAST
    if "hien" in before:
        now = list(_NOW_OPENS.finditer(before))
        if now and not _GOAL_AFTER_RESULTS.search(before, now[-1].end()):
            return PRESENT
    if "ket qua" in before:
        results = list(_RESULTS.finditer(before))
        if results and not _GOAL_AFTER_RESULTS.search(before, results[-1].end()):
            return PAST
    if "theo" in before:
        opening = _PLAN_OPENING.match(folded)
        if opening is not None and not _DONE.search(folded, opening.end(), begin) and (
                opening["plan"] or _PLAN_REACH.search(folded, opening.end(), begin)):
            return PLAN
    if "phai" in before:
        musts = list(_MUST.finditer(folded, 0, begin))
        if musts and not _DONE.search(folded, musts[-1].end(), begin):
            return PLAN
    return None
