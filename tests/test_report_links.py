"""A built report set links up: every page has its title and language, points to the index and
to its other language, and no link leads nowhere. Also the PDF, where WeasyPrint is installed."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from helpers.batch import run_batch

HREF = re.compile(r'\b(?:href|src)="([^"]*)"')


FIXTURE = Path(__file__).parent / "fixtures" / "report"


@pytest.fixture(scope="module")
def report_set(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    result = run_batch(["bac giang"], langs=("vi", "en"), data_dir=FIXTURE, out_dir=out,
                       workers=1, progress=False)
    assert result.failed == 0, result.failures
    return out


def broken_links(folder: Path) -> list[str]:
    """Every relative link of every page that names no file in ``folder``."""
    broken = []
    for page in sorted(folder.glob("*.html")):
        for link in HREF.findall(page.read_text(encoding="utf-8")):
            target = urlparse(unescape(link))
            if target.scheme in ("data", "http", "https", "mailto") or not target.path:
                continue
            if not (folder / unquote(target.path)).is_file():
                broken.append(f"{page.name} -> {link}")
    return broken


def test_every_link_of_the_report_set_leads_somewhere(report_set):
    pages = {p.name for p in report_set.glob("*.html")}
    assert {"index.html", "bac-giang.vi.html", "bac-giang.en.html", "national_summary.vi.html",
            "national_summary.en.html"} <= pages
    assert broken_links(report_set) == []


def test_the_link_check_sees_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html">b</a><a href="data:x">d</a>')
    assert broken_links(tmp_path) == ["a.html -> b.html"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_has_its_title_language_and_navigation(report_set, lang):
    other = "en" if lang == "vi" else "vi"
    for stem in ("bac-giang", "national_summary"):
        html = (report_set / f"{stem}.{lang}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert len(title) > 10 and "(" not in title, title
        assert 'href="index.html"' in html and f'href="{stem}.{other}.html"' in html
        assert "@media print" in html
    report = (report_set / f"bac-giang.{lang}.html").read_text(encoding="utf-8")
    assert report.count('download="') >= 2 and "data:text/csv;charset=utf-8," in report


def test_a_report_prints_to_pdf(report_set, tmp_path):
    pytest.importorskip("weasyprint", reason="the optional 'pdf' extra (WeasyPrint) is not "
                        "installed: pip install 'bhxh-campaigns[pdf]'")
    from weasyprint import HTML

    from helpers.report.pdf import html_to_pdf

    page = report_set / "bac-giang.vi.html"
    pdf = html_to_pdf(page, tmp_path / "bac-giang.vi.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 50_000  # the charts are in it
    # Printed with the print stylesheet (@page A4): several pages 210 mm wide.
    pages = HTML(filename=str(page)).render().pages
    assert len(pages) >= 3 and round(pages[0].width / 96 * 25.4) == 210
