"""Rulesets, rule metadata and rule modules are strict: a wrong value, an unknown key or a
module that cannot be imported is a located error, never a rule silently switched off."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from gik_rules.hookspecs import hookimpl
from gik_rules.host import Host, build_host
from gik_rules.rules import RuleDataError, load_rule_package
from gik_rules.ruleset import RulesetError, ruleset_of

LATE = """\
schema_version = 1
[meta]
organ = "示例市商务局"
year = 2023
level = "department"
published = 2024-02-15
"""


def _gik(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gik_rules.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def _ruleset(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "office.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["5", '"13-01"', '"garbage"', '"02-29"', '""', "true"])
def test_a_deadline_of_the_wrong_type_is_rejected(host: Host, tmp_path: Path, value: str) -> None:
    path = _ruleset(
        tmp_path,
        f"""\
        [ruleset]
        extends = ["national"]
        [params.published-late]
        department_deadline = {value}
        """,
    )
    with pytest.raises(RulesetError) as info:
        ruleset_of(host, str(path))
    message = str(info.value)
    assert message.startswith(f"{path}: params.published-late.department_deadline: ")
    assert 'expected a month and day such as "01-31", not ' in message


def test_the_command_line_exits_2_on_a_bad_param_and_finds_the_late_report(
    tmp_path: Path,
) -> None:
    (tmp_path / "late.toml").write_text(LATE, encoding="utf-8")
    bad = _ruleset(
        tmp_path,
        """\
        [ruleset]
        extends = ["national"]
        [params.published-late]
        department_deadline = 5
        """,
    )
    run = _gik("check", "late.toml", "--ruleset", str(bad), cwd=tmp_path)
    assert run.returncode == 2, run.stdout
    assert "department_deadline: expected a month and day" in run.stderr
    assert "Traceback" not in run.stderr
    good = tmp_path / "good.toml"
    good.write_text(bad.read_text("utf-8").replace("= 5", '= "01-31"'), encoding="utf-8")
    run = _gik("check", "late.toml", "--ruleset", str(good), "--select", "N601", cwd=tmp_path)
    assert run.returncode == 1
    assert "逾期15天" in run.stdout


def test_the_township_deadline_may_stay_empty(host: Host, tmp_path: Path) -> None:
    path = _ruleset(
        tmp_path,
        """\
        [ruleset]
        extends = ["national"]
        [params.published-late]
        township_deadline = ""
        government_deadline = "03-15"
        """,
    )
    config = ruleset_of(host, str(path)).config("N601")
    assert config is not None and config.params["government_deadline"] == "03-15"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '[ruleset]\nextends = "national"\n',
            "ruleset.extends: expected a list of strings, not 'national'",
        ),
        (
            '[ruleset]\nextends = ["national"]\nextend_select = ["N"]\nignor = ["N302"]\n',
            "ruleset: unknown keys 'extend_select', 'ignor' (known: name, description, extends,"
            " select, extend-select, ignore, jurisdiction)",
        ),
        ('[ruleset]\nselect = "N3"\n', "ruleset.select: expected a list of strings, not 'N3'"),
        ('[rulset]\nselect = ["N"]\n', "unknown key 'rulset' (known: ruleset, severity, params)"),
        ('[severity]\nblank-cell = "fatal"\n', "severity.blank-cell: expected one of 'error'"),
        (
            '[ruleset]\nextends = ["national"]\njurisdiction = "shandnog"\n',
            "ruleset.jurisdiction: unknown jurisdiction 'shandnog' (the installed plugins "
            "know: national, shandong)",
        ),
        (
            "[params.published-late]\nmax_years_after = 1\n",
            "params.published-late: rule N601 has no param 'max_years_after'",
        ),
        ("[params.hierarchy-sum]\nmode = 'more'\n", "one of 'at-least', 'equal'"),
        ("[params.text-reuse]\nthreshold = 2\n", "expected a number from 0 to 1, not 2"),
    ],
)
def test_ruleset_files_are_strict(host: Host, tmp_path: Path, body: str, message: str) -> None:
    path = _ruleset(tmp_path, body)
    with pytest.raises(RulesetError) as info:
        ruleset_of(host, str(path))
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)


RULE_TOML = """\
[[rule]]
code = "ZQ001"
name = "zq-demo"
summary = "s"
severity = "error"
{extra}
[rule.doc]
what = "w"
"""

RULE_PY = 'from gik_rules.rules import implements\n\n\n@implements("ZQ001")\ndef demo(report, ctx):\n    return []\n'


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, module: str) -> str:
    name = "strict_" + "".join(c if c.isalnum() else "_" for c in tmp_path.name)
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "demo.toml").write_text(RULE_TOML.format(extra=extra), encoding="utf-8")
    (package / "demo.py").write_text(module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("first_yaer = 2021", "rule[1] (ZQ001): unknown key 'first_yaer' (known: code, name,"),
        ('first_year = "2021"', "rule[1] (ZQ001).first_year: expected an integer, not '2021'"),
        ('groups = "numbers"', "rule[1] (ZQ001).groups: expected a list of strings"),
        ('enabled = "yes"', "rule[1] (ZQ001).enabled: expected true or false, not 'yes'"),
        ("[rule.params.days]\ndefault = 3", "rule[1] (ZQ001).params.days.type: required, missing"),
        (
            '[rule.params.days]\ntype = "integer"\ndefault = "3"',
            "rule ZQ001: params.days.default: expected an integer, not '3'",
        ),
        ('[rule.params.days]\ntype = "date"\ndefault = 3', "params.days.type: expected one of"),
        ('quiet_unless = ["blanks"]', "'quiet_unless' must be in ('blank', 'invalid',"),
        ('quiet_unless = "blank"', "rule[1] (ZQ001).quiet_unless: expected a list of strings"),
    ],
)
def test_rule_metadata_is_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, message: str
) -> None:
    package = _package(tmp_path, monkeypatch, extra, RULE_PY)
    with pytest.raises(RuleDataError) as info:
        load_rule_package(package)
    assert f"{package}/demo.toml: " in str(info.value)
    assert message in str(info.value)


def _plugin_of(package: str) -> types.SimpleNamespace:
    def gik_rules() -> list[object]:
        return list(load_rule_package(package, plugin="broken"))

    return types.SimpleNamespace(gik_rules=hookimpl(gik_rules))


def test_a_rule_module_that_fails_to_import_fails_its_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its rules are not listed as loaded (they could never run): the plugin is failed,
    with the import error, and the other plugins load."""
    module = "import gik_rules_no_such_dependency\n" + RULE_PY
    package = _package(tmp_path, monkeypatch, "", module)
    host = build_host([("broken", _plugin_of(package))])
    (failed,) = host.failed
    assert failed.name == "broken"
    assert failed.error is not None
    assert "the rule module failed to import: ModuleNotFoundError" in failed.error
    assert "gik_rules_no_such_dependency" in failed.error
    assert "ZQ001" not in host.rules
    assert "N601" in host.rules  # the installed plugins still load


def test_a_rule_without_its_check_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module that implements nothing no longer turns its rules into reader rules."""
    package = _package(tmp_path, monkeypatch, "", "# the check was deleted\n")
    with pytest.raises(RuleDataError, match="rule ZQ001 has no implementation"):
        load_rule_package(package)


def test_gik_rules_plugins_lists_the_failed_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from gik_rules import host as host_module
    from gik_rules.cli.main import cli

    module = "raise RuntimeError('broken on import')\n" + RULE_PY
    package = _package(tmp_path, monkeypatch, "", module)
    broken = build_host([("broken", _plugin_of(package))])
    monkeypatch.setattr(host_module, "default_host", lambda: broken)
    monkeypatch.setattr("gik_rules.cli.commands.default_host", lambda: broken)
    result = CliRunner().invoke(cli, ["plugins", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"status": "failed"' in result.output
    assert "RuntimeError: broken on import" in result.output


def test_the_unreadable_codes_are_the_unreadable_groups(host: Host) -> None:
    """What decides exit 2 and what no baseline hides is the group no selection leaves out."""
    from gik_rules.rules import unreadable

    grouped = {code for code, rule in host.rules.items() if unreadable.GROUP in rule.groups}
    assert grouped == unreadable.CODES
