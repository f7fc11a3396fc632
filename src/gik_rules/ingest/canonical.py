"""Reading the canonical TOML and JSON forms."""

from __future__ import annotations

import attrs

from gik_rules.forms.detect import detect_from_cells
from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.decode import decode
from gik_rules.ingest.limit_checks import check_text
from gik_rules.ingest.nesting import check_nesting, loads_json_within
from gik_rules.ingest.result import ParseIssue, ReadResult
from gik_rules.model.canonical import CanonicalFormError, from_dict, from_json, from_toml
from gik_rules.rules.finding import Location


def read_canonical(
    data: bytes, fmt: str, source: str, variants: dict[str, FormVariant]
) -> ReadResult:
    text, encoding = decode(data)
    check_text(text)  # no more text than a document may hold
    # nesting and numbers the parsers would fail on: a JSON object that parses is told
    # within the limits as it is parsed, and structured from what was parsed
    doc = loads_json_within(text) if fmt == "json" else None
    if type(doc) is not dict:
        check_nesting(text)
        doc = None
    try:
        if doc is not None:
            report = from_dict(doc)
        else:
            report = from_json(text) if fmt == "json" else from_toml(text)
    except CanonicalFormError as exc:
        issue = ParseIssue(
            "P008",
            f"规范格式文件无效：{exc}",
            f"not a report in the canonical form: {exc}",
            Location(line=_line_of(str(exc))),
        )
        return ReadResult(source, None, (issue,), fmt)
    meta = report.meta
    if meta.variant is None:
        meta = attrs.evolve(meta, variant=detect_from_cells(report.cells, variants))
    meta = attrs.evolve(meta, source=meta.source or source, encoding=meta.encoding or encoding)
    return ReadResult(source, attrs.evolve(report, meta=meta), (), fmt)


def _line_of(message: str) -> int | None:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
