"""The project configuration: reading it strictly, finding the nearest, walking folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gik_rules.cli.inputs import expand
from gik_rules.config import Config, ConfigError, Discovery, read_config
from gik_rules.host import default_host


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(files: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in files]


def test_every_key_is_read(tmp_path: Path) -> None:
    config = read_config(
        write(
            tmp_path / "gik-rules.toml",
            'ruleset = "rs/office.toml"\nselect = ["N"]\nextend-select = ["P"]\n'
            'ignore = ["N302"]\nper-file-ignores = { "old/*.toml" = ["N3"] }\n'
            'exclude = ["tmp"]\nextend-exclude = ["drafts"]\nrespect-gitignore = false\n',
        )
    )
    assert config.select == ("N",) and config.extend_select == ("P",)
    assert config.ignore == ("N302",) and config.per_file_ignores == {"old/*.toml": ("N3",)}
    assert config.excludes == ("tmp", "drafts") and not config.respect_gitignore
    assert config.ruleset_ref() == str(tmp_path / "rs/office.toml")  # relative to the file
    assert config.ignored_for(tmp_path / "old" / "a.toml") == ("N3",)
    assert config.ignored_for(tmp_path / "new" / "a.toml") == ()


def test_a_named_ruleset_stays_a_name(tmp_path: Path) -> None:
    assert (
        read_config(write(tmp_path / "gik-rules.toml", 'ruleset = "shandong"')).ruleset_ref()
        == "shandong"
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("selekt = ['N']", "selekt"),
        ("select = 'N3'", "select"),  # a string, not a list
        ("respect-gitignore = 'yes'", "respect-gitignore"),
        ("per-file-ignores = { 'a' = 'N3' }", "per-file-ignores"),
        ("extend-exclude = [1]", "extend-exclude"),
    ],
)
def test_unknown_keys_and_wrong_types_name_the_file_and_key(
    tmp_path: Path, text: str, key: str
) -> None:
    path = write(tmp_path / "pyproject.toml", f"[tool.gik-rules]\n{text}\n")
    with pytest.raises(ConfigError) as info:
        read_config(path)
    assert str(path) in str(info.value) and key in str(info.value)
    assert "\n" not in str(info.value)


def test_a_bad_selector_names_the_file_and_key(tmp_path: Path) -> None:
    config = read_config(write(tmp_path / "gik-rules.toml", "extend-select = ['NOPE-RULE']"))
    with pytest.raises(ConfigError, match=r"gik-rules\.toml: extend-select: unknown rule selector"):
        config.validate(default_host().rules)


def test_nearest_wins_and_gik_rules_toml_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "gik-rules.toml", "ignore = ['N1']")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.gik-rules]\nignore = ['N2']")
    write(tmp_path / "sub" / "gik-rules.toml", "ignore = ['N3']")
    write(tmp_path / "other" / "pyproject.toml", "[tool.gik-rules]\nignore = ['N4']")
    discovery = Discovery()
    assert discovery.for_path(tmp_path / "a.toml").ignore == ("N1",)
    assert discovery.for_path(tmp_path / "sub" / "deep" / "a.toml").ignore == ("N3",)
    assert discovery.for_path(tmp_path / "other" / "a.toml").ignore == ("N4",)


def test_a_pyproject_without_the_table_does_not_count(tmp_path: Path) -> None:
    write(tmp_path / "gik-rules.toml", "ignore = ['N1']")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert Discovery().for_path(tmp_path / "sub" / "a.toml").ignore == ("N1",)


def test_isolated_and_explicit(tmp_path: Path) -> None:
    write(tmp_path / "gik-rules.toml", "ignore = ['N1']")
    explicit = read_config(write(tmp_path / "elsewhere.toml", "ignore = ['N2']"))
    assert Discovery(isolated=True).for_path(tmp_path / "a.toml") == Config()
    assert Discovery(explicit=explicit).for_path(tmp_path / "a.toml").ignore == ("N2",)


def test_tool_folders_are_never_walked(tmp_path: Path) -> None:
    write(tmp_path / "gik-rules.toml")
    write(tmp_path / "a.toml")
    for folder in (".venv", "venv", ".git", "node_modules", "__pycache__", "build", "dist"):
        write(tmp_path / folder / "r.toml")
        write(tmp_path / "deep" / folder / "r.toml")
    assert names(expand([str(tmp_path)]), tmp_path) == ["a.toml"]


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(tmp_path: Path) -> None:
    for name in ("a.toml", "build/b.toml", "drafts/c.toml", "x/drafts/d.toml", "e.txt"):
        write(tmp_path / name)
    write(tmp_path / "gik-rules.toml", "extend-exclude = ['drafts', '*.txt']")
    assert names(expand([str(tmp_path)]), tmp_path) == ["a.toml"]
    write(tmp_path / "gik-rules.toml", "exclude = ['/drafts']")  # anchored at the config's folder
    assert names(expand([str(tmp_path)]), tmp_path) == [
        "a.toml",
        "build/b.toml",
        "e.txt",
        "x/drafts/d.toml",
    ]


def test_gitignore_is_respected_unless_turned_off(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "ignored/\n*.pdf\n")
    write(tmp_path / "sub" / ".gitignore", "!keep.pdf\n")
    for name in ("a.toml", "ignored/b.toml", "c.pdf", "sub/d.pdf", "sub/keep.pdf"):
        write(tmp_path / name)
    assert names(expand([str(tmp_path)]), tmp_path) == ["a.toml", "sub/keep.pdf"]
    # the repository's .gitignore holds for a folder inside it
    assert names(expand([str(tmp_path / "sub")]), tmp_path) == ["sub/keep.pdf"]
    write(tmp_path / "gik-rules.toml", "respect-gitignore = false")
    assert len(expand([str(tmp_path)])) == 5


def test_a_symlink_out_of_the_tree_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.toml")
    tree = tmp_path / "tree"
    write(tree / "a.toml")
    write(tree / "inner" / "b.toml")
    os.symlink(outside, tree / "link-dir")
    os.symlink(outside / "secret.toml", tree / "link.toml")
    os.symlink(tree / "inner" / "b.toml", tree / "inside.toml")  # inside: followed
    os.symlink(tree, tree / "inner" / "loop")  # back to the top: no loop
    assert names(expand([str(tree)]), tree) == ["a.toml", "inner/b.toml"]


def test_a_file_named_is_checked_even_if_excluded(tmp_path: Path) -> None:
    write(tmp_path / "gik-rules.toml", "extend-exclude = ['drafts']")
    draft = write(tmp_path / "drafts" / "a.toml")
    assert expand([str(draft)]) == [draft]
    assert expand([str(draft)], force_exclude=True) == []
    assert expand([str(tmp_path / "drafts")], force_exclude=True) == []
