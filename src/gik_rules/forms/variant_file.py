"""A form-variant file as written (docs/form-variants.md), structured by the strict
converter and built into the ``FormVariant`` value classes; imported only when a file is
parsed (the data cache keeps what it built)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.forms.indicators import Indicator, IndicatorError, check_indicators
from gik_rules.forms.loader import FormDataError
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

if TYPE_CHECKING:
    import cattrs

_PLACEHOLDER = re.compile(r"\{(\w+)(:label)?\}")


# The file as written (docs/plugin-guide.md): each table structured strictly, then built
# into the FormVariant value classes.


@attrs.frozen(slots=True)
class _Head:
    id: str
    name: str
    basis: str
    first_year: int
    last_year: int | None = None
    blank: BlankPolicy = BlankPolicy.ZERO
    signature: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class _Section:
    number: int
    label: str
    aliases: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class _Column:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: ValueKind = ValueKind.COUNT
    unit: str | None = None


@attrs.frozen(slots=True)
class _Row:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str | None = None


@attrs.frozen(slots=True)
class _Block:
    id: str
    label: str
    columns: tuple[_Column, ...]
    rows: tuple[_Row, ...]
    aliases: tuple[str, ...] = ()
    single_row: bool = False


@attrs.frozen(slots=True)
class _Table:
    id: str
    title: str
    section: int
    blocks: tuple[_Block, ...]


@attrs.frozen(slots=True)
class _Identity:
    id: str
    title: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    #: a loop variable over a list of ids, or ``"@rows:t3"`` / ``"@columns:t3"``
    for_each: Mapping[str, tuple[str, ...] | str] = attrs.field(factory=dict)
    blank: BlankPolicy | None = None
    source: str = ""


@attrs.frozen(slots=True)
class _VariantFile:
    variant: _Head
    sections: tuple[_Section, ...]
    tables: tuple[_Table, ...]
    identities: tuple[_Identity, ...] = ()
    indicators: tuple[Indicator, ...] = ()


def _ids_or_expansion(value: Any, tp: Any) -> tuple[str, ...] | str:
    if isinstance(value, str):
        return value
    out: tuple[str, ...] = _converter().structure(value, tuple[str, ...])
    return out


@functools.cache  # made when a file is parsed, not when the data cache has it
def _converter() -> cattrs.Converter:
    from gik_rules import strict

    conv = strict.converter()
    conv.register_structure_hook(tuple[str, ...] | str, _ids_or_expansion)
    for cls in (_Head, _Section, _Column, _Row, _Block, _Table, _Identity, Indicator, _VariantFile):
        strict.register(conv, cls)
    return conv


def _block(raw: _Block) -> BlockSpec:
    return BlockSpec(
        raw.id,
        raw.label,
        raw.aliases,
        rows=tuple(RowSpec(r.id, r.label, r.aliases, group=r.group) for r in raw.rows),
        columns=tuple(
            ColumnSpec(c.id, c.label, c.aliases, kind=c.kind, unit=c.unit) for c in raw.columns
        ),
        single_row=raw.single_row,
    )


def _expand_list(value: tuple[str, ...] | str, tables: dict[str, TableSpec]) -> list[str]:
    """``"@rows:t3"`` / ``"@columns:t3"`` stand for every row or column id of a table."""
    if not isinstance(value, str):
        return list(value)
    kind, _, table_id = value.partition(":")
    table = tables.get(table_id)
    if table is None or kind not in ("@rows", "@columns"):
        raise FormDataError(
            f"cannot expand {value!r} (a list of ids, or @rows:<table> / @columns:<table>)"
        )
    attr = "rows" if kind == "@rows" else "columns"
    return list(dict.fromkeys(x.id for b in table.blocks for x in getattr(b, attr)))


def _identities(
    raw: _Identity, tables: dict[str, TableSpec], default: BlankPolicy
) -> list[Identity]:
    loops = {k: _expand_list(v, tables) for k, v in raw.for_each.items()}
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
                if m.group(1) not in env:
                    raise FormDataError(f"identity {raw.id}: {{{m.group(1)}}} is no for_each name")
                value = env[m.group(1)]
                return labels.get(value, value) if m.group(2) else value

            return _PLACEHOLDER.sub(one, template)

        out.append(
            Identity(
                id=raw.id + suffix,
                family=raw.id,
                title=sub(raw.title),
                lhs=tuple(sub(x) for x in raw.lhs),
                rhs=tuple(sub(x) for x in raw.rhs),
                blank=raw.blank or default,
                source=raw.source,
            )
        )
    return out


def parse(path: Path, text: str, plugin: str) -> FormVariant:
    from gik_rules import strict

    raw = strict.read_toml(path, FormDataError, text)
    data = strict.structure(_converter(), raw, _VariantFile, str(path), FormDataError)
    head = data.variant
    try:
        tables = {
            t.id: TableSpec(t.id, t.title, t.section, tuple(_block(b) for b in t.blocks))
            for t in data.tables
        }
        identities = [i for raw in data.identities for i in _identities(raw, tables, head.blank)]
    except FormDataError as exc:
        raise FormDataError(f"{path}: {exc}") from None
    variant = FormVariant(
        id=head.id,
        name=head.name,
        basis=head.basis,
        first_year=head.first_year,
        last_year=head.last_year,
        sections=tuple(
            SectionSpec(id=str(s.number), label=s.label, aliases=s.aliases, number=s.number)
            for s in data.sections
        ),
        tables=tuple(tables.values()),
        identities=tuple(identities),
        signature=head.signature,
        plugin=plugin,
        indicators=data.indicators,
    )
    unknown = sorted({c for i in variant.identities for c in i.cells} - set(variant.cells))
    if unknown:
        raise FormDataError(f"{path}: identities name unknown cells: {', '.join(unknown)}")
    try:
        check_indicators(variant.indicators, variant.cells)
    except IndicatorError as exc:
        raise FormDataError(f"{path}: {exc}") from None
    return variant
