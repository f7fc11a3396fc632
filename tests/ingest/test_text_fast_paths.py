"""The text reader's fast paths give what the plain steps they replace give.

A row's cells are placed at once (``_Source.put``: printed texts and spans, the line
looked up once for the cells on it, a cell made once for its texts and place), a pipe row is cut with one
strip a cell, and a label's row is the first of least rank without a key function. Each
is held here to the step-by-step form it replaced, on drawn texts and rows.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.ingest.document_kind import _has
from gik_rules.ingest.stream.cells import (
    Layout,
    Piece,
    _split_row,
    piece,
    row_cells,
    split_line,
)
from gik_rules.ingest.stream.headings import Heading
from gik_rules.ingest.stream.lexicon import Entry, Kind, Match, Sense, _match, lexicon, ordered
from gik_rules.ingest.stream.table import _row_layout, chosen, piece_cell
from gik_rules.ingest.text_report import _section, _Source
from gik_rules.model.cell import Cell
from gik_rules.textnorm import fold, normalise

# Printed texts whose fold changes lengths (㈠ folds to three characters, a zero-width
# space to none, full-width digits to ASCII) and whose lines vary in length.
_PRINTED = st.text(
    st.sampled_from("行政许可总计0123４５|\t\n \u3000\u200b㈠①，、")
    | st.characters(codec="utf-8"),  # a decoded text holds no surrogates
    max_size=80,
)


@given(st.lists(_PRINTED, min_size=1, max_size=3), st.data())
def test_put_is_each_piece_sliced_located_and_parsed(texts: list[str], data: st.DataObject) -> None:
    # Several texts in turn: a cell made for one text is shared with the next only
    # where its texts and place are the same.
    for text in texts:
        src = _Source.of(text)
        folded = src.folded.text
        bounds = st.integers(0, len(folded))
        pairs = data.draw(st.lists(st.tuples(bounds, bounds), max_size=12))
        pieces = [Piece(folded[min(a, b) : max(a, b)], min(a, b), max(a, b)) for a, b in pairs]
        ids = [f"c{n}" for n in range(len(pieces))]
        got: dict[str, Cell] = {}
        src.put(ids, pieces, got)
        want = {
            cid: piece_cell(p.text, src.slice(p.start, p.end), src.span(p.start))
            for cid, p in zip(ids, pieces, strict=True)
        }
        assert got == want
        for cid, p in zip(ids, pieces, strict=True):
            assert got[cid].span == src.span(p.start)


def _old_split(line: str, pos: int) -> list[tuple[str, int, int]]:
    """The cutting of a whole row line as it was: each segment stripped from both ends."""
    stripped = line.strip()
    offset = pos + (len(line) - len(line.lstrip()))
    body = stripped
    if body.startswith("|") and body.endswith("|"):
        body, offset = body[1:], offset + 1
    out, at = [], offset
    for seg in body.split("|"):
        left = seg.lstrip()
        text = left.rstrip()
        lead = at + len(seg) - len(left)
        out.append((text, lead, lead + len(text)))
        at += len(seg) + 1
    return out


_SPACE = st.text(st.sampled_from(" \t\u3000\u00a0"), max_size=3)
_CELL = st.text(st.sampled_from("a0１总计 -") | st.characters(codec="utf-8"), max_size=5)
# Row lines: cells with white space around them (empty ones too) between pipes.
_ROW = st.lists(st.tuples(_SPACE, _CELL, _SPACE).map("".join), max_size=8).map("|".join)


@given(_ROW | st.text(max_size=40), st.integers(0, 1000))
def test_a_row_line_is_cut_as_before(line: str, pos: int) -> None:
    stripped = line.strip()
    if not stripped.strip("|") or ("-" in stripped and split_line(line, pos) == []):
        return  # blank, pipes only or a Markdown rule: no cells, before as now
    assert [tuple(p) for p in split_line(line, pos)] == _old_split(line, pos)


def _old_rows(residue: str, start: int) -> tuple[list[Piece], list[Piece]]:
    """The cells of a pipe row and the figure cells of the lines after it, as they were
    found: every later line cut, its cells with a digit kept."""
    lines, pos = [], start
    for line in residue.split("\n"):
        lines.append((line, pos))
        pos += len(line) + 1
    first, at = lines[0]
    cells = row_cells(Layout.ROWS, first, at)[0]  # one line: no later lines
    stray = [
        p
        for line, lpos in lines[1:]
        for p in split_line(line, lpos)
        if any(ch.isdigit() for ch in p.text)
    ]
    return cells, stray


_RESIDUE = st.lists(_ROW | st.text(st.sampled_from("|0１² \t总"), max_size=6), max_size=4).map(
    "\n".join
)


@given(_RESIDUE, st.integers(0, 1000))
def test_a_pipe_rows_cells_and_strays_are_found_as_before(residue: str, start: int) -> None:
    assert row_cells(Layout.ROWS, residue, start) == _old_rows(residue, start)


@given(_RESIDUE, st.sampled_from(Layout))
def test_a_rows_own_layout_is_told_as_before(residue: str, zone: Layout) -> None:
    want: Layout = zone
    if zone not in (Layout.TABS, Layout.CELL_LINES):
        want = Layout.ROWS if "|" in residue.split("\n", 1)[0] else Layout.PLAIN
    assert _row_layout(zone, residue) is want


@given(st.text(max_size=5), st.integers(), st.integers())
def test_pieces_and_matches_made_in_c_are_the_named_tuples(text: str, a: int, b: int) -> None:
    made = piece((text, a, b))
    assert type(made) is Piece and made == Piece(text, a, b) and made.end == b
    match = _match((a, b, text, None, ""))  # type: ignore[arg-type]
    assert type(match) is Match and match == Match(a, b, text, None) and match.near == ""  # type: ignore[arg-type]


def _entries() -> list[Entry]:
    variants = default_host().variants
    order = ordered(None, variants)
    return [
        e
        for table in ("t2", "t3", "t4")
        for es in lexicon(table, order).entries.values()
        for e in es
    ]


_ENTRIES = _entries()
_NAMES = st.sampled_from(sorted({e.block.id for e in _ENTRIES} | {e.group or "" for e in _ENTRIES}))


@given(
    st.lists(st.sampled_from(_ENTRIES), min_size=1, max_size=6),
    st.permutations(sorted({e.variant for e in _ENTRIES})),
    st.none() | _NAMES,
    st.none() | _NAMES,
)
def test_the_chosen_row_is_the_first_of_least_rank(
    rows: list[Entry], variants: list[str], block: str | None, group: str | None
) -> None:
    order = {v: n for n, v in enumerate(variants)}

    def rank(e: Entry) -> tuple[int, int, int]:
        return (
            min(order.get(e.variant, 9), 1),
            0 if e.block.id == block else 1,
            0 if e.group is not None and e.group == group else 1,
        )

    assert chosen(rows, order, block, group) is min(rows, key=rank)


_WORDY = st.sampled_from("年度报告指标名称 \t\n\u3000\x1c.*(|")


@given(st.text(_WORDY | st.characters(codec="utf-8"), max_size=30), st.text(_WORDY, max_size=4))
def test_a_word_is_found_in_the_fold_without_making_it(text: str, word: str) -> None:
    assert _has(normalise(text).text, word) is (word in fold(text))


@given(
    st.text(st.sampled_from("年度报告指标名称.*("), min_size=1, max_size=4),
    st.lists(st.text(st.sampled_from(" \t\n\u3000\x1c"), max_size=2), min_size=4, max_size=4),
    st.text(max_size=5),
)
def test_a_word_spread_over_white_space_is_found(word: str, gaps: list[str], around: str) -> None:
    text = around + "".join(ch + gap for ch, gap in zip(word, gaps, strict=False)) + around
    assert _has(normalise(text).text, word) is (word in fold(text))


def _old_tabs(residue: str, start: int) -> list[Piece]:
    """Tab-indented cells as they were found: every line of the residue listed first."""
    out: list[Piece] = []
    pos = start
    for index, line in enumerate(residue.split("\n")):
        if index and line.startswith("\t"):
            out.append(Piece(line[1:].strip(), pos + 1, pos + len(line)))
        elif index and not line.strip():
            if out:
                break
        elif index and out:
            out[-1] = Piece(out[-1].text + line.strip(), out[-1].start, pos + len(line))
        pos += len(line) + 1
    return out


_TAB_LINE = st.tuples(st.sampled_from(["\t", "", " "]), _CELL).map("".join)
_TAB_RESIDUE = st.lists(_TAB_LINE, max_size=8).map("\n".join)


@given(
    _TAB_RESIDUE | _TAB_RESIDUE.map(lambda residue: residue + " " * 300),
    st.lists(st.integers(0, 1000), min_size=1, max_size=4),
)
def test_tab_cells_are_found_as_before(residue: str, starts: list[int]) -> None:
    # The same residue met again at other places (a long one is not kept).
    for start in starts:
        assert row_cells(Layout.TABS, residue, start) == (_old_tabs(residue, start), [])


# Short lines whose fold moves their starts (zero-width spaces dropped, ㈠ made three).
_LINES = st.tuples(
    st.text(st.sampled_from("\u200b㈠"), min_size=1, max_size=4),
    st.text(st.sampled_from("行0|\n\n \u200b㈠"), max_size=40),
).map("".join)


@given(_LINES | _PRINTED, st.lists(st.integers(0, 200), min_size=3, max_size=3), st.booleans())
@example("㈠000000\n", [0, 7, 9], True)  # a line whose start the fold moved past its own
def test_a_sections_lines_are_numbered_as_each_was_looked_up(
    text: str, bounds: list[int], table: bool
) -> None:
    # A section's text after its heading, a drawn stretch of it cut out as a table.
    src = _Source.of(text)
    size = len(src.folded.text)
    start, cut, end = sorted(min(b, size) for b in bounds)
    heading = Heading(1, "", start, start)
    section = _section(src, heading, end, [(cut, cut + 1)] if table else [])
    want: list[int] = []
    pieces = [(start, cut), (cut + 1, end)] if table and start <= cut < end else [(start, end)]
    for s, e in pieces:
        if e <= s:
            continue
        a, b = src.printed(s), src.printed(e) if e < size else len(src.text)
        at = a
        for raw in src.text[a:b].split("\n"):
            stripped = raw.strip()
            if stripped and not (table and start <= cut < end and not stripped.strip("|")):
                want.append(src.line_of_printed(at))
            at += len(raw) + 1
    assert list(section.line_map) == want


def _old_cut(line: str, pos: int, continues: bool) -> list[Piece]:
    """The cutting of a row line as it was: cut again at ``pos`` each time."""
    stripped = line.strip()
    if not stripped:
        return []
    offset = pos + (len(line) - len(line.lstrip()))
    if not stripped.strip("|"):
        if continues:
            return [Piece("", offset + n + 1, offset + n + 1) for n in range(len(stripped))]
        return []
    if "-" in stripped and re.match(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$", stripped):
        return []  # a Markdown rule
    body = stripped
    if body.startswith("|") and (continues or body.endswith("|")):
        body, offset = body[1:], offset + 1
    pieces, at = [], offset
    for seg in body.split("|"):
        text = seg.strip()
        lead = at + seg.find(text) if text else at + len(seg)
        pieces.append(Piece(text, lead, lead + len(text)))
        at += len(seg) + 1
    return pieces


@given(
    _ROW | _SPACE | st.just("|---|:--:|") | _ROW.map(lambda row: " " * 300 + row),  # not kept
    st.lists(st.tuples(st.integers(0, 1000), st.booleans()), min_size=1, max_size=6),
)
def test_a_row_line_cut_before_is_placed_where_it_stands(
    line: str, places: list[tuple[int, bool]]
) -> None:
    # The same line met again, at other places, after a label or not.
    for pos, continues in places:
        assert _split_row(line, pos, continues=continues) == _old_cut(line, pos, continues)


_HEADS = [e for e in _ENTRIES if e.kind in (Kind.GROUP, Kind.BLOCK)]


@given(st.lists(st.sampled_from(_ENTRIES) | st.sampled_from(_HEADS), min_size=1, max_size=6))
def test_a_label_read_as_no_row_leaves_the_group_and_block_its_entries_did(
    entries: list[Entry],
) -> None:
    group = block = None
    for e in entries:  # as the reader went through a sense's entries
        if e.kind is Kind.GROUP:
            group = e.key
        if e.kind is Kind.BLOCK:
            block = e.block.id
    sense = Sense.of(entries)
    assert (sense.last_group, sense.last_block) == (group, block)
