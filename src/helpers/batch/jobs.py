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
from helpers.paths import file_digest  # noqa: F401  (re-exported: batch.national, batch.manifest)

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
    place
        The district or commune of a report below the province, else ``""``.
    """

    params: Any
    province: str
    slug: str
    lang: str
    inputs: dict[str, str]
    kind: str = "province"
    place: str = ""

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
    """The path of one report file, guaranteed to sit inside ``out_dir``: directly, or in one
    province folder for a district or commune report (slug ``"bac-giang/district-hiep-hoa"``).

    Raises
    ------
    ParameterError
        When the slug or language is not a plain ASCII slug, or the path escapes ``out_dir``.
    """
    folders = slug.split("/")
    for part in (*folders, lang, suffix):
        if not _SLUG_RE.match(part):
            raise ParameterError(
                f"'{part}' is not a safe file-name part "
                "(lowercase ASCII letters, digits, '-', '_')."
            )
    if len(folders) > 2:
        raise ParameterError(f"'{slug}' nests folders: one province folder at most.")
    root = Path(out_dir).resolve()
    path = (root / f"{slug}.{lang}.{suffix}").resolve()
    expected = root / folders[0] if len(folders) == 2 else root
    if path.parent != expected:
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
    unit: str = "province",
    district: str | None = None,
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
    unit, district
        ``"province"`` (one report per province), or ``"district"``/``"commune"``: one report
        per district (commune) with data in ``provinces`` (all when None), or only the one
        named ``district``.

    Raises
    ------
    ParameterError
        For an unknown province, language or level, or an unsafe slug; nothing runs then.
    """
    places = _places(provinces, level, data_dir, backend, unit, district)
    notebook_digest = file_digest(notebook)
    helpers_digest = helpers_source_digest()
    jobs: dict[str, Job] = {}
    for name, place in places:
        for lang in langs:
            by_unit = {} if unit == "province" else {"unit": unit, "district": place}
            params = backend.validate_parameters(
                name, level=level, lang=lang, data_dir=data_dir, output_dir=out_dir, **by_unit
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
            job = Job(params=params, province=params.province, slug=slug, lang=lang,
                      inputs=inputs, place=getattr(params, "district", ""))
            jobs.setdefault(job.key, job)  # two spellings of one province make one report
    return list(jobs.values())


def _places(
    provinces: Sequence[str] | None,
    level: str,
    data_dir: Path,
    backend: ModuleType,
    unit: str,
    district: str | None,
) -> list[tuple[str, str]]:
    """(province as given, unit name) pairs to plan: ("", "") names a whole province."""
    if unit == "province":
        names = backend.provinces_with_data(data_dir, level) if provinces is None else provinces
        return [(name, "") for name in names]
    if district:
        return [(name, district) for name in (provinces or [""])]
    canonical = None
    if provinces is not None:
        canonical = [
            backend.validate_parameters(n, level=level, data_dir=data_dir).province
            for n in provinces
        ]
    found = backend.places_with_data(data_dir, level, unit, canonical)
    return [(province, place) for province, places in found.items() for place in places]


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
