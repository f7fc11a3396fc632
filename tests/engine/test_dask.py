"""check_jobs on Dask: a LocalCluster of two worker processes gives, byte for byte, the
output of a check in this process, in input order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed", reason="the dask engine needs gik-rules[dask]")

from gik_rules.cli.main import main
from gik_rules.engine import dask_engine
from gik_rules.engine.file_job import CHECK_FAILED, FileJob
from gik_rules.engine.parallel import WORKER_DIED, EngineError, check_jobs
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host
from gik_rules.ruleset import Ruleset
from tests.engine.batch_files import CrashingCache, flat, jobs_of, make_batch, rendered


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    import dask
    from distributed import LocalCluster

    # a cluster that keeps its workers, as one whose nannies restart them does: by default
    # a LocalCluster closes a worker that a crashing file keeps killing for 15 s
    with (
        dask.config.set({"distributed.deploy.lost-worker-timeout": "1h"}),
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as local,
    ):
        yield local


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_batch(tmp_path_factory.mktemp("batch"), count=24)


def test_dask_output_is_byte_identical_and_in_input_order(
    cluster: Any, batch: list[Path], national: Ruleset, host: Host, here: list[ReportResult]
) -> None:
    jobs = jobs_of(batch, national)
    taken = [0]

    def recording() -> Iterator[FileJob]:
        for job in jobs:
            taken[0] += 1
            yield job

    checked = []
    ahead = []
    for job, results in check_jobs(
        recording(), engine="dask", scheduler=cluster.scheduler_address, window=5
    ):
        checked.append((job, results))
        ahead.append(taken[0] - len(checked))
    assert [job for job, _ in checked] == jobs
    assert max(ahead) == 5
    results = flat(iter(checked))
    for fmt in ("json", "jsonl", "sarif"):
        assert rendered(results, fmt, host) == rendered(here, fmt, host)


def test_a_local_cluster_is_made_when_no_scheduler_is_given(
    batch: list[Path], national: Ruleset, host: Host, here: list[ReportResult]
) -> None:
    results = flat(check_jobs(jobs_of(batch, national), engine="dask", workers=2))
    assert rendered(results, "json", host) == rendered(here, "json", host)


def test_a_file_that_kills_its_workers_fails_alone(
    cluster: Any, tmp_path: Path, batch: list[Path], national: Ruleset, host: Host
) -> None:
    readable = [p for p in batch if p.name.startswith("r")]
    crash = tmp_path / "crash.txt"
    crash.write_bytes(readable[0].read_bytes())
    paths = [readable[0], crash, readable[1]]
    jobs = jobs_of(paths, national, cache=CrashingCache(tmp_path / "cache"))
    checked = list(check_jobs(jobs, engine="dask", scheduler=cluster.scheduler_address))
    assert [job.path for job, _ in checked] == paths
    (failed,) = checked[1][1]
    assert [f.code for f in failed.findings] == [CHECK_FAILED]
    assert failed.findings[0].message_en.endswith(WORKER_DIED)
    assert all(r.report is not None for _, results in (checked[0], checked[2]) for r in results)


def test_an_unreachable_scheduler_is_an_engine_error(
    monkeypatch: pytest.MonkeyPatch, national: Ruleset
) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "0.5s")
    checked = check_jobs([], engine="dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(EngineError, match="cannot reach the dask scheduler"):
        next(checked)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_the_command_line_on_dask_writes_what_it_writes_here(
    fmt: str, cluster: Any, batch: list[Path], tmp_path: Path
) -> None:
    common = ["check", *map(str, batch), "--isolated", "--no-cache", "--format", fmt]
    code = main([*common, "-o", str(tmp_path / "here")])
    assert code == 2  # the batch has unreadable files
    assert (
        main(
            [
                *common,
                *("--engine", "dask", "--scheduler", cluster.scheduler_address, "-j", "2"),
                *("-o", str(tmp_path / "dask")),
            ]
        )
        == code
    )
    here = (tmp_path / "here").read_bytes()
    assert len(here) > 1000
    assert (tmp_path / "dask").read_bytes() == here


def test_a_cluster_left_without_workers_ends_the_run(
    monkeypatch: pytest.MonkeyPatch, batch: list[Path], national: Ruleset
) -> None:
    """A cluster that has lost every worker for good is an engine error after a while,
    not a wait for ever."""
    from distributed import LocalCluster

    monkeypatch.setattr(dask_engine, "NO_WORKERS_TIMEOUT", 3.0)
    monkeypatch.setattr(dask_engine, "POLL_SECONDS", 0.5)
    with LocalCluster(
        n_workers=0,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as empty:
        checked = check_jobs(
            jobs_of(batch[:1], national), engine="dask", scheduler=empty.scheduler_address
        )
        with pytest.raises(EngineError, match="no workers for 3 s"):
            next(checked)
