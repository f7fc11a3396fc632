"""The installed plugins' entry points, found once for each state of the installation.

``importlib.metadata`` finds a group's entry points by reading the metadata of every
installed distribution; with its own import that was about a tenth of the start-up of
``gik-rules check``. What it finds for the ``gik_rules`` group (each entry point with its
distribution's name and version, and gik-rules' own version) is kept in the data cache
(``data_cache``) under a key of what is installed: every ``sys.path`` entry, and in each
folder the names of its ``*.dist-info``, ``*.egg-info`` and ``EGG-INFO`` folders with the
size and modification time of their ``entry_points.txt`` (and of an egg's ``PKG-INFO``,
whose folder name need not carry the version). Installing, upgrading or removing a
distribution adds, renames or removes such a folder, and an edited ``entry_points.txt``
changes its time: a new key, so a plugin installed since the last run is always found.
Where another finder than the standard one (or importlib_metadata's, its backport) can
report distributions (a custom import hook), nothing is kept: importlib.metadata is asked
every time.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import attrs

from gik_rules import data_cache

GROUP = "gik_rules"
CORE = "gik-rules"  # the core's distribution

#: ``module:attr.sub [extras]``: the entry point value syntax (importlib.metadata's own)
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_METADATA_DIRS = (".dist-info", ".egg-info", "EGG-INFO")


@attrs.frozen(slots=True)
class PluginEntry:
    """One entry point of the group, as its distribution declares it."""

    name: str
    value: str
    distribution: str = ""
    version: str = ""

    def load(self) -> Any:
        """The object the entry point names (``importlib.metadata.EntryPoint.load``)."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"not an entry point: {self.value!r}")
        found: Any = importlib.import_module(match["module"])
        for attr in filter(None, (match["attr"] or "").split(".")):
            found = getattr(found, attr)
        return found


@attrs.frozen(slots=True)
class Installed:
    """The group's entry points (sorted by name) and the core's version."""

    entries: tuple[PluginEntry, ...]
    core_version: str


def installed() -> Installed:
    """What is installed now: from the data cache when the installation is as it was."""
    state = _state()
    if state is None:
        return _scan()
    return data_cache.cached(f"entry points of {GROUP}", repr(state), _scan)


def _scan() -> Installed:
    import importlib.metadata as md

    entries = tuple(
        PluginEntry(
            ep.name,
            ep.value,
            ep.dist.name if ep.dist else "",
            ep.dist.version if ep.dist else "",
        )
        for ep in sorted(md.entry_points(group=GROUP), key=lambda e: e.name)
    )
    try:
        version = md.version(CORE)
    except md.PackageNotFoundError:
        version = ""
    return Installed(entries, version)


def _state() -> list[tuple[Any, ...]] | None:
    """The installation as far as finding distributions goes; None when a finder other
    than the standard one could report distributions."""
    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and not _standard(finder):
            return None
    return [_folder_state(entry) for entry in sys.path]


def _standard(finder: object) -> bool:
    """The standard path finder, or the importlib_metadata backport's, which takes its
    place once imported (Dask imports it) and reads the same folders."""
    from importlib.machinery import PathFinder

    if finder is PathFinder or isinstance(finder, PathFinder):
        return True
    kind = type(finder)
    return (kind.__module__, kind.__qualname__) == ("importlib_metadata", "MetadataPathFinder")


def _folder_state(entry: str) -> tuple[Any, ...]:
    folder = entry or "."
    try:
        with os.scandir(folder) as listing:
            names = sorted(e.name for e in listing if e.name.endswith(_METADATA_DIRS))
    except OSError:  # a zip file, or nothing there
        return (entry, _stamp(folder))
    return (entry, [(name, *_files(os.path.join(folder, name))) for name in names])


def _files(meta: str) -> Sequence[object]:
    stamps = [_stamp(os.path.join(meta, "entry_points.txt"))]
    if not meta.endswith(".dist-info"):
        stamps.append(_stamp(os.path.join(meta, "PKG-INFO")))
    return stamps


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)
