"""What the text states against what the tables hold, and against itself.

``compare`` walks the statements of a passage (``narrative.parse``) and gives a
``Mismatch`` for each figure that is none of the cell sums its categories may be and each
share (占X%) the table's counts do not give at the precision written; ``parts`` one for
each list of parts that does not add up to its whole. Approximate, cumulative and open-list figures
are never compared; a figure whose cells hold no number has nothing to compare with.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

import attrs

from gik_rules.forms.derive import derived_sum
from gik_rules.model import Cell
from gik_rules.narrative.parse import Statement
from gik_rules.narrative.resolve import Alternatives, Resolver


class MismatchKind(enum.Enum):
    FIGURE = "figure"  # a figure against the table's cells
    SHARE = "share"  # a share against the table's counts
    PARTS = "parts"  # parts against their whole, in the text itself


@attrs.frozen(slots=True)
class Mismatch:
    """``stated`` against ``table`` (a figure and its cells' sum; a share in percent and
    the table's; the parts' sum and the whole's figure). ``whole`` is the figure a part
    belongs to. ``extended``: the stated figure is the table's with the categories the
    whole may include added (本年新收 + 上年结转) though the text does not say so.
    ``base``: the whole a share is of; ``tolerance``: how far a share may be from the
    table's and still agree (one unit of its last written digit)."""

    kind: MismatchKind
    statement: Statement
    stated: Decimal
    table: Decimal
    cells: tuple[str, ...]
    whole: Statement | None = None
    extended: bool = False
    base: Decimal | None = None
    base_cells: tuple[str, ...] = ()
    tolerance: Decimal = Decimal(0)
    complete: bool = False  # PARTS: the parts are all of the whole


@attrs.frozen(slots=True)
class Comparison:
    """What ``compare`` found, and how much it could look at: ``stated`` figures of the
    measure, ``compared`` those that had table figures to compare with."""

    mismatches: tuple[Mismatch, ...]
    stated: int
    compared: int


#: whole numbers that a sum of a few of, as Decimals, keeps exact (28 digits)
_EXACT = 10**24


class _Table:
    """A report's cell sums, in the measure's smallest unit (元 for amounts)."""

    def __init__(self, cells: Mapping[str, Cell], resolver: Resolver) -> None:
        self.cells, self.resolver = cells, resolver

    def value(self, ids: tuple[str, ...]) -> tuple[Decimal | None, tuple[str, ...]]:
        """The sum of ``ids`` and the cells it was taken from: a blank total cell is the
        sum of its row's other columns where those hold figures (a table that fills only
        the applicant columns), as the variant's identities make it."""
        whole = self.whole_sum(ids)
        if whole is not None:
            return Decimal(whole), ids
        total, used = derived_sum(self.cells, ids, self.resolver.variant)
        if total is None:
            return None, used
        # whole numbers of the smallest unit (counts): their sum is the total already
        if type(total) is int and len(used) < 1000 and self._whole(used):
            return Decimal(total), tuple(used)
        specs = self.resolver.variant.cells
        scale = self.resolver.scale
        out = Decimal(0)
        for cid in used:
            cell = self.cells.get(cid)
            if cell is None or cell.value is None:
                continue
            spec = specs.get(cid)
            out += Decimal(cell.value) * scale(cell.unit or (spec.unit if spec else None))
        return out, tuple(used)

    def whole_sum(self, ids: tuple[str, ...]) -> int | None:
        """The sum of ``ids`` where each is a cell holding a whole number below
        ``_EXACT`` of a unit of scale 1 (the counts a narrative most often states): then
        no cell is derived, every one is used and their int sum is the Decimal sum. None
        where one is not such a cell (or there is none): ``value`` adds them up."""
        if not ids or len(ids) >= 1000:
            return None
        get = self.cells.get
        ones = self.resolver.unit_cells
        total = 0
        for cid in ids:
            cell = get(cid)
            if cell is None:
                return None
            value = cell.value
            if type(value) is not int or cell.unit is not None or cid not in ones:
                return None
            if not -_EXACT < value < _EXACT:
                return None
            total += value
        return total

    def _whole(self, used: Iterable[str]) -> bool:
        """Whether each of the cells that hold a figure holds a whole number below
        ``_EXACT`` of a unit of scale 1: then adding them up as Decimals gives their
        sum as an int gives it."""
        get = self.cells.get
        ones = self.resolver.unit_cells
        for cid in used:
            cell = get(cid)
            if cell is None:
                continue
            value = cell.value
            if value is None:
                continue
            if type(value) is not int or cell.unit is not None or cid not in ones:
                return False
            if not -_EXACT < value < _EXACT:
                return False
        return True


def _stated(statement: Statement) -> tuple[Decimal, Decimal]:
    """The figure in the measure's smallest unit, and half a unit of its last digit."""
    key = (statement.decimals, statement.unit.scale if statement.unit else None)
    held = _SCALES.get(key)
    if held is None:
        held = _scale_and_half(*key)
        if len(_SCALES) < 256:
            _SCALES[key] = held
    scale, half = held
    return statement.value * scale, half


def _scale_and_half(decimals: int, unit_scale: int | None) -> tuple[Decimal, Decimal]:
    scale = Decimal(unit_scale) if unit_scale is not None else Decimal(1)
    return scale, Decimal(5) * Decimal(10) ** (-decimals - 1) * scale


#: (decimals written, the unit's scale) → (scale, half a unit of the last digit): the
#: few that texts write (a unit's scale is the grammar's, decimals a figure's few)
_SCALES: dict[tuple[int, int | None], tuple[Decimal, Decimal]] = {}


def compare(
    statements: Sequence[Statement], cells: Mapping[str, Cell], resolver: Resolver, measure: str
) -> Comparison:
    """Every mismatch of the statements of ``measure`` with ``cells`` (figures and
    shares; ``parts`` gives the mismatches within the text)."""
    return compare_all(statements, cells, resolver).get(measure, NOTHING)


#: what ``compare`` finds of a measure no statement is of
NOTHING = Comparison((), 0, 0)


def compare_all(
    statements: Sequence[Statement], cells: Mapping[str, Cell], resolver: Resolver
) -> dict[str | None, Comparison]:
    """``compare`` of each measure the statements are of, in one pass over them (the
    rules of several measures share it: a figure's outcome is the same whatever the
    measure asked for)."""
    table = _Table(cells, resolver)
    found: dict[str | None, list[Mismatch]] = {}
    counts: dict[str | None, list[int]] = {}  # measure → [stated, compared]
    measure_of, options_of = resolver.measure, resolver.cells
    for statement in statements:
        measure = measure_of(statement)
        count = counts.get(measure)
        if count is None:
            count = counts[measure] = [0, 0]
            found[measure] = []
        items = _with_parts(statement) if statement.parts else ((statement, None),)
        for item, whole in items:
            if not item.comparable:
                continue
            count[0] += 1
            # most figures are a whole sum of the table's and state no share: told so
            # without the figure's Decimal (``_figure`` gives it where it is needed)
            if (
                item.share is None
                and not item.columns
                and _agreeing_whole(item, options_of(item), table) is not None
            ):
                count[1] += 1
                continue
            outcome = _figure(item, whole, table)
            if outcome is None:
                continue
            count[1] += 1
            if isinstance(outcome, Mismatch):
                found[measure].append(outcome)
            elif item.share is not None:  # most figures state no share
                share = _share(item, outcome, table)
                if share is not None:
                    found[measure].append(share)
    return {m: Comparison(tuple(found[m]), *counts[m]) for m in counts}


def parts(statements: Sequence[Statement], resolver: Resolver, measure: str) -> list[Mismatch]:
    """The lists of parts of ``measure`` that do not add up to their whole: the text
    against itself, whatever the tables hold."""
    found = []
    for statement in statements:
        if statement.parts and resolver.measure(statement) == measure:
            mismatch = _parts(statement, resolver)
            if mismatch is not None:
                found.append(mismatch)
    return found


def _with_parts(statement: Statement) -> Iterator[tuple[Statement, Statement | None]]:
    yield statement, None
    for part in statement.parts:
        yield part, statement


def _figure(item: Statement, whole: Statement | None, table: _Table) -> Mismatch | Decimal | None:
    """The mismatch of a figure, else the table's figure it agrees with (None: nothing to
    compare with)."""
    resolver = table.resolver
    options: Alternatives
    if item.columns:
        if whole is None:
            return None
        found = resolver.column_cells(item, whole)
        options = (found,) if found else ()
    else:
        options = resolver.cells(item)
    agreed = _agreeing_whole(item, options, table)
    if agreed is not None:
        return Decimal(agreed)
    values = [table.value(cells) for cells in options]
    known = [(cells, v) for v, cells in values if v is not None]
    if not known:
        return None
    value, half = _stated(item)
    for _, v in known:
        if abs(v - value) <= half:
            return v
    # a mismatch: would the figure agree with the categories it may include added?
    if item.columns:
        assert whole is not None
        extended = resolver.column_cells(item, whole, extended=True)
    else:
        wider = resolver.cells(item, extended=True)
        extended = wider[0] if len(wider) == 1 and wider[0] not in options else ()
    cells, v = known[0]
    wider_value = table.value(extended)[0] if extended and extended != cells else None
    return Mismatch(
        MismatchKind.FIGURE,
        item,
        value,
        v,
        cells,
        whole=whole,
        extended=wider_value is not None and abs(wider_value - value) <= half,
    )


def _agreeing_whole(item: Statement, options: Alternatives, table: _Table) -> int | None:
    """The table's figure a figure of scale 1 (most) agrees with, told without Decimals
    where its alternatives up to that one are sums of whole numbers of a unit of scale
    1: a whole figure is within half a unit of its last digit (at most 0.5) of such a
    sum only where the two are equal, and of no other such sum. None: ``_figure``
    compares them as Decimals."""
    if item.unit is not None and item.unit.scale != 1:
        return None
    figure = item.value
    for cells in options:
        whole = table.whole_sum(cells)
        if whole is None:
            return None
        if whole == figure:
            return whole
    return None


def _share(item: Statement, figure: Decimal, table: _Table) -> Mismatch | None:
    """The mismatch of a share whose figure agrees with the table (a figure that does not
    is reported as such; its share with it)."""
    share = item.share
    if share is None or item.columns:
        return None
    resolver = table.resolver
    own = resolver.categories(item.categories[:1])
    bases = [b for c in own for b in c.share_of]
    tolerance = Decimal(10) ** -share.decimals
    first: tuple[Decimal, Decimal, tuple[str, ...]] | None = None
    for base_id in bases:
        base_statement = Statement((base_id,), Decimal(0), None, 0, 0)
        options = resolver.cells(base_statement)
        if len(options) != 1:
            continue
        base, base_cells = table.value(options[0])
        if not base:
            continue
        percent = figure * 100 / base
        if abs(percent - share.percent) < tolerance:
            return None
        if first is None:
            first = (percent, base, base_cells)
    if first is None:
        return None
    percent, base, base_cells = first
    cells = resolver.cells(item)
    return Mismatch(
        MismatchKind.SHARE,
        item,
        share.percent,
        percent,
        table.value(cells[0])[1] if cells else (),
        base=base,
        base_cells=base_cells,
        tolerance=tolerance,
    )


def _parts(statement: Statement, resolver: Resolver) -> Mismatch | None:
    """Parts that add up to more than their whole, or, when they are all of it, to
    anything but the whole."""
    parts = [p for p in statement.parts if p.comparable and not p.zero]
    if not parts or not statement.comparable:
        return None
    total = sum((p.value for p in parts), Decimal(0))
    # what most lists are told by first: parts that add up to the whole, or to less
    # where they are not all of it, are no mismatch whatever their cells and units
    if total == statement.value:
        return None
    complete = resolver.complete(parts, statement)
    if total < statement.value and not complete:
        return None
    cells = [resolver.part_cells(p, statement) for p in parts]
    if not all(cells):
        return None
    seen: set[str] = set()
    for group in cells:
        if seen & set(group):
            return None  # overlapping parts (自然人 and 法人或其他组织 and 商业企业)
        seen.update(group)
    units = {p.unit.scale if p.unit else 1 for p in parts} | {
        statement.unit.scale if statement.unit else 1
    }
    if len(units) != 1:
        return None
    if total > statement.value or complete:  # (and the total is not the whole's)
        return Mismatch(
            MismatchKind.PARTS,
            statement,
            total,
            statement.value,
            tuple(c for group in cells for c in group),
            complete=complete,
        )
    return None
