"""The national plugin against the plugin conformance harness: entry point, rule codes
with the N prefix, complete docs, described params, rules that pickle by reference and
never raise on generated reports (its own cases are in test_national_conformance)."""

from __future__ import annotations

from gik_rules.testing import assert_plugin_conforms


def test_the_national_plugin_conforms() -> None:
    report = assert_plugin_conforms("national", prefix="N", examples=15)
    assert len(report.rules) >= 29
