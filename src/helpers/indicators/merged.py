"""Stocks of a post-2025 province from its former provinces' reported stocks.

Stocks are added only on dates every former province reports; the others stay side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pandas as pd

from helpers.errors import ParameterError
from helpers.geo import resolve_province_2025
from helpers.indicators.facts import stock_series
from helpers.indicators.results import PressIndicator, reason_of
from helpers.narrative.vocabulary import Note


@dataclass(kw_only=True)
class StockAggregate(PressIndicator):
    """Stocks of a 2025 province: summed where all former provinces share a date.

    Attributes
    ----------
    members
        The former provinces that make up the 2025 province.
    summed
        Totals (as_of index; value, fact_ids) for dates every member reports.
    side_by_side
        All member stocks, one column per former province, for dates not shared by all.
    """

    kind: ClassVar[str] = "stock_aggregate"
    province_2025: str = ""
    members: tuple[str, ...] = ()
    summed: pd.DataFrame = field(default_factory=pd.DataFrame)
    side_by_side: pd.DataFrame = field(default_factory=pd.DataFrame)


def aggregate_2025(
    facts: pd.DataFrame,
    province_2025: str,
    *,
    scheme: str = "voluntary_si",
    members: Sequence[str] | None = None,
) -> StockAggregate:
    """Add the stocks of the former provinces of a 2025 province, only on shared dates.

    Stocks reported at different dates are never added: they are listed side by side and the
    result says so. Refused when no member reports a dated stock.

    Parameters
    ----------
    facts
        The facts table.
    province_2025
        Name of the post-July-2025 province ("Bắc Ninh").
    scheme
        Scheme code.
    members
        Former provinces; by default from the 2025 crosswalk (helpers.geo).

    Raises
    ------
    UnknownPlaceError
        When the name is no province (an old name gives the 2025 province containing it).
    """
    unit = resolve_province_2025(province_2025)
    province_2025 = unit.name
    names = list(members) if members is not None else list(unit.members)
    if not names:
        raise ParameterError(f"no former provinces given for '{province_2025}'.")
    per_member = {m: stock_series(facts, province=m, scheme=scheme) for m in names}
    side = pd.DataFrame({m: s["value"] for m, s in per_member.items()})
    ids = tuple(fid for s in per_member.values() for fid in s["fact_id"])
    base: dict[str, Any] = dict(province_2025=province_2025, members=tuple(names), fact_ids=ids)
    if side.empty:
        return StockAggregate(
            status="refuse",
            **reason_of(Note.of("NO_MEMBER_STOCK", names=", ".join(names))),
            **base,
        )
    complete = side.dropna()
    summed = pd.DataFrame(
        {
            "value": complete.sum(axis=1),
            "fact_ids": [
                ";".join(per_member[m].loc[d, "fact_id"] for m in names) for d in complete.index
            ],
        }
    )
    warnings: list[str] = []
    if len(complete) < len(side):
        apart = len(side) - len(complete)
        warnings.append(Note.of("MERGED_DATES_APART", n_dates=apart))
    silent = ", ".join(m for m, s in per_member.items() if s.empty)
    if silent:
        warnings.append(Note.of("MERGED_MEMBER_SILENT", names=silent))
    return StockAggregate(
        summed=summed,
        side_by_side=side[side.isna().any(axis=1)],
        warnings=warnings,
        **base,
    )
