"""The canonical serialised form of a report, in TOML and JSON.

Both carry the same structure (see ``docs/canonical-form.md``): ``schema_version``,
``meta``, ``preamble``, ``sections`` (a list), ``tables`` and ``cells`` (keyed by cell id).
Fields at their default are left out. Decimal values are written as strings so that no
digit is lost; integers stay integers; dates are TOML dates and ISO strings in JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import cattrs
import tomli_w
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from gik_rules.model.cell import Cell, CellState, Number, Provenance
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.model.report import AnnualReport, ReportMeta, Section, TableInfo
from gik_rules.model.span import SourceSpan

SCHEMA_VERSION = 1


class CanonicalFormError(ValueError):
    """A canonical TOML or JSON document that does not describe a report."""


def _structure_number(value: Any, _: Any) -> Number | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CanonicalFormError(f"not a number: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation as exc:
            raise CanonicalFormError(f"not a number: {value!r}") from exc
    raise CanonicalFormError(f"numbers are integers or decimal strings, not {value!r}")


def _unstructure_number(value: Number | None) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    return str(value)


def _structure_date(value: Any, _: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise CanonicalFormError(f"not a date: {value!r}") from exc


def _make_converter(*, native_dates: bool) -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    conv.register_structure_hook(Number | None, _structure_number)
    conv.register_structure_hook(dt.date | None, _structure_date)
    if not native_dates:
        conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(
        Cell,
        make_dict_unstructure_fn(
            Cell,
            conv,
            _cattrs_omit_if_default=True,
            value=override(unstruct_hook=_unstructure_number),
        ),
    )
    conv.register_structure_hook(Cell, _cell_structure_hook(conv))
    for cls in (ReportMeta, Section, TableInfo, SourceSpan):
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
        )
    return conv


def _cell_structure_hook(conv: cattrs.Converter) -> Any:
    """Cell tables: without ``state``, the state follows the value (zero or value; blank
    without a value); a state the value contradicts is an error, not a silent blank."""
    fields = make_dict_structure_fn(Cell, conv, _cattrs_forbid_extra_keys=True)

    def structure(value: Any, cls: Any) -> Cell:
        cell: Cell = _plain_cell(value) or fields(value, cls)
        if "state" not in value:
            if cell.value is None:
                return cell
            return attrs.evolve(cell, state=CellState.of_number(cell.value))
        if cell.value is not None and not cell.is_number:
            raise CanonicalFormError(
                f"state {cell.state.value!r} holds no number, but the value is {cell.value}"
            )
        if cell.value is None and cell.is_number:
            raise CanonicalFormError(f"state {cell.state.value!r} needs a value")
        if cell.state is CellState.ZERO and cell.value != 0:
            raise CanonicalFormError(f"state 'zero' with the non-zero value {cell.value}")
        if cell.state is CellState.VALUE and cell.value == 0:
            raise CanonicalFormError("state 'value' with the value 0 (a 0 has state 'zero')")
        return cell

    return structure


_CELL_KEYS = frozenset(f.name for f in attrs.fields(Cell))
_SPAN_KEYS = frozenset(f.name for f in attrs.fields(SourceSpan))
_STATES = {s.value: s for s in CellState}
_PROVENANCES = {p.value: p for p in Provenance}


def _plain_int(value: Any) -> bool:
    return value is None or (type(value) is int)


def _plain_span(value: Any) -> SourceSpan | None:
    """The span of a cell as ``to_json`` writes it, built directly; ``None`` for anything
    else (a wrong key or type), which cattrs then structures or rejects."""
    if type(value) is not dict or not _SPAN_KEYS.issuperset(value):
        return None
    line, column, page, ref = (value.get(k) for k in ("line", "column", "page", "ref"))
    if not (_plain_int(line) and _plain_int(column) and _plain_int(page)):
        return None
    if ref is not None and type(ref) is not str:
        return None
    return SourceSpan(line, column, page, ref)


def _plain_cell(value: Any) -> Cell | None:
    """A cell table of plain values built directly, as cattrs would build it: a file of
    200 cells is read five times as fast. ``None`` for anything unusual (a wrong key or
    type, a decimal string), which goes the general way and gets its exact error."""
    if not _CELL_KEYS.issuperset(value):
        return None
    raw, number, unit = value.get("raw", ""), value.get("value"), value.get("unit")
    if (
        type(raw) is not str
        or not _plain_int(number)
        or (unit is not None and type(unit) is not str)
    ):
        return None
    state_name, provenance_name = value.get("state", "blank"), value.get("provenance", "read")
    if type(state_name) is not str or type(provenance_name) is not str:
        return None
    state, provenance = _STATES.get(state_name), _PROVENANCES.get(provenance_name)
    if state is None or provenance is None:
        return None
    confidence = value.get("confidence")
    if confidence is not None and type(confidence) is not float:
        return None
    span = None
    if value.get("span") is not None:
        span = _plain_span(value["span"])
        if span is None:
            return None
    return Cell(raw, number, state, unit, span, provenance, confidence)


_JSON = _make_converter(native_dates=False)
_TOML = _make_converter(native_dates=True)


def _structure_cell(conv: cattrs.Converter, cid: str, value: Any) -> Cell:
    """A cell table, or the shorthand a person writes by hand: ``3``, ``""``, ``"/"``."""
    if isinstance(value, dict):
        try:
            return conv.structure(value, Cell)
        except CanonicalFormError as exc:
            raise CanonicalFormError(f"cell {cid}: {exc}") from None
    if isinstance(value, bool):
        raise CanonicalFormError(f"not a cell: {value!r}")
    if isinstance(value, int | float | str):
        return parse_cell_text(str(value))
    raise CanonicalFormError(f"not a cell: {value!r}")


def _unstructure(conv: cattrs.Converter, report: AnnualReport) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    doc["meta"] = conv.unstructure(report.meta)
    if report.preamble:
        doc["preamble"] = report.preamble
    doc["sections"] = [conv.unstructure(s) for s in report.sections]
    doc["tables"] = {k: conv.unstructure(v) for k, v in sorted(report.tables.items())}
    for table in doc["tables"].values():
        table.pop("id", None)  # the key says it
    doc["cells"] = {k: conv.unstructure(v) for k, v in sorted(report.cells.items())}
    return doc


def _structure(conv: cattrs.Converter, doc: dict[str, Any]) -> AnnualReport:
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise CanonicalFormError(
            f"schema_version {version!r} is not supported (this gik-rules reads {SCHEMA_VERSION})"
        )
    unknown = set(doc) - {"schema_version", "meta", "preamble", "sections", "tables", "cells"}
    if unknown:
        raise CanonicalFormError(f"unknown top-level keys: {', '.join(sorted(unknown))}")
    try:
        tables = {
            key: conv.structure({**value, "id": key}, TableInfo)
            for key, value in doc.get("tables", {}).items()
        }
        return AnnualReport(
            meta=conv.structure(doc.get("meta", {}), ReportMeta),
            preamble=doc.get("preamble", ""),
            sections=tuple(conv.structure(s, Section) for s in doc.get("sections", [])),
            tables=tables,
            cells={k: _structure_cell(conv, k, v) for k, v in doc.get("cells", {}).items()},
        )
    except CanonicalFormError:
        raise
    except (cattrs.BaseValidationError, TypeError, ValueError, AttributeError) as exc:
        detail = (
            "; ".join(cattrs.transform_error(exc))
            if isinstance(exc, cattrs.BaseValidationError)
            else str(exc)
        )
        raise CanonicalFormError(detail) from exc


def to_dict(report: AnnualReport) -> dict[str, Any]:
    """The canonical form as JSON-compatible Python data."""
    return _unstructure(_JSON, report)


def from_dict(doc: dict[str, Any]) -> AnnualReport:
    return _structure(_JSON, doc)


def to_json(report: AnnualReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> AnnualReport:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CanonicalFormError(f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(doc, dict):
        raise CanonicalFormError("the document is not a JSON object")
    return from_dict(doc)


def to_toml(report: AnnualReport) -> str:
    return tomli_w.dumps(_unstructure(_TOML, report), multiline_strings=True)


def from_toml(text: str) -> AnnualReport:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CanonicalFormError(str(exc)) from exc
    return _structure(_TOML, doc)
