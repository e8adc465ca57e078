"""Researcher corrections to extracted facts, kept in data/raw/corrections.csv so that a
misreading is fixed without editing the raw article or the rules; every use is logged.

Columns: ``article_id, fact_id, quote, action, values, reason``.

- ``action`` is ``drop``, ``replace`` or ``add``.
- ``drop``/``replace`` select facts of ``article_id`` by ``fact_id``, or by ``quote``: facts
  whose sentence contains the quote and, when the quote holds numbers, whose value is one of
  them (so "1.374 người" picks that figure, not its neighbours). Quotes survive a rerun that
  renumbers facts; ids are shorter.
- ``values`` is ``field=value;field=value`` (e.g. ``indicator=participants;is_target=false``);
  for ``add`` it gives the new fact, whose ``quote`` is the row's quote.
- A row that matches nothing is reported in the log, never silently ignored.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from helpers.contract import GEOGRAPHIES, INDICATORS, QUALIFIERS, SCHEMES
from helpers.errors import DataError, InvalidValueError, MissingColumnError
from helpers.extract import places
from helpers.text import decode_bytes, find_numbers, nfc

COLUMNS = ["article_id", "fact_id", "quote", "action", "values", "reason"]
ACTIONS = ("drop", "replace", "add")
EDITABLE = ("province", "district", "commune", "scheme", "indicator", "is_target", "value",
            "qualifier", "period_start", "period_end", "quote", "flags", "geography")
_ALLOWED = {"scheme": SCHEMES, "indicator": INDICATORS, "qualifier": QUALIFIERS,
            "geography": GEOGRAPHIES}


def read_corrections(path: str | Path) -> list[dict]:
    """Read and check a corrections CSV; each row keeps its spreadsheet row number as "row".

    Raises
    ------
    DataError
        Missing columns, an unknown action, or a malformed ``values`` cell, naming the row.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("the corrections file does not exist.", file=path,
                        hint=f"Create it with the header {','.join(COLUMNS)}, or leave it out.")
    text, _ = decode_bytes(path.read_bytes(), file=path.name)
    reader = csv.DictReader(io.StringIO(nfc(text)))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise MissingColumnError(f"missing column(s) {', '.join(missing)}.", file=path.name,
                                 hint=f"The header must be: {','.join(COLUMNS)}.")
    rows = []
    for number, raw in enumerate(reader, start=2):
        row = {k: (raw.get(k) or "").strip() for k in COLUMNS}
        if not any(row.values()):
            continue
        if row["action"] not in ACTIONS:
            raise InvalidValueError(f"unknown action {row['action']!r}.", file=path.name,
                                    row=number, column="action",
                                    hint=f"Use one of: {', '.join(ACTIONS)}.")
        if not row["article_id"]:
            raise InvalidValueError("article_id is empty.", file=path.name, row=number,
                                    column="article_id")
        if row["action"] != "add" and not (row["fact_id"] or row["quote"]):
            raise InvalidValueError("a drop or replace needs a fact_id or a quote.",
                                    file=path.name, row=number, column="fact_id")
        row["fields"] = _parse_values(row["values"], path.name, number)
        row["row"] = number
        rows.append(row)
    return rows


def apply_corrections(
    facts: list[dict], corrections: list[dict], *, file: str = "corrections.csv"
) -> tuple[list[dict], list[tuple[str, str, str]]]:
    """Apply corrections in file order.

    Returns
    -------
    (facts, notes)
        The corrected fact rows (corrected ones flagged ``corrected``) and log notes
        ``(article_id, level, message)``: one per correction, a warning when nothing matched.
    """
    facts = [dict(f) for f in facts]
    notes: list[tuple[str, str, str]] = []
    for c in corrections:
        where = f"{file} row {c['row']}"
        if c["action"] == "add":
            facts.append(_new_fact(c, facts))
            notes.append((c["article_id"], "info", f"{where}: added {facts[-1]['fact_id']}"))
            continue
        hits = [f for f in facts if _selects(c, f)]
        if not hits:
            notes.append((c["article_id"], "warning", f"{where}: {c['action']} matched no fact"))
            continue
        ids = ", ".join(f["fact_id"] for f in hits)
        if c["action"] == "drop":
            facts = [f for f in facts if not any(f is h for h in hits)]
        else:
            for fact in hits:
                _set(fact, c["fields"])
        notes.append((c["article_id"], "info", f"{where}: {c['action']} {ids} ({c['reason']})"))
    return facts, notes


def _selects(c: dict, fact: dict) -> bool:
    if fact["article_id"] != c["article_id"]:
        return False
    if c["fact_id"]:
        return fact["fact_id"] == c["fact_id"]
    if c["quote"] not in fact["quote"]:
        return False
    numbers = {round(n.value, 6) for _, _, n in find_numbers(c["quote"])}
    return not numbers or round(fact["value"], 6) in numbers


def _new_fact(c: dict, facts: list[dict]) -> dict:
    added = sum(1 for f in facts if f["article_id"] == c["article_id"]
                and f["fact_id"].startswith(f"{c['article_id']}-a"))
    fact = {"fact_id": f"{c['article_id']}-a{added + 1:02d}", "article_id": c["article_id"],
            "province": "", "province_2025": "", "district": "", "commune": "",
            "scheme": "mixed", "indicator": "participants", "is_target": False, "value": 0.0,
            "qualifier": "exact", "period_start": None, "period_end": None,
            "quote": c["quote"], "flags": "", "geography": "legacy"}
    _set(fact, c["fields"])
    return fact


def _set(fact: dict, fields: dict) -> None:
    fact.update(fields)
    if "province" in fields:
        fact["province_2025"] = places.province_2025(fields["province"])
    flags = [f for f in fact["flags"].split(";") if f] + ["corrected"]
    fact["flags"] = ";".join(dict.fromkeys(flags))


def _parse_values(cell: str, file: str, row: int) -> dict:
    fields: dict = {}
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        name, sep, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or name not in EDITABLE:
            raise InvalidValueError(f"cannot read {part!r}.", file=file, row=row, column="values",
                                    hint=f"Write field=value;field=value with fields from: "
                                    f"{', '.join(EDITABLE)}.")
        fields[name] = _typed(name, value, file, row)
    return fields


def _typed(name: str, value: str, file: str, row: int) -> object:
    try:
        if name in _ALLOWED and value not in _ALLOWED[name]:
            raise ValueError(f"allowed: {', '.join(_ALLOWED[name])}")
        if name == "is_target":
            if value.lower() not in ("true", "false"):
                raise ValueError("use true or false")
            return value.lower() == "true"
        if name == "value":
            return float(value)
        if name in ("period_start", "period_end"):
            return date.fromisoformat(value) if value else None
        if name == "province" and value:
            return places.canonical_province(value)
        return value
    except (ValueError, DataError) as exc:
        raise InvalidValueError(f"bad {name} {value!r} ({exc}).", file=file, row=row,
                                column="values") from None
