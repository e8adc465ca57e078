"""The province report: validated parameters, section computations, figures and rendering.

`execute_report` runs notebooks/province_report.ipynb; `run_analysis` computes the same in-process.
Names are imported on first use (PEP 562), so a batch rerun that only checks parameters and
file stamps does not import matplotlib, statsmodels and the analysis (about a second).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

#: Public name -> (submodule, attribute in it).
_EXPORTS = {
    "NOTEBOOK": ("render", "NOTEBOOK"),
    "SUMMARY_NOTEBOOK": ("render", "SUMMARY_NOTEBOOK"),
    "ReportData": ("data", "ReportData"),
    "ReportOutput": ("render", "ReportOutput"),
    "ReportParams": ("params", "ReportParams"),
    "Section": ("tables", "Section"),
    "execute_report": ("render", "execute_report"),
    "execute_summary": ("render", "execute_summary"),
    "input_files": ("params", "input_files"),
    "key_figures": ("analysis", "key_figures_summary"),
    "load_report_data": ("data", "load_report_data"),
    "notebook_to_html": ("render", "notebook_to_html"),
    "places_with_data": ("units", "places_with_data"),
    "provinces_with_data": ("data", "provinces_with_data"),
    "report_slug": ("params", "report_slug"),
    "run_analysis": ("inprocess", "run_analysis"),
    "run_sections": ("analysis", "run_sections"),
    "validate_parameters": ("params", "validate_parameters"),
}

__all__ = [
    "NOTEBOOK",
    "ReportData",
    "ReportOutput",
    "ReportParams",
    "SUMMARY_NOTEBOOK",
    "Section",
    "execute_report",
    "execute_summary",
    "input_files",
    "key_figures",
    "load_report_data",
    "notebook_to_html",
    "places_with_data",
    "provinces_with_data",
    "report_slug",
    "run_analysis",
    "run_sections",
    "validate_parameters",
]

if TYPE_CHECKING:
    from helpers.report.analysis import key_figures_summary as key_figures
    from helpers.report.analysis import run_sections
    from helpers.report.data import ReportData, load_report_data, provinces_with_data
    from helpers.report.inprocess import run_analysis
    from helpers.report.params import (
        ReportParams,
        input_files,
        report_slug,
        validate_parameters,
    )
    from helpers.report.render import (
        NOTEBOOK,
        SUMMARY_NOTEBOOK,
        ReportOutput,
        execute_report,
        execute_summary,
        notebook_to_html,
    )
    from helpers.report.tables import Section
    from helpers.report.units import places_with_data


def __getattr__(name: str):
    """Import a public name's submodule on first use and cache the name in this module."""
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        # An AttributeError lets `from helpers.report import analysis` import the submodule.
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
