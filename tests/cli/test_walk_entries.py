"""A walk looks at a file that is neither a link nor a folder by what its folder's
entries tell (``cli.walk``: its real path and the paths the excludes and ``.gitignore``
files match made from its folder's): the same files, the same real paths and the same
configurations as looking at each path itself, over generated trees."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gik_rules.cli.inputs import REPORT_SUFFIXES
from gik_rules.cli.walk import (
    _gitignore,
    _gitignored,
    _is_project,
    _outer_gitignores,
    excluded,
    walk,
)
from gik_rules.config import Discovery

_FOLDERS = ["", "a", "a/b", "build", "a/build", "c"]
_NAMES = ["r.json", "s.txt", "build", "t.csv", "x.py", "b.json"]
_PATTERNS = ["build", "a/b/", "*.txt", "/c", "!build", "r.json", "a/*.json", "b"]

_trees = st.fixed_dictionaries(
    {
        "files": st.lists(st.tuples(st.sampled_from(_FOLDERS), st.sampled_from(_NAMES))),
        # a configuration in a folder: its own excludes (and where it sits decides
        # what its patterns are relative to)
        "configs": st.dictionaries(
            st.sampled_from(_FOLDERS), st.lists(st.sampled_from(_PATTERNS), max_size=3)
        ),
        "gitignores": st.dictionaries(
            st.sampled_from(_FOLDERS), st.lists(st.sampled_from(_PATTERNS), max_size=3)
        ),
        "git": st.booleans(),  # the tree is a repository
        "links": st.lists(
            st.tuples(st.sampled_from(_FOLDERS), st.sampled_from(["in.json", "out.json", "d"]))
        ),
        "follow": st.booleans(),
    }
)


def _reference(root: Path, discovery: Discovery, follow: bool) -> list[Path]:
    """Each entry looked at by its own path: ``excluded`` and ``_gitignored``, which
    resolve it, as every entry was before."""
    top = root.resolve()
    visited: set[Path] = set()
    start = _outer_gitignores(top)

    def visit(folder: Path, chain: list) -> Iterator[Path]:  # type: ignore[type-arg]
        real = folder.resolve()
        if real in visited:
            return
        visited.add(real)
        config = discovery.for_path(folder)
        if config.respect_gitignore and (spec := _gitignore(folder)) is not None:
            chain = [*chain, (folder, spec)]
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            path = folder / entry.name
            if entry.is_symlink() and not follow and not path.resolve().is_relative_to(top):
                continue
            is_dir = entry.is_dir()
            if excluded(path, config, is_dir=is_dir):
                continue
            if config.respect_gitignore and _gitignored(path, is_dir, chain):
                continue
            if is_dir:
                if not _is_project(path):
                    yield from visit(path, chain)
            elif path.suffix.lower() in REPORT_SUFFIXES and path.name != "gik-rules.toml":
                yield path

    return sorted(visit(root, start))


def _build(top: Path, tree: dict) -> Path:  # type: ignore[type-arg]
    root = top / "tree"
    for folder in _FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    for folder, name in tree["files"]:
        if not (root / folder / name).is_dir():
            (root / folder / name).write_text("{}", encoding="utf-8")
    for folder, patterns in tree["configs"].items():
        lines = ", ".join(f'"{p}"' for p in patterns)
        (root / folder / "gik-rules.toml").write_text(
            f"extend-exclude = [{lines}]\n", encoding="utf-8"
        )
    for folder, patterns in tree["gitignores"].items():
        (root / folder / ".gitignore").write_text("\n".join(patterns) + "\n", encoding="utf-8")
    if tree["git"]:  # the folder above is a repository's top: its .gitignore applies
        (top / ".git").mkdir()
        (top / ".gitignore").write_text("tree/a/b.json\ntree/c/\n", encoding="utf-8")
    (top / "outside").mkdir()
    (top / "outside" / "o.json").write_text("{}", encoding="utf-8")
    for folder, kind in tree["links"]:
        link = root / folder / f"link-{kind}"
        if not os.path.lexists(link):
            target = {
                "in.json": root / "a" / "r.json",
                "out.json": top / "outside" / "o.json",
                "d": top / "outside",
            }[kind]
            link.symlink_to(target)
    return root


def _tree(**given: object) -> dict:  # type: ignore[type-arg]
    empty = {"files": [], "configs": {}, "gitignores": {}, "git": False, "links": []}
    return {**empty, "follow": False, **given}


@settings(max_examples=60, deadline=None)
@given(_trees)
# a pattern of a folder below the configuration's, and of a file beside it
@example(
    _tree(files=[("a", "b.json"), ("a", "r.json"), ("", "r.json")], configs={"": ["a/*.json"]})
)
@example(_tree(files=[("", "r.json"), ("c", "r.json")], configs={"": ["/r.json"]}))
@example(_tree(files=[("a/b", "r.json")], configs={"a": ["b/"]}))
# the deepest .gitignore decides; the repository's own above the folder walked
@example(_tree(files=[("a", "r.json")], gitignores={"": ["a/r.json"], "a": ["!r.json"]}))
@example(_tree(files=[("a", "b.json"), ("c", "t.csv")], git=True))
# through a link to a folder outside (followed): its files' real paths are there
@example(_tree(files=[("a", "r.json")], links=[("c", "d")], follow=True))
def test_a_walk_finds_what_looking_at_each_path_finds(tree: dict) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        root = _build(Path(folder), tree)
        walked = walk(root, (discovery := Discovery()), REPORT_SUFFIXES, follow=tree["follow"])
        assert [path for path, _ in walked] == _reference(root, Discovery(), tree["follow"])
        for path, real in walked:
            assert real == path.resolve()
            # told by the walk, the configuration is the one looked up from the path
            assert discovery.for_path(path) == Discovery().for_path(path)
