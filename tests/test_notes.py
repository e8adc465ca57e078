"""Tests of helpers.notes: bilingual warning sentences."""

from helpers.effects.results import Note as EffectsNote
from helpers.notes import Note, in_language


def test_note_is_its_english_string_with_vietnamese_text():
    note = Note("Short series.", "Chuỗi ngắn.")
    assert note == "Short series."
    assert note.vi == "Chuỗi ngắn."
    assert note.text("vi") == "Chuỗi ngắn." and note.text("en") == "Short series."


def test_in_language_picks_vietnamese_and_keeps_plain_strings():
    notes = [Note("A.", "Á."), "plain"]
    assert in_language(notes, "vi") == "Á. plain"
    assert in_language(notes, "en") == "A. plain"


def test_effects_results_reexports_the_same_class():
    assert EffectsNote is Note


def test_effect_describe_uses_the_language_number_format():
    from helpers.effects import Effect

    vi = Effect(1234.4, -5.0, 2500.6, 0.0123, "additive").describe("vi")
    assert vi.startswith("+1.234 (KTC 95%: −5 đến +2.501; p = 0,012)")
    rr = Effect(1.5, 1.32, 1.7, 0.0001, "rate_ratio").describe("en")
    assert rr == "+50% (95% CI +32% to +70%; p < 0.001)"
