"""docs/rules/ is generated from the rule metadata (``make docs``) and must be current."""

from __future__ import annotations

from gik_rules.docs import render, stale
from gik_rules.host import Host
from tests.conftest import REPO

RULE_DOCS = REPO / "docs" / "rules"


def test_docs_rules_is_current(host: Host) -> None:
    behind = stale(RULE_DOCS, render(host))
    assert behind == [], f"docs/rules is stale ({', '.join(behind)}): run `make docs`"


def test_every_rule_has_a_page_and_an_index_entry(host: Host) -> None:
    pages = render(host)
    index = pages["index.md"]
    for rule in host.rules.values():
        page = pages[f"{rule.code}-{rule.name}.md"]
        assert page.startswith(f"# {rule.code} {rule.name}\n")
        assert f"[{rule.code}]({rule.code}-{rule.name}.md)" in index
        if rule.plugin == "national":
            for heading in ("## What it checks", "## Why", "## Example", "## Legal source"):
                assert heading in page, (rule.code, heading)
