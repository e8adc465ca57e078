"""Where things live: every path the toolkit uses, in one place.

Two situations, one set of names:

- **In a checkout** of the repository (``pyproject.toml`` and ``data/raw/`` two levels above
  this file), everything is where the design card puts it: ``data/raw/``, ``data/processed/``,
  ``notebooks/``, ``reports/`` of the checkout.
- **Installed from a wheel** into any environment, the read-only resources the toolkit needs
  (reference tables, templates, the report notebooks) come from the package itself
  (``helpers/_data/``, a copy made at build time from the checkout's files), and the user's own
  data and reports live under ``$BHXH_HOME`` if set, else the current folder: ``data/raw/``,
  ``data/processed/``, ``reports/`` there. ``--data-dir`` and ``--out`` override per command.

``BHXH_ROOT`` points the toolkit at another checkout's data (useful for tests); a
``data/raw/reference/`` (or ``templates/``, ``notebooks/``) folder under the root always wins
over the packaged copy, so a user can update a table without reinstalling.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib import resources
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The repository this module runs from, or None when installed as a package."""
    root = _PACKAGE.parents[1]
    if (root / "pyproject.toml").is_file() and (root / "data" / "raw").is_dir():
        return root
    return None


def project_root() -> Path:
    """Where data and reports live: ``$BHXH_ROOT``, else the checkout, else ``$BHXH_HOME``
    or the current folder."""
    if os.environ.get("BHXH_ROOT"):
        return Path(os.environ["BHXH_ROOT"]).resolve()
    checkout = checkout_root()
    if checkout is not None:
        return checkout
    return Path(os.environ.get("BHXH_HOME") or Path.cwd()).resolve()


def packaged(name: str) -> Path:
    """A resource folder shipped in the package: ``reference``, ``templates`` or ``notebooks``."""
    return Path(str(resources.files("helpers") / "_data" / name))


def _resource(local: Path, name: str) -> Path:
    """The folder under the root when it exists, else the packaged copy."""
    if local.is_dir() or checkout_root() is not None:
        return local
    return packaged(name)


ROOT = project_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
ARTICLES = RAW / "articles"
REFERENCE = _resource(RAW / "reference", "reference")
TEMPLATES = _resource(RAW / "templates", "templates")
OFFICIAL = RAW / "official"
CORRECTIONS = RAW / "corrections.csv"
DEMO = PROCESSED / "demo"
NOTEBOOKS = _resource(ROOT / "notebooks", "notebooks")
REPORTS = ROOT / "reports"
CROSSWALK = REFERENCE / "province_crosswalk_2025.csv"


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file's bytes, cached on (path, size, modification time): a batch, its
    rerun check and a report's scope hash each file once while it is unchanged."""
    stat = Path(path).stat()
    return _cached_digest(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@cache
def _cached_digest(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
