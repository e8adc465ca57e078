"""The sentences of district and commune reports: their title and purpose, and why a commune
report has press figures only."""

from __future__ import annotations

#: Type words of a unit, as a title names it.
UNIT_WORDS = {"vi": {"district": "huyện", "commune": "xã"},
              "en": {"district": "district", "commune": "commune"}}


def unit_heading(unit: str, place: str, province: str, lang: str) -> tuple[str, str]:
    """Title and one-line purpose of a district or commune report."""
    word = UNIT_WORDS[lang][unit]
    if lang == "vi":
        return (
            f"Báo cáo {word} {place} ({province}): vận động tham gia BHXH tự nguyện",
            f"Báo cáo trả lời: {place} có bao nhiêu người tham gia, các đợt vận động đạt kết quả "
            "ra sao, bao nhiêu người dừng đóng. Đây là một đơn vị của tỉnh "
            f"{province}; mỗi con số đều dẫn nguồn ở mục cuối.",
        )
    return (
        f"{place} {word} ({province}) report: voluntary social insurance enrolment campaigns",
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


def nothing_for_unit(unit: str, place: str, lang: str) -> str:
    """The one sentence of a district or commune report without any data."""
    word = UNIT_WORDS[lang][unit]
    if lang == "vi":
        return (
            f"Chưa có số liệu nào về {word} {place}: chưa có bài báo hay số liệu hàng tháng nào "
            f"về {word} này trong thư mục dữ liệu."
        )
    return (
        f"There are no data on {place} {word} yet: no article and no monthly figures about "
        f"this {word} are in the data folder."
    )
