"""The command line's console prints plain text itself, without rich, on a stream that is
no terminal: byte for byte what rich prints there, whatever the text (markup, escapes,
emoji codes, tabs, control characters, wide characters, long lines)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.errors import MarkupError

from gik_rules.cli.consoles import lazy_console
from gik_rules.markup import escape

#: characters rich reads specially, and some it does not
SPECIAL = [*"[]/\\:@# \t\r\n\x07\x08\x0b\x0c\x1b", "bold", "red", "/]", ":smile:", "公开"]
TEXT = st.lists(st.sampled_from(SPECIAL) | st.text(max_size=4), max_size=12).map("".join)
#: text rich prints plain (no tab, control character or emoji code): markup and escapes
PLAIN = st.lists(
    st.sampled_from([*"[]/\\@#= aA公", "bold", "red", "/]", "[/]", ": ", "\\\\["]), max_size=14
).map("".join)
TAGS = st.sampled_from(["bold", "dim", "bold red", "yellow", "cyan", "green"])


@st.composite
def markup(draw: Any, text: Any) -> str:
    """A line as gik-rules writes one: tags around escaped text."""
    out = []
    for _ in range(draw(st.integers(0, 4))):
        tag = draw(TAGS)
        close = draw(st.sampled_from([f"[/{tag}]", "[/]"]))
        out.append(f"{draw(text)}[{tag}]{escape(draw(text))}{close}")
    return "".join(out) + escape(draw(text))


def _both(*objects: Any, console: dict[str, Any], **options: Any) -> tuple[object, object]:
    """What rich prints, and what the lazy console prints (or the error each raises)."""
    out = []
    for make in (Console, lazy_console):
        stream = io.StringIO()
        try:
            make(file=stream, **console).print(*objects, **options)
            out.append(stream.getvalue())
        except MarkupError as exc:
            out.append(type(exc))
    return out[0], out[1]


CONSOLE = {"highlight": False, "soft_wrap": True}


@pytest.fixture(autouse=True)
def _no_forced_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


@settings(max_examples=300, deadline=None)
@given(markup(TEXT | PLAIN), st.sampled_from([None, "dim"]))
def test_lines_as_gik_rules_writes_them(line: str, style: str | None) -> None:
    rich, lazy = _both(line, console=CONSOLE, style=style)
    assert lazy == rich


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT | PLAIN, max_size=3), st.sampled_from([True, False]))
def test_any_text_with_or_without_markup(objects: list[str], markup: bool) -> None:
    rich, lazy = _both(*objects, console=CONSOLE, markup=markup)
    assert lazy == rich


def test_plain_text_is_printed_without_rich() -> None:
    stream = io.StringIO()
    console: Any = lazy_console(file=stream, **CONSOLE)
    console.print("[bold]r.json[/bold][dim] 示例市商务局 2021 V2021[/dim]")
    console.print("  [green]no findings[/green]")
    console.print()
    assert console.is_terminal is False
    assert console._console is None  # rich was not needed
    assert stream.getvalue() == "r.json 示例市商务局 2021 V2021\n  no findings\n\n"


def test_what_only_rich_can_print_goes_to_rich() -> None:
    stream = io.StringIO()
    console: Any = lazy_console(file=stream, **CONSOLE)
    console.print("a :smile: b")
    assert console._console is not None
    assert stream.getvalue() == "a 😄 b\n"


def test_a_forced_terminal_is_rich_s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    rich, lazy = _both("[red]x[/red]", console=CONSOLE)
    assert lazy == rich and "\x1b[" in str(lazy)  # in colour, as rich prints it


def test_without_soft_wrap_long_lines_are_rich_s() -> None:
    line = "很长的一行 " * 40
    rich, lazy = _both(line, console={"highlight": False, "width": 80})
    assert lazy == rich and str(lazy).count("\n") > 1  # wrapped by rich


@settings(max_examples=300, deadline=None)
@given(TEXT | PLAIN)
def test_escape_is_rich_s(text: str) -> None:
    from rich.markup import escape as rich_escape

    assert escape(text) == rich_escape(text)
