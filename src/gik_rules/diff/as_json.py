"""``gik-rules diff --format json`` (docs/diff.md): every cell with both values and the
change, each section's sentences marked carried or not, the findings new, fixed and
unchanged. Keys sorted; byte-identical from run to run."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gik_rules.diff.compare import ReportDiff
from gik_rules.model import AnnualReport, Cell, Number
from gik_rules.output.json_format import finding_dict
from gik_rules.output.safe import dump_json

DIFF_SCHEMA_VERSION = 1


def _number(value: Number | None) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"raw": cell.raw, "state": cell.state.value, "value": _number(cell.value)}


def _report(report: AnnualReport, source: str) -> dict[str, Any]:
    meta = report.meta
    return {"source": source, "organ": meta.organ, "year": meta.year, "variant": meta.variant}


def diff_dict(diff: ReportDiff) -> dict[str, Any]:
    found = diff.findings
    return {
        "schema_version": DIFF_SCHEMA_VERSION,
        "old": _report(diff.old, diff.old_source),
        "new": _report(diff.new, diff.new_source),
        "cells": [
            {
                "cell": c.cell,
                "label": c.label,
                "old": _cell(c.old),
                "new": _cell(c.new),
                "change": _number(c.change),
                "status": c.status.value,
            }
            for c in diff.cells
        ],
        "sections": [
            {
                "number": s.number,
                "title": s.title,
                "only_in_old": s.only_in_old,
                "carried": s.carried,
                "figures": s.figures,
                "sentences": [
                    {"text": x.text, "start": x.start, "end": x.end, "carried": x.carried.value}
                    for x in s.sentences
                ],
            }
            for s in diff.sections
        ],
        "findings": {
            "new": [finding_dict(f) for f in found.new],
            "fixed": [finding_dict(f) for f in found.fixed],
            "unchanged": [
                {"old": finding_dict(old), "new": finding_dict(new)} for old, new in found.unchanged
            ],
        },
    }


def render_json(diff: ReportDiff) -> str:
    return dump_json(diff_dict(diff), indent=2) + "\n"
