# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["notebook-only"]
# # Tổng hợp toàn quốc: các tỉnh đặt cạnh nhau
#
# Sổ tay này trả lời: tỉnh nào có số liệu, mỗi tỉnh có bao nhiêu người tham gia BHXH tự nguyện,
# tăng nhanh đến đâu so với số đợt vận động đã tổ chức, và các đợt vận động đạt kế hoạch thường
# xuyên đến mức nào; theo 63 tỉnh cũ hoặc 34 tỉnh sau sáp nhập 2025. Số liệu chính của mỗi tỉnh
# được tính một lần khi tạo báo cáo tỉnh và đọc lại từ manifest. Mọi tính toán nằm trong
# `helpers.report.summary`.
#
# # National summary: provinces side by side
#
# What this notebook answers: which provinces have data, how many voluntary social insurance
# participants each reports, how fast they grow against how many campaigns they ran, and how
# often campaigns met their plan. At the legacy level (63 former provinces) or the 2025 level
# (34 merged provinces). All logic lives in `helpers.report.summary`.

# %% tags=["parameters"]
level: str = "legacy"  # "legacy" (63 former provinces) or "2025" (34 merged provinces)
lang: str = "vi"  # report language: "vi" (Vietnamese) or "en" (English)
data_dir: str = ""  # folder with facts.csv, campaigns.csv, panel.parquet; empty: data/processed
output_dir: str = ""  # folder the HTML report is written to; empty: reports/
demo: bool = False  # True: simulated-data banner even without a SIMULATED.json marker

# %%
from helpers import paths
from helpers.batch.manifest import stored_headlines
from helpers.report import summary
from helpers.report.params import coerce_flag, validate_choices
from helpers.report.view import national_header_html, one_line_errors, show, show_html

one_line_errors()
level, lang = validate_choices(level, lang)  # 2025 typed as a number means "2025"
demo = coerce_flag(demo, "demo")  # "no", 0 and False all mean no; "maybe" is refused
# Each province's headline numbers were computed once, with its report, and kept in the manifest.
stored = stored_headlines(output_dir or None, level, data_dir or paths.PROCESSED)
table = summary.league_table(data_dir or None, level=level, lang=lang, stored=stored)
show_html(national_header_html(lang, level=level, simulated=demo or bool(table["simulated"].any())))

# %%
league = show(summary.league_section(table, level=level, lang=lang))

# %%
intensity = show(summary.intensity_section(table, lang=lang))

# %%
attainment = show(summary.attainment_section(table, lang=lang))

# %% [markdown] tags=["notebook-only"]
# ## 4. Số liệu toàn quốc, nguồn và các số liệu toàn quốc không dùng / National figures, their
# sources, and the national figures not used
# Mỗi số liệu toàn quốc trong các bài báo được nêu một lần kèm số thứ tự bài báo; các bài báo
# được liệt kê một lần; phụ lục ghi lại mọi số liệu toàn quốc không được nêu (trùng lặp).
# Every national figure of the articles is shown once with its article's number; the articles
# are listed once; the appendix accounts for any national figure not shown (said twice).

# %%
national_figures, national_sources, national_not_used = (
    show(s) for s in summary.national_sections(data_dir or None, lang=lang)
)
