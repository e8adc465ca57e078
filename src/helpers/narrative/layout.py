"""A layout engine for the report's one-axes charts: margins sized from the text around the axes
(tick labels, axis labels, title), measured once per draw without drawing the figure.

Constrained layout finds the same margins by laying the whole figure out (every tick and label)
before each draw, about 40% of a chart's cost in a report. Here the tick labels come straight
from the axis's locator and formatter, and only their text is measured.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.text import Text

#: Space (inches) kept between the text and the edge of the figure.
PAD = 0.06


class LabelMarginLayout(LayoutEngine):
    """Place each axes of a one-axes figure so its tick labels, axis labels and title just fit.

    Used like ``plt.subplots(layout=LabelMarginLayout())``. Figures with several axes keep
    matplotlib's default positions (the report draws none).
    """

    _adjust_compatible = True
    _colorbar_gridspec = False

    def set(self) -> None:
        """No parameters: the margins follow from the text."""

    def execute(self, fig: Figure) -> None:
        """Set the subplot margins of ``fig`` from its axes' text (called at draw time)."""
        axes = [ax for ax in fig.axes if ax.get_visible()]
        if len(axes) != 1:
            return
        width, height = fig.get_size_inches()
        left, right, bottom, top = _margins(axes[0], fig)
        fig.subplots_adjust(
            left=min(left / width, 0.6),
            right=1 - min(right / width, 0.3),
            bottom=min(bottom / height, 0.6),
            top=1 - min(top / height, 0.3),
        )


def _margins(ax: Axes, fig: Figure) -> tuple[float, float, float, float]:
    """Inches needed left, right, below and above the axes."""
    renderer = _measurer(fig.dpi)
    ax.get_xlim(), ax.get_ylim()  # settle autoscaling first: the ticks depend on the limits
    _, y_widths, y_height, _ = _tick_text(ax.yaxis, renderer)
    x_ticks, x_widths, x_height, offset = _tick_text(ax.xaxis, renderer)
    y_label = _size(ax.yaxis.label, renderer)[1]  # rotated: its height is a width
    x_label = _size(ax.xaxis.label, renderer)[1]
    title = max(
        _text_size(ax.get_title(loc), ax.title.get_fontproperties(), renderer)[1]
        if ax.get_title(loc) else 0.0
        for loc in ("center", "left", "right")
    )
    left = PAD + max(y_widths, default=0.0) + _tick_pad(ax.yaxis)
    if y_label:
        left += y_label + ax.yaxis.labelpad / 72
    below = x_height + _tick_pad(ax.xaxis)
    if x_label:
        below += ax.xaxis.labelpad / 72 + x_label
    if offset:  # a concise date axis writes the year under its last tick
        below += x_height + _tick_pad(ax.xaxis)
    # The last x tick label is centred on its tick: the part right of the axes' end hangs over.
    right = PAD
    if x_widths:
        low, high = sorted(ax.xaxis.get_view_interval())
        last = x_ticks[-1]
        span = fig.get_size_inches()[0] - left - PAD
        right += max(0.0, x_widths[-1] / 2 - (high - last) / ((high - low) or 1.0) * span)
    top = PAD + (title + 6 / 72 if title else y_height / 2)
    return left, right, PAD + below, top


@lru_cache(maxsize=4)
def _measurer(dpi: float) -> RendererAgg:
    """A 1x1 pixel Agg renderer: it measures text as the figure's own canvas would, also for a
    closed figure (whose canvas cannot render)."""
    return RendererAgg(1, 1, dpi)


def _tick_text(axis: Axis, renderer) -> tuple[list[float], list[float], float, str]:
    """The ticks in view with a label, the labels' widths (inches), their height, and the
    axis's offset text (a concise date axis's year)."""
    first = axis.get_major_ticks(numticks=1)
    if not axis.get_visible() or not first or not first[0].label1.get_visible():
        return [], [], 0.0, ""
    low, high = sorted(axis.get_view_interval())
    ticks = [t for t in axis.get_major_locator()() if low <= t <= high]
    formatter = axis.get_major_formatter()
    labels = [str(label) for label in formatter.format_ticks(ticks)] if ticks else []
    font = first[0].label1.get_fontproperties()
    shown = [(t, label) for t, label in zip(ticks, labels, strict=True) if label]
    sizes = [_text_size(label, font, renderer) for _, label in shown]
    offset = formatter.get_offset() if hasattr(formatter, "get_offset") else ""
    height = max((h for _, h in sizes), default=0.0)
    return [t for t, _ in shown], [w for w, _ in sizes], height, offset


def _tick_pad(axis: Axis) -> float:
    """Inches between the axes and its tick labels (tick length plus pad)."""
    ticks = axis.get_major_ticks(numticks=1)
    # Tick.get_pad returns the pad in points (matplotlib's stubs say None).
    pad = float(ticks[0].get_pad() or 0.0) if ticks else 0.0  # type: ignore[func-returns-value]
    points = (ticks[0].get_tick_padding() + pad) if ticks else 6.0
    return points / 72


def _size(text: Text, renderer) -> tuple[float, float]:
    """(width, height) in inches of a Text artist's string; (0, 0) when empty or hidden."""
    if not text.get_visible() or not text.get_text():
        return 0.0, 0.0
    return _text_size(text.get_text(), text.get_fontproperties(), renderer)


def _text_size(string: str, font, renderer) -> tuple[float, float]:
    """(width, height) in inches of ``string`` (lines stacked) in ``font``."""
    lines = string.split("\n")
    sizes = [renderer.get_text_width_height_descent(line or " ", font, ismath=False)
             for line in lines]
    width = max(w for w, _, _ in sizes)
    height = sum(h for _, h, _ in sizes) * (1.2 if len(lines) > 1 else 1.0)
    return width / renderer.dpi, height / renderer.dpi


def settle(fig: Figure) -> None:
    """Lay ``fig`` out now and detach its `LabelMarginLayout`, just before it is saved.

    `Figure.savefig` draws a figure that has a layout engine twice (once only to lay it out);
    with the margins already set, the one draw that writes the image is enough. Figures with
    another engine, or none, are left as they are.
    """
    engine = fig.get_layout_engine()
    if isinstance(engine, LabelMarginLayout):
        engine.execute(fig)
        fig.set_layout_engine(None)
