"""Bad inputs: each gets an exact exit code and one or two lines naming file, row and column,
or is handled (read correctly, or logged with its file name); data/raw/ never changes.

Every case is listed, with what the user sees, in docs/reliability.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_run import RAW, assert_clear_error, process, run, snapshot
from corpus import (
    BASE,
    HEADER,
    PANELS,
    write_articles,
    write_inf_parquet,
    write_panel,
    write_xlsx,
)

#: Panel case -> (exit code of `bhxh validate`, fragments stderr must name).
PANEL_EXPECTED = {
    "p01_ok": (0, ()),
    "p02_missing_column": (2, ("row 1", "column 'new_participants'")),
    "p03_negative": (2, ("row 7", "column 'new_participants'", "negative")),
    "p04_duplicate_month": (2, ("rows 5, 14",)),
    "p05_bad_month": (2, ("row 13", "column 'month'", "2023-13")),
    "p06_unknown_province": (2, ("rows 2,", "column 'province'", "Atlantis")),
    "p07_traversal_name": (2, ("rows 2,", "column 'province'", "../../etc/passwd")),
    "p08_nfd_names": (0, ()),
    "p09_vi_locale_semicolon": (0, ()),
    "p10_non_numeric": (2, ("row 8", "column 'participants'", "n/a")),
    "p11_empty": (2, ("row 1", "empty")),
    "p12_html_in_name": (2, ("rows 2,", "column 'province'")),
    "p13_month_1850": (2, ("row 5", "column 'month'", "1995")),
    "p14_month_2999": (2, ("row 5", "column 'month'", "2999-01")),
    "p15_int64_overflow": (2, ("row 6", "column 'participants'", "9999999999999999999")),
    "p16_billion": (2, ("row 10", "column 'new_participants'", "150,000,000")),
    "p17_fraction": (2, ("row 4", "column 'new_participants'", "whole number")),
    "p18_unknown_scheme": (2, ("row 4", "column 'scheme'")),
    "p19_ragged": (2, ("row 4", "8 cells")),
    "p20_header_row_3": (2, ("row 3", "header_row=3")),
    "p21_all_new_empty": (0, ()),
    "p22_inf_text": (2, ("row 3", "column 'participants'", "'inf'")),
}


@pytest.fixture(autouse=True)
def raw_unchanged():
    """No case may write to the repository's data/raw/."""
    before = snapshot(RAW)
    yield
    assert snapshot(RAW) == before


@pytest.mark.parametrize("name", PANELS)
def test_panel_case_validates_or_names_file_row_and_column(name, tmp_path, capsys):
    path = write_panel(tmp_path / "in", name)
    before = snapshot(tmp_path / "in")
    expected_code, fragments = PANEL_EXPECTED[name]
    code, out, err = run(capsys, "validate", path)
    assert code == expected_code
    if code == 0:
        assert out.startswith(f"{path}: ok, panel: 12 rows") and not err
    else:
        assert_clear_error(err, path.name, *fragments)
    assert snapshot(tmp_path / "in") == before


def test_inf_in_a_parquet_count_is_refused_with_its_row(tmp_path, capsys):
    path = write_inf_parquet(tmp_path)
    code, _, err = run(capsys, "validate", path)
    assert code == 2
    assert_clear_error(err, path.name, "row 5", "column 'participants'", "not a finite number")


def test_a_month_of_2999_is_refused_by_process_too_and_nothing_is_built(tmp_path, capsys):
    official = tmp_path / "official"
    write_panel(official, "p14_month_2999")
    code, _, err = process(capsys, tmp_path, official)
    assert code == 2
    assert_clear_error(err, "p14_month_2999.csv", "row 5", "column 'month'")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["build_status.json"]


