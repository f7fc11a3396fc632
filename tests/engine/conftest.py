"""The batch of files the parallel engines are tested on, and its results in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_rules.engine.parallel import check_jobs
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host
from gik_rules.ruleset import Ruleset, ruleset_of
from tests.engine.batch_files import flat, jobs_of, make_batch


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_batch(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def national(host: Host) -> Ruleset:
    return ruleset_of(host, "national")


@pytest.fixture(scope="module")
def here(batch: list[Path], national: Ruleset, host: Host) -> list[ReportResult]:
    """The batch checked in this process, the reference for every other engine."""
    return flat(check_jobs(jobs_of(batch, national), host=host))
