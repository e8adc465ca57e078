"""Bilingual messages: a warning or refusal reason in English with its Vietnamese text.

Effects, indicators, the narrative and the report all use these, so a Vietnamese report shows
the Vietnamese text of every note. Statistics build a note from a code and its numbers
(``Note.of``); the sentences live in ``helpers.narrative.vocabulary``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

#: Renders a code's sentence: set by ``helpers.narrative.vocabulary`` when it is imported (this
#: module is the base layer and imports nothing of ours).
_RENDER: Callable[[str, Mapping[str, object], str], str] | None = None


def register_sentences(render: Callable[[str, Mapping[str, object], str], str]) -> None:
    """Set the function ``Note.of`` words codes with (``helpers.narrative.vocabulary.render``)."""
    global _RENDER
    _RENDER = render


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

    @classmethod
    def of(cls, code: str, /, **params: object) -> Note:
        """The note of ``code`` with its numbers, worded by ``helpers.narrative.vocabulary``.

        Examples
        --------
        >>> from helpers.narrative.vocabulary import Note  # registers the sentences
        >>> note = Note.of("SERIES_TOO_SHORT", min_months=12, n_months=8)
        >>> note.code, note.params["n_months"], note.vi
        ('SERIES_TOO_SHORT', 8, 'cần ít nhất 12 tháng số liệu; mới có 8.')
        """
        if _RENDER is None:
            raise RuntimeError("no sentences registered: import Note from "
                               "helpers.narrative.vocabulary, which registers them")
        return cls(_RENDER(code, params, "en"), _RENDER(code, params, "vi"), code=code,
                   params=params)

    def __reduce__(self) -> tuple:
        """Copied and pickled with its Vietnamese text, code and numbers (`copy.deepcopy` of
        a result that carries notes, as `helpers.report.memo` keeps them).

        >>> import copy
        >>> note = Note("Short.", "Ngắn.", code="SHORT", params={"n": 3})
        >>> again = copy.deepcopy(note)
        >>> again == note, again.vi, again.code, again.params, type(again).__name__
        (True, 'Ngắn.', 'SHORT', {'n': 3}, 'Note')
        """
        return (_note, (type(self), str(self), self.vi, self.code, self.params))

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


def _note(cls: type[Note], en: str, vi: str, code: str | None, params: dict) -> Note:
    """A note rebuilt from its parts (`Note.__reduce__`)."""
    return cls(en, vi, code=code, params=params)
