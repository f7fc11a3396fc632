"""Splitting flattened table rows back into cells, with the form's identities as the key.

Archive dumps of some reports print a row's figures run together: table 三's 本年新收 row
as ``"713000074"`` for 71/3/0/0/0/0/74, or ``"23 0 00 0 023"`` for 23/0/0/0/0/0/23. A run
of digits admits many splits; the identities of the form (总计 = the applicant columns,
each column's 新收 + 结转 = 总计 + 结转下年度, …) usually leave one.

``split_run`` lists every reading of one run; ``decode`` keeps the readings of a table's
runs that satisfy the identities and returns only what is certain: a row that still
admits two readings is reported as ambiguous, never guessed.

Grammar of a run (``split_run``):

* the run is cut into exactly ``len(kinds)`` numbers; whitespace is always a cut;
* no leading zeros: ``"00"`` is two cells, ``"023"`` is 0 and 23;
* COUNT is ``0`` or ``[1-9][0-9]*``; SIGNED may start with ``+`` or ``-``; AMOUNT may have
  a decimal part (``"9116.36"``) and then reads as a ``Decimal``, otherwise as an ``int``;
* any other character makes the run unsplittable (strip units like 元 before).

Decoding (``decode``):

1. Each run's splits are filtered by its *row identities* (identities whose cells all lie
   in that run, with ``known`` cells as constants) and by the ``known`` value of any of its
   own cells.
2. The *cross identities* (cells in several runs) are solved jointly by a backtracking
   search with interval pruning, separately for each group of runs they link. A row is
   certain when one reading of it occurs in every joint solution.
3. A group with no joint solution is decoded by its row identities alone, and
   ``Decoded.by_rows_only`` is set: the identity rules will then report the real fault.
   A row that no split satisfies even under its own identities is decoded without them
   (one split: certain); a run with no split at all is ``unsplittable``.

Everything is bounded: runs of at most ``MAX_RUN_CHARS`` characters, cells of at most
``MAX_CELL_CHARS``, at most ``limit`` readings kept per run, and ``max_nodes`` steps per
call shared by the walks over the runs (``WALK_NODES`` at most for one run) and the joint
search. Past a bound the rows concerned are ambiguous and listed in ``Decoded.capped``;
the worst input costs about half a second (26 hostile rows), a real table 三 a few ms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType

import attrs

from gik_rules.forms.variant import FormVariant, Identity, ValueKind
from gik_rules.model.cell import Number

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_NODES",
    "MAX_CELL_CHARS",
    "MAX_RUN_CHARS",
    "WALK_NODES",
    "Decoded",
    "Run",
    "TooManySplits",
    "count_splits",
    "decode",
    "runs_for",
    "split_run",
]

#: Most readings of one run ``split_run`` lists, or ``decode`` keeps, before giving up on it.
DEFAULT_LIMIT = 20_000
#: Most search steps one ``decode`` call spends (walks over the runs and joint search).
DEFAULT_MAX_NODES = 100_000
#: Most of those steps the walk over one run's splits may take.
WALK_NODES = 20_000
#: Longest run considered (spaces included); a longer one is not a table row.
MAX_RUN_CHARS = 100
#: Longest single cell: no figure of these tables has more characters ("75394432.52").
MAX_CELL_CHARS = 16

_NO_KNOWN: Mapping[str, Number] = MappingProxyType({})
_DIGITS = frozenset("0123456789")
_UNSEEN = object()  # a cell text not parsed yet


class TooManySplits(ValueError):
    """A run admits more readings than the limit (or is too long to consider)."""

    def __init__(self, text: str, count: int | None) -> None:
        what = "too long" if count is None else f"{count} splits"
        super().__init__(f"run {text[:40]!r}: {what}")
        self.count = count  # None when the run was not even counted


def _token(s: str, kind: ValueKind) -> Number | None:
    """The value of ``s`` as one cell of ``kind``, or None if the grammar forbids it."""
    if kind is ValueKind.SIGNED and s[0] in "+-":
        rest = _token(s[1:], ValueKind.COUNT) if len(s) > 1 else None
        return None if rest is None else (-rest if s[0] == "-" else rest)
    head, dot, frac = s.partition(".")
    if not head or not _DIGITS.issuperset(head) or (len(head) > 1 and head[0] == "0"):
        return None
    if not dot:
        return int(head)
    if kind is not ValueKind.AMOUNT or not frac or not _DIGITS.issuperset(frac):
        return None
    return Decimal(s)


class _OutOfNodes(Exception):
    pass


@attrs.define
class _Budget:
    nodes: int

    parent: _Budget | None = None

    def spend(self) -> None:
        budget: _Budget | None = self
        while budget is not None:  # a loop, not a call per parent: a step of every walk
            budget.nodes -= 1
            if budget.nodes < 0:
                raise _OutOfNodes
            budget = budget.parent

    def share(self, nodes: int) -> _Budget:
        """A budget of at most ``nodes`` that also spends this one's."""
        return _Budget(min(nodes, self.nodes), self)


