"""What ``check`` is given to read: files, directories, glob patterns and ``-``."""

from __future__ import annotations

import glob
import itertools
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


def _base(pattern: str) -> Path:
    """The folder a glob pattern searches: its path up to the first part with a wildcard."""
    parts = Path(pattern).parts
    literal = list(itertools.takewhile(lambda p: not is_glob(p), parts))
    return Path(*literal) if literal else Path(".")


def expand(
    paths: Sequence[str],
    discovery: Discovery | None = None,
    *,
    force_exclude: bool = False,
    follow_symlinks: bool = False,
) -> list[Path]:
    """Files as given, the report files under each directory and the paths each glob
        pattern matches, in a stable order (leaving out what the configuration excludes,
        ``.gitignore``d files and Python projects inside the directory). A file named is
        checked even if excluded, unless ``force_exclude``; files a pattern matches are
        treated as found, so the excludes apply. A file named twice, or also found in a
        directory given, is listed once, where it first comes. A path that is not there is
    listed as given (reading it gives its P001 finding). A symlink that leads out of the
    folder walked, or out of the folder a pattern searches, is not followed unless
    ``follow_symlinks`` (a file named is read wherever it leads). ``-`` is left to the
    caller."""
    discovery = discovery or Discovery()
    out: list[tuple[Path, Path | None]] = []  # each with its real path, where walked
    for raw in paths:
        if raw == STDIN:
            continue
        path = Path(raw)
        if path.is_dir():
            if not (force_exclude and excluded(path, discovery.for_path(path), is_dir=True)):
                out.extend(walk(path, discovery, REPORT_SUFFIXES, follow=follow_symlinks))
        elif path.exists():
            if not (force_exclude and excluded(path, discovery.for_path(path))):
                out.append((path, None))
        elif is_glob(raw):
            matched = _matches(raw)
            if not matched:
                raise UsageError(f"no file matches the pattern {raw}")
            base = _base(raw).resolve()
            for match in matched:
                if not follow_symlinks and not match.resolve().is_relative_to(base):
                    continue  # through a link, out of the folder the pattern searches
                if match.is_dir():
                    out.extend(walk(match, discovery, REPORT_SUFFIXES, follow=follow_symlinks))
                elif match.suffix.lower() in REPORT_SUFFIXES and not excluded(
                    match, discovery.for_path(match)
                ):
                    out.append((match, None))
        else:  # checked all the same: its P001 finding says it is missing, the others go on
            out.append((path, None))
    seen: set[Path] = set()
    unique = []
    for path, real in out:
        key = path.resolve() if real is None else real
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
