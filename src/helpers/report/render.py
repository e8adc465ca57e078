"""Run the province notebook with papermill and turn it into one offline, phone-friendly HTML file.

Both files are written atomically, so an interrupted run never leaves half a report.
"""

from __future__ import annotations

import copy
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import paths
from helpers.errors import ParameterError, ReportExecutionError
from helpers.report.kernels import kept_client_engine, reused_kernel
from helpers.report.params import ReportParams, report_slug, validate_choices

if TYPE_CHECKING:
    import nbformat

NOTEBOOK = paths.NOTEBOOKS / "province_report.ipynb"
SUMMARY_NOTEBOOK = paths.NOTEBOOKS / "national_summary.ipynb"
# Cells tagged like this explain the code to a notebook reader; the report does not need them.
NOTEBOOK_ONLY_TAG = "notebook-only"
CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  line-height: 1.5; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 0.75rem 1rem 3rem; }
h1 { font-size: 1.45rem; line-height: 1.25; margin: 0.8rem 0 0.4rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.4rem; border-bottom: 1px solid #d0d7de;
  padding-bottom: 0.2rem; }
p { margin: 0.4rem 0 0.7rem; }
.intro { color: #444; }
.banner { background: #fff3cd; border: 2px solid #d4a017; color: #5c4300; font-weight: 600;
  padding: 0.6rem 0.8rem; border-radius: 6px; margin: 0.6rem 0; }
.status-empty, .status-unavailable { color: #57606a; font-style: italic; }
.status-refuse { color: #8a4b00; }
img.figure { display: block; max-width: 100%; height: auto; margin: 0.5rem 0; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.5rem 0 1rem; }
table.data { border-collapse: collapse; font-size: 0.85rem; min-width: 100%; }
table.data th, table.data td { border-bottom: 1px solid #d0d7de; padding: 0.3rem 0.45rem;
  text-align: left; vertical-align: top; }
table.data th { background: #f6f8fa; white-space: nowrap; }
table.data td { max-width: 28rem; }
table.data td:first-child { white-space: nowrap; }
.note { background: #f6f8fa; border-left: 4px solid #8c959f; padding: 0.5rem 0.8rem; }
ul.facts { list-style: none; padding: 0; margin: 0.5rem 0 1rem; }
li.fact { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 0.7rem;
  margin: 0 0 0.5rem; }
li.fact blockquote { margin: 0.3rem 0; padding-left: 0.6rem; border-left: 3px solid #d0d7de;
  color: #333; font-size: 0.92rem; }
li.fact small { color: #57606a; word-break: break-all; }
.flags { color: #8a4b00; font-size: 0.85rem; }
pre { white-space: pre-wrap; font-size: 0.85rem; }
nav.pages { font-size: 0.9rem; padding: 0.5rem 0; border-bottom: 1px solid #d0d7de; }
nav.pages a { margin-right: 1rem; }
a.download { font-size: 0.85rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.2rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.pages, a.download { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  img.figure, table.data, li.fact, .banner { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  table.data td { max-width: none; }
  a { color: inherit; text-decoration: none; }
}
"""
#: The links at the top of every page: the index of all reports and the other language.
NAV = {
    "vi": ("Mục lục các báo cáo", "English version"),
    "en": ("All reports", "Bản tiếng Việt"),
}


def nav_html(slug: str, lang: str) -> str:
    """Links to the batch's index page and to this page in the other language."""
    from urllib.parse import quote

    index, other_name = NAV["vi" if lang == "vi" else "en"]
    other = "en" if lang == "vi" else "vi"
    return (
        f'<nav class="pages"><a href="index.html">← {escape(index)}</a>'
        f'<a href="{escape(quote(f"{slug}.{other}.html"))}" hreflang="{other}" lang="{other}">'
        f"{escape(other_name)}</a></nav>"
    )


def page_title(body: str, fallback: str = "") -> str:
    """The text of the page's first <h1> (its report title), else ``fallback``."""
    import re
    from html import unescape

    found = re.search(r"<h1[^>]*>(.*?)</h1>", body, flags=re.S)
    if not found:
        return fallback
    text = unescape(re.sub(r"<[^>]+>", "", found.group(1))).replace("¶", "")
    return " ".join(text.split()) or fallback


@dataclass(frozen=True)
class ReportOutput:
    """Where a built report went."""

    html: Path
    ipynb: Path
    slug: str
    lang: str
    #: The headline numbers the notebook published (`view.publish_key_figures`), else None.
    key_figures: dict | None = None


def notebook_to_html(
    nb: nbformat.NotebookNode, *, title: str = "", lang: str = "vi", nav: str = ""
) -> str:
    """An executed notebook as one self-contained HTML page.

    Code, prompts, notebook-only cells and stderr output are left out; figures stay embedded
    as base64; no script, font or style is fetched from the network. The page's <title> is its
    first heading (``title`` when it has none); ``nav`` is placed above the content.
    """
    # Shallow copies: the exporter deep-copies the notebook itself before converting it, and
    # the cells and outputs kept are not changed here, only which ones are kept.
    nb = copy.copy(nb)
    nb.cells = [
        c for c in nb.cells if NOTEBOOK_ONLY_TAG not in c.get("metadata", {}).get("tags", [])
    ]
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            # Warnings printed by libraries are for developers; results carry their own caveats.
            cell = nb.cells[index] = copy.copy(cell)
            cell.outputs = [
                o
                for o in cell.outputs
                if not (o.output_type == "stream" and o.get("name") == "stderr")
            ]
    body, _ = _exporter().from_notebook_node(nb)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(page_title(body, title))}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{nav}\n{body}\n</main>\n</body>\n</html>\n"
    )


@cache
def _exporter() -> Any:
    """One HTML exporter per process: it compiles its Jinja templates on first use (about half
    of a report's HTML step when done per report), then reuses them."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    # Validate the notebook once, after all preprocessors, not after each of them (a dozen
    # passes over every cell and output of a report; the page is the same).
    config.HTMLExporter.optimistic_validation = True
    return HTMLExporter(config=config, template_name="basic")


def warm_worker() -> None:
    """Pay the HTML step's and papermill's first-use costs in this process: the exporter's
    Jinja templates compiled and its filters run on a small notebook, the report notebook read
    and validated once (nbformat compiles its schema validator on first use).

    The batch's forkserver calls it (`helpers.batch.preload`), so every worker forked from it
    starts with them done: ~0.3 s of the first report of each worker otherwise, on the batch's
    critical path. Nothing is written; the pages are the same.
    """
    import nbformat
    from papermill.iorw import load_notebook_node

    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<p>x</p>", "text/plain": "x"}),
        nbformat.v4.new_output("stream", name="stdout", text="x"),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x"), cell])
    notebook_to_html(nb, title="x")
    nbformat.writes(nb)
    load_notebook_node(str(NOTEBOOK))


def notebook_parameters(params: ReportParams, *, demo: bool | None = None) -> dict:
    """The papermill parameters for a report: plain values, never code."""
    return {
        "province": params.province,
        "level": params.level,
        "lang": params.lang,
        "data_dir": str(params.data_dir),
        "as_of": params.as_of.isoformat() if params.as_of else "",
        "output_dir": str(params.output_dir),
        "demo": bool(demo),
        "unit": params.unit,
        "district": params.district,
    }


def _one_line(text: str) -> str:
    from papermill.exceptions import strip_color

    lines = [ln.strip() for ln in strip_color(text or "").splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def execute_report(
    params: ReportParams,
    *,
    notebook: str | Path = NOTEBOOK,
    kernel_name: str = "python3",
    timeout: int = 600,
    demo: bool | None = None,
    reuse_kernel: bool = False,
) -> ReportOutput:
    """Execute the province notebook for ``params`` and write ``<slug>.<lang>.html/.ipynb``.

    Parameters
    ----------
    params
        Validated parameters (see `validate_parameters`).
    notebook
        The parameterized notebook to run.
    kernel_name
        Jupyter kernel to run it with.
    timeout
        Seconds any one cell may take.
    demo
        True shows the simulated-data banner even without a SIMULATED.json marker; the banner
        always shows when the data folder carries the marker.
    reuse_kernel
        True: run in this process's kept kernel, reset to a fresh kernel's state, and keep it
        for the next report (`helpers.report.kernels`; the batch workers do this).

    Returns
    -------
    ReportOutput

    Raises
    ------
    ReportExecutionError
        When a cell fails: names the province, the cell and the error in one line.
    """
    slug = report_slug(params)
    return run_notebook(
        notebook,
        notebook_parameters(params, demo=demo),
        output_dir=params.output_dir,
        slug=slug,
        lang=params.lang,
        label=f"{params.district}, {params.province}" if params.district else params.province,
        kernel_name=kernel_name,
        timeout=timeout,
        reuse_kernel=reuse_kernel,
    )


def run_notebook(
    notebook: str | Path,
    parameters: dict,
    *,
    output_dir: str | Path,
    slug: str,
    lang: str,
    label: str,
    kernel_name: str = "python3",
    timeout: int = 600,
    reuse_kernel: bool = False,
) -> ReportOutput:
    """Execute a parameterized notebook and write ``<slug>.<lang>.html`` and ``.ipynb``.

    ``label`` names the report in errors (a province, "national summary"); ``reuse_kernel``
    as in `execute_report`.

    Raises
    ------
    ReportExecutionError
        When a cell fails or times out.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers.io import atomic_write_text

    out_dir = Path(output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cwd = str(Path(notebook).parent)
    kernel = reused_kernel(kernel_name, cwd) if reuse_kernel else nullcontext()
    try:
        with kernel as manager:
            nb = papermill.execute_notebook(
                str(notebook),
                None,
                parameters=parameters,
                kernel_name=kernel_name,
                execution_timeout=timeout,
                progress_bar=False,
                log_output=False,
                cwd=cwd,
                **_on_kept_kernel(manager),
            )
    except PapermillExecutionError as exc:
        message = f"{exc.ename}: {exc.evalue}" if exc.evalue else _one_line(str(exc))
        raise ReportExecutionError(label, exc.cell_index, message) from None
    except TimeoutError as exc:
        raise ReportExecutionError(label, None, f"timed out: {exc}") from None
    html_path = out_dir / f"{slug}.{lang}.html"
    ipynb_path = out_dir / f"{slug}.{lang}.ipynb"
    html_path.parent.mkdir(parents=True, exist_ok=True)  # a district's province folder
    html = notebook_to_html(nb, title=label, lang=lang, nav=nav_html(slug, lang))
    for path, text in ((ipynb_path, nbformat.writes(nb)), (html_path, html)):
        atomic_write_text(path, text)
        # Temporary files are created private; a report is meant to be read (served, shared).
        path.chmod(0o644)
    return ReportOutput(html=html_path, ipynb=ipynb_path, slug=slug, lang=lang,
                        key_figures=published_key_figures(nb))


def _on_kept_kernel(manager: Any) -> dict[str, Any]:
    """papermill's arguments to run on a kept kernel (`helpers.report.kernels`): its manager,
    and its connected client through the engine that uses it; nothing for a kernel of its own."""
    if manager is None:
        return {}
    return {"km": manager, "kc": manager.kept_client, "engine_name": kept_client_engine()}


def published_key_figures(nb: nbformat.NotebookNode) -> dict | None:
    """The headline numbers an executed notebook published, or None when it published none."""
    from helpers.report.view import KEY_FIGURES_MIME

    for cell in nb.cells:
        for output in cell.get("outputs", ()):
            figures = output.get("data", {}).get(KEY_FIGURES_MIME)
            if isinstance(figures, dict):
                return dict(figures)
    return None


def execute_summary(
    lang: str = "vi",
    *,
    level: str = "legacy",
    data_dir: str | Path | None = None,
    output_dir: str | Path | None = None,
    notebook: str | Path = SUMMARY_NOTEBOOK,
    kernel_name: str = "python3",
    timeout: int = 600,
    demo: bool = False,
) -> ReportOutput:
    """Execute notebooks/national_summary.ipynb into ``national_summary.<lang>.html``
    (``national_summary_2025.<lang>.html`` at the 2025 level)."""
    level, lang = validate_choices(level, lang)
    data = Path(data_dir) if data_dir else paths.PROCESSED
    if not data.is_dir():
        raise ParameterError(f"Data folder '{data}' does not exist: run `bhxh extract` first.")
    out = Path(output_dir) if output_dir else paths.REPORTS
    parameters = {
        "level": level,
        "lang": lang,
        "data_dir": str(data.resolve()),
        "output_dir": str(out.resolve()),
        "demo": demo,
    }
    slug = "national_summary" if level == "legacy" else "national_summary_2025"
    return run_notebook(
        notebook,
        parameters,
        output_dir=out,
        slug=slug,
        lang=lang,
        label="national summary",
        kernel_name=kernel_name,
        timeout=timeout,
    )
