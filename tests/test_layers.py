"""The import layering the architecture relies on, checked over every module of `helpers`.

Layers, lowest first. A module may import from its own layer and the layers below it, never
from a layer above: statistics never import report code, the report never imports the batch,
and `errors`, `notes` and `paths` import nothing of ours. Every module must be placed (by its
own name or its package's); a new module with no place fails here until it is given one.
Imports inside functions count too (they are still dependencies), and so do
``importlib.import_module("helpers....")`` calls with a literal name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["helpers", "helpers.errors", "helpers.notes", "helpers.paths", "helpers.loopback"]),
    ("text", ["helpers.text", "helpers.text_dates", "helpers.text_norm", "helpers.text_numbers"]),
    ("geo", ["helpers.geo", "helpers.geo_tables", "helpers.geo_2025"]),
    ("data", ["helpers.io", "helpers.schema", "helpers.contract", "helpers.cleaning",
              "helpers.reading", "helpers.build_status"]),
    ("extract", ["helpers.extract"]),
    ("simulate", ["helpers.simulate"]),
    ("statistics", ["helpers.indicators", "helpers.effects", "helpers.forecast"]),
    ("narrative", ["helpers.narrative"]),
    ("report", ["helpers.report"]),
    ("batch", ["helpers.batch"]),
    ("commands", ["helpers.commands", "helpers.cli"]),
]
# Modules that sit lower than their package: pure-data or leaf modules other layers may read.
# `effects.design` (what an intervention is and the regressors it makes) is shared by the
# simulator, which builds series with a known effect, and by the estimators above it.
EXCEPTIONS: dict[str, str] = {
    "helpers.effects.design": "simulate",
    # The words of statistics results (issue 11): the code -> sentence vocabulary and the shared
    # words are pure data over helpers.text; results' describe() and plot() hand off to the
    # modules that word and draw them, which read nothing above the statistics.
    "helpers.narrative.vocabulary": "text",
    "helpers.narrative.words": "text",
    "helpers.narrative.estimates": "statistics",
    "helpers.narrative.indicators": "statistics",
    "helpers.narrative.charts": "statistics",
    # The charts' margin engine (issue 14) reads only matplotlib.
    "helpers.narrative.layout": "text",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted((SRC / "helpers").rglob("*.py"))}


def layer_of(module: str) -> int | None:
    """Index of the layer a module belongs to: its own entry, else its closest package's."""
    if module in EXCEPTIONS:
        return [name for name, _ in LAYERS].index(EXCEPTIONS[module])
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            exact = module == prefix
            inside = module.startswith(prefix + ".") and prefix != "helpers"
            if exact or inside:
                length = len(prefix)
                if best is None or length > best[0]:
                    best = (length, index)
    return None if best is None else best[1]


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # `from helpers import narrative` imports the submodule helpers.narrative
            found += [(f"{target}.{a.name}", node.lineno) for a in node.names
                      if f"{target}.{a.name}" in MODULES]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            found.append((node.args[0].value, node.lineno))
    return [(name, line) for name, line in found
            if name == "helpers" or name.startswith("helpers.")]


def _resolve(target: str) -> str:
    """The module an imported name lives in (``helpers.geo.resolve`` -> ``helpers.geo``)."""
    while target not in MODULES and "." in target:
        target = target.rpartition(".")[0]
    return target


def test_every_module_has_a_layer():
    unplaced = [m for m in MODULES if layer_of(m) is None]
    assert not unplaced, f"place these modules in LAYERS of {Path(__file__).name}: {unplaced}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_imports_only_its_own_layer_or_below(module):
    own = layer_of(module)
    upward = []
    for target, line in _imports(module, MODULES[module]):
        if target == "helpers":
            continue
        theirs = layer_of(_resolve(target))
        if theirs is not None and own is not None and theirs > own:
            upward.append(f"line {line}: {target} ({LAYERS[theirs][0]})")
    assert not upward, f"{module} ({LAYERS[own][0]}) imports from a higher layer: {upward}"


def test_the_checker_sees_an_upward_import(tmp_path):
    """The rule can fail: a statistics module importing the report is caught."""
    fake = tmp_path / "helpers" / "effects" / "bad.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def f():\n    from helpers.report import render\n")
    targets = [_resolve(name) for name, _ in _imports("helpers.effects.bad", fake)]
    assert "helpers.report.render" in targets
    assert layer_of("helpers.report.render") > layer_of("helpers.effects.bad")
