"""A report as a PDF: the HTML page printed by WeasyPrint with the report's print stylesheet.

WeasyPrint is an optional extra (``pip install 'bhxh-campaigns[pdf]'``); without it the command
says how to install it instead of failing with a traceback.
"""

from __future__ import annotations

from pathlib import Path

from helpers.errors import ParameterError


def require_weasyprint() -> None:
    """Raise a one-sentence ParameterError when WeasyPrint cannot be loaded."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        raise ParameterError(
            "--pdf needs WeasyPrint: pip install 'bhxh-campaigns[pdf]' (and the system's Pango "
            f"library, Debian package libpango-1.0-0); it could not be loaded: {exc}"
        ) from None


def html_to_pdf(html: str | Path, pdf: str | Path | None = None) -> Path:
    """Print the report page ``html`` to ``pdf`` (default: the same name ending in .pdf).

    The page is self-contained (figures embedded), so nothing is fetched; the file is written
    atomically.

    Raises
    ------
    ParameterError
        When WeasyPrint (or the Pango library it needs) is not installed.
    """
    require_weasyprint()
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from helpers.io import atomic_write_bytes

    source = Path(html)
    target = Path(pdf) if pdf is not None else source.with_suffix(".pdf")
    # The page itself, and data: URIs (the figures), are all a report reads: no network.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    document = HTML(filename=str(source), url_fetcher=fetcher).write_pdf()
    atomic_write_bytes(target, document)
    target.chmod(0o644)
    return target
