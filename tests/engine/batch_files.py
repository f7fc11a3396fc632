"""A batch of small report files of different kinds and sizes, made in the test, for the
parallel engines: text in several layouts, canonical TOML, CSV datasets of several rows,
and files that cannot be read."""

from __future__ import annotations

import io
import os
import random
from collections.abc import Iterator
from pathlib import Path

import attrs

from gik_rules.cache import Cache
from gik_rules.engine.file_job import FileJob
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host
from gik_rules.ingest.manifest import Manifest
from gik_rules.model.canonical import from_toml
from gik_rules.output import write_results
from gik_rules.ruleset import Ruleset
from gik_rules.testing.layouts import sample
from tests.conftest import REPO

LAYOUTS = ("tab", "pipes", "markdown", "flattened", "cell_per_line")


def _dataset(rows: int) -> str:
    """A CSV dataset of ``rows`` reports of one organ, a year apart."""
    report = from_toml((REPO / "examples" / "clean-2021.toml").read_text(encoding="utf-8"))
    ids = sorted(report.cells)
    lines = [",".join(["organ", "year", "variant", "organ_id", *ids])]
    for i in range(rows):
        values = [report.cells[c].raw for c in ids]
        lines.append(",".join([report.meta.organ, str(2021 + i), "V2021", "c1", *values]))
    return "\n".join(lines) + "\n"


def make_batch(folder: Path, count: int = 36, seed: int = 7) -> list[Path]:
    """``count`` files in ``folder``, in a shuffled order (so that input order is not
    name order)."""
    texts = [sample(layout, variant).text for layout in LAYOUTS for variant in ("V2019", "V2021")]
    examples = [
        (REPO / "examples" / name).read_bytes()
        for name in ("clean-2019.toml", "clean-2021.toml", "faulty-2021.toml")
    ]
    paths = []
    for i in range(count):
        kind = i % 6
        if kind in (0, 1, 2):
            path, data = folder / f"r{i:03d}.txt", texts[i % len(texts)].encode("utf-8")
        elif kind == 3:
            path, data = folder / f"r{i:03d}.toml", examples[i % len(examples)]
        elif kind == 4:
            path, data = folder / f"d{i:03d}.csv", _dataset(1 + i % 4).encode("utf-8")
        else:
            path, data = folder / f"x{i:03d}.txt", os.urandom(64 + i) if i % 2 else b""
        path.write_bytes(data)
        paths.append(path)
    random.Random(seed).shuffle(paths)
    return paths


def jobs_of(
    paths: list[Path],
    ruleset: Ruleset,
    *,
    cache: Cache | None = None,
    manifest: Manifest | None = None,
) -> list[FileJob]:
    return [FileJob(p, ruleset, manifest=manifest, cache=cache) for p in paths]


def rendered(results: list[ReportResult], fmt: str, host: Host) -> str:
    """``results`` written in ``fmt`` (json, jsonl, sarif), as the command line writes them."""
    out = io.StringIO()
    options = {"rules": host.rules} if fmt == "sarif" else {}
    write_results(results, fmt, out, **options)
    return out.getvalue()


def flat(checked: Iterator[tuple[FileJob, list[ReportResult]]]) -> list[ReportResult]:
    return [r for _, results in checked for r in results]


@attrs.frozen
class CrashingCache(Cache):
    """A cache that kills the process checking a file named ``crash*`` (as a segfault
    would) and raises MemoryError for ``oom*``; picklable by reference, so that it
    crashes a worker however the worker was started."""

    def key(
        self,
        path: Path,
        ruleset: Ruleset,
        manifest: Manifest | None,
        host: Host,
        *,
        data: bytes | None = None,
    ) -> str:
        if path.name.startswith("crash"):
            os._exit(3)
        if path.name.startswith("oom"):
            raise MemoryError("no memory for this one")
        return Cache.key(self, path, ruleset, manifest, host, data=data)
