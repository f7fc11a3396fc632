"""Checking reports in memory: the engine and the national ruleset."""

from __future__ import annotations

from pathlib import Path

import attrs
from gik_rules_national.grammar import _statements
from hypothesis import HealthCheck, given, settings

from gik_rules.api import check_report, load_ruleset
from gik_rules.diff import diff_reports
from gik_rules.host import default_host
from gik_rules.indicators import compute
from gik_rules.model import AnnualReport
from gik_rules.model.canonical import from_toml, to_toml
from gik_rules.testing import consistent_reports

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NATIONAL = load_ruleset("national")
IDENTITY = load_ruleset("national", select=["identity-mismatch"])
NARRATIVE = load_ruleset("national", select=["N401", "N402"])
VARIANTS = default_host().variants
#: a section 三 that states its figures the ways real reports do (the grammar's work)
SECTION_3 = (
    "全年共受理政府信息公开申请{new}件（含上年结转{carried}件），同比增加2件，按时答复率100%。"
    "其中，予以公开及部分公开{granted}件，占{share}%；不予公开{denied}件；因本机关不掌握等原因无法提供{unable}件。"
    "办结{total}件，其中予以公开{open}件、部分公开{partial}件，另有{next}件申请顺延到下年度答复。"
)


def _sample(n: int = 20) -> list[AnnualReport]:
    out: list[AnnualReport] = []

    @settings(
        max_examples=n,
        database=None,
        derandomize=True,  # every run measures the same reports
        suppress_health_check=list(HealthCheck),
    )
    @given(consistent_reports())
    def collect(report: AnnualReport) -> None:
        out.append(report)

    collect()
    return out


def _stating(report: AnnualReport) -> AnnualReport:
    def value(cid: str) -> int:
        return int(report.cell(cid).number_or_zero())

    group = {
        "denied": [c for c in report.cells if c.startswith("t3.deny_") and c.endswith(".tot")],
        "unable": [c for c in report.cells if c.startswith("t3.none_") and c.endswith(".tot")],
    }
    total = value("t3.total.tot")
    granted = value("t3.open.tot") + value("t3.partial.tot")
    text = SECTION_3.format(
        new=value("t3.new.tot") + value("t3.carried.tot"),
        carried=value("t3.carried.tot"),
        granted=granted,
        share=round(100 * granted / total, 1) if total else 0,
        denied=sum(value(c) for c in group["denied"]),
        unable=sum(value(c) for c in group["unable"]),
        total=total,
        open=value("t3.open.tot"),
        partial=value("t3.partial.tot"),
        next=value("t3.carry_next.tot"),
    )
    sections = tuple(attrs.evolve(s, text=text) if s.number == 3 else s for s in report.sections)
    return attrs.evolve(report, sections=sections)


REPORTS = [_stating(r) for r in _sample()]
FAULTY = (EXAMPLES / "faulty-2021.toml").read_text(encoding="utf-8")
_i = 0


def _next() -> AnnualReport:
    global _i
    _i = (_i + 1) % len(REPORTS)
    return REPORTS[_i]


CASES = [
    ("check: national ruleset", "reports", lambda: check_report(_next(), NATIONAL)),
    ("check: identity-mismatch only", "reports", lambda: check_report(_next(), IDENTITY)),
    # the parse is cached per text (N401, N402 and N505 read one passage): cleared here,
    # so that each report is parsed as a new one is
    (
        "check: narrative grammar (N401, N402)",
        "reports",
        lambda: (_statements.cache_clear(), check_report(_next(), NARRATIVE)),
    ),
    (
        "indicators: one report",
        "reports",
        lambda: compute(REPORTS[_i], VARIANTS[REPORTS[_i].meta.variant or ""]),
    ),
    (
        "diff: two reports",
        "pairs",
        lambda: diff_reports(REPORTS[_i - 1], _next(), VARIANTS),
    ),
    ("canonical: TOML read", "reports", lambda: from_toml(FAULTY)),
    ("canonical: TOML write", "reports", lambda: to_toml(REPORTS[0])),
]
