"""What the mappings of cells made only when looked at share."""

from __future__ import annotations

from collections.abc import ItemsView, Mapping, ValuesView

from gik_rules.model.cell import Cell


class LazyCells(Mapping[str, Cell]):
    """Cells by id, made only when read: a subclass gives the one asked for without
    making the others, and ``_built`` all of them, once, for a look at every cell (its
    values or items) and for comparing and printing it as the dict it stands for."""

    __slots__ = ()

    def _built(self) -> dict[str, Cell]:
        raise NotImplementedError

    def values(self) -> ValuesView[Cell]:
        return self._built().values()

    def items(self) -> ItemsView[str, Cell]:
        return self._built().items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._built() == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping, as dict

    def __repr__(self) -> str:
        return repr(self._built())
