"""``gik-rules check data.csv`` takes the columnar path (``engine.columnar``), and writes
byte for byte what checking every row on its own writes: generated datasets of both
form versions, with arithmetic faults and odd cells (blank, text, negative, decimal,
"—"), rows cut short and columns left out."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings

import gik_rules.engine.columnar as columnar
from gik_rules.cli.main import main
from gik_rules.engine.result import ReportResult
from gik_rules.engine.run import check_read
from gik_rules.host import Host
from gik_rules.ingest.manifest import Manifest
from gik_rules.ingest.reader import read_bytes
from gik_rules.ruleset import Ruleset
from tests.engine.test_columnar import HEADER, datasets


def _per_report(
    data: bytes,
    source: str,
    ruleset: Ruleset,
    host: Host,
    manifest: Manifest | None = None,
    **_: object,
) -> Iterator[ReportResult]:
    """The per-report engine: every row read into a report and checked on its own."""
    for read in read_bytes(data, source, host):
        yield check_read(manifest.apply(read) if manifest else read, ruleset, host)


def _check(folder: Path, data: bytes, fmt: str, per_report: bool) -> bytes:
    path = folder / "data.csv"
    path.write_bytes(data)
    out = folder / f"out-{per_report}.{fmt}"
    argv = ["check", str(path), "-q", "--no-cache", "--format", fmt, "-o", str(out)]
    calls: list[int] = []
    real = columnar.check_data

    def counted(*args: object, **kwargs: object) -> Iterator[ReportResult]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with (
        mock.patch.object(columnar, "check_bytes", _per_report)
        if per_report
        else mock.patch.object(columnar, "check_data", counted)
    ):
        code = main(argv)
    assert code in (0, 1)
    assert per_report or calls, "the columnar path was not taken"
    return out.read_bytes()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(datasets())
def test_check_of_a_dataset_writes_what_the_per_report_engine_writes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in ("json", "jsonl"):
            assert _check(folder, data, fmt, False) == _check(folder, data, fmt, True)


def test_odd_cells_of_both_versions() -> None:
    """A fixed case: negative, decimal, text, "—" and blank cells in 2019 and 2021 rows."""
    rows = []
    for variant, year in (("V2019", "2020"), ("V2021", "2023")):
        row = dict.fromkeys(HEADER, "")
        row.update(organ=f"示例{variant}局", year=year, variant=variant)
        row.update({"t3.new.np": "-2", "t3.carried.np": "1.5", "t3.total.np": "—"})
        row.update({"t3.carry_next.np": "若干", "t3.new.tot": "3", "t4.review.total": "7"})
        rows.append(",".join(row[h] for h in HEADER))
    data = ("\n".join([",".join(HEADER), *rows]) + "\n").encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        columnar_out = _check(Path(tmp), data, "json", False)
        assert columnar_out == _check(Path(tmp), data, "json", True)
        assert b'"N301"' in columnar_out
