"""The national summary of a batch: notebooks/national_summary.ipynb run once per language
into ``<out>/national_summary.<lang>.html`` (and ``.ipynb``), after the province reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpers.batch.jobs import (
    Job,
    file_digest,
    helpers_source_digest,
    params_json,
    safe_output_path,
    sha256_text,
)

SLUG = "national_summary"


@dataclass(frozen=True)
class NationalParams:
    """Parameters of one national summary run (values only; they reach the notebook as such)."""

    level: str
    lang: str
    data_dir: Path
    output_dir: Path
    notebook: Path
    as_of: date | None = None


def plan_national(
    province_jobs: Sequence[Job],
    *,
    notebook: Path,
    level: str,
    langs: Sequence[str],
    data_dir: Path,
    out_dir: Path,
) -> list[Job]:
    """One job per language; its inputs are every data file the province reports read."""
    data = {k: v for job in province_jobs for k, v in job.inputs.items() if k.startswith("data:")}
    jobs = []
    for lang in langs:
        params = NationalParams(level, lang, Path(data_dir), Path(out_dir), Path(notebook))
        inputs = dict(sorted(data.items())) | {
            "notebook": file_digest(notebook),
            "helpers": helpers_source_digest(),
            "params": sha256_text(params_json(params)),
        }
        jobs.append(Job(params, "", SLUG, lang, inputs, kind="national"))
    return jobs


def execute_national(
    params: NationalParams,
    *,
    kernel_name: str = "python3",
    timeout: float = 600,
    reuse_kernel: bool = False,
) -> Path:
    """Run the national notebook through the one notebook runner (``report.render``) and
    return its HTML; only the parameters the notebook declares in its ``parameters`` cell are
    passed. ``reuse_kernel``: in the worker's kept kernel, as the province reports
    (`helpers.report.kernels`).
    """
    import papermill

    from helpers.report.render import run_notebook

    offered = {
        "level": params.level,
        "lang": params.lang,
        "data_dir": str(params.data_dir),
        "output_dir": str(params.output_dir),
        "as_of": params.as_of.isoformat() if params.as_of else None,
    }
    declared = papermill.inspect_notebook(str(params.notebook))
    html = safe_output_path(params.output_dir, SLUG, params.lang, "html")
    return run_notebook(
        params.notebook,
        {k: v for k, v in offered.items() if k in declared},
        output_dir=html.parent,
        slug=SLUG,
        lang=params.lang,
        label="national summary",
        kernel_name=kernel_name,
        timeout=int(timeout),
        reuse_kernel=reuse_kernel,
    ).html
