"""``render`` writes the report as it is: its own headings and sections, empty or not,
and nothing it lacks. A report with an error renders to one with the same error."""

from __future__ import annotations

import attrs
import pytest

from gik_rules.api import read
from gik_rules.engine import check_report
from gik_rules.host import default_host
from gik_rules.model import AnnualReport
from gik_rules.render import render_report
from gik_rules.ruleset import ruleset_of
from tests.conftest import REPO
from tests.render.helpers import read_back

OWN = "三、收到和处理政府信息公开申请的情况（本局）"


def _as_written() -> AnnualReport:
    """clean-2021 with an unofficial heading of 三, an empty 五 and no 六."""
    report = read(REPO / "examples" / "clean-2021.toml")
    sections = []
    for s in report.sections:
        if s.number == 3:
            s = attrs.evolve(s, title=OWN[2:], heading=OWN)
        elif s.number == 5:
            s = attrs.evolve(s, text="")
        elif s.number == 6:
            continue
        sections.append(s)
    return attrs.evolve(report, sections=tuple(sections))


@pytest.mark.parametrize("fmt", ["txt", "html", "docx"])
def test_render_neither_corrects_nor_adds(fmt: str) -> None:
    report = _as_written()
    back = read_back(render_report(report, fmt), fmt).report
    assert back is not None
    assert [s.number for s in back.sections] == [1, 2, 3, 4, 5]
    by_number = {s.number: s for s in back.sections}
    assert by_number[3].heading == OWN
    assert by_number[5].heading == "五、存在的主要问题及改进情况"
    assert by_number[5].text.strip() in ("", "示例县文化和旅游局\n2022年1月25日")  # signature

    def faults(r: AnnualReport) -> set[tuple[str, int | None]]:
        ruleset = ruleset_of(default_host(), "national", select=["N101", "N103"])
        found = check_report(r, ruleset, default_host().variants).findings
        return {(f.code, f.location.section) for f in found}

    assert faults(back) == faults(report) == {("N101", 6), ("N103", 3)}


def test_markdown_keeps_the_own_heading_and_writes_no_missing_one() -> None:
    text = render_report(_as_written(), "md").decode()
    assert f"## {OWN}" in text and "三、收到和处理政府信息公开申请情况" not in text
    assert "## 五、存在的主要问题及改进情况" in text and "六、" not in text
