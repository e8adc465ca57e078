"""The job list of a batch: one job per (province, language), with safe file names and the
hashes of every input a report depends on, so unchanged reports can be skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from helpers import __version__
from helpers.errors import BhxhError, ParameterError

#: A report file name: ASCII slug, language code, suffix. Anything else is refused.
_SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,80}[a-z0-9])?$")
_HELPERS_DIR = Path(__file__).resolve().parents[1]


@dataclasses.dataclass(frozen=True)
class Job:
    """One report to build.

    Attributes
    ----------
    params
        The backend's validated ``ReportParams`` (picklable; sent to the worker as is).
    province
        Canonical province name at the report's level.
    slug, lang
        File names are ``<slug>.<lang>.html`` and ``<slug>.<lang>.ipynb``.
    inputs
        Digest of each input: ``data:<file>``, ``notebook``, ``helpers``, ``params``.
    kind
        ``"province"`` (one province's report) or ``"national"`` (the national summary).
    """

    params: Any
    province: str
    slug: str
    lang: str
    inputs: dict[str, str]
    kind: str = "province"

    @property
    def key(self) -> str:
        """The manifest key, e.g. ``"bac-giang.vi"``."""
        return f"{self.slug}.{self.lang}"

    @property
    def digest(self) -> str:
        """One hash over every input; equal digests mean an identical report."""
        return sha256_text(json.dumps(self.inputs, sort_keys=True))


def load_backend(name: str, path: str | None = None) -> ModuleType:
    """Import the report backend (``helpers.report`` in production) by module name.

    ``path`` is a folder to import it from (tests use a stand-in backend this way).
    """
    if path and path not in sys.path:
        sys.path.insert(0, path)
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise BhxhError(f"the report backend '{name}' cannot be imported: {exc}") from exc


def safe_output_path(out_dir: Path, slug: str, lang: str, suffix: str) -> Path:
    """The path of one report file, guaranteed to sit directly inside ``out_dir``.

    Raises
    ------
    ParameterError
        When the slug or language is not a plain ASCII slug, or the path escapes ``out_dir``.
    """
    for part in (slug, lang, suffix):
        if not _SLUG_RE.match(part):
            raise ParameterError(
                f"'{part}' is not a safe file-name part "
                "(lowercase ASCII letters, digits, '-', '_')."
            )
    root = Path(out_dir).resolve()
    path = (root / f"{slug}.{lang}.{suffix}").resolve()
    if path.parent != root:
        raise ParameterError(f"report file {path} would be written outside {root}.")
    return path


def plan_jobs(
    provinces: Sequence[str] | None,
    *,
    level: str,
    langs: Sequence[str],
    data_dir: Path,
    out_dir: Path,
    notebook: Path,
    backend: ModuleType,
) -> list[Job]:
    """Validate every (province, language) pair and hash its inputs, before anything runs.

    Parameters
    ----------
    provinces
        Province names in any spelling; ``None`` means every province with data.
    level
        ``"legacy"`` (63 provinces) or ``"2025"`` (34 provinces).
    langs
        Report languages, e.g. ``["vi", "en"]``.
    data_dir, out_dir, notebook
        Where data is read, where reports go, the notebook to run.
    backend
        The report module (``helpers.report``).

    Raises
    ------
    ParameterError
        For an unknown province, language or level, or an unsafe slug; nothing runs then.
    """
    if provinces is None:
        provinces = backend.provinces_with_data(data_dir, level)
    notebook_digest = file_digest(notebook)
    helpers_digest = helpers_source_digest()
    jobs: dict[str, Job] = {}
    for name in provinces:
        for lang in langs:
            params = backend.validate_parameters(
                name, level=level, lang=lang, data_dir=data_dir, output_dir=out_dir
            )
            slug = backend.report_slug(params)
            safe_output_path(out_dir, slug, lang, "html")
            inputs = {
                f"data:{_display(path, data_dir)}": file_digest(path)
                for path in sorted(backend.input_files(params))
            }
            inputs |= {
                "notebook": notebook_digest,
                "helpers": helpers_digest,
                "params": sha256_text(params_json(params)),
            }
            job = Job(params=params, province=params.province, slug=slug, lang=lang, inputs=inputs)
            jobs.setdefault(job.key, job)  # two spellings of one province make one report
    return list(jobs.values())


def params_json(params: Any) -> str:
    """The report parameters as canonical JSON (paths and dates as strings)."""
    fields = dataclasses.asdict(params) if dataclasses.is_dataclass(params) else vars(params)  # type: ignore[arg-type]  # a dataclass instance, never the class
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, default=_jsonable)


def data_version(jobs: Iterable[Job]) -> str:
    """A short hash over every data file the batch reads: the data version shown in the index."""
    digests = sorted({v for job in jobs for k, v in job.inputs.items() if k.startswith("data:")})
    return sha256_text("\n".join(digests))[:12]


@cache
def helpers_source_digest() -> str:
    """Hash of the package version and every ``src/helpers/**/*.py`` (name and content)."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(_HELPERS_DIR.rglob("*.py")):
        h.update(path.relative_to(_HELPERS_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, cached on (path, size, mtime) so a rerun hashes each file once."""
    stat = Path(path).stat()
    return _cached_digest(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@cache
def _cached_digest(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _display(path: Path, data_dir: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(data_dir).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _jsonable(value: Any) -> str:
    if isinstance(value, date | Path):
        return str(value)
    raise TypeError(f"cannot hash report parameter of type {type(value).__name__}")


def sha256_text(text: str) -> str:
    """SHA-256 hex digest of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
