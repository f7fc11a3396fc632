"""The scalars the Arrow kernels of a dataset read are compared with, made once.

A Python value given to a ``pyarrow.compute`` kernel is converted to a scalar on every
call, and the conversion tries to import python-dateutil each time it is not installed
(about a tenth of a millisecond a call, hundreds of calls a chunk)."""

from __future__ import annotations

import functools

import pyarrow as pa

FALSE = pa.scalar(False)
EMPTY = pa.scalar("", pa.string())
ZERO_TEXT = pa.scalar("0", pa.string())


@functools.lru_cache(maxsize=16)
def integer(value: int) -> pa.Scalar:
    """``value`` as an Arrow int64 scalar (a limit read from the active limits)."""
    return pa.scalar(value, pa.int64())
