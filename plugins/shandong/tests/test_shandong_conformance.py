"""The Shandong plugin passes the conformance harness every plugin author uses."""

from __future__ import annotations

from pathlib import Path

import gik_rules_shandong

from gik_rules.testing import assert_plugin_conforms

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_plugin_conforms() -> None:
    report = assert_plugin_conforms("shandong", prefix="SD", fixtures=FIXTURES, examples=40)
    assert set(report.rules) == {r.code for r in gik_rules_shandong.gik_rules()}
    assert report.fixtures >= 2 * len(report.rules)


def test_it_is_found_by_its_entry_point_not_by_import() -> None:
    from gik_rules.host import build_host

    host = build_host()
    info = next(p for p in host.plugins if p.name == "shandong")
    assert info.loaded and info.distribution == "gik-rules-shandong"
    assert {c for c, r in host.rules.items() if r.plugin == "shandong"} == {
        r.code for r in gik_rules_shandong.gik_rules()
    }
