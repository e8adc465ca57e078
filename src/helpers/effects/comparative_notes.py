"""Warnings and refusals of the comparative designs: bilingual Notes with stable codes and the
numbers behind them (synthetic control, synthetic DiD, event study).

The sentences are in ``helpers.narrative.vocabulary`` (one entry per code); the report's own
sentences about the comparison are in ``helpers.narrative.comparative``.
"""

from __future__ import annotations

from helpers.narrative.vocabulary import Note


def comparative_note(code: str, **params: object) -> Note:
    """The Note for ``code`` (a key of the vocabulary above) with its numbers filled in.

    Numbers given as ``share``, ``limit``, ``level`` (fractions) and ``p`` are written in each
    language's format (15,2% / 15.2%).
    """
    numbers = dict(params)
    for name in ("share", "limit", "level"):
        if name in params:
            numbers[f"{name}_pct"] = float(params[name]) * 100  # type: ignore[arg-type]
    note = Note.of(code, **numbers)
    note.params = dict(params)  # the numbers as measured; the percentages only word them
    return note



