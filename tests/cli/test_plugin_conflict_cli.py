"""Two installed plugins claiming one rule code: a clear error, exit code 2, no traceback."""

from __future__ import annotations

import types

import pytest

from gik_rules.cli import commands
from gik_rules.cli.main import main
from gik_rules.hookspecs import hookimpl
from gik_rules.host import Host, build_host
from gik_rules.rules import Rule, RuleDoc, Severity


@hookimpl
def gik_rules() -> list[Rule]:
    return [Rule("N101", "my-sections", "s", Severity.ERROR, ("g",), RuleDoc(what="w"))]


def test_a_code_claimed_twice_stops_the_command_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copycat = types.SimpleNamespace(gik_rules=gik_rules)

    def host() -> Host:
        return build_host([("copycat", copycat)])

    monkeypatch.setattr(commands, "default_host", host)
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert "plugins cannot be loaded together" in err
    assert "rule N101 is claimed by both national and copycat" in err
    assert "Traceback" not in err
