"""``check_jobs`` on a Dask cluster (``pip install 'gik-rules[dask]'``).

The same worker function and the same window as the local pool: at most ``window``
futures are submitted ahead of the one being gathered, and results come back in input
order. Each job's context (ruleset spec, manifest, cache handle, limits) goes to the cluster
once, as a task of its own that the file tasks depend on (not scattered: scattered data
is lost with the workers that hold it, a task's result is computed again); each worker
process builds its host once, on its first task (``default_host()`` is cached per
process). Workers read the files
themselves: the paths must name the same files on every worker.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from gik_rules.engine.file_job import FileJob
from gik_rules.engine.parallel import (
    WINDOW_PER_WORKER,
    WORKER_DIED,
    Checked,
    Contexts,
    EngineError,
    Outcome,
    Slot,
    run_packed,
    windowed,
)

#: how long to wait for a scheduler before saying it cannot be reached
CONNECT_TIMEOUT = "20s"
#: how long a run waits on a cluster without a single worker before it gives up
NO_WORKERS_TIMEOUT = 120.0
#: how often a wait for a result looks whether the cluster still has workers
POLL_SECONDS = 2.0


def _client(stack: contextlib.ExitStack, workers: int, scheduler: str | None) -> Any:
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "the dask engine needs dask.distributed: pip install 'gik-rules[dask]'"
        ) from None
    dd: Any = distributed  # its calls are untyped
    if scheduler is not None:
        try:
            return stack.enter_context(dd.Client(scheduler, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None
    import dask

    # A cluster closes a worker that stays away longer than this after its process died;
    # a file that kills every worker it is given would then leave none. Ours keep their
    # workers: each nanny restarts its own, and the scheduler gives up on that file alone.
    stack.enter_context(dask.config.set({"distributed.deploy.lost-worker-timeout": "1h"}))
    cluster = stack.enter_context(
        dd.LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            host="127.0.0.1",
            threads_per_worker=1,  # the checks are pure Python: threads would share one GIL
            processes=True,
            dashboard_address=None,
            # its HTTP routes (health, metrics) on a free port, not 8787 or a warning
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,  # a worker's death is its file's finding, not noise
        )
    )
    return stack.enter_context(dd.Client(cluster))


def hold(data: bytes) -> bytes:
    """A context as a task's result, so that the cluster can compute it again."""
    return data


def check_jobs_dask(
    jobs: Iterable[FileJob], *, workers: int, scheduler: str | None, window: int | None
) -> Iterator[Checked]:
    """``parallel.check_jobs`` through dask.distributed: on the scheduler at ``scheduler``,
    else on a LocalCluster of ``workers`` processes (0: one per CPU)."""
    with contextlib.ExitStack() as stack:
        client = _client(stack, workers, scheduler)
        from distributed.scheduler import KilledWorker

        threads = sum(client.nthreads().values()) or 1
        size = window or WINDOW_PER_WORKER * max(threads, workers)
        contexts = Contexts()
        held: dict[str, Any] = {}  # token -> the future of its context on the cluster
        inflight: set[Any] = set()  # submitted and not yet gathered

        def submit(job: FileJob) -> Any:
            packed = contexts.packed(job)
            data = held.get(packed.token)
            if data is None:
                data = held[packed.token] = client.submit(
                    hold, packed.data, key=f"gik-rules-context-{packed.token}"
                )
            future = client.submit(run_packed, job.path, job.data, packed.token, data, pure=False)
            inflight.add(future)
            return future

        def resolve(slot: Slot, pending: collections.deque[Slot]) -> Outcome:
            outcome = _wait(slot.future)
            if outcome is None:
                # the scheduler blames every task queued on a worker that dies, so a
                # file waiting behind the one that kills its workers may be blamed too:
                # a file is given up only when it kills its workers on its own
                outcome = _wait(submit(slot.job))
            return WORKER_DIED if outcome is None else outcome

        def _wait(future: Any) -> Outcome | None:
            """The outcome of ``future``; None when the scheduler gave up on it (the
            workers it ran on died under it)."""
            try:
                outcome: Outcome = _result(future)
            except KilledWorker:
                return None
            except EngineError:
                raise
            except Exception as exc:  # a result that does not pickle, a lost task
                outcome = f"{type(exc).__name__}: {exc}"
            finally:
                inflight.discard(future)
                future.release()  # the cluster forgets the result: memory stays flat
            return outcome

        def _result(future: Any) -> Outcome:
            """``future.result()``, or EngineError once the cluster has had no worker
            for ``NO_WORKERS_TIMEOUT`` seconds (a lost cluster would wait for ever)."""
            alone_since: float | None = None
            while True:
                try:
                    result: Outcome = future.result(timeout=POLL_SECONDS)
                    return result
                except TimeoutError:
                    if client.nthreads():
                        alone_since = None
                        continue
                    now = time.monotonic()
                    alone_since = alone_since or now
                    if now - alone_since >= NO_WORKERS_TIMEOUT:
                        raise EngineError(
                            f"the dask cluster has had no workers for {NO_WORKERS_TIMEOUT:.0f} s"
                        ) from None

        try:
            yield from windowed(jobs, size, submit, resolve)
        finally:
            with contextlib.suppress(Exception):  # a cluster already gone has nothing to cancel
                client.cancel(list(inflight))
                client.cancel(list(held.values()))
