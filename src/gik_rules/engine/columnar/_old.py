"""The identities of a dataset evaluated column-wise: N301 identity-mismatch for a whole
batch of rows at once.

A dataset (CSV, XLSX) holds one report per row and one column per cell. Checked report by
report, every row's cells become objects and every identity is summed cell by cell; here
each column's texts are parsed at once into arrays and every identity of a variant is one
matrix product over the batch. Only the failing (row, identity) pairs, and those with a
decimal or very large figure, are then evaluated per cell, by ``forms.evaluate`` on cells
from ``model.cell_text.parse_cell_text``, so each finding is the one N301 gives on the
per-report path: same message, figures, blank count and location.

numpy because an identity is a sum over a fixed set of columns: an integer matrix times a
±1 matrix is all it takes, and numpy is the lightest of numpy, pyarrow and polars (one
wheel, no runtime of its own); their data-frame features would go unused.

Parsing is exact, not approximate: a text the vectorised step cannot decide (anything but
ASCII or full-width digits, an empty text or a placeholder as written) goes to
``parse_cell_text``, once per distinct text, so the semantics are that function's.
Figures are summed as float64 only while every figure is below 10**12, where each partial
sum of a few hundred cells is an exact integer; a larger or decimal figure marks its
identities for the exact evaluation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, cast

import attrs
import numpy as np
import numpy.typing as npt

from gik_rules.forms.evaluate import IdentityResult, evaluate
from gik_rules.forms.variant import BlankPolicy, FormVariant, Identity
from gik_rules.model.cell import Cell, CellState
from gik_rules.model.cell_text import PLACEHOLDERS, parse_cell_text
from gik_rules.rules.finding import Hit, Location
from gik_rules.rules.identities import mismatch_hit
from gik_rules.rules.rule import Rule
from gik_rules.rules.skip import Skip, SkipReason

if TYPE_CHECKING:
    from gik_rules.engine.result import ReportResult
    from gik_rules.host import Host
    from gik_rules.ingest.dataset import RowTexts
    from gik_rules.ingest.manifest import Manifest
    from gik_rules.ingest.result import ReadResult
    from gik_rules.ruleset import Ruleset

CODE = "N301"
#: The implementation whose findings this module reproduces; another plugin's N301 is
#: run per report as it stands.
IMPLEMENTATION = ("gik_rules_national.rules.tables", "identity_mismatch")
#: Rows per batch: big enough for numpy to pay, small enough to keep a file streaming.
BATCH = 4096

# Cell states as the identities see them.
ABSENT, BLANK, NUMBER, INVALID, EXACT = range(5)  # EXACT: a figure summed per cell
_MAX_DIGITS = 12  # below 10**12 every partial sum in float64 is an exact integer
_LIMIT = 10**_MAX_DIGITS
#: Placeholders as written, where ``parse_cell_text`` says so (a text it would fold to
#: something else is left to it).
_PLACEHOLDERS = sorted(p for p in PLACEHOLDERS if parse_cell_text(p).state is CellState.PLACEHOLDER)

Outcome = tuple[tuple[Hit, ...], SkipReason | None]
_OK: Outcome = ((), None)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
StateArray = npt.NDArray[np.uint8]


@attrs.frozen(slots=True)
class Rows:
    """A batch of dataset rows: each row's cell texts as read by cell id (without the
    cells it has no field for), spreadsheet number, CSV line and variant."""

    texts: Sequence[Mapping[str, str]]
    letters: Mapping[str, str]  # cell id -> spreadsheet column letter
    numbers: Sequence[int]
    lines: Sequence[int | None]
    variants: Sequence[FormVariant | None]


def is_columnar(rule: Rule) -> bool:
    """Whether ``rule`` is the N301 this module evaluates."""
    check = rule.check
    return (
        rule.code == CODE
        and check is not None
        and (getattr(check, "__module__", None), getattr(check, "__name__", None)) == IMPLEMENTATION
    )


def parse_column(texts: Sequence[str | None]) -> tuple[StateArray, FloatArray]:
    """The state and figure of each text (``None``: no such cell); the figure is 0 but
    where the state is NUMBER."""
    n = len(texts)
    states = np.full(n, BLANK, np.uint8)
    values = np.zeros(n, np.float64)
    if n == 0:
        return states, values
    absent = np.zeros(n, bool)
    filled = cast("Sequence[str]", texts)
    if None in texts:  # a copy only where some row lacks a field
        absent = np.fromiter((t is None for t in texts), bool, n)
        filled = [t or "" for t in texts]
    # One string, one buffer of code points: the fields are found between separators, so
    # no Python object is made per text. A text holding the separator or a NUL (which
    # numpy would drop) leaves the whole column to the parser.
    joined = "\x1f".join(filled)
    simple = bool(joined) and joined.count("\x1f") == n - 1 and "\x00" not in joined
    undecided = ~absent
    if simple:
        codes = np.frombuffer(joined.encode("utf-32-le"), np.uint32)
        seps = np.flatnonzero(codes == 0x1F)
        starts = np.concatenate(([0], seps + 1))
        lengths = np.concatenate((seps, [codes.size])) - starts
        places = np.arange(min(int(lengths.max()), _MAX_DIGITS))
        inside = places < lengths[:, None]
        picked = np.where(inside, codes[np.minimum(starts[:, None] + places, codes.size - 1)], 0)
        ascii_ = (picked - np.uint32(0x30)) < 10  # unsigned: below "0" wraps to a large code
        full = (picked - np.uint32(0xFF10)) < 10
        digits = (
            (lengths > 0) & (lengths <= _MAX_DIGITS) & np.where(inside, ascii_ | full, True).all(1)
        )
        figure = np.where(ascii_, picked - 0x30, np.where(full, picked - 0xFF10, 0)).astype(
            np.int64
        )
        total = np.zeros(n, np.int64)
        for j in range(places.size):  # Horner's rule, digit by digit, on every text at once
            total = np.where(j < lengths, total * 10 + figure[:, j], total)
        digits &= ~absent
        states[digits] = NUMBER
        values[digits] = total[digits]
        undecided &= ~digits & (lengths > 0)
    rest = np.flatnonzero(undecided)
    if rest.size:  # placeholders, signs, separators, units, decimals, what is no number
        parsed: dict[str, tuple[int, float]] = {}
        for i in rest:
            text = filled[int(i)]
            if text not in parsed:
                parsed[text] = _state_of(parse_cell_text(text))
            states[i], values[i] = parsed[text]
    states[absent] = ABSENT
    return states, values


def _state_of(cell: Cell) -> tuple[int, float]:
    if cell.state is CellState.INVALID:
        return INVALID, 0.0
    value = cell.value
    if value is None:
        return BLANK, 0.0
    if isinstance(value, int) and -_LIMIT < value < _LIMIT:
        return NUMBER, float(value)
    return EXACT, 0.0


@attrs.frozen(slots=True)
class _Plan:
    """A variant's identities as matrices over the cells they use."""

    cells: tuple[str, ...]
    signs: FloatArray  # cells x identities: +1 per use on the left, -1 on the right
    uses: FloatArray  # cells x identities: how often the identity uses the cell
    skip_blank: npt.NDArray[np.bool_]  # identities not evaluated over a blank cell

    @classmethod
    def of(cls, variant: FormVariant) -> _Plan:
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


