"""Where the in-process floor's CPU goes, by phase and by function, from a sampling profiler.

    .venv/bin/python bench/floor_phases.py DEMO [--provinces 30] [--no-draw] [--top 30] [--detail]

One warm-up report, then ``run_analysis`` on the first N provinces of `bench/batch.py`'s order
while a SIGPROF timer interrupts the process every millisecond of CPU and records the Python
stack (no tracing: cProfile doubles pandas-heavy code, a sampler does not). Each sample is given
to a **phase**, the report's step it belongs to (loading, each section, each effect design, the
figures' SVG), and a **layer**, where its innermost frame is (the helpers module, or the library
it is in: pandas, numpy, statsmodels, scipy, matplotlib). Prints the milliseconds per report of
each phase and layer, then the functions with the most own and cumulative samples.
"""

from __future__ import annotations

import collections
import os
import signal
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

INTERVAL = 0.001

#: Function name -> phase, matched from the innermost frame outwards (the first match wins):
#: the most specific names first.
PHASES = {
    "figure_svg": "figures: SVG save",
    "_batch_comparison": "comparison: batch-shared (panel, event study)",
    "synthetic_control": "comparison: synthetic control",
    "synthetic_did": "comparison: synthetic DiD",
    "event_study": "comparison: event study",
    "target_probability": "outlook: forecast",
    "scan_breaks": "its: break scan",
    "load_report_data": "loading / selection",
    "key_figures": "section: key figures",
    "trajectory": "section: trajectory",
    "campaigns": "section: campaigns",
    "retention": "section: retention",
    "channels": "section: channels",
    "districts": "section: districts",
    "outlook": "outlook: other",
    "its": "its: fit and text",
    "comparison": "comparison: other",
    "other_figures": "section: other figures",
    "evidence": "section: evidence",
    "not_used": "section: not used",
    "methods": "section: methods",
    "run_analysis": "run_analysis: other",
}
LIBRARIES = ("pandas", "numpy", "statsmodels", "scipy", "matplotlib", "pandera", "pyarrow")


def _where(code) -> tuple[str, str]:
    path = code.co_filename
    for lib in LIBRARIES:
        if f"/{lib}/" in path:
            return lib, f"{lib}:{code.co_name}"
    if "/helpers/" in path:
        mod = "helpers." + path.split("/helpers/", 1)[1].removesuffix(".py").replace("/", ".")
        return mod, f"{mod}:{code.co_name}"
    return "other", f"{Path(path).name}:{code.co_name}"


def main() -> None:
    from helpers.report import run_analysis, validate_parameters
    from helpers.report.data import provinces_with_data

    data_dir = Path(sys.argv[1])
    opt = {k: sys.argv[sys.argv.index(k) + 1] for k in ("--provinces", "--top") if k in sys.argv}
    count, top = int(opt.get("--provinces", 30)), int(opt.get("--top", 30))
    draw = "--no-draw" not in sys.argv
    names = provinces_with_data(data_dir)[:count]
    params = [validate_parameters(n, data_dir=data_dir, output_dir=data_dir / "x")
              for n in names]
    run_analysis(params[0], draw=draw)

    phases: collections.Counter = collections.Counter()
    layers: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    cumulative: collections.Counter = collections.Counter()
    helpers_layer: collections.Counter = collections.Counter()
    pandas_callers: collections.Counter = collections.Counter()
    within: collections.defaultdict = collections.defaultdict(collections.Counter)

    def sample(_signum, frame) -> None:
        phase, leaf, seen, inner_helpers, caller = None, None, set(), None, None
        while frame is not None:
            code = frame.f_code
            layer, name = _where(code)
            if leaf is None:
                leaf = (layer, name)
            if inner_helpers is None and layer.startswith("helpers."):
                inner_helpers, caller = layer, name
            if phase is None and layer.startswith("helpers.") and code.co_name in PHASES:
                phase = PHASES[code.co_name]
            seen.add(name)
            frame = frame.f_back
        phases[phase or "outside"] += 1
        layers[leaf[0] if leaf else "?"] += 1
        helpers_layer[inner_helpers or "none"] += 1
        if leaf and leaf[0] in ("pandas", "pyarrow"):
            pandas_callers[caller or "none"] += 1
        own[leaf[1] if leaf else "?"] += 1
        cumulative.update(seen)
        within[phase or "outside"].update(seen)

    signal.signal(signal.SIGPROF, sample)
    load = os.getloadavg()[0]
    cpu = time.process_time()
    signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
    for p in params:
        run_analysis(p, draw=draw)
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    cpu = time.process_time() - cpu
    n = len(params)
    total = sum(phases.values())
    print(f"{n} reports, draw={draw}: {cpu / n * 1000:.0f} ms CPU a report (with the sampler), "
          f"{total} samples; load {load:.1f} -> {os.getloadavg()[0]:.1f}")
    scale = cpu / n * 1000 / max(total, 1)

    def show(title: str, counter: collections.Counter, limit: int | None = None) -> None:
        print(f"\n{title} (ms a report)")
        for key, value in counter.most_common(limit):
            print(f"  {value * scale:7.1f}  {100 * value / total:5.1f}%  {key}")

    show("phase", phases)
    show("layer of the innermost frame", layers)
    show("innermost helpers module", helpers_layer, top)
    show("pandas and pyarrow, by the helpers function calling them", pandas_callers, top)
    show("own", own, top)
    show("cumulative", cumulative, top)
    if "--detail" in sys.argv:
        for phase, _ in phases.most_common(8):
            show(f"cumulative within {phase}", within[phase], 25)


if __name__ == "__main__":
    main()
