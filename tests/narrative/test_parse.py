"""The grammar's composition on a small grammar of its own: subjects and figures,
combinations, lists, parts, inclusions, shares, changes, negations, masks and wrapped
lines. Positions are offsets in the text parsed."""

from __future__ import annotations

from decimal import Decimal

from gik_rules.narrative import Grammar, Statement, grammar_from_dict, statements

GRAMMAR: Grammar = grammar_from_dict(
    {
        "grammar": {"window": 12},
        "unit": [{"words": ["件"]}, {"words": ["元"], "measure": "amount"}],
        "words": {
            "connectors": ["及", "、"],
            "open_list": ["等"],
            "parts": ["其中"],
            "include": ["含"],
            "besides": ["另有"],
            "respectively": ["分别为"],
            "each": ["各"],
            "share": ["占"],
            "change_base": ["较上年"],
            "increase": ["增长"],
            "decrease": ["下降"],
            "negation": ["未"],
            "approximate": ["约"],
            "rate_suffix": ["率"],
            "masks": ["申请人"],
        },
        "category": [
            {
                "id": "a",
                "name": "A",
                "name_en": "A",
                "terms": ["收到"],
                "object": ["申请"],
                "table": "t",
                "rows": ["a"],
                "column": "tot",
                "negatable": True,
                "extends": ["b"],
            },
            {
                "id": "b",
                "name": "B",
                "name_en": "B",
                "terms": ["结转"],
                "figure_first": True,
                "table": "t",
                "rows": ["b"],
                "column": "tot",
            },
            {
                "id": "c",
                "name": "C",
                "name_en": "C",
                "terms": ["公开"],
                "table": "t",
                "rows": ["c"],
                "column": "tot",
            },
            {
                "id": "d",
                "name": "D",
                "name_en": "D",
                "terms": ["不公开"],
                "table": "t",
                "rows": ["d"],
                "column": "tot",
            },
            {
                "id": "w",
                "name": "W",
                "name_en": "W",
                "terms": ["答复"],
                "weak": True,
                "table": "t",
                "rows": ["w"],
                "column": "tot",
                "made_of": ["c", "d"],
            },
        ],
        "column": [
            {
                "id": "p",
                "name": "P",
                "name_en": "P",
                "terms": ["个人"],
                "table": "t",
                "columns": ["p"],
            },
        ],
    }
)


def parse(text: str) -> list[Statement]:
    return statements(text, GRAMMAR)


def figures(text: str) -> list[tuple[tuple[str, ...], int]]:
    return [(s.categories, int(s.value)) for s in parse(text)]


def test_a_term_takes_the_next_figure_of_its_clause() -> None:
    assert figures("本年收到申请5件,公开3件。") == [(("a",), 5), (("c",), 3)]
    found = parse("本年收到申请5件。")[0]
    assert "本年收到申请5件。"[found.start : found.end] == "收到申请5件"


def test_a_required_object_and_the_window() -> None:
    assert figures("收到来信5件。") == []  # no 申请 before the figure
    assert figures("收到申请人材料5件。") == []  # 申请人 masks 申请
    assert figures("公开的各类文件和其他很多资料总共有5件。") == []  # beyond the window


def test_a_clause_ends_the_subject() -> None:
    assert figures("公开,其余5件。") == []


def test_connectors_join_into_one_figure() -> None:
    assert figures("公开及不公开8件。") == [(("c", "d"), 8)]
    assert figures("公开和其他不公开8件。") == [(("d",), 8)]  # not adjacent: the last term


def test_respectively_and_each() -> None:
    assert figures("公开、不公开分别为3件、2件。") == [(("c",), 3), (("d",), 2)]
    assert figures("公开及不公开各2件。") == [(("c",), 2), (("d",), 2)]


def test_an_open_list_and_an_approximate_figure_are_not_comparable() -> None:
    listed, rough = parse("公开、不公开等9件。约公开9件。")
    assert listed.open_list and not listed.comparable
    assert rough.approximate and not rough.comparable


def test_a_weak_term_yields_to_the_one_before_it() -> None:
    assert figures("同意公开答复9件。") == [(("c",), 9)]
    assert figures("答复9件。") == [(("w",), 9)]


def test_a_figure_first_category() -> None:
    assert figures("1件为结转。") == [(("b",), 1)]
    assert figures("1件为公开。") == []  # 公开 takes no figure before it


def test_parts_and_inclusions() -> None:
    whole = parse("收到申请7件(含结转1件),其中个人6件。")[0]
    assert whole.includes == ("b",)
    assert [(p.categories, int(p.value), p.columns) for p in whole.parts] == [
        (("b",), 1, False),
        (("p",), 6, True),
    ]
    answered = parse("答复7件,其中公开3件、不公开4件。")[0]
    assert [int(p.value) for p in answered.parts] == [3, 4]


def test_a_figure_no_part_of_the_whole_starts_afresh() -> None:
    found = parse("公开3件,其中个人2件;收到申请5件。")
    assert [s.categories for s in found] == [("c",), ("a",)]
    assert [p.categories for p in found[0].parts] == [("p",)]
    besides = parse("答复7件(其中公开3件,另有2件为结转)。")
    assert [s.categories for s in besides] == [("w",), ("b",)]


def test_shares_and_changes_are_no_figures() -> None:
    (found,) = parse("收到申请50件,占12.5%,较上年增长10%,较上年下降3件。")
    assert found.share is not None and found.share.percent == Decimal("12.5")
    assert found.share.decimals == 1
    assert found.change is not None and found.change.direction == -1
    assert found.change.value == 3 and not found.change.percent and found.change.yearly


def test_negation_states_zero_only_where_allowed() -> None:
    (zero,) = parse("本年未收到任何申请。")
    assert zero.zero and zero.value == 0 and zero.categories == ("a",)
    assert parse("未公开。") == []  # 公开 is not negatable
    assert parse("未收到来信。") == []  # no 申请


def test_rates_and_years_are_no_figures() -> None:
    assert figures("公开率100%,2021年公开。") == []


def test_amounts_carry_their_unit_and_thousands_separators_read_whole() -> None:
    assert figures("收到申请1,234件。") == [(("a",), 1234)]


def test_a_wrapped_line_is_read_through() -> None:
    text = "本年度全部办结的各类依申请公开事项中同意公\n开3件,其余各项均已依法依规处理完毕,不公开2\n件。\n公开1件"
    found = parse(text)
    assert [(s.categories, int(s.value)) for s in found] == [
        (("c",), 3),
        (("d",), 2),
        (("c",), 1),
    ]
    assert text[found[0].start : found[0].end] == "公\n开3件"
