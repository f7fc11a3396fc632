"""Enums that pickle by member name and hash by identity.

An enum member unpickles through its class's constructor, by value (a Python-level
lookup); by name it is one ``getattr``. Results cross between processes and into the
cache by the hundred thousand, each with its cells' states and rules' statuses. A
member is its class's only object of its value and equal to itself alone, so hashing it
by identity (in C) agrees with its equality, where ``Enum``'s own hash is Python code.
"""

from __future__ import annotations

import enum
from typing import Any


class NamedEnum(enum.Enum):
    """An ``Enum`` that pickles as ``getattr(its class, its name)`` and hashes by
    identity."""

    def __reduce_ex__(self, protocol: object) -> tuple[Any, ...]:
        return getattr, (type(self), self.name)

    __hash__ = object.__hash__
