"""run_analysis in-process: every figure closed, and with draw=True the notebook's very SVGs."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import matplotlib.pyplot as plt

from helpers.report import run_analysis, validate_parameters
from helpers.report.view import figure_html

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def test_no_figure_is_left_open_and_a_closed_figure_still_saves():
    plt.close("all")
    sections = run_analysis(validate_parameters("Bắc Giang", data_dir=FIXTURE))
    assert plt.get_fignums() == []
    drawn = [s for s in sections.values() if s.figure is not None]
    assert drawn, "the fixture province should have at least one figure"
    # What the notebook embeds for this figure (view.figure_html), from the closed figure.
    html = figure_html(drawn[0].figure)
    assert html.startswith('<img class="figure"')


def test_draw_renders_each_figure_to_the_svg_the_notebook_embeds():
    params = validate_parameters("Bắc Giang", data_dir=FIXTURE)
    plain = run_analysis(params)
    drawn = run_analysis(params, draw=True)
    assert plt.get_fignums() == []
    assert plain.keys() == drawn.keys()
    compared = 0
    for key, section in plain.items():
        if section.figure is None:
            assert drawn[key].figure is None
            continue
        svg = drawn[key].figure
        assert isinstance(svg, bytes) and b"<svg" in svg[:500]
        embedded = re.search(r'base64,([^"]+)"', figure_html(section.figure)).group(1)
        assert base64.b64decode(embedded) == svg
        assert drawn[key].text == section.text
        compared += 1
    assert compared >= 1


def test_a_figure_open_before_the_call_stays_open():
    mine = plt.figure()
    run_analysis(validate_parameters("Bắc Giang", data_dir=FIXTURE), draw=True)
    assert plt.get_fignums() == [mine.number]
    plt.close(mine)


def test_a_province_without_data_draws_nothing():
    sections = run_analysis(validate_parameters("Cà Mau", data_dir=FIXTURE), draw=True)
    assert all(not isinstance(s.figure, bytes) for s in sections.values())
    assert plt.get_fignums() == []


def test_figures_are_svg_with_text_as_text_and_the_same_bytes_each_time():
    """Text stays text (drawn by the reader's font, no glyph paths), the fonts named fall back
    to a generic sans-serif, and nothing random or dated is written (reruns compare equal)."""
    params = validate_parameters("Bắc Giang", data_dir=FIXTURE)
    first = [s.figure for s in run_analysis(params, draw=True).values() if s.figure is not None]
    again = [s.figure for s in run_analysis(params, draw=True).values() if s.figure is not None]
    assert first == again
    svg = first[0].decode("utf-8")
    assert "<text" in svg and "<dc:date>" not in svg
    assert "DejaVu Sans" in svg and "sans-serif" in svg


def test_text_sizes_shared_across_figures_change_no_byte_and_keep_every_label():
    """figure_svg measures text through one cache for all figures (matplotlib's is per
    renderer, so per figure): the SVG is byte for byte what a plain savefig writes, and each
    figure still carries its title, axis labels, legend entries and series. The same holds
    with the font heights answered from one cache (`_svg_font_heights_shared`)."""
    from html import escape

    import matplotlib
    from matplotlib.backends.backend_svg import RendererSVG

    from helpers.narrative.layout import settle
    from helpers.report.view import _FONT_HEIGHTS, _LAYOUTS, SVG_RC, _svg_text_size, figure_svg

    sections = run_analysis(validate_parameters("Bắc Giang", data_dir=FIXTURE))
    figures = [s.figure for s in sections.values() if s.figure is not None]
    assert figures
    _svg_text_size.cache_clear()
    _FONT_HEIGHTS.clear()
    _LAYOUTS.clear()  # laid out again here, so the sizes and heights above are asked for
    for fig in figures:
        settle(fig)
        plain = io.BytesIO()
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(plain, format="svg", metadata={"Date": None})
        shared = figure_svg(fig)
        assert shared == plain.getvalue()
        text = shared.decode("utf-8")
        ax = fig.axes[0]
        legend = fig.legends[0].get_texts() if fig.legends else []
        words = [*ax.get_title(loc="left").split("\n"), ax.get_xlabel(), ax.get_ylabel(),
                 *(t.get_text() for t in legend)]
        for word in filter(None, words):
            assert escape(word, quote=False) in text, word
        lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
        bars = [bar for container in ax.containers for bar in container]
        assert lines or bars or ax.collections  # every figure draws a series
        assert text.count('<g id="line2d_') >= len(lines)
        assert text.count('<g id="patch_') >= len(bars)
    assert _svg_text_size.cache_info().hits > 0
    # The font heights too came from the shared cache, and the hook is gone after each save.
    assert _FONT_HEIGHTS and not hasattr(RendererSVG, "_get_font_height_metrics")


def test_the_young_generation_is_collected_less_often_during_a_report_and_as_before_after():
    import gc
    import weakref

    import helpers.report.inprocess as inprocess

    seen: list[tuple[int, int, int]] = []
    real = inprocess.run_sections

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    before = gc.get_threshold()
    inprocess.run_sections = spy
    try:
        run_analysis(validate_parameters("Bắc Giang", data_dir=FIXTURE), draw=True)
        gc.set_threshold(50_000, 7, 9)  # a caller's own, higher threshold is kept
        with inprocess._fewer_collections():
            assert gc.get_threshold() == (50_000, 7, 9)
        assert gc.get_threshold() == (50_000, 7, 9)
        gc.set_threshold(*before)
        try:
            with inprocess._fewer_collections():
                raise KeyError("a failed report")
        except KeyError:
            pass
        assert gc.get_threshold() == before  # restored after a failure too
    finally:
        inprocess.run_sections = real
        gc.set_threshold(*before)
    assert seen == [(max(before[0], inprocess.YOUNG_COLLECTION), *before[1:])]
    assert gc.get_threshold() == before

    class Node:
        pass

    # Garbage in a cycle made during a report is still collected, just later.
    with inprocess._fewer_collections():
        node = Node()
        node.me = node  # type: ignore[attr-defined]
        ref = weakref.ref(node)
        del node
    gc.collect()
    assert ref() is None


def test_each_text_is_laid_out_once_and_the_svg_keeps_its_bytes():
    """figure_svg lays out each distinct text once (`_svg_text_layouts_shared`): every figure
    of two provinces in both languages, saved with the shared layouts, is byte for byte what a
    plain savefig writes; later figures reuse layouts; a wrapping text is laid out by
    matplotlib each time; each caller gets its own box; matplotlib's method is back after."""
    import matplotlib
    import matplotlib.text as mtext
    from matplotlib.figure import Figure

    from helpers.narrative.layout import settle
    from helpers.report.view import _LAYOUTS, SVG_RC, _svg_text_layouts_shared, figure_svg

    own = mtext.Text._get_layout
    _LAYOUTS.clear()
    compared = 0
    for name, lang in (("Bắc Giang", "vi"), ("Bắc Giang", "en"), ("Bắc Kạn", "vi")):
        sections = run_analysis(validate_parameters(name, lang=lang, data_dir=FIXTURE))
        for fig in (s.figure for s in sections.values() if s.figure is not None):
            settle(fig)
            plain = io.BytesIO()
            with matplotlib.rc_context(SVG_RC):
                fig.savefig(plain, format="svg", metadata={"Date": None})
            assert figure_svg(fig) == plain.getvalue()
            compared += 1
    assert compared >= 3 and _LAYOUTS
    assert mtext.Text._get_layout is own

    from matplotlib.backends.backend_svg import RendererSVG

    fig = Figure()
    label = fig.text(0.1, 0.5, "2022")
    wrapped = fig.text(0.1, 0.2, "a long caption " * 20, wrap=True)
    renderer = RendererSVG(4, 3, io.StringIO())
    wrapped._renderer = renderer  # as a draw sets it: wrapping measures with it
    with matplotlib.rc_context(SVG_RC), _svg_text_layouts_shared():
        size = len(_LAYOUTS)
        first = label._get_layout(renderer)
        second = label._get_layout(renderer)
        assert len(_LAYOUTS) in (size, size + 1)
        wrapped._get_layout(renderer)
        assert len(_LAYOUTS) in (size, size + 1)  # the wrapping text was not kept
    assert first[0] is not second[0] and first[1] is not second[1]
    assert (first[0].bounds, first[1], first[2]) == (second[0].bounds, second[1], second[2])
    assert (first[0].bounds, first[1], first[2]) == (lambda r: (r[0].bounds, r[1], r[2]))(
        own(label, renderer))
