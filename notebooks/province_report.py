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
# # Báo cáo tỉnh: các đợt vận động tham gia BHXH tự nguyện
#
# Sổ tay này trả lời cho một tỉnh: bao nhiêu người tham gia BHXH tự nguyện, mỗi đợt vận động
# đạt bao nhiêu so với kế hoạch và so với năm trước, bao nhiêu người dừng đóng, huyện nào dẫn
# đầu, tỉnh có đạt mục tiêu không, và (khi có số liệu chính thức hằng tháng) các đợt vận động
# thu hút thêm bao nhiêu người. Mỗi con số dẫn về bài báo và câu trích ở mục Nguồn số liệu.
# Chạy với tham số mặc định trong JupyterLab, hoặc bằng `bhxh report --province TÊN`. Mọi tính
# toán nằm trong `helpers.report`; các ô chỉ gọi hàm và hiển thị kết quả. Các ô gắn thẻ
# `notebook-only` (như ô này) không có trong báo cáo HTML.
#
# # Province report: voluntary social insurance enrolment campaigns
#
# What this notebook answers for one province: how many people are enrolled in voluntary social
# insurance (BHXH tự nguyện), how each campaign did against its plan and against a year earlier,
# how many stopped paying, which districts lead, whether the province is on track for its target,
# and — where an official monthly panel exists — how many extra people the campaigns enrolled.
# Every figure is traced to its article and quote in the last section.
#
# Run it with the defaults in JupyterLab, or through `bhxh report --province NAME`. All logic
# lives in `helpers.report`; cells only call helpers and show the result. Cells tagged
# `notebook-only` (like this one) are left out of the HTML report.

# %% tags=["parameters"]
province: str = "Bắc Giang"  # province, any spelling, pre- or post-2025 ("bac giang", "Bắc Ninh")
level: str = "legacy"  # "legacy" (63 former provinces) or "2025" (34 merged provinces)
lang: str = "vi"  # report language: "vi" (Vietnamese) or "en" (English)
data_dir: str = ""  # folder with facts.csv, campaigns.csv, panel.parquet; empty: data/processed
as_of: str = ""  # report the situation at this date, "YYYY-MM-DD"; empty: latest data
output_dir: str = ""  # folder the HTML report is written to; empty: reports/
demo: bool = False  # True: simulated-data banner even without a SIMULATED.json marker
unit: str = "province"  # "province", "district" or "commune": what the report describes
district: str = ""  # the district (or commune) of a district (commune) report, any spelling

# %% [markdown] tags=["notebook-only"]
# Kiểm tra tham số (tham số sai dừng ở đây với một câu giải thích), nạp số liệu của tỉnh và hiện
# tiêu đề, kèm dải cảnh báo khi số liệu là mô phỏng.
#
# Check the parameters (a bad one stops here with one sentence), load this province's data and
# show the title, with a banner when the data are simulated.

# %%
from helpers.report import analysis, sections, sources
from helpers.report.comparison import comparison
from helpers.report.data import load_report_data
from helpers.report.params import coerce_flag, validate_parameters
from helpers.report.view import (
    header_html,
    one_line_errors,
    publish_key_figures,
    show,
    show_html,
)

one_line_errors()
demo = coerce_flag(demo, "demo")  # "no", 0 and False all mean no; "maybe" is refused
params = validate_parameters(province, level, lang, data_dir or None, as_of or None,
                             output_dir or None, unit=unit, district=district or None)
data = load_report_data(params)
nothing = data.is_empty  # a province without any data gets a one-sentence report
show_html(
    header_html(
        params, members=data.members, simulated=demo or data.simulated is not None, empty=nothing
    )
)

# %% [markdown] tags=["notebook-only"]
# ## 1. Số liệu chính / Key figures
# Số người tham gia mới nhất và mức tăng, đợt vận động gần nhất so với kế hoạch, số người giảm.
# Latest reported stock and its growth, the latest campaign against its plan, drop-outs.