class _Lattice:
    """The ways of cutting one run: ``ways[k][i]`` counts the splits of ``s[i:]`` into the
    cells ``k:``, computed backwards so that enumeration never walks into a dead end."""

    def __init__(self, text: str, kinds: Sequence[ValueKind]) -> None:
        chunks = text.split()
        self.s = s = "".join(chunks)
        self.kinds = kinds
        n, k_max = len(s), len(kinds)
        # A cell may not run across a space: cut[i] is the end of the chunk holding s[i].
        cut = [0] * n
        pos = 0
        for chunk in chunks:
            for i in range(pos, pos + len(chunk)):
                cut[i] = pos + len(chunk)
            pos += len(chunk)
        # parsed[kind][i * width + j]: the value of s[i:j] as a cell of kind (_UNSEEN
        # until asked: a flat list, not a dict of pairs, looked up by one index)
        width = n + 1
        parsed: dict[ValueKind, list[object]] = {}
        self.ways = [[0] * (n + 1) for _ in range(k_max + 1)]
        self.ways[k_max][n] = 1
        #: tokens[k][i]: (end, value) of each cell k that may start at i and be followed
        self.tokens: list[list[list[tuple[int, Number]]]] = [
            [[] for _ in range(n)] for _ in range(k_max)
        ]
        for k in range(k_max - 1, -1, -1):
            nxt, row, starts = self.ways[k + 1], self.ways[k], self.tokens[k]
            kind = kinds[k]
            seen = parsed.get(kind)
            if seen is None:
                seen = parsed[kind] = [_UNSEEN] * (n * width)
            # Cell k starts at or after k and leaves at least one character per later cell.
            for i in range(k, n - (k_max - 1 - k)):
                total = 0
                options = starts[i]
                at = i * width
                for j in range(i + 1, min(cut[i], i + MAX_CELL_CHARS) + 1):
                    ways = nxt[j]
                    if not ways:
                        continue
                    value = seen[at + j]
                    if value is _UNSEEN:
                        value = seen[at + j] = _token(s[i:j], kind)
                    if value is not None:
                        options.append((j, value))  # type: ignore[arg-type]
                        total += ways
                row[i] = total

    @property
    def count(self) -> int:
        return self.ways[0][0] if self.kinds else int(not self.s)

    def readings(self) -> list[tuple[Number, ...]]:
        """Every split, built from shared suffixes (much cheaper than a recursive walk)."""
        k_max = len(self.kinds)
        memo: dict[tuple[int, int], list[tuple[Number, ...]]] = {}

        def suffix(k: int, i: int) -> list[tuple[Number, ...]]:
            if k == k_max:
                return [()]  # tokens only lead here at the end of the run
            got = memo.get((k, i))
            if got is None:
                got = [(v, *rest) for j, v in self.tokens[k][i] for rest in suffix(k + 1, j)]
                memo[k, i] = got
            return got

        if not self.count:
            return []
        out = suffix(0, 0)
        # equal Decimals ("1.0", "1.00") are one reading
        return list(dict.fromkeys(out)) if ValueKind.AMOUNT in self.kinds else out

    def _ends(self) -> list[dict[int, list[tuple[int, Number]]]]:
        """``ends[k][j]``: ``(start, value)`` of each cell k ending at j that has a valid
        suffix, by start."""
        ends: list[dict[int, list[tuple[int, Number]]]] = [{} for _ in self.kinds]
        for ending, tokens in zip(ends, self.tokens, strict=True):
            for i, options in enumerate(tokens):
                for j, v in options:
                    if j in ending:
                        ending[j].append((i, v))
                    else:
                        ending[j] = [(i, v)]
        return ends

    def _bounds(
        self,
        ends: Sequence[Mapping[int, Sequence[tuple[int, Number]]]],
        checks: Sequence[tuple[Sequence[int], Number]],
    ) -> tuple[list[dict[int, tuple[Number, ...]]], list[dict[int, tuple[Number, ...]]]]:
        """``low[k][i][c]``, ``high[k][i][c]``: the least and greatest value check c's
        terms over the cells ``:k`` can take when they are cut from ``s[:i]`` (a prefix
        that cannot be cut so has no entry). Worked out check by check on plain numbers,
        then put together: most runs have one check, and a tuple a state and option
        costs more than the arithmetic."""
        k_max = len(self.kinds)
        per_check: list[tuple[list[dict[int, Number]], list[dict[int, Number]]]] = []
        for coefs, _ in checks:
            lows: list[dict[int, Number]] = [{0: 0}]
            highs: list[dict[int, Number]] = [{0: 0}]
            for k in range(k_max):
                coef, lo_prev, hi_prev = coefs[k], lows[k], highs[k]
                lo_k: dict[int, Number] = {}
                hi_k: dict[int, Number] = {}
                for j, starts in ends[k].items():
                    terms = [coef * v + lo_prev[i] for i, v in starts if i in lo_prev]
                    if terms:
                        lo_k[j] = min(terms)
                        hi_k[j] = max([coef * v + hi_prev[i] for i, v in starts if i in lo_prev])
                lows.append(lo_k)
                highs.append(hi_k)
            per_check.append((lows, highs))
        if len(per_check) == 1:
            lows, highs = per_check[0]
            return (
                [{i: (x,) for i, x in d.items()} for d in lows],
                [{i: (x,) for i, x in d.items()} for d in highs],
            )
        low = [
            {i: tuple(lows[k][i] for lows, _ in per_check) for i in per_check[0][0][k]}
            for k in range(k_max + 1)
        ]
        high = [
            {i: tuple(highs[k][i] for _, highs in per_check) for i in per_check[0][1][k]}
            for k in range(k_max + 1)
        ]
        return low, high

    def satisfying(
        self, checks: Sequence[tuple[Sequence[int], Number]], budget: _Budget
    ) -> list[tuple[Number, ...]]:
        """The readings under which every check ``sum(coefs[k] * cell[k]) + const == 0``
        holds, without listing the others: a run of thousands of splits usually has a
        handful that pass 总计 = the six columns.

        The walk assigns cells from the end of the run, where the forms print the totals,
        so a total is known before its parts and bounds the parts. A state is kept while
        each check can still reach 0 given the least and greatest value the unassigned
        prefix can add (computed forwards); dead states are remembered. Each step spends
        one of ``budget``'s nodes."""
        if not checks:
            return self.readings()
        k_max, n, m = len(self.kinds), len(self.s), len(checks)
        if not self.count:
            return []
        ends = self._ends()
        low, high = self._bounds(ends, checks)
        # per cell: the checks it enters, with its coefficient in each
        active = [[(c, checks[c][0][k]) for c in range(m) if checks[c][0][k]] for k in range(k_max)]
        every = range(m)
        out: list[tuple[Number, ...]] = []
        cur: list[Number] = [0] * k_max
        dead: set[tuple[int, int, tuple[Number, ...]]] = set()

        def walk(k: int, j: int, part: tuple[Number, ...]) -> bool:
            """Assign cell k-1 (ending at j) and those before it; True if any reading."""
            if k == 0:
                out.append(tuple(cur))
                return True
            if (k, j, part) in dead:
                return False
            found = False
            lo_prev, hi_prev, enters = low[k - 1], high[k - 1], active[k - 1]
            for i, v in ends[k - 1].get(j, ()):
                lo = lo_prev.get(i)
                if lo is None:
                    continue  # no reading of s[:i] into the cells before
                budget.spend()
                moved = list(part)
                for c, coef in enters:
                    moved[c] += coef * v
                hi = hi_prev[i]
                for c in every:
                    if not moved[c] + lo[c] <= 0 <= moved[c] + hi[c]:
                        break
                else:
                    cur[k - 1] = v
                    found = walk(k - 1, i, tuple(moved)) or found
            if not found:
                dead.add((k, j, part))
            return found

        if n in low[k_max]:
            walk(k_max, n, tuple(const for _, const in checks))
        out.reverse()  # the walk met them from the right; keep split_run's order
        return list(dict.fromkeys(out)) if ValueKind.AMOUNT in self.kinds else out


