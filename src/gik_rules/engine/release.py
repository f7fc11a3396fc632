"""Memory a dataset's chunk freed, given back to the system once the chunk is checked.

Arrow's pool (mimalloc) and the C library's allocator keep what a chunk freed for the
next allocation rather than return it: a chunk's columns and parsed cells, freed, stay
resident beside the rows kept for the dataset rules, and the peak of a big dataset
holds both. Returning them after each chunk costs a few milliseconds a chunk.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable


@functools.cache
def _trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (None where the C library has none: musl, macOS, Windows)."""
    try:  # by its name on glibc systems (find_library would run ldconfig to find it)
        libc = ctypes.CDLL("libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    return trim


def release_unused() -> None:
    """Give the memory freed but held by Arrow's pool and by ``malloc`` back to the
    system (where the C library can). A run that read no dataset has no Arrow pool to
    release: pyarrow is not imported for it."""
    pa = sys.modules.get("pyarrow")
    if pa is not None:
        pa.default_memory_pool().release_unused()
    trim = _trim()
    if trim is not None:
        trim(0)
