"""One file's job: streamed in order, kept in the cache when small, never raising."""

from __future__ import annotations

from pathlib import Path

import pytest

import gik_rules.engine.file_job as file_job
from gik_rules.cache import Cache
from gik_rules.engine.file_job import FileJob, is_dataset, iter_job
from gik_rules.host import Host
from gik_rules.ruleset import ruleset_of
from tests.conftest import REPO

TEMPLATE = (REPO / "examples" / "dataset-template.csv").read_text(encoding="utf-8")


def _dataset(tmp_path: Path, rows: int) -> Path:
    header = TEMPLATE.strip().split(",")
    lines = [",".join(header)]
    for n in range(rows):
        row = dict.fromkeys(header, "0")
        row.update(organ=f"示例县第{n}局", year="2021", variant="V2021", level="department")
        for key in ("region", "published", "organ_id", "parent_id", "title"):
            row[key] = ""
        lines.append(",".join(row[h] for h in header))
    path = tmp_path / "organs.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _job(path: Path, host: Host, cache: Cache | None) -> FileJob:
    return FileJob(path, ruleset_of(host, "national"), cache=cache)


def test_a_small_file_is_kept_a_big_one_streamed(
    tmp_path: Path, host: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_job, "CACHE_MAX_REPORTS", 2)
    cache = Cache(tmp_path / "cache")
    (tmp_path / "s").mkdir()
    (tmp_path / "b").mkdir()
    small, big = _dataset(tmp_path / "s", 2), _dataset(tmp_path / "b", 3)
    assert [r.key for r in iter_job(_job(small, host, cache), host)] == [
        f"{small}#row 2",
        f"{small}#row 3",
    ]
    assert len(list(cache.folder.glob("v*/*/*.pickle"))) == 1
    assert len(list(iter_job(_job(big, host, cache), host))) == 3
    assert len(list(cache.folder.glob("v*/*/*.pickle"))) == 1  # the big one was not kept


def test_an_error_mid_file_keeps_what_was_checked_and_says_why(
    tmp_path: Path, host: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _dataset(tmp_path, 3)
    import gik_rules.engine.columnar as columnar  # a dataset's results come from there

    real = columnar.check_bytes

    def breaks_after_one(*args, **kwargs):  # type: ignore[no-untyped-def]
        results = real(*args, **kwargs)
        yield next(results)
        raise RuntimeError("reader bug")

    monkeypatch.setattr(columnar, "check_bytes", breaks_after_one)
    cache = Cache(tmp_path / "cache")
    results = list(iter_job(_job(path, host, cache), host))
    assert [r.key for r in results] == [f"{path}#row 2", str(path)]
    assert [f.code for f in results[1].findings] == ["X002"]
    assert "RuntimeError: reader bug" in results[1].findings[0].message_en
    assert not list(cache.folder.glob("v*/*/*.pickle"))  # a partial answer is never kept


@pytest.mark.parametrize(
    ("name", "data", "dataset"),
    [
        ("rows.csv", b"organ,year\n", True),
        ("rows.TSV", b"organ\tyear\n", True),
        ("book.xlsx", b"PK\x03\x04", True),
        # a text whose first line is a dataset header is a dataset, whatever its name
        ("rows.txt", b"organ,year,t3.new.np\n1,2,3\n", True),
        ("report.txt", "一、总体情况\n本机关……".encode(), False),
        ("report.json", b"organ,year,t3.new.np\n", False),  # a .json is read as JSON
        ("report.pdf", b"%PDF-1.7", False),
    ],
)
def test_a_dataset_is_known_by_its_suffix_or_its_first_line(
    tmp_path: Path, host: Host, name: str, data: bytes, dataset: bool
) -> None:
    ruleset = ruleset_of(host, "national")
    path = tmp_path / name
    path.write_bytes(data)
    assert is_dataset(FileJob(path, ruleset)) is dataset
    # standard input's bytes are looked at, not read again
    assert is_dataset(FileJob(tmp_path / "-" / name, ruleset, data=data)) is dataset


def test_a_file_that_cannot_be_read_is_no_dataset(tmp_path: Path, host: Host) -> None:
    """Its check (in a worker) says why it cannot be read."""
    assert not is_dataset(FileJob(tmp_path / "missing.txt", ruleset_of(host, "national")))
