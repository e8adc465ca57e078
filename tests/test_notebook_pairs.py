"""Every notebook is a jupytext pair whose two files hold the same cells, and has no outputs.

Editing one file of a pair without `jupytext --sync` would make the HTML report (run from the
.ipynb) differ from the code a reviewer reads in the diff (the .py): this test catches it.
"""

from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PAIRS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [
        (cell.cell_type, cell.source.strip(), sorted(cell.metadata.get("tags", [])))
        for cell in notebook.cells
    ]


def test_there_are_notebooks_to_check():
    assert {p.stem for p in PAIRS} >= {"province_report", "national_summary", "explore"}


@pytest.mark.parametrize("ipynb", PAIRS, ids=lambda p: p.stem)
def test_notebook_has_its_percent_pair(ipynb):
    script = ipynb.with_suffix(".py")
    fix = f"jupytext --set-formats ipynb,py:percent {ipynb}"
    assert script.exists(), f"{ipynb.name} has no jupytext pair: run `{fix}`"
    assert "format_name: percent" in script.read_text(encoding="utf-8")


@pytest.mark.parametrize("ipynb", PAIRS, ids=lambda p: p.stem)
def test_pair_holds_the_same_cells(ipynb):
    from_ipynb = jupytext.read(ipynb)
    from_script = jupytext.read(ipynb.with_suffix(".py"))
    assert _cells(from_ipynb) == _cells(from_script), (
        f"{ipynb.name} and {ipynb.with_suffix('.py').name} differ: run "
        f"`jupytext --sync {ipynb.with_suffix('.py')}`"
    )


@pytest.mark.parametrize("ipynb", PAIRS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(ipynb):
    notebook = nbformat.read(ipynb, as_version=4)
    dirty = [
        i for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert not dirty, f"{ipynb.name} has outputs in cells {dirty}: clear them before committing"
