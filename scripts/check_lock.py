"""Say how the running environment differs from requirements.lock, the versions CI tested.

A conda environment made from environment.yml takes conda-forge's versions, which satisfy
pyproject's bounds but need not be the locked ones; `make lab` runs this there so a conda user
knows. It only reports (exit status 0): an environment that differs still works within the bounds.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.\-]*)==([^\s;\\]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    """The ``name==version`` lines of a pip-tools lock file, by canonical name."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[_canonical(match[1])] = match[2]
    return found


def _same(have: str, wanted: str) -> bool:
    try:
        return Version(have) == Version(wanted)
    except InvalidVersion:
        return have == wanted


def drift(lock: Path) -> list[str]:
    """One entry per locked package whose installed version differs or that is missing."""
    found = []
    for name, wanted in sorted(pins(lock).items()):
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            found.append(f"{name} not installed (lock {wanted})")
            continue
        if not _same(have, wanted):
            found.append(f"{name} {have} (lock {wanted})")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    lock = Path(args[0]) if args else ROOT / "requirements.lock"
    found = drift(lock)
    if not found:
        print(f"This environment has the versions pinned in {lock.name}.")
        return 0
    shown = "; ".join(found[:10]) + ("; ..." if len(found) > 10 else "")
    print(f"{len(found)} package(s) differ from {lock.name}, the versions the tests ran with: "
          f"{shown}. To use the tested versions: python -m pip install -c {lock.name} -e '.[dev]'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
