"""reports/index.html: every report of the manifest grouped by 2025 province, with status,
key figures, links to each language and the national summary. One offline, escaped HTML file.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from helpers.batch.jobs import safe_output_path
from helpers.batch.manifest import Manifest

LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}
#: Labels of the numbers `helpers.report.key_figures` returns (press tier, then monthly panel).
FIGURE_LABELS = {
    "participants": "Người tham gia / participants",
    "n_campaigns": "Chiến dịch / campaigns",
    "campaign_new": "Tham gia mới trong đợt / new in campaign",
    "campaign_plan": "Kế hoạch đợt / campaign plan",
    "attainment_pct": "Đạt kế hoạch / of plan",
    "attainment_computed_pct": "Đạt kế hoạch, tính lại / of plan, recomputed",
    "growth_pct": "Tăng so với mốc trước / growth since the previous stock",
    "growth_pct_per_year": "Tăng bình quân năm / growth per year",
    "dropouts": "Dừng đóng / drop-outs",
    "monthly_participants": "Tham gia, số liệu tháng / participants, monthly data",
    "monthly_participants_year_ago": "Cùng kỳ năm trước / a year earlier",
    "monthly_new_12": "Tham gia mới 12 tháng / new, 12 months",
    "monthly_dropouts_12": "Dừng đóng 12 tháng / drop-outs, 12 months",
}
_DATED = {"participants": "participants_date", "monthly_participants": "monthly_month"}
OTHER_GROUP = "Khác / Other"

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;
background:#f6f7f9;line-height:1.45}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .4rem;
border-bottom:2px solid #c8d1dc}
.meta{color:#4a5868;font-size:.9rem}.banner{background:#fff3cd;border:1px solid #e0c36a;
padding:.5rem .8rem;border-radius:.3rem;font-weight:600}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #e3e7ec;vertical-align:top}
th{background:#eef1f5;font-size:.85rem}
.status{font-weight:600;border-radius:.25rem;padding:.05rem .4rem;font-size:.85rem}
.built{background:#dff3e4;color:#17612d}.failed{background:#fbe0e0;color:#8a1c1c}
.missing{background:#eceff3;color:#4a5868}
.error{color:#8a1c1c;font-size:.85rem;word-break:break-word}
.figures{margin:0;padding:0;list-style:none;font-size:.9rem}
a{color:#0b5cad}
@media (max-width:40rem){table,thead,tbody,tr,th,td{display:block}thead{display:none}
tr{margin:.6rem 0;border:1px solid #e3e7ec;border-radius:.3rem;background:#fff}
td{border:0;padding:.25rem .6rem}td::before{content:attr(data-label);display:block;
font-size:.75rem;color:#4a5868}}
"""


def write_index(
    manifest: Manifest,
    out_dir: Path,
    *,
    data_version: str,
    summary: str,
    simulated: bool = False,
) -> Path:
    """Write ``out_dir/index.html`` from the manifest and return its path.

    Parameters
    ----------
    manifest
        Every report known in ``out_dir`` (this run's and earlier ones).
    out_dir
        The reports folder; links are relative to it.
    data_version
        Short hash of the data files, shown in the header.
    summary
        The run's one-line summary.
    simulated
        Show a "simulated data" banner (demo panel).
    """
    from helpers.io import atomic_write_text

    path = Path(out_dir).resolve() / "index.html"
    atomic_write_text(
        path,
        render_index(
            manifest, out_dir, data_version=data_version, summary=summary, simulated=simulated
        ),
    )
    return path


