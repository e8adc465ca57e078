"""A place's reports in two languages share their statistics, within one kernel, and nothing of
one place reaches another's report (helpers.report.memo)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from helpers.report import execute_report, kernels, memo, validate_parameters
from helpers.report.demo import build_demo
from helpers.report.inprocess import run_analysis

FIXTURE = Path(__file__).parent / "fixtures" / "report"
PLACES = ["Bắc Giang", "Bắc Ninh"]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """Press figures (with a target and campaigns) and a simulated monthly panel: every shared
    computation runs (press summary, forecast, interrupted time series)."""
    folder = tmp_path_factory.mktemp("data")
    build_demo(folder, seed=1, provinces=PLACES)
    shutil.copy(FIXTURE / "facts.csv", folder / "facts.csv")
    return folder


def _sections(data_dir: Path, place: str, lang: str, out: Path) -> dict:
    params = validate_parameters(place, lang=lang, data_dir=data_dir, output_dir=out)
    return run_analysis(params, draw=True)


def _same(a: dict, b: dict) -> None:
    """Every section the same: title, text, status, facts, table, HTML and figure bytes."""
    assert list(a) == list(b)
    for key in a:
        left, right = a[key], b[key]
        assert (left.title, left.text, left.status, left.fact_ids) == (
            right.title, right.text, right.status, right.fact_ids), key
        assert (left.table is None) == (right.table is None), key
        if left.table is not None:
            assert left.table.equals(right.table), key
        assert left.html == right.html, key
        assert left.figure == right.figure, key  # SVG bytes (draw=True)


@pytest.mark.parametrize("place", PLACES)
def test_the_second_language_takes_the_statistics_and_says_the_same(data_dir, tmp_path, place):
    memo.clear()
    alone = _sections(data_dir, place, "en", tmp_path)
    memo.clear()
    _sections(data_dir, place, "vi", tmp_path)
    before = dict(memo.COUNTS)
    kept = {key[0] for key in memo._VALUES}
    after_vi = _sections(data_dir, place, "en", tmp_path)
    # What the Vietnamese report computed was taken, nothing computed again: the press summary
    # and the ITS fit, and Bắc Ninh's forecast (of the national goal: it has no press target;
    # Bắc Giang's target has no date, so no forecast).
    wanted = {"Bắc Giang": {"summarize", "its"},
              "Bắc Ninh": {"summarize", "target_probability", "its"}}
    assert kept == wanted[place]
    assert memo.COUNTS["hits"] - before["hits"] == len(kept)
    assert memo.COUNTS["computed"] == before["computed"]
    _same(after_vi, alone)


def test_another_place_or_data_version_drops_what_was_kept(data_dir, tmp_path):
    memo.clear()
    _sections(data_dir, "Bắc Giang", "vi", tmp_path)
    computed = memo.COUNTS["computed"]
    hits = memo.COUNTS["hits"]
    other = _sections(data_dir, "Bắc Ninh", "en", tmp_path)
    assert memo.COUNTS["hits"] == hits  # nothing of Bắc Giang was handed to Bắc Ninh
    assert memo.COUNTS["computed"] > computed
    memo.clear()
    _same(other, _sections(data_dir, "Bắc Ninh", "en", tmp_path))
    # Other parameters (a date) or a changed data file are another scope too.
    vi = validate_parameters("Bắc Ninh", lang="vi", data_dir=data_dir, output_dir=tmp_path)
    dated = validate_parameters("Bắc Ninh", lang="vi", data_dir=data_dir, output_dir=tmp_path,
                                as_of="2024-06-30")
    assert memo.scope_of(vi) != memo.scope_of(dated)
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    before = memo.scope_of(validate_parameters("Bắc Ninh", data_dir=copy, output_dir=tmp_path))
    with open(copy / "facts.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert memo.scope_of(validate_parameters("Bắc Ninh", data_dir=copy,
                                             output_dir=tmp_path)) != before
    # The language is not part of it.
    en = validate_parameters("Bắc Ninh", lang="en", data_dir=data_dir, output_dir=tmp_path)
    assert memo.scope_of(vi) == memo.scope_of(en)


def test_what_a_report_gets_is_a_copy(data_dir, tmp_path):
    memo.clear()
    scope = ("digests", "parameters")
    first = memo.remembered(scope, ("k",), lambda: {"values": [1, 2]})
    first["values"].append(3)  # the first report changes what it computed
    second = memo.remembered(scope, ("k",), lambda: {"values": []})
    second["values"].append(4)
    assert memo.remembered(scope, ("k",), lambda: {}) == {"values": [1, 2]}


def _page(path: Path) -> tuple[str, list]:
    """The page and the notebook's outputs; only the random id papermill gives the injected
    parameters cell is blanked (it differs between any two runs)."""
    nb = nbformat.read(path.with_suffix(".ipynb"), as_version=4)
    outputs = [cell.get("outputs") for cell in nb.cells]
    page = path.read_text(encoding="utf-8")
    injected = next(c.id for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert page.count(f'id="cell-id={injected}"') == 1
    return page.replace(f'id="cell-id={injected}"', 'id="cell-id=-"'), outputs


def test_english_after_vietnamese_in_one_kernel_is_the_english_report_built_alone(
    data_dir, tmp_path
):
    def build(place: str, lang: str, out: Path) -> Path:
        params = validate_parameters(place, lang=lang, data_dir=data_dir, output_dir=out)
        return execute_report(params, reuse_kernel=True).html

    try:
        build("Bắc Giang", "vi", tmp_path / "pair")
        after_vi = build("Bắc Giang", "en", tmp_path / "pair")
        (manager, reports), = kernels._KERNELS.values()
        assert reports == 2  # one kernel built both
        # The English report took the Vietnamese one's statistics in that kernel.
        kernels._run(manager, "from helpers.report import memo\n"
                              "assert memo.COUNTS == {'hits': 2, 'computed': 2}, memo.COUNTS\n")
        # Another place next in the same kernel: what was kept is dropped.
        build("Bắc Ninh", "vi", tmp_path / "pair")
        kernels._run(manager, "from helpers.report import memo\n"
                              "assert memo.COUNTS == {'hits': 2, 'computed': 5}, memo.COUNTS\n"
                              "assert 'Bắc Ninh' in memo._SCOPE[0][1] and memo.kept() == 3\n")
    finally:
        kernels.shutdown_all()
    try:
        alone = build("Bắc Giang", "en", tmp_path / "alone")  # a fresh kernel
    finally:
        kernels.shutdown_all()
    paired_page, paired_outputs = _page(after_vi)
    alone_page, alone_outputs = _page(alone)
    assert paired_page == alone_page
    assert paired_outputs == alone_outputs
