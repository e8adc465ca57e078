"""Every docstring example in `helpers` runs and shows what the code returns.

Examples read only files of the checkout (``tests/fixtures/report/``, ``data/raw/``) or inline
data, and write only to temporary folders. A failing module prints doctest's own report: the
example, what it expected and what it got; fix the example (or the code, if the example is
right).
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil

import pytest

import helpers

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(helpers.__path__, prefix="helpers.")
)
FLAGS = doctest.ELLIPSIS


def _tests(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    found = doctest.DocTestFinder().find(module, name)
    # A package's finder also walks objects re-exported from submodules; keep this module's own.
    return [t for t in found if t.examples and (t.filename or "") == (module.__file__ or "")]


def test_every_module_is_searched_and_examples_are_found():
    examples = sum(len(t.examples) for name in MODULES for t in _tests(name))
    assert "helpers.text_numbers" in MODULES and "helpers.report.params" in MODULES
    assert examples >= 60, f"only {examples} docstring examples found in helpers"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in _tests(name):
        runner.run(test, out=out.write)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed:\n" + (
        out.getvalue()
    )
