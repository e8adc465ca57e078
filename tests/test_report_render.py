"""The province notebook executed with papermill and converted to offline HTML (slowish: three
kernel runs, shared by the tests through module fixtures)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers.errors import ReportExecutionError
from helpers.report import NOTEBOOK, ReportParams, execute_report, validate_parameters
from helpers.report.demo import build_demo

FIXTURE = Path(__file__).parent / "fixtures" / "report"
PARAMETERS = ["province", "level", "lang", "data_dir", "as_of", "output_dir", "demo", "unit",
              "district"]


@pytest.fixture(scope="module")
def vietnamese(tmp_path_factory):
    out = tmp_path_factory.mktemp("vi")
    output = execute_report(validate_parameters("bac giang", data_dir=FIXTURE, output_dir=out))
    return output, output.html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def english_simulated(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    build_demo(data, seed=1, provinces=["Bắc Giang"])
    shutil.copy(FIXTURE / "facts.csv", data / "facts.csv")
    out = tmp_path_factory.mktemp("en")
    params = validate_parameters("Bắc Ninh", level="2025", lang="en", data_dir=data, output_dir=out)
    output = execute_report(params)
    return output, output.html.read_text(encoding="utf-8")


def _no_errors_no_code(html: str) -> None:
    assert "Traceback" not in html
    assert 'class="output_error"' not in html and "jp-RenderedText" not in html
    assert "validate_parameters(" not in html and "show(" not in html
    assert "notebook-only" not in html and "Cells tagged" not in html


def _offline(html: str) -> None:
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
        assert "http" not in tag, tag
    assert "<script" not in html
    assert 'name="viewport"' in html
    assert re.search(r'<img [^>]*src="data:image/svg\+xml;base64,', html)


def test_vietnamese_report_shows_the_key_figures_with_quotes(vietnamese):
    output, html = vietnamese
    assert output.html.name == "bac-giang.vi.html" and output.ipynb.name == "bac-giang.vi.ipynb"
    for figure in ("7.555", "5.800", "130,26%", "41.098", "51.241", "918", "3.456"):
        assert figure in html, figure
    # Each quote once, in the sources section, with the figures the report uses highlighted.
    assert "Tính từ ngày 01/4-31/5/2024 toàn tỉnh phát triển mới được <mark>7.555</mark>" in html
    assert html.count("đã có <mark>918</mark> người giảm") == 1
    assert "Theo số liệu báo chí" in html and "không chứng minh quan hệ nhân quả" in html
    _no_errors_no_code(html)
    _offline(html)


def test_output_folder_holds_only_the_two_files(vietnamese):
    output, _ = vietnamese
    assert sorted(p.name for p in output.html.parent.iterdir()) == [
        "bac-giang.vi.html",
        "bac-giang.vi.ipynb",
    ]
    nb = nbformat.read(output.ipynb, as_version=4)
    assert nb.metadata["papermill"]["parameters"]["province"] == "Bắc Giang"


def test_english_2025_report_with_simulated_panel(english_simulated):
    output, html = english_simulated
    assert output.html.name == "2025-bac-ninh.en.html"
    assert "SIMULATED DATA" in html
    assert "7,555" in html and "130.26%" in html
    assert "Province after the 2025 merger, made of: Bắc Giang, Bắc Ninh." in html
    assert "95% confidence interval" in html and "extra enrolees" in html
    _no_errors_no_code(html)
    _offline(html)


def test_misspelled_province_stops_in_the_first_cell_with_one_line(tmp_path):
    params = ReportParams("Bac Giangg", "legacy", "vi", FIXTURE, None, tmp_path)
    with pytest.raises(ReportExecutionError) as info:
        execute_report(params)
    assert info.value.message.startswith("ParameterError: 'Bac Giangg' is not a province")
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_every_parameter_is_documented_for_papermill_help():
    import papermill

    inferred = papermill.inspect_notebook(str(NOTEBOOK))
    assert list(inferred) == PARAMETERS
    assert all(p["help"] for p in inferred.values())


def test_notebook_pair_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert not any(c.get("outputs") or c.get("execution_count") for c in code)
    assert "parameters" in code[0]["metadata"]["tags"]
    paired = NOTEBOOK.with_suffix(".py").read_text(encoding="utf-8")
    for cell in code:
        assert "".join(cell["source"]).splitlines()[0] in paired


@pytest.mark.slow
def test_province_without_data_gives_a_short_report(tmp_path):
    output = execute_report(validate_parameters("Cà Mau", data_dir=FIXTURE, output_dir=tmp_path))
    html = output.html.read_text(encoding="utf-8")
    assert "Chưa có số liệu nào về Cà Mau" in html
    assert "<h2>" not in html


def test_the_notebook_publishes_the_headline_numbers_the_backend_computes(english_simulated):
    """The batch reads the index page's numbers from the executed notebook (no second load of
    the data in the worker): they are the very numbers `key_figures` computes, and the page
    does not show them as such."""
    from helpers.report import key_figures

    output, html = english_simulated
    ran = nbformat.read(output.ipynb, as_version=4).metadata.papermill.parameters
    params = validate_parameters("Bắc Ninh", level="2025", lang="en", data_dir=ran["data_dir"],
                                 output_dir=output.html.parent)
    assert output.key_figures == json.loads(json.dumps(key_figures(params)))
    assert output.key_figures["has_panel"] is True
    assert "key-figures+json" not in html


def test_the_page_validates_the_notebook_once_and_is_the_same(vietnamese):
    """The HTML step validates the notebook once after nbconvert's preprocessors, not after
    each of them (issue 14): the page is the same as with a validation after each."""
    from helpers.report import render

    output, html = vietnamese
    nb = nbformat.read(output.ipynb, as_version=4)
    exporter = render._exporter()
    assert exporter.optimistic_validation
    page = render.notebook_to_html(nb, title="x", lang="vi")
    exporter.optimistic_validation = False
    try:
        assert render.notebook_to_html(nb, title="x", lang="vi") == page
    finally:
        exporter.optimistic_validation = True


def test_the_page_leaves_the_executed_notebook_as_it_was():
    # The page drops notebook-only cells and stderr; the notebook written beside it keeps both.
    import copy

    import nbformat

    from helpers.report.render import notebook_to_html

    kept = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stderr", text="LIBRARY WARNING\n"),
        nbformat.v4.new_output("stream", name="stdout", text="RESULT SHOWN\n"),
    ])
    only = nbformat.v4.new_code_cell("y", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="FOR NOTEBOOK READERS\n")])
    only.metadata["tags"] = ["notebook-only"]
    nb = nbformat.v4.new_notebook(cells=[kept, only])
    before = copy.deepcopy(nb)
    html = notebook_to_html(nb, title="t")
    assert "RESULT SHOWN" in html
    assert "LIBRARY WARNING" not in html and "FOR NOTEBOOK READERS" not in html
    assert nb == before
