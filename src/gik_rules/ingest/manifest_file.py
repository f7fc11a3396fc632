"""A dataset manifest file as written (``gik-dataset.toml``), structured by the strict
converter; imported only when a run has such a file."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from gik_rules.ingest.manifest import ManifestError
from gik_rules.model import OrganLevel

if TYPE_CHECKING:
    import cattrs


@attrs.frozen(slots=True)
class _Dataset:
    name: str = ""
    description: str = ""


@attrs.frozen(slots=True)
class _Organ:
    id: str
    names: tuple[str, ...] = ()
    parent: str | None = None
    level: OrganLevel | None = None


@attrs.frozen(slots=True)
class _Report:
    file: str
    organ_id: str | None = None
    parent_id: str | None = None
    organ: str | None = None
    level: OrganLevel | None = None
    year: int | None = None
    published: dt.date | None = None


@attrs.frozen(slots=True)
class _ManifestFile:
    dataset: _Dataset = _Dataset()
    organ: tuple[_Organ, ...] = ()
    report: tuple[_Report, ...] = ()


@functools.cache
def _converter() -> cattrs.Converter:
    from gik_rules import strict

    conv = strict.converter()
    for cls in (_Dataset, _Organ, _Report, _ManifestFile):
        strict.register(conv, cls)
    return conv


def read_manifest_file(path: Path) -> _ManifestFile:
    from gik_rules import strict

    return strict.load(_converter(), path, _ManifestFile, ManifestError)
