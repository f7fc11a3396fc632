"""check_jobs: worker processes give the in-process results, in input order, with a
bounded window; a worker that dies fails only its own file."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs
import pytest

from gik_rules.cli.main import main
from gik_rules.engine.file_job import CHECK_FAILED, FileJob
from gik_rules.engine.lean import BARE
from gik_rules.engine.parallel import LOCAL_WINDOW_PER_WORKER, WORKER_DIED, check_jobs
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host
from gik_rules.model import AnnualReport, Cell, CellState, Provenance
from gik_rules.rules import Rule, RuleDoc, Severity
from gik_rules.ruleset import RuleConfig, Ruleset
from tests.engine.batch_files import CrashingCache, flat, jobs_of, rendered


def test_the_batch_is_varied(batch: list[Path], here: list[ReportResult]) -> None:
    """The batch has what the order tests need: files of several reports and of none."""
    assert len(here) > len(batch)
    assert any(r.report is None for r in here)
    assert len({p.stat().st_size for p in batch}) > 10
    assert [p.name for p in batch] != sorted(p.name for p in batch)


def test_results_pickle_and_compare_equal(here: list[ReportResult]) -> None:
    """What a worker sends back is what it checked."""
    for result in here:
        assert pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) == result


def test_an_ocr_cell_keeps_its_confidence_across_processes() -> None:
    """A scanned report checked in a worker keeps what the engine said of each figure."""
    cell = Cell("12", 12, CellState.VALUE, provenance=Provenance.OCR, confidence=0.62)
    back = pickle.loads(pickle.dumps(cell, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == cell and back.confidence == 0.62
    plain = pickle.loads(pickle.dumps(attrs.evolve(cell, confidence=None)))
    assert plain.confidence is None  # shared cells are told apart by confidence too


def test_spans_cross_as_they_were() -> None:
    """Spans come back shared by value where their figures are plain, and as given
    where they are not (``True`` is no line 1)."""
    from gik_rules.model import SourceSpan

    for span in (SourceSpan(3, 7), SourceSpan(None, None, 2, "B7"), SourceSpan(True, 1)):  # type: ignore[arg-type]
        back = pickle.loads(pickle.dumps(span, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == span and type(back.line) is type(span.line)
    odd = pickle.loads(pickle.dumps(SourceSpan(True), protocol=pickle.HIGHEST_PROTOCOL))  # type: ignore[arg-type]
    plain = pickle.loads(pickle.dumps(SourceSpan(1), protocol=pickle.HIGHEST_PROTOCOL))
    assert odd.line is True and plain.line == 1 and type(plain.line) is int


@pytest.mark.parametrize("start_method", [None, "spawn"])
def test_workers_give_the_same_results_in_input_order(
    start_method: str | None,
    batch: list[Path],
    national: Ruleset,
    host: Host,
    here: list[ReportResult],
) -> None:
    jobs = jobs_of(batch, national)
    checked = list(check_jobs(jobs, workers=2, start_method=start_method))
    assert [job for job, _ in checked] == jobs
    assert all(a is b for a, (b, _) in zip(jobs, checked, strict=True))
    results = flat(iter(checked))
    assert [r.source for r in results] == [r.source for r in here]
    assert results == here
    for fmt in ("json", "jsonl", "sarif"):  # jsonl is written in arrival order
        assert rendered(results, fmt, host) == rendered(here, fmt, host)


def test_the_command_line_with_two_processes_writes_what_it_writes_with_one(
    batch: list[Path], tmp_path: Path
) -> None:
    common = ["check", *map(str, batch), "--isolated", "--no-cache", "--format", "jsonl"]
    assert main([*common, "-o", str(tmp_path / "one")]) == 2  # the batch has unreadable files
    assert main([*common, "-j", "2", "-o", str(tmp_path / "two")]) == 2
    one = (tmp_path / "one").read_bytes()
    assert one.count(b"\n") > len(batch)
    assert (tmp_path / "two").read_bytes() == one


@pytest.mark.parametrize("fmt", ["json", "html", "text"])
def test_whole_reports_write_with_two_processes_what_they_write_with_one(
    fmt: str, batch: list[Path], tmp_path: Path
) -> None:
    """With the dataset rules the workers send each report whole, its cells as columns
    (``engine.packed_cells``): the dataset findings, json's indicators and html's tables
    made from them are the bytes of ``-j 1``."""
    common = ["check", *map(str, batch), "--isolated", "--no-cache", "--format", fmt]
    written = []
    for jobs in ("1", "2"):
        out = tmp_path / f"{jobs}.{fmt}"
        assert main([*common, "-j", jobs, "-o", str(out)]) == 2
        written.append(out.read_bytes())
    assert written[0] == written[1]
    assert b"N80" in written[0]  # the dataset rules ran


def test_datasets_are_checked_in_the_checking_process_whatever_j_says(
    batch: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker would send a dataset's results back (and the checking process hold
    them) all at once: its rows are checked here as they are read, the other files in
    the workers, and the output is that of ``-j 1``."""
    import gik_rules.engine.parallel as parallel

    sent: list[Path] = []
    real = parallel.check_jobs

    def recording(jobs: Iterable[FileJob], **kwargs: object) -> Iterator[object]:
        def listed() -> Iterator[FileJob]:
            for job in jobs:
                sent.append(job.path)
                yield job

        return real(listed(), **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "check_jobs", recording)
    common = ["check", *map(str, batch), "--isolated", "--no-cache", "--format", "jsonl"]
    assert main([*common, "-o", str(tmp_path / "one")]) == 2
    assert main([*common, "-j", "2", "-o", str(tmp_path / "two")]) == 2
    assert (tmp_path / "two").read_bytes() == (tmp_path / "one").read_bytes()
    datasets = [p for p in batch if p.suffix == ".csv"]
    assert datasets and sent
    assert sorted(sent) == sorted(set(batch) - set(datasets))


