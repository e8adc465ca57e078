"""The sentences of district and commune reports: their title and purpose, and why a commune
report has press figures only."""

from __future__ import annotations

#: Type words of a unit, as a title names it when its kind is not known.
UNIT_WORDS = {"vi": {"district": "huyện", "commune": "xã"},
              "en": {"district": "district", "commune": "commune"}}
#: Each kind of district and commune in English (the Vietnamese title uses the kind itself).
KIND_WORDS = {
    "huyện": "district", "thị xã": "town", "thành phố": "city", "quận": "urban district",
    "xã": "commune", "phường": "ward", "thị trấn": "township",
}


def unit_name(unit: str, place: str, lang: str, kind: str = "") -> str:
    """The unit as a title names it: "thị xã Đông Hòa" / "Đông Hòa town"; a place that already
    carries its type word ("thị xã Cai Lậy", "Quận 1") is not given it twice.

    Examples
    --------
    >>> unit_name("district", "Đông Hòa", "vi", "thị xã"), unit_name("district", "Mỹ Tho", "en",
    ...                                                             "thành phố")
    ('thị xã Đông Hòa', 'Mỹ Tho city')
    >>> unit_name("district", "thị xã Cai Lậy", "en", "thị xã"), unit_name("district", "Quận 1",
    ...                                                                   "en", "quận")
    ('Cai Lậy town', 'Quận 1')
    >>> unit_name("commune", "Phì Điền", "vi")
    'xã Phì Điền'
    """
    typed = bool(kind) and place.lower().startswith(kind + " ")
    bare = place[len(kind) + 1:] if typed else place
    if lang == "vi":
        return place if typed else f"{kind or UNIT_WORDS['vi'][unit]} {place}"
    if typed and bare.strip().isdigit():  # "Quận 1", "Phường 3": the number needs its word
        return place
    return f"{bare} {KIND_WORDS.get(kind) or UNIT_WORDS['en'][unit]}"


def unit_heading(
    unit: str, place: str, province: str, lang: str, kind: str = ""
) -> tuple[str, str]:
    """Title and one-line purpose of a district or commune report; ``kind`` is the unit's
    kind from the reference tables ("thị xã", "phường"), "" when unknown."""
    named = unit_name(unit, place, lang, kind)
    if lang == "vi":
        return (
            f"Báo cáo {named} ({province}): vận động tham gia BHXH tự nguyện",
            f"Báo cáo trả lời: {place} có bao nhiêu người tham gia, các đợt vận động đạt kết quả "
            "ra sao, bao nhiêu người dừng đóng. Đây là một đơn vị của tỉnh "
            f"{province}; mỗi con số đều dẫn nguồn ở mục cuối.",
        )
    return (
        f"{named} ({province}) report: voluntary social insurance enrolment campaigns",
        f"This report answers: how many people in {place} are enrolled, how the campaigns did "
        f"and how many stopped paying. It is one unit of {province} province; every figure is "
        "sourced in the last section.",
    )


def commune_press_only(lang: str) -> str:
    """Why a commune report has no monthly figures."""
    if lang == "vi":
        return (
            "Báo cáo cấp xã chỉ dùng số liệu báo chí: số liệu hàng tháng chỉ có đến cấp huyện "
            "(không có cột xã)."
        )
    return (
        "A commune report rests on press figures only: the monthly panel goes down to districts "
        "and has no commune column."
    )


def nothing_for_unit(unit: str, place: str, lang: str, kind: str = "", province: str = "") -> str:
    """The one sentence of a district or commune report without any data."""
    named = unit_name(unit, place, lang, kind)
    where = f" ({province})" if province else ""
    word = UNIT_WORDS[lang][unit]
    if lang == "vi":
        return (
            f"Chưa có số liệu nào về {named}{where}: chưa có bài báo hay số liệu hàng tháng nào "
            f"về {word} này trong thư mục dữ liệu."
        )
    return (
        f"There are no data on {named}{where} yet: no article and no monthly figures about "
        f"this {word} are in the data folder."
    )
