"""Where a figure is from: the article's province (sidecar, headline or text), a district in
the headline, and the district, commune or national scope named in the figure's own clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from helpers.extract import scope as national_scope
from helpers.extract.cues import listed_names
from helpers.extract.reading import fold_aligned
from helpers.geo import (
    COMMUNE_TYPES,
    DISTRICT_TYPES,
    Commune,
    District,
    find_places,
    resolve_province,
    resolve_province_2025,
)
from helpers.geo_2025 import Commune2025, also_legacy_elsewhere, find_communes_2025
from helpers.geo_tables import commune_index, district_index
from helpers.text import fold

# A place is named with a type word or a capitalised word inside the sentence ("Hiệp Hòa"),
# so sentences with neither skip the place scan. Acronyms ("BHXH") have no lower-case letter.
_MAY_NAME_PLACE = re.compile(
    r"(?i:huyện|thị xã|thành phố|quận|xã|phường|thị trấn|huyen|thi xa|thanh pho|quan|phuong)\s"
    r"|(?<=\S)\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][a-zà-ỹđ]"
)
# `find_places` reads a name after a type word ("xã Hòa An") or, without one, a name whose
# first letter is a capital; a sentence where no word after a type word and no capitalised word
# starts a place name of the province (or a number, "phường 1") is not scanned: the scan is
# the costliest step, and "xã hội", "cơ quan" hold type words.
_TYPE_WORD = re.compile(
    r"(?<![a-z])(?:" + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted({*DISTRICT_TYPES, *COMMUNE_TYPES},
                                                              key=len, reverse=True)
    ) + r")(?:\.\s*|\s+)(?P<next>[\w'’]+)"
)
_CAPITALISED = re.compile(r"(?<!\w)([^\W\d_][\w'’]*)(?=(?:[\s\-–—]+([\w'’]+))?)")
_SYLLABLE_BREAK = re.compile(r"[\s\-–—]+")
_LOCATIVE = re.compile(r"(?<![a-z])(?:tai|o)\s+$")
_RESPECTIVELY = re.compile(r"(?<![a-z])lan\s+luot(?![a-z])")
_JUST_PUNCTUATION = re.compile(r"\s*[,(–-]?\s*")
_OWN_PROVINCE_GAP = re.compile(r"\s*[,(–-]?\s*(?:(?:tinh|thanh\s+pho|tp\.?)\s*)?")
_LIST_JOIN = re.compile(r"\s*(?:,|va|hoac)\s*")
# "..., tỉnh An Giang, tỉnh Bạc Liêu và tỉnh Bắc Giang": the glue with the next item's type word.
_TYPED_JOIN = re.compile(r"\s*(?:,|va|hoac)\s*(?:tinh|thanh\s+pho|tp\.?|thu\s+do|huyen|thi\s+xa"
                         r"|quan|xa|phuong|thi\s+tran)\s+")
_WHOLE_PROVINCE = re.compile(r"(?<![a-z])(?:toan|ca)\s+tinh(?![a-z])")
# "tỷ lệ bao phủ BHYT của huyện đạt 94,3%": the district named earlier in the sentence.
_BARE_DISTRICT = re.compile(r"(?<![a-z])(?:cua|toan)\s+(?:huyen|thi\s+xa|quan)(?![a-z])")
# "toàn xã có 2.100 người": the whole commune the article is about.
_WHOLE_COMMUNE = re.compile(r"(?<![a-z])toan\s+(?:xa(?!\s+hoi)|phuong|thi\s+tran)(?![a-z])")
# "Huyện đang ...", "trong năm 2021, huyện có ...": the district named before, in this sentence
# or an earlier one (not "các huyện", "cấp huyện", "mỗi huyện").
_ANAPHOR_DISTRICT = re.compile(
    r"(?<![a-z])(?<!cac )(?<!cap )(?<!moi )(?<!nhieu )(?<!nhung )(?<!tung )(?:huyen|thi\s+xa)"
    r"(?![a-z])")
# "trên địa bàn phường", "toàn xã": the commune or ward named before ("xã hội" is no commune);
# "theo bà ..., Chủ tịch UBND xã, ...": an official of the commune named before.
# "Năm 2023, xã có hơn 5.700 người": a bare "xã" as the subject of its clause.
_ANAPHOR_COMMUNE = re.compile(
    r"(?<![a-z])(?:toan|dia\s+ban|cua|ubnd|hdnd|uy\s+ban\s+nhan\s+dan|dang\s+uy)\s+"
    r"(?:xa(?!\s+hoi)|phuong|thi\s+tran)(?![a-z])(?!\s+[A-Z])"
    r"|(?:^\W*|[,;:]\s*)(?:xa|phuong|thi\s+tran)(?=\s+(?:co|da|dat|hien|van)\s)")
# "trên địa bàn tỉnh", "toàn tỉnh" in a national article: the province named before.
_ANAPHOR_PROVINCE = re.compile(
    r"(?<![a-z])(?:(?:toan|ca|dia\s+ban|cua)\s+tinh|tinh\s+nay)(?![a-z])(?!\s+[A-Z])")

# Not ":", so that "huyện A: 500 người" keeps its district; not the marks inside "9.499".
_CLAUSE_BREAK = re.compile(r"[;()]|[,.](?!\d)")
# A clause that opens on its verb has no subject of its own ("..., hiện có 2.819 người",
# "..., mới đạt 65,42%", "..., đạt 102,1% kế hoạch"): Vietnamese leaves out a subject the
# clause before has named, so the place that subject is stays the figure's place.
_NO_SUBJECT = re.compile(
    r"\s*(?:(?:hien|moi|chi|da|cung|van|deu|lai)\s+)*"
    r"(?:co|dat|chiem|tang|giam|vuot|len|bang|con|la|voi)(?![a-z])")
# "đều đạt", "đạt tỷ lệ tương đương", "cùng đạt", "mỗi xã đạt": the figure is each place's.
# ("mới", new, folds like "mỗi", each: only "mỗi" before a unit counts.)
_EACH = re.compile(r"(?<![a-z])(?:deu|tuong\s+duong|cung(?=\s+(?:dat|co|la|o\s+muc))"
                   r"|moi(?=\s+(?:xa|phuong|huyen|dia\s+phuong|don\s+vi|tinh)(?![a-z])))"
                   r"(?![a-z])")
# "A, B và C phải nâng ...", "... được giao chỉ tiêu ...", "... phấn đấu đạt ...": the places
# before are the subject a goal is set for.
_ASSIGNED = re.compile(r"\s*(?:(?:deu|cung|can|con)\s+)?(?:phai|duoc\s+giao|phan\s+dau"
                       r"|dat\s+muc\s+tieu)(?![a-z])")
_HARD_BREAK = re.compile(r"[;()]|[.](?!\d)|,(?!\s*(?:deu|cung)(?![a-z]))")
# "Riêng", "đối với", "với", "còn", "về" before a place that closes its clause: the topic.
_TOPIC = re.compile(r"\s*(?:rieng|doi\s+voi|voi|con|ve)\s+(?:(?:cac\s+)?(?:huyen|xa|phuong|"
                    r"thi\s+tran|thi\s+xa|quan|thanh\s+pho|tp\.?)\s+)?")
# What may sit between a clause's start and the place that is its subject ("; Bắc Giang là
# ...", "thấp nhất là huyện Châu Thành A, ...": the place opens or closes its clause).
_SUBJECT_OPENS = re.compile(r"(?:[^,;:]*:)?[\s:;,\-–—]*(?:trong\s+do\s*,?\s*|rieng\s+)?")
_SUBJECT_CLOSES = re.compile(r"\s*[,;]")


@dataclass(frozen=True)
class Scope:
    """The place a figure is about; empty strings for the level above. `province_2025` is set
    for a place read in the 2025 map (then `province` is the former province when the place
    lies in one, and `district` is empty); `flags` are data-quality notes on the reading."""

    province: str
    district: str = ""
    commune: str = ""
    province_2025: str = ""
    flags: tuple[str, ...] = ()


def in_2025(scope: Scope) -> Scope:
    """`scope` in the 2025 map: the 2025 province always, the former province only when the
    place lies wholly in one ("Nghệ An", unchanged; not "Đồng Nai", merged with Bình Phước),
    no district. A former province named in a 2025 text ("Bình Phước") is that province."""
    if scope.province_2025 or not scope.province:
        return scope
    new = province_2025(scope.province)
    whole = scope.province != new or resolve_province_2025(new).members == (new,)
    return Scope(scope.province if whole else "", "", "", new, scope.flags)


def canonical_province(name: str) -> str:
    """Canonical pre-2025 name of any spelling; raises UnknownPlaceError."""
    return resolve_province(name).name


@lru_cache(maxsize=256)
def province_2025(province: str) -> str:
    """The 2025 province containing `province` ("" for a national figure)."""
    return resolve_province(province).name_2025 if province else ""


def article_province(title: str, text: str) -> str:
    """The province an article is about: "" when the headline is national, else the province
    named in the headline, else the one named most often in the text (first on a tie) unless
    the text speaks for the whole country at least as often ("cả nước", "BHXH Việt Nam": a
    national summary that lists provinces); "" if none is named."""
    folded_title = fold_aligned(title)
    if is_national(folded_title):
        return ""
    named, _ = national_scope.main_province(title, folded_title)
    if named:
        return named
    folded = fold_aligned(text)
    named, count = national_scope.main_province(text, folded)
    if named and national_scope.national_markers(folded) >= count:
        return ""
    return named


def headline_scope(title: str, province: str, geography: str = "legacy") -> Scope:
    """The place the headline is about: its first district ("Thị xã Đông Hoà: ...") or commune
    ("Xã Diễn Hồng (huyện Diễn Châu) có ..."), else the province; in the 2025 map its first
    2025 commune or ward, else the province."""
    folded = fold_aligned(title)
    if geography == "2025":
        default = in_2025(Scope(province))
        found = _communes_2025(title, fold_aligned(title), default.province_2025) \
            if province else []
        return _commune_2025_scope(found[0][2]) if found else default
    if not province or not _may_name_place(title, folded, province):
        return Scope(province)
    for _, _, unit in _communes_in_districts(places_in(title, folded, province), folded):
        if isinstance(unit, District):
            return Scope(province, unit.name)
        return Scope(province, unit.district, unit.name)
    return Scope(province)


def places_in(text: str, folded: str, province: str) -> list:
    """`helpers.geo.find_places` of `text`, less the province's own name read as a town:
    "tỉnh Bắc Kạn" or "Bắc Giang:" is the province; the town needs its type word
    ("thành phố Bắc Kạn"). Towns inside the province's full name ("Bà Rịa" and "Vũng Tàu" in
    "Bà Rịa - Vũng Tàu") are the province too."""
    own = [m.span() for m in _own_name(province).finditer(folded)]
    return [
        (start, end, unit) for start, end, unit in find_places(text, province)
        if (unit.name != province or folded[start:end] != fold_aligned(unit.name))
        and not any(a <= start and end <= b for a, b in own)
    ]


@lru_cache(maxsize=128)
def _own_name(province: str) -> re.Pattern[str]:
    """The province's folded name, any dash or spacing between its syllables."""
    syllables = [re.escape(s) for s in _SYLLABLE_BREAK.split(fold(province)) if s]
    return re.compile(r"(?<![a-z])" + r"[\s\-–—]+".join(syllables) + r"(?![a-z])")


