"""The notebook's analysis in-process, without a kernel: every section of a province report, and
with ``draw=True`` every figure rendered to the SVG the notebook embeds (the batch's floor).
"""

from __future__ import annotations

import dataclasses

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
    already_open = set(plt.get_fignums())
    try:
        data = load_report_data(params)
        sections = run_sections(data, params.lang)
        if draw and not data.is_empty:
            for key, section in sections.items():
                if section.figure is not None:
                    sections[key] = dataclasses.replace(section, figure=figure_svg(section.figure))
    finally:
        # Also figures a section opened and did not keep, and those of a failed run.
        for number in set(plt.get_fignums()) - already_open:
            plt.close(number)
    return sections

