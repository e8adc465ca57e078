"""The notebook's analysis in-process, without a kernel: every section of a province report, and
with ``draw=True`` every figure rendered to the SVG the notebook embeds (the batch's floor).
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib.pyplot as plt

from helpers.report.analysis import run_sections
from helpers.report.data import load_report_data
from helpers.report.params import ReportParams
from helpers.report.tables import Section
from helpers.report.view import figure_svg


def run_analysis(params: ReportParams, *, draw: bool = False) -> dict[str, Section]:
    """The notebook's analysis in-process (no kernel): load the data, compute every section.

    Every figure the sections open is closed before returning, so a loop over provinces does
    not pile up pyplot figures. A closed figure can still be saved (``section.figure.savefig``).
    While it runs, the youngest generation of the cyclic garbage collector is collected every
    `YOUNG_COLLECTION` allocations instead of every 700 (`_fewer_collections`).

    Parameters
    ----------
    params
        Validated report parameters.
    draw
        True: also render each section's figure to the SVG the notebook embeds
        (`helpers.report.view.figure_svg`) and put its bytes in ``section.figure``; a
        province without data draws nothing, as in the notebook.
        This is the notebook's work without the notebook (the batch benchmark's floor).

    Returns
    -------
    dict
        Section key -> `Section`, in report order.
    """
    with _fewer_collections():
        already_open = set(plt.get_fignums())
        try:
            data = load_report_data(params)
            sections = run_sections(data, params.lang)
            if draw and not data.is_empty:
                for key, section in sections.items():
                    if section.figure is not None:
                        sections[key] = dataclasses.replace(
                            section, figure=figure_svg(section.figure))
        finally:
            # Also figures a section opened and did not keep, and those of a failed run.
            for number in set(plt.get_fignums()) - already_open:
                plt.close(number)
    return sections


#: Allocations (less deallocations) between two collections of the youngest generation while
#: a report runs (Python's default: 700).
YOUNG_COLLECTION = 30_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect the youngest generation every `YOUNG_COLLECTION` allocations instead of every
    700 while the block runs; the thresholds of the older generations and whatever else a
    caller set are restored after it.

    A report makes ~12,000 objects in reference cycles (figures, fits) that only the cyclic
    collector frees, among ~10^6 short-lived ones. At 700 a young collection ran every few
    milliseconds and kept promoting objects that were alive at that moment (mid-computation)
    to older generations, so every fourth demo report also paid a full collection walking the
    whole heap (~240,000 objects: imports, the batch's tables; ~0.15-0.2 s each): ~45-60 ms a
    report in the collector, measured with `gc.callbacks`. At 30,000 most of those objects are
    already freed by reference counting when the collection comes: ~6-8 ms a report. Nothing
    is left uncollected: garbage waits at most 30,000 allocations longer (a few MB).
    The batch's kernels freeze what they hold instead (`helpers.report.kernels`).
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_COLLECTION), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
