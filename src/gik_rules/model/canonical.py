"""The canonical serialised form of a report, in TOML and JSON.

Both carry the same structure (see ``docs/canonical-form.md``): ``schema_version``,
``meta``, ``preamble``, ``sections`` (a list), ``tables`` and ``cells`` (keyed by cell id).
Fields at their default are left out. Decimal values are written as strings so that no
digit is lost; integers stay integers; dates are TOML dates and ISO strings in JSON.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from itertools import compress
from operator import itemgetter, not_
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.model.cell import Cell, CellState, Number, Provenance
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.model.report import AnnualReport, OrganLevel, ReportMeta, Section, TableInfo
from gik_rules.model.span import KEPT, SourceSpan, span_of

if TYPE_CHECKING:  # cattrs is imported when first needed: reading a plain document
    import cattrs  # (what to_json and to_toml write) builds the report directly

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


@functools.cache
def _converter(*, native_dates: bool) -> cattrs.Converter:
    """The JSON (ISO dates) or TOML (native dates) converter."""
    import cattrs
    from cattrs.gen import make_dict_unstructure_fn, override

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
    """Cell tables, the general way (``_plain_cell`` builds the plain ones)."""
    from cattrs.gen import make_dict_structure_fn

    fields = make_dict_structure_fn(Cell, conv, _cattrs_forbid_extra_keys=True)

    def structure(value: Any, cls: Any) -> Cell:
        return _plain_cell(value) or _stated(fields(value, cls), value)

    return structure


def _stated(cell: Cell, value: dict[str, Any]) -> Cell:
    """Without ``state``, the state follows the value (zero or value; blank without a
    value); a state the value contradicts is an error, not a silent blank."""
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


_CELL_KEYS = frozenset(f.name for f in attrs.fields(Cell))
_SPAN_KEYS = frozenset(f.name for f in attrs.fields(SourceSpan))
_STATES = {s.value: s for s in CellState}
_PROVENANCES = {p.value: p for p in Provenance}


def _plain_int(value: Any) -> bool:
    return value is None or (type(value) is int)


#: cells already built and stated, by their plain values (as ``model.cell.cell_of``
#: shares them: frozen objects are shared as safely as they are built anew)
_CELLS: dict[tuple[Any, ...], Cell] = {}


def _plain_span(value: Any) -> SourceSpan | None:
    """The span of a cell as ``to_json`` writes it, built directly; ``None`` for anything
    else (a wrong key or type), which cattrs then structures or rejects."""
    if type(value) is not dict or not _SPAN_KEYS.issuperset(value):
        return None
    get = value.get
    line, column, page, ref = get("line"), get("column"), get("page"), get("ref")
    if not (_plain_int(line) and _plain_int(column) and _plain_int(page) and _plain_str(ref)):
        return None
    return span_of(line, column, page, ref)


_LINE_SPANS: dict[int, SourceSpan] = {}


def _line_span(line: int) -> SourceSpan:
    """``_plain_span({"line": line})``: the span of a line alone."""
    span = _LINE_SPANS.get(line)
    if span is None:
        span = span_of(line)
        if len(_LINE_SPANS) < KEPT:
            _LINE_SPANS[line] = span
    return span


#: the keys of the cell table ``to_json`` writes for a figure read on a line
_LINE_CELL_KEYS = frozenset(("raw", "value", "state", "span"))
#: those cells, by (raw, value, state, line): found again without a look at each field
_LINE_CELLS: dict[tuple[str, int | str, str, int], Cell] = {}


def _plain_cell(value: Any) -> Cell | None:
    """A cell table of plain values built directly, as cattrs would build it, and
    ``_stated`` (whose error it raises): a file of 200 cells is read several times as
    fast. ``None`` for anything unusual (a wrong key or type, a malformed decimal
    string), which goes the general way and gets its exact error."""
    if type(value) is dict and value.keys() == _LINE_CELL_KEYS:  # a figure on a line: met before?
        raw, number, state, span = value["raw"], value["value"], value["state"], value["span"]
        # a decimal by its text: the same text makes the same Decimal (digits and all)
        if (type(number) is int or type(number) is str) and type(span) is dict and len(span) == 1:
            line = span.get("line")
            if type(raw) is str and type(state) is str and type(line) is int:
                key = (raw, number, state, line)
                cell = _LINE_CELLS.get(key)
                if cell is None:
                    cell = _general_plain_cell(value)
                    if cell is not None and len(_LINE_CELLS) < KEPT:
                        _LINE_CELLS[key] = cell
                return cell
    return _general_plain_cell(value)


def _plain_cells(cells: dict[str, Any]) -> dict[str, Cell] | None:
    """The cells of a ``cells`` table of plain values, as ``_plain_cell`` builds each
    (and the shorthand as ``_structure_cell``); None where one is not plain. The cell
    tables of a figure on a line met before are found by their four values
    (``_line_keys``), not by a call for each: only the others go one by one."""
    keys = _line_keys(cells)
    find: Callable[[Any], Cell | None] = _LINE_CELLS.get
    built: dict[str, Any] | None = None
    if keys is not None:
        with contextlib.suppress(TypeError):  # a raw or state of a list or table: no key
            built = dict(zip(cells, map(find, keys), strict=True))
    if built is None:
        built = dict.fromkeys(cells)
    if all(built.values()):  # a cell is true (no __bool__, no __len__): told in C
        return built
    for cid in compress(cells, map(not_, built.values())):  # those not found, one by one
        value = cells[cid]
        if type(value) is not dict:
            built[cid] = _structure_cell(None, cid, value)
        elif (found := _plain_cell(value)) is None:
            return None
        else:
            built[cid] = found
    return built


#: a key's value
_SECOND = itemgetter(1)


def _line_keys(cells: dict[str, Any]) -> list[tuple[Any, ...]] | None:
    """Each cell table's key in ``_LINE_CELLS`` (its raw, value, state and line), where
    every table of ``cells`` is one of a figure on a line (four keys, a span of one);
    None for a table of another shape (``_plain_cells`` then goes one by one, as where
    a key finds no cell). One comprehension makes them all (its reads of a table's
    items are specialised: fewer instructions than passes of ``itemgetter``), and their
    values' types are told in C.

    A key finds a cell only where its raw, value and state are as those of a cell in
    ``_LINE_CELLS`` (two strs and an int or str): a bool or a float equals an int, so
    a value of either finds none (a raw or a state of another type equals no str). A
    line of either is read as the int it equals, the general way too."""
    try:  # a table (or span) of another type has no len, or no item by a name
        keys = [
            (v["raw"], v["value"], v["state"], span["line"])
            for v in cells.values()
            if len(v) == 4 and len(span := v["span"]) == 1
        ]
    except (KeyError, TypeError):  # four keys, but not those; a str of four, a list
        return None
    if len(keys) != len(cells) or not _BOOL_OR_FLOAT.isdisjoint(map(type, map(_SECOND, keys))):
        return None
    return keys


_BOOL_OR_FLOAT = frozenset((bool, float))


def _general_plain_cell(value: Any) -> Cell | None:
    if not _CELL_KEYS.issuperset(value):
        return None
    get = value.get
    raw, number, unit = get("raw", ""), get("value"), get("unit")
    state, provenance = get("state", "blank"), get("provenance", "read")
    if type(raw) is not str or not _plain_str(unit):
        return None
    if type(state) is not str or type(provenance) is not str:
        return None
    confidence = get("confidence")
    if confidence is not None and type(confidence) is not float:
        return None
    span = get("span")
    if span is not None:
        # most spans name a line only: found by it, not built through _plain_span
        line = span.get("line") if type(span) is dict and len(span) == 1 else None
        span = _line_span(line) if type(line) is int else _plain_span(span)
        if span is None:
            return None
    if number is not None and type(number) is not int:
        if type(number) is not str:
            return None
        try:
            number = Decimal(number)
        except InvalidOperation:
            return None
        # a decimal's own digits matter (1.0 and 1.00 print apart): not shared by key
        return _new_cell(raw, number, state, unit, span, provenance, confidence, value)
    # the span by its id: it is shared (``_SPANS``) and kept alive by the cell it is
    # kept with, so the id is its own, and no span is hashed field by field
    key = (raw, number, state, unit, id(span), provenance, confidence, "state" in value)
    cell = _CELLS.get(key)
    if cell is None:
        cell = _new_cell(raw, number, state, unit, span, provenance, confidence, value)
        if cell is not None and len(_CELLS) < KEPT:
            _CELLS[key] = cell
    return cell


def _new_cell(
    raw: str,
    number: Number | None,
    state: str,
    unit: str | None,
    span: SourceSpan | None,
    provenance: str,
    confidence: float | None,
    value: dict[str, Any],
) -> Cell | None:
    found, made = _STATES.get(state), _PROVENANCES.get(provenance)
    if found is None or made is None:
        return None
    return _stated(Cell(raw, number, found, unit, span, made, confidence), value)


_META_KEYS = frozenset(f.name for f in attrs.fields(ReportMeta))
_SECTION_KEYS = frozenset(f.name for f in attrs.fields(Section))
_TABLE_KEYS = frozenset(("title", "span"))
_TOP_KEYS = frozenset(("schema_version", "meta", "preamble", "sections", "tables", "cells"))
_LEVELS = {level.value: level for level in OrganLevel}
_NOT_PLAIN = object()


def _plain_str(value: Any) -> bool:
    return value is None or type(value) is str


#: the fields of a str, of a str or None, and of an int (or None but ``number``)
_STR_FIELDS = frozenset(("organ", "title", "region", "heading", "text"))
_OPTIONAL_STR_FIELDS = frozenset(("variant", "organ_id", "parent_id", "source", "encoding"))
_INT_FIELDS = frozenset(("year", "line", "number"))


def _plain_field(key: str, value: Any) -> Any:
    """A field of ``ReportMeta``, ``Section`` or ``TableInfo`` as cattrs would structure a
    plain value of it; ``_NOT_PLAIN`` for anything else."""
    if key in _STR_FIELDS:
        return value if type(value) is str else _NOT_PLAIN
    if key in _OPTIONAL_STR_FIELDS:
        return value if _plain_str(value) else _NOT_PLAIN
    if key in _INT_FIELDS:
        return value if _plain_int(value) and (value is not None or key != "number") else _NOT_PLAIN
    if key == "level":
        return _LEVELS.get(value, _NOT_PLAIN) if type(value) is str else _NOT_PLAIN
    if key == "published":
        if value is None or type(value) is dt.date:
            return value
        if type(value) is str:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return _NOT_PLAIN
        return _NOT_PLAIN
    if key in ("title_span", "span"):
        if value is None:
            return None
        span = _plain_span(value)
        return _NOT_PLAIN if span is None else span
    if key == "line_map" and type(value) is list and all(type(v) is int for v in value):
        return tuple(value)
    return _NOT_PLAIN


def _plain_fields(value: Any, keys: frozenset[str]) -> dict[str, Any] | None:
    if type(value) is not dict or not keys.issuperset(value):
        return None
    if list(map(type, value.values())) == list(map(_KINDS.get, value)):
        return value  # each field a text or a count (told in C): a section, mostly
    # a text, or a count, taken as it is without a call (most fields are one)
    out = {
        key: v
        if (type(v) is str and key in _TEXT_FIELDS) or (type(v) is int and key in _INT_FIELDS)
        else _plain_field(key, v)
        for key, v in value.items()
    }
    return None if _NOT_PLAIN in out.values() else out


#: the fields ``_plain_field`` takes a str of as it is
_TEXT_FIELDS = _STR_FIELDS | _OPTIONAL_STR_FIELDS
#: the type of each field ``_plain_field`` takes a value of as it is (a str, an int)
_KINDS = {**dict.fromkeys(_TEXT_FIELDS, str), **dict.fromkeys(_INT_FIELDS, int)}


#: the deepest a document ``_plain_report`` builds nests: the document, its cells, a
#: cell, its span (a section's line map, a table's span as deep; every other value of
#: those is no container)
PLAIN_DEPTH = 4


def plain_report(doc: dict[str, Any], **given: str) -> AnnualReport | None:
    """The report of a document of plain values, as ``from_dict`` reads it; None for
    anything unusual (for ``from_dict`` to structure or reject). Such a document nests
    no deeper than ``PLAIN_DEPTH``. ``given``: text fields of its metadata (a reader's
    ``source`` and ``encoding``) for where the document gives none (or an empty one)."""
    meta = doc.get("meta", {})
    if given and type(meta) is dict:  # filled in a copy: the document is left as it is
        doc = {**doc, "meta": {**meta, **{key: meta.get(key) or v for key, v in given.items()}}}
    try:
        return _plain_report(doc)
    except CanonicalFormError:
        return None


def _plain_report(doc: dict[str, Any]) -> AnnualReport | None:
    """A document of plain values (as ``to_json`` and ``to_toml`` write them) built
    directly, as the converter builds it: cattrs, and the time it takes, only for
    anything unusual (which it then structures, or rejects with its exact error)."""
    if doc.get("schema_version") != SCHEMA_VERSION or not _TOP_KEYS.issuperset(doc):
        return None
    preamble = doc.get("preamble", "")
    if type(preamble) is not str:
        return None
    meta = _plain_fields(doc.get("meta", {}), _META_KEYS)
    sections, tables, cells = doc.get("sections", []), doc.get("tables", {}), doc.get("cells", {})
    if meta is None or type(sections) is not list or type(tables) is not dict:
        return None
    if type(cells) is not dict:
        return None
    parts = [_plain_fields(s, _SECTION_KEYS) for s in sections]
    if None in parts or any("number" not in p or "title" not in p for p in parts if p):
        return None
    infos = {}
    for key, value in tables.items():
        info = _plain_fields(value, _TABLE_KEYS)
        if info is None:
            return None
        infos[key] = TableInfo(id=key, **info)
    built = _plain_cells(cells)
    if built is None:
        return None
    return AnnualReport(
        meta=ReportMeta(**meta),
        preamble=preamble,
        sections=tuple(Section(**p) for p in parts if p is not None),
        tables=infos,
        cells=built,
    )


def _structure_cell(conv: cattrs.Converter | None, cid: str, value: Any) -> Cell:
    """A cell table, or the shorthand a person writes by hand: ``3``, ``""``, ``"/"``."""
    if isinstance(value, dict):
        assert conv is not None  # a cell table goes the general way only with a converter
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


def _structure(doc: dict[str, Any], *, native_dates: bool) -> AnnualReport:
    try:
        plain = _plain_report(doc)
    except CanonicalFormError:
        plain = None  # the general way finds it, or an error that comes first
    if plain is not None:
        return plain
    import cattrs

    conv = _converter(native_dates=native_dates)
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
    return _unstructure(_converter(native_dates=False), report)


def from_dict(doc: dict[str, Any]) -> AnnualReport:
    return _structure(doc, native_dates=False)


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
    import tomli_w

    return tomli_w.dumps(
        _unstructure(_converter(native_dates=True), report), multiline_strings=True
    )


def from_toml(text: str) -> AnnualReport:
    import tomllib  # here: a JSON report needs none

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CanonicalFormError(str(exc)) from exc
    return _structure(doc, native_dates=True)
