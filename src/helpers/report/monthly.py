"""Section parts computed from the monthly panel alone: the headline numbers and the yearly
retention table, used when a province has official (or simulated) monthly data.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import narrative
from helpers.report.data import ReportData, province_series
from helpers.report.tables import SCHEME, Section, _title


def monthly_headline(data: ReportData, lang: str) -> tuple[str, dict]:
    """Key figures from the monthly panel: latest stock, 12-month change, flows."""
    stock = province_series(data.panel, "participants", scheme=SCHEME).dropna()
    new = province_series(data.panel, "new_participants", scheme=SCHEME).dropna()
    dropouts = province_series(data.panel, "dropouts", scheme=SCHEME).dropna()
    last = stock.index[-1]
    year_ago = stock.get(last - 12)
    numbers: dict[str, Any] = {
        "month": str(last),
        "participants": float(stock.iloc[-1]),
        "participants_year_ago": None if year_ago is None else float(year_ago),
        "new_12": float(new[new.index > last - 12].sum()),
        "dropouts_12": float(dropouts[dropouts.index > last - 12].sum()),
    }
    text = narrative.key_figures_monthly(
        data.place,
        month=last.to_timestamp().date(),
        stock=numbers["participants"],
        stock_year_ago=numbers["participants_year_ago"],
        new_12=numbers["new_12"],
        dropouts_12=numbers["dropouts_12"],
        simulated=data.simulated is not None,
        members=data.members,
        lang=lang,
    )
    return text, numbers


def monthly_retention(data: ReportData, lang: str) -> Section:
    """Section 4 from the monthly panel: new members, drop-outs and net change per year."""
    new = province_series(data.panel, "new_participants", scheme=SCHEME)
    dropouts = province_series(data.panel, "dropouts", scheme=SCHEME)
    yearly = pd.DataFrame({"new": new, "dropouts": dropouts}).groupby(lambda p: p.year).sum()
    yearly["net"] = yearly["new"] - yearly["dropouts"]
    rows = [
        {"year": int(y), "new": float(r.new), "dropouts": float(r.dropouts)}
        for y, r in yearly.iterrows()
    ]
    text = narrative.retention_monthly(rows, simulated=data.simulated is not None, lang=lang)
    labels = (
        ["Năm", "Tham gia mới", "Giảm", "Tăng ròng", "Giảm / mới"]
        if lang == "vi"
        else ["Year", "New members", "Drop-outs", "Net change", "Drop-outs / new"]
    )
    table = pd.DataFrame(
        {
            labels[0]: [str(r["year"]) for r in rows],
            labels[1]: [narrative.number(r["new"], lang) for r in rows],
            labels[2]: [narrative.number(r["dropouts"], lang) for r in rows],
            labels[3]: [narrative.number(r["new"] - r["dropouts"], lang) for r in rows],
            labels[4]: [
                narrative.percent(100 * r["dropouts"] / r["new"], lang, 1) if r["new"] else ""
                for r in rows
            ],
        }
    )
    return Section("retention", _title("retention", lang), text, table=table, data={"yearly": rows})
