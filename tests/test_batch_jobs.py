"""Job planning: safe file names, containment in the output folder, input hashing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers.batch.jobs import data_version, plan_jobs, safe_output_path
from helpers.batch.manifest import Manifest
from helpers.batch.national import plan_national
from helpers.errors import ParameterError

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
import tiny_backend  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "an-giang.csv").write_text("1\n", encoding="utf-8")
    (folder / "ca-mau.csv").write_text("2\n", encoding="utf-8")
    return folder


def plan(data_dir: Path, out: Path, provinces=None, *, langs=("vi",), backend=tiny_backend,
         notebook=tiny_backend.NOTEBOOK):
    return plan_jobs(provinces, level="legacy", langs=langs, data_dir=data_dir, out_dir=out,
                     notebook=notebook, backend=backend)


@pytest.mark.parametrize(
    "slug",
    ["../evil", "..", "a/b/c", "a/../b", "/etc/passwd", "bac giang", "Bắc-giang", "x\x00y", ""],
)
def test_crafted_slugs_are_refused(tmp_path, slug):
    with pytest.raises(ParameterError):
        safe_output_path(tmp_path, slug, "vi", "html")


def test_a_safe_path_sits_directly_in_the_output_folder(tmp_path):
    path = safe_output_path(tmp_path / "out", "2025-bac-ninh", "en", "html")
    assert path == (tmp_path / "out").resolve() / "2025-bac-ninh.en.html"
    with pytest.raises(ParameterError):
        safe_output_path(tmp_path, "bac-giang", "../vi", "html")


def test_a_backend_returning_an_escaping_slug_is_stopped_before_anything_runs(
    data_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr(tiny_backend, "report_slug", lambda params: "../../outside")
    with pytest.raises(ParameterError, match="safe file-name"):
        plan(data_dir, tmp_path / "out")


def test_every_province_with_data_and_language_is_one_job(data_dir, tmp_path):
    jobs = plan(data_dir, tmp_path / "out", langs=("vi", "en"))
    assert [job.key for job in jobs] == ["an-giang.vi", "an-giang.en", "ca-mau.vi", "ca-mau.en"]
    assert set(jobs[0].inputs) == {"data:an-giang.csv", "notebook", "helpers", "params"}
    # Two spellings of one province make one report.
    assert len(plan(data_dir, tmp_path / "out", ["An Giang", "an giang", "AN GIANG"])) == 1


def test_the_digest_changes_with_data_notebook_and_parameters(data_dir, tmp_path):
    out = tmp_path / "out"
    [base] = plan(data_dir, out, ["An Giang"])
    assert plan(data_dir, out, ["An Giang"])[0].digest == base.digest
    (data_dir / "an-giang.csv").write_text("3\n", encoding="utf-8")
    [changed_data] = plan(data_dir, out, ["An Giang"])
    assert changed_data.digest != base.digest
    notebook = tmp_path / "copy.ipynb"
    notebook.write_text(tiny_backend.NOTEBOOK.read_text(encoding="utf-8") + "\n")
    [changed_notebook] = plan(data_dir, out, ["An Giang"], notebook=notebook)
    assert changed_notebook.digest != changed_data.digest
    [english] = plan(data_dir, out, ["An Giang"], langs=("en",))
    assert english.inputs["params"] != changed_data.inputs["params"]
    assert data_version([base]) != data_version([changed_data])


def test_the_national_summary_is_one_job_per_language_over_every_province_input(
    data_dir, tmp_path
):
    out = tmp_path / "out"

    def national(langs=("vi", "en")):
        return plan_national(plan(data_dir, out), notebook=tiny_backend.NOTEBOOK, level="legacy",
                             langs=langs, data_dir=data_dir, out_dir=out)

    jobs = national()
    assert [(job.kind, job.slug, job.lang) for job in jobs] == [
        ("national", "national_summary", "vi"), ("national", "national_summary", "en")]
    assert set(jobs[0].inputs) == {"data:an-giang.csv", "data:ca-mau.csv", "notebook",
                                   "helpers", "params"}
    assert jobs[0].inputs["params"] != jobs[1].inputs["params"]
    assert national()[0].digest == jobs[0].digest
    # Any province's data changing makes the summary out of date.
    (data_dir / "ca-mau.csv").write_text("5\n", encoding="utf-8")
    assert national(("vi",))[0].digest != jobs[0].digest


def test_unknown_province_or_language_is_refused_with_one_sentence(data_dir, tmp_path):
    with pytest.raises(ParameterError, match="'Atlantis' is not a known province"):
        plan(data_dir, tmp_path / "out", ["An Giang", "Atlantis"])
    with pytest.raises(ParameterError, match="unknown language"):
        plan(data_dir, tmp_path / "out", langs=("fr",))


def test_a_report_is_current_only_with_the_same_digest_and_both_files(data_dir, tmp_path):
    out = tmp_path / "out"
    [job] = plan(data_dir, out, ["Cà Mau"])
    manifest = Manifest(out / "manifest.json")
    manifest.record(job, status="built", duration=1.0)
    assert not manifest.is_current(job)  # files missing
    out.joinpath("ca-mau.vi.html").write_text("x")
    out.joinpath("ca-mau.vi.ipynb").write_text("{}")
    assert manifest.is_current(job)
    assert Manifest.load(out / "manifest.json").is_current(job)
    (data_dir / "ca-mau.csv").write_text("9\n", encoding="utf-8")
    assert not manifest.is_current(plan(data_dir, out, ["Cà Mau"])[0])
    manifest.record(job, status="failed", duration=1.0, error={"message": "boom"})
    assert not manifest.is_current(job)  # a failed report is retried next time
    assert manifest.reports[job.key]["built_digest"] == job.digest  # the old build is known


def test_a_damaged_manifest_means_rebuild_not_crash(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text("{not json", encoding="utf-8")
    assert Manifest.load(path).reports == {}


def test_records_go_to_a_journal_that_a_killed_run_leaves_readable(data_dir, tmp_path):
    out = tmp_path / "out"
    jobs = plan(data_dir, out, langs=("vi", "en"))
    manifest = Manifest(out / "manifest.json")
    for job in jobs:
        manifest.record(job, status="built", duration=1.0, code_digest="c" * 64)
    assert not (out / "manifest.json").exists()  # recording appends; it does not rewrite
    with open(manifest.journal, "a", encoding="utf-8") as journal:
        journal.write('\n["ca-mau.vi", {"status": "bui')  # torn by a kill mid-write
    reloaded = Manifest.load(out / "manifest.json")
    assert sorted(reloaded.reports) == sorted(job.key for job in jobs)
    reloaded.record(jobs[0], status="failed", duration=2.0)  # the next run appends after it
    assert Manifest.load(out / "manifest.json").reports[jobs[0].key]["status"] == "failed"
    assert reloaded.reports["ca-mau.vi"]["code_digest"] == "c" * 64
    reloaded.save()
    assert not reloaded.journal.exists()
    assert sorted(Manifest.load(out / "manifest.json").reports) == sorted(j.key for j in jobs)
