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
# Check the parameters (a bad one stops here with one sentence), load this province's data and
# show the title, with a banner when the data are simulated.

# %%
from helpers.report import analysis, sections, sources
from helpers.report.comparison import comparison
from helpers.report.data import load_report_data
from helpers.report.params import coerce_flag, validate_parameters
from helpers.report.view import header_html, one_line_errors, show, show_html, show_text

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
# ## 1. Key figures
# Latest reported stock and its growth, the latest campaign against its plan, drop-outs.

# %%
key = show(sections.key_figures(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 2. Trajectory against targets
# Reported stocks (and monthly totals when a panel exists); dated targets as red markers.

# %%
trajectory = show(sections.trajectory(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 3. Campaigns
# Timeline of directives, plans, campaign months and peak campaigns; each campaign's result
# against its plan and the same campaign a year earlier.

# %%
campaigns = show(sections.campaigns(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 4. Retention
# Drop-outs against new members over the same period, and the net change.

# %%
retention = show(sections.retention(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 5. Channels
# Conferences, launch days, people reached and new members per event.

# %%
channels = show(sections.channels(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 6. Districts and communes
# Ranking of the places named in the articles, with their share of the province total.

# %%
districts = show(sections.districts(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 7. Outlook
# Log-linear projection of the reported stocks to the target date (helpers.indicators), and with
# a monthly panel the simulated probability of reaching the target (helpers.forecast).

# %%
outlook = show(analysis.outlook(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 8. Monthly panel: interrupted time series
# Only with official monthly data: new members against the counterfactual of the pre-campaign
# trend and season (helpers.effects), extra enrolments with intervals and the model's caveats.

# %%
its = show(analysis.its(data, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## Compared with other provinces
# With a monthly panel of at least 10 provinces: synthetic control and synthetic DiD for this
# province's campaign, and the event study over all campaign provinces, beside the ITS on the
# common log scale (helpers.report.comparison; computed once per batch). Left out otherwise.

# %%
compared = comparison(data, params.lang, its=its) if not nothing else None
if compared is not None:
    show(compared)

# %% [markdown] tags=["notebook-only"]
# ## 9. Other figures in the articles
# Every figure of the place the sections above do not show (plans, household health insurance,
# mixed counts, figures without a date), one sentence each, grouped by scheme.

# %%
analysed = (key, trajectory, campaigns, retention, channels, districts, outlook, its)
other = show(sources.other_figures(data, analysis.used_facts(analysed), params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## 10. Sources
# Each article once, numbered as the sections cite it; each quote once, its figures highlighted.

# %%
used = analysis.used_facts((*analysed, other))
evidence = show(analysis.evidence(data, used, params.lang), skip=nothing)

# %% [markdown] tags=["notebook-only"]
# ## Appendix: figures not used, and why
# The report's ledger: every fact of the place is either used above or listed here.

# %%
not_used = show(sources.not_used(data, used, params.lang), skip=nothing)

# %%
if not nothing:
    show_text(analysis.evidence_note(data, params.lang))
