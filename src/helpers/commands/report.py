"""`bhxh report`: build one province's narrative report (HTML + executed notebook).

Runs notebooks/province_report.ipynb through papermill and converts it to offline HTML.
"""

from __future__ import annotations

import argparse

NAME = "report"
HELP = "Build one province's report: DIR/<slug>.<lang>.html and the executed notebook."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `bhxh report`."""
    parser.add_argument(
        "--province",
        required=True,
        help="province name, any spelling, pre- or post-2025 (e.g. 'Bac Giang')",
    )
    parser.add_argument(
        "--level",
        default="legacy",
        help="legacy: the 63 former provinces; 2025: the 34 merged ones",
    )
    # Checked by validate_parameters, the rule papermill and JupyterLab share (any case).
    parser.add_argument("--lang", default="vi", help="report language: vi or en")
    parser.add_argument("--out", default=None, help="output folder (default: reports/)")
    parser.add_argument(
        "--data-dir",
        default=None,
        help="folder with facts.csv, campaigns.csv, panel.parquet (default: data/processed/)",
    )
    parser.add_argument("--as-of", default=None, help="report the situation at YYYY-MM-DD")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also print the report to DIR/<slug>.<lang>.pdf (needs the 'pdf' extra: WeasyPrint)",
    )


def run(args: argparse.Namespace) -> int:
    """Validate the parameters in-process (one clear sentence if wrong), then build the report."""
    from helpers.report import execute_report, validate_parameters

    params = validate_parameters(
        args.province, args.level, args.lang, args.data_dir, args.as_of, args.out
    )
    if args.pdf:
        from helpers.report.pdf import require_weasyprint

        require_weasyprint()  # before the notebook runs: a missing extra is said at once
    output = execute_report(params, timeout=args.timeout)
    print(f"{output.html}\n{output.ipynb}")
    if args.pdf:
        from helpers.report.pdf import html_to_pdf

        print(html_to_pdf(output.html))
    return 0
