"""``IdentitySet.scan`` gives exactly what ``evaluate`` gives identity by identity: the
identities not read, whether a figure was read, and every failing one with its result."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.forms.evaluate import evaluate
from gik_rules.forms.identity_set import IdentitySet, Scan, identity_set
from gik_rules.forms.variant import BlankPolicy, FormVariant, Identity
from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.testing import any_reports, cells, consistent_reports

VARIANTS = default_host().variants


def one_by_one(identities: tuple[Identity, ...], report: AnnualReport) -> Scan:
    """What N301 computed before ``IdentitySet``: each identity on its own."""
    unread, failing, figures = [], [], False
    for identity in identities:
        if not any(c in report.cells for c in identity.cells):
            unread.append(identity.id)
            continue
        figures = figures or any(report.cell(c).value is not None for c in identity.cells)
        result = evaluate(identity, report.cells)
        if not result.holds:
            failing.append((identity, result))
    return Scan(tuple(unread), figures, tuple(failing))


def _variant(report: AnnualReport) -> FormVariant:
    return VARIANTS[report.meta.variant or "V2021"]


@given(st.sampled_from(sorted(VARIANTS)).flatmap(any_reports))
def test_any_report(report: AnnualReport) -> None:
    variant = _variant(report)
    assert identity_set(variant).scan(report.cells) == one_by_one(variant.identities, report)


@given(
    st.sampled_from(sorted(VARIANTS)).flatmap(consistent_reports),
    st.data(),
)
def test_whole_numbers_with_a_few_cells_changed(report: AnnualReport, data: st.DataObject) -> None:
    """The fast path (every cell a whole number) and the ways out of it, one cell at a
    time: a figure off, a decimal, a blank, an invalid cell (with a value, too)."""
    variant = _variant(report)
    used = sorted({c for i in variant.identities for c in i.cells})
    changed = dict(report.cells)
    for cid in data.draw(st.lists(st.sampled_from(used), max_size=3)):
        changed[cid] = data.draw(
            st.one_of(
                cells(),
                st.integers(-5, 10**20).map(Cell.of),
                st.just(Cell(raw="5", value=5, state=CellState.INVALID)),
                st.just(Cell.of(Decimal("1.0"))),
            )
        )
    report = attrs.evolve(report, cells=changed)
    assert identity_set(variant).scan(report.cells) == one_by_one(variant.identities, report)


def test_a_skip_identity_over_a_blank_holds_and_small_sets_scan() -> None:
    skip = Identity("S", "f", "t", ("a",), ("b",), BlankPolicy.SKIP)
    zero = Identity("Z", "f", "t", ("a",), ("b", "c"))
    single = Identity("O", "f", "t", ("a",), ())
    report = AnnualReport(cells={"a": Cell.of(3), "b": Cell()})
    odd = AnnualReport(cells={"a": Cell(raw="5", value=5, state=CellState.INVALID)})
    for identities in ((skip,), (zero,), (single,), (skip, zero)):
        for one in (report, odd):
            assert IdentitySet(identities).scan(one.cells) == one_by_one(identities, one)
    assert [i.id for i, _ in IdentitySet((skip, zero)).scan(report.cells).failing] == ["Z"]
