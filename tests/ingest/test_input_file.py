"""An input file is read whole, to its end, never past the limit: also when it holds
more than its size said (it grew, or is a file such as those of /proc that say 0)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gik_rules.ingest import input_file
from gik_rules.ingest.input_file import read_input, read_start
from gik_rules.ingest.limits import LimitExceeded, Limits, using


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    for data in (b"", b"x", "报告".encode() * 5000):
        path.write_bytes(data)
        assert read_input(path) == data
        assert read_start(path, 3) == (data[:3], len(data) <= 3)


def test_a_file_that_grows_while_read_is_read_to_its_end_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"0123456789" * 10)
    real = os.fstat

    def said_smaller(fd: int) -> os.stat_result:  # its size taken before it grew
        found = list(real(fd))
        found[6] = 7
        return os.stat_result(found)

    monkeypatch.setattr(input_file.os, "fstat", said_smaller)
    assert read_input(path) == b"0123456789" * 10
    with using(Limits(file_bytes=50)), pytest.raises(LimitExceeded):
        read_input(path)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_whose_size_says_nothing_is_read_too() -> None:
    assert os.stat("/proc/self/status").st_size == 0
    assert b"Name:" in read_input("/proc/self/status")
