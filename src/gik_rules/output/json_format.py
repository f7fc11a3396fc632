"""JSON output (documented in docs/output-formats.md).

``{"schema_version": 1, "summary": {...}, "reports": {PATH: {"findings": [...],
"statuses": {CODE: STATUS}, "skipped": {CODE: {...}}, "indicators": {ID: {...}}}}}``;
the summary carries each indicator's distribution over the run (``output.indicators``,
docs/indicators.md); each finding has ``code``,
``name``, ``severity``, ``message``, ``message_en``, ``location``, and where known
``expected``, ``actual``, ``cells`` and ``legal``; each skipped rule its reason,
``message`` and ``message_en``, and its ``kind`` (``not-applicable``: not meant for the
report's variant or year; ``not-read``: what it reads is missing). A report is listed under its key (``ReportResult.key``); a key
that repeats is numbered (``a.toml#2``), so no report is lost. Keys are sorted so output
is byte-identical between runs. Control characters in report text are ``\\u``-escaped
(``safe.dump_json``), so the document never carries a raw terminal escape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TextIO

import attrs

from gik_rules.engine.result import ReportResult, unique_keys
from gik_rules.forms.variant import FormVariant
from gik_rules.output.base import BufferedFormatter
from gik_rules.output.safe import dump_json
from gik_rules.rules.dataset import natural
from gik_rules.rules.finding import Finding, Location, Severity
from gik_rules.rules.skip import SkipReason

OUTPUT_SCHEMA_VERSION = 1


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


#: a location's fields (each a plain value: ``attrs.asdict`` of it, without its walk)
LOCATION_FIELDS = tuple(f.name for f in attrs.fields(Location))


def finding_dict(finding: Finding) -> dict[str, Any]:
    location = finding.location
    loc = {k: v for k in LOCATION_FIELDS if (v := getattr(location, k)) is not None}
    out: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "message_en": finding.message_en,
        "location": loc,
    }
    if finding.expected is not None:
        out["expected"] = plain(finding.expected)
    if finding.actual is not None:
        out["actual"] = plain(finding.actual)
    if finding.cells:
        out["cells"] = list(finding.cells)
    if finding.legal:
        out["legal"] = finding.legal
    return out


def skip_dict(reason: SkipReason) -> dict[str, str]:
    return {"message": reason.message, "message_en": reason.message_en, "kind": reason.kind.value}


def summary(results: list[ReportResult]) -> dict[str, int]:
    return {
        "reports": len(results),
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
        "infos": sum(r.count(Severity.INFO) for r in results),
    }


def report_dict(
    result: ReportResult, indicators: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """What the json format lists under a report's key (and jsonl on each line), with
    the report's ``indicators`` where given."""
    r = result
    extra = {"indicators": dict(indicators)} if indicators is not None else {}
    return {
        **extra,
        "findings": [finding_dict(f) for f in r.findings],
        "statuses": {code: status.value for code, status in sorted(r.statuses.items())},
        "skipped": {code: skip_dict(reason) for code, reason in sorted(r.skipped.items())},
        **(
            {
                "organ": r.report.meta.organ,
                "year": r.report.meta.year,
                "variant": r.report.meta.variant,
            }
            if r.report
            else {}
        ),
    }


def _installed_variants() -> Mapping[str, FormVariant]:
    from gik_rules.host import default_host

    return default_host().variants


def render_json(
    results: Iterable[ReportResult], variants: Mapping[str, FormVariant] | None = None
) -> str:
    """The json document of ``results``; ``variants`` (default: the installed plugins')
    give the indicators (imported here: the jsonl format shares this module's report
    objects, not its indicators)."""
    from gik_rules.output.indicators import run_indicators

    results = list(results)
    values, spread = run_indicators(
        results, variants if variants is not None else _installed_variants()
    )
    keyed = zip(unique_keys([r.key for r in results]), results, values, strict=True)
    # the reports in the order people read their keys (data.csv#row 2 before #row 10),
    # where dump_json sorts every mapping's keys as text: each written on its own, at its
    # depth (JSON text has no line break but between its tokens)
    entries = [
        f"    {dump_json(key)}: "
        + dump_json(report_dict(r, found), indent=2).replace("\n", "\n    ")
        for key, r, found in sorted(keyed, key=lambda krf: natural(krf[0]))
    ]
    reports = "{\n" + ",\n".join(entries) + "\n  }" if entries else "{}"
    rest = dump_json(
        {
            "schema_version": OUTPUT_SCHEMA_VERSION,
            "summary": {**summary(results), "indicators": spread},
        },
        indent=2,
    )
    return '{\n  "reports": ' + reports + ",\n" + rest[2:] + "\n"


class JsonFormatter(BufferedFormatter):
    """``render_json`` as a formatter: one document, written when the results are done.
    ``variants``: the form variants whose indicators are computed (default: the
    installed plugins')."""

    def __init__(
        self, stream: TextIO, *, variants: Mapping[str, FormVariant] | None = None
    ) -> None:
        super().__init__(stream)
        self.variants = variants

    def render(self, results: list[ReportResult]) -> str:
        return render_json(results, self.variants)
