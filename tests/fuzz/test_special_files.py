"""Special files under every report name: a named pipe, a folder, a socket, /dev/zero and
/dev/urandom are one finding each, at once (a named pipe was read until a writer came)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.fuzz import inputs
from tests.fuzz.harness import run_case

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX special files")


def _special(folder: Path, kind: str, suffix: str) -> Path:
    path = folder / f"{kind}{suffix}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    return path


@pytest.mark.parametrize("suffix", sorted(set(inputs.SUFFIX.values())))
@pytest.mark.parametrize("kind", ["fifo", "folder", "socket"])
def test_a_special_file_is_one_finding(tmp_path: Path, kind: str, suffix: str) -> None:
    reader = next(fmt for fmt, s in inputs.SUFFIX.items() if s == suffix)
    assert run_case(_special(tmp_path, kind, suffix), reader, kind) == ["P001"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_one_finding(device: str) -> None:
    if not Path(device).is_char_device():
        pytest.skip(f"no {device} device on this machine")
    assert run_case(Path(device), "device", Path(device).name) == ["P001"]
