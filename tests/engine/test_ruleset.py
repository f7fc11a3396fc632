"""Rulesets: extends, select/ignore by code, prefix, name, group; severities; params."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_rules.host import Host
from gik_rules.rules import Severity
from gik_rules.ruleset import RulesetError, load_ruleset


def _load(host: Host, name: str, **kw: object) -> tuple[str, ...]:
    return load_ruleset(name, host.rules, host.rulesets, **kw).codes  # type: ignore[arg-type]


def test_national_selects_every_enabled_national_parse_and_engine_rule(host: Host) -> None:
    codes = _load(host, "national")
    expected = {c for c, r in host.rules.items() if r.enabled and c[0] in "NPX"}
    assert set(codes) == expected
    assert {"N101", "N301", "P001", "X001"} <= set(codes)


def test_shandong_extends_national(host: Host) -> None:
    assert set(_load(host, "national")) <= set(_load(host, "shandong"))


@pytest.mark.parametrize(
    ("selector", "present", "absent"),
    [
        ("N301", {"N301"}, {"N302"}),
        ("identity-mismatch", {"N301"}, {"N302"}),
        ("N3", {"N301", "N302", "N303"}, {"N101"}),
        ("structure", {"N101", "N102"}, {"N301"}),
        ("parse", {"P001", "P005"}, {"N101"}),
    ],
)
def test_selection_by_code_name_prefix_and_group(
    host: Host, selector: str, present: set[str], absent: set[str]
) -> None:
    codes = set(_load(host, "national", select=[selector]))
    assert present <= codes
    assert not (absent & codes)


def test_ignore_removes_after_select(host: Host) -> None:
    codes = set(_load(host, "national", ignore=["blank-cell", "N1"]))
    assert "N302" not in codes and "N101" not in codes and "N301" in codes


@pytest.mark.parametrize("selector", ["N999", "no-such-rule", "nogroup", "Z"])
def test_unknown_selector_is_a_clear_error(host: Host, selector: str) -> None:
    with pytest.raises(RulesetError, match=f"unknown rule selector '{selector}'"):
        _load(host, "national", select=[selector])


def test_ruleset_file_with_extends_severity_and_params(host: Host, tmp_path: Path) -> None:
    (tmp_path / "office.toml").write_text(
        '[ruleset]\nname = "office"\nextends = ["national"]\nignore = ["N2"]\n'
        '[severity]\nblank-cell = "info"\n"N301" = "warning"\n',
        encoding="utf-8",
    )
    ruleset = load_ruleset(str(tmp_path / "office.toml"), host.rules, host.rulesets)
    assert ruleset.name == "office"
    assert not any(c.startswith("N2") for c in ruleset.codes)
    assert ruleset.config("N302").severity is Severity.INFO  # type: ignore[union-attr]
    assert ruleset.config("N301").severity is Severity.WARNING  # type: ignore[union-attr]


def test_relative_extends_and_cycles(host: Host, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[ruleset]\nextends = ["b.toml"]\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[ruleset]\nextends = ["a.toml"]\n', encoding="utf-8")
    with pytest.raises(RulesetError, match="extends itself"):
        load_ruleset(str(tmp_path / "a.toml"), host.rules, host.rulesets)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[severity]\nN3 = "info"\n', "must name one rule"),
        ('[severity]\nblank-cell = "fatal"\n', "fatal"),
        ("[params.blank-cell]\nnope = 1\n", "params.blank-cell: rule N302 has no param 'nope'"),
        ("[ruleset\n", "Expected"),
    ],
)
def test_malformed_rulesets(host: Host, tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RulesetError, match=message):
        load_ruleset(str(path), host.rules, host.rulesets)


def test_unknown_ruleset_name_lists_the_known_ones(host: Host) -> None:
    with pytest.raises(RulesetError, match=r"known: .*national"):
        load_ruleset("nowhere", host.rules, host.rulesets)
