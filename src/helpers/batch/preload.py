"""What the process pool's forkserver imports before it forks the batch workers.

The workers need papermill and nbconvert; papermill imports nbformat, which imports jsonschema,
whose optional ``rfc3987_syntax`` (an RFC 3987 grammar compiled by Lark when imported, ~1.6 s
of CPU, a fifth of the warm kernel server's start competing for the same two cores) only
checks the ``iri`` string formats. Neither nbformat nor papermill asks for those formats, so
the workers go without it: jsonschema leaves ``iri`` unchecked when it is missing.
"""

from __future__ import annotations

import sys

#: Optional modules the workers never use and would otherwise import.
SKIPPED = ("rfc3987_syntax",)

for _name in SKIPPED:
    # None in sys.modules makes `import` raise ImportError, which jsonschema expects.
    sys.modules.setdefault(_name, None)  # type: ignore[arg-type]  # the documented "not found" mark

import nbconvert  # noqa: E402, F401
import papermill  # noqa: E402, F401

import helpers.batch.runner  # noqa: E402, F401
