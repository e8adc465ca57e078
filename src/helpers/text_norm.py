"""Vietnamese letters: NFC, accent-insensitive folding for matching, tone-mark style, slugs.

Imported through `helpers.text`; kept separate so the number and date parsers can use it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["nfc", "fold", "fold_keep_offsets", "modern_tone_marks", "slugify"]

_COMBINING = re.compile(r"[\u0300-\u036f]")


def _build_strip_table() -> dict[int, str]:
    """Map every precomposed Latin letter to its bare ASCII letter, and đ/Đ to d/D.

    Covers Latin-1, Latin Extended-A/B and Latin Extended Additional, which hold every
    Vietnamese letter; a translate table is far faster than NFD plus filtering.
    """
    table: dict[int, str] = {}
    ranges = [(0x00C0, 0x0250), (0x1E00, 0x1F00)]
    for low, high in ranges:
        for code in range(low, high):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code) and base.isascii() and base.isalpha():
                table[code] = base
    table.update({ord("đ"): "d", ord("Đ"): "D", ord("ð"): "d", ord("Ð"): "D"})
    for code in range(0x0300, 0x0370):
        table[code] = None  # type: ignore[assignment]  # translate() deletes on None
    return table


_STRIP = _build_strip_table()
_ASCII_LOWER = {code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)}
_STRIP_LOWER = {
    **_STRIP,
    **_ASCII_LOWER,
    **{k: v.lower() for k, v in _STRIP.items() if v is not None},
}


# The same mapping with a removed mark as a space (keeping offsets), as a translate table
# indexed by code point (faster than a dict; code points past its end stay as they are).
_KEEP_OFFSETS = {cp: (value or " ") for cp, value in _STRIP_LOWER.items()}
_KEEP_TABLE = "".join(_KEEP_OFFSETS.get(cp, chr(cp)) for cp in range(max(_KEEP_OFFSETS) + 1))
# Whole articles are folded through an array lookup, some fifteen times faster than translate.
_ARRAY_FROM = 1000


def nfc(s: str) -> str:
    """Return `s` in Unicode NFC, the form every file is normalised to on read.

    Parameters
    ----------
    s
        Any text; NFD input (as some Mac tools and PDF exports produce) is composed.

    Returns
    -------
    str
        The composed text; ``nfc("Hòa") == "Hòa"`` whatever the input encoding form.
    """
    return unicodedata.normalize("NFC", s)


@lru_cache(maxsize=262144)
def fold(s: str) -> str:
    """Return a matching key: NFC, lower case, no diacritics (đ -> d), single spaces, stripped.

    Both tone-mark placements fold alike because the marks are removed.

    Parameters
    ----------
    s
        A name or phrase.

    Returns
    -------
    str
        The key, e.g. ``fold("ĐÔNG HOÀ") == fold("Đông Hòa") == "dong hoa"``.

    Examples
    --------
    >>> fold("  Tỉnh  Bắc Giang ")
    'tinh bac giang'
    """
    if s.isascii():
        return " ".join(s.lower().split())
    stripped = unicodedata.normalize("NFC", s).translate(_STRIP_LOWER)
    # Combining marks on letters with no precomposed form survive NFC; drop them too.
    if not stripped.isascii():
        stripped = _COMBINING.sub("", stripped).casefold()
    return " ".join(stripped.split())


def fold_keep_offsets(s: str) -> str:
    """Fold `s` character by character so that offsets still index into ``nfc(s)``.

    Unlike `fold`, white space is kept and only ASCII letters are lower-cased, so the
    result has exactly the length of ``nfc(s)``; scanners search this and slice ``nfc(s)``.

    Parameters
    ----------
    s
        Running text.

    Returns
    -------
    str
        The folded text, ``len(result) == len(nfc(s))``.
    """
    return _fold_keep_offsets(s)


@lru_cache(maxsize=64)
def _fold_keep_offsets(s: str) -> str:
    # Cached for the sentence in hand: the period, number and place readers each fold it.
    composed = unicodedata.normalize("NFC", s)
    if len(composed) < _ARRAY_FROM:
        return composed.translate(_KEEP_TABLE)
    import numpy as np  # only here: most callers fold short strings

    codes = np.frombuffer(composed.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    inside = codes < len(_KEEP_TABLE)
    codes[inside] = _fold_lookup()[codes[inside]]
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _fold_lookup():
    import numpy as np

    return np.frombuffer(_KEEP_TABLE.encode("utf-32-le"), dtype=np.uint32)


_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_LETTER = r"[^\W\d_]"


def _split_tone(ch: str) -> tuple[str, str]:
    """Split a letter into (letter without tone mark, tone mark or '')."""
    parts = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in parts if c in _TONES)
    rest = "".join(c for c in parts if c not in _TONES)
    return unicodedata.normalize("NFC", rest), tone


def _toned(letters: str) -> str:
    return "".join(unicodedata.normalize("NFC", v + t) for v in letters for t in _TONES)


# Open syllables "oa", "oe", "uy" (not after q) with the mark on the second vowel: hoà, thuỷ.
_SECOND_VOWEL_TONED = re.compile(
    rf"(?<![qQ])([oO])([{_toned('aAeE')}])(?!{_LETTER})"
    rf"|(?<![qQ])([uU])([{_toned('yY')}])(?!{_LETTER})"
)
# After q the u is part of the consonant, so the mark belongs on the next vowel: qúy -> quý.
_QU_TONED = re.compile(rf"([qQ])([{_toned('uU')}])([aAeEiIyYoO])")


def _move_to_first(match: re.Match[str]) -> str:
    first = match.group(1) or match.group(3)
    second = match.group(2) or match.group(4)
    bare, tone = _split_tone(second)
    return unicodedata.normalize("NFC", first + tone) + bare


def _move_after_qu(match: re.Match[str]) -> str:
    bare_u, tone = _split_tone(match.group(2))
    return match.group(1) + bare_u + unicodedata.normalize("NFC", match.group(3) + tone)


def modern_tone_marks(s: str) -> str:
    """Put tone marks where the canonical place names put them: "Hòa", "Thủy", "Quý".

    In an open syllable "oa", "oe" or "uy" the mark goes on the first vowel ("hoà" ->
    "hòa", "thuỷ" -> "thủy", "khoẻ" -> "khỏe"); after "q" it goes on the vowel after "u"
    ("qúy" -> "quý"). Closed syllables ("hoàn", "huyện") are unchanged. This is the style
    of the canonical names in `vietnamadminunits` (``parse_address("Đông Hoà, Phú Yên")``
    returns "Thị xã Đông Hòa"; "Thuỷ Nguyên" returns "Thủy Nguyên"), so names shown in
    reports match the reference tables.

    Parameters
    ----------
    s
        Text in either tone-mark style, NFC or NFD.

    Returns
    -------
    str
        NFC text in the canonical style.
    """
    composed = unicodedata.normalize("NFC", s)
    return _QU_TONED.sub(_move_after_qu, _SECOND_VOWEL_TONED.sub(_move_to_first, composed))


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 80


def slugify(s: str) -> str:
    """Return a safe ASCII file-name slug: "TP. Hồ Chí Minh" -> "tp-ho-chi-minh".

    Only ``[a-z0-9-]``, no leading, trailing or doubled hyphens, at most 80 characters,
    never empty ("unnamed"). Path parts such as "../" vanish, so a slug cannot escape a
    directory.

    Parameters
    ----------
    s
        Any text.

    Returns
    -------
    str
        The slug.
    """
    slug = _SLUG_JUNK.sub("-", fold(s)).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rstrip("-")
    return slug or "unnamed"
