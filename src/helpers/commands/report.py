"""`bhxh report`: build one province's narrative report (HTML + executed notebook).

Runs notebooks/province_report.ipynb through papermill and converts it to offline HTML.
"""

from __future__ import annotations

import argparse

NAME = "report"
HELP = (
    "Build one report (a province's, or with --district a district's or commune's): "
    "DIR/<slug>.<lang>.html and the executed notebook."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `bhxh report`."""
    parser.add_argument(
        "--province",
        default=None,
        help="province name, any spelling, pre- or post-2025 (e.g. 'Bac Giang'); with "
        "--district it only chooses between districts of the same name",
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
    parser.add_argument(
        "--unit",
        default="province",
        choices=["province", "district", "commune"],
        help="what a report describes: a province (default), a district or a commune; "
        "district and commune reports go to <province-slug>/<unit>-<name>.<lang>.html",
    )
    parser.add_argument(
        "--district",
        default=None,
        help="the district (or, with --unit commune, the commune) to report on, any spelling; "
        "where a province has two of one name, add the type word ('thị xã Cai Lậy', "
        "'huyen Cai Lay')",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also print the report to DIR/<slug>.<lang>.pdf (needs the 'pdf' extra: WeasyPrint)",
    )


def run(args: argparse.Namespace) -> int:
    """Validate the parameters in-process (one clear sentence if wrong), then build the report."""
    from helpers.errors import ParameterError
    from helpers.io import check_writable
    from helpers.loopback import require_loopback
    from helpers.report import execute_report, validate_parameters

    unit = "district" if args.district and args.unit == "province" else args.unit
    if unit == "province" and not args.province:
        raise ParameterError("--province is needed (or --district for a district report).")
    if unit != "province" and not args.district:
        raise ParameterError(f"--unit {unit} needs --district NAME (the {unit} to report on).")
    params = validate_parameters(
        args.province or "", args.level, args.lang, args.data_dir, args.as_of, args.out,
        unit=unit, district=args.district,
    )
    check_writable(params.output_dir)
    require_loopback()
    if args.pdf:
        from helpers.report.pdf import require_weasyprint

        require_weasyprint()  # before the notebook runs: a missing extra is said at once
    output = execute_report(params, timeout=args.timeout)
    print(f"{output.html}\n{output.ipynb}")
    if args.pdf:
        from helpers.report.pdf import html_to_pdf

        print(html_to_pdf(output.html))
    return 0
