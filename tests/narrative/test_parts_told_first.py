"""A list of parts is told to agree with its whole from their figures first (parts that
add up to the whole, or to less where they are not all of it): the mismatches ``parts``
gives are those of looking up every part's cells and units first, as before."""

from __future__ import annotations

from decimal import Decimal

from gik_rules_national.grammar import grammar, resolver
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.narrative import statements
from gik_rules.narrative.compare import Mismatch, MismatchKind, parts
from gik_rules.narrative.parse import Statement
from gik_rules.narrative.resolve import Resolver

VARIANTS = default_host().variants
#: lists of parts the grammar reads: of rows, of columns, all of the whole or some of it
_LISTS = [
    "办结{0}件，其中予以公开{1}件、部分公开{2}件。",
    "共受理申请{0}件，其中自然人{1}件、法人或其他组织{2}件。",
    "本年新收申请{0}件（含上年结转{1}件）。",
    "不予公开{0}件，其中国家秘密{1}件、危及“三安全一稳定”{2}件。",
    "收取信息处理费{0}万元，其中{1}万元为{2}元。",
    "共收到申请{0}件，其中自然人{1}件、商业企业{2}件、法人或其他组织{2}件。",
]


def _before(statement: Statement, on: Resolver) -> Mismatch | None:
    """``_parts`` as it was: each part's cells, their overlap and the units looked at
    before the figures."""
    listed = [p for p in statement.parts if p.comparable and not p.zero]
    if not listed or not statement.comparable:
        return None
    cells = [on.part_cells(p, statement) for p in listed]
    if not all(cells):
        return None
    seen: set[str] = set()
    for group in cells:
        if seen & set(group):
            return None
        seen.update(group)
    units = {p.unit.scale if p.unit else 1 for p in listed} | {
        statement.unit.scale if statement.unit else 1
    }
    if len(units) != 1:
        return None
    total = sum((p.value for p in listed), Decimal(0))
    complete = on.complete(listed, statement)
    if total > statement.value or (complete and total != statement.value):
        return Mismatch(
            MismatchKind.PARTS,
            statement,
            total,
            statement.value,
            tuple(c for group in cells for c in group),
            complete=complete,
        )
    return None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_LISTS), st.lists(st.integers(0, 30), min_size=3, max_size=3)),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(sorted(VARIANTS)),
)
def test_the_parts_mismatches_are_those_found_before(
    lists: list[tuple[str, list[int]]], variant: str
) -> None:
    text = "".join(form.format(*figures) for form, figures in lists)
    found = statements(text, grammar())
    on = resolver(VARIANTS[variant])
    for measure in ("count", "amount"):
        before = [
            m for s in found if on.measure(s) == measure and (m := _before(s, on)) is not None
        ]
        assert parts(found, on, measure) == before
