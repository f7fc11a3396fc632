"""Shared fixtures: the repository, the shared corpus and the installed plugin host."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gik_rules.host import Host, default_host

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_e77c82452743db18.txt"
CORPUS = SHARED / "corpus"

# The data cache (gik_rules.data_cache) in a folder of the run's own from the first import
# on (test modules build the host while they are collected): never the user's own. The
# worker processes some tests start inherit it.
if "GIK_RULES_DATA_CACHE_DIR" not in os.environ:
    _DATA_CACHE = tempfile.mkdtemp(prefix="gik-rules-data-")
    os.environ["GIK_RULES_DATA_CACHE_DIR"] = _DATA_CACHE
    atexit.register(shutil.rmtree, _DATA_CACHE, ignore_errors=True)

settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")


@pytest.fixture(autouse=True, scope="session")
def _cache_apart(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``check``'s cache in a folder of the session's own: never in the repository, and
    never answering one test run from another's."""
    os.environ["GIK_RULES_CACHE_DIR"] = str(tmp_path_factory.mktemp("gik-rules-cache"))


@pytest.fixture(scope="session")
def host() -> Host:
    return default_host()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed report is not at {SEED} (../shared beside the repository)")
    return SEED


@pytest.fixture(scope="session")
def examples() -> Path:
    return REPO / "examples"
