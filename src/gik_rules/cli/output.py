"""Where the commands write with ``-o``: never over one of their inputs, atomically (a
device, pipe or ``/dev/stdout`` written into, a link's target replaced: ``fix.atomic``),
and a path that cannot be written is a one-line usage error before any work is done."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from gik_rules.cli.usage import UsageError


def _stat(path: Path) -> os.stat_result | None:
    """``path``'s status through its links; None where there is no file to tell."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def refuse_inputs(
    output: Path, inputs: Iterable[Path], command: str, hint: str = "", *, folder: bool = False
) -> None:
    """A usage error when ``output`` is one of the command's ``inputs``, or cannot be
    written (in a folder that is not there or not writable; a folder itself, unless
    ``folder``: then a folder, or a path the command may make one, is left to it):
    raised before any work is done, so that an input is never emptied or replaced by
    what is written, and no run ends in an output it cannot write."""
    written = _stat(output)  # one existing file (through links and ``..`` too)
    if written is not None:  # none to look at where there is no such file yet
        for path in inputs:
            read = _stat(path)
            if read is not None and os.path.samestat(written, read):
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
