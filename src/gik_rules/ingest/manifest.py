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

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from gik_rules.forms.labels import fold
from gik_rules.ingest.result import ReadResult
from gik_rules.model import OrganLevel
from gik_rules.rules.dataset import DeclaredOrgan

MANIFEST_NAME = "gik-dataset.toml"


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

    def declared(self) -> tuple[DeclaredOrgan, ...]:
        """The organs the manifest declares, for the dataset rules (by id)."""
        return tuple(
            DeclaredOrgan(o.id, o.names[0] if o.names else "", o.parent)
            for o in sorted(self.organs.values(), key=lambda o: o.id)
        )

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


def load_manifest(path: Path) -> Manifest:
    """A manifest file; raises ManifestError naming the file, the entry and the key."""
    from gik_rules.ingest.manifest_file import read_manifest_file

    data = read_manifest_file(path)
    organs: dict[str, OrganEntry] = {}
    names: dict[str, str] = {}
    for raw in data.organ:
        entry = OrganEntry(raw.id, raw.names, raw.parent or None, raw.level)
        organs[entry.id] = entry
        for name in entry.names:
            names[fold(name)] = entry.id
    reports: dict[Path, dict[str, Any]] = {}
    for report in data.report:
        facts = {k: v for k, v in attrs.asdict(report, recurse=False).items() if v is not None}
        del facts["file"]
        reports[_resolve(str(path.parent / report.file))] = facts
    return Manifest(organs, names, reports)


def find_manifests(paths: Iterable[str | Path]) -> Manifest:
    """The manifests of the given directories (``gik-dataset.toml`` in each), merged."""
    manifest = Manifest()
    for raw in paths:
        candidate = Path(raw) / MANIFEST_NAME
        if Path(raw).is_dir() and candidate.is_file():
            manifest = manifest.merge(load_manifest(candidate))
    return manifest
