"""What the warm kernel server does for the province report before it forks kernels: load the
data folder and run one report's analysis with its figures, so every kernel inherits it done.

A fresh kernel otherwise pays, in every report, for what the code does on first use: modules
imported inside functions, lookup tables and caches filled, fonts loaded for the first figure
(about 1 s of a 2.5 s report on the demo panel).
"""

from __future__ import annotations


def warm_report(data_dir: str) -> None:
    """Load ``data_dir``'s tables and run the first province's analysis, figures drawn to PNG.

    Nothing is kept but caches keyed by their inputs (not the first province's statistics:
    `helpers.report.memo` is cleared), so a kernel forked afterwards computes
    exactly what a cold one would; `run_analysis` closes the figures it opens.
    """
    from helpers.report import memo, provinces_with_data, run_analysis, validate_parameters

    names = provinces_with_data(data_dir, "legacy")
    if names:
        run_analysis(validate_parameters(names[0], data_dir=data_dir), draw=True)
    memo.clear()  # what one place's reports share (`helpers.report.memo`): no kernel inherits it