def _lattice(text: str, kinds: Sequence[ValueKind]) -> _Lattice:
    if len(text) > MAX_RUN_CHARS:
        raise TooManySplits(text, None)
    return _Lattice(text, kinds)


def count_splits(text: str, kinds: Sequence[ValueKind]) -> int:
    """How many readings ``split_run`` would list, without listing them (cheap)."""
    return _lattice(text, kinds).count


def split_run(
    text: str, kinds: Sequence[ValueKind], limit: int = DEFAULT_LIMIT
) -> list[tuple[Number, ...]]:
    """Every reading of ``text`` as ``len(kinds)`` cells (grammar in the module docstring),
    in order of increasing first-cell length. Raises ``TooManySplits`` past ``limit``
    readings or ``MAX_RUN_CHARS`` characters; an empty list means no reading at all."""
    lattice = _lattice(text, kinds)
    if lattice.count > limit:
        raise TooManySplits(text, lattice.count)
    return lattice.readings()


@attrs.frozen(slots=True)
class Run:
    """The figures printed for one row (or one single-line block such as table 四)."""

    row: str  # e.g. "t3.new"; reported back in Decoded.ambiguous / unsplittable
    cells: tuple[str, ...]  # the cell ids in printed order
    text: str  # the run as printed between the row label and the next label
    kinds: tuple[ValueKind, ...]  # per cell

    def __attrs_post_init__(self) -> None:
        if not self.cells or len(self.cells) != len(self.kinds):
            raise ValueError(f"run {self.row}: {len(self.cells)} cells, {len(self.kinds)} kinds")


