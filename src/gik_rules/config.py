"""The project configuration: ``[tool.gik-rules]`` in ``pyproject.toml``, or a
``gik-rules.toml``, found like a linter's (see ``docs/configuration.md``).

Each file is checked under the configuration nearest to it: walking up from its folder,
the first folder with a ``gik-rules.toml``, or a ``pyproject.toml`` holding a
``[tool.gik-rules]`` table, wins (``gik-rules.toml`` first when a folder has both).
Nothing is merged between configurations, as in Ruff.

Rule selection is layered: the ruleset, then the configuration's ``select`` (replaces),
``extend-select`` (adds) and ``ignore`` (removes), then the command line's (same
meanings), then the ``per-file-ignores`` that match the file, which always win.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.errors import ConfigError as ConfigError
from gik_rules.ingest.limits import DEFAULT as DEFAULT_LIMITS
from gik_rules.ingest.limits import Limits
from gik_rules.rules.rule import Rule
from gik_rules.ruleset import RulesetError, match_selector

if TYPE_CHECKING:  # both imported when first needed: a check of one file needs neither
    import cattrs
    import pathspec

CONFIG_NAME = "gik-rules.toml"
PYPROJECT = "pyproject.toml"
#: never walked unless ``exclude`` says otherwise: tools' and packagers' folders
DEFAULT_EXCLUDE = (
    ".venv",
    "venv",
    ".git",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    "build",
    "dist",
)


@functools.lru_cache(maxsize=256)
def _spec(lines: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """The compiled patterns, once per run and not once per file walked."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


@attrs.frozen(slots=True)
class Config:
    """One configuration file's settings (``path`` None: the defaults, no file)."""

    path: Path | None = None
    ruleset: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    limits: Limits = DEFAULT_LIMITS  # the [limits] table: what one input file may hold

    @property
    def root(self) -> Path | None:
        """The folder the paths and globs of the file are relative to."""
        return self.path.parent if self.path is not None else None

    @property
    def where(self) -> str:
        """The file and table, as error messages name them."""
        if self.path is None:
            return "defaults"
        return f"{self.path} [tool.gik-rules]" if self.path.name == PYPROJECT else str(self.path)

    @property
    def excludes(self) -> tuple[str, ...]:
        base = DEFAULT_EXCLUDE if self.exclude is None else self.exclude
        return (*base, *self.extend_exclude)

    def ruleset_ref(self) -> str | None:
        """``ruleset`` as ``load_ruleset`` takes it: a name, or a path made relative to the
        configuration file's folder."""
        if self.ruleset is None or self.root is None:
            return self.ruleset
        looks_like_path = self.ruleset.endswith(".toml") or "/" in self.ruleset
        return str(self.root / self.ruleset) if looks_like_path else self.ruleset

    def exclude_spec(self) -> pathspec.GitIgnoreSpec:
        return _spec(self.excludes)

    def ignored_for(self, file: Path) -> tuple[str, ...]:
        """The selectors of every ``per-file-ignores`` glob that matches ``file``."""
        if not self.per_file_ignores:
            return ()  # nothing to match: the file not resolved
        rel = relative(file, self.root)
        if rel is None:
            return ()
        out: list[str] = []
        for glob, selectors in self.per_file_ignores.items():
            if _spec((glob,)).match_file(rel):
                out.extend(selectors)
        return tuple(out)

    def validate(self, rules: Mapping[str, Rule]) -> None:
        """Every selector names rules (``ConfigError`` naming the file and key if not)."""
        keyed: list[tuple[str, Iterable[str]]] = [
            ("select", self.select or ()),
            ("extend-select", self.extend_select),
            ("ignore", self.ignore),
            *((f"per-file-ignores.{glob!r}", s) for glob, s in self.per_file_ignores.items()),
        ]
        for key, selectors in keyed:
            for selector in selectors:
                try:
                    match_selector(selector, rules)
                except RulesetError as exc:
                    raise ConfigError(f"{self.where}: {key}: {exc}") from None


def relative(path: Path, root: Path | None) -> str | None:
    """``path`` relative to ``root``, with ``/`` separators (None: not under it)."""
    if root is None:
        return None
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


@functools.cache  # built when first needed: most runs read no such file
def _converter() -> cattrs.Converter:
    from gik_rules import strict

    conv = strict.converter()
    # keys in kebab-case; ``path`` is where the file is, not a key in it
    strict.register(conv, Limits, kebab=True)
    strict.register(conv, Config, kebab=True, omit=("path",))
    return conv


def _table(path: Path) -> dict[str, Any] | None:
    """The settings table of ``path`` (None: a pyproject.toml without one)."""
    from gik_rules import strict  # cattrs with it: most runs read no such file

    doc = strict.read_toml(path, ConfigError)
    if path.name != PYPROJECT:
        return doc
    table = doc.get("tool", {}).get("gik-rules")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.gik-rules] must be a table")
    return table