def evaluate_rows(rows: Rows) -> list[Outcome]:
    """What N301 yields and raises for each row: its hits, or why it skipped itself."""
    outcomes: list[Outcome] = [_OK] * len(rows.numbers)
    groups: dict[str, list[int]] = {}
    variants: dict[str, FormVariant] = {}
    for r, variant in enumerate(rows.variants):
        if variant is None:
            outcomes[r] = ((), _UNKNOWN_VARIANT)
        else:
            groups.setdefault(variant.id, []).append(r)
            variants[variant.id] = variant
    for vid, members in groups.items():
        _evaluate_group(rows, variants[vid], np.array(members), outcomes)
    return outcomes


def _evaluate_group(
    rows: Rows, variant: FormVariant, members: IntArray, outcomes: list[Outcome]
) -> None:
    plan = _Plan.of(variant)
    n, size = len(members), len(plan.cells)
    # All the group's texts at once, row by row: one parse for the whole batch.
    flat = [text for r in members for text in map(rows.texts[r].get, plan.cells)]
    for k, cid in enumerate(plan.cells):
        if cid not in variant.cells:  # another variant's cell is kept only where filled
            flat[k::size] = [t if t and t.strip() else None for t in flat[k::size]]
    parsed_states, parsed_values = parse_column(flat)
    states = parsed_states.reshape(n, size)
    values = parsed_values.reshape(n, size)

    def used(*kinds: int) -> npt.NDArray[np.bool_]:
        """Per row and identity: whether some cell of the identity is of ``kinds``."""
        return np.isin(states, kinds).astype(np.float64) @ plan.uses > 0

    present = used(BLANK, NUMBER, INVALID, EXACT)
    blank = used(ABSENT, BLANK)
    exact = used(EXACT)
    figures = np.any(used(NUMBER, EXACT), axis=1)
    evaluated = present & ~used(INVALID) & ~(blank & plan.skip_blank)
    wrong = evaluated & (exact | ((values @ plan.signs) != 0))
    found = np.zeros(n, bool)
    for g, j in zip(*np.nonzero(wrong), strict=True):  # row-major: identities in form order
        hit = _hit(rows, variant, int(members[g]), variant.identities[j])
        if hit is not None:
            r = int(members[g])
            outcomes[r] = ((*outcomes[r][0], hit), None)
            found[g] = True
    unread = ~present
    for g in np.flatnonzero(~found & (~figures | unread.any(axis=1))):
        missing = [variant.identities[j].id for j in np.flatnonzero(unread[g])]
        outcomes[int(members[g])] = ((), _skip(bool(figures[g]), missing))