@attrs.frozen(slots=True)
class Decoded:
    """What ``decode`` could read with certainty, and what it could not."""

    #: cell id -> value, only for rows with exactly one admissible reading
    values: Mapping[str, Number]
    #: row -> number of readings left (an upper bound when the row is also in ``capped``);
    #: none of the row's cells is in ``values``
    ambiguous: Mapping[str, int]
    #: rows whose run admits no reading at all (wrong digit count, stray characters)
    unsplittable: tuple[str, ...]
    #: some rows linked by identities had no joint solution and were decoded by their own
    #: row identities alone: the table's arithmetic is at fault somewhere
    by_rows_only: bool
    #: ambiguous rows that a bound (``limit``, ``max_nodes``, length) left undecided
    capped: tuple[str, ...] = ()


def runs_for(variant: FormVariant, table: str, printed: Mapping[str, str]) -> list[Run]:
    """Runs of ``table`` from the printed text of each row, keyed by row id, or by block id
    for a single-line block (表四: ``"appeals"``, one run of all its cells). A run is named
    ``"<table>.<row or block>"``; rows not in ``printed`` are left out."""
    spec = variant.table(table)
    if spec is None:
        raise KeyError(table)
    runs: list[Run] = []
    for block in spec.blocks:
        lines = [(block.id, block.rows)] if block.single_row else [(r.id, (r,)) for r in block.rows]
        for name, rows in lines:
            if name not in printed:
                continue
            cells = tuple(f"{table}.{r.id}.{c.id}" for r in rows for c in block.columns)
            kinds = tuple(variant.cells[c].kind for c in cells)
            runs.append(Run(f"{table}.{name}", cells, printed[name], kinds))
    return runs