def _communes_in_districts(found: list, folded: str) -> list:
    """"xã Diễn Hồng, huyện Diễn Châu" names the commune: a commune followed by its own district
    becomes one place, placed where the district stands so that the clause after the comma
    keeps the commune."""
    merged: list = []
    for start, end, unit in found:
        if merged and isinstance(unit, District):
            _, last_end, last = merged[-1]
            if isinstance(last, Commune) and last.district == unit.name \
                    and _JUST_PUNCTUATION.fullmatch(folded, last_end, start):
                merged[-1] = (start, end, last)
                continue
        merged.append((start, end, unit))
    return merged


def _with_own_province(found: list, folded: str, own: set[str]) -> list:
    """"Xã Diễn Hồng, huyện Diễn Châu, tỉnh Nghệ An có 412 người", "Phường Hạc Thành, tỉnh Thanh
    Hóa có ...": a place followed by its own province is one place, the most specific, placed
    where the province stands so that the clause after the comma keeps it."""
    merged: list = []
    for start, end, unit in found:
        if merged and isinstance(unit, str) and unit in own:
            _, last_end, last = merged[-1]
            if not isinstance(last, str) and _OWN_PROVINCE_GAP.fullmatch(folded, last_end, start):
                merged[-1] = (start, end, last)
                continue
        merged.append((start, end, unit))
    return merged


