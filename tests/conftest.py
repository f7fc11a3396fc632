"""Shared fixtures: the repository, the shared corpus and the installed plugin host."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gik_rules.host import Host, default_host

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_e77c82452743db18.txt"
CORPUS = SHARED / "corpus"

settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")


@pytest.fixture(autouse=True, scope="session")
def _cache_apart(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``check``'s caches in folders of the session's own: never in the repository or the
    user's home, and never answering one test run from another's."""
    os.environ["GIK_RULES_CACHE_DIR"] = str(tmp_path_factory.mktemp("gik-rules-cache"))
    # the parsed data files too: a test run never writes into the user's own cache
    os.environ["GIK_RULES_DATA_CACHE_DIR"] = str(tmp_path_factory.mktemp("gik-rules-data"))


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
