"""How a report shows things in the notebook: sections as escaped HTML with embedded figures,
the page header with its simulated-data banner, and one-line error messages.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from typing import Any

import pandas as pd

from helpers.errors import BhxhError

HEADINGS = {
    "vi": (
        "Báo cáo {unit}: vận động tham gia BHXH tự nguyện và BHYT hộ gia đình",
        "Báo cáo trả lời: {name} có bao nhiêu người tham gia, các đợt vận động đạt kết quả "
        "ra sao so với kế hoạch và năm trước, bao nhiêu người dừng đóng, và {name} có đạt mục "
        "tiêu không. Mỗi con số đều dẫn nguồn ở mục cuối.",
    ),
    "en": (
        "Report on {unit}: voluntary social insurance and household health insurance "
        "enrolment campaigns",
        "This report answers: how many people in {name} are enrolled, how the campaigns did "
        "against plan and against a year earlier, how many stopped paying, and whether "
        "{name} is on track for its target. Every figure is sourced in the last section.",
    ),
}
LEVEL_NOTE = {
    "vi": "Tỉnh sau sáp nhập 2025, gồm: {members}.",
    "en": "Province after the 2025 merger, made of: {members}.",
}
BANNER = {
    "vi": "DỮ LIỆU MÔ PHỎNG: số liệu hàng tháng trong báo cáo này là giả lập để minh họa "
    "(simulated data), không phải số liệu thật.",
    "en": "SIMULATED DATA: the monthly figures in this report are simulated for demonstration "
    "(dữ liệu mô phỏng), not real data.",
}
AS_OF = {"vi": "Số liệu tính đến {date}.", "en": "Data up to {date}."}


#: How figures are written: SVG with text left as text, drawn by the reader's browser in the
#: first of these fonts it has (DejaVu Sans is the one the layout was measured with; the others
#: are no wider), with fixed element ids and no date, so the same figure gives the same bytes.
#: Against the 110-dpi PNG it replaces: about a third of the drawing time and a quarter of the
#: bytes, and sharp at any zoom.
SVG_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "bhxh",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans", "Noto Sans"],
}


def figure_svg(fig) -> bytes:
    """The figure as the SVG a report embeds (`figure_html`); the figure stays open."""
    import matplotlib

    from helpers.narrative.layout import settle

    settle(fig)
    buffer = io.BytesIO()
    with (matplotlib.rc_context(SVG_RC), _svg_text_metrics_shared(),  # type: ignore[arg-type]
          _svg_font_heights_shared(fig), _svg_text_layouts_shared()):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


#: Font heights (ascent, descent, line gap) by rc font settings, font properties and dpi.
_FONT_HEIGHTS: dict[tuple, tuple[float | None, float | None, float | None]] = {}


@contextmanager
def _svg_font_heights_shared(fig) -> Iterator[None]:
    """While ``fig`` is saved as SVG, give its text layouts the font's height metrics from one
    cache instead of looking the font up and reading its tables for every text laid out.

    matplotlib lays out each text (tick labels, legend entries, titles; ~1.7 layouts a text
    a draw) by finding the font file of its properties and reading its OS/2, hhea and head
    tables; a renderer may answer instead through ``_get_font_height_metrics`` (matplotlib's
    PDF and PostScript renderers do). This answers for the SVG renderer with matplotlib's own
    computation (`_font_heights`, at the figure's dpi, which its layout uses), cached by the
    font settings, the font properties and the dpi: the same numbers, so the same bytes. If
    matplotlib stops asking renderers, nothing changes but the speed.
    """
    import matplotlib
    from matplotlib.backends.backend_svg import RendererSVG

    if hasattr(RendererSVG, "_get_font_height_metrics"):  # matplotlib answers itself
        yield
        return
    fonts = tuple(sorted((k, repr(v)) for k, v in matplotlib.rcParams.items()
                         if k.startswith("font.")))

    def heights(renderer, prop):
        key = (fonts, _font_key(prop), fig.dpi)
        if key not in _FONT_HEIGHTS:
            if len(_FONT_HEIGHTS) > 4096:
                _FONT_HEIGHTS.clear()
            _FONT_HEIGHTS[key] = _font_heights(prop, fig.dpi)
        return _FONT_HEIGHTS[key]

    setattr(RendererSVG, "_get_font_height_metrics", heights)  # noqa: B010  # private
    try:
        yield
    finally:
        delattr(RendererSVG, "_get_font_height_metrics")


def _font_key(prop) -> tuple:
    """What selects and sizes a font (the fields `FontProperties.__hash__` combines)."""
    return (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file(),
            prop.get_math_fontfamily())


def _font_heights(prop, dpi: float) -> tuple[float | None, float | None, float | None]:
    """Ascent, descent and line gap of ``prop``'s font at ``dpi``, read from its tables as
    `matplotlib.text.Text._get_layout` reads them; (None, None, None) lets it measure."""
    from matplotlib.font_manager import fontManager, get_font

    font: Any = get_font(fontManager._find_fonts_by_props(prop))  # tables by name
    for table_name, gap_key, ascent_key, descent_key in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


#: Text layouts (`matplotlib.text.Text._get_layout`'s answer) by what decides them.
_LAYOUTS: dict[tuple, tuple] = {}


@contextmanager
def _svg_text_layouts_shared() -> Iterator[None]:
    """While a figure is saved as SVG, lay each text out once: the same string in the same
    font, size, rotation and alignment gets the layout computed the first time.

    matplotlib lays a text out (its lines' sizes and offsets from the text's anchor, and the
    box around them) every time it asks where the text is: a tick label three times a draw
    (its box for the axis's own ticks, again for placing the axis label, then to draw it),
    ~200 layouts a demo report, most of them of the same strings ("2022", "0", a legend
    entry). The layout does not depend on the text's position (callers translate it), only
    on the string, the font properties, the rotation, the alignments, the line spacing and
    the dpi, with the font settings, which is the cache key; the sizes it reads come from the
    caches above (`_svg_text_size`, `_font_heights`), so the answer is the one matplotlib
    computes, and the bytes are the same. Texts that wrap to their figure, use TeX, or are
    laid out for another renderer are left to matplotlib. Each caller gets its own box and
    list (they are not shared objects).
    """
    import matplotlib
    import matplotlib.text as mtext
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.transforms import Bbox

    original = getattr(mtext.Text, "_get_layout")  # noqa: B009  # private
    fonts = tuple(sorted((k, repr(v)) for k, v in matplotlib.rcParams.items()
                         if k.startswith(("font.", "mathtext.", "text."))))

    def layout(text, renderer):
        if (not isinstance(getattr(renderer, "_renderer", renderer), RendererSVG)
                or text.get_wrap() or text.get_usetex()):
            return original(text, renderer)
        key = (fonts, text.get_text(), _font_key(text._fontproperties), text.get_parse_math(),
               text.get_rotation(), text.get_rotation_mode(), text._horizontalalignment,
               text._verticalalignment, text._multialignment, text._linespacing,
               text.get_figure(root=True).dpi)
        found = _LAYOUTS.get(key)
        if found is None:
            if len(_LAYOUTS) > 4096:
                _LAYOUTS.clear()
            found = _LAYOUTS[key] = original(text, renderer)
        box, lines, corner = found
        return Bbox(box.get_points().copy()), list(lines), corner

    setattr(mtext.Text, "_get_layout", layout)  # noqa: B010  # private
    try:
        yield
    finally:
        setattr(mtext.Text, "_get_layout", original)  # noqa: B010


@contextmanager
def _svg_text_metrics_shared() -> Iterator[None]:
    """While a figure is saved as SVG, measure its text through one cache shared by all figures.

    matplotlib caches text sizes per renderer, and each ``savefig`` makes a new one, so every
    figure measured its tick labels, axis labels and legend again with FreeType (about a sixth
    of drawing a report's figures). An SVG renderer's sizes depend only on the text, its font
    properties and the font and mathtext settings (no hinting, no dpi: `TextToPath`), which
    is the cache key: the same sizes, so the same bytes. It holds sizes of strings only (no
    figure, no data), at most `_svg_text_size`'s ``maxsize`` of them. Other renderers (the
    Agg one a layout may measure with) keep matplotlib's own cache.
    """
    import matplotlib
    import matplotlib.text as mtext
    from matplotlib.backends.backend_svg import RendererSVG

    original = getattr(mtext, "_get_text_metrics_function", None)
    if original is None:  # another matplotlib: its own caching only
        yield
        return
    fonts = tuple(sorted((k, repr(v)) for k, v in matplotlib.rcParams.items()
                         if k.startswith(("font.", "mathtext.", "text."))))

    def metrics_function(renderer):
        if isinstance(getattr(renderer, "_renderer", renderer), RendererSVG):
            return functools.partial(_svg_text_size, fonts)
        return original(renderer)

    setattr(mtext, "_get_text_metrics_function", metrics_function)  # noqa: B010  # private
    try:
        yield
    finally:
        setattr(mtext, "_get_text_metrics_function", original)  # noqa: B010


@functools.lru_cache(maxsize=4096)
def _svg_text_size(fonts: tuple, text: str, prop, ismath, dpi) -> tuple[float, float, float]:
    """Width, height and descent of ``text`` as an SVG renderer measures it (`TextToPath`,
    which every SVG renderer uses); ``fonts`` (the rc font settings) and ``dpi`` key the cache
    only."""
    from matplotlib.textpath import text_to_path

    return text_to_path.get_text_width_height_descent(text, prop, ismath)


#: Pixels per inch of figure a page shows (the PNGs were 110 dpi): the same size on a screen.
SHOWN_PPI = 110


def figure_html(fig, alt: str = "") -> str:
    """An <img> with the figure embedded as base64 SVG (no external file); closes the figure.

    Shown as wide as the 110-dpi PNG it replaces, never wider than the page (CSS).
    """
    import matplotlib.pyplot as plt

    data = base64.b64encode(figure_svg(fig)).decode("ascii")
    width = round(fig.get_figwidth() * SHOWN_PPI)
    plt.close(fig)
    return (f'<img class="figure" alt="{escape(alt)}" width="{width}" '
            f'src="data:image/svg+xml;base64,{data}">')


DOWNLOAD = {"vi": "Tải bảng (CSV)", "en": "Download table (CSV)"}


def csv_link(table: pd.DataFrame, name: str, lang: str = "vi") -> str:
    """A link that downloads ``table`` as CSV from a data: URI (the page stays one file).

    UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese letters correctly.
    """
    from urllib.parse import quote

    text = "\ufeff" + table.to_csv(index=False)
    label = DOWNLOAD["vi" if lang == "vi" else "en"]
    return (f'<a class="download" download="{escape(name)}.csv" '
            f'href="data:text/csv;charset=utf-8,{quote(text)}">{escape(label)}</a>')


def table_html(table: pd.DataFrame, *, name: str = "", lang: str = "vi") -> str:
    """A scrollable, escaped HTML table; with ``name``, a link to download it as CSV."""
    body = table.to_html(index=False, escape=True, border=0, classes="data", na_rep="")
    link = csv_link(table, name, lang) if name else ""
    return f'<div class="table-wrap">{body}</div>{link}'


def cards_html(table: pd.DataFrame) -> str:
    """Facts as a list of cards (figure, period, quote, source): readable on a phone, where a
    table with long quotes is not. Column order is that of `sections.fact_table`."""
    items = []
    for row in table.itertuples(index=False):
        values = dict(zip(table.columns, row, strict=True))
        fid = values.pop("ID", "")
        province, indicator, value, period, article, quote, flags = values.values()
        head = f"<b>{escape(str(indicator))}: {escape(str(value))}</b> · {escape(str(period))}"
        meta = " · ".join(escape(str(x)) for x in (province, article, fid) if x)
        flag = f' <span class="flags">⚠ {escape(str(flags))}</span>' if flags else ""
        # Quotes are shown once, in the sources section; a card cites the article by number.
        said = f"<blockquote>{escape(str(quote))}</blockquote>" if quote else " "
        items.append(f'<li class="fact">{head}{said}<small>{meta}</small>{flag}</li>')
    return f'<ul class="facts">{"".join(items)}</ul>'


def _language_of(title: str) -> str:
    """ "vi" when a section title has Vietnamese letters (sections do not carry their language)."""
    from helpers.text import fold

    return "vi" if fold(title) != title.lower() else "en"


def section_html(section) -> str:
    """The HTML of one `Section`: heading, paragraph, figure, table; every text escaped."""
    parts = [
        f"<h2>{escape(section.title)}</h2>",
        f'<p class="narrative status-{escape(section.status)}">{escape(section.text)}</p>',
    ]
    for heading, paragraph in section.data.get("paragraphs", ()):
        parts.append(f"<h3>{escape(heading)}</h3><p>{escape(paragraph)}</p>")
    if section.figure is not None:
        parts.append(figure_html(section.figure, alt=section.title))
    if section.table is not None and not section.table.empty:
        as_cards = section.table.attrs.get("cards", False)
        lang = section.data.get("lang") or _language_of(section.title)
        parts.append(cards_html(section.table) + csv_link(section.table, section.key, lang)
                     if as_cards else table_html(section.table, name=section.key, lang=lang))
    if getattr(section, "html", ""):
        parts.append(section.html)
    return f'<section class="report-section" id="{escape(section.key)}">{"".join(parts)}</section>'


def province_kind(name: str, level: str = "legacy") -> str:
    """ "thành phố" for a centrally run city, else "tỉnh" (from the official unit lists)."""
    from helpers import geo

    try:
        if level != "2025":
            return geo.resolve_province(name).kind
        from vietnamadminunits import parse_address  # type: ignore[import-untyped]

        full = parse_address(geo.resolve_province_2025(name).name, mode="FROM_2025", level=1)
        return "thành phố" if str(full.province).lower().startswith("thành phố") else "tỉnh"
    except (BhxhError, ValueError, AttributeError):
        return "tỉnh"


def header_html(
    params, *, members: tuple[str, ...] = (), simulated: bool = False, empty: bool = False
) -> str:
    """Title, one-line purpose, level note, (when simulated) a visible banner, and (when
    ``empty``) the sentence saying there are no data."""
    from helpers.narrative import commune_press_only, unit_heading
    from helpers.narrative.words import province_unit
    from helpers.text import format_date

    unit = getattr(params, "unit", "province")
    title, intro = HEADINGS[params.lang]
    place = province_unit(params.province, province_kind(params.province, params.level),
                          params.lang)
    title, intro = title.format(unit=place), intro.format(name=params.province)
    if unit != "province":
        title, intro = unit_heading(unit, params.district, params.province, params.lang,
                                    getattr(params, "district_kind", ""))
    parts = []
    if simulated:
        parts.append(f'<div class="banner simulated">{escape(BANNER[params.lang])}</div>')
    parts.append(f"<h1>{escape(title)}</h1>")
    parts.append(f'<p class="intro">{escape(intro)}</p>')
    if unit == "commune":
        parts.append(f'<p class="intro">{escape(commune_press_only(params.lang))}</p>')
    if params.level == "2025" and tuple(members) != (params.province,):
        note = LEVEL_NOTE[params.lang].format(members=", ".join(members))
        parts.append(f'<p class="intro">{escape(note)}</p>')
    if params.as_of is not None:
        when = AS_OF[params.lang].format(date=format_date(params.as_of, params.lang))
        parts.append(f'<p class="intro">{escape(when)}</p>')
    if empty:
        parts.append(
            f'<p class="narrative">{escape(_nothing(params))}</p>'
        )
    return "".join(parts)


def _nothing(params) -> str:
    """The one sentence of a report without any data, for its province, district or commune."""
    from helpers.narrative import nothing_at_all, nothing_for_unit

    unit = getattr(params, "unit", "province")
    if unit == "province":
        return nothing_at_all(params.province, params.lang)
    return nothing_for_unit(unit, params.district, params.lang,
                            getattr(params, "district_kind", ""), params.province)


NATIONAL = {
    "vi": (
        "Tổng hợp toàn quốc: vận động tham gia BHXH tự nguyện và BHYT hộ gia đình theo tỉnh",
        "Các tỉnh có số liệu được đặt cạnh nhau: số người tham gia, tăng trưởng, số đợt vận "
        "động và mức hoàn thành kế hoạch. Đây là số liệu mô tả, không so sánh nhân quả.",
    ),
    "en": (
        "National summary: voluntary social insurance and household health insurance "
        "campaigns by province",
        "Provinces with data side by side: participants, growth, number of campaigns and "
        "attainment of plan. These are descriptive figures, not causal comparisons.",
    ),
}
LEVEL_NAMES = {
    "vi": {"legacy": "63 tỉnh trước sáp nhập", "2025": "34 tỉnh sau sáp nhập 2025"},
    "en": {"legacy": "the 63 former provinces", "2025": "the 34 provinces after the 2025 merger"},
}


def national_header_html(lang: str, *, level: str, simulated: bool = False) -> str:
    """Title and purpose of the national summary, with the simulated-data banner if needed."""
    title, intro = NATIONAL[lang]
    parts = [f'<div class="banner simulated">{escape(BANNER[lang])}</div>'] if simulated else []
    parts.append(f"<h1>{escape(title)}</h1>")
    parts.append(f'<p class="intro">{escape(intro)} ({escape(LEVEL_NAMES[lang][level])})</p>')
    return "".join(parts)


def show(section, *, skip: bool = False):
    """Display a `Section` in the notebook and return it (to collect the facts it used).

    ``skip=True`` displays nothing: a province without any data gets a one-sentence report.
    """
    from IPython.display import HTML, display

    if not skip:
        display(HTML(section_html(section)))
    return section


#: The output type a report notebook gives its headline numbers in (`publish_key_figures`).
KEY_FIGURES_MIME = "application/vnd.bhxh.key-figures+json"


def publish_key_figures(figures: dict) -> None:
    """Give the batch the report's headline numbers as a JSON output of the notebook, so it
    reads them from the executed notebook instead of loading the data again after it."""
    from IPython.display import display

    display({KEY_FIGURES_MIME: figures}, raw=True)


def show_html(html: str) -> None:
    """Display ready-made (already escaped) HTML in the notebook."""
    from IPython.display import HTML, display

    display(HTML(html))


def show_text(text: str, *, css_class: str = "note") -> None:
    """Display one escaped paragraph in the notebook."""
    show_html(f'<p class="{escape(css_class)}">{escape(text)}</p>')


def one_line_errors() -> None:
    """Make the notebook show a toolkit error as its one-sentence message, not a traceback.

    Papermill still records the cell as failed (ename and evalue are kept), so a batch run
    stops at the first bad parameter and reports the sentence.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def _one_line(shell, etype, value, tb, tb_offset=None):
        # IPython leaves the display to the handler; exception_only shows "Name: message".
        shell.showtraceback((etype, value, tb), exception_only=True)
        return [f"{etype.__name__}: {value}"]

    shell.set_custom_exc((BhxhError,), _one_line)
