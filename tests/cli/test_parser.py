"""How the command line is parsed: help pages, one-line usage errors with exit code 2,
abbreviated long options, and main() returning its exit code."""

from __future__ import annotations

import json

import pytest

from gik_rules import __version__
from gik_rules.cli.main import cli, main
from tests.conftest import REPO

EXAMPLES = REPO / "examples"
COMMANDS = ["check", "rules", "rule", "plugins", "parse", "schema", "render", "new", "fix", "diff"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands_in_their_order() -> None:
    assert list(cli.commands) == COMMANDS


def test_version_is_returned_not_exited(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"gik-rules {__version__}\n", "")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_examples_and_exit_codes(
    capsys: pytest.CaptureFixture[str], command: str, flag: str
) -> None:
    code, out, err = run(capsys, command, flag)
    assert code == 0 and err == ""
    assert out.startswith(f"Usage: gik-rules {command} ")
    assert f"  gik-rules {command}" in out.split("Examples:")[1]
    assert "Exit codes:" in out and "2  usage error" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "Missing command"),
        (["nosuch"], "No such command 'nosuch'"),
        (["check"], "Missing argument 'PATH...'"),
        (["check", "x", "--format", "xml"], "'xml' is not one of 'text', 'json'"),
        (["check", "x", "--nope"], "No such option"),
        (["check", "x", "--ruleset"], "Option '--ruleset' requires an argument"),
        (["check", "x", "--e"], "ambiguous option: --e could match --extend-select, --english"),
        (["rules", "extra"], "unexpected extra argument (extra)"),
        (["rule"], "Missing argument 'CODE_OR_NAME'"),
        (["parse"], "Missing argument 'FILE'"),
        (["new", "--organ", "x", "--year", "y", "--level", "department"], "not a valid integer"),
        (["new", "--organ", "x", "--year", "2024"], "Missing option '--level'. Choose from:"),
        (["fix", "r.toml", "-o", "f.toml", "--in-place"], "not allowed with --in-place"),
    ],
)
def test_a_parse_error_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    command = argv[0] if argv and argv[0] != "nosuch" else ""
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert message in err
    assert err.endswith(f"Try '{' '.join(['gik-rules', command]).strip()} --help' for help.\n")


def test_unique_prefixes_of_long_options_are_accepted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    full = run(capsys, "check", str(EXAMPLES / "faulty-2021.toml"), "--format", "json")
    short = run(capsys, "check", str(EXAMPLES / "faulty-2021.toml"), "--form=json")
    assert short == full and json.loads(short[1])["summary"]["reports"] == 1
    # an option's value is never expanded, nor what comes after --
    code, _, err = run(capsys, "check", str(EXAMPLES), "--ruleset", "--eng")
    assert code == 2 and "'--eng'" in err


def test_selectors_repeat_and_split_on_commas(capsys: pytest.CaptureFixture[str]) -> None:
    faulty = str(EXAMPLES / "faulty-2021.toml")
    one = run(capsys, "check", faulty, "--format", "json", "--select", "N3,N1")
    two = run(capsys, "check", faulty, "--format", "json", "--select", "N3", "--select=N1")
    assert one == two


def test_short_flags_alone_or_together_mean_their_long_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    faulty = str(EXAMPLES / "faulty-2021.toml")
    long = run(capsys, "check", faulty, "--quiet", "--no-cache", "--jobs", "1")
    assert long[0] == 1 and "finding" not in long[1].splitlines()[-1]  # no summary
    for argv in (["-q", "-j", "1"], ["-qj", "1"], ["-q", "-j1"]):
        assert run(capsys, "check", faulty, "--no-cache", *argv) == long
    # a short option's value is never spelt long
    code, _, err = run(capsys, "check", faulty, "--ruleset", "-q")
    assert code == 2 and "'-q'" in err
