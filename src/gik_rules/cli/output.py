"""Where the commands write with ``-o``: never over one of their inputs, atomically (a
device, pipe or ``/dev/stdout`` written into, a link's target replaced: ``fix.atomic``),
and a path that cannot be written is a one-line usage error before any work is done."""

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


def refuse_inputs(
    output: Path, inputs: Iterable[Path], command: str, hint: str = "", *, folder: bool = False
) -> None:
    """A usage error when ``output`` is one of the command's ``inputs``, or cannot be
    written (in a folder that is not there or not writable; a folder itself, unless
    ``folder``: then a folder, or a path the command may make one, is left to it):
    raised before any work is done, so that an input is never emptied or replaced by
    what is written, and no run ends in an output it cannot write."""
    for path in inputs:
        if same_file(output, path):
            raise UsageError(
                f"{command} never overwrites its input {path}{hint}: choose another -o"
            )
    if folder and (output.is_dir() or not output.exists()):
        return
    from gik_rules.fix.atomic import writable  # where -o is given only

    why = writable(output)
    if why is not None:
        raise UsageError(f"cannot write {output}: {why}")


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
