"""Every label of one table, in every known variant, as one matcher over a key view."""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple

import attrs

from gik_rules.forms.labels import enumerator, normalise_label
from gik_rules.forms.variant import BlockSpec, FormVariant, RowSpec


class Kind(enum.Enum):
    ROW = "row"  # a row of figures
    GROUP = "group"  # the heading of a group of rows (（三）不予公开)
    COLUMN = "column"  # a column header
    BLOCK = "block"  # the heading of a block (第二十条第（一）项, 申请人情况)


@attrs.frozen(slots=True)
class Entry:
    """One meaning of a label key: a row, group, column or block of one variant's table."""

    kind: Kind
    variant: str
    block: BlockSpec
    key: str
    enum: str  # the label's leading enumerator, folded ("(七)", "2."), or ""
    row: RowSpec | None = None
    group: str | None = None  # a row's group, as a key
    cells: tuple[str, ...] = ()  # a row's cell ids, in column order


@attrs.frozen(slots=True, eq=False)
class Sense:
    """What one key means in a table: its entries, and what the reader asks of them
    (worked out with the lexicon: a report asks it of every label it prints)."""

    entries: tuple[Entry, ...]
    rows: tuple[Entry, ...]  # its rows of blocks printed row by row
    single: Entry | None  # its first entry of a block printed as one row
    tabular: bool  # a row, or of a block printed as one row
    header: bool  # a column or block header
    others: bool  # means something besides a row
    blocks: frozenset[str]  # ids of the blocks it is in
    enums: tuple[str, ...]  # its entries' enumerators, once each
    #: the key of its last group entry and the block id of its last block entry: where a
    #: label read as no row leaves the reader's group and block
    last_group: str | None
    last_block: str | None

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> Sense:
        groups = [e.key for e in entries if e.kind is Kind.GROUP]
        blocks = [e.block.id for e in entries if e.kind is Kind.BLOCK]
        return cls(
            entries=tuple(entries),
            rows=tuple(e for e in entries if e.kind is Kind.ROW and not e.block.single_row),
            single=next((e for e in entries if e.block.single_row), None),
            tabular=any(e.kind is Kind.ROW or e.block.single_row for e in entries),
            header=any(e.kind in (Kind.COLUMN, Kind.BLOCK) for e in entries),
            others=any(e.kind is not Kind.ROW for e in entries),
            blocks=frozenset(e.block.id for e in entries),
            enums=tuple(dict.fromkeys(e.enum for e in entries if e.enum)),
            last_group=groups[-1] if groups else None,
            last_block=blocks[-1] if blocks else None,
        )


class Match(NamedTuple):
    """A label found in a key view: ``start``/``end`` index the key view (a tuple: a
    report's tables make hundreds, made fast)."""

    start: int
    end: int
    key: str
    sense: Sense
    near: str = ""  # the text as printed, when it matched the key only nearly (OCR noise)

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.sense.entries


#: ``Match(*fields)`` made in C (a NamedTuple's ``__new__`` is a Python function).
_match: Callable[[tuple[int, int, str, Sense, str]], Match] = functools.partial(
    tuple.__new__, Match
)


@attrs.define
class TableLexicon:
    """The labels of table ``table_id`` across ``variants`` (the report's own first)."""

    table_id: str
    variants: Sequence[FormVariant]
    entries: dict[str, list[Entry]] = attrs.field(init=False)
    senses: dict[str, Sense] = attrs.field(init=False)
    _pattern: re.Pattern[str] | None = attrs.field(init=False)
    _row_keys: list[str] | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        self.entries = {}
        for variant in self.variants:
            spec = variant.table(self.table_id)
            if spec is None:
                continue
            for block in spec.blocks:
                self._add(Kind.BLOCK, variant, block, block.label, block.aliases)
                for col in block.columns:
                    self._add(Kind.COLUMN, variant, block, col.label, col.aliases)
                for row in block.rows:
                    group = normalise_label(row.group) if row.group else None
                    self._add(Kind.ROW, variant, block, row.label, row.aliases, row, group)
                    if row.group:
                        self._add(Kind.GROUP, variant, block, row.group, ())
        self.senses = {key: Sense.of(entries) for key, entries in self.entries.items()}
        keys = sorted(self.entries, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def _add(
        self,
        kind: Kind,
        variant: FormVariant,
        block: BlockSpec,
        label: str,
        aliases: Sequence[str],
        row: RowSpec | None = None,
        group: str | None = None,
    ) -> None:
        enum_ = enumerator(label)
        cells = (
            tuple(f"{self.table_id}.{row.id}.{c.id}" for c in block.columns)
            if kind is Kind.ROW and row is not None
            else ()
        )
        for text in (label, *aliases):
            key = normalise_label(text)
            if not key:
                continue
            entry = Entry(kind, variant.id, block, key, enum_, row, group, cells)
            known = self.entries.setdefault(key, [])
            if entry not in known:
                known.append(entry)

    def find(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Leftmost-longest label matches in a key view's ``text[start:end]``."""
        if self._pattern is None:
            return
        senses = self.senses
        for m in self._pattern.finditer(text, start, len(text) if end is None else end):
            key = m.group()
            yield _match((m.start(), m.end(), key, senses[key], ""))

    def near(self, text: str, cutoff: float) -> str | None:
        """The row key most like ``text`` (a label garbled by OCR), if any is alike enough."""
        if self._row_keys is None:
            self._row_keys = [
                k for k, es in self.entries.items() if any(e.kind is Kind.ROW for e in es)
            ]
        from rapidfuzz import fuzz, process  # here: most runs never need a near match

        found = process.extractOne(text, self._row_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        return str(found[0]) if found else None


_LEXICONS: dict[tuple[str, tuple[int, ...]], TableLexicon] = {}


def lexicon(table_id: str, variants: tuple[FormVariant, ...]) -> TableLexicon:
    """One lexicon per table and variant order, built once (variants are loaded once)."""
    key = (table_id, tuple(id(v) for v in variants))
    found = _LEXICONS.get(key)
    # Keys are object ids: a match must hold the very same variants (ids can be reused).
    if found is None or any(a is not b for a, b in zip(found.variants, variants, strict=True)):
        found = _LEXICONS[key] = TableLexicon(table_id, variants)
    return found


def ordered(
    own: FormVariant | None, variants: Mapping[str, FormVariant]
) -> tuple[FormVariant, ...]:
    """The report's own variant first, then the others in a stable order."""
    rest = tuple(v for k, v in sorted(variants.items()) if own is None or k != own.id)
    return ((own,) if own is not None else ()) + rest
