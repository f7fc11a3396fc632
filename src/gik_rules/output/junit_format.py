"""JUnit XML, as GitLab (``artifacts:reports:junit``) and Jenkins (``junit``) read it.

``<testsuites>`` holds one ``<testsuite>`` per report (``name`` its key, ``file`` its
source) and in it one ``<testcase>`` per rule that ran or reported (``name`` "CODE name",
``classname`` the report's key), sorted by code:

- one ``<failure type="error" message=…>`` per error finding (Jenkins' schema allows
  several; Jenkins and GitLab show the first, so every finding is in ``system-out`` too);
- warnings and infos only in ``<system-out>``, so they do not fail the job; with
  ``warnings_fail=True`` each warning is also a ``<failure type="warning">``;
- ``<error type="crash">`` for a rule that raised (its X001 finding says why);
- ``<skipped message=…/>`` for a rule that did not apply or could not look.

``tests``/``failures``/``errors``/``skipped`` count test cases. Built with
``xml.etree``; report text goes through ``safe.printable`` first, since XML 1.0 cannot
carry most control characters even escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import TextIO

from gik_rules.engine.result import ReportResult, RuleStatus
from gik_rules.output.base import BufferedFormatter
from gik_rules.output.safe import printable
from gik_rules.rules.finding import Finding, Severity
from gik_rules.rules.rule import Rule


def _t(text: str) -> str:
    return printable(text, keep="\n\t")


def _detail(f: Finding) -> str:
    where = f.location.describe()
    lines = [f"{f.severity.value} {f.code} {f.name}: {f.message}", f.message_en]
    if where:
        lines.append(f"at {where}")
    if f.legal:
        lines.append(f.legal)
    return _t("\n".join(lines))


def _counts(cases: Iterable[ET.Element]) -> dict[str, str]:
    cases = list(cases)

    def having(tag: str) -> int:
        return sum(1 for c in cases if c.find(tag) is not None)

    return {
        "tests": str(len(cases)),
        "failures": str(having("failure")),
        "errors": str(having("error")),
        "skipped": str(having("skipped")),
    }


def testsuite(
    key: str,
    result: ReportResult,
    *,
    english: bool = False,
    warnings_fail: bool = False,
    rules: Mapping[str, Rule] | None = None,
) -> ET.Element:
    by_code: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_code.setdefault(f.code, []).append(f)
    cases = []
    for code in sorted(set(result.statuses) | set(by_code)):
        found = by_code.get(code, [])
        rule = (rules or {}).get(code)
        name = found[0].name if found else rule.name if rule else ""
        case = ET.Element("testcase", name=_t(f"{code} {name}".strip()), classname=_t(key))
        if result.source:
            case.set("file", _t(result.source))
        lines = [f.location.line for f in found if f.location.line is not None]
        if lines:
            case.set("line", str(min(lines)))
        failing = {Severity.ERROR, Severity.WARNING} if warnings_fail else {Severity.ERROR}
        for f in found:
            if f.severity in failing:
                message = f.message_en if english else f.message
                ET.SubElement(
                    case, "failure", type=f.severity.value, message=_t(message)
                ).text = _detail(f)
        status = result.statuses.get(code)
        if status is RuleStatus.ERROR:
            ET.SubElement(case, "error", type="crash", message=_t(f"rule {code} raised; see X001"))
        reason = result.skipped.get(code)
        if status is RuleStatus.SKIPPED and reason is not None and not found:
            text = reason.message_en if english else reason.message
            ET.SubElement(case, "skipped", message=_t(text))
        if found:
            ET.SubElement(case, "system-out").text = "\n".join(_detail(f) for f in found)
        cases.append(case)
    suite = ET.Element("testsuite", {"name": _t(key), **_counts(cases)})
    if result.source:
        suite.set("file", _t(result.source))
    if result.report:
        meta = result.report.meta
        props = ET.SubElement(suite, "properties")
        for prop, value in (("organ", meta.organ), ("year", meta.year), ("variant", meta.variant)):
            if value is not None:
                ET.SubElement(props, "property", name=prop, value=_t(str(value)))
    suite.extend(cases)
    return suite


def render_junit(
    keyed: list[tuple[str, ReportResult]],
    *,
    english: bool = False,
    warnings_fail: bool = False,
    rules: Mapping[str, Rule] | None = None,
) -> str:
    suites = [
        testsuite(k, r, english=english, warnings_fail=warnings_fail, rules=rules) for k, r in keyed
    ]
    root = ET.Element("testsuites", name="gik-rules")
    totals = {
        attr: str(sum(int(s.get(attr, "0")) for s in suites))
        for attr in ("tests", "failures", "errors", "skipped")
    }
    for attr, value in totals.items():
        root.set(attr, value)
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


class JunitFormatter(BufferedFormatter):
    """Options: ``english`` (failure messages in English), ``warnings_fail``, ``rules``
    (code to Rule) to name the test cases of rules that found nothing."""

    def __init__(
        self,
        stream: TextIO,
        *,
        english: bool = False,
        warnings_fail: bool = False,
        rules: Mapping[str, Rule] | None = None,
    ) -> None:
        super().__init__(stream)
        self.english = english
        self.warnings_fail = warnings_fail
        self.rules = rules

    def render(self, results: list[ReportResult]) -> str:
        return render_junit(
            self.keyed(), english=self.english, warnings_fail=self.warnings_fail, rules=self.rules
        )
