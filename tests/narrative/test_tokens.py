"""The lexer's tokens, made as whole tuples, are those made field by field by name
(the lexer before), on texts of the national grammar's words, figures and marks."""

from __future__ import annotations

import bisect

from gik_rules_national.grammar import grammar
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.narrative.lexer import (
    CLAUSE_END,
    SENTENCE_END,
    Kind,
    Token,
    _number,
    lexicon,
    tokens,
    unwrap,
)

GRAMMAR = grammar()
_WORDS = sorted(lexicon(GRAMMAR).words)[:200]


def _by_name(text: str) -> list[Token]:
    lex = lexicon(GRAMMAR)
    joined, removed = unwrap(text)
    out: list[Token] = []
    for match in lex.pattern.finditer(joined):
        start, end = match.span()
        if removed:
            start = start + bisect.bisect_right(removed, start)
            end = end - 1 + bisect.bisect_right(removed, end - 1) + 1
        if match["num"] is not None:
            before = joined[match.start() - 1] if match.start() else ""
            if before.isdigit() or before == ".":
                continue
            value, decimals = _number(match["num"])
            unit_text = match["unit"] or ""
            unit = lex.units.get(unit_text)
            out.append(
                Token(Kind.NUMBER, start, end, match[0], value=value, unit=unit,
                      percent=unit_text == "%", decimals=decimals)
            )  # fmt: skip
        elif match["word"] is not None:
            kind, role = lex.words[match["word"]]
            out.append(Token(kind, start, end, match[0], role=role))
        else:
            mark = match["mark"]
            if mark == "\n" or mark in SENTENCE_END:
                out.append(Token(Kind.SENTENCE, start, end, mark))
            elif mark in CLAUSE_END:
                out.append(Token(Kind.CLAUSE, start, end, mark, role=mark))
            else:
                out.append(Token(Kind.OPEN if mark == "(" else Kind.CLOSE, start, end, mark))
    return out


_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(["12", "3.5", "1,234", "0", "%", "件", "万元", "元", "甲乙丙丁戊己庚辛壬癸"]),
    st.sampled_from([*",;。!?()\n"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_tokens_are_those_made_by_name(text: str) -> None:
    assert tokens(text, GRAMMAR) == _by_name(text)
    assert [type(t) for t in tokens(text, GRAMMAR)] == [Token] * len(_by_name(text))
