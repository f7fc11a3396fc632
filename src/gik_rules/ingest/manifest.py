"""Dataset manifests: who wrote each report of a directory, and which organs belong to which.

A report file says its organ's name, but not a stable id, its superior government or
(often) its publication date. A ``gik-dataset.toml`` beside the reports states them
(``docs/datasets.md``)::

    [[organ]]
    id = "320813"
    names = ["洪泽区人民政府", "淮安市洪泽区人民政府"]
    parent = "320800"
    level = "government"

    [[report]]
    file = "hongze-2024.pdf"      # relative to the manifest
    organ_id = "320813"           # else found by the organ name the report prints
    published = 2025-01-20

What the manifest states replaces what the reader guessed; what it leaves out is kept.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from gik_rules.forms.labels import fold
from gik_rules.ingest.nesting import loads_toml
from gik_rules.ingest.result import ReadResult
from gik_rules.model import OrganLevel

MANIFEST_NAME = "gik-dataset.toml"
_ORGAN_KEYS = frozenset({"id", "names", "parent", "level"})
_REPORT_KEYS = frozenset({"file", "organ_id", "parent_id", "organ", "level", "year", "published"})


class ManifestError(ValueError):
    """A manifest that cannot be read or names unknown fields."""


@attrs.frozen(slots=True)
class OrganEntry:
    id: str
    names: tuple[str, ...] = ()
    parent: str | None = None
    level: OrganLevel | None = None


@attrs.frozen(slots=True)
class Manifest:
    """Organs by id and by folded name; per-file report facts by resolved path."""

    organs: Mapping[str, OrganEntry] = attrs.field(factory=dict)
    names: Mapping[str, str] = attrs.field(factory=dict)  # folded name -> organ id
    reports: Mapping[Path, Mapping[str, Any]] = attrs.field(factory=dict)

    def __bool__(self) -> bool:
        return bool(self.organs or self.reports)

    def merge(self, other: Manifest) -> Manifest:
        return Manifest(
            {**self.organs, **other.organs},
            {**self.names, **other.names},
            {**self.reports, **other.reports},
        )

    def apply(self, read: ReadResult) -> ReadResult:
        """The read report with the manifest's facts about it."""
        report = read.report
        if report is None or not self:
            return read
        facts = dict(self.reports.get(_resolve(read.source), {}))
        meta = report.meta
        organ_id = facts.get("organ_id") or meta.organ_id
        if not organ_id:
            organ_id = self.names.get(fold(str(facts.get("organ", meta.organ))))
        organ = self.organs.get(organ_id or "")
        changes: dict[str, Any] = {}
        if organ_id:
            changes["organ_id"] = organ_id
        parent = facts.get("parent_id") or meta.parent_id or (organ.parent if organ else None)
        if parent:
            changes["parent_id"] = parent
        level = facts.get("level") or (organ.level if organ else None)
        if level:
            changes["level"] = OrganLevel(level)
        for key in ("organ", "year", "published"):
            if key in facts:
                changes[key] = facts[key]
        if not changes:
            return read
        return attrs.evolve(read, report=attrs.evolve(report, meta=attrs.evolve(meta, **changes)))


def _resolve(source: str) -> Path:
    try:
        return Path(source).resolve()
    except (OSError, ValueError):
        return Path(source)


def _level(value: Any, where: str) -> OrganLevel | None:
    if value is None:
        return None
    try:
        return OrganLevel(value)
    except ValueError:
        known = ", ".join(x.value for x in OrganLevel)
        raise ManifestError(f"{where}: level {value!r} is not one of {known}") from None


def load_manifest(path: Path) -> Manifest:
    """A manifest file; raises ManifestError naming the file and the problem."""
    try:
        doc = loads_toml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: {exc}") from None
    unknown = set(doc) - {"dataset", "organ", "report"}
    if unknown:
        raise ManifestError(f"{path}: unknown tables {', '.join(sorted(unknown))}")
    organs: dict[str, OrganEntry] = {}
    names: dict[str, str] = {}
    for i, raw in enumerate(doc.get("organ", [])):
        where = f"{path}: organ {i + 1}"
        extra = set(raw) - _ORGAN_KEYS
        if extra or "id" not in raw:
            raise ManifestError(f"{where}: needs id; unknown keys {sorted(extra)}")
        entry = OrganEntry(
            str(raw["id"]),
            tuple(str(n) for n in raw.get("names", ())),
            str(raw["parent"]) if raw.get("parent") else None,
            _level(raw.get("level"), where),
        )
        organs[entry.id] = entry
        for name in entry.names:
            names[fold(name)] = entry.id
    reports: dict[Path, dict[str, Any]] = {}
    for i, raw in enumerate(doc.get("report", [])):
        where = f"{path}: report {i + 1}"
        extra = set(raw) - _REPORT_KEYS
        if extra or "file" not in raw:
            raise ManifestError(f"{where}: needs file; unknown keys {sorted(extra)}")
        facts = {k: v for k, v in raw.items() if k != "file"}
        if "level" in facts:
            facts["level"] = _level(facts["level"], where)
        if "published" in facts and not isinstance(facts["published"], dt.date):
            raise ManifestError(f"{where}: published must be a TOML date (2025-01-20)")
        for key in ("organ_id", "parent_id"):
            if key in facts:
                facts[key] = str(facts[key])
        reports[_resolve(str(path.parent / raw["file"]))] = facts
    return Manifest(organs, names, reports)


def find_manifests(paths: Iterable[str | Path]) -> Manifest:
    """The manifests of the given directories (``gik-dataset.toml`` in each), merged."""
    manifest = Manifest()
    for raw in paths:
        candidate = Path(raw) / MANIFEST_NAME
        if Path(raw).is_dir() and candidate.is_file():
            manifest = manifest.merge(load_manifest(candidate))
    return manifest