def test_reports_come_back_bare_when_asked_and_whole_otherwise(
    batch: list[Path], national: Ruleset, host: Host, here: list[ReportResult]
) -> None:
    """``keep=BARE``: each result as checked but for its report, which keeps its
    metadata alone, so that the formats listing findings write the same bytes."""
    bare = flat(check_jobs(jobs_of(batch, national), workers=2, keep=BARE))
    assert [attrs.evolve(r, report=None) for r in bare] == [
        attrs.evolve(r, report=None) for r in here
    ]
    for got, want in zip(bare, here, strict=True):
        if want.report is None:
            assert got.report is None
        else:
            assert got.report == AnnualReport(meta=want.report.meta)
    assert any(r.report is not None and r.report.cells for r in here)
    for fmt in ("jsonl", "sarif"):
        assert rendered(bare, fmt, host) == rendered(here, fmt, host)


@pytest.mark.parametrize("fmt", ["jsonl", "text", "sarif", "junit", "github", "gitlab"])
def test_a_run_without_dataset_rules_writes_with_bare_reports_what_one_process_writes(
    fmt: str, batch: list[Path], tmp_path: Path
) -> None:
    """Without dataset rules (N8 ignored) the workers send bare reports to every format
    but those with tables: the output and the baseline are those of ``-j 1``."""
    common = ["check", *map(str, batch), "--isolated", "--no-cache", "--ignore", "N8"]
    common += ["--format", fmt, "--statistics"]
    written = []
    for jobs in ("1", "2"):
        out, baseline = tmp_path / f"{jobs}.out", tmp_path / f"{jobs}.baseline.json"
        assert main([*common, "-j", jobs, "-o", str(out), "--write-baseline", str(baseline)]) == 2
        written.append((out.read_bytes(), baseline.read_bytes()))
    assert written[0] == written[1]
    assert b"N302" in written[0][1]  # findings with their reports' metadata


def _recording(jobs: list[FileJob], taken: list[int]) -> Iterator[FileJob]:
    for job in jobs:
        taken[0] += 1
        yield job


