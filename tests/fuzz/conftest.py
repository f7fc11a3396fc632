"""The fuzz suites' settings: a few examples per reader in the default run (seconds), as
many as ``GIK_FUZZ_EXAMPLES`` says in a long run (docs/reliability.md); the counts of
cases tried written to ``GIK_FUZZ_STATS`` when the session ends."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests.fuzz.harness import CODES, TRIED

EXAMPLES = int(os.environ.get("GIK_FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # a long run's finds are reported, not replayed into the quick one
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    where = os.environ.get("GIK_FUZZ_STATS")
    if where and TRIED:
        stats = {
            "inputs_tried": sum(TRIED.values()),
            "by_reader_and_kind": dict(sorted(TRIED.items())),
            "files_with": dict(sorted(CODES.items())),
            "exit_status": int(exitstatus),
        }
        Path(where).write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
