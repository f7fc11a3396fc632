"""Loading form variants from TOML (the format is documented in docs/form-variants.md)."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path
from typing import Any

import attrs

from gik_rules.forms.indicators import IndicatorError, indicators_from_list
from gik_rules.forms.variant import (
    BlankPolicy,
    BlockSpec,
    ColumnSpec,
    FormVariant,
    Identity,
    RowSpec,
    SectionSpec,
    TableSpec,
    ValueKind,
)

_PLACEHOLDER = re.compile(r"\{(\w+)(:label)?\}")


class FormDataError(ValueError):
    """A form-variant file that is not valid."""


def _labelled(raw: dict[str, Any]) -> dict[str, Any]:
    return {"id": raw["id"], "label": raw["label"], "aliases": tuple(raw.get("aliases", ()))}


def _block(raw: dict[str, Any]) -> BlockSpec:
    columns = tuple(
        ColumnSpec(**_labelled(c), kind=ValueKind(c.get("kind", "count")), unit=c.get("unit"))
        for c in raw["columns"]
    )
    rows = tuple(RowSpec(**_labelled(r), group=r.get("group")) for r in raw["rows"])
    return BlockSpec(
        **_labelled(raw), rows=rows, columns=columns, single_row=raw.get("single_row", False)
    )


def _expand_list(value: Any, tables: dict[str, TableSpec]) -> list[str]:
    """``"@rows:t3"`` / ``"@columns:t3"`` stand for every row or column id of a table."""
    if isinstance(value, list):
        return [str(v) for v in value]
    kind, _, table_id = str(value).partition(":")
    table = tables.get(table_id)
    if table is None or kind not in ("@rows", "@columns"):
        raise FormDataError(f"cannot expand {value!r}")
    attr = "rows" if kind == "@rows" else "columns"
    return list(dict.fromkeys(x.id for b in table.blocks for x in getattr(b, attr)))


def _identities(
    raw: dict[str, Any], tables: dict[str, TableSpec], default: BlankPolicy
) -> list[Identity]:
    loops = {k: _expand_list(v, tables) for k, v in raw.get("for_each", {}).items()}
    # "{col:label}" in a title stands for the Chinese label of the row or column id.
    labels = {
        x.id: x.label.split("、")[-1] if "、" in x.label[:3] else x.label
        for t in tables.values()
        for b in t.blocks
        for x in (*b.rows, *b.columns)
    }
    names = list(loops)
    out = []
    for combo in itertools.product(*(loops[n] for n in names)) if names else [()]:
        env = dict(zip(names, combo, strict=True))
        suffix = "[" + ",".join(combo) + "]" if combo else ""

        def sub(template: str, env: dict[str, str] = env) -> str:
            def one(m: re.Match[str]) -> str:
                value = env[m.group(1)]
                return labels.get(value, value) if m.group(2) else value

            return _PLACEHOLDER.sub(one, template)

        out.append(
            Identity(
                id=raw["id"] + suffix,
                family=raw["id"],
                title=sub(raw["title"]),
                lhs=tuple(sub(x) for x in raw["lhs"]),
                rhs=tuple(sub(x) for x in raw["rhs"]),
                blank=BlankPolicy(raw.get("blank", default.value)),
                source=raw.get("source", ""),
            )
        )
    return out


def load_variant(path: Path | str, *, plugin: str = "") -> FormVariant:
    """Read one form-variant TOML file; every identity cell must exist in the tables."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        head = doc["variant"]
        tables = {
            t["id"]: TableSpec(
                t["id"], t["title"], t["section"], tuple(_block(b) for b in t["blocks"])
            )
            for t in doc["tables"]
        }
        blank = BlankPolicy(head.get("blank", "zero"))
        identities = [
            i for raw in doc.get("identities", []) for i in _identities(raw, tables, blank)
        ]
        variant = FormVariant(
            id=head["id"],
            name=head["name"],
            basis=head["basis"],
            first_year=head["first_year"],
            last_year=head.get("last_year"),
            sections=tuple(
                SectionSpec(
                    id=str(s["number"]),
                    label=s["label"],
                    aliases=tuple(s.get("aliases", ())),
                    number=s["number"],
                )
                for s in doc["sections"]
            ),
            tables=tuple(tables.values()),
            identities=tuple(identities),
            signature=tuple(head.get("signature", ())),
            plugin=plugin,
        )
    except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise FormDataError(f"{path}: {exc!r}") from exc
    unknown = sorted({c for i in variant.identities for c in i.cells} - set(variant.cells))
    if unknown:
        raise FormDataError(f"{path}: identities name unknown cells: {', '.join(unknown)}")
    try:
        indicators = indicators_from_list(doc.get("indicators", []), variant.cells, str(path))
    except IndicatorError as exc:
        raise FormDataError(str(exc)) from exc
    return attrs.evolve(variant, indicators=indicators) if indicators else variant