# An identity as a linear form: sum(coef * cell) + const == 0, coefficients +1 (lhs) / -1 (rhs).
_Terms = dict[str, int]


def _terms(identity: Identity) -> _Terms:
    terms: _Terms = {}
    for cell in identity.lhs:
        terms[cell] = terms.get(cell, 0) + 1
    for cell in identity.rhs:
        terms[cell] = terms.get(cell, 0) - 1
    return {c: k for c, k in terms.items() if k}


class _Component:
    """Rows linked by cross identities, searched jointly. Rows with one reading are folded
    into the identities' constants; the others are searched with interval pruning: an
    identity stays feasible while 0 lies between (assigned + min of the rest) and
    (assigned + max of the rest)."""

    def __init__(
        self,
        domains: Sequence[Sequence[Mapping[str, Number]]],
        identities: Sequence[_Terms],
        fixed: Mapping[str, Number],
    ) -> None:
        self.domains = domains
        n_id = len(identities)
        self.const: list[Number] = [0] * n_id
        owner: dict[str, int] = {c: r for r, dom in enumerate(domains) for c in dom[0]}
        self.touch: list[list[int]] = [[] for _ in domains]
        for i, terms in enumerate(identities):
            rows = sorted({owner[c] for c in terms if c in owner})
            for r in rows:
                self.touch[r].append(i)
            for c, coef in terms.items():
                if c not in owner:
                    self.const[i] += coef * fixed[c]
        # contrib[r][c][k]: what reading c of row r adds to identity touch[r][k]
        self.contrib: list[list[tuple[Number, ...]]] = []
        self.low: list[tuple[Number, ...]] = []
        self.high: list[tuple[Number, ...]] = []
        for r, dom in enumerate(domains):
            rows_c = []
            for reading in dom:
                sums: list[Number] = []
                for i in self.touch[r]:
                    s: Number = 0
                    for c, coef in identities[i].items():
                        if c in reading:
                            s += coef * reading[c]
                    sums.append(s)
                rows_c.append(tuple(sums))
            self.contrib.append(rows_c)
            self.low.append(tuple(min(x[k] for x in rows_c) for k in range(len(self.touch[r]))))
            self.high.append(tuple(max(x[k] for x in rows_c) for k in range(len(self.touch[r]))))
        self.lo0: list[Number] = [0] * n_id
        self.hi0: list[Number] = [0] * n_id
        for r in range(len(domains)):
            for k, i in enumerate(self.touch[r]):
                self.lo0[i] += self.low[r][k]
                self.hi0[i] += self.high[r][k]

    def feasible(self) -> bool:
        return all(
            p + lo <= 0 <= p + hi for p, lo, hi in zip(self.const, self.lo0, self.hi0, strict=True)
        )

    def solve(
        self, first: int, reading: int, prefer: Sequence[set[int]], budget: _Budget
    ) -> list[int] | None:
        """A joint solution with row ``first`` read as ``reading``, or None if there is
        none. Readings not yet seen in a solution are tried first, so that each solution
        found settles as many open readings as possible."""
        n = len(self.domains)
        order = [first, *sorted((r for r in range(n) if r != first), key=self._size)]
        choices = [
            [reading]
            if r == first
            else [c for c in range(len(self.domains[r])) if c not in prefer[r]]
            + [c for c in range(len(self.domains[r])) if c in prefer[r]]
            for r in range(n)
        ]
        part, lo, hi = list(self.const), list(self.lo0), list(self.hi0)
        chosen = [-1] * n

        def move(r: int, c: int, sign: int) -> bool:
            ok = True
            for k, i in enumerate(self.touch[r]):
                part[i] += sign * self.contrib[r][c][k]
                lo[i] -= sign * self.low[r][k]
                hi[i] -= sign * self.high[r][k]
                if not part[i] + lo[i] <= 0 <= part[i] + hi[i]:
                    ok = False
            return ok

        def search(depth: int) -> bool:
            if depth == n:
                return True
            r = order[depth]
            for c in choices[r]:
                budget.spend()
                if move(r, c, 1):
                    chosen[r] = c
                    if search(depth + 1):
                        return True
                move(r, c, -1)
            return False

        return chosen if search(0) else None

    def _size(self, r: int) -> int:
        return len(self.domains[r])