@pytest.mark.parametrize(("workers", "window"), [(1, None), (2, 3), (2, None)])
def test_the_window_bounds_the_jobs_in_flight(
    workers: int, window: int | None, batch: list[Path], national: Ruleset
) -> None:
    limit = 0 if workers == 1 else window or LOCAL_WINDOW_PER_WORKER * workers
    jobs = jobs_of(batch, national) * (1 + limit // len(batch))  # more than the window
    taken = [0]
    ahead = []
    for done, _ in enumerate(check_jobs(_recording(jobs, taken), workers=workers, window=window)):
        ahead.append(taken[0] - (done + 1))  # taken from the iterable, not yet yielded
    assert max(ahead) == limit  # filled, and never past it
    assert taken[0] == len(jobs)


def test_a_worker_that_dies_fails_only_its_file(
    tmp_path: Path, batch: list[Path], national: Ruleset, host: Host, here: list[ReportResult]
) -> None:
    crash = tmp_path / "crash.txt"
    crash.write_bytes(batch[0].read_bytes())
    oom = tmp_path / "oom.txt"
    oom.write_bytes(batch[1].read_bytes())
    paths = [*batch[:5], crash, *batch[5:9], oom, *batch[9:]]
    cache = CrashingCache(tmp_path / "cache")
    checked = list(check_jobs(jobs_of(paths, national, cache=cache), workers=2, window=6))
    assert [job.path for job, _ in checked] == paths
    by_path = {job.path: results for job, results in checked}
    for bad, why in ((crash, WORKER_DIED), (oom, "MemoryError: no memory for this one")):
        (failed,) = by_path[bad]
        (finding,) = failed.findings
        assert (finding.code, finding.severity) == (CHECK_FAILED, Severity.ERROR)
        assert finding.location.ref == str(bad)
        assert finding.message_en == f"the file could not be checked: {why}"
    rest = [r for p in paths if p not in (crash, oom) for r in by_path[p]]
    assert rendered(rest, "jsonl", host) == rendered(here, "jsonl", host)


def test_a_memory_error_in_process_fails_only_its_file(
    tmp_path: Path, batch: list[Path], national: Ruleset, host: Host
) -> None:
    oom = tmp_path / "oom.txt"
    oom.write_bytes(batch[0].read_bytes())
    cache = CrashingCache(tmp_path / "cache")
    checked = list(check_jobs(jobs_of([oom, batch[1]], national, cache=cache), host=host))
    assert [f.code for f in checked[0][1][0].findings] == [CHECK_FAILED]
    assert checked[1][1][0].report is not None


def _unknown(report: object, ctx: object) -> Iterable[object]:
    return ()


def test_a_worker_without_a_rule_says_so(batch: list[Path], national: Ruleset) -> None:
    """A rule the workers' plugins lack (a cluster worker without the plugin) fails each
    file with the rule named, instead of checking without it."""
    rule = Rule("Z999", "only-here", "s", Severity.ERROR, ("test",), RuleDoc("w"), _unknown)
    extended = attrs.evolve(national, rules=(*national.rules, RuleConfig(rule, rule.severity, {})))
    checked = list(check_jobs(jobs_of(batch[:3], extended), workers=2))
    for _, (result,) in checked:
        (finding,) = result.findings
        assert finding.code == CHECK_FAILED
        assert "Z999 is not installed here" in finding.message_en


def test_a_caller_that_stops_early_stops_the_pool(batch: list[Path], national: Ruleset) -> None:
    import multiprocessing

    checked = check_jobs(jobs_of(batch, national), workers=2, window=4)
    first = next(checked)
    assert first[0].path == batch[0]
    checked.close()  # type: ignore[attr-defined]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"engine": "spark"}, "unknown engine"),
        ({"workers": -1}, "workers must be"),
        ({"window": 0}, "window must be"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "needs engine='dask'"),
    ],
)
def test_bad_arguments_are_refused_at_once(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_jobs([], **kwargs)  # type: ignore[arg-type]


def test_workers_are_forked_only_from_a_process_without_other_threads() -> None:
    """A fork copies one thread: with a progress bar's thread running, the workers come
    from the fork server instead (a fork could copy a lock that thread held)."""
    import threading

    from gik_rules.engine.parallel import _context_of

    alone = threading.active_count() == 1  # (other tests may have left a thread)
    assert _context_of(None).get_start_method() == ("fork" if alone else "forkserver")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _context_of(None).get_start_method() == "forkserver"
    finally:
        stop.set()
        other.join()
    assert _context_of("spawn").get_start_method() == "spawn"


def test_batches_are_sized_by_the_time_a_file_took() -> None:
    """Small quick files go to a worker many at a time (one round trip for them all),
    a slow file alone, so that no worker waits long for the last batch of another."""
    import multiprocessing
    from concurrent.futures import Future

    from gik_rules.engine.parallel import BATCH, BATCH_SECONDS, FIRST_BATCH, _Pool

    pool = _Pool(2, multiprocessing.get_context("spawn"))  # no process until a job is sent
    try:
        assert pool.batch == FIRST_BATCH

        def back(files: int, seconds: float) -> None:
            future: Future[tuple[list[object], float]] = Future()
            future.set_result((["outcome"] * files, seconds))
            pool._measured(future)  # type: ignore[arg-type]

        back(8, 8 * BATCH_SECONDS / 100)
        assert pool.batch == BATCH  # a hundred would fit: as many as a batch may take
        back(4, 2 * BATCH_SECONDS)  # slower: the mean of all the files back so far
        assert pool.batch == int(12 / 2.08)
        back(2, 20 * BATCH_SECONDS)  # a batch's time is now less than a file's
        assert pool.batch == 1
    finally:
        pool.close()


def test_the_last_jobs_go_out_once_every_job_is_taken() -> None:
    """A run's last batch, not full, is sent as soon as the input ends, not once the
    results before it are read (a worker would wait for it meanwhile)."""
    from gik_rules.engine.parallel import windowed

    calls: list[tuple[object, ...]] = []

    def submit(job: object) -> None:
        calls.append(("submit", job))

    def resolve(slot: object, pending: object) -> list[object]:
        calls.append(("resolve", slot.job))  # type: ignore[attr-defined]
        return []

    done = list(windowed([1, 2, 3], 8, submit, resolve, lambda: calls.append(("last",))))  # type: ignore[arg-type,list-item]
    assert [job for job, _ in done] == [1, 2, 3]
    assert calls[:4] == [("submit", 1), ("submit", 2), ("submit", 3), ("last",)]
    assert calls.count(("last",)) == 1
