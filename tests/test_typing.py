"""mypy over src/helpers reports no error, at the version and settings pinned in pyproject.toml.

The settings (`[tool.mypy]`) check the bodies of unannotated functions too; libraries without
type information (pandas, scipy, statsmodels, ...) are ignored one by one in
`[[tool.mypy.overrides]]`. mypy's incremental cache (`.mypy_cache/`) keeps a re-run to seconds.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import mypy.version

ROOT = Path(__file__).resolve().parents[1]
HINT = "fix the types; settings in pyproject [tool.mypy]"


def test_mypy_version_is_the_pinned_one():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in pyproject["project"]["optional-dependencies"]["dev"]
            if re.match(r"mypy\s*==", d)]
    assert pins, "pyproject's dev extras must pin mypy (mypy==X.Y.Z)"
    pinned = pins[0].split("==")[1].strip()
    assert mypy.version.__version__ == pinned, (
        f"mypy {mypy.version.__version__} is installed, pyproject pins {pinned}: run `make install`"
    )


def test_mypy_reports_no_errors_in_helpers():
    run = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    output = (run.stdout + run.stderr).strip()
    assert run.returncode == 0 and "Success: no issues found" in output, (
        f"mypy (python -m mypy, from {ROOT}) found errors; {HINT}:\n{output}"
    )
