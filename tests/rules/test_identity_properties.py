"""identity-mismatch is exact: silent on consistent reports, names any changed cell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gik_rules.api import check_report, load_ruleset
from gik_rules.host import default_host
from gik_rules.model import AnnualReport
from gik_rules.testing import cell_ids, consistent_reports, with_cell

IDENTITY = load_ruleset("national", select=["identity-mismatch"])
VARIANTS = st.sampled_from(["V2019", "V2021"])


@given(VARIANTS.flatmap(consistent_reports))
def test_consistent_reports_have_no_identity_mismatch(report: AnnualReport) -> None:
    assert check_report(report, IDENTITY).findings == ()


@given(VARIANTS.flatmap(consistent_reports), st.data())
def test_changing_any_cell_by_any_amount_is_caught_and_named(
    report: AnnualReport, data: st.DataObject
) -> None:
    variant = default_host().variants[report.meta.variant or ""]
    cid = data.draw(st.sampled_from(sorted(cell_ids(report, variant))))
    delta = data.draw(st.integers(-1000, 1000).filter(bool))
    old = report.cell(cid).value
    assert isinstance(old, int)
    findings = check_report(with_cell(report, cid, old + delta), IDENTITY).findings
    assert findings, f"changing {cid} by {delta} went unnoticed"
    assert all(f.name == "identity-mismatch" for f in findings)
    assert any(cid in f.cells for f in findings)
    for f in findings:
        assert f.actual != f.expected
        assert f.location.cell in f.cells
