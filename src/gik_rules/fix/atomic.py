"""Writing a file so that readers see the old content or the new, never half of it, and
so that no output path destroys what it names.

- A regular file (or a path not there yet) is written to a temporary file beside it and
  replaced in one step; its permission bits are kept.
- A symbolic link is followed: its target is replaced, and the link stays a link.
- What is no regular file (``/dev/null``, a terminal, a named pipe), and any path under
  ``/dev`` or ``/proc`` (``/dev/stdout``), is written into, never replaced: replacing
  ``/dev/null`` with a file (as root) breaks the system, a pipe's reader would wait forever.
- A run stopped by SIGTERM or SIGHUP (a CI job cancelled, a closed terminal) while a
  temporary file is open removes it, as an error or Ctrl-C does: nothing is left behind
  and the old content stands.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any

#: the signals that end a run without Python's own cleanup, unless handled
_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


#: the folders of devices and descriptors: what is there is written into, never replaced
_SYSTEM = {("dev",), ("proc",)}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def target_of(path: Path) -> tuple[Path, bool]:
    """Where writing ``path`` goes, and whether it is replaced (a regular file, or none
    yet) or written into (a device, a pipe, a descriptor such as ``/dev/stdout``)."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    if _SYSTEM & {Path(os.path.abspath(path)).parts[1:2], real.parts[1:2]}:
        return path, False  # /dev/stdout, /dev/null, /proc/self/fd/1: opened as named
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real, True  # a new file (where a dangling link points, too)
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    return real, stat.S_ISREG(mode)


@contextlib.contextmanager
def _ending_signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``SystemExit`` (128 + the signal) in the body, so that
    its cleanup runs; only in the main thread, where Python delivers signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = {}
    for number in _ENDING:
        if signal.getsignal(number) in (signal.SIG_DFL, None):  # leave others' handlers
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def open_atomic(
    path: Path, *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]]:
    """A text stream whose content replaces ``path`` in one step when the block ends
    without an error (as ``write_atomic``, for output too large to hold in memory); on an
    error or an ending signal ``path`` is left as it was and the temporary file removed.
    A device or pipe is written into as the block goes."""
    return _atomic(path, "w", encoding=encoding, newline="")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then replace
    ``path`` with it in one step (a device or pipe is written into). An existing file
    keeps its permission bits; a new one gets those any new file would get (mkstemp's
    private 0600 would hide a report from the web server that publishes it)."""
    with _atomic(path, "wb") as handle:
        handle.write(data)


@contextlib.contextmanager
def _atomic(path: Path, mode: str, **options: Any) -> Iterator[Any]:
    real, replaced = target_of(path)
    if not replaced:
        with open(real, mode, **options) as handle:
            yield handle
        return
    with _ending_signals_raise():
        fd, temp = _temporary(real)
        try:
            with os.fdopen(fd, mode, **options) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            _replace(temp, real)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise


def _temporary(path: Path) -> tuple[int, str]:
    import tempfile  # with shutil, random, bz2, lzma: only for a file replaced

    directory = path.parent if str(path.parent) else Path(".")
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)


def _replace(temp: str, path: Path) -> None:
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(temp, mode)
    os.replace(temp, path)


def writable(path: Path) -> str | None:
    """Why ``path`` cannot be written (None: it can), without writing it: a folder, a
    folder that is not there or not writable, a file or device not writable."""
    try:
        real, replaced = target_of(path)
    except IsADirectoryError:
        return "it is a folder"
    except OSError as exc:
        return exc.strerror or str(exc)
    if not replaced:
        return None if os.access(real, os.W_OK) else "permission denied"
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.is_dir():
        return f"no folder {folder}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable"
    return None