def _may_name_place(sentence: str, folded: str, province: str) -> bool:
    """Whether `find_places` can find anything in the sentence (see `_TYPE_WORD`)."""
    firsts, pairs = _name_starts(province)
    for m in _TYPE_WORD.finditer(folded):
        word = _bare(m["next"])
        if word in firsts or word[0].isdigit():
            return True
    # Without a type word a name needs two syllables ("Hòa An") or an apostrophe ("M'Đrắk").
    for m in _CAPITALISED.finditer(sentence):
        if m[1][0].isupper() and (_bare(fold(m[1])) in pairs
                                  or f"{_bare(fold(m[1]))} {_bare(fold(m[2] or ''))}" in pairs):
            return True
    return False


@lru_cache(maxsize=128)
def _name_starts(province: str) -> tuple[frozenset[str], frozenset[str]]:
    """First syllables, and first two syllables (or the whole name when it is one word), of
    the province's district and commune names: folded, without apostrophes."""
    groups = (district_index().get(province, {}), commune_index().get(province, {}))
    syllables = [[_bare(s) for s in _SYLLABLE_BREAK.split(fold(unit.name))]
                 for group in groups for units in group.values() for unit in units]
    return (frozenset(s[0] for s in syllables),
            frozenset(" ".join(s[:2]) for s in syllables))


