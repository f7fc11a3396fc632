"""The check cache: a file's results kept, keyed by everything that decides them.

A key is a digest of the file's content and path, the ruleset (codes, severities,
params, jurisdiction), what a manifest states, the versions of gik-rules and every
plugin, and the installed code itself (paths, sizes and modification times of the
packages' files), so that an edited rule in a development checkout is never answered
from the cache. An entry is one pickle, written atomically; a damaged or foreign entry
is a miss, never an error. The folder is the user's own, like ``.ruff_cache``: entries
are trusted as the user's own files are.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from gik_rules import __version__
from gik_rules.data_cache import code_digest, digest, store_pickle
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host
from gik_rules.ingest import limits
from gik_rules.ingest.manifest import Manifest
from gik_rules.ruleset import Ruleset

#: bumped whenever what an entry holds changes shape
FORMAT = "1"
#: the folder used when none is configured, beside the working directory
DEFAULT_DIR = ".gik-rules-cache"
ENV_DIR = "GIK_RULES_CACHE_DIR"

_memo: dict[tuple[str, int], str] = {}


def default_dir() -> Path:
    """``$GIK_RULES_CACHE_DIR``, else ``.gik-rules-cache`` in the working directory."""
    return Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)


def _findable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def code_fingerprint(host: Host) -> str:
    """The versions and installed files of gik-rules and every plugin (once per process)."""
    key = ("code", id(host))
    if key not in _memo:
        versions = sorted((p.name, p.distribution, p.version) for p in host.plugins)
        # the packages the plugin objects come from (a plugin is a module or an object)
        roots = {"gik_rules"}
        for plugin in host.manager.get_plugins():
            module = getattr(plugin, "__module__", None) or getattr(plugin, "__name__", "")
            if isinstance(module, str) and module:
                roots.add(module.split(".")[0])
        modules = sorted(m for m in roots if _findable(m))
        _memo[key] = digest(FORMAT, __version__, versions, [code_digest(m) for m in modules])
    return _memo[key]


def _ruleset_digest(ruleset: Ruleset) -> str:
    key = ("ruleset", id(ruleset))
    if key not in _memo:
        rules = [(c.rule.code, c.severity.value, sorted(c.params.items())) for c in ruleset.rules]
        _memo[key] = digest(ruleset.name, ruleset.jurisdiction, rules)
    return _memo[key]


def _manifest_digest(manifest: Manifest | None) -> str:
    if manifest is None:
        return ""
    key = ("manifest", id(manifest))
    if key not in _memo:
        _memo[key] = digest(
            sorted(manifest.organs.items()),
            sorted(manifest.names.items()),
            sorted((str(p), sorted(v.items())) for p, v in manifest.reports.items()),
        )
    return _memo[key]


@attrs.frozen
class Cache:
    """A handle on a cache folder (picklable, so that worker processes share it)."""

    folder: Path

    def key(
        self,
        path: Path,
        ruleset: Ruleset,
        manifest: Manifest | None,
        host: Host,
        *,
        data: bytes | None = None,
    ) -> str:
        """The key of checking ``path`` as it is now (or ``data`` under its name) under
        the limits in force (``ingest.limits``); reads the file."""
        content_digest = hashlib.blake2b(digest_size=20)
        if data is None:  # piece by piece: a big dataset is not held whole
            with path.open("rb") as handle:
                while piece := handle.read(1 << 20):
                    content_digest.update(piece)
        else:
            content_digest.update(data)
        content = content_digest.hexdigest()
        return digest(
            code_fingerprint(host),
            _ruleset_digest(ruleset),
            _manifest_digest(manifest),
            str(path),
            content,
            limits.active(),
        )

    def _entry(self, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> list[ReportResult] | None:
        """The results kept under ``key``; None when there are none or they cannot be read."""
        try:
            data = self._entry(key).read_bytes()
            value: Any = pickle.loads(data)  # the user's own cache folder
        except Exception:  # a missing, damaged or foreign entry is a miss
            return None
        if not isinstance(value, list) or not all(isinstance(r, ReportResult) for r in value):
            return None
        return value

    def store(self, key: str, results: Sequence[ReportResult]) -> None:
        """Keep ``results`` under ``key``; a cache that cannot be written is left alone."""
        entry = self._entry(key)
        try:
            self._prepare()
            store_pickle(entry, list(results))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return  # a read-only or full disk, or a result that does not pickle: no cache

    def _prepare(self) -> None:
        """The folder, marked as a cache for backup tools and ignored by git."""
        if (self.folder / "CACHEDIR.TAG").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text("# made by gik-rules\n*\n", encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is a cache made by gik-rules; see https://bford.info/cachedir/\n",
            encoding="utf-8",
        )
