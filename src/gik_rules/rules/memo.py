"""What several rules read of one report, worked out once for it (``per_report``),
what a rule makes of its params, once for the run (``per_context``), and what is worked
out of an object that many reports share (``per_object``).

A ruleset's rules run one after another on a report: views of it that many of them
read (its folded passages, the period it states) are computed by the
first and handed to the others. A report is immutable (frozen, its sections a tuple),
so a view of it stays right as long as the report is the same object; a rule's context
(its params) is the same object for every report of a run."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # annotations only: rules.dataset, which rules.context imports, uses this
    from gik_rules.model import AnnualReport
    from gik_rules.rules.context import RuleContext

T = TypeVar("T")
K = TypeVar("K")


def _last(view: Callable[[K], T]) -> Callable[[K], T]:
    """``view(key)``, kept for the last key it was asked of (held with its view, so that
    no other object can take its identity while it is kept)."""
    held: list[tuple[K, T] | None] = [None]

    @functools.wraps(view)
    def shared(key: K) -> T:
        last = held[0]  # read once: another thread may replace it meanwhile
        if last is not None and last[0] is key:
            return last[1]
        value = view(key)
        held[0] = (key, value)
        return value

    return shared


def per_report(view: Callable[[AnnualReport], T]) -> Callable[[AnnualReport], T]:
    """``view(report)``, kept for the last report it was asked of: the rules of a
    ``check_report`` share it, and the next report replaces it."""
    return _last(view)


def per_context(view: Callable[[RuleContext], T]) -> Callable[[RuleContext], T]:
    """``view(ctx)``, kept for the last context it was asked of: what a rule makes of
    its params (a pattern compiled from them, a set of them) is made once for the
    reports of a run, not once for each."""
    return _last(view)


def per_object(view: Callable[[K], T], most: int = 256) -> Callable[[K], T]:
    """``view(key)``, kept for each of up to ``most`` objects asked of, by identity (each
    held with its view, so that no other object can take its identity while it is kept;
    all let go past ``most``): for what many reports share one object of, such as the
    tuple of cell ids of a dataset's rows alike."""
    kept: dict[int, tuple[K, T]] = {}

    @functools.wraps(view)
    def shared(key: K) -> T:
        found = kept.get(id(key))
        if found is None or found[0] is not key:
            if len(kept) >= most:
                kept.clear()
            found = kept[id(key)] = (key, view(key))
        return found[1]

    return shared
