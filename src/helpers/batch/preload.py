"""What the process pool's forkserver imports before it forks the batch workers.

The workers need papermill and nbconvert; papermill imports nbformat, which imports jsonschema,
whose optional ``rfc3987_syntax`` (an RFC 3987 grammar compiled by Lark when imported, ~1.6 s
of CPU, a fifth of the warm kernel server's start competing for the same two cores) only
checks the ``iri`` string formats. Neither nbformat nor papermill asks for those formats, so
the workers go without it: jsonschema leaves ``iri`` unchecked when it is missing.

It also pays the report pages' first-use costs once (`helpers.report.render.warm_worker`:
nbconvert's templates compiled, the notebook's schema validator built), instead of in the first
report of every worker, where they lengthened the batch's critical path by ~0.3 s.
"""

from __future__ import annotations

import os
import sys

#: Optional modules the workers never use and would otherwise import.
SKIPPED = ("rfc3987_syntax",)

for _name in SKIPPED:
    # None in sys.modules makes `import` raise ImportError, which jsonschema expects.
    sys.modules.setdefault(_name, None)  # type: ignore[arg-type]  # the documented "not found" mark

import nbconvert  # noqa: E402, F401
import papermill  # noqa: E402, F401

import helpers.batch.runner  # noqa: E402, F401


def _warm() -> None:
    # The validator the workers use (`runner._WORKER_ENV`), so that it is the one built here.
    os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")
    try:
        from helpers.report.render import warm_worker

        warm_worker()
    except Exception:  # noqa: BLE001, S110  (an optimisation: the first report pays it instead)
        pass


_warm()
