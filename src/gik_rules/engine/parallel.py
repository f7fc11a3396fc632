"""Checking many files at once: in this process, in worker processes, or on Dask.

``check_jobs`` yields every job with its results in the order the jobs came, each as
soon as it and every job before it are done. At most ``window`` jobs are in flight
(taken from the iterable but not yet yielded), so memory does not grow with the number
of files, and the iterable is consumed only as the window moves on.

What crosses to a worker is the path (and the content of a job that carries it) and,
once per distinct ruleset, manifest and cache, a pickled *context*: the ruleset as plain
data (``ruleset.spec``), rebuilt against the worker's own host (``default_host()``, built
once per worker), the manifest and the cache handle. A worker that dies (killed, a
segfault, out of memory) stops nothing: its file gets an X002 finding, and the other
files are checked.

Local workers are forked from this process where that is safe (no other thread runs
here yet), so they start with its plugins loaded and its host built; else they come
from a fork server. Files go to them in batches sized to take about ``BATCH_SECONDS``
of a worker's time (measured on the batches before; at most ``BATCH`` files and
``BATCH_BYTES``), so that a run of small files does not pay a round trip each, and the
last batches of a run end close together.
"""

from __future__ import annotations

import collections
import functools
import gc
import hashlib
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.engine.file_job import FileJob, check_job, failed_result
from gik_rules.engine.lean import Keep, lean_result
from gik_rules.engine.packed_cells import PackedCells
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host, default_host
from gik_rules.ingest.limits import Limits
from gik_rules.ingest.manifest import Manifest
from gik_rules.ruleset import Ruleset, RulesetError
from gik_rules.ruleset.spec import RulesetSpec, ruleset_from_spec, ruleset_spec

if TYPE_CHECKING:
    from gik_rules.cache import Cache

ENGINES = ("local", "dask")
#: jobs in flight per Dask worker: enough that no worker waits for the next job while
#: the results of a slow file hold up the ones after it
WINDOW_PER_WORKER = 4
#: the most files sent to a local worker at once, and their most bytes together (a big
#: file goes in a batch of its own, so that the others are not held up behind it)
BATCH = 16
BATCH_BYTES = 1 << 20
#: the files of a batch until a batch's time is known, and the worker time a batch is
#: sized to take: a round trip costs a batch of small files less than one each, and a
#: run's last batches end about together (a batch of slow files is one file)
FIRST_BATCH = 8
BATCH_SECONDS = 0.05
#: jobs in flight per local worker: two batches each, one worked on, one waiting
LOCAL_WINDOW_PER_WORKER = 2 * BATCH
#: the English ``why`` of the X002 finding of a file whose worker died
WORKER_DIED = "the worker process checking it stopped abruptly (killed, crashed or out of memory)"

Checked = tuple[FileJob, list[ReportResult]]
#: what a worker sends back: the file's results, or why it could not check it
Outcome = list[ReportResult] | str


class EngineError(RuntimeError):
    """An engine that cannot run: Dask not installed, a scheduler that cannot be reached."""


