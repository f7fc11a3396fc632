"""The bytes of an input file: a regular file only, and never more than the limit.

A named pipe would hold the run until some writer comes, ``/dev/zero`` or ``/dev/urandom``
would fill the memory, a socket cannot be read at all: only regular files (and links to
them) are read, opened without blocking so that even the check cannot hang. A file
larger than ``Limits.file_bytes`` is not read into memory (``LimitExceeded``). Standard
input is read up to one byte past the limit, so that the reader can tell it was too long.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from gik_rules.ingest import limits
from gik_rules.ingest.result import UnreadableError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_input(path: Path | str) -> BinaryIO:
    """The regular file at ``path`` opened for reading, its size within the limit
    (whoever reads it past the size it had stops one byte past the limit:
    ``limits.check``); ``UnreadableError`` for anything else, as ``read_input``."""
    return _opened(path)[0]


def _opened(path: Path | str) -> tuple[BinaryIO, int]:
    """``open_input``, and the size the file had when opened."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise UnreadableError(exc.strerror or str(exc)) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        hint = (
            ": give its content on standard input with '-' instead"
            if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)
            else ""
        )
        raise UnreadableError(f"not a regular file ({kind_of(info.st_mode)}){hint}")
    handle = os.fdopen(fd, "rb")
    try:
        limits.check("file_bytes", info.st_size)
    except limits.LimitExceeded:
        handle.close()
        raise
    return handle, info.st_size


def read_input(path: Path | str) -> bytes:
    """The content of the regular file at ``path``; ``UnreadableError`` for anything
    else (missing, unreadable, a special file) and ``LimitExceeded`` past the limit."""
    return read_start(path, None)[0]


def read_start(path: Path | str, size: int | None) -> tuple[bytes, bool]:
    """``read_input`` of at most the first ``size`` bytes (None: all), and whether that
    is the whole file (a big dataset is then read from the file as it is checked)."""
    handle, held = _opened(path)
    with handle:
        most = limits.active().file_bytes + 1  # never more than one byte past the limit
        try:  # the file may have grown since the check
            data = _read_up_to(handle, held, most if size is None else min(most, size + 1))
        except OSError as exc:
            raise UnreadableError(exc.strerror or str(exc)) from None
    if size is not None and len(data) > size:
        return data[:size], False
    limits.check("file_bytes", len(data), at_least=True)
    return data, True


def _read_up_to(handle: BinaryIO, size: int, most: int) -> bytes:
    """At most ``most`` bytes of ``handle``, to its end. Asked for first as much as the
    file held when opened (``size``; and a byte more, to see it grew): a read asks for a
    buffer of the size it is given, and one of the limit's size costs more than reading
    a report."""
    held = size + 1
    data = handle.read(min(most, held))
    if len(data) == held < most:  # it grew since: the rest, up to ``most``
        data += handle.read(most - held)
    return data


def read_stream(stream: BinaryIO) -> bytes:
    """Standard input, up to one byte past the limit (the reader reports such input)."""
    return stream.read(limits.active().file_bytes + 1)
