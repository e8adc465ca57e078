"""Call counts per report of the in-process floor, `run_analysis(draw=True)`: measures of the
work done that do not depend on the machine's load (cProfile's counts, not its times).

    .venv/bin/python bench/floor_counts.py DEMO [--provinces 8]

Run it with ``PYTHONPATH=<git archive of main>/src`` too, to compare.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

sys.path.insert(0, str(Path(__file__).parent))
from floor_compare import PROVINCES  # noqa: E402

#: (label, file suffix, function name) of the calls counted.
COUNTED = (
    ("font table reads (FT2Font.get_sfnt_table)", "~", "get_sfnt_table"),
    ("font lookups (FontManager._find_fonts_by_props)", "font_manager.py", "_find_fonts_by_props"),
    ("text layouts (Text._get_layout)", "text.py", "_get_layout"),
    ("tick objects created (Axis._get_tick)", "axis.py", "_get_tick"),
    ("SARIMAX fits", "mlemodel.py", "fit"),
    ("state-space likelihood evaluations (MLEModel.loglike)", "mlemodel.py", "loglike"),
    ("per-observation likelihoods (MLEModel.loglikeobs)", "mlemodel.py", "loglikeobs"),
    ("pivots of a long panel (DataFrame.pivot)", "frame.py", "pivot"),
    ("article numbers asked for (citation_numbers)", "sources.py", "citation_numbers"),
    ("articles numbered (_citation_numbers)", "sources.py", "_citation_numbers"),
    ("einsum calls", "einsumfunc.py", "einsum"),
    ("SARIMAX smoothing passes (MLEModel.smooth)", "mlemodel.py", "smooth"),
    ("synthetic DiD fits, placebos included (sdid_fit)", "synth_core.py", "sdid_fit"),
    ("press summaries asked for (summarize; on main each is computed)", "summary.py",
     "summarize"),
    ("press summaries computed (_summarize)", "summary.py", "_summarize"),
    ("date-rule tick locations (dates.py tick_values)", "dates.py", "tick_values"),
    ("number tick locations (ticker.py tick_values)", "ticker.py", "tick_values"),
    ("facts looked up by id (DataFrame.drop_duplicates)", "frame.py", "drop_duplicates"),
    ("frames concatenated (pandas concat)", "concat.py", "concat"),
)


def main() -> None:
    import helpers
    from helpers.report import run_analysis, validate_parameters

    data_dir = Path(sys.argv[1])
    count = int(sys.argv[sys.argv.index("--provinces") + 1]) if "--provinces" in sys.argv \
        else 8
    params = [validate_parameters(n, data_dir=data_dir, output_dir=data_dir / "x")
              for n in PROVINCES[:count]]
    run_analysis(params[0], draw=True)
    profile = cProfile.Profile()
    profile.enable()
    for p in params:
        run_analysis(p, draw=True)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    print(f"{Path(helpers.__file__).parent}: calls per report over {len(params)} reports")
    for label, suffix, name in COUNTED:
        calls = sum(v[1] for (file, _, function), v in stats.items()
                    if (file == "~" and name in function if suffix == "~" else
                        file.endswith(suffix) and function == name))
        print(f"  {label}: {calls / len(params):.1f}")


if __name__ == "__main__":
    main()
