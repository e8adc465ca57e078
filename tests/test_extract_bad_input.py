"""Bad input the extractor must name rather than misread (issue 9): duplicate article ids,
sidecars with unknown keys, mojibake, tables with merged cells or no header, mixed number
styles, an article naming many provinces, a page about something else, and a 2025 commune
name that is also a legacy commune of another former province."""

from __future__ import annotations

import json

from helpers.cli import main
from helpers.extract import extract_articles
from helpers.extract.html_tables import table_lines

ENROLMENT = ("Đến hết năm 2024, toàn tỉnh Nghệ An có 52.310 người tham gia BHXH tự nguyện, "
             "tăng 6.120 người so với năm 2023.")


def _write(folder, name, text, meta=None):
    (folder / name).write_text(text, encoding="utf-8")
    if meta is not None:
        stem = name.rsplit(".", 1)[0]
        (folder / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False),
                                                 encoding="utf-8")


def _messages(result, file):
    return " ".join(result.log[result.log["file"] == file]["message"])


def test_two_sidecars_with_one_article_id_name_both_files_and_the_rest_is_read(tmp_path):
    _write(tmp_path, "a.txt", "Nghệ An\n" + ENROLMENT, {"article_id": "same"})
    _write(tmp_path, "b.txt", "Thanh Hóa\n" + ENROLMENT, {"article_id": "same"})
    _write(tmp_path, "c.txt", "Hà Tĩnh\n" + ENROLMENT.replace("Nghệ An", "Hà Tĩnh"))
    result = extract_articles(tmp_path)
    message = _messages(result, "b.txt")
    assert "a.txt" in message and "'same'" in message and "skipped" in message
    assert set(result.facts["article_id"]) == {"same", "c"}
    assert result.facts["fact_id"].is_unique


def test_a_sidecar_with_an_unknown_key_is_an_error_naming_the_file(tmp_path):
    _write(tmp_path, "a.txt", ENROLMENT, {"article_id": "a", "publication": "2024-01-01"})
    _write(tmp_path, "b.txt", ENROLMENT, {"article_id": "b", "geography": None})
    result = extract_articles(tmp_path)
    message = _messages(result, "a.txt")
    assert "a.meta.json" in message and "'publication'" in message
    assert list(result.facts["article_id"].unique()) == ["b"]  # missing keys are null


def test_the_map_comes_from_the_sidecar_or_the_publication_date(tmp_path):
    _write(tmp_path, "old.txt", ENROLMENT, {"publication_date": "2025-01-10"})
    _write(tmp_path, "new.txt", ENROLMENT.replace("Nghệ An", "Bắc Giang"),
           {"publication_date": "2025-08-10"})
    facts = extract_articles(tmp_path).facts.set_index("article_id")
    assert set(facts.loc["old", "geography"]) == {"legacy"}
    new = facts.loc["new"]
    assert set(new["geography"]) == {"2025"}
    # Bắc Giang merged into Bắc Ninh: the 2025 province always, the former one as named.
    assert set(new["province_2025"]) == {"Bắc Ninh"} and set(new["district"]) == {""}


def test_mojibake_is_named_in_the_log_and_repaired_when_the_bytes_allow(tmp_path):
    text = "Nghệ An: BHXH tự nguyện\n" + ENROLMENT
    (tmp_path / "m.txt").write_text(text.encode("utf-8").decode("latin-1"), encoding="utf-8")
    # Windows-1252 has no character for some bytes: those are lost, the text cannot be mended.
    (tmp_path / "x.txt").write_text(text.encode("utf-8").decode("cp1252", errors="replace"),
                                    encoding="utf-8")
    result = extract_articles(tmp_path)
    assert "mojibake" in _messages(result, "m.txt") and "repaired" in _messages(result, "m.txt")
    assert 52310 in set(result.facts[result.facts["article_id"] == "m"]["value"])
    assert "could not be repaired" in _messages(result, "x.txt")


def test_a_table_with_merged_cells_is_spread_and_said(tmp_path):
    html = ("<table><tr><th>Địa phương</th><th>Số người tham gia BHXH tự nguyện</th></tr>"
            "<tr><td rowspan='2'>Huyện Nam Đàn</td><td>1.200</td></tr><tr><td>1.300</td></tr>"
            "</table>")
    lines, merged = table_lines(html)
    assert lines == ["Địa phương | Số người tham gia BHXH tự nguyện",
                     "Huyện Nam Đàn | 1.200", "Huyện Nam Đàn | 1.300"]
    assert merged == 1
    _write(tmp_path, "t.html", f"<h1>Nghệ An: kết quả</h1><p>{ENROLMENT}</p>{html}")
    assert "span several rows" in _messages(extract_articles(tmp_path), "t.html")


