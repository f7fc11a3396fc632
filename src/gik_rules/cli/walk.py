"""The report files under a folder, as the project configuration says: excluded folders
and ``.gitignore``d files left out, symlinks out of the folder never followed unless asked
(``--follow-symlinks``; a link back into a folder already walked never is)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gik_rules.config import CONFIG_NAME, PYPROJECT, Config, Discovery, config_file_in, relative
from gik_rules.ingest.manifest import MANIFEST_NAME

if TYPE_CHECKING:
    import pathspec

#: files that are settings, never reports
_NOT_REPORTS = frozenset({CONFIG_NAME, PYPROJECT, MANIFEST_NAME})


def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    import pathspec  # only where folders are walked

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _outer_gitignores(root: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """The ``.gitignore`` files of ``root``'s parents up to its repository's top (the
    folder holding ``.git``): they apply inside ``root`` too, as git reads them."""
    chain = []
    for folder in root.parents:
        spec = _gitignore(folder)
        if spec is not None:
            chain.append((folder, spec))
        if (folder / ".git").exists():
            return list(reversed(chain))
    return []  # not in a repository: git reads none of them


def _gitignored(path: Path, is_dir: bool, chain: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> bool:
    """Whether the nearest ``.gitignore`` that has a say about ``path`` ignores it."""
    return _ignored(((relative(path, folder), spec) for folder, spec in reversed(chain)), is_dir)


def _ignored(rels: Iterable[tuple[str | None, pathspec.GitIgnoreSpec]], is_dir: bool) -> bool:
    """``_gitignored`` of a path by its place under each ``.gitignore``'s folder, the
    deepest first."""
    for rel, spec in rels:  # the deepest file decides, as in git
        if rel is None:
            continue
        result = spec.check_file(rel + "/" if is_dir else rel)
        if result.include is not None:
            return bool(result.include)
    return False


def excluded(path: Path, config: Config, *, is_dir: bool = False) -> bool:
    """Whether ``exclude``/``extend-exclude`` leave ``path`` (or one of its folders below
    the configuration's) out."""
    return _excluded(relative(path, config.root) or path.name, config.exclude_spec(), is_dir)


def _excluded(rel: str, spec: pathspec.GitIgnoreSpec, is_dir: bool) -> bool:
    """``excluded`` of a path by its place under the configuration's root."""
    parts = rel.split("/")
    for n in range(1, len(parts) + 1):
        last = n == len(parts)
        candidate = "/".join(parts[:n]) + ("/" if is_dir or not last else "")
        if spec.match_file(candidate):
            return True
    return False


def _is_project(folder: Path) -> bool:
    """A Python project (a plugin, say) whose files are not reports: a ``pyproject.toml``
    without ``[tool.gik-rules]``."""
    return (folder / PYPROJECT).is_file() and config_file_in(folder) is None


def walk(
    root: Path, discovery: Discovery, suffixes: frozenset[str], *, follow: bool = False
) -> list[tuple[Path, Path]]:
    """The files under ``root`` whose suffix is one of ``suffixes``, sorted, each with
    its real path; a symlink that leads out of ``root`` only with ``follow``.

    What the folder's entries tell (``os.scandir``: a link, a folder) is all a file
    that is neither a link nor a folder is looked at by: its real path is its real
    folder's and its name, and so are the paths the excludes and ``.gitignore`` files
    match (``relative``), with no ``stat`` of its own. The discovery is told each file's
    real folder (``Discovery.walked``)."""
    top = root.resolve()
    found: list[tuple[Path, Path]] = []
    visited: set[Path] = set()

    def visit(
        folder: Path, chain: list[tuple[Path, pathspec.GitIgnoreSpec]]
    ) -> Iterator[tuple[Path, Path]]:
        real = folder.resolve()
        if real in visited:  # a symlink back into the tree: no loop
            return
        visited.add(real)
        config = discovery.for_path(folder)
        if config.respect_gitignore:
            spec = _gitignore(folder)
            chain = [*chain, (folder, spec)] if spec is not None else chain
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        # where this folder is under the configuration's root and each .gitignore's
        excludes = config.exclude_spec()
        base = relative(folder, config.root)
        bases = [(relative(folder, under), spec) for under, spec in reversed(chain)]
        for entry in entries:
            name = entry.name
            path = folder / name
            link = entry.is_symlink()
            target = path.resolve() if link else real / name
            if link and not follow and not target.is_relative_to(top):
                continue  # never out of the walked folder unless asked
            is_dir = entry.is_dir()
            # the folder's configuration decides what in it is left out
            if link:
                if excluded(path, config, is_dir=is_dir):
                    continue
                if config.respect_gitignore and _gitignored(path, is_dir, chain):
                    continue
            else:
                if _excluded(_joined(base, name) or name, excludes, is_dir):
                    continue
                if config.respect_gitignore and _ignored(
                    ((_joined(at, name), spec) for at, spec in bases), is_dir
                ):
                    continue
            if is_dir:
                if not _is_project(path):
                    yield from visit(path, chain)
            elif path.suffix.lower() in suffixes and name not in _NOT_REPORTS:
                yield path, target

    start = _outer_gitignores(top) if discovery.for_path(root).respect_gitignore else []
    found.extend(visit(root, start))
    found.sort()
    discovery.walked(found)
    return found


def _joined(base: str | None, name: str) -> str | None:
    """``relative`` of the entry ``name`` of a folder that is ``base`` (``relative`` of
    the folder) under the same root: none where the folder is not under it."""
    if base is None:
        return None
    return name if base == "." else f"{base}/{name}"