def check_jobs(
    jobs: Iterable[FileJob],
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    host: Host | None = None,
    window: int | None = None,
    start_method: str | None = None,
    keep: Keep | None = None,
) -> Iterator[Checked]:
    """Check ``jobs``, yielding ``(job, results)`` in input order.

    ``workers``: 1 checks in this process with ``host`` (no pool, no start-up cost); N > 1
    uses N worker processes; 0 one per CPU. ``engine="dask"`` sends the jobs to the Dask
    scheduler at ``scheduler`` (else to a LocalCluster of ``workers`` processes); workers
    other than this process use their own ``default_host()``, so they need the same
    plugins installed and the files at the same paths. ``window``: jobs in flight
    (default 16 per local worker, 4 per Dask worker). ``start_method`` of the worker
    processes: "fork" while this process runs no other thread (a fork of a process with
    threads, as a progress bar's, can hang), else "forkserver" where there is one, else
    "spawn". ``keep``: a local worker's results come back with their reports lean
    (``engine.lean``: the metadata and what ``keep`` keeps), for a caller that reads no
    more of them (``engine.lean.run_keep``); None: whole. A fraction of the bytes to send
    and rebuild.
    Raises ValueError for bad arguments now, EngineError when iteration starts."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    if workers < 0:
        raise ValueError(f"workers must be 0 (one per CPU) or more, not {workers}")
    if window is not None and window < 1:
        raise ValueError(f"window must be at least 1, not {window}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    count = workers or os.cpu_count() or 1
    if engine == "dask":
        from gik_rules.engine.dask_engine import check_jobs_dask

        return check_jobs_dask(jobs, workers=workers, scheduler=scheduler, window=window)
    if count == 1:
        return _in_process(jobs, host or default_host())
    size = window or LOCAL_WINDOW_PER_WORKER * count
    return _in_pool(jobs, count, size, _context_of(start_method), keep)


def _in_process(jobs: Iterable[FileJob], host: Host) -> Iterator[Checked]:
    for job in jobs:
        yield job, outcome_results(job, _check_here(job, host))


def _check_here(job: FileJob, host: Host) -> Outcome:
    try:
        return check_job(job, host)
    except Exception as exc:  # check_job is not meant to raise; if it does, one file fails
        return f"{type(exc).__name__}: {exc}"


def outcome_results(job: FileJob, outcome: Outcome) -> list[ReportResult]:
    """A worker's outcome as the job's results: a failure is the file's X002 finding."""
    return [failed_result(job, outcome)] if isinstance(outcome, str) else outcome


# ------------------------------------------------------------------ contexts


@attrs.frozen
class Packed:
    """A job's context pickled once in this process: ``token`` names its content."""

    token: str
    data: bytes


class Contexts:
    """The packed context of each distinct (ruleset, manifest, cache, limits) of the jobs."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        # keyed by ids; each entry keeps its job, so that the ids stay its objects' own
        self._packed: collections.OrderedDict[tuple[int, ...], tuple[FileJob, Packed]]
        self._packed = collections.OrderedDict()

    def packed(self, job: FileJob) -> Packed:
        key = (id(job.ruleset), id(job.manifest), id(job.cache), id(job.limits))
        entry = self._packed.get(key)
        if entry is not None:
            self._packed.move_to_end(key)
            return entry[1]
        context = (ruleset_spec(job.ruleset), job.manifest, job.cache, job.limits)
        data = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
        packed = Packed(hashlib.blake2b(data, digest_size=16).hexdigest(), data)
        self._packed[key] = (job, packed)
        if len(self._packed) > self.size:
            self._packed.popitem(last=False)
        return packed


# ------------------------------------------------------------------ the worker side

WorkerContext = tuple[Ruleset, Manifest | None, "Cache | None", Limits]
#: the contexts this worker rebuilt, by token: a ruleset is rebuilt once per worker
_contexts: collections.OrderedDict[str, WorkerContext | str] = collections.OrderedDict()
_CONTEXTS_KEPT = 32
_init_error: str | None = None


def init_worker() -> None:
    """Build the worker's host before its first job. A host that cannot be built fails
    each job of this worker with the reason, rather than the pool."""
    global _init_error
    # what a forked worker has of its parent is kept out of the collector's sight: a
    # collection walking it would write to (and so copy) every page it shares
    gc.freeze()
    try:
        default_host()
    except Exception as exc:
        _init_error = f"the worker could not load its plugins: {type(exc).__name__}: {exc}"


def _context(token: str, data: bytes, host: Host) -> WorkerContext | str:
    found = _contexts.get(token)
    if found is None:
        try:
            spec, manifest, cache, limits = pickle.loads(data)  # made by our own parent
            if not isinstance(spec, RulesetSpec):
                raise TypeError(f"not a ruleset spec: {type(spec).__name__}")
            found = (ruleset_from_spec(spec, host), manifest, cache, limits)
        except (RulesetError, pickle.UnpicklingError, ImportError, TypeError) as exc:
            found = f"the worker could not rebuild the job: {exc}"
        _contexts[token] = found
        if len(_contexts) > _CONTEXTS_KEPT:
            _contexts.popitem(last=False)
    else:
        _contexts.move_to_end(token)
    return found


def run_packed(path: Path, content: bytes | None, token: str, data: bytes) -> Outcome:
    """Check one file in a worker (``content``: the job's own bytes, as standard input's),
    in the context ``data`` pickled by ``Contexts``."""
    if _init_error is not None:
        return _init_error
    try:
        host = default_host()
    except Exception as exc:
        return f"the worker could not load its plugins: {type(exc).__name__}: {exc}"
    context = _context(token, data, host)
    if isinstance(context, str):
        return context
    ruleset, manifest, cache, limits = context
    return _check_here(FileJob(path, ruleset, manifest, cache, content, limits), host)


#: what a worker sends back for a batch: each job's outcome, and the CPU seconds it took
Ran = tuple[list[Outcome], float]


def run_batch(
    items: list[tuple[Path, bytes | None, str]],
    data: dict[str, bytes],
    keep: Keep | None = None,
) -> Ran:
    """``run_packed`` for each ``(path, content, token)`` of a batch, and the seconds of
    this process's time they took; ``data``: the packed contexts of the batch's tokens;
    ``keep``: each result's report lean (``engine.lean.lean_result``), else whole."""
    start = time.process_time()
    outcomes = [run_packed(path, content, token, data[token]) for path, content, token in items]
    sent = packed_result if keep is None else functools.partial(lean_result, keep=keep)
    outcomes = [o if isinstance(o, str) else list(map(sent, o)) for o in outcomes]
    return outcomes, time.process_time() - start


