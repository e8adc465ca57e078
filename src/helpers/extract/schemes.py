"""Which insurance scheme a stretch of text talks about: scheme mentions in folded text,
with the social-security agency ("BHXH tỉnh", "cơ quan BHXH") told apart from the scheme.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SI = r"(?:bhxh|bao\s+hiem\s+xa\s+hoi)(?:\s*\(bhxh\))?"
_HI = r"(?:bhyt|bao\s+hiem\s+y\s+te)(?:\s*\(bhyt\))?"
_KIND = r"(?:(?:theo\s+)?(?:hinh\s+thuc|loai\s+hinh)\s+)?"
_SCHEME_RE = re.compile(
    # "khối bắt buộc", "khu vực tự nguyện": the parts of social insurance named alone
    # "BHXH theo hình thức tự nguyện", "tự nguyện tham gia BHXH": the word order varies
    # "BHXH tựnguyện", "BHXH bắtbuộc": syllables a typo ran together read as written apart
    rf"(?<![a-z])(?:(?P<voluntary_si>{_SI}\s*{_KIND}(?:tu\s*nguyen|tn)|bhxhtn"
    rf"|tu\s+nguyen\s+(?:tham\s+gia|dong)\s+{_SI}"
    # "Số người tham gia bảo hiểm tự nguyện đạt 16,42 triệu người": "bảo hiểm" with "tự
    # nguyện" and no "y tế" is the voluntary social insurance (voluntary health insurance is
    # always "BHYT tự nguyện")
    r"|bao\s+hiem\s+tu\s+nguyen"
    r"|(?:khoi|khu\s+vuc)\s+tu\s+nguyen)"
    rf"|(?P<compulsory_si>{_SI}\s*{_KIND}bat\s*buoc|(?:khoi|khu\s+vuc)\s+bat\s+buoc)"
    rf"|(?P<household_hi>{_HI}\s*(?:cho\s+|theo\s+)?(?:ho\s+gia\s+dinh|hgd)"
    # "số thành viên hộ gia đình tham gia BHYT", "10.300 đối tượng hộ gia đình": the members of
    # households, who join health insurance only (there is no household social insurance)
    rf"|(?:thanh\s+vien|doi\s+tuong)\s+(?:cac\s+)?ho\s+gia\s+dinh(?:\s+tham\s+gia\s+{_HI})?)"
    r"|(?P<unemployment_insurance>bhtn|bao\s+hiem\s+that\s*nghiep)"
    rf"|(?P<social_insurance>{_SI})|(?P<health_insurance>{_HI}))(?![a-z])"
)
# The agency shares the scheme's name: "BHXH tỉnh", "BHXH Việt Nam", "cơ quan BHXH" (but
# "tham gia BHXH so với lực lượng lao động" is the scheme).
_AGENCY_AFTER = re.compile(
    r"\s*(?:tinh|huyen|thi\s+xa|thanh\s+pho|quan|viet\s+nam|cac|cap|khu\s+vuc|co\s+so|xa"
    r"|so(?!\s+voi))(?![a-z])"
)
_AGENCY_BEFORE = re.compile(r"(?:co\s+quan|nganh|can\s+bo|vien\s+chuc|lanh\s+dao|giam\s+doc)\s+$")
# Where a scheme name can start: every alternative of _SCHEME_RE begins so ("bhxh", "bao
# hiểm", "tự nguyện", "khối", "khu vực", "thành viên", "đối tượng"). What this scan consumes
# ("bh", "bao", "tu", "kho", "khu", "thanh", "doi") holds no other start, so it finds every
# such place. (A new alternative of _SCHEME_RE needs its start here:
# tests/test_extract_speed.py compares `scheme_matches` with the full scan.)
_SCHEME_STARTS = re.compile(r"bh|bao(?=\s)|tu(?=\s+n)|kh[ou]|thanh(?=\s+v)|doi(?=\s+t)")
_GENERIC = {
    "voluntary_si": "social_insurance",
    "compulsory_si": "social_insurance",
    "household_hi": "health_insurance",
}


def scheme_mentions(
    folded: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, str]]:
    """Scheme mentions in ``folded[start:end]`` as (start, end, scheme), agency names left out.

    Examples
    --------
    >>> scheme_mentions("bhxh tinh da van dong 205 nguoi tham gia bhxh tu nguyen")
    [(41, 55, 'voluntary_si')]
    """
    end = len(folded) if end is None else end
    # Every scheme name has "bh" or "bao hiem"; a plain find skips most stretches at C speed.
    if folded.find("bh", start, end) < 0 and folded.find("bao hiem", start, end) < 0 \
            and folded.find("kh", start, end) < 0 and folded.find("gia dinh", start, end) < 0:
        return []
    found = []
    for m in scheme_matches(folded, start, end):
        scheme = m.lastgroup or ""
        if scheme in ("social_insurance", "health_insurance") and (
            _AGENCY_AFTER.match(folded, m.end())
            # The agency words are short: a bounded look back instead of a scan from the start.
            or _AGENCY_BEFORE.search(folded, max(0, m.start() - 40), m.start())
        ):
            continue
        found.append((m.start(), m.end(), scheme))
    return found


def scheme_matches(folded: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_SCHEME_RE.finditer(folded, start, end)``, tried only where a name can start
    (`_SCHEME_STARTS`) rather than at every character: the same matches, 2-3x faster."""
    after = start  # the end of the last match: the next one starts there or later
    for candidate in _SCHEME_STARTS.finditer(folded, start, end):
        if candidate.start() >= after and (m := _SCHEME_RE.match(folded, candidate.start(),
                                                                  end)):
            after = m.end()
            yield m


def combine(schemes: list[str]) -> str | None:
    """One scheme for a figure whose context names `schemes`; None when empty.

    A general scheme named beside one of its parts gives the part ("BHXH, trong đó BHXH tự
    nguyện" -> voluntary_si); two different schemes counted together give "mixed".
    """
    distinct = set(schemes)
    distinct -= {_GENERIC[s] for s in distinct if s in _GENERIC}
    if not distinct:
        return None
    return distinct.pop() if len(distinct) == 1 else "mixed"