def _bare(word: str) -> str:
    return word.replace("'", "").replace("’", "")


def is_national(folded: str) -> bool:
    """True when folded text says "cả nước", "toàn quốc" or "63 tỉnh, thành phố" (not
    "đại biểu toàn quốc")."""
    return national_scope.is_national(folded)


def _in_list_of_provinces(found: list, n: int, folded: str) -> bool:
    """Whether the n-th place is the last of a list of provinces ("A, B và C")."""
    _, end, previous = found[n - 1]
    return isinstance(previous, str) and bool(_LIST_JOIN.fullmatch(folded, end, found[n][0]))


def _communes_2025(text: str, folded: str, province_2025: str) -> list:
    """2025 communes named in `text`; a ward named like a province ("tỉnh Lào Cai", phường
    Lào Cai) needs its type word."""
    return [(start, end, unit) for start, end, unit in find_communes_2025(text, province_2025)
            if not national_scope.canonical(unit.name)
            or folded[start:end].startswith(("xa ", "phuong ", "dac khu "))]


def _commune_2025_scope(unit: Commune2025) -> Scope:
    # A name that is also a legacy commune of another former province could be read in the
    # wrong map: said in the flags, never silently.
    flags = ("commune_in_both_maps",) if also_legacy_elsewhere(unit) else ()
    return Scope(unit.province, "", unit.name, unit.province_2025, flags)


