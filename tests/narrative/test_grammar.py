"""Loading a narrative grammar: strict about keys, types and references."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_rules.narrative import GrammarError, grammar_from_dict, load_grammar

MINIMAL = {
    "unit": [{"words": ["件"]}],
    "category": [
        {
            "id": "new",
            "name": "新收",
            "name_en": "new",
            "terms": ["收到"],
            "table": "t3",
            "rows": ["new"],
            "column": "tot",
        },
    ],
}


def test_a_minimal_grammar_loads() -> None:
    grammar = grammar_from_dict(MINIMAL)
    assert grammar.category("new") is not None
    assert grammar.window == 24
    assert grammar.units[0].measure == "count"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"extra": {}}, "unknown key 'extra'"),
        ({"grammar": {"windw": 3}}, "windw"),
        ({"grammar": {"window": 0}}, "window: expected a positive integer"),
        ({"words": {"conectors": ["及"]}}, "conectors"),
        ({"words": {"connectors": "及"}}, "words.connectors: expected a list of strings"),
        ({"unit": [{"words": ["件"], "measure": "length"}]}, "measure"),
    ],
)
def test_unknown_keys_and_wrong_types_are_errors(change: dict[str, object], message: str) -> None:
    with pytest.raises(GrammarError, match=message):
        grammar_from_dict({**MINIMAL, **change})


def test_a_category_naming_an_unknown_category_is_an_error() -> None:
    category = {**MINIMAL["category"][0], "extends": ["carried"]}  # type: ignore[dict-item]
    with pytest.raises(GrammarError, match="unknown categories"):
        grammar_from_dict({**MINIMAL, "category": [category]})


def test_a_compared_category_needs_rows_and_a_column() -> None:
    category = {"id": "x", "name": "x", "name_en": "x", "terms": ["x"]}
    with pytest.raises(GrammarError, match="no rows or groups"):
        grammar_from_dict({**MINIMAL, "category": [category]})
    known = {**category, "compare": False}
    assert grammar_from_dict({**MINIMAL, "category": [known]}).category("x") is not None


def test_a_file_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text("[[category]]\nid = 1\n", encoding="utf-8")
    with pytest.raises(GrammarError, match=r"g\.toml"):
        load_grammar(path)
    with pytest.raises(GrammarError, match="cannot read"):
        load_grammar(tmp_path / "missing.toml")
