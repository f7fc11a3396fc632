"""Memory freed by a dataset's chunk is given back where the C library can, and a system
without glibc's malloc_trim checks datasets all the same."""

from __future__ import annotations

import ctypes

import pytest

from gik_rules.engine import release


def test_without_malloc_trim_only_arrows_pool_is_released(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise OSError(f"{name}: cannot open shared object file")

    release._trim.cache_clear()
    monkeypatch.setattr(ctypes, "CDLL", missing)
    try:
        assert release._trim() is None
        release.release_unused()  # no error
    finally:
        release._trim.cache_clear()


def test_a_run_without_a_dataset_imports_no_pyarrow_to_release() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from gik_rules.engine import release; release.release_unused(); "
        "print('pyarrow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
