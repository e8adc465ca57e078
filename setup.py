"""Build hook: copy the checkout's read-only resources into the package as ``helpers/_data/``.

The reference tables, templates and report notebooks stay where the design card puts them
(``data/raw/reference/``, ``data/raw/templates/``, ``notebooks/``); a wheel carries a copy made
here at build time, so an installed toolkit works outside the checkout (``helpers.paths``).
All other metadata lives in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = {
    "reference": (ROOT / "data/raw/reference", ("*.csv", "*.md")),
    "templates": (ROOT / "data/raw/templates", ("*.csv", "*.xlsx", "*.md")),
    "notebooks": (ROOT / "notebooks", ("*.ipynb", "*.md")),
}


class BuildWithResources(build_py):
    """build_py that also writes helpers/_data/<name>/ from the checkout's folders."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for name, (source, patterns) in RESOURCES.items():
            target = Path(self.build_lib) / "helpers" / "_data" / name
            target.mkdir(parents=True, exist_ok=True)
            for pattern in patterns:
                for path in sorted(source.glob(pattern)):
                    shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildWithResources})
