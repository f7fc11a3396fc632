"""SARIF 2.1.0: one run of the ``gik-rules`` driver, one result per finding.

``tool.driver.rules`` lists each rule that produced a finding, sorted by code (id = the
code, name, shortDescription = the rule's summary when ``rules`` are given, else its
name; helpUri from the ``help_uri`` template when given; the severity in
``defaultConfiguration.level`` and ``properties.severity``). A result has the ruleId and
ruleIndex, the level (error, warning, note), the Chinese message as ``message.text`` and
the English as ``properties.message_en``, and one location: the report's source path as
given, as a relative URI reference (``physicalLocation.artifactLocation.uri``), the
source line where known (``region.startLine``; never a column: a report's ``column`` is a
table column), and ``logicalLocations`` for the section, table and cell (or row and
column). ``partialFingerprints["gikRules/v1"]`` is the GitLab fingerprint. Reports are
sorted by key; the document is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TextIO
from urllib.parse import quote

from gik_rules import __version__
from gik_rules.engine.result import ReportResult
from gik_rules.output.base import BufferedFormatter
from gik_rules.output.gitlab_format import fingerprints
from gik_rules.output.json_format import finding_dict
from gik_rules.output.safe import dump_json
from gik_rules.rules.finding import Finding, Location, Severity
from gik_rules.rules.rule import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DRIVE = re.compile(r"^[A-Za-z]:/")


def artifact_uri(path: str) -> str:
    """A path as a URI reference: ``/`` separators, everything else a URI may not hold
    (spaces, ``%``, ``#``, ``?``, ``:``, non-ASCII) percent-encoded as UTF-8."""
    path = path.replace("\\", "/")
    if _DRIVE.match(path):  # C:/… would read as a URI scheme "C"
        return "file:///" + path[:2] + quote(path[2:], safe="/!$&'()*+,;=@~")
    return quote(path, safe="/!$&'()*+,;=@~")


def logical_locations(loc: Location) -> list[dict[str, str]]:
    parts: list[tuple[str, str]] = []
    if loc.section is not None:
        parts.append(("section", str(loc.section)))
    if loc.table:
        parts.append(("table", loc.table))
    if loc.cell:
        parts.append(("cell", loc.cell))
    else:
        parts += [(kind, v) for kind, v in (("row", loc.row), ("column", loc.column)) if v]
    return [{"kind": kind, "name": name} for kind, name in parts]


def _location(source: str, loc: Location) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if source:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(source)}}
        if loc.line is not None:
            physical["region"] = {"startLine": loc.line}
            if loc.excerpt:
                physical["region"]["snippet"] = {"text": loc.excerpt}
        out["physicalLocation"] = physical
    logical = logical_locations(loc)
    if logical:
        out["logicalLocations"] = logical
    return out


def _rule(
    code: str, found: list[Finding], rules: Mapping[str, Rule], help_uri: str | None
) -> dict[str, Any]:
    first = min(found, key=lambda f: (f.severity.rank, f.name))
    severity = first.severity
    rule = rules.get(code)
    out: dict[str, Any] = {
        "id": code,
        "name": first.name,
        "shortDescription": {"text": rule.summary if rule else first.name},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"severity": severity.value},
    }
    if rule and rule.doc.what:
        out["fullDescription"] = {"text": rule.doc.what}
    if rule and rule.groups:
        out["properties"]["tags"] = list(rule.groups)
    if help_uri:
        out["helpUri"] = help_uri.format(code=code, name=first.name)
    return out


def sarif_log(
    keyed: list[tuple[str, ReportResult]],
    *,
    rules: Mapping[str, Rule] | None = None,
    help_uri: str | None = None,
    information_uri: str | None = None,
) -> dict[str, Any]:
    """The SARIF log of results under their unique keys."""
    found: dict[str, list[Finding]] = {}
    for _, result in keyed:
        for f in result.findings:
            found.setdefault(f.code, []).append(f)
    codes = sorted(found)
    index = {code: i for i, code in enumerate(codes)}
    results: list[dict[str, Any]] = []
    for key, result in keyed:
        for f, fingerprint in zip(result.findings, fingerprints(key, result.findings), strict=True):
            plain = finding_dict(f)
            props: dict[str, Any] = {"message_en": f.message_en, "report": key}
            props.update(
                {k: plain[k] for k in ("expected", "actual", "cells", "legal") if k in plain}
            )
            props.update(
                {k: v for k, v in plain["location"].items() if k in ("page", "ref", "excerpt")}
            )
            results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [_location(result.source, f.location)],
                    "partialFingerprints": {"gikRules/v1": fingerprint},
                    "properties": props,
                }
            )
    driver: dict[str, Any] = {
        "name": "gik-rules",
        "version": __version__,
        "rules": [_rule(c, found[c], rules or {}, help_uri) for c in codes],
    }
    if information_uri:
        driver["informationUri"] = information_uri
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


class SarifFormatter(BufferedFormatter):
    """Options: ``rules`` (code to Rule, e.g. ``{c.rule.code: c.rule for c in
    ruleset.rules}``) for summaries and tags; ``help_uri``, a template with ``{code}`` and
    ``{name}``; ``information_uri`` for the driver."""

    def __init__(
        self,
        stream: TextIO,
        *,
        rules: Mapping[str, Rule] | None = None,
        help_uri: str | None = None,
        information_uri: str | None = None,
    ) -> None:
        super().__init__(stream)
        self.options: dict[str, Any] = {
            "rules": rules,
            "help_uri": help_uri,
            "information_uri": information_uri,
        }

    def render(self, results: list[ReportResult]) -> str:
        return dump_json(sarif_log(self.keyed(), **self.options), indent=2) + "\n"
