"""A big CSV dataset is read from its file as its rows are checked, never held whole: the
same results as the file read whole and checked row by row, whatever the file holds."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gik_rules.engine import check_read, file_job
from gik_rules.engine.file_job import FileJob, iter_job
from gik_rules.engine.result import ReportResult
from gik_rules.ingest import dataset_chunks
from gik_rules.ingest.limits import Limits
from gik_rules.ingest.reader import read_path
from tests.engine.test_columnar import HOST, NATIONAL, datasets


def _streamed(path: Path, limits: Limits | None = None) -> list[ReportResult]:
    """The results of checking ``path`` as a big file is checked (read as it goes, in
    blocks of a few rows)."""
    job = FileJob(path, NATIONAL, limits=limits or Limits())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(file_job, "STREAM_FROM", 64)
        patch.setattr(dataset_chunks, "_BLOCK", 2048)
        return list(iter_job(job, HOST))


def _whole(path: Path) -> list[ReportResult]:
    """The file read whole, each row checked on its own (``ingest.dataset``)."""
    return [check_read(read, NATIONAL, HOST) for read in read_path(path, HOST)]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=datasets())
def test_a_dataset_read_from_its_file_is_the_dataset_read_whole(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("stream") / "d.csv"
    path.write_bytes(data)
    assert _streamed(path) == _whole(path)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda rows: codecs.BOM_UTF8 + rows, id="bom"),
        pytest.param(lambda rows: rows + rows.split(b"\r\n")[1][:30] + b"\r\n", id="short-row"),
        pytest.param(lambda rows: rows.replace(b"\r\n", b"\n"), id="lf"),
        pytest.param(lambda rows: rows.rstrip(b"\r\n"), id="no-last-newline"),
        pytest.param(lambda rows: rows + b'x,"quoted, field"\r\n', id="quoted"),
        pytest.param(lambda rows: b"no,cell,ids\r\n" + rows, id="no-header"),
    ],
)
def test_odd_files_read_from_their_file_as_read_whole(change: object, tmp_path: Path) -> None:
    header = ",".join(["organ", "year", "t3.new.np", "t3.new.tot"]).encode()
    rows = (
        header
        + b"\r\n"
        + b"".join(f"示例市第{i}局,2023,{i},{i + (i % 5 == 0)}\r\n".encode() for i in range(200))
    )
    path = tmp_path / "d.csv"
    path.write_bytes(change(rows))  # type: ignore[operator]
    streamed = _streamed(path)
    assert streamed == _whole(path)
    assert len(streamed) >= 1


def test_a_file_past_the_limit_is_one_located_finding(tmp_path: Path) -> None:
    header = b"organ,year,t3.new.np\r\n"
    path = tmp_path / "d.csv"
    path.write_bytes(header + b"".join(f"o{i},2023,{i}\r\n".encode() for i in range(500)))
    small = Limits(file_bytes=path.stat().st_size - 10)
    results = _streamed(path, small)
    assert [f.code for r in results for f in r.findings] == ["P014"]