def test_a_table_without_a_header_is_not_read_and_is_said(tmp_path):
    _write(tmp_path, "t.txt", "Nghệ An: kết quả BHXH tự nguyện\n" + ENROLMENT
           + "\nNam Đàn | 1.200 | 98,5\nYên Thành | 1.100 | 97,1\n")
    result = extract_articles(tmp_path)
    assert "no header" in _messages(result, "t.txt")
    assert not {1200.0, 1100.0} & set(result.facts["value"])


def test_both_number_styles_in_one_text_flag_the_facts(tmp_path):
    _write(tmp_path, "n.txt", "Nghệ An: số liệu\n" + ENROLMENT
           + " Tổng thu đạt 1.234,5 tỷ đồng; báo cáo tiếng Anh ghi 1,234.5 tỷ đồng.")
    result = extract_articles(tmp_path)
    assert "both number styles" in _messages(result, "n.txt")
    assert all("mixed_number_separators" in f for f in result.facts["flags"])


def test_an_article_naming_sixty_provinces_says_so(tmp_path):
    from helpers.geo import provinces

    names = ", ".join(p.name for p in provinces()[:60])
    _write(tmp_path, "p.txt", "Cả nước: BHXH tự nguyện\nCả nước có 2,1 triệu người tham gia "
           f"BHXH tự nguyện. Các địa phương {names} đều tăng.")
    result = extract_articles(tmp_path)
    assert "names 60 provinces" in _messages(result, "p.txt")
    fact = result.facts.iloc[0]
    assert fact["province"] == "" and "many_provinces" in fact["flags"]


def test_a_page_about_rice_prices_gives_no_growth_fact(tmp_path):
    _write(tmp_path, "gao.txt", "An Giang: giá lúa tăng\nGiá lúa tại An Giang tăng 5,2% so "
           "với cùng kỳ, sản lượng đạt 4,1 triệu tấn.", {"province": "An Giang"})
    result = extract_articles(tmp_path)
    assert result.facts.empty
    assert "names no insurance scheme" in _messages(result, "gao.txt")


def test_a_2025_ward_named_like_a_legacy_commune_elsewhere_is_flagged(tmp_path):
    _write(tmp_path, "w.txt", "Hải Phòng: phường Hòa Bình\nĐến hết tháng 9/2025, phường Hòa "
           "Bình có 1.250 người tham gia BHXH tự nguyện.",
           {"province": "Hải Phòng", "geography": "2025"})
    fact = extract_articles(tmp_path).facts.iloc[0]
    assert (fact["province_2025"], fact["commune"], fact["district"]) == (
        "Hải Phòng", "Hòa Bình", "")
    assert "commune_in_both_maps" in fact["flags"]


def test_explain_prints_each_number_and_what_became_of_it(tmp_path, capsys):
    _write(tmp_path, "e.txt", "Nghệ An: BHXH tự nguyện\n" + ENROLMENT
           + " Tổng thu đạt 120 tỷ đồng.", {"publication_date": "2025-01-10"})
    assert main(["extract", "--explain", str(tmp_path / "e.txt")]) == 0
    out = capsys.readouterr().out
    assert "52.310 -> e-001 participants voluntary_si 52310" in out
    assert "6.120 -> e-002 net_change" in out
    assert "120 tỷ x not recorded: money" in out
    assert "2024" in out and "not figures" in out
    assert not (tmp_path / "facts.csv").exists()


def test_a_national_article_gives_its_campaign_month_to_no_province(tmp_path):
    _write(tmp_path, "n.txt", "Tháng vận động triển khai BHXH toàn dân năm 2022\nTrong tháng "
           "5/2022, cả nước có 105.300 người tham gia BHXH tự nguyện. Tại Phú Thọ, lễ ra quân "
           "ngày 8/5/2022 thu hút 2.000 người.", {"publication_date": "2022-06-10"})
    campaigns = extract_articles(tmp_path).campaigns.set_index("kind")
    assert campaigns.loc["campaign_month", "province"] == ""
    assert campaigns.loc["launch_event", "province"] == "Phú Thọ"


def test_a_markdown_table_under_its_rule_line_is_read(tmp_path):
    _write(tmp_path, "md.md", "Nghệ An: BHXH tự nguyện theo huyện\n\nSố người tham gia BHXH tự "
           "nguyện năm 2024:\n\n| Địa phương | Số người tham gia | Tỷ lệ đạt kế hoạch |\n"
           "|---|---:|---:|\n| Huyện Nam Đàn | 5.977 | 102,5% |\n| Yên Thành | 6.100 | 98,1% |\n")
    facts = extract_articles(tmp_path).facts
    assert list(zip(facts["district"], facts["indicator"], facts["value"], strict=True)) == [
        ("Nam Đàn", "participants", 5977), ("Nam Đàn", "attainment_pct", 102.5),
        ("Yên Thành", "participants", 6100), ("Yên Thành", "attainment_pct", 98.1)]
    assert set(facts["period_end"].dt.year) == {2024}