def packed_result(result: ReportResult) -> ReportResult:
    """``result`` with its report's cells as columns (``PackedCells``): what crosses to
    the checking process, which makes a cell again only when it is looked at."""
    report = result.report
    if report is None or not report.cells:
        return result
    packed = attrs.evolve(report, cells=PackedCells.pack(report.cells))
    return attrs.evolve(result, report=packed)


# ------------------------------------------------------------------ the window


@attrs.define
class Slot:
    """A job in flight: its future until it is resolved, then its outcome."""

    job: FileJob
    future: Any = None
    outcome: Outcome | None = None


def windowed(
    jobs: Iterable[FileJob],
    window: int,
    submit: Callable[[FileJob], Any],
    resolve: Callable[[Slot, collections.deque[Slot]], Outcome],
    last: Callable[[], None] | None = None,
) -> Iterator[Checked]:
    """The jobs in order, at most ``window`` of them submitted and not yet yielded.
    ``resolve(slot, pending)`` waits for the first slot's outcome (``pending`` are the
    slots after it, which a recovery may resolve too); ``last()`` is called once every
    job is submitted."""
    source: Iterator[FileJob] | None = iter(jobs)
    pending: collections.deque[Slot] = collections.deque()

    def fill() -> None:
        nonlocal source
        while source is not None and len(pending) < window:
            job = next(source, None)
            if job is None:
                source = None
                if last is not None:
                    last()
                return
            pending.append(Slot(job, submit(job)))

    fill()
    while pending:
        slot = pending.popleft()
        outcome = slot.outcome if slot.outcome is not None else resolve(slot, pending)
        fill()  # the workers go on while the caller deals with this result
        yield slot.job, outcome_results(slot.job, outcome)


# ------------------------------------------------------------------ the local pool


def _context_of(start_method: str | None) -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if start_method is None:
        if "fork" in methods and threading.active_count() == 1:
            start_method = "fork"  # the workers start with this process's host built
        else:
            start_method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        # the server imports the engine once; each worker forked from it starts warm
        context.set_forkserver_preload(["gik_rules.engine.parallel"])
    return context


@attrs.define
class _Batch:
    """Jobs sent to a worker together; ``future`` once sent."""

    jobs: list[FileJob] = attrs.field(factory=list)
    size: int = 0
    future: Future[Ran] | None = None


@attrs.frozen
class _Member:
    """A job's place in its batch: what ``windowed`` holds as the job's future."""

    batch: _Batch
    index: int


def _size(job: FileJob) -> int:
    if job.data is not None:
        return len(job.data)
    try:
        return job.path.stat().st_size
    except OSError:
        return 0


