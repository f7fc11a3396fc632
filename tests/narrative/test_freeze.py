"""A statement is frozen by building it whole: the statements are those attrs.evolve
gave, on texts of the national grammar's words, figures and marks."""

from __future__ import annotations

import attrs
import pytest
from gik_rules_national.rules.prose import fold_text
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.narrative import Statement, statements
from gik_rules.narrative.grammar import Grammar
from gik_rules.narrative.parse import _Draft
from tests.narrative.test_tokens import _PIECES, GRAMMAR

#: sentences as reports write them: wholes, parts, inclusions, shares, changes, amounts
_SENTENCES = [
    "全年共受理政府信息公开申请{}件（含上年结转{}件），同比增加{}件。",
    "其中，予以公开及部分公开{}件，占{}%；不予公开{}件；因本机关不掌握等原因无法提供{}件。",
    "办结{}件，其中予以公开{}件、部分公开{}件，另有{}件申请顺延到下年度答复。",
    "收到行政复议{}件，较上年增长{}%，其中自然人{}件、法人{}件。",
    "本年度收取信息处理费{}元，行政事业性收费{}万元。",
]
_FIGURES = st.lists(st.integers(0, 400), min_size=4, max_size=4)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=30).map("".join),
    st.lists(
        st.tuples(st.sampled_from(_SENTENCES), _FIGURES).map(lambda t: t[0].format(*t[1])),
        min_size=1,
        max_size=4,
    ).map(lambda s: fold_text("".join(s)).text),
)


def _evolved(draft: _Draft, grammar: Grammar) -> Statement:
    parts = tuple(_evolved(p, grammar) for p in draft.parts)
    first = draft.statement.categories[:1]
    own = grammar.category(first[0]) if first else None
    extends = set(own.extends) if own else set()
    includes = tuple(c for p in parts if not p.columns for c in p.categories if c in extends)
    return attrs.evolve(
        draft.statement, parts=parts, share=draft.share, change=draft.change, includes=includes
    )


def test_freeze_names_every_field_of_a_statement() -> None:
    # a field added to Statement must be added to _Draft.freeze, which builds it whole
    assert [f.name for f in attrs.fields(Statement)] == [
        "categories", "value", "unit", "start", "end", "decimals", "columns", "zero",
        "approximate", "open_list", "includes", "parts", "share", "change",
    ]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_the_statements_are_those_evolve_gave(text: str) -> None:
    frozen = statements(text, GRAMMAR)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Draft, "freeze", _evolved)
        assert statements(text, GRAMMAR) == frozen
