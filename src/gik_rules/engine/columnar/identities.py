"""A form variant's identities over a chunk of dataset rows at once.

Every identity of a variant is one column of a ±1 matrix over the cells the identities
use, so a chunk's identities are one matrix product. Only the failing (row, identity)
pairs, and those with an EXACT figure, are then evaluated cell by cell, by
``forms.evaluate`` on cells from ``parse_cell_text``, and turned into hits by
``rules.identities.mismatch_hit``: each finding is the one the per-report rule gives,
with the same message, figures, blank count and location.

numpy for the products: an identity is a sum over a fixed set of columns, an integer
matrix times a ±1 matrix; Arrow arrays hand their buffers over to it. The products run on
one BLAS thread (threadpoolctl): matrices of a thousand rows gain nothing from more, and
a run with ``-j N`` already has a process per core.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from gik_rules.engine.columnar.frame import ChunkFrame
from gik_rules.engine.columnar.parse import ABSENT, BLANK, EXACT, INVALID, NUMBER
from gik_rules.forms.evaluate import evaluate
from gik_rules.forms.variant import BlankPolicy, FormVariant, Identity
from gik_rules.ingest.dataset_chunks import Chunk
from gik_rules.model.cell import Cell
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.rules.finding import Hit, Location
from gik_rules.rules.identities import mismatch_hit
from gik_rules.rules.skip import Skip, SkipReason

Outcome = tuple[tuple[Hit, ...], SkipReason | None]
#: Rows evaluated together: each matrix of rows by cells (states, figures, the products)
#: about a megabyte, not a whole block's tens
ROWS = 1024
_OK: Outcome = ((), None)
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@attrs.frozen(slots=True)
class Plan:
    """A variant's identities as matrices over the cells they use."""

    cells: tuple[str, ...]
    signs: FloatArray  # cells x identities: +1 per use on the left, -1 on the right
    uses: FloatArray  # cells x identities: how often the identity uses the cell
    skip_blank: npt.NDArray[np.bool_]  # identities not evaluated over a blank cell

    @classmethod
    def of(cls, variant: FormVariant) -> Plan:
        cells = tuple(dict.fromkeys(c for i in variant.identities for c in i.cells))
        index = {c: k for k, c in enumerate(cells)}
        shape = (len(cells), len(variant.identities))
        signs, uses = np.zeros(shape), np.zeros(shape)
        for j, identity in enumerate(variant.identities):
            for sign, side in ((1.0, identity.lhs), (-1.0, identity.rhs)):
                for cid in side:
                    signs[index[cid], j] += sign
                    uses[index[cid], j] += 1
        skip = np.array([i.blank is BlankPolicy.SKIP for i in variant.identities], bool)
        return cls(cells, signs, uses, skip)


