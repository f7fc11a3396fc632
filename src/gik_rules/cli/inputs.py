"""What ``check`` is given to read: files, directories, glob patterns and ``-``."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path

from gik_rules.cli.usage import UsageError
from gik_rules.cli.walk import excluded, walk
from gik_rules.config import Discovery

REPORT_SUFFIXES = frozenset(
    {".txt", ".docx", ".html", ".htm", ".pdf", ".toml", ".json", ".csv", ".xlsx"}
)
STDIN = "-"
_GLOB = frozenset("*?[")


def is_glob(raw: str) -> bool:
    return any(c in _GLOB for c in raw)


def _matches(raw: str) -> list[Path]:
    """The paths a pattern matches, sorted; ``**`` crosses directories."""
    return [Path(p) for p in sorted(glob.glob(raw, recursive=True))]


def expand(
    paths: Sequence[str], discovery: Discovery | None = None, *, force_exclude: bool = False
) -> list[Path]:
    """Files as given, the report files under each directory and the paths each glob
        pattern matches, in a stable order (leaving out what the configuration excludes,
        ``.gitignore``d files and Python projects inside the directory). A file named is
        checked even if excluded, unless ``force_exclude``; files a pattern matches are
        treated as found, so the excludes apply. A file named twice, or also found in a
        directory given, is listed once, where it first comes. A path that is not there is
    listed as given (reading it gives its P001 finding). ``-`` is left to the caller."""
    discovery = discovery or Discovery()
    out: list[Path] = []
    for raw in paths:
        if raw == STDIN:
            continue
        path = Path(raw)
        if path.is_dir():
            if not (force_exclude and excluded(path, discovery.for_path(path), is_dir=True)):
                out.extend(walk(path, discovery, REPORT_SUFFIXES))
        elif path.exists():
            if not (force_exclude and excluded(path, discovery.for_path(path))):
                out.append(path)
        elif is_glob(raw):
            matched = _matches(raw)
            if not matched:
                raise UsageError(f"no file matches the pattern {raw}")
            for match in matched:
                if match.is_dir():
                    out.extend(walk(match, discovery, REPORT_SUFFIXES))
                elif match.suffix.lower() in REPORT_SUFFIXES and not excluded(
                    match, discovery.for_path(match)
                ):
                    out.append(match)
        else:  # checked all the same: its P001 finding says it is missing, the others go on
            out.append(path)
    seen: set[Path] = set()
    unique = []
    for path in out:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
