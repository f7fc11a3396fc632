"""What was worked out before, kept by key up to a bound."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Bounded(dict[K, V]):
    """Values worked out before, by key: a dict, so that a lookup (``get``) is the C
    one, and ``keep`` adds a value, forgetting every entry first once ``most`` are held
    (a run's keys mostly repeat; the bound keeps odd ones from growing it without end)."""

    __slots__ = ("most",)

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most

    def keep(self, key: K, value: V) -> V:
        """``value``, kept for ``key``."""
        if len(self) >= self.most:
            self.clear()
        self[key] = value
        return value
