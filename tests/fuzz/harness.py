"""One fuzz case: a file written to disk, read and checked as ``gik-rules check`` reads
and checks it, under a time bound, and looked at after.

A case fails on a traceback (any exception out of the reader or the engine, a rule that
raised: X001, a file that could not be checked: X002), on a hang (past ``BOUND`` seconds,
interrupted by SIGALRM, which also breaks a blocking read), and on an input changed (its
bytes or modification time). The cases tried are counted by reader and kind; with
``GIK_FUZZ_STATS=file.json`` the counts are written there when the session ends
(docs/reliability.md quotes them).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from gik_rules.engine.run import check_read
from gik_rules.host import default_host
from gik_rules.ingest.limits import DEFAULT, Limits, using
from gik_rules.ingest.reader import read_path
from gik_rules.ruleset import Ruleset, ruleset_of

#: seconds one case may take before it counts as a hang (far above any case: a bound,
#: not a timing)
BOUND = int(os.environ.get("GIK_FUZZ_BOUND", "120"))
#: limits low enough that the small inputs of a fuzz run meet them
TIGHT = Limits(
    file_bytes=2_000_000,
    member_bytes=200_000,
    archive_bytes=400_000,
    pdf_pages=3,
    pdf_stream_bytes=200_000,
    rows=5,
    columns=300,
    table_cells=200,
    bad_rows=3,
    digits=12,
    depth=30,
    text_chars=60_000,
    line_chars=20_000,
    field_chars=80,
)
LIMITS = (DEFAULT, TIGHT)

TRIED: Counter[str] = Counter()
CODES: Counter[str] = Counter()


class Hang(Exception):
    """A case past ``BOUND`` seconds."""


@contextlib.contextmanager
def bounded(seconds: int = BOUND) -> Iterator[None]:
    """The body, interrupted with ``Hang`` after ``seconds`` (main thread, POSIX; else
    unbounded)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def national() -> Ruleset:
    return ruleset_of(default_host(), "national")


def run_case(path: Path, reader: str, kind: str, limits: Limits = DEFAULT) -> list[str]:
    """Read and check ``path`` as ``check`` does; the codes found. Fails the test on a
    traceback, a hang or an input changed."""
    before = path.read_bytes() if path.is_file() else None
    stamp = os.stat(path).st_mtime_ns if path.exists() else None
    host = default_host()
    codes: list[str] = []
    with bounded(), using(limits):
        for read in read_path(path, host):
            result = check_read(read, national(), host)
            codes.extend(f.code for f in result.findings)
            assert result.report is not None or result.findings, "nothing said of the file"
    assert not {"X001", "X002"} & set(codes), codes  # a rule or the check itself raised
    if before is not None:
        assert path.read_bytes() == before, "the input was changed"
    if stamp is not None:
        assert os.stat(path).st_mtime_ns == stamp, "the input was touched"
    TRIED[f"{reader}/{kind}"] += 1
    CODES.update(set(codes) & {"P001", "P009", "P013", "P014"})
    return codes


def case_file(folder: Path, name: str, data: bytes) -> Path:
    """``data`` written under ``name`` in a fresh file of ``folder`` (a hypothesis example
    reuses the test's folder)."""
    path = folder / name
    if path.exists():
        path.unlink()
    path.write_bytes(data)
    return path
