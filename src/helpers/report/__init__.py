"""The province report: validated parameters, section computations, figures and rendering.

`execute_report` runs notebooks/province_report.ipynb; `run_analysis` computes the same in-process.
"""

from helpers.report.analysis import key_figures_summary as key_figures
from helpers.report.analysis import run_analysis, run_sections
from helpers.report.data import ReportData, load_report_data
from helpers.report.params import (
    ReportParams,
    input_files,
    provinces_with_data,
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

__all__ = [
    "NOTEBOOK",
    "SUMMARY_NOTEBOOK",
    "ReportData",
    "ReportOutput",
    "ReportParams",
    "Section",
    "execute_report",
    "execute_summary",
    "input_files",
    "key_figures",
    "load_report_data",
    "notebook_to_html",
    "provinces_with_data",
    "report_slug",
    "run_analysis",
    "run_sections",
    "validate_parameters",
]
