"""Every label of one table, in every known variant, as one matcher over a key view."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping, Sequence

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


@attrs.frozen(slots=True)
class Match:
    """A label found in a key view: ``start``/``end`` index the key view."""

    start: int
    end: int
    key: str
    entries: tuple[Entry, ...]
    near: str = ""  # the text as printed, when it matched the key only nearly (OCR noise)


@attrs.define
class TableLexicon:
    """The labels of table ``table_id`` across ``variants`` (the report's own first)."""

    table_id: str
    variants: Sequence[FormVariant]
    entries: dict[str, list[Entry]] = attrs.field(init=False)
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
        for text in (label, *aliases):
            key = normalise_label(text)
            if not key:
                continue
            entry = Entry(kind, variant.id, block, key, enum_, row, group)
            known = self.entries.setdefault(key, [])
            if entry not in known:
                known.append(entry)

    def find(self, text: str) -> Iterator[Match]:
        """Leftmost-longest label matches in a key view's text."""
        if self._pattern is None:
            return
        for m in self._pattern.finditer(text):
            yield Match(m.start(), m.end(), m.group(0), tuple(self.entries[m.group(0)]))

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
