"""The national narrative grammar (``data/narrative.toml``), loaded once, and what the
narrative rules share: the statements of a report's passages and how to name them.

``gik_rules.narrative`` is imported when a narrative rule first runs, not when the
plugin's rules are loaded: start-up does not pay for it."""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from gik_rules.rules.locate import cell_label, table_name
from gik_rules.rules.memo import per_report
from gik_rules_national.rules.prose import Passage, passages

if TYPE_CHECKING:
    from gik_rules.forms.variant import FormVariant
    from gik_rules.model import AnnualReport
    from gik_rules.narrative import Comparison, Grammar, Resolver, Statement

    #: a passage and what its statements of each measure are found to be
    _Compared = tuple[Passage, dict[str | None, Comparison]]

DATA = Path(__file__).parent / "data" / "narrative.toml"


@functools.cache
def grammar() -> Grammar:
    from gik_rules.narrative import load_grammar

    return load_grammar(DATA)


@functools.lru_cache(maxsize=64)
def _statements(text: str) -> tuple[Statement, ...]:
    # several rules read the same passages of a report; statements are immutable
    from gik_rules.narrative import statements

    return tuple(statements(text, grammar()))


@per_report  # the narrative rules (N401, N402, N505) read them
def stated(report: AnnualReport) -> tuple[tuple[Passage, tuple[Statement, ...]], ...]:
    """Each passage of the report that makes statements, with them."""
    found = ((passage, _statements(passage.folded.text)) for passage in passages(report))
    return tuple(pair for pair in found if pair[1])


@per_report
def _compared(
    report: AnnualReport,
) -> dict[int, tuple[FormVariant, tuple[_Compared, ...], Comparison]]:
    """By the variant's id: the variant, each passage compared, and what a measure no
    statement is of gives (``comparisons`` fills it; the comparison's module is imported
    only then, once for a report)."""
    return {}


def comparisons(
    report: AnnualReport, variant: FormVariant, measure: str
) -> list[tuple[Passage, Comparison]]:
    """Each passage of the report that makes statements, with what they state of
    ``measure`` against its tables on ``variant`` (``compare``): the statements of every
    measure compared once for a report, for the rules of each measure (N401, N505)."""
    held = _compared(report)
    found = held.get(id(variant))
    if found is None or found[0] is not variant:
        from gik_rules.narrative.compare import NOTHING, compare_all

        on = resolver(variant)
        every = tuple((p, compare_all(s, report.cells, on)) for p, s in stated(report))
        found = held[id(variant)] = (variant, every, NOTHING)
    _, every, nothing = found
    return [(passage, by.get(measure, nothing)) for passage, by in every]


def number(value: Decimal) -> int | Decimal:
    """A figure as the findings give it: a whole number as an int."""
    return int(value) if value == value.to_integral_value() else value.normalize()


def name(statement: Statement, whole: Statement | None = None, *, english: bool = False) -> str:
    """What a statement states: "予以公开数与部分公开数之和", "本年新收申请数（自然人）"."""
    g = grammar()
    own = [g.category(c) for c in statement.categories]
    columns = {c.id: c for c in g.columns}
    if statement.columns and whole is not None:
        of = name(whole, english=english)
        parts = [columns[c] for c in statement.categories if c in columns]
        labels = [c.name_en if english else c.name for c in parts]
        return f"{of} ({', '.join(labels)})" if english else f"{of}（{'、'.join(labels)}）"
    labels = [(c.name_en if english else c.name) for c in own if c is not None]
    if len(labels) == 1:
        return labels[0]
    return " + ".join(labels) if english else "与".join(labels) + "之和"


def where(cells: tuple[str, ...], variant: FormVariant | None) -> str:
    """The cells compared with, in words: 表三“（一）予以公开 / 总计”与“…”之和."""
    if not cells:
        return ""
    table = table_name(cells[0].partition(".")[0], variant)
    labels = [f"“{cell_label(c, variant)}”" for c in cells]
    if len(labels) == 1:
        return f"{table}{labels[0]}"
    if len(labels) <= 3:
        return f"{table}{'与'.join(labels)}之和"
    specs = variant.cells if variant else {}
    rows = list(dict.fromkeys(specs[c].row_label if c in specs else c for c in cells))
    named = "、".join(f"“{r}”" for r in rows[:3]) + ("等" if len(rows) > 3 else "")
    return f"{table}{named}各栏（共{len(labels)}栏）之和"


_RESOLVERS: dict[int, tuple[FormVariant, Resolver]] = {}


def resolver(variant: FormVariant) -> Resolver:
    """The grammar on ``variant`` (kept for the variant object's lifetime)."""
    held = _RESOLVERS.get(id(variant))
    if held is None or held[0] is not variant:
        from gik_rules.narrative import Resolver

        held = _RESOLVERS[id(variant)] = (variant, Resolver(grammar(), variant))
    return held[1]
