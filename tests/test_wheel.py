"""The toolkit works installed from a wheel, outside the checkout.

The wheel is built offline (no build isolation) from a copy of the project's files, installed
with --no-deps into a fresh venv that sees this environment's packages (not our source), and
used from another folder: geo, text, effects (an ITS fit on a simulated series), `bhxh place`
and `bhxh report --data-dir`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COPY = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "src",
        "data/raw/reference", "data/raw/templates", "notebooks"]

pytestmark = pytest.mark.slow


def _run(args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kw)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in COPY:
        src, dst = ROOT / name, source / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, dst)
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
          "--no-index", "-q", "-w", str(dist), str(source)])
    (wheel,) = dist.glob("bhxh_campaigns-*.whl")
    venv = base / "venv"
    _run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", "--without-pip",
          str(venv)])
    python = venv / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(_run([str(python), "-c", purelib]).strip())
    # The fresh venv sees the packages installed here, but not the editable `helpers`:
    # .pth files inside a folder added by a .pth are not run, so the editable hook stays off.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", "-q", str(wheel)])
    home = base / "elsewhere"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("BHXH_ROOT", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # nbconvert's templates and the kernelspecs are data files of this environment's packages;
    # a normal install of the dependencies would have put them under the venv's own share/.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return {"wheel": wheel, "python": python, "bin": venv / "bin", "home": home, "env": env}


def test_wheel_carries_the_reference_tables_templates_and_notebooks(installed):
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        names = set(wheel.namelist())
        for folder, resource in [("data/raw/reference", "reference"),
                                 ("data/raw/templates", "templates"), ("notebooks", "notebooks")]:
            for path in (ROOT / folder).iterdir():
                if path.suffix not in {".csv", ".md", ".xlsx", ".ipynb"}:
                    continue
                member = f"helpers/_data/{resource}/{path.name}"
                assert member in names, f"{member} missing from the wheel"
                assert wheel.read(member) == path.read_bytes(), f"{member} differs from {path}"


def test_installed_package_is_the_wheel_not_the_checkout(installed):
    where = _run([str(installed["python"]), "-c", "import helpers; print(helpers.__file__)"],
                 cwd=installed["home"], env=installed["env"])
    assert str(ROOT) not in where and "site-packages" in where


def test_geo_text_and_effects_work_outside_the_checkout(installed):
    code = (
        "from helpers.geo import resolve_province; from helpers.text import parse_number;"
        "import helpers.paths as p;"
        "from helpers.effects import Intervention, interrupted_time_series;"
        "from helpers.simulate import simulate_series;"
        "print(resolve_province('Bac Giang')); print(parse_number('7.548').value);"
        "print(p.REFERENCE); print(p.REPORTS);"
        "c = Intervention('peak', '2023-04', '2023-05');"
        "y, _ = simulate_series(interventions=[c], rate_ratios={'peak': 1.5});"
        "e = interrupted_time_series(y, [c]).effects['peak']; print(e.ci_low, e.ci_high)"
    )
    out = _run([str(installed["python"]), "-c", code], cwd=installed["home"],
               env=installed["env"]).splitlines()
    assert "Bắc Giang" in out[0]
    assert float(out[1]) == 7548
    assert "site-packages" in out[2] and out[2].endswith("_data/reference")
    assert out[3] == str(installed["home"].resolve() / "reports")
    low, high = map(float, out[4].split())
    assert low < 1.5 < high  # the wheel's ITS recovers the simulated rate ratio


def test_bhxh_home_sets_where_data_and_reports_live(installed, tmp_path):
    env = dict(installed["env"], BHXH_HOME=str(tmp_path))
    out = _run([str(installed["python"]), "-c", "import helpers.paths as p; print(p.PROCESSED)"],
               cwd=installed["home"], env=env)
    assert out.strip() == str(tmp_path.resolve() / "data" / "processed")


def test_bhxh_place_runs_from_the_wheel(installed):
    out = _run([str(installed["bin"] / "bhxh"), "place", "TP.HCM"], cwd=installed["home"],
               env=installed["env"])
    assert "Hồ Chí Minh" in out


def test_bhxh_report_runs_from_the_wheel(installed):
    data = ROOT / "tests" / "fixtures" / "report"
    _run([str(installed["bin"] / "bhxh"), "report", "--province", "Bắc Giang", "--data-dir",
          str(data)], cwd=installed["home"], env=installed["env"])
    reports = list((installed["home"] / "reports").rglob("*.html"))
    assert reports, "no HTML report written under the current folder"
    assert "Bắc Giang" in reports[0].read_text(encoding="utf-8")
