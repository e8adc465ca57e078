"""The conda environment and the pip install cannot drift apart."""

import importlib.metadata
import importlib.util
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_generator(name="make_environment"):
    script = ROOT / f"scripts/{name}.py"
    spec = importlib.util.spec_from_file_location(name, script)
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


def _name(spec: str) -> str:
    import re

    return re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def test_lock_pins_every_dependency_of_pyproject():
    """requirements.lock is the tested environment: it must pin everything pyproject asks for."""
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(s) for s in meta["dependencies"] + meta["optional-dependencies"]["dev"]}
    pinned = {
        _name(line) for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    missing = sorted(wanted - pinned)
    assert not missing, f"requirements.lock does not pin {missing}: run `make lock`"


def test_makefile_installs_from_the_lock_and_runs_slow_tests():
    makefile = (ROOT / "Makefile").read_text()
    assert "-c $(LOCK)" in makefile and "$(STAMP): pyproject.toml $(wildcard $(LOCK))" in makefile
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert '-m "slow or not slow"' in test_recipe


def test_environment_yml_names_the_lock():
    header = (ROOT / "environment.yml").read_text().split("name:", 1)[0]
    assert "requirements.lock" in header and "pip install -c requirements.lock" in header


def test_make_lab_in_a_conda_environment_registers_the_kernel_and_names_the_lock():
    env = {**os.environ, "CONDA_PREFIX": "/opt/conda/envs/bhxh-campaigns"}
    recipe = subprocess.run(["make", "-n", "lab"], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True).stdout
    assert "ipykernel install --sys-prefix --name bhxh-campaigns" in recipe
    assert "python scripts/check_lock.py requirements.lock" in recipe
    assert ".venv" not in recipe  # the conda environment's own python and jupyter


def test_check_lock_lists_what_differs_from_the_lock(tmp_path, capsys):
    check = _load_generator("check_lock")
    pytest_version = importlib.metadata.version("pytest")
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"pytest=={pytest_version}\n    # via x\nPandas==0.0.1\n"
                    "surely-not-a-package==1.0\n")
    assert check.pins(lock) == {"pytest": pytest_version, "pandas": "0.0.1",
                                "surely-not-a-package": "1.0"}
    assert check.main([str(lock)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 package(s) differ from requirements.lock")
    assert "pandas " in out and "(lock 0.0.1)" in out
    assert "surely-not-a-package not installed (lock 1.0)" in out and "pytest" not in out
    lock.write_text(f"pytest=={pytest_version}\n")
    check.main([str(lock)])
    assert "has the versions pinned in requirements.lock" in capsys.readouterr().out
