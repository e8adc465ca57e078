"""The conda environment and the pip install cannot drift apart."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_generator():
    script = ROOT / "scripts/make_environment.py"
    spec = importlib.util.spec_from_file_location("make_environment", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_environment_yml_matches_pyproject():
    expected = _load_generator().render()
    actual = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert actual == expected, "environment.yml is out of date: run `make environment`"


def test_every_runtime_dependency_is_in_environment_yml():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for spec in deps:
        assert spec in text, f"{spec} missing from environment.yml"


def test_ci_runs_make_test_only():
    lines = [
        line.strip()
        for line in (ROOT / ".ci/run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "make test" in lines
    assert not any("pytest" in line for line in lines)


def test_code_is_ruff_clean():
    import shutil
    import subprocess
    import sys

    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    run = subprocess.run(
        [ruff, "check", "--no-cache", "src", "tests", "bench", "scripts"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
