"""The national conformance suite: case files, the reports they describe, and running them.

Each rule has a case file ``conformance/<CODE>-<name>.toml`` (the idea of SQLFluff's YAML
test cases and Arelle's conformance suites)::

    rule = "N101"

    [[case]]
    id = "all-six-sections"
    expect = "pass"            # the rule finds nothing
    base = "v2021"             # conformance/fixtures/v2021.toml

    [[case]]
    id = "section-six-dropped"
    expect = "fail"            # the rule finds something ...
    base = "v2021"
    drop_sections = [6]
    [[case.hits]]              # ... and, if listed, exactly these (location fields,
    section = 6                #     expected, actual, message_contains)

A case changes its base report with ``meta``, ``cells`` (shorthand values as in the
canonical form; ``""`` is a blank cell), ``drop_cells``, ``sections`` (fields by number;
new numbers are added), ``drop_sections``, ``section_order`` and ``preamble``; ``params``
overrides the rule's defaults. A dataset rule's case lists ``[[case.reports]]``, each a
base and its changes, and a hit names its report by index (``report = 1``); ``organs``
lists the organs a manifest would declare (``{ id, name, parent }``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from gik_rules.engine import RuleStatus, check_dataset, check_report
from gik_rules.host import Host
from gik_rules.model import AnnualReport, OrganLevel, Section
from gik_rules.model.canonical import from_toml
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.rules import Finding, Rule, Scope
from gik_rules.rules.dataset import DeclaredOrgan
from gik_rules.ruleset import RuleConfig, Ruleset

ROOT = Path(__file__).parent / "conformance"
FIXTURES = ROOT / "fixtures"
_CHANGES = {
    "base",
    "meta",
    "cells",
    "drop_cells",
    "sections",
    "drop_sections",
    "section_order",
    "preamble",
}
_CASE_KEYS = _CHANGES | {"id", "expect", "params", "hits", "reports", "organs", "note"}
_HIT_KEYS = {
    "report",
    "section",
    "table",
    "row",
    "column",
    "cell",
    "line",
    "ref",
    "expected",
    "actual",
    "message_contains",
}


@attrs.frozen(slots=True)
class Case:
    rule: str
    file: str
    id: str
    expect: str
    spec: Mapping[str, Any]

    @property
    def name(self) -> str:
        return f"{self.file}::{self.id}"


def case_files() -> list[Path]:
    return sorted(ROOT.glob("*.toml"))


def load_cases() -> Iterator[Case]:
    for path in case_files():
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in doc.get("case", []):
            unknown = set(raw) - _CASE_KEYS
            if unknown:
                raise ValueError(f"{path.name} {raw.get('id')}: unknown keys {sorted(unknown)}")
            if raw.get("expect") not in ("pass", "fail"):
                raise ValueError(f"{path.name} {raw.get('id')}: expect is pass or fail")
            yield Case(doc["rule"], path.name, raw["id"], raw["expect"], raw)


def _base(name: str) -> AnnualReport:
    return from_toml((FIXTURES / f"{name}.toml").read_text(encoding="utf-8"))


def build(spec: Mapping[str, Any]) -> AnnualReport:
    """The report a case describes: its base with the case's changes."""
    report = _base(spec.get("base", "v2021"))
    meta_changes = dict(spec.get("meta", {}))
    if "level" in meta_changes:
        meta_changes["level"] = OrganLevel(meta_changes["level"])
    for key in ("published",):
        value = meta_changes.get(key)
        if isinstance(value, str):
            meta_changes[key] = dt.date.fromisoformat(value)
    meta = attrs.evolve(report.meta, **meta_changes)
    cells = dict(report.cells)
    for cid, value in spec.get("cells", {}).items():
        old = cells.get(cid)
        cells[cid] = attrs.evolve(parse_cell_text(str(value)), span=old.span if old else None)
    for cid in spec.get("drop_cells", ()):
        cells.pop(cid, None)
    sections = {s.number: s for s in report.sections}
    for change in spec.get("sections", ()):
        fields = dict(change)
        number = fields.pop("number")
        old = sections.get(number) or Section(number=number, title="")
        sections[number] = attrs.evolve(old, **fields)
    for number in spec.get("drop_sections", ()):
        sections.pop(number, None)
    order = list(spec.get("section_order", sorted(sections)))
    return attrs.evolve(
        report,
        meta=meta,
        cells=cells,
        sections=tuple(sections[n] for n in order if n in sections),
        preamble=spec.get("preamble", report.preamble),
    )


def alone(rule: Rule, params: Mapping[str, Any] | None = None) -> Ruleset:
    config = RuleConfig(rule, rule.severity, {**rule.default_params(), **(params or {})})
    return Ruleset(name=f"only {rule.code}", rules=(config,))


def run(case: Case, host: Host) -> tuple[list[tuple[int, Finding]], list[RuleStatus | None]]:
    """The case's findings of its rule, as ``(report index, finding)``, and the statuses."""
    rule = host.rules[case.rule]
    ruleset = alone(rule, case.spec.get("params"))
    if rule.scope is Scope.DATASET:
        specs = case.spec.get("reports", ())
        reports = [build(s) for s in specs]
        keys = [f"report-{i}" for i in range(len(reports))]
        organs = [DeclaredOrgan(**o) for o in case.spec.get("organs", ())]
        result = check_dataset(reports, ruleset, host.variants, keys=keys, organs=organs)
        found = [
            (i, f)
            for i, key in enumerate(keys)
            for f in result.findings[key]
            if f.code == rule.code
        ]
        return found, [result.statuses[k].get(rule.code) for k in keys]
    outcome = check_report(build(case.spec), ruleset, host.variants)
    found = [(0, f) for f in outcome.findings if f.code == rule.code]
    return found, [outcome.statuses.get(rule.code)]


def matches(expected: Mapping[str, Any], index: int, finding: Finding) -> bool:
    unknown = set(expected) - _HIT_KEYS
    if unknown:
        raise ValueError(f"unknown hit keys {sorted(unknown)}")
    for key, value in expected.items():
        if key == "report":
            ok = index == value
        elif key == "message_contains":
            ok = value in finding.message
        elif key in ("expected", "actual"):
            ok = str(getattr(finding, key)) == str(value)
        else:
            ok = getattr(finding.location, key) == value
        if not ok:
            return False
    return True