def _runs_checked(runs: Sequence[Run]) -> None:
    seen_rows: set[str] = set()
    seen_cells: set[str] = set()
    for run in runs:
        if run.row in seen_rows:
            raise ValueError(f"row {run.row} given twice")
        seen_rows.add(run.row)
        for cell in run.cells:
            if cell in seen_cells:
                raise ValueError(f"cell {cell} in two runs")
            seen_cells.add(cell)


def _groups(n: int, links: Iterable[Sequence[int]]) -> list[list[int]]:
    """Connected components of ``range(n)`` under ``links`` (union-find)."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        for other in link[1:]:
            parent[root(other)] = root(link[0])
    out: dict[int, list[int]] = {}
    for x in range(n):
        out.setdefault(root(x), []).append(x)
    return list(out.values())


def decode(
    runs: Sequence[Run],
    identities: Sequence[Identity],
    *,
    known: Mapping[str, Number] = _NO_KNOWN,
    limit: int = DEFAULT_LIMIT,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Decoded:
    """Read ``runs`` with the help of ``identities`` (see the module docstring).

    ``known`` holds cells read with certainty elsewhere: constants in the identities, and
    a constraint on the readings of a run holding one of them. An identity with a cell in
    no run and not in ``known`` is ignored."""
    _runs_checked(runs)
    owner = {cell: r for r, run in enumerate(runs) for cell in run.cells}
    values: dict[str, Number] = {}
    ambiguous: dict[str, int] = {}
    unsplittable: list[str] = []
    capped: list[str] = []
    by_rows_only = False

    # Classify the identities; a cell of a run wins over the same cell in ``known``.
    usable: list[tuple[_Terms, list[int]]] = []
    for identity in identities:
        terms = _terms(identity)
        if all(c in owner or c in known for c in terms):
            rows = sorted({owner[c] for c in terms if c in owner})
            if rows:
                usable.append((terms, rows))
    fixed: dict[str, Number] = {c: v for c, v in known.items() if c not in owner}

    def checks(r: int) -> list[tuple[list[int], Number]]:
        """Row r's own identities and known cells, as coefficients by position."""
        place = {c: k for k, c in enumerate(runs[r].cells)}
        out: list[tuple[list[int], Number]] = []
        for terms, rows in usable:
            if rows == [r]:
                coefs = [0] * len(place)
                const: Number = 0
                for c, coef in terms.items():
                    if c in place:
                        coefs[place[c]] += coef
                    else:
                        const += coef * fixed[c]
                out.append((coefs, const))
        for c, k in place.items():
            if c in known:
                out.append(([int(x == k) for x in range(len(place))], -known[c]))
        return out

    # Row stage: domain[r] is the run's readings under its own identities; a run that
    # none satisfies is read without them, and takes part in the joint stage only if
    # that reading is unique (its cells are then as certain as any constant).
    domain: dict[int, list[dict[str, Number]]] = {}
    budget = _Budget(max_nodes)  # shared by the walks over the runs and the joint search
    for r, run in enumerate(runs):
        if len(run.text) > MAX_RUN_CHARS:
            ambiguous[run.row] = limit + 1  # not even counted
            capped.append(run.row)
            continue
        lattice = _Lattice(run.text, run.kinds)
        if not lattice.count:
            unsplittable.append(run.row)
            continue
        row_checks = checks(r)
        try:
            if lattice.count == 1:
                # certain whatever the identities say: it is what was printed
                domain[r] = [dict(zip(run.cells, lattice.readings()[0], strict=True))]
                continue
            if not row_checks and lattice.count > limit:
                raise _OutOfNodes  # nothing to prune the listing with
            ok = lattice.satisfying(row_checks, budget.share(WALK_NODES))
        except _OutOfNodes:
            # the number of splits bounds what the identities would have left
            ambiguous[run.row] = lattice.count
            capped.append(run.row)
            continue
        if len(ok) > limit:
            ambiguous[run.row] = len(ok)
            capped.append(run.row)
            continue
        if ok:
            domain[r] = [dict(zip(run.cells, x, strict=True)) for x in ok]
        else:
            ambiguous[run.row] = lattice.count

    cross = [(t, rows) for t, rows in usable if len(rows) > 1 and all(r in domain for r in rows)]
    members = sorted(domain)
    index = {r: k for k, r in enumerate(members)}

    def settle(rows: Sequence[int], readings: Mapping[int, list[dict[str, Number]]]) -> None:
        for r in rows:
            if len(readings[r]) == 1:
                values.update(readings[r][0])
            else:
                ambiguous[runs[r].row] = len(readings[r])

    for group in _groups(len(members), [[index[r] for r in rows] for _, rows in cross]):
        rows = [members[k] for k in group]
        inside = set(rows)
        linked = [t for t, rs in cross if rs[0] in inside]
        single = [r for r in rows if len(domain[r]) == 1]
        multi = [r for r in rows if len(domain[r]) > 1]
        constants = dict(fixed)
        for r in single:
            constants.update(domain[r][0])
        component = _Component([domain[r] for r in multi], linked, constants)
        if not component.feasible():
            by_rows_only = True
            settle(rows, domain)
            continue
        settle(single, domain)
        if not multi:
            continue
        supported: list[set[int]] = [set() for _ in multi]
        refuted: list[set[int]] = [set() for _ in multi]
        out_of_nodes = False
        try:
            for k in range(len(multi)):
                for c in range(len(domain[multi[k]])):
                    if c in supported[k] or c in refuted[k]:
                        continue
                    solution = component.solve(k, c, supported, budget)
                    if solution is None:
                        refuted[k].add(c)
                    else:
                        for kk, cc in enumerate(solution):
                            supported[kk].add(cc)
                if not supported[k]:
                    break  # every reading of a row refuted: no joint solution
        except _OutOfNodes:
            out_of_nodes = True
        if not out_of_nodes and not any(supported):
            by_rows_only = True
            settle(multi, domain)
            continue
        for k, r in enumerate(multi):
            open_ = len(domain[r]) - len(supported[k]) - len(refuted[k])
            if open_ == 0 and len(supported[k]) == 1:
                values.update(domain[r][next(iter(supported[k]))])
            else:
                ambiguous[runs[r].row] = len(supported[k]) + open_
                if open_:
                    capped.append(runs[r].row)

    order = {run.row: r for r, run in enumerate(runs)}
    return Decoded(
        values=MappingProxyType(values),
        ambiguous=MappingProxyType(dict(sorted(ambiguous.items(), key=lambda x: order[x[0]]))),
        unsplittable=tuple(unsplittable),
        by_rows_only=by_rows_only,
        capped=tuple(sorted(capped, key=order.__getitem__)),
    )
