"""A rerun with nothing changed, answered from the manifest before anything heavy is imported.

Planning a batch validates every report's parameters and hashes its inputs, which needs pandas
and the geography tables (seconds of imports) even when every report is then skipped. A batch
that finished with every report built records a fingerprint of what it was asked and of every
file it could have read: the data folder, the notebooks and the ``helpers`` package (file
contents, not times, so ``bhxh process`` rewriting identical files changes nothing). The same
request with the same fingerprint, every report file still there and no run since, is a rerun
with nothing to do: it is answered with stdlib only, and nothing is written.

Anything else (another spelling of the same request, a changed or new file, a deleted report, a
failed or interrupted run) goes the ordinary way, which skips unchanged reports one by one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpers import __version__

_PACKAGE = Path(__file__).resolve().parents[1]
#: Files never read by a report: Python's byte-code caches and the toolkit's own temporaries.
_IGNORED_DIRS = {"__pycache__", ".ipynb_checkpoints", ".logs"}


def fingerprint(request: dict[str, Any], folders: Iterable[Path]) -> str:
    """SHA-256 of ``request`` (JSON) and of every file under ``folders`` (name and content).

    Example
    -------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> before = fingerprint({"lang": "vi"}, [folder])
    >>> _ = (folder / "facts.csv").write_text("x")
    >>> before == fingerprint({"lang": "vi"}, [folder]), before == fingerprint({}, [])
    (False, False)
    """
    h = hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode())
    h.update(f"{__version__} {sys.executable}".encode())
    for folder in folders:
        folder = Path(folder).resolve()
        h.update(str(folder).encode())
        for path in _files(folder):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            with open(path, "rb") as handle:
                h.update(hashlib.file_digest(handle, "sha256").digest())
    return h.hexdigest()


def _files(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _IGNORED_DIRS)
        found += [Path(root) / name for name in sorted(files) if not name.endswith(".tmp")]
    return found


def inputs_of(data_dir: Path, notebooks: Path) -> list[Path]:
    """The folders a batch's reports can read: the data, the notebooks, the helpers code."""
    return [Path(data_dir), Path(notebooks), _PACKAGE]


def stored_fingerprint(out_dir: Path) -> str | None:
    """The fingerprint of the last run into ``out_dir`` that built every report, else None."""
    try:
        manifest = json.loads((Path(out_dir) / "manifest.json").read_text(encoding="utf-8"))
        return str(manifest["run"]["rerun"]["fingerprint"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def unchanged(out_dir: Path, request: dict[str, Any], folders: Iterable[Path]) -> str | None:
    """The summary line of a rerun with nothing to do, or None when the batch must run.

    True only when the last run into ``out_dir`` built every report of the same ``request``,
    no file of ``folders`` changed since it started, no run began after it (its journal is
    empty) and every report file and the index are still there.
    """
    manifest = Path(out_dir) / "manifest.json"
    journal = manifest.with_name(".manifest.journal")
    try:
        stored = json.loads(manifest.read_text(encoding="utf-8"))["run"]["rerun"]
        reports = list(stored["reports"])
        if journal.exists() and journal.stat().st_size:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (Path(out_dir) / "index.html").is_file():
        return None
    for key in reports:
        for suffix in ("html", "ipynb"):
            if not (Path(out_dir) / f"{key}.{suffix}").is_file():
                return None
    if stored.get("fingerprint") != fingerprint(request, folders):
        return None
    noun = "report" if len(reports) == 1 else "reports"
    return f"{len(reports)} {noun}: 0 built, {len(reports)} skipped, 0 failed in 0.0 s"
