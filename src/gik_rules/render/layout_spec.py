"""Table layouts as the ``tables.toml`` of a template directory writes them
(docs/templates.md), structured by the strict converter: an unknown key or a value of the
wrong type is a ``TemplateError`` naming the file, the table and the key."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Literal

import attrs
import cattrs

from gik_rules import strict
from gik_rules.render.errors import TemplateError


@attrs.frozen(slots=True)
class HeaderCell:
    """A header cell: its own ``text``, or the label of a ``column`` or ``row`` id."""

    text: str | None = None
    column: str | None = None
    row: str | None = None
    rowspan: int = 1
    colspan: int = 1


@attrs.frozen(slots=True)
class LayoutSpec:
    """How one table is arranged; the rows, columns and labels come from the variant."""

    kind: Literal["blocks", "grid", "single_row"]
    label_header: str = ""
    label_columns: int = 1
    #: a row group's label -> the label of the group it stands under
    parents: Mapping[str, str] = attrs.field(factory=dict)
    header: tuple[tuple[HeaderCell, ...], ...] = ()


@functools.cache  # built when a table is first laid out, not on every import
def _converter() -> cattrs.Converter:
    conv = strict.converter()
    strict.register(conv, HeaderCell)
    strict.register(conv, LayoutSpec)
    return conv


def layout_spec(raw: LayoutSpec | Mapping[str, Any], where: str) -> LayoutSpec:
    """``raw`` as a ``LayoutSpec`` (a table as written, or one already structured)."""
    if isinstance(raw, LayoutSpec):
        return raw
    return strict.structure(_converter(), raw, LayoutSpec, where, TemplateError)


def layouts(data: Mapping[str, Any], where: str) -> dict[str, LayoutSpec]:
    """Every table layout of a ``tables.toml``: table id -> layout."""
    return {table_id: layout_spec(raw, f"{where}: [{table_id}]") for table_id, raw in data.items()}
