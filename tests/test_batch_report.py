"""End to end with the real province notebook (helpers.report): one simulated province, its
manifest record and its index entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.batch import run_batch
from helpers.cli import main


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(folder)]) == 0
    return folder


def test_the_real_report_is_built_recorded_and_indexed(demo_dir, tmp_path):
    out = tmp_path / "reports"
    result = run_batch(
        ["bac kan"], data_dir=demo_dir, out_dir=out, workers=1, progress=False, simulated=True,
        national_notebook=tmp_path / "none.ipynb",  # the national summary has its own tests
    )
    assert (result.built, result.failed) == (1, 0), result.failures
    html = (out / "bac-kan.vi.html").read_text(encoding="utf-8")
    assert "Bắc Kạn" in html and "Traceback" not in html
    record = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert record["bac-kan.vi"]["province_2025"] == "Thái Nguyên"
    assert record["bac-kan.vi"]["key_figures"]["monthly_participants"] > 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h2>Thái Nguyên</h2>" in index and 'href="bac-kan.vi.html"' in index
    assert "Dữ liệu mô phỏng" in index