class _Pool:
    """A process pool that is replaced when a dying worker breaks it."""

    def __init__(
        self,
        workers: int,
        context: multiprocessing.context.BaseContext,
        batch: int = BATCH,
        keep: Keep | None = None,
    ) -> None:
        self.workers, self.context, self.most = workers, context, batch
        self.keep = keep  # what the results' reports come back with (None: whole)
        self.batch = min(FIRST_BATCH, batch)  # the files a batch takes now
        self.spent = (0.0, 0)  # worker seconds, and the jobs of the batches they took
        self.contexts = Contexts()
        self.collecting: _Batch | None = None
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self.context, initializer=init_worker)

    def renew(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def submit(self, job: FileJob) -> _Member:
        """The job added to the batch being filled, which is sent once it is full."""
        batch = self.collecting = self.collecting or _Batch()
        batch.jobs.append(job)
        batch.size += _size(job)
        if len(batch.jobs) >= self.batch or batch.size >= BATCH_BYTES:
            self.flush()
        return _Member(batch, len(batch.jobs) - 1)

    def flush(self) -> None:
        """The batch being filled sent as it is (the last jobs of a run are not held
        back until the results before them are read)."""
        batch, self.collecting = self.collecting, None
        if batch is not None:
            batch.future = self._send(batch.jobs)

    def _send(self, jobs: list[FileJob]) -> Future[Ran]:
        items: list[tuple[Path, bytes | None, str]] = []
        data: dict[str, bytes] = {}
        for job in jobs:
            packed = self.contexts.packed(job)
            data[packed.token] = packed.data
            items.append((job.path, job.data, packed.token))
        future = self.executor.submit(run_batch, items, data, self.keep)
        future.add_done_callback(self._measured)
        return future

    def _measured(self, future: Future[Ran]) -> None:
        """The next batches sized by what the batches back so far took a job (called
        in the pool's thread as each comes back)."""
        if future.cancelled() or future.exception() is not None:
            return
        outcomes, seconds = future.result()
        spent, jobs = self.spent
        spent, jobs = spent + seconds, jobs + len(outcomes)
        self.spent = (spent, jobs)
        self.batch = max(1, min(self.most, int(BATCH_SECONDS * jobs / max(spent, 1e-9))))

    def _outcome(self, member: _Member) -> Outcome:
        """The job's outcome (its batch sent first, if it is still being filled); a job
        whose batch failed as a whole (a result that did not pickle) is run alone."""
        if member.batch.future is None:
            self.flush()
        assert member.batch.future is not None
        outcomes = _outcomes(member.batch.future)
        if isinstance(outcomes, str):
            alone = _outcomes(self._send([member.batch.jobs[member.index]]))
            return alone if isinstance(alone, str) else alone[0]
        return outcomes[member.index]

    def resolve(self, slot: Slot, pending: collections.deque[Slot]) -> Outcome:
        try:
            return self._outcome(slot.future)
        except BrokenProcessPool:
            pass
        # A worker died and the pool ended every batch in flight with it: run each job
        # of those alone in a fresh pool, so that only the one that kills its worker
        # fails (and one killed from outside, once, does not fail at all).
        suspects = [
            slot,
            *(s for s in pending if s.outcome is None and _broken(s.future.batch.future)),
        ]
        self.renew()
        for suspect in suspects:
            try:
                outcomes = _outcomes(self._send([suspect.job]))
                suspect.outcome = outcomes if isinstance(outcomes, str) else outcomes[0]
            except BrokenProcessPool:
                suspect.outcome = WORKER_DIED
                self.renew()
        assert slot.outcome is not None
        return slot.outcome

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _outcomes(future: Future[Ran]) -> list[Outcome] | str:
    """The outcomes of a batch's jobs; an exception (a result that did not pickle) is
    its text, but a broken pool is raised."""
    try:
        return future.result()[0]
    except BrokenProcessPool:
        raise
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def _broken(future: Future[Any] | None) -> bool:
    """Whether ``future`` was ended by a broken pool (waits for it to be done; a batch
    not sent yet was not)."""
    return future is not None and isinstance(future.exception(), BrokenProcessPool)


def _in_pool(
    jobs: Iterable[FileJob],
    workers: int,
    window: int,
    context: multiprocessing.context.BaseContext,
    keep: Keep | None = None,
) -> Iterator[Checked]:
    # batches small enough that the window holds two per worker
    pool = _Pool(workers, context, max(1, min(BATCH, window // (2 * workers))), keep)
    try:
        yield from windowed(jobs, window, pool.submit, pool.resolve, pool.flush)
    finally:  # also when the caller stops early: nothing is left running
        pool.close()
