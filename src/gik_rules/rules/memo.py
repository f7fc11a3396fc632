"""What several rules read of one report, worked out once for it (``per_report``).

A ruleset's rules run one after another on a report: views of it that many of them
read (its folded passages, the period it states) are computed by the
first and handed to the others. A report is immutable (frozen, its sections a tuple),
so a view of it stays right as long as the report is the same object."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from gik_rules.model import AnnualReport

T = TypeVar("T")


def per_report(view: Callable[[AnnualReport], T]) -> Callable[[AnnualReport], T]:
    """``view(report)``, kept for the last report it was asked of (held with its view,
    so that no other report can take its identity while it is kept): the rules of a
    ``check_report`` share it, and the next report replaces it."""
    held: list[tuple[AnnualReport, T] | None] = [None]

    @functools.wraps(view)
    def shared(report: AnnualReport) -> T:
        last = held[0]  # read once: another thread may replace it meanwhile
        if last is not None and last[0] is report:
            return last[1]
        value = view(report)
        held[0] = (report, value)
        return value

    return shared
