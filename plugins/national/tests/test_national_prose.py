"""The narrative is folded once per text, however many rules read it."""

from __future__ import annotations

from pathlib import Path

import attrs
from gik_rules_national.rules.prose import fold_text, passages

from gik_rules.api import check_report, load_ruleset, read

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "clean-2021.toml"


def test_each_text_of_a_report_is_folded_once() -> None:
    report = read(EXAMPLE)
    ruleset = load_ruleset("national")
    fold_text.cache_clear()
    check_report(report, ruleset)
    info = fold_text.cache_info()
    texts = {t for t in (report.preamble, *(s.text for s in report.sections)) if t.strip()}
    joined = 1  # accountability-results reads all sections as one text
    assert info.misses <= len(texts) + joined
    # the narrative and citation rules read them again, from the report's passages
    assert passages(report) is passages(report)


def test_folded_passages_are_the_same_object_for_the_same_text() -> None:
    report = read(EXAMPLE)
    first = [p.folded for p in passages(report)]
    again = [p.folded for p in passages(report)]
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert fold_text("３ １１９ 件").text == "3119件"


def test_the_shared_passages_are_those_of_the_report_being_read() -> None:
    report = read(EXAMPLE)
    other = attrs.evolve(report, preamble="另一份报告的前言。")
    for one in (report, other, report):
        kept = passages(one)
        assert kept == passages.__wrapped__(one)  # type: ignore[attr-defined]
    assert passages(other)[0].text == "另一份报告的前言。"
