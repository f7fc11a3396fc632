"""The narrative grammar: what a report's text states, as data-driven composition of
categories, figures, parts, shares and changes, compared with the tables.

``load_grammar`` reads a plugin's grammar; ``statements`` parses folded text with it;
``Resolver`` maps categories onto a form variant's cells; ``compare`` finds what the
text and the tables disagree on. The core knows no category: every word and cell comes
from the grammar a plugin ships (docs/narrative.md).
"""

from gik_rules.narrative.compare import Comparison, Mismatch, MismatchKind, compare, parts
from gik_rules.narrative.grammar import (
    Category,
    ColumnCategory,
    Grammar,
    GrammarError,
    Unit,
    Words,
    grammar_from_dict,
    load_grammar,
)
from gik_rules.narrative.parse import Change, Share, Statement, statements
from gik_rules.narrative.resolve import Resolver

__all__ = [
    "Category",
    "Change",
    "ColumnCategory",
    "Comparison",
    "Grammar",
    "GrammarError",
    "Mismatch",
    "MismatchKind",
    "Resolver",
    "Share",
    "Statement",
    "Unit",
    "Words",
    "compare",
    "grammar_from_dict",
    "load_grammar",
    "parts",
    "statements",
]
