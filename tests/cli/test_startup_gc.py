"""The collector held off while the console script starts, and on again for the work."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from gik_rules.cli import startup_gc
from gik_rules.cli.main import main
from tests.conftest import REPO


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    startup_gc.release()
    if was:
        gc.enable()


def test_release_turns_on_only_what_hold_turned_off() -> None:
    startup_gc.hold()
    assert not gc.isenabled()
    startup_gc.release()
    assert gc.isenabled()
    gc.disable()  # the caller's own choice: left as it is
    startup_gc.hold()
    startup_gc.release()
    assert not gc.isenabled()


@pytest.mark.parametrize(
    "argv",
    [
        ["check", str(REPO / "examples" / "clean-2021.toml"), "-q", "--no-cache", "--isolated"],
        ["rules", "--format", "json"],
    ],
)
def test_a_command_turns_the_collector_back_on(argv: list[str]) -> None:
    startup_gc.hold()
    assert main(argv) == 0
    assert gc.isenabled()
