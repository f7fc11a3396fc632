"""What rules work out from a form variant alone, worked out once per variant.

A rule that needs, say, the variant's 万元 cells or its identities compiled asks for
them on every report; ``per_variant`` keeps the answer per variant object. A variant is
not hashable (it holds mappings), so answers are kept by the variant's id, each entry
holding its variant so that the id stays its own, and only for the last few variants
met (a process knows a handful).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from gik_rules.forms.variant import FormVariant

T = TypeVar("T")

#: variants kept per function: every installed variant, with room for tests' own
KEPT = 32


def per_variant(fn: Callable[[FormVariant], T]) -> Callable[[FormVariant], T]:
    """``fn`` with its answer kept for each variant it was asked about."""
    held: dict[int, tuple[FormVariant, T]] = {}

    @functools.wraps(fn)
    def cached(variant: FormVariant) -> T:
        entry = held.get(id(variant))
        if entry is None:
            if len(held) >= KEPT:
                held.pop(next(iter(held)))
            entry = held[id(variant)] = (variant, fn(variant))
        return entry[1]

    return cached