def read_config(path: Path) -> Config:
    """The settings of one file: a ``pyproject.toml`` (its ``[tool.gik-rules]``, which it
    must have) or any other TOML file (its top level)."""
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.gik-rules] table")
    from gik_rules import strict

    where = Config(path=path).where
    config = strict.structure(_converter(), table, Config, where, ConfigError)
    return attrs.evolve(config, path=path)


def config_file_in(folder: Path) -> Path | None:
    """The configuration file of ``folder`` itself, if it has one."""
    candidate = folder / CONFIG_NAME
    if candidate.is_file():
        return candidate
    candidate = folder / PYPROJECT
    if candidate.is_file() and _table(candidate) is not None:
        return candidate
    return None


def limits_for(path: Path) -> Limits:
    """The ``[limits]`` of the configuration nearest to ``path``: what the commands that
    read one file (parse, fix, render, diff) hold it to, as ``check`` does."""
    return Discovery().for_path(path).limits


@attrs.define
class Discovery:
    """Finds and reads each folder's nearest configuration once (``isolated``: none, the
    defaults everywhere; ``explicit``: that one file everywhere)."""

    isolated: bool = False
    explicit: Config | None = None
    _by_folder: dict[Path, Config] = attrs.field(factory=dict, init=False)
    _by_file: dict[Path, Config] = attrs.field(factory=dict, init=False)
    _real: dict[Path, Path] = attrs.field(factory=dict, init=False)
    #: the real folder of each file a walk found (``walked``): no ``lstat`` of it again
    _walked: dict[Path, Path] = attrs.field(factory=dict, init=False)

    def for_path(self, path: Path) -> Config:
        """The configuration ``path`` (a file or folder) is checked or walked under."""
        if self.isolated:
            return Config()
        if self.explicit is not None:
            return self.explicit
        return self._nearest(self._folder_of(path))

    def walked(self, files: Iterable[tuple[Path, Path]]) -> None:
        """Files a walk found, each with its real path (``cli.walk``)."""
        folders: dict[Path, Path] = {}  # one object a folder, for all its files
        for path, real in files:
            folder = real.parent
            self._walked[path] = folders.setdefault(folder, folder)

    def _folder_of(self, path: Path) -> Path:
        """The real folder of ``path`` (itself if a folder): none to look up for a file
        walked, one ``lstat`` for another plain file, whose folder is resolved once for
        all its files."""
        walked = self._walked.get(path)
        if walked is not None:
            return walked
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
            folder = path if stat.S_ISDIR(mode) else path.parent
            real = self._real.get(folder)
            if real is None:
                real = self._real[folder] = folder.resolve()
            return real
        real = path.resolve()  # a symlink, or a path that is not there
        return real if real.is_dir() else real.parent

    def _nearest(self, folder: Path) -> Config:
        if folder in self._by_folder:
            return self._by_folder[folder]
        found = config_file_in(folder)
        if found is not None:
            config = self._by_file.get(found)
            if config is None:
                config = self._by_file[found] = read_config(found)
        elif folder.parent != folder:
            config = self._nearest(folder.parent)
        else:
            config = Config()
        self._by_folder[folder] = config
        return config

    def configs(self) -> list[Config]:
        """Every configuration file read so far."""
        return list(self._by_file.values()) or ([self.explicit] if self.explicit else [])


@attrs.frozen(slots=True)
class Layer:
    """One layer of rule selection: where it comes from, and what it selects."""

    where: str
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class FileSettings:
    """What a file is checked with: its configuration, its ruleset and the selection
    layers applied on top of the ruleset, in order."""

    path: Path
    config: Config
    ruleset: str
    layers: tuple[Layer, ...]


def file_settings(
    path: Path,
    config: Config,
    command_line: Layer,
    ruleset: str | None,
    default_ruleset: str = "national",
) -> FileSettings:
    """``path``'s settings: the command line's ``ruleset`` over the configuration's."""
    layers = [
        Layer(config.where, config.select, config.extend_select, config.ignore),
        command_line,
    ]
    per_file = config.ignored_for(path)
    if per_file:
        layers.append(Layer(f"{config.where}: per-file-ignores", ignore=per_file))
    name = ruleset or config.ruleset_ref() or default_ruleset
    return FileSettings(path, config, name, tuple(layers))


def apply_layers(
    codes: Iterable[str], layers: Sequence[Layer], rules: Mapping[str, Rule]
) -> frozenset[str]:
    """The ruleset's ``codes`` after each layer in turn (``RulesetError`` for an unknown
    selector, naming the layer)."""
    selected = set(codes)

    def match(selectors: Iterable[str], where: str) -> set[str]:
        out: set[str] = set()
        for selector in selectors:
            try:
                out |= match_selector(selector, rules)[0]
            except RulesetError as exc:
                raise RulesetError(f"{where}: {exc}") from None
        return out

    for layer in layers:
        if layer.select is not None:
            selected = match(layer.select, layer.where)
        selected |= match(layer.extend_select, layer.where)
        selected -= match(layer.ignore, layer.where)
    return frozenset(selected)
