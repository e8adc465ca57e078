"""reports/index.html: grouping by 2025 province, escaping, offline and phone-friendly."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.batch.index import figure_lines, render_index, write_index
from helpers.batch.manifest import Manifest


def record(province, slug, lang="vi", *, group="", status="built", error=None, figures=None):
    return {
        "kind": "province", "province": province, "province_2025": group, "slug": slug,
        "lang": lang, "status": status, "error": error, "key_figures": figures or {},
    }


def manifest(tmp_path: Path, *records) -> Manifest:
    m = Manifest(tmp_path / "manifest.json")
    m.reports = {f"{r['slug']}.{r['lang']}": r for r in records}
    m.run = {"finished_at": "2026-11-23T15:00:00+00:00", "level": "legacy"}
    return m


def test_provinces_are_grouped_under_their_2025_province_with_both_languages(tmp_path):
    for name in ("bac-giang.vi.html", "bac-giang.en.html", "bac-ninh.vi.html"):
        (tmp_path / name).write_text("x")
    (tmp_path / "national_summary.vi.html").write_text("x")
    m = manifest(
        tmp_path,
        record("Bắc Giang", "bac-giang", group="Bắc Ninh", figures={"campaign_new": 7555}),
        record("Bắc Giang", "bac-giang", "en", group="Bắc Ninh"),
        record("Bắc Ninh", "bac-ninh", group="Bắc Ninh"),
        record("Nghệ An", "nghe-an", group="Nghệ An", status="failed",
               error={"cell": 7, "kind": "ValueError", "source": "sections.outlook(data)",
                      "message": "ValueError: no stock"}),
    )
    page = render_index(m, tmp_path, data_version="abc123def456", summary="4 reports: ...")
    group = page.index("<h2>Bắc Ninh</h2>")
    assert group < page.index("Bắc Giang", group) < page.index("<h2>Nghệ An</h2>")
    # The 2025 grouping is explained with an example from the reports, and no build log shows.
    assert "Ví dụ: Bắc Giang nay thuộc Bắc Ninh" in page and "Bắc Giang is now part of" in page
    assert "4 reports: ..." not in page.replace("<!-- 4 reports: ... -->", "")
    assert 'href="bac-giang.vi.html"' in page and 'href="bac-giang.en.html"' in page
    assert "Tham gia mới trong đợt / new in campaign: <b>7.555</b>" in page  # vi format
    assert "ô / cell 7 <code>sections.outlook(data)</code>: ValueError: no stock" in page
    assert 'href="national_summary.vi.html"' in page
    assert "abc123def456" in page and "23/11/2026 15:00 UTC" in page
    assert "Tiếng Việt: —" in page  # no HTML for the failed report: no dead link


def test_everything_from_names_and_errors_is_escaped(tmp_path):
    m = manifest(
        tmp_path,
        record("<script>alert(1)</script>", "x", group="<b>group</b>", status="failed",
               error={"cell": None, "kind": "<img src=x onerror=alert(2)>",
                      "message": "\"><script>alert(3)</script>"},
               figures={"<i>k</i>": "<svg onload=alert(4)>"}),
    )
    page = render_index(m, tmp_path, data_version="<v>", summary="<s>")
    assert "<script" not in page and "<img" not in page and "<svg" not in page
    assert "<b>group" not in page and "<i>k" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_is_offline_and_phone_friendly(tmp_path):
    m = manifest(tmp_path, record("Cà Mau", "ca-mau", group="Cà Mau"))
    path = write_index(m, tmp_path, data_version="v", summary="s", simulated=True)
    page = path.read_text(encoding="utf-8")
    assert path == tmp_path.resolve() / "index.html"
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width" in page and "<style>" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<script" not in page and "<link" not in page
    assert "Dữ liệu mô phỏng" in page


def test_key_figures_get_labels_and_vietnamese_formats_and_flags_are_dropped():
    lines = figure_lines({
        "province": "Bắc Giang", "has_panel": True, "participants": 51100.0,
        "participants_date": "2023-12-31", "attainment_pct": 130.26, "dropouts": None,
        "monthly_new_12": 9783.0, "monthly_month": "2024-12", "unknown_ratio": 2.5,
        "growth_pct_per_year": 24.6988,
    })
    assert lines == [
        ("Người tham gia / participants (31/12/2023)", "51.100"),
        ("Đạt kế hoạch / of plan", "130,26%"),
        ("Tham gia mới 12 tháng / new, 12 months", "9.783"),
        ("unknown ratio", "2,5"),
        ("Tăng bình quân năm / growth per year", "24,7%"),
    ]