class PlaceScanner:
    """Scope of each figure of one sentence, from the places named before it in its clause."""

    def __init__(self, sentence: str, folded: str, default: Scope,
                 previous: Scope | None = None, provinces: frozenset[str] | None = None) -> None:
        self.default = default
        self.previous = previous  # the last place named in the sentences before
        self._breaks: list[int] | None = None  # offsets of the clause breaks (_clause_start)
        # `provinces`: the provinces the article names anywhere (None: look for all 63)
        self.sentence = sentence
        self.folded = folded
        if default.province_2025:  # the 2025 map: communes and wards under the province
            self.places = (_communes_2025(sentence, folded, default.province_2025)
                           if _MAY_NAME_PLACE.search(sentence) else [])
        else:
            self.places = (
                places_in(sentence, folded, default.province)
                if default.province and _MAY_NAME_PLACE.search(sentence)
                and _may_name_place(sentence, folded, default.province) else []
            )
        # "Tại xã Lộc Châu (thành phố Bảo Lộc), ... 215 người": a place introduced by "tại"
        # or "ở" frames the whole sentence, not only its own clause.
        # Provinces named in the clause ("Nghệ An (tăng 9.499 người)", "toàn tỉnh Thanh Hóa")
        # unless the name is part of a district or commune already found ("thành phố Bắc
        # Giang" is the town).
        self.places += [
            (start, end, name) for start, end, name
            in national_scope.province_mentions(sentence, folded, provinces)
            if not any(a < end and start < b for a, b, _ in self.places)
        ]
        self.places.sort(key=lambda place: place[0])
        self.framing = [
            (start, unit) for start, _, unit in self.places
            if _LOCATIVE.search(folded, max(0, start - 6), start)
            # "tổ chức tại Hà Nội ngày 17/1": a meeting's venue, not its figures' place.
            and not national_scope.VENUE.search(folded, max(0, start - 40), start)
        ]
        # "..., phường Cao Xanh được sắp xếp từ ..., hiện có ...; trong đó có 1.115 người":
        # the place a sentence's clause opens on is its subject, for the clauses after it too.
        if self.places and not folded[self._clause_start(self.places[0][0]):
                                      self.places[0][0]].strip():
            self.framing.append((self.places[0][0], self.places[0][2]))
        # "Riêng huyện Kiến Xương, số người tham gia ... là 2.800 người", "; đối với xã A, ...":
        # a place set up as the topic of what follows.
        self.topics = {
            start for start, end, _ in self.places
            if _SUBJECT_CLOSES.match(folded, end)
            and _TOPIC.fullmatch(folded, self._clause_start(start), start)
        }
        self.framing += [(start, unit) for start, _, unit in self.places
                         if start in self.topics and (start, unit) not in self.framing]
        self.framing.sort(key=lambda place: place[0])
        self.named = list(self.places)  # as written, before a commune absorbs its district
        self.places = _with_own_province(_communes_in_districts(self.places, folded), folded,
                                         {default.province, default.province_2025} - {""})
        self.paired: dict[int, Scope] = {}

    def last_place(self) -> Scope | None:
        """The last district (or province, in a national article) the sentence names; the
        commune the sentence opens on when what follows is its own district ("Ngọc Mỹ là xã
        vùng thấp, cách trung tâm huyện Tân Lạc 13 km": the topic is the commune)."""
        first = self.places[0] if self.places else None
        if first is not None and isinstance(first[2], Commune) \
                and not self.folded[:first[0]].strip(" \"'-–") \
                and all(isinstance(u, District) and u.name == first[2].district
                        for _, _, u in self.places[1:]):
            return self._scope_of(first[2])
        for _, _, unit in reversed(self.places):
            if isinstance(unit, Commune2025):
                return _commune_2025_scope(unit)
            if isinstance(unit, District | Commune):
                return self._scope_of(unit)
            if isinstance(unit, str) and not self.default.province:
                return Scope(unit)
        return None

    def _clause_start(self, position: int) -> int:
        """Where the clause holding `position` starts: after the last `_CLAUSE_BREAK` of
        ``folded[:position]``. The sentence's breaks are found once; a "," or "." right before
        `position` ends the text searched, so no digit follows it there and it breaks too."""
        if self._breaks is None:
            self._breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.folded)]
        n = bisect_left(self._breaks, position)
        last = self._breaks[n - 1] if n else -1
        if last < position - 1 < len(self.folded) and self.folded[position - 1] in ",.":
            last = position - 1
        return last + 1

    def pair_respectively(self, positions: list[int]) -> None:
        """"Huyện A và thành phố B ... lần lượt tăng 24% và 21%": the n-th figure after
        "lần lượt" goes with the n-th place named before it, when the counts agree."""
        m = _RESPECTIVELY.search(self.folded)
        if not m:
            return
        units = list(dict.fromkeys(u for s, _, u in self.places if s < m.start()))
        after = [p for p in positions if p > m.start()]
        if len(units) >= 2 and len(units) == len(after):
            self.paired = {p: self._scope_of(u) for p, u in zip(after, units, strict=True)}

    def _national_subject(self, position: int) -> bool:
        """"Đến hết năm 2020, số người tham gia BHXH trên cả nước đạt hơn 16 triệu người, bằng
        33,5% ..., tăng 53,2% ...; trong đó, BHXH bắt buộc hơn 15 triệu người": once the whole
        country is the subject, the sentence's later figures are its own until a place or the
        province ("toàn tỉnh", "riêng Nghệ An") is named."""
        mark = national_scope.national_subject(self.folded, position)
        return mark >= 0 and not any(mark <= start < position for start, _, _ in self.places) \
            and not _ANAPHOR_PROVINCE.search(self.folded, mark, position)

    def _elided_subject(self, clause_start: int):
        """The place a subjectless clause at `clause_start` takes from the clauses before it:
        walking back over clauses that open on their verb (`_NO_SUBJECT`), the place that
        opens or closes the first clause with a subject ("Bắc Giang là 1.617.981 người, đạt
        102,1% kế hoạch"; "thấp nhất là huyện Châu Thành A, mới đạt 65,42%"); None when a
        clause on the way has a subject of its own or the place is one of a list."""
        start = clause_start
        while start > 0 and _NO_SUBJECT.match(self.folded, start):
            previous = self._clause_start(start - 1)
            inside = [n for n, (s, _, _) in enumerate(self.places) if previous <= s < start]
            if inside:
                n = inside[-1]
                begin, end, unit = self.places[n]
                listed = n > 0 and bool(_LIST_JOIN.fullmatch(self.folded, self.places[n - 1][1],
                                                             begin))
                opens = _SUBJECT_OPENS.fullmatch(self.folded, previous, begin)
                closes = _SUBJECT_CLOSES.match(self.folded, end) and end < start
                if listed or len(inside) > 1 and not closes or not (opens or closes):
                    return None
                return unit
            start = previous
        return None

    def shared_by_list(self, position: int, goal: bool = False) -> list[Scope]:
        """"Xã Bình Ninh và Phú Thịnh đạt tỷ lệ tương đương 76%", "các huyện A, B và C đều đạt
        trên 95%": a rate the words give to each place of the list before it ("đều", "tương
        đương", "cùng", "mỗi"), one scope per place (districts and communes, or provinces in a
        national article); empty otherwise (one figure for several places is the level above).
        A goal (`goal`) set for a list of places that are the subject of an obligation or an
        assignment ("Hà Nội, tỉnh A và tỉnh B phải nâng tỷ lệ ... lên", "... được giao chỉ
        tiêu") is each place's own: a plan is set place by place, a result is not shared out."""
        named = self.named
        before = [n for n, (s, _, _) in enumerate(named) if s < position]
        if not before:
            return []
        n = before[-1]
        gap = self.folded[named[n][1]:position]
        if not (_EACH.search(gap) or goal and _ASSIGNED.match(gap)) or _HARD_BREAK.search(gap):
            return []
        last = named[n][2]
        if isinstance(last, District) and n and isinstance(named[n - 1][2], Commune) \
                and named[n - 1][2].district == last.name \
                and _JUST_PUNCTUATION.fullmatch(self.folded, named[n - 1][1], named[n][0]):
            n -= 1  # "xã A và B, huyện C đều đạt": C is where the communes lie
        members = [named[n][2]]
        while n > 0 and (_LIST_JOIN.fullmatch(self.folded, named[n - 1][1], named[n][0])
                         or _TYPED_JOIN.fullmatch(self.folded, named[n - 1][1], named[n][0])):
            n -= 1
            members.insert(0, named[n][2])
        provinces = [isinstance(u, str) for u in members]
        if len(members) < 2 or any(provinces) and (self.default.province or not all(provinces)):
            return []
        return [replace(self._scope_of(u), flags=(*self._scope_of(u).flags, "place_each_listed"))
                for u in dict.fromkeys(members)]

    @staticmethod
    def _with_flag(scope: Scope) -> Scope:
        """`scope`, marked as taken from an earlier clause of the sentence (`place_carried`)."""
        return replace(scope, flags=(*scope.flags, "place_carried"))

    def _scope_of(self, unit) -> Scope:
        if isinstance(unit, str):  # a province named in the sentence
            return in_2025(Scope(unit)) if self.default.province_2025 else Scope(unit)
        if isinstance(unit, Commune2025):
            return _commune_2025_scope(unit)
        if isinstance(unit, District):
            return Scope(self.default.province, unit.name)
        return Scope(self.default.province, unit.district, unit.name)

    def _whole_unit(self, position: int, commune: bool) -> Scope | None:
        """The unit a bare "toàn huyện" / "toàn xã" before the figure at `position` means when
        its sentence names none of that kind before it: the one the sentences before named
        ("Huyện A Lưới có ... . "..., toàn huyện có hơn 1.700 người""), else the one this
        sentence names after the figure (its speaker's unit: "..., Giám đốc BHXH huyện A Lưới,
        cho biết"), flagged `place_carried`; None when neither names one or the later one is
        the unit the article or sentence frames already (read as before, unflagged)."""
        previous = self.previous
        if previous is not None and (previous.commune if commune else previous.district):
            return previous if commune else replace(previous, commune="")
        kind = (Commune, Commune2025) if commune else (District,)
        later = [u for s, _, u in self.places if s > position and isinstance(u, kind)]
        found = self._scope_of(later[0]) if later else None
        framing = [unit for start, unit in self.framing if start < position]
        before = self._scope_of(framing[-1]) if framing else self.default
        if found is None or (found.district, found.commune) == (before.district, before.commune):
            return None  # the unit the article or sentence frames: read as before, unflagged
        return self._with_flag(found)

    def scope_at(self, position: int, window_start: int) -> Scope:
        """Scope of a figure at `position` whose own context begins at `window_start`.

        A district or commune counts when it sits in the same clause as the figure (after the
        last comma, semicolon or parenthesis); "cả nước" / "toàn quốc" before the figure in its
        window make it national, "toàn tỉnh" makes it province-wide.
        """
        clause_start = self._clause_start(position)
        if national_scope.national_base(self.folded, position):
            return Scope("")
        if position in self.paired:
            return self.paired[position]
        if clause_start > 0 and self.folded[clause_start - 1] == "(":
            # "thị trấn An Bài (215 người)": the figure in brackets is the place's own.
            for _, end, unit in self.places:
                if end < clause_start and not self.folded[end:clause_start - 1].strip():
                    return self._scope_of(unit)
        for n in range(len(self.places) - 1, -1, -1):
            start, _, unit = self.places[n]
            if clause_start <= start < position:
                if isinstance(unit, str) and n and _in_list_of_provinces(self.places, n,
                                                                          self.folded):
                    # "một số địa phương như Phú Thọ, Vũng Tàu, Điện Biên… đã tổ chức 23
                    # cuộc": one figure for several provinces is the level above.
                    return self.default if not self.default.province else Scope("")
                return self._scope_of(unit)
        if any(not self.sentence[m.end():].lstrip()[:1].isupper()  # no name follows
               for m in _BARE_DISTRICT.finditer(self.folded, clause_start, position)):
            named = [u for s, _, u in self.places if s < clause_start and isinstance(u, District)]
            if named:
                return self._scope_of(named[-1])
            whole = self._whole_unit(position, commune=False)
            if whole is not None:
                return whole
        if any(not self.sentence[m.end():].lstrip()[:1].isupper()
               for m in _ANAPHOR_DISTRICT.finditer(self.folded, clause_start, position)):
            # "Giám đốc BHXH huyện Thọ Xuân cho biết: "..., huyện có hơn 8.400 người"": a bare
            # "huyện" is the district this sentence named before (its speaker's unit).
            named = [u for s, _, u in self.places if s < clause_start and isinstance(u, District)]
            if named:
                return self._with_flag(self._scope_of(named[-1]))
        if any(not self.sentence[m.end():].lstrip()[:1].isupper()  # no name follows
               for m in _ANAPHOR_COMMUNE.finditer(self.folded, clause_start, position)):
            # "Chủ tịch UBND xã Định Bình chia sẻ: tỷ lệ ... của xã đạt 89%": the commune
            # named before, in this sentence.
            communes = [u for s, _, u in self.places if s < clause_start
                        and isinstance(u, Commune)]
            if communes:
                return self._scope_of(communes[-1])
        if any(not self.sentence[m.end():].lstrip()[:1].isupper()
               for m in _WHOLE_COMMUNE.finditer(self.folded, clause_start, position)) \
                and not any(s < clause_start and isinstance(u, Commune | Commune2025)
                            for s, _, u in self.places):
            whole = self._whole_unit(position, commune=True)
            if whole is not None:
                return whole
        if self.previous and self.previous.commune and not self.places \
                and _ANAPHOR_COMMUNE.search(self.folded):
            return self.previous  # "... 183 tổ dân trên địa bàn phường": the whole sentence
        if self.previous and self.previous.district and any(
                not self.sentence[m.end():].lstrip()[:1].isupper()
                for m in _ANAPHOR_DISTRICT.finditer(self.folded, 0, position)) \
                and not any(isinstance(u, District | Commune) for _, _, u in self.places):
            return replace(self.previous, commune="")
        if not self.default.province and self.previous and self.previous.province \
                and _ANAPHOR_PROVINCE.search(self.folded, 0, position):
            return Scope(self.previous.province)
        subject = self._elided_subject(clause_start)
        if subject is not None:
            return self._with_flag(self._scope_of(subject))
        window = self.folded[window_start:position]
        if self._national_subject(position):
            return Scope("")
        if _WHOLE_PROVINCE.search(window) or _WHOLE_PROVINCE.search(
            self.folded, clause_start, position
        ) or self.default.province and _ANAPHOR_PROVINCE.search(self.folded, clause_start,
                                                                 position):
            # "...; tỷ lệ bao phủ BHYT của tỉnh đạt 95,2%": the province, not the district an
            # earlier clause opened on.
            return replace(self.default, district="", commune="")
        framing = [(start, unit) for start, unit in self.framing if start < position]
        if not framing:
            return self.default
        start, unit = framing[-1]
        return self._with_flag(self._scope_of(unit)) if start in self.topics \
            else self._scope_of(unit)



def places_named_after(sentence: str, end: int, scope: Scope) -> list[Scope]:
    """The communes a figure of a district is given to by the list that closes its sentence
    (`cues.listed_names`: "trên 97% như Đồng Tân, Đức Thắng, Quang Minh", "đạt 100% tỷ lệ bao
    phủ BHYT là Xuân Cẩm"): one scope per name, in the district of `scope`. A name the
    reference lists in that district takes the reference's spelling, any other is kept as
    printed (communes merged since); a single name must be in the reference. Empty when the
    sentence does not close so or when `scope` is not a district's."""
    listed = listed_names(sentence, end)
    if not listed or not scope.district or scope.commune:
        return []
    known = {fold(u.name): u.name for units in commune_index().get(scope.province, {}).values()
             for u in units if u.district == scope.district}
    names = [known.get(fold(name), name) for name in listed]
    if len(names) == 1 and fold(names[0]) not in known:
        return []
    return [Scope(scope.province, scope.district, name, scope.province_2025, scope.flags)
            for name in dict.fromkeys(names)]