def _hit(rows: Rows, variant: FormVariant, r: int, identity: Identity) -> Hit | None:
    """N301's hit for one identity of one row, or None where it holds after all."""
    cells: dict[str, Cell] = {}
    for cid in identity.cells:
        text = rows.texts[r].get(cid)
        if text is not None and (cid in variant.cells or text.strip()):
            cells[cid] = parse_cell_text(text)
    result = evaluate(identity, cells)
    if result.holds:
        return None
    return _identity_hit(rows, variant, r, identity, result, cells)


def _identity_hit(
    rows: Rows,
    variant: FormVariant,
    r: int,
    identity: Identity,
    result: IdentityResult,
    cells: Mapping[str, Cell],
) -> Hit:
    location = _location(rows, variant, r, identity.lhs[0], identity.lhs[0] in cells)
    return mismatch_hit(identity, result, cells, variant, location)


def _location(rows: Rows, variant: FormVariant, r: int, cid: str, read: bool) -> Location:
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
        line=rows.lines[r] if read else None,
        ref=f"{rows.letters[cid]}{rows.numbers[r]}" if read else None,
    )


_UNKNOWN_VARIANT = Skip(
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


def rows_of(batch: Sequence[RowTexts], variants: Mapping[str, FormVariant]) -> Rows:
    """The batch as columns, each row with the variant its report was read as."""
    return Rows(
        texts=[row.texts for row in batch],
        letters=batch[0].letters if batch else {},
        numbers=[row.number for row in batch],
        lines=[row.line for row in batch],
        variants=[
            variants.get(row.read.report.meta.variant or "") if row.read.report else None
            for row in batch
        ],
    )


def check_path(
    path: Path | str, ruleset: Ruleset, host: Host, manifest: Manifest | None = None
) -> Iterator[ReportResult]:
    """Read and check one file as ``engine.run.check_paths`` does; when it is a dataset
    and the ruleset selects N301, N301 is evaluated column-wise batch by batch and every
    other rule per report."""
    from gik_rules.engine.run import check_read, check_report
    from gik_rules.ingest.dataset import read_dataset_rows
    from gik_rules.ingest.reader import read_bytes, read_path
    from gik_rules.ingest.result import UnreadableError
    from gik_rules.ingest.sniff import sniff

    def checked(reads: Iterator[ReadResult]) -> Iterator[ReportResult]:
        for read in reads:
            yield check_read(manifest.apply(read) if manifest else read, ruleset, host)

    config = ruleset.config(CODE)
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError:  # read_path reports it
        yield from checked(read_path(path, host))
        return
    fmt = sniff(data, source)
    if config is None or not is_columnar(config.rule) or fmt not in ("csv", "xlsx"):
        yield from checked(read_bytes(data, source, host))
        return
    try:
        rows = read_dataset_rows(data, fmt, source, host) if data.strip() else None
    except UnreadableError:
        rows = None
    if rows is None:  # read_bytes gives the P001
        yield from checked(read_bytes(data, source, host))
        return
    while batch := list(islice(rows, BATCH)):
        if manifest:
            batch = [attrs.evolve(row, read=manifest.apply(row.read)) for row in batch]
        outcomes = evaluate_rows(rows_of(batch, host.variants))
        for row, outcome in zip(batch, outcomes, strict=True):
            read = row.read
            if read.report is None:
                yield check_read(read, ruleset, host)
                continue
            yield check_report(
                read.report,
                ruleset,
                host.variants,
                source=read.source,
                issues=read.issues,
                has_text=read.has_text,
                computed={CODE: outcome},
            )