# %%
key = show(sections.key_figures(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 2. Số người tham gia so với mục tiêu / Trajectory against targets
# Các mốc số liệu báo chí (và số hằng tháng khi có); mục tiêu có thời hạn là đường ngang nét đứt.
# Reported stocks (and monthly totals when a panel exists); dated targets as red markers.

# %%
trajectory = show(sections.trajectory(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 3. Các đợt vận động / Campaigns
# Dòng thời gian các chỉ thị, kế hoạch, tháng vận động, đợt cao điểm; kết quả từng đợt so với
# kế hoạch và cùng đợt năm trước.
# Timeline of directives, plans, campaign months and peak campaigns; each campaign's result
# against its plan and the same campaign a year earlier.

# %%
campaigns = show(sections.campaigns(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 4. Duy trì / Retention
# Số người giảm so với số người mới trong cùng kỳ, và mức tăng ròng.
# Drop-outs against new members over the same period, and the net change.

# %%
retention = show(sections.retention(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 5. Kênh vận động / Channels
# Hội nghị, lễ ra quân, số lượt người được tiếp cận và số người mới trên mỗi sự kiện.
# Conferences, launch days, people reached and new members per event.

# %%
channels = show(sections.channels(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 6. Huyện, xã / Districts and communes
# Xếp hạng các địa phương được bài báo nêu tên, với tỷ trọng trong tổng số của tỉnh.
# Ranking of the places named in the articles, with their share of the province total.

# %%
districts = show(sections.districts(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 7. Triển vọng / Outlook
# Ngoại suy xu hướng các mốc đã công bố đến thời hạn mục tiêu; khi có số liệu hằng tháng, xác
# suất đạt mục tiêu theo mô phỏng (helpers.forecast).
# Log-linear projection of the reported stocks to the target date (helpers.indicators), and with
# a monthly panel the simulated probability of reaching the target (helpers.forecast).

# %%
outlook = show(analysis.outlook(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 8. Số liệu hằng tháng: chuỗi thời gian ngắt quãng / Monthly panel: interrupted time series
# Chỉ khi có số liệu chính thức hằng tháng: số người mới so với kịch bản không có chiến dịch
# (xu hướng và mùa vụ trước đó), số người tăng thêm với khoảng 95% và các lưu ý của mô hình.
# Only with official monthly data: new members against the counterfactual of the pre-campaign
# trend and season (helpers.effects), extra enrolments with intervals and the model's caveats.

# %%
its = show(analysis.its(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## So sánh với các tỉnh khác / Compared with other provinces
# Khi bảng số liệu tháng có ít nhất 10 tỉnh: kiểm soát tổng hợp và DiD tổng hợp cho đợt vận động
# của tỉnh, nghiên cứu sự kiện trên mọi tỉnh có đợt vận động, đặt cạnh ITS trên thang log chung.
# With a monthly panel of at least 10 provinces: synthetic control and synthetic DiD for this
# province's campaign, and the event study over all campaign provinces, beside the ITS on the
# common log scale (helpers.report.comparison; computed once per batch). Left out otherwise.

# %%
compared = comparison(data, params.lang, its=its) if not nothing else None
if compared is not None:
    show(compared)

# %% [markdown] tags=["notebook-only"]
# ## 9. Các số liệu khác trong bài báo / Other figures in the articles
# Mọi số liệu của địa phương mà các mục trên không dùng (kế hoạch, BHYT hộ gia đình, số gộp,
# số không rõ ngày), mỗi số một câu, xếp theo loại hình bảo hiểm.
# Every figure of the place the sections above do not show (plans, household health insurance,
# mixed counts, figures without a date), one sentence each, grouped by scheme.

# %%
analysed = (key, trajectory, campaigns, retention, channels, districts, outlook, its)
other = show(sources.other_figures(data, analysis.used_facts(analysed), params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 10. Nguồn: các bài báo / Sources
# Mỗi bài báo một lần, đánh số như các mục trên trích dẫn; mỗi câu trích một lần, các số liệu
# được tô đậm.
# Each article once, numbered as the sections cite it; each quote once, its figures highlighted.

# %%
used = analysis.used_facts((*analysed, other))
evidence = show(analysis.evidence(data, used, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## Phụ lục: số liệu không dùng và lý do / Appendix: figures not used, and why
# Sổ cái của báo cáo: mỗi số liệu của địa phương hoặc được dùng ở trên, hoặc được liệt kê ở đây.
# The report's ledger: every fact of the place is either used above or listed here.

# %%
not_used = show(sources.not_used(data, used, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 11. Phương pháp và giới hạn / Methods and limitations
# Mức độ bằng chứng, điều số liệu báo chí cho thấy và không cho thấy, thiết kế ITS và giả định,
# cách đọc các con số, kiểm tra mô hình, và độ chính xác đo được của bộ đọc số liệu.
# Evidence tiers, what press figures can and cannot show, the ITS design and its assumptions,
# how to read the numbers, the model checks and the measured accuracy of the extractor.

# %%
from helpers.report.methods import methods

appendix = show(methods(data, its, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# Số liệu chính cho trang mục lục của `bhxh reports` (không hiện trong báo cáo).
# The headline numbers for the index page of `bhxh reports` (not shown in the report).

# %% tags=["notebook-only"]
publish_key_figures(analysis.headline(data, key))
