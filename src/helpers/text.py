"""Vietnamese text helpers in one place: normalising, matching, numbers, dates, decoding files.

Re-exports `text_norm`, `text_numbers` and `text_dates`, and reads bytes of unknown encoding.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers.errors import DataError, EncodingError
from helpers.text_dates import (
    Period,
    find_periods,
    format_date,
    format_month,
    parse_period,
    read_day,
    read_month,
)
from helpers.text_norm import fold, fold_keep_offsets, modern_tone_marks, nfc, slugify
from helpers.text_numbers import (
    NUMBER_RE,
    QUALIFIERS,
    ParsedNumber,
    find_numbers,
    format_number,
    format_percent,
    parse_number,
)

__all__ = [
    "NUMBER_RE",
    "QUALIFIERS",
    "ParsedNumber",
    "Period",
    "decode_bytes",
    "find_numbers",
    "find_periods",
    "fold",
    "fold_keep_offsets",
    "format_date",
    "format_month",
    "format_number",
    "format_percent",
    "modern_tone_marks",
    "nfc",
    "parse_number",
    "parse_period",
    "read_day",
    "read_month",
    "read_text",
    "slugify",
]

_HINT = "Re-save the file as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: 'Save with encoding')."
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Control characters other than white space (tab, newlines, form feed, vertical tab).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Text has next to no control characters; binary data decoded as cp1258 has many.
_MAX_CONTROL_SHARE = 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order when NULs fill every other byte (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0) / pairs
    odd_nuls = sample[1::2].count(0) / pairs
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROLS.findall(text))
    # A stray Ctrl-Z or two (old DOS end-of-file marks) does not make a short file binary.
    return "\x00" in text or controls > max(_MAX_CONTROL_SHARE * len(text), 2)


def decode_bytes(data: bytes, *, file: str | Path | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file whose encoding is not known, to NFC text.

    Tries, in order: a byte-order mark (UTF-8 or UTF-16); UTF-16 without a mark when NULs
    fill every other byte; UTF-8; then cp1258 (Windows Vietnamese, which old Excel exports
    use and which stores tone marks as combining characters, hence the NFC).

    Parameters
    ----------
    data
        The raw bytes.
    file
        The file name, for the error message.

    Returns
    -------
    (text, encoding)
        NFC text and the codec that read it: "utf-8", "utf-8-sig", "utf-16",
        "utf-16-le", "utf-16-be" or "cp1258".

    Raises
    ------
    EncodingError
        For binary data (NUL bytes that are not UTF-16, or mostly control characters) or
        bytes no candidate encoding can read; the message names `file` and says to re-save
        the file as UTF-8.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, codec, file)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_as(data, utf16, file)
    for codec in ("utf-8", "cp1258"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return nfc(text), codec
    raise EncodingError(
        "is not a text file in UTF-8, UTF-16 or Windows-1258 (cp1258): it looks binary "
        "or uses an unknown encoding.",
        file=file,
        hint=_HINT,
    )


def _decode_as(data: bytes, codec: str, file: str | Path | None) -> tuple[str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"starts like {codec} but byte {exc.start} cannot be read as {codec}.",
            file=file,
            hint=_HINT,
        ) from exc
    if _looks_binary(text):
        raise EncodingError("looks binary, not text.", file=file, hint=_HINT)
    return nfc(text), codec


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a text file of unknown encoding; see `decode_bytes`.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    (text, encoding)
        NFC text and the codec used.

    Raises
    ------
    DataError
        When the file does not exist or cannot be read; `EncodingError` when it is not text.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(
            f"cannot be read ({exc.strerror or exc}).",
            file=path,
            hint="Check the path and that the file is not open elsewhere.",
        ) from exc
    return decode_bytes(data, file=path)
