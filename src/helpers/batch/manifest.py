"""The batch manifest (reports/manifest.json): what was built from which inputs, how it went.

Each report's record is appended to a journal (``.manifest.journal``, one JSON line) as soon as
it finishes, and the whole manifest is rewritten atomically at the end of a run, folding the
journal in. A run killed at any moment loses nothing, and recording a report costs the same for
the thousandth as for the first (rewriting the whole file each time was quadratic).
"""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from helpers import __version__
from helpers.batch.jobs import Job, params_json, safe_output_path

FORMAT = 1
_VERSIONED = ("pandas", "statsmodels", "papermill", "nbclient", "nbconvert")


@dataclass
class Manifest:
    """Per-report records and the last run's summary, kept in ``path``.

    Attributes
    ----------
    reports
        ``key -> record``; a record has ``kind``, ``province``, ``province_2025``, ``level``,
        ``lang``, ``slug``, ``params``, ``inputs``, ``status`` (``built``/``failed``),
        ``built_digest`` (inputs digest of the last successful build), ``duration``,
        ``error``, ``versions``, ``code_digest`` (helpers code that ran on the worker),
        ``key_figures``, ``finished_at``.
    run
        The last run: ``started_at``, ``finished_at``, ``data_version``, ``summary``, counts.
    """

    path: Path
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    run: dict[str, Any] = field(default_factory=dict)

    @property
    def journal(self) -> Path:
        """The append-only file of records not yet folded into the manifest."""
        return self.path.with_name(f".{self.path.stem}.journal")

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read the manifest and its journal; a missing or unreadable manifest starts empty
        (everything rebuilds); a torn last journal line (a run killed mid-write) is ignored."""
        path = Path(path)
        manifest = cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("format") == FORMAT:
            manifest.reports = dict(data.get("reports", {}))
            manifest.run = dict(data.get("run", {}))
        try:
            lines = manifest.journal.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for line in lines:
            try:
                key, record = json.loads(line)
            except (ValueError, TypeError):
                continue
            manifest.reports[key] = record
        return manifest

    def is_current(self, job: Job) -> bool:
        """True when the last run of the job succeeded, with the same inputs, and its files exist.

        A report that failed is always retried, even if an older build of it is still on disk.
        """
        record = self.reports.get(job.key)
        if not record or record.get("status") != "built":
            return False
        if record.get("built_digest") != job.digest:
            return False
        out_dir = Path(job.params.output_dir)
        return all(
            safe_output_path(out_dir, job.slug, job.lang, suffix).is_file()
            for suffix in ("html", "ipynb")
        )

    def record(
        self,
        job: Job,
        *,
        status: str,
        duration: float,
        error: dict[str, Any] | None = None,
        key_figures: dict[str, Any] | None = None,
        province_2025: str = "",
        code_digest: str = "",
    ) -> None:
        """Store one report's outcome and append it to the journal at once.

        ``code_digest`` is the digest of the helpers code that actually ran the job on its
        worker (`helpers.batch.runner.loaded_code_digest`).
        """
        previous = self.reports.get(job.key, {})
        self.reports[job.key] = {
            "kind": job.kind,
            "province": job.province,
            "place": job.place,
            "unit": getattr(job.params, "unit", "province"),
            "province_2025": province_2025,
            "level": job.params.level,
            "lang": job.lang,
            "slug": job.slug,
            "params": json.loads(params_json(job.params)),
            "inputs": job.inputs,
            "status": status,
            "built_digest": job.digest if status == "built" else previous.get("built_digest"),
            "duration": round(duration, 3),
            "error": error,
            "key_figures": key_figures if status == "built" else previous.get("key_figures"),
            "versions": versions(),
            "code_digest": code_digest,
            "finished_at": now(),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The newline goes first: a line torn by a kill is then ended by the next record.
        line = "\n" + json.dumps([job.key, self.reports[job.key]], ensure_ascii=False)
        with open(self.journal, "a", encoding="utf-8") as handle:
            handle.write(line)

    def save(self) -> None:
        """Write the manifest atomically (temp file in the same folder, then rename) and drop
        the journal it now contains."""
        from helpers.io import atomic_write_text

        data = {"format": FORMAT, "run": self.run, "reports": dict(sorted(self.reports.items()))}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        self.journal.unlink(missing_ok=True)


@cache
def versions() -> dict[str, str]:
    """Versions of Python, the helpers and the libraries that shape a report."""
    found = {"python": platform.python_version(), "helpers": __version__}
    for name in _VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    found["platform"] = sys.platform
    return found


def now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def stored_headlines(
    output_dir: str | Path | None, level: str, data_dir: str | Path
) -> dict[str, dict]:
    """The headline numbers each province report stored in ``<output_dir>/manifest.json``.

    The batch computes a province's summary once, when its report is built, and keeps it in
    the manifest (``key_figures``); the index and the national summary read it from there.
    Only summaries built from the data files as they are now, by the same code, are returned;
    a missing or unreadable manifest gives an empty dict (everything is computed).
    """
    import json

    from helpers.batch.jobs import file_digest, helpers_source_digest

    def fresh(inputs: dict) -> bool:
        data = {k[5:]: v for k, v in inputs.items() if k.startswith("data:")}
        if not data or inputs.get("helpers") != helpers_source_digest():
            return False
        files = {name: Path(data_dir) / name for name in data}
        return all(p.is_file() and file_digest(p) == data[n] for n, p in files.items())

    if not output_dir:
        return {}
    try:
        data = json.loads((Path(output_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    stored = {}
    for record in (data.get("reports") or {}).values() if isinstance(data, dict) else ():
        figures = record.get("key_figures")
        if (record.get("kind") == "province" and record.get("level") == level
                and record.get("status") == "built" and figures
                and fresh(record.get("inputs") or {})):
            stored[figures.get("province") or record.get("province")] = figures
    return stored
