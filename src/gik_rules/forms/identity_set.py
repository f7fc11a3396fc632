"""All the identities of a variant on one report at once, compiled once per variant.

``forms.evaluate.evaluate`` looks at one identity's cells; a report's forty-odd
identities share their cells, so ``IdentitySet`` reads each cell once into bit masks
(present, holding a value, blank, invalid) and whole-number sums, and adds every
identity's two sides up in one generated function. Only an identity that does not add
up (or whose cells hold something other than whole numbers) is then evaluated by
``evaluate`` itself, which gives its result: the outcome is exactly that of calling
``evaluate`` on every identity (a property test holds it to that).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from gik_rules.forms.evaluate import IdentityResult, evaluate
from gik_rules.forms.per_variant import per_variant
from gik_rules.forms.variant import BlankPolicy, FormVariant, Identity
from gik_rules.model.cell import Cell, CellState

_INVALID = CellState.INVALID
_INTS = {int}


@attrs.frozen(slots=True)
class Scan:
    """A report's identities: the ids of those none of whose cells it has (not
    evaluated), whether a cell of the others holds a figure, and each one that does not
    hold with its result, in the variant's order."""

    unread: tuple[str, ...]
    figures: bool
    failing: tuple[tuple[Identity, IdentityResult], ...]


def _sides_function(
    width: int, sides: Sequence[tuple[Sequence[int], Sequence[int]]]
) -> Callable[..., Any]:
    """``f(*v) -> tuple``: for each identity, sum(v[lhs]) - sum(v[rhs]) over the ``width``
    values (generated once: forty additions in one expression run several times faster
    than forty loops; the values as arguments, each read as a local, not indexed)."""
    terms = []
    for lhs, rhs in sides:
        expr = "+".join(f"v{i}" for i in lhs) or "0"
        if rhs:
            expr += "-(" + "+".join(f"v{i}" for i in rhs) + ")"
        terms.append(expr)
    params = ",".join(f"v{i}" for i in range(width))
    source = f"def differences({params}):\n    return (" + "".join(f"{t}," for t in terms) + ")\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<gik_rules identity sums>", "exec"), namespace)
    return namespace["differences"]  # type: ignore[no-any-return]


class IdentitySet:
    """A variant's identities as positions in one list of the cells they use."""

    def __init__(self, identities: Sequence[Identity]) -> None:
        self.identities = tuple(identities)
        self.cells = tuple(dict.fromkeys(c for i in self.identities for c in i.cells))
        position = {c: k for k, c in enumerate(self.cells)}
        self.masks = tuple(sum(1 << position[c] for c in set(i.cells)) for i in self.identities)
        self.skip_blank = tuple(i.blank is BlankPolicy.SKIP for i in self.identities)
        self._getter = operator.itemgetter(*self.cells) if len(self.cells) >= 2 else None
        self._differences = _sides_function(
            len(self.cells),
            [([position[c] for c in i.lhs], [position[c] for c in i.rhs]) for i in self.identities],
        )

    def scan(self, cells: Mapping[str, Cell]) -> Scan:
        """Every identity on ``cells``, as calling ``evaluate`` on each would give."""
        if self._getter is None:  # fewer than two cells: itemgetter gives no tuple
            return self._scan(cells)
        try:
            got: tuple[Cell, ...] = self._getter(cells)
        except KeyError:  # a cell is missing
            return self._scan(cells)
        # a comprehension, not ``map(attrgetter)``: the interpreter's attribute access on
        # a slotted class is specialised, some twice as fast
        values = [c.value for c in got]
        if set(map(type, values)) != _INTS:
            return self._scan(cells)
        # every cell holds a whole number: only the sums decide. (An invalid cell among
        # them needs no look of its own: ``evaluate`` skips, so holds, an identity over
        # one, and only an identity that does not add up is evaluated.)
        differences = self._differences(*values)
        if not any(differences):  # every identity adds up: most reports
            return Scan((), bool(self.identities), ())
        failing = []
        for j, difference in enumerate(differences):
            if difference:
                result = evaluate(self.identities[j], cells)
                if not result.holds:
                    failing.append((self.identities[j], result))
        return Scan((), bool(self.identities), tuple(failing))

    def _scan(self, cells: Mapping[str, Cell]) -> Scan:
        get = cells.get
        values: list[int] = []
        add = values.append
        present = valued = blank = invalid = unsure = 0
        bit = 1
        for cid in self.cells:
            cell = get(cid)
            if cell is None:  # counted as a blank cell, as ``evaluate`` counts it
                blank |= bit
                add(0)
            else:
                present |= bit
                value = cell.value
                if cell.state is _INVALID:
                    invalid |= bit
                    if value is not None:
                        valued |= bit
                    add(0)
                elif value is None:
                    blank |= bit
                    add(0)
                else:
                    valued |= bit
                    if type(value) is int:
                        add(value)
                    else:  # a decimal: ``evaluate`` adds it up
                        unsure |= bit
                        add(0)
            bit <<= 1
        differences = self._differences(*values)
        unread: list[str] = []
        failing: list[tuple[Identity, IdentityResult]] = []
        figures = False
        for j, mask in enumerate(self.masks):
            identity = self.identities[j]
            if not present & mask:
                unread.append(identity.id)
                continue
            if valued & mask:
                figures = True
            if invalid & mask or (blank & mask and self.skip_blank[j]):
                continue  # not evaluated, so it holds
            if unsure & mask or differences[j]:
                result = evaluate(identity, cells)
                if not result.holds:
                    failing.append((identity, result))
        return Scan(tuple(unread), figures, tuple(failing))


@per_variant
def identity_set(variant: FormVariant) -> IdentitySet:
    """The compiled identities of ``variant``."""
    return IdentitySet(variant.identities)
