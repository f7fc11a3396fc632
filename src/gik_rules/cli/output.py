"""Where the commands write with ``-o``: never over one of their inputs, always atomically,
and a path that cannot be written is a one-line usage error, not a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gik_rules.cli.usage import UsageError


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one existing file (through links and ``..`` too)."""
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def refuse_inputs(output: Path, inputs: Iterable[Path], command: str, hint: str = "") -> None:
    """A usage error when ``output`` is one of the command's ``inputs``: raised before any
    work is done, so that an input is never emptied or replaced by what is written."""
    for path in inputs:
        if same_file(output, path):
            raise UsageError(
                f"{command} never overwrites its input {path}{hint}: choose another -o"
            )


def write_output(
    data: bytes, output: Path, inputs: Iterable[Path], command: str, hint: str = ""
) -> None:
    """Write ``data`` to ``output`` atomically, unless ``output`` is one of ``inputs``."""
    from gik_rules.fix.atomic import write_atomic

    refuse_inputs(output, inputs, command, hint)
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
