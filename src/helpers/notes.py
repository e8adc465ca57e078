"""Bilingual messages: a warning or refusal reason in English with its Vietnamese text.

Effects, indicators, the narrative and the report all use these, so a Vietnamese report shows
the Vietnamese text of every note.
"""

from __future__ import annotations

from collections.abc import Iterable


class Note(str):
    """A warning sentence: the English text, with its Vietnamese text in ``.vi``.

    Notes are plain strings (English) wherever strings are expected; `in_language` and the
    results' ``describe(lang="vi")`` use the Vietnamese text.

    Examples
    --------
    >>> note = Note("Short series.", "Chuỗi số liệu ngắn.")
    >>> str(note), note.vi
    ('Short series.', 'Chuỗi số liệu ngắn.')

    A warning or refusal carries a stable ``code`` (UPPER_SNAKE) and the numbers behind it in
    ``params``, so code can branch on what happened without reading the sentence:

    >>> Note("Short series.", "Chuỗi số liệu ngắn.", code="SHORT_SERIES", params={"n": 12}).code
    'SHORT_SERIES'
    """

    vi: str
    code: str | None
    params: dict[str, object]

    def __new__(
        cls,
        en: str,
        vi: str,
        *,
        code: str | None = None,
        params: dict[str, object] | None = None,
    ) -> Note:
        note = super().__new__(cls, en)
        note.vi = vi
        note.code = code
        note.params = dict(params or {})
        return note

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ("vi" or "en")."""
        return self.vi if lang == "vi" else str(self)


def in_language(notes: Iterable[str], lang: str) -> str:
    """Join notes in the report language.

    A plain string (no Vietnamese text) is shown as written in both languages.

    Parameters
    ----------
    notes
        Notes or plain strings.
    lang
        "vi" or "en".
    """
    return " ".join(getattr(n, "vi", n) if lang == "vi" else str(n) for n in notes)
