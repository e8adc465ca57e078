"""Write environment.yml from pyproject.toml so conda users get the same environment.

Run `make environment` after changing dependencies; tests/test_environment.py fails when the
two drift apart.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Packages that conda-forge does not carry are installed by pip inside the conda environment.
PIP_ONLY = {"vietnamadminunits"}


def render(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The environment.yml text that matches ``pyproject``."""
    meta = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    python = meta["requires-python"]
    deps = list(meta["dependencies"]) + list(meta["optional-dependencies"]["dev"])
    conda, pip = [], []
    for spec in deps:
        name = spec.split(">")[0].split("=")[0].split("<")[0].strip()
        (pip if name in PIP_ONLY else conda).append(spec)
    lines = [
        "# Generated from pyproject.toml by scripts/make_environment.py; do not edit by hand.",
        "# The exact versions CI tests with are pinned in requirements.lock (pip-tools output);",
        "# to reproduce them here: pip install -c requirements.lock -e '.[dev]'.",
        "# `make lab` registers the project's Jupyter kernel inside this environment.",
        "name: bhxh-campaigns",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python{python}",
        "  - pip",
        *[f"  - {spec}" for spec in conda],
        "  - pip:",
        *[f"      - {spec}" for spec in pip],
        "      - -e .",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    (ROOT / "environment.yml").write_text(render(), encoding="utf-8")
    print("wrote environment.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
