"""The report package's modules import each other in one direction: no cycle to untangle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "helpers" / "report"


def _imports(path: Path) -> set[str]:
    """Report modules ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "helpers.report."):
            found.add(node.module.split(".")[2])
    return found


def test_data_params_and_validated_form_no_cycle():
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py")}
    assert "data" not in graph["params"] and "validated" not in graph["params"]
    assert "data" not in graph["validated"]

    def reaches(start: str, goal: str, seen: frozenset = frozenset()) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n}))
                   for n in graph.get(start, ()))

    for module in ("data", "params", "validated"):
        assert not reaches(module, module), f"{module} imports itself through a cycle"
