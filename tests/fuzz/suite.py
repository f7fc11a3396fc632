"""The tests of one reader's fuzz suite, made for its format: damaged copies of a good
file (hypothesis), and its named hostile files, each under the default and tight limits
(``harness.run_case``: no traceback, no hang, the input unchanged)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.ingest.limits import Limits
from tests.fuzz import cases, inputs
from tests.fuzz.conftest import FUZZ
from tests.fuzz.harness import LIMITS, case_file, run_case

LIMIT_IDS = ["default-limits", "tight-limits"]


def mutated(fmt: str, damage: Callable[[bytes], st.SearchStrategy[bytes]]) -> Any:
    """A test of ``fmt``'s good file damaged by ``damage`` (its strategy of damaged copies)."""
    files = st.deferred(lambda: damage(inputs.seeds()[fmt]))  # seeds are made at run time

    @FUZZ
    @given(data=files, limits=st.sampled_from(LIMITS))
    def test(folder: Path, data: bytes, limits: Limits) -> None:
        run_case(case_file(folder, f"report{inputs.SUFFIX[fmt]}", data), fmt, "mutated", limits)

    return test


def hostile(fmt: str) -> Any:
    """A test of each named hostile file of ``fmt``."""
    builders = cases.hostile(fmt)

    @pytest.mark.parametrize("limits", LIMITS, ids=LIMIT_IDS)
    @pytest.mark.parametrize("kind", sorted(builders))
    def test(folder: Path, kind: str, limits: Limits) -> None:
        data = builders[kind]()
        run_case(case_file(folder, f"{kind}{inputs.SUFFIX[fmt]}", data), fmt, kind, limits)

    return test
