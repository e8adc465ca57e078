# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A guided tour of the data for a researcher
#
# What this notebook shows: how to load the processed tables, filter the press figures of one
# province, plot them, and fit one interrupted-time-series model with its counterfactual.
# Everything below calls `helpers`; copy a cell into your own notebook to start an analysis.
# It runs top to bottom with its defaults; without a monthly panel it fits the model on a
# simulated series (and says so).

# %% tags=["parameters"]
data_dir: str = ""  # folder with facts.csv, campaigns.csv, panel.parquet; empty: data/processed
province: str = "Bắc Giang"  # province to explore, any spelling
seed: int = 0  # seed of the simulated series used when there is no monthly panel

# %% [markdown]
# ## 1. Load
# `load_tables` reads and validates facts.csv, campaigns.csv and panel.parquet once; a missing
# file gives an empty table, a malformed one a clear error naming file, row and column.

# %%
from helpers import paths
from helpers.report.data import load_tables
from helpers.report.params import validate_parameters

folder = data_dir or paths.PROCESSED
params = validate_parameters(province, data_dir=folder)
tables = load_tables(params.data_dir)
print(f"{len(tables.facts)} facts, {len(tables.campaigns)} campaigns, "
      f"{0 if tables.panel is None else len(tables.panel)} panel rows in {params.data_dir}")
tables.facts.groupby(["province", "indicator"]).size().unstack(fill_value=0)

# %% [markdown]
# ## 2. Filter
# `helpers.indicators.select` cuts the facts table by province, scheme and indicator;
# `stock_series` keeps one participants figure per date (the most exact) with its fact_id.

# %%
from helpers.indicators import select, stock_series

stocks = stock_series(tables.facts, province=params.province)
flows = select(tables.facts, province=params.province, indicator="new_participants")
stocks

# %% [markdown]
# ## 3. Plot
# Reported stocks over time (press figures: sparse snapshots, descriptive only).

# %%
import matplotlib.pyplot as plt
import seaborn as sns

fig, ax = plt.subplots(figsize=(6, 3.5))
if len(stocks):
    sns.lineplot(x=stocks.index, y=stocks["value"], marker="o", ax=ax)
ax.set(title=f"{params.province}: reported participants", xlabel="", ylabel="participants")
plt.show()

# %% [markdown]
# ## 4. Fit one model
# An interrupted time series of monthly new members around one campaign window
# (`helpers.effects.interrupted_time_series`). With no monthly panel for the province, a
# simulated series with a known effect (rate ratio 1.6) stands in, so the output can be
# checked against the truth.

# %%
from helpers.effects import Intervention, interrupted_time_series
from helpers.report.data import province_series
from helpers.report.plots import counterfactual
from helpers.simulate import simulate_series

window = Intervention("campaign", "2023-04", "2023-05")
panel = tables.panel
if panel is not None and (panel["province"] == params.province).any():
    series = province_series(panel[panel["province"] == params.province], "new_participants")
    print("Monthly panel of", params.province)
else:
    series, truth = simulate_series(interventions=[window], rate_ratios={"campaign": 1.6},
                                    seed=seed)
    print(f"No monthly panel: simulated series, true rate ratio {truth.rate_ratios['campaign']}")
result = interrupted_time_series(series, [window])
print(result.describe("en"))
counterfactual(result.counterfactual, [(window.start.start_time, window.end.end_time)], lang="en")
plt.show()
