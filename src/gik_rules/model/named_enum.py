"""Enums that pickle by member name.

An enum member unpickles through its class's constructor, by value (a Python-level
lookup); by name it is one ``getattr``. Results cross between processes and into the
cache by the hundred thousand, each with its cells' states and rules' statuses.
"""

from __future__ import annotations

import enum
from typing import Any


class NamedEnum(enum.Enum):
    """An ``Enum`` that pickles as ``getattr(its class, its name)``."""

    def __reduce_ex__(self, protocol: object) -> tuple[Any, ...]:
        return getattr, (type(self), self.name)