def test_xlsx_exports_are_read_and_their_bad_cells_located(tmp_path, capsys):
    good = write_xlsx(tmp_path, "good.xlsx", [HEADER, *BASE])
    code, out, _ = run(capsys, "validate", good)
    assert code == 0 and "12 rows" in out
    bad = write_xlsx(tmp_path, "bad.xlsx", [HEADER, *BASE[:3], BASE[3][:4] + ("abc", 1, 1)])
    code, _, err = run(capsys, "validate", bad)
    assert code == 2
    assert_clear_error(err, "bad.xlsx", "row 5", "column 'participants'", "'abc'")


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("text_renamed.xlsx", b"province,month\nA,2023-01\n", "Excel workbook"),
        ("truncated.parquet", b"PAR1\x00\x00", "Parquet"),
        ("panel.ods", b"", "cannot read '.ods'"),
    ],
)
def test_damaged_or_unsupported_files_get_one_sentence(name, data, fragment, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(data)
    code, _, err = run(capsys, "validate", path)
    assert code == 2
    assert_clear_error(err, name, fragment)


def test_a_folder_given_for_a_file_is_called_a_folder(tmp_path, capsys):
    code, _, err = run(capsys, "validate", tmp_path)  # used to say "cannot read '' files"
    assert code == 2
    assert_clear_error(err, str(tmp_path), "is a folder, not a file")


#: Article case -> what the log of `bhxh process` must say about it ("" when read normally).
ARTICLE_EXPECTED = {
    "b01_nfd.txt": "",
    "b02_utf16.txt": "",
    "b03_mojibake.txt": "b03_mojibake.txt",  # repaired or named (issue 9's diagnosis)
    "b04_empty.txt": "error: b04_empty.txt: skipped",
    "b05_binary.txt": "error: b05_binary.txt: skipped",
    "b06_html_injection.html": "",
    "b07_huge.txt": "error: b07_huge.txt: skipped",
    "b08_no_numbers.txt": "warning: b08_no_numbers.txt",
    "b09_other_topic.txt": "warning: b09_other_topic.txt: names no insurance scheme",
    "b10_cp1252_bytes.txt": "error: b10_cp1252_bytes.txt: skipped",
}


@pytest.fixture(scope="module")
def article_corpus(tmp_path_factory) -> dict[str, Path]:
    return write_articles(tmp_path_factory.mktemp("articles"))


@pytest.mark.parametrize("name", list(ARTICLE_EXPECTED))
def test_a_bad_article_is_logged_by_name_and_its_good_neighbour_survives(
    name, article_corpus, tmp_path, capsys
):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(article_corpus[name], articles / name)
    good = next((RAW / "articles").glob("001_*.txt"))
    shutil.copy(good, articles / good.name)
    before = snapshot(articles)
    (tmp_path / "none").mkdir()  # no official exports
    code, out, err = run(capsys, "process", "--articles", articles, "--official",
                         tmp_path / "none", "--out", tmp_path / "out")
    assert code == 0 and not err
    if ARTICLE_EXPECTED[name]:
        assert ARTICLE_EXPECTED[name] in out
    else:
        assert f"{name}:" not in out
    facts = (tmp_path / "out" / "facts.csv").read_text(encoding="utf-8")
    assert good.stem in facts  # the good neighbour's facts are there
    if name == "b09_other_topic.txt":
        assert "b09_other_topic" not in facts  # a rice price is not a growth fact
    assert "<script" not in facts and "onerror" not in facts
    assert snapshot(articles) == before


@pytest.mark.parametrize(
    "junk", ["~$panel.xlsx", "._good_panel.csv", ".hidden.csv", "~panel.csv", "panel.csv.tmp"]
)
def test_lock_files_resource_forks_hidden_and_temp_files_are_ignored(junk, tmp_path, capsys):
    official = tmp_path / "official"
    write_panel(official, "p01_ok")
    (official / junk).write_bytes(b"\x00\x01 not data")
    code, out, err = process(capsys, tmp_path, official)
    assert code == 0 and not err
    assert (tmp_path / "out" / "panel.parquet").is_file()
    if junk.endswith((".csv", ".xlsx")):
        assert f"ignored {junk}" in out


def test_two_sidecars_sharing_an_article_id_are_both_named_and_one_is_kept(tmp_path, capsys):
    articles = tmp_path / "articles"
    articles.mkdir()
    good = next((RAW / "articles").glob("001_*.txt"))
    for stem in ("x1", "x2"):
        (articles / f"{stem}.txt").write_bytes(good.read_bytes())
        (articles / f"{stem}.meta.json").write_text('{"article_id": "dup"}', encoding="utf-8")
    (tmp_path / "none").mkdir()  # no official exports
    code, out, err = run(capsys, "process", "--articles", articles, "--official",
                         tmp_path / "none", "--out", tmp_path / "out")
    assert code == 0 and not err
    assert "x1" in out and "x2" in out and "dup" in out
