"""What went wrong in a report job, in a form the manifest, the summary and the index can show:
the failing cell, its first line, the kind of failure and a one-line message.
"""

from __future__ import annotations

from typing import Any

#: Messages jupyter_client/nbclient raise when a kernel fails to come up; those are retried once.
_KERNEL_START_MARKERS = ("Kernel died before replying", "Kernel didn't respond", "kernel_info")


def describe_error(exc: BaseException) -> dict[str, Any]:
    """The failing cell's index and first source line (when known), the kind of failure
    (exception name) and a one-line message."""
    cell = None
    source = ""
    kind = type(exc).__name__
    message = str(exc)
    for link in _chain(exc):
        name = type(link).__name__
        if hasattr(link, "cell_index") and hasattr(link, "ename"):
            # papermill's PapermillExecutionError: the notebook's own exception.
            cell, kind, message = link.cell_index, link.ename, f"{link.ename}: {link.evalue}"
            source = next((line for line in str(link.source).splitlines() if line.strip()), "")
            break
        if name in ("CellTimeoutError", "DeadKernelError"):
            kind, message = name, str(link)
            break
    if cell is None:
        cell = getattr(exc, "cell_index", getattr(exc, "cell", None))
    text = " ".join(message.split())
    return {
        "cell": cell if isinstance(cell, int) else None,
        "kind": kind,
        "source": source.strip()[:120],
        "message": text[:500] + ("…" if len(text) > 500 else ""),
    }


def is_kernel_start_failure(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) says the kernel never came up: worth a retry."""
    return any(
        isinstance(link, RuntimeError | TimeoutError)
        and any(marker in str(link) for marker in _KERNEL_START_MARKERS)
        for link in _chain(exc)
    )


def _chain(exc: BaseException) -> list[Any]:  # Any: papermill errors carry more attributes
    seen: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in seen:
        seen.append(link)
        link = link.__cause__ or link.__context__
    return seen