class Evaluator:
    """The identities of a dataset's variants, planned once per variant."""

    def __init__(self, letters: Mapping[str, str]) -> None:
        self.letters = letters
        self._plans: dict[str, Plan] = {}

    def plan(self, variant: FormVariant) -> Plan:
        if variant.id not in self._plans:
            self._plans[variant.id] = Plan.of(variant)
        return self._plans[variant.id]

    def evaluate(
        self, frame: ChunkFrame, variants: Sequence[FormVariant | None], rows: Sequence[int]
    ) -> dict[int, Outcome]:
        """What the identity rule yields and raises for each of ``rows`` (indexes into
        ``chunk``, each with its variant): its hits, or why it skipped itself."""
        outcomes: dict[int, Outcome] = {}
        groups: dict[str, list[int]] = {}
        by_id: dict[str, FormVariant] = {}
        for r in rows:
            variant = variants[r]
            if variant is None:
                outcomes[r] = ((), UNKNOWN_VARIANT)
            else:
                groups.setdefault(variant.id, []).append(r)
                by_id[variant.id] = variant
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            for vid, members in groups.items():
                for at in range(0, len(members), ROWS):  # a few matrices of rows x cells
                    matrix = np.array(members[at : at + ROWS], np.int64)
                    self._group(frame, by_id[vid], matrix, outcomes)
        return outcomes

    def _group(
        self,
        frame: ChunkFrame,
        variant: FormVariant,
        members: IntArray,
        outcomes: dict[int, Outcome],
    ) -> None:
        chunk = frame.chunk
        plan = self.plan(variant)
        n, size = len(members), len(plan.cells)
        states = np.full((n, size), ABSENT, np.uint8)
        values = np.zeros((n, size), np.float64)
        for k, cid in enumerate(plan.cells):
            if cid not in chunk.cells:
                continue  # no such column: absent from every row
            column_states, column_values = frame.parsed(cid)
            states[:, k], values[:, k] = column_states[members], column_values[members]
            if cid not in variant.cells:  # another variant's cell is kept only where filled
                states[~frame.filled(cid)[members], k] = ABSENT

        def used(*kinds: int) -> npt.NDArray[np.bool_]:
            """Per row and identity: whether some cell of the identity is of ``kinds``."""
            # compared kind by kind: np.isin of a few small kinds sorts, several times slower
            of_kinds: npt.NDArray[np.bool_] = states == kinds[0]
            for kind in kinds[1:]:
                of_kinds |= states == kind
            return of_kinds.astype(np.float64) @ plan.uses > 0

        present = used(BLANK, NUMBER, INVALID, EXACT)
        blank = used(ABSENT, BLANK)
        exact = used(EXACT)
        figures = np.any(used(NUMBER, EXACT), axis=1)
        evaluated = present & ~used(INVALID) & ~(blank & plan.skip_blank)
        wrong = evaluated & (exact | ((values @ plan.signs) != 0))
        rows = members.tolist()
        found = set()
        for g, j in zip(*np.nonzero(wrong), strict=True):  # row-major: identities in form order
            r = rows[g]
            hit = self._hit(chunk, variant, r, variant.identities[j])
            if hit is not None:
                outcomes[r] = ((*outcomes.get(r, _OK)[0], hit), None)
                found.add(r)
        unread = ~present
        # each row's outcome as plain values: a row of numpy scalars costs microseconds
        looked = (figures & ~unread.any(axis=1)).tolist()
        for g, (r, ok) in enumerate(zip(rows, looked, strict=True)):
            if r in found:
                continue
            if ok:
                outcomes[r] = _OK
                continue
            missing = [variant.identities[j].id for j in np.flatnonzero(unread[g])]
            outcomes[r] = ((), _skip(bool(figures[g]), missing))

    def _hit(self, chunk: Chunk, variant: FormVariant, r: int, identity: Identity) -> Hit | None:
        """The hit for one identity of one row, or None where it holds after all."""
        cells: dict[str, Cell] = {}
        for cid, text in chunk.texts(r, identity.cells).items():
            if cid in variant.cells or text.strip():
                cells[cid] = parse_cell_text(text)
        result = evaluate(identity, cells)
        if result.holds:
            return None
        first = identity.lhs[0]
        location = self._location(chunk, variant, r, first, first in cells)
        return mismatch_hit(identity, result, cells, variant, location)

    def _location(
        self, chunk: Chunk, variant: FormVariant, r: int, cid: str, read: bool
    ) -> Location:
        """``rules.locate.cell_location`` of a dataset cell: its spreadsheet reference."""
        table, _, rest = cid.partition(".")
        row, _, column = rest.partition(".")
        spec = variant.table(table)
        return Location(
            section=spec.section if spec else None,
            table=table,
            row=row or None,
            column=column or None,
            cell=cid,
            line=chunk.lines[r] if read else None,
            ref=f"{self.letters[cid]}{chunk.numbers[r]}" if read else None,
        )


# The identity rule's own reasons for skipping itself (the contract of ``columnar =
# "identities"`` in a rule's metadata, ``rules.rule.COLUMNAR_KINDS``).
UNKNOWN_VARIANT = Skip(
    "报告的格式未识别，无从确定勾稽关系", "the report's form variant is not known"
).reason


def _skip(figures: bool, unread: list[str]) -> SkipReason:
    if not figures:  # every identity 0 = 0 over blanks: nothing was checked
        return Skip(
            "表格中没有数字，勾稽关系无从核对", "the tables hold no figures to add up"
        ).reason
    shown = "、".join(unread[:3]) + ("等" if len(unread) > 3 else "")
    return Skip(
        f"{len(unread)}项勾稽关系（{shown}）所涉单元格均未读取，未核对",
        f"{len(unread)} identities ({', '.join(unread[:3])}"
        f"{', …' if len(unread) > 3 else ''}) not evaluated: none of their cells was read",
    ).reason