def render_index(
    manifest: Manifest,
    out_dir: Path,
    *,
    data_version: str,
    summary: str,
    simulated: bool = False,
) -> str:
    """The index page as a string (see `write_index`)."""
    out_dir = Path(out_dir)
    groups: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for record in manifest.reports.values():
        if record.get("kind") == "national":
            continue
        group = record.get("province_2025") or OTHER_GROUP
        groups[group][record["slug"]].append(record)
    run = manifest.run
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Báo cáo theo tỉnh — Province reports</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>Báo cáo BHXH tự nguyện &amp; BHYT hộ gia đình theo tỉnh</h1>",
        '<p class="meta">Province reports on voluntary social insurance and household health '
        "insurance campaigns.</p>",
    ]
    if simulated:
        parts.append(
            '<p class="banner">Dữ liệu mô phỏng — simulated data: these reports do not describe '
            "real provinces.</p>"
        )
    parts.append(
        '<p class="meta">'
        f"Lần chạy / run: {_e(_when(run.get('finished_at') or run.get('started_at', '')))} · "
        f"Phiên bản dữ liệu / data version: <code>{_e(data_version)}</code> · "
        f"Cấp / level: {_e(run.get('level', ''))}</p>"
    )
    if run.get("set_aside"):
        parts.append(
            '<p class="banner">Tệp bị bỏ qua khi xử lý / set aside by `bhxh process --skip-bad` '
            f"(their data is missing from these reports): {_e(', '.join(run['set_aside']))}</p>"
        )
    # The run's counts are for whoever builds the reports, not for readers: kept out of sight.
    parts.append(f"<!-- {_e(summary).replace('--', '- -')} -->")
    parts.append(_grouping_note(groups))
    parts.append(_national_links(out_dir))
    # A batch of district or commune reports lists places below the province.
    below = any(r.get("place") for slugs in groups.values() for rs in slugs.values() for r in rs)
    where = "Địa bàn / Place" if below else "Tỉnh / Province"
    for group in sorted(groups, key=_sort_key):
        parts.append(f"<h2>{_e(group)}</h2>")
        parts.append(
            f"<table><thead><tr><th>{where}</th><th>Trạng thái / Status</th>"
            "<th>Số liệu chính / Key figures</th><th>Báo cáo / Reports</th></tr></thead><tbody>"
        )
        slugs = groups[group]
        for slug in sorted(slugs, key=lambda s: _sort_key(slugs[s][0]["province"])):
            parts.append(_row(slugs[slug], out_dir))
        parts.append("</tbody></table>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _row(records: list[dict[str, Any]], out_dir: Path) -> str:
    records = sorted(records, key=lambda r: (r["lang"] != "vi", r["lang"]))
    failed = [r for r in records if r.get("status") != "built"]
    status = "failed" if failed else "built"
    label = {"built": "đã tạo / built", "failed": "lỗi / failed"}[status]
    cells = [f'<span class="status {status}">{label}</span>']
    for record in failed:
        error = record.get("error") or {}
        cell = error.get("cell")
        where = f"ô / cell {cell}" if cell is not None else error.get("kind", "error")
        source = f" <code>{_e(error['source'])}</code>" if error.get("source") else ""
        cells.append(
            f'<div class="error">[{_e(record["lang"])}] {_e(where)}{source}: '
            f"{_e(error.get('message', ''))}</div>"
        )
    figures = next((r.get("key_figures") for r in records if r.get("key_figures")), None) or {}
    items = "".join(
        f"<li>{_e(label)}: <b>{_e(value)}</b></li>" for label, value in figure_lines(figures)
    )
    links = []
    for record in records:
        html = safe_output_path(out_dir, record["slug"], record["lang"], "html")
        name = LANG_NAMES.get(record["lang"], record["lang"])
        if html.is_file():
            href = html.relative_to(Path(out_dir).resolve()).as_posix()
            links.append(f'<a href="{_e(quote(href))}">{_e(name)}</a>')
        else:
            links.append(f'<span class="status missing">{_e(name)}: —</span>')
    place, where = records[0]["province"], "Tỉnh / Province"
    if records[0].get("place"):
        place, where = f"{records[0]['place']} ({place})", "Địa bàn / Place"
    return (
        f'<tr><td data-label="{where}">{_e(place)}</td>'
        f'<td data-label="Trạng thái / Status">{"".join(cells)}</td>'
        f'<td data-label="Số liệu chính / Key figures"><ul class="figures">{items}</ul></td>'
        f'<td data-label="Báo cáo / Reports">{" · ".join(links)}</td></tr>'
    )


def _grouping_note(groups: dict[str, dict[str, list[dict[str, Any]]]]) -> str:
    """Why a former province sits under another name: the 2025 merger, with an example."""
    example = next(
        ((group, records[0]["province"]) for group, slugs in sorted(groups.items())
         for records in slugs.values()
         if group != OTHER_GROUP and records[0]["province"] not in ("", group)),
        None,
    )
    text = (
        "Các báo cáo được xếp theo 34 tỉnh, thành phố sau sáp nhập ngày 1/7/2025 (Nghị quyết "
        "202/2025/QH15); số liệu cũ vẫn theo 63 tỉnh trước sáp nhập."
    )
    english = (
        "Reports are grouped by the 34 provinces formed on 1 July 2025 (Resolution "
        "202/2025/QH15); older figures still belong to the 63 former provinces."
    )
    if example:
        group, member = (_e(x) for x in example)
        text += f" Ví dụ: {member} nay thuộc {group}, nên báo cáo {member} nằm dưới {group}."
        english += f" For example, {member} is now part of {group}, so it is listed under {group}."
    return f'<p class="meta">{text}<br>{english}</p>'


def _national_links(out_dir: Path) -> str:
    links = []
    for lang, name in LANG_NAMES.items():
        path = Path(out_dir) / f"national_summary.{lang}.html"
        if path.is_file():
            links.append(f'<a href="{_e(quote(path.name))}">{_e(name)}</a>')
    if not links:
        return ""
    return f"<p>Tổng hợp toàn quốc / National summary: {' · '.join(links)}</p>"


def figure_lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, formatted value) for each headline number of ``key_figures``.

    Known keys get bilingual labels and Vietnamese number formats; dates qualify the number
    they belong to; flags and names (``province``, ``has_panel``...) are not figures and are
    left out, as is any non-numeric value.
    """
    from helpers.text import format_number, format_percent

    lines = []
    for key, value in figures.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            continue
        label = FIGURE_LABELS.get(key, str(key).replace("_", " "))
        when = figures.get(_DATED.get(key, ""))
        if isinstance(when, str) and when:
            label += f" ({_day(when)})"
        if "_pct" in key:
            text = format_percent(value, "vi", decimals=None)
        else:
            text = format_number(value, "vi", decimals=0 if float(value).is_integer() else 1)
        lines.append((label, text))
    return lines


def _day(when: str) -> str:
    """An ISO date as Vietnamese readers write it (31/12/2023); anything else unchanged."""
    from datetime import date

    from helpers.text import format_date

    try:
        return format_date(date.fromisoformat(when), "vi")
    except ValueError:
        return when


def _when(stamp: str) -> str:
    """``2026-11-23T15:28:23+00:00`` as ``23/11/2026 15:28 UTC``."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{moment:%d/%m/%Y %H:%M} UTC"


def _sort_key(name: str) -> str:
    from helpers.text import fold

    return "~" if name == OTHER_GROUP else fold(name)


def _e(value: Any) -> str:
    return escape(str(value), quote=True)
