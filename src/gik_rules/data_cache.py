"""The installed data files as the strict converter read them, kept between runs.

Every run starts by reading the form variants, the rules' metadata, the plugins' data
files and its ruleset (about 30 TOML files) through the strict converter
(``gik_rules.strict``), with cattrs and tomllib imported for it: about a quarter of the
start-up of ``gik-rules check``. (The plugins' entry points are kept here too,
``plugin_entries``, and which check each rule module implements, ``rules.catalog``.)
What the converter (and the loader after it) produced from a file is kept as one
pickle, under a key made of the file's text, what it was read as, the Python and
gik-rules versions and the installed code that reads it (the paths, sizes and
modification times of its packages' files, as the check cache's key): an edited data
file or an edited reader is a new key, never a stale answer. Only what passed the
converter is kept: a file with an error is read, and fails, every time.

The folder is the user's own, ``$XDG_CACHE_HOME/gik-rules/data`` (``~/.cache/...``),
always safe to delete; ``GIK_RULES_DATA_CACHE_DIR`` names another, and set empty turns
the cache off. A missing, damaged or foreign entry is a miss and a folder that cannot be
written is no error. ``--no-cache`` leaves it on: it holds no results, only what the
installed files say.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar, cast

from gik_rules import __version__

T = TypeVar("T")

#: bumped whenever what an entry holds changes shape
FORMAT = "1"
ENV_DIR = "GIK_RULES_DATA_CACHE_DIR"

_fingerprints: dict[str, str] = {}


def digest(*parts: object) -> str:
    """A digest of the ``repr`` of each part."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def package_files(modules: Iterable[str]) -> list[tuple[str, int, int]]:
    """The path, size and modification time of every file of the packages ``modules``."""
    out = []
    for name in sorted(set(modules)):
        spec = importlib.util.find_spec(name)
        for root in (spec.submodule_search_locations or []) if spec else []:
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                for filename in sorted(filenames):
                    st = os.stat(os.path.join(dirpath, filename))
                    out.append((os.path.join(dirpath, filename), st.st_size, st.st_mtime_ns))
    return out


def store_pickle(entry: Path, value: object) -> None:
    """``value`` pickled to ``entry``, atomically (a reader sees the old entry or the new)."""
    import tempfile

    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_dir() -> Path | None:
    """Where entries are kept; None when the cache is off."""
    named = os.environ.get(ENV_DIR)
    if named is not None:
        return Path(named) if named else None
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if home.startswith("~"):  # no home folder: no cache (never a folder named ~ here)
        return None
    return Path(home, "gik-rules", "data")


def code_digest(package: str) -> str:
    """A digest of the installed files of ``package`` (their paths, sizes and times;
    walked once per process, for this cache and the check cache alike)."""
    if package not in _fingerprints:
        _fingerprints[package] = digest(package_files([package]))
    return _fingerprints[package]


def _entry(what: str, text: str, code: Iterable[str]) -> Path | None:
    """Where the entry of ``what`` read from ``text`` is kept; None when the cache is off."""
    folder = cache_dir()
    if folder is None:
        return None
    packages = sorted({"gik_rules", *code})
    key = digest(FORMAT, sys.version, __version__, what, text, [code_digest(p) for p in packages])
    return folder / f"v{FORMAT}" / f"{key}.pickle"


def _load(entry: Path) -> object:
    try:
        with open(entry, "rb") as f:
            return pickle.load(f)  # the user's own cache folder
    except Exception:  # a missing, damaged or foreign entry is a miss
        return _MISS


def _store(entry: Path, value: object) -> None:
    # a read-only or full disk, or a value that does not pickle: no cache
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        store_pickle(entry, value)


_MISS = object()


def cached(what: str, text: str, build: Callable[[], T], *, code: Iterable[str] = ()) -> T:
    """``build()``, the reading of a data file whose content is ``text`` as ``what`` (the
    file and what it is read into), from the cache when it was read before by the same
    code: that of gik-rules and of the packages ``code`` names."""
    entry = _entry(what, text, code)
    if entry is None:
        return build()
    value = _load(entry)
    if value is _MISS:
        value = build()
        _store(entry, value)
    return cast(T, value)


def kept(what: str, text: str, *, code: Iterable[str] = ()) -> object | None:
    """What ``keep`` kept of ``what`` read from ``text`` by the same code (as ``cached``);
    None when nothing is kept (or the cache is off)."""
    entry = _entry(what, text, code)
    if entry is None:
        return None
    value = _load(entry)
    return None if value is _MISS else value


def keep(what: str, text: str, value: object, *, code: Iterable[str] = ()) -> None:
    """``value`` kept for ``kept``: for what is known only once a whole task succeeded."""
    entry = _entry(what, text, code)
    if entry is not None:
        _store(entry, value)
