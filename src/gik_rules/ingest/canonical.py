"""Reading the canonical TOML and JSON forms."""

from __future__ import annotations

import attrs
import orjson

from gik_rules.forms.detect import detect_from_cells
from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.decode import decode
from gik_rules.ingest.limit_checks import check_text
from gik_rules.ingest.limits import active
from gik_rules.ingest.nesting import check_nesting, digit_runs_within, loads_json_within
from gik_rules.ingest.result import ParseIssue, ReadResult
from gik_rules.model.canonical import (
    PLAIN_DEPTH,
    CanonicalFormError,
    from_dict,
    from_json,
    from_toml,
    plain_report,
)
from gik_rules.model.report import AnnualReport
from gik_rules.rules.finding import Location

#: digits of the longest int orjson reads as an int (a longer one it reads as a float)
_ORJSON_DIGITS = 18


def read_canonical(
    data: bytes, fmt: str, source: str, variants: dict[str, FormVariant]
) -> ReadResult:
    # a JSON file no longer than a line may be is parsed from its bytes first: where
    # orjson reads them they are UTF-8 without a BOM (or NUL), which decode() decodes
    # as they are, and the text within the limits check_text checks
    limits = active()
    undecoded = fmt == "json" and len(data) <= min(limits.text_chars, limits.line_chars)
    report = _plain(data, None, "utf-8", source) if undecoded else None
    encoding = "utf-8"
    if report is None:
        text, encoding = decode(data)
        check_text(text)  # no more text than a document may hold
        if fmt == "json" and not (undecoded and encoding == "utf-8"):  # not tried as it is
            report = _plain(data, text, encoding, source)
    if report is None:
        try:
            report = _general(text, fmt)
        except CanonicalFormError as exc:
            issue = ParseIssue(
                "P008",
                f"规范格式文件无效：{exc}",
                f"not a report in the canonical form: {exc}",
                Location(line=_line_of(str(exc))),
            )
            return ReadResult(source, None, (issue,), fmt)
    meta = report.meta  # read the plain way, its source and encoding filled in already
    variant = (
        meta.variant if meta.variant is not None else detect_from_cells(report.cells, variants)
    )
    filled = (variant, meta.source or source, meta.encoding or encoding)
    if filled != (meta.variant, meta.source, meta.encoding):
        meta = attrs.evolve(meta, variant=filled[0], source=filled[1], encoding=filled[2])
        report = attrs.evolve(report, meta=meta)
    return ReadResult(source, report, (), fmt)


def _plain(data: bytes, text: str | None, encoding: str, source: str) -> AnnualReport | None:
    """The report of a JSON text of plain values (``model.canonical.plain_report``),
    parsed by orjson; None for any other (read the general way, ``_general``).

    Such a document is within the nesting and digits limits where the limit of depth is
    at least as deep as it nests and no run of digits in its text is longer than a
    number may be: its values need no look-over of their own. What orjson reads (JSON
    by RFC 8259: no ``NaN``, no lone surrogate, no byte that is no UTF-8) it reads as
    ``json`` does, but for an int past 64 bits, which it reads as a float: a text with a
    run of more than 18 digits is read the general way
    (``tests/ingest/test_canonical_plain_read.py``)."""
    limits = active()
    # a UTF-8 text's runs of ASCII digits are those of its bytes, whatever was damaged
    utf8 = data if encoding.startswith("utf-8") or text is None else text.encode()
    digits = min(limits.digits, _ORJSON_DIGITS)
    if limits.depth < PLAIN_DEPTH or not digit_runs_within(utf8, digits):
        return None
    try:  # bytes as they are, where they are UTF-8 (orjson rejects damaged ones)
        doc = orjson.loads(data if encoding == "utf-8" or text is None else text)
    except orjson.JSONDecodeError:
        return None
    return plain_report(doc, source=source, encoding=encoding) if type(doc) is dict else None


def _general(text: str, fmt: str) -> AnnualReport:
    """The report of a canonical text (``CanonicalFormError`` where it is none, or
    ``LimitExceeded``)."""
    # nesting and numbers the parsers would fail on: a JSON object that parses is told
    # within the limits as it is parsed, and structured from what was parsed
    doc = loads_json_within(text) if fmt == "json" else None
    if type(doc) is not dict:
        check_nesting(text)
        return from_json(text) if fmt == "json" else from_toml(text)
    return from_dict(doc)


def _line_of(message: str) -> int | None:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
