"""Running ``bhxh`` in-process for the reliability suite, and what every case asserts."""

from __future__ import annotations

import hashlib
from pathlib import Path

from corpus import ROOT

from helpers.cli import main

RAW = ROOT / "data" / "raw"


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder`` (empty folders included)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        out[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``bhxh ARGV`` in this process: (exit code, stdout, stderr). A traceback fails the
    test (an uncaught exception propagates), so does one on stderr."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "Traceback" not in captured.out
    return code, captured.out, captured.err


def assert_clear_error(err: str, *fragments: str) -> None:
    """stderr is one or two lines, starts with ``bhxh ...: error:`` and names every fragment."""
    lines = err.strip().splitlines()
    assert 1 <= len(lines) <= 2, err
    assert lines[0].startswith("bhxh ") and ": error: " in lines[0], err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


def process(capsys, tmp_path: Path, official: Path, *extra: str) -> tuple[int, str, str]:
    """`bhxh process` of ``official`` exports (and no articles) into ``tmp_path/out``."""
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    return run(capsys, "process", "--articles", articles, "--official", official, "--out",
               tmp_path / "out", *extra)
