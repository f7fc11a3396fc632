"""table_name: one way to name a table in Chinese, from the variant, for every rule."""

from __future__ import annotations

import attrs

from gik_rules.forms.variant import TableSpec
from gik_rules.host import Host
from gik_rules.rules.locate import table_name


def test_tables_are_named_by_the_section_that_prints_them(host: Host) -> None:
    for variant_id in ("V2019", "V2021"):
        variant = host.variants[variant_id]
        assert [table_name(t, variant) for t in ("t2", "t3", "t4")] == ["表二", "表三", "表四"]


def test_a_table_the_variant_does_not_know_keeps_its_id(host: Host) -> None:
    variant = host.variants["V2021"]
    assert table_name("t12", variant) == "t12"  # by the id's digit it read 表四
    assert table_name("t3", None) == "t3"
    unnumbered = attrs.evolve(variant, tables=(TableSpec("t9", "附表", 0),))
    assert table_name("t9", unnumbered) == "t9"  # never 表0
