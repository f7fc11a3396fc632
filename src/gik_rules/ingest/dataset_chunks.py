"""A dataset read straight into columns, chunk by chunk, for the columnar engine.

Each chunk holds some thousands of rows: one Arrow string array per cell id (null where
a row has no field for it) and the metadata values as Python lists. Row by row only the
metadata is worked out (``RowHead``: the report's ``meta``, variant and parse issues,
exactly as ``ingest.dataset`` gives them); a row's cells are parsed only when someone
looks at them (``RowCells``, a lazy mapping).

Why pyarrow: its C++ CSV reader builds the columns without a Python object per cell,
which is where reading a dataset's time went (the ``csv`` module makes a ``str`` per
field: on 100,000 rows of 235 columns 3.2 s against 0.9 s), and its compute kernels
(a regular expression, a cast, ``index_in``) parse whole columns. polars would do as
well but brings a second data-frame model; pyarrow's arrays hand over to numpy as they
are. The fast reader is used only where it reads what the ``csv`` module reads: a UTF-8
file with no quote character, no NUL, no field beyond the ``csv`` module's size limit and
every row of the header's length; anything else (and XLSX) goes through the rows of
``ingest.dataset_sheets`` as before, turned into the same chunks — from the first row
that is not regular on, so the rows and their numbers are the same either way.
"""

from __future__ import annotations

import array
import codecs
import csv
import io
from collections.abc import (
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from gik_rules.forms.variant import FormVariant
from gik_rules.host import Host
from gik_rules.ingest import limits
from gik_rules.ingest.arrow_scalars import EMPTY, FALSE, integer
from gik_rules.ingest.dataset import (
    Figure,
    _Header,
    _header_issues,
    _Row,
    figure_of,
    plain_heads,
    row_cells,
    row_past_limit,
    text_of,
)
from gik_rules.ingest.dataset_columns import Column, all_cell_ids, classify
from gik_rules.ingest.dataset_sheets import SheetRow, Value, read_csv, read_xlsx, within_rows
from gik_rules.ingest.input_file import open_input, read_input
from gik_rules.ingest.limits import LimitExceeded, active
from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.model import Cell, ReportMeta
from gik_rules.model.lazy_cells import LazyCells

#: Rows per chunk: enough for the column kernels to pay, few enough to keep memory flat.
CHUNK = 8192
_BLOCK = 1 << 22  # bytes per Arrow block: about 6,000 rows of the template
Bools = npt.NDArray[np.bool_]


@attrs.frozen(slots=True)
class Chunk:
    """Consecutive data rows of a dataset (blank lines left out), as columns."""

    numbers: Sequence[int]  # spreadsheet row numbers
    lines: Sequence[int | None]  # CSV lines where each row starts
    problems: Sequence[str | None]  # why a row could not be read completely
    lengths: Sequence[int]  # how many fields each row has
    meta: Mapping[str, Sequence[Value]]  # metadata values by key (_MISSING: not reached)
    meta_refs: Mapping[str, Sequence[str]]  # metadata key -> each row's column letter
    cells: Mapping[str, pa.Array]  # cell id -> texts (null: the row has no field)
    fatal: bool = False  # the last row is where the sheet broke off
    #: cell id -> texts of few distinct values, parsed (``compacted``), not in ``cells``
    coded: Mapping[str, Coded] = attrs.field(factory=dict)
    #: the cell ids of ``cells`` and ``coded`` in the order of the file's columns, where
    #: ``coded`` has some (``texts`` gives a row's in that order, as before compaction)
    order: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.numbers)

    def texts(self, i: int, cids: Sequence[str] | None = None) -> dict[str, str]:
        """Row ``i``'s cell texts by cell id, without the cells it has no field for."""
        out = {}
        for cid in (self.order or self.cells) if cids is None else cids:
            text = self.text(cid, i)
            if text is not None:
                out[cid] = text
        return out

    def text(self, cid: str, i: int) -> str | None:
        """Row ``i``'s text of cell ``cid`` (None: the row has no field for it)."""
        coded = self.coded.get(cid)
        if coded is not None:
            figure = coded.figures[coded.index[i]]
            return figure.raw if figure is not None else None
        column = self.cells.get(cid)
        return column[i].as_py() if column is not None else None

    def figure(self, cid: str, i: int) -> Figure | None:
        """``figure_of`` row ``i``'s text of cell ``cid`` (None: no field)."""
        coded = self.coded.get(cid)
        if coded is not None:
            return coded.figures[coded.index[i]]
        text = self.cells[cid][i].as_py() if cid in self.cells else None
        return figure_of(text) if text is not None else None


@attrs.frozen(slots=True)
class Coded:
    """A column of a compacted chunk: each row's index into its distinct texts' figures
    (``figure_of``, shared with every other column and chunk holding the same text;
    None: no field)."""

    figures: Sequence[Figure | None]
    index: Sequence[int]


#: Distinct texts a column may have to be held as ``Coded`` (more: an Arrow dictionary)
_CODED_MAX = 1024


def compacted(chunk: Chunk) -> Chunk:
    """``chunk`` as it is kept after its rows' report rules ran: each column of cell
    texts dictionary-encoded, on the smallest index that holds its distinct texts (the
    same texts in about a fifth of the memory: a row's cells are mostly a few small
    figures); a column of few distinct texts (``Coded``) with each text parsed once, so
    that a row's figure is two look-ups, not an Arrow scalar and a parse.
    Their metadata, already in each report's ``meta``, is not kept (``RowCells`` reads
    only the cells, row numbers and lines): a Python object per row and column. The row
    and line numbers are packed in arrays."""
    cells: dict[str, pa.Array] = {}
    coded: dict[str, Coded] = dict(chunk.coded)
    # the indexes of every column parsed here, one after the other in one buffer (of
    # the chunk's rows by columns, over the C library's threshold for a block of its
    # own): not a small block per column left among the chunk's freed ones
    indexes: list[tuple[str, list[Figure | None], bytes, str]] = []
    for cid, column in chunk.cells.items():
        cells[cid] = column
        if not pa.types.is_string(column.type):
            continue
        encoded = column.dictionary_encode()
        size = len(encoded.dictionary)
        if size <= _CODED_MAX:
            figures: list[Figure | None] = [figure_of(t) for t in encoded.dictionary.to_pylist()]
            figures.append(None)  # a row without the field
            small = size < 127
            index = encoded.indices.fill_null(size).cast(pa.int8() if small else pa.int16())
            indexes.append((cid, figures, index.to_numpy().tobytes(), "b" if small else "h"))
            del cells[cid]
        elif size <= 32767:
            cells[cid] = pa.DictionaryArray.from_arrays(
                encoded.indices.cast(pa.int16()), encoded.dictionary
            )
    coded.update(_coded(indexes))
    numbers = _packed(chunk.numbers)
    lines = numbers if chunk.lines is chunk.numbers else _packed(chunk.lines)
    return attrs.evolve(
        chunk,
        numbers=numbers,
        lines=lines,
        cells=cells,
        coded=coded,
        order=chunk.order or tuple(chunk.cells),
        problems=(),
        lengths=(),
        meta={},
        meta_refs={},
    )


def _coded(indexes: Sequence[tuple[str, list[Figure | None], bytes, str]]) -> dict[str, Coded]:
    """Each column's ``Coded``, its index a view of one buffer holding them all."""
    ordered = sorted(indexes, key=lambda each: each[3])  # the one-byte indexes first
    buffer = memoryview(bytearray(sum(len(packed) for _, _, packed, _ in ordered) + 1))
    out: dict[str, Coded] = {}
    at = 0
    for cid, figures, packed, code in ordered:
        wide = code == "h"
        at += at % 2 if wide else 0  # a two-byte index at an even place
        buffer[at : at + len(packed)] = packed
        out[cid] = Coded(figures, buffer[at : at + len(packed)].cast("h" if wide else "b"))
        at += len(packed)
    return out


def _packed(values: Sequence[Any]) -> Sequence[Any]:
    """Row and line numbers as 8 bytes each (an ``int`` object and its slot are 40), as
    they were where a line is not known (a workbook's rows: None)."""
    try:
        return array.array("q", values)
    except TypeError:
        return values


@attrs.frozen(slots=True)
class DatasetColumns:
    """A dataset file: its header, and its rows in chunks (an iterator, read once)."""

    source: str
    fmt: str
    encoding: str | None
    columns: Sequence[Column]
    header: _Header
    letters: Mapping[str, str]  # cell id -> spreadsheet column letter
    pending: Sequence[ParseIssue]  # the header's own issues, reported with the first row
    chunks: Iterator[Chunk]


def read_dataset_columns(
    data: bytes, fmt: str, source: str, host: Host, *, chunk: int = CHUNK
) -> DatasetColumns:
    """The dataset in chunks of about ``chunk`` rows (``UnreadableError`` as
    ``ingest.dataset.read_dataset_rows`` raises it, before any row)."""
    fast = _fast_csv(data) if fmt == "csv" else None
    if fast is not None:
        body, encoding = fast
        first = body.split(b"\n", 1)[0].decode("utf-8")
        return _dataset(
            source,
            fmt,
            encoding,
            _header_of(first),
            host,
            lambda columns: _arrow_chunks(
                _slices(body), first, lambda: read_csv(data).rows, columns, chunk, _BLOCK
            ),
            lambda: read_csv(data),  # the csv module's UnreadableError where it has one
        )
    sheet = read_xlsx(data) if fmt == "xlsx" else read_csv(data)
    return _dataset(
        source,
        fmt,
        sheet.encoding,
        sheet.header,
        host,
        lambda columns: _sheet_chunks(sheet.rows, columns, chunk),
    )


def read_csv_file(path: Path, source: str, host: Host) -> DatasetColumns | None:
    """``read_dataset_columns`` of a CSV file read from the file as its chunks are
    checked: its bytes are never all held (a national dataset's are tens of megabytes).
    None when the Arrow reader would not read it as the ``csv`` module does (then it is
    read whole, ``read_dataset_columns``); ``LimitExceeded`` past the file limit."""
    with open_input(path) as handle:
        bom = handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
        start = len(codecs.BOM_UTF8) if bom else 0
        handle.seek(start)
        if not _regular(_pieces(handle, start)):
            return None
        handle.seek(start)
        first = handle.readline(active().line_chars * 4 + 2).rstrip(b"\n").decode("utf-8")
    if not first.strip():
        return None  # read whole: read_bytes gives the P001

    def chunks(columns: Sequence[Column]) -> Iterator[Chunk]:
        with open_input(path) as body:
            body.seek(start)
            rows = lambda: read_csv(read_input(path)).rows  # noqa: E731 (read whole: rare)
            yield from _arrow_chunks(_blocks(body), first, rows, columns)

    try:
        return _dataset(
            source, "csv", "utf-8-sig" if bom else "utf-8", _header_of(first), host, chunks
        )
    except UnreadableError:
        return None  # read whole: read_bytes gives the P001


def _header_of(first: str) -> list[str]:
    return next(csv.reader(io.StringIO(first, newline=""), delimiter=_delimiter(first)), [])


def _dataset(
    source: str,
    fmt: str,
    encoding: str | None,
    sheet_header: Sequence[str],
    host: Host,
    chunks: Callable[[Sequence[Column]], Iterator[Chunk]],
    unreadable: Callable[[], object] | None = None,
) -> DatasetColumns:
    """The dataset of this header, its ``chunks`` made from its columns."""
    columns = classify(sheet_header, frozenset(all_cell_ids(host.variants)))
    if not any(c.kind in ("meta", "cell") for c in columns):
        if unreadable is not None:
            unreadable()
        raise UnreadableError(
            "the first row names no metadata column and no cell id (see docs/datasets.md)"
        )
    letters = {c.key: c.letter for c in columns if c.kind == "cell"}
    return DatasetColumns(
        source,
        fmt,
        encoding,
        columns,
        _Header(columns),
        letters,
        _header_issues(columns),
        chunks(columns),
    )


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d])  # as dataset_sheets chooses it


def _fast_csv(data: bytes) -> tuple[bytes, str] | None:
    """The UTF-8 body and encoding name when the Arrow reader reads ``data`` as the
    ``csv`` module does (``_regular``); None otherwise."""
    if not data.strip():
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    pieces = (body[at : at + _PIECE] for at in range(0, len(body), _PIECE))
    if not _regular(pieces):
        return None
    return body, "utf-8-sig" if bom else "utf-8"


_PIECE = 1 << 20


def _pieces(handle: BinaryIO, start: int) -> Iterator[bytes]:
    """The file from ``start`` on, piece by piece, never past the file limit."""
    read = start
    while piece := handle.read(_PIECE):
        read += len(piece)
        limits.check("file_bytes", read, at_least=True)
        yield piece


def _regular(pieces: Iterable[bytes]) -> bool:
    """Whether the Arrow reader reads the body given in ``pieces`` as the ``csv`` module
    does (``decode`` would say UTF-8, no quoting, no NUL, no field over the module's
    limit): looked at piece by piece, no str of the whole file, no array of its size."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    longest, start, at = 0, 0, 0  # the longest line, where the current one starts
    try:
        for piece in pieces:
            if b'"' in piece or b"\x00" in piece:
                return False
            decoder.decode(piece)
            ends = np.flatnonzero(np.frombuffer(piece, np.uint8) == 0x0A) + at
            if ends.size:
                longest = max(longest, int(np.diff(ends, prepend=start - 1).max()))
                start = int(ends[-1]) + 1
            at += len(piece)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    longest = max(longest, at - start)
    # the csv module's rows, and its line check
    return longest < csv.field_size_limit() and longest <= active().line_chars


def _blocks(body: BinaryIO) -> Iterator[bytes | memoryview]:
    """The rows after the header line of ``body``, in blocks of whole lines of about
    ``_BLOCK`` bytes: each parsed on its own (Arrow's reader of a file reads the whole
    file ahead; a fast CSV has no quoting, so each line is a row)."""
    body.readline()
    rest = b""
    while True:
        data = rest + body.read(max(_BLOCK - len(rest), 1 << 16))
        if len(data) == len(rest):
            break
        cut = data.rfind(b"\n") + 1
        rest = data[cut:]
        if cut:
            # a view, not a copy: while its rows are checked, the block is held once
            yield memoryview(data)[:cut]
        del data
    if rest:
        yield rest


def _slices(body: bytes) -> Iterator[memoryview]:
    """The rows after the header line of a file's content: one view of them, not a copy
    (Arrow's reader of a buffer cuts it in blocks of its own)."""
    at = body.find(b"\n") + 1  # after the header line
    if 0 < at < len(body):
        yield memoryview(body)[at:]


def _arrow_chunks(
    blocks: Iterator[bytes | memoryview],
    first: str,
    sheet_rows: Callable[[], Iterator[SheetRow]],
    columns: Sequence[Column],
    size: int = CHUNK,
    block_size: int | None = None,
) -> Iterator[Chunk]:
    """Chunks from the Arrow reader of ``blocks`` of rows (``first``: the header line),
    a batch of ``block_size`` bytes at a time (None: each block one batch); from a row
    that is not of the header's length on, the ``csv`` module's rows (``sheet_rows``)
    instead."""
    names = [f"c{i}" for i in range(len(columns))]
    parse_options = pacsv.ParseOptions(
        delimiter=_delimiter(first), quote_char=False, ignore_empty_lines=False
    )
    convert_options = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()),
        strings_can_be_null=False,
        check_utf8=False,  # validated already
    )
    number = 1  # the header's
    for block in blocks:
        try:
            reader = pacsv.open_csv(
                pa.py_buffer(block),
                read_options=pacsv.ReadOptions(
                    use_threads=False,
                    block_size=block_size or len(block) + 1,
                    column_names=names,
                ),
                parse_options=parse_options,
                convert_options=convert_options,
            )
        except pa.ArrowInvalid:  # a row not of the header's length: the csv module's rows
            break
        except StopIteration:  # no row at all
            continue
        # a block read as one batch: its bytes and the reader let go before its rows
        # are checked (the reader holds the block)
        batches: Iterable[pa.RecordBatch] = reader
        if block_size is None:
            try:
                batches = list(reader)
            except pa.ArrowInvalid:  # a row not of the header's length: the csv module's
                break
            del reader, block
        try:
            for batch in batches:
                start = number + 1
                number += batch.num_rows
                allowed = active().rows - (start - 2)  # data rows the limit leaves for it
                if batch.num_rows > allowed:  # the rows up to the limit, then its finding
                    if allowed > 0:
                        yield from _batch_chunks(batch.slice(0, allowed), start, columns)
                    past = start + max(allowed, 0)
                    within_rows(past, past)  # one line a row: no field spans lines
                yield from _batch_chunks(batch, start, columns)
        except pa.ArrowInvalid:  # a row not of the header's length: the csv module's rows
            break
    else:
        return  # every row read by Arrow
    done = number
    yield from _sheet_chunks((r for r in sheet_rows() if r.number > done), columns, size)


def _batch_chunks(batch: pa.RecordBatch, first: int, columns: Sequence[Column]) -> Iterator[Chunk]:
    n = batch.num_rows
    numbers = np.arange(first, first + n)
    keep = ~_blank_rows(batch, columns)
    if not keep.all():
        batch, numbers = batch.filter(pa.array(keep)), numbers[keep]
    rows = [int(k) for k in numbers]
    n, width = len(rows), len(columns)
    meta: dict[str, Sequence[Value]] = {}
    meta_refs: dict[str, Sequence[str]] = {}
    cells: dict[str, pa.StringArray] = {}
    for column in columns:  # a key named twice: the later column, as ingest.dataset
        if column.kind == "meta":
            meta[column.key] = batch.column(column.index).to_pylist()
            meta_refs[column.key] = [column.letter] * n
        elif column.kind == "cell":
            cells[column.key] = batch.column(column.index)
    # every row is one line of its own: no quoting, so no field spans lines
    yield Chunk(rows, rows, [None] * n, [width] * n, meta, meta_refs, cells)


def _blank_rows(batch: pa.RecordBatch, columns: Sequence[Column]) -> Bools:
    """Rows whose every field is blank (``str.strip`` empty), skipped as blank lines."""
    n = batch.num_rows
    blank = np.ones(n, bool)
    # a row with any metadata is no blank line: only the other rows are looked at fully
    order = sorted(columns, key=lambda c: c.kind != "meta")
    for column in order:
        if not blank.any():
            break
        blank &= ~filled(batch.column(column.index))
    return blank


def filled(column: pa.Array) -> Bools:
    """Which texts are not blank by ``str.strip`` (null: no field, so not filled); each
    distinct non-empty text is judged once."""
    texts = column if len(column) else pa.array([], pa.string())
    nonempty = pc.fill_null(pc.not_equal(texts, EMPTY), FALSE)
    out: Bools = np.asarray(nonempty.to_numpy(zero_copy_only=False), bool)
    if out.any():
        distinct = pc.unique(texts.filter(nonempty)).to_pylist()
        blanks = [t for t in distinct if not t.strip()]
        if blanks:
            out &= ~np.asarray(
                pc.is_in(texts, value_set=pa.array(blanks, pa.string()))
                .fill_null(FALSE)
                .to_numpy(zero_copy_only=False),
                bool,
            )
    return out


def _sheet_chunks(
    rows: Iterator[SheetRow], columns: Sequence[Column], size: int
) -> Iterator[Chunk]:
    """Chunks of the rows ``dataset_sheets`` reads (XLSX, and CSV the Arrow reader would
    read otherwise than the ``csv`` module), blank lines left out; the rows read before
    a limit was met come before its ``LimitExceeded``, as on the Arrow path."""
    kept = (r for r in rows if r.problem or any(text_of(v).strip() for v in r.values))
    past: LimitExceeded | None = None
    while past is None:
        batch: list[SheetRow] = []
        try:
            batch.extend(islice(kept, size))
        except LimitExceeded as exc:
            past = exc
        if not batch:
            break
        fatal = next((k for k, r in enumerate(batch) if r.fatal), None)
        if fatal is not None:
            batch = batch[: fatal + 1]
        yield _rows_chunk(batch, columns, fatal is not None)
        if fatal is not None:
            return
    if past is not None:
        raise past


def _rows_chunk(batch: Sequence[SheetRow], columns: Sequence[Column], fatal: bool) -> Chunk:
    meta: dict[str, list[Value]] = {}
    meta_refs: dict[str, list[str]] = {}
    by_cell: dict[str, list[int]] = {}
    for column in columns:
        if column.kind == "meta":
            # a key named twice: the later column wins where the row reaches it
            values = meta.setdefault(column.key, [_MISSING] * len(batch))
            refs = meta_refs.setdefault(column.key, [""] * len(batch))
            for k, row in enumerate(batch):
                if column.index < len(row.values):
                    values[k] = row.values[column.index]
                    refs[k] = column.letter
        elif column.kind == "cell":
            by_cell.setdefault(column.key, []).append(column.index)
    cells = {}
    for cid, indexes in by_cell.items():
        texts: list[str | None] = []
        for row in batch:
            reached = [i for i in indexes if i < len(row.values)]
            texts.append(text_of(row.values[reached[-1]]) if reached else None)
        cells[cid] = pa.array(texts, pa.string())
    return Chunk(
        [r.number for r in batch],
        [r.line for r in batch],
        [r.problem for r in batch],
        [len(r.values) for r in batch],
        meta,
        meta_refs,
        cells,
        fatal,
    )


class _Missing:
    """A metadata field a row does not reach (not the same as an empty one)."""


_MISSING: Any = _Missing()


@attrs.frozen(slots=True)
class RowHead:
    """One row as the engine needs it before any cell: its name, metadata and variant,
    and its parse issues (``report=False``: the row has no fields to make a report of)."""

    index: int  # in its chunk
    source: str
    issues: tuple[ParseIssue, ...]
    meta: ReportMeta | None
    variant: FormVariant | None


def heads(
    dataset: DatasetColumns,
    chunk: Chunk,
    variants: Mapping[str, FormVariant],
    pending: Sequence[ParseIssue],
) -> tuple[list[RowHead], Sequence[ParseIssue]]:
    """Each row's head, the header's issues (``pending``) going to the first row with a
    report, and what is still pending after the chunk: the same issues, in the same
    order, as ``ingest.dataset`` gives. The rows read whole whose fields are all short
    of the limits are worked out column by column (``plain_heads``); a row that has an
    issue of its own, row by row."""
    out = []
    long = _long_texts(chunk)
    limited = _long_meta(chunk) | long.keys()
    plain = [
        i
        for i in range(len(chunk))
        if i not in limited and chunk.lengths[i] and not chunk.problems[i]
    ]
    found = dict(
        zip(
            plain,
            plain_heads(
                {key: _present([values[i] for i in plain]) for key, values in chunk.meta.items()},
                [chunk.numbers[i] for i in plain],
                [chunk.lines[i] for i in plain],
                dataset.source,
                variants,
                dataset.header,
                dataset.encoding,
            ),
            strict=True,
        )
    )
    for i in range(len(chunk)):
        done = found.get(i)
        if done is not None:
            head, given, gaps = done
            assert head.source is not None
            out.append(RowHead(i, head.source, (*pending, *gaps), head, given))
            pending = ()
            continue
        number, line, problem = chunk.numbers[i], chunk.lines[i], chunk.problems[i]
        meta = {
            key: (values[i], f"{chunk.meta_refs[key][i]}{number}")
            for key, values in chunk.meta.items()
            if values[i] is not _MISSING
        }
        row = _Row(number, line, meta, dataset.source, _filled_of(chunk, i))
        if problem:
            row.issue(
                "P009",
                f"第{number}行无法完整读取：{problem}",
                f"row {number} cannot be read completely: {problem}",
                f"row {number}",
            )
        if not chunk.lengths[i]:  # no field at all (and where a workbook broke off)
            out.append(RowHead(i, row.source, tuple(row.issues), None, None))
            continue
        past = row_past_limit(meta, long.get(i, ()), dataset.letters, number, line)
        if past is not None:
            out.append(RowHead(i, row.source, (*row.issues, past), None, None))
            continue
        report_meta, variant = row.head(variants, dataset.header, dataset.encoding)
        out.append(RowHead(i, row.source, (*pending, *row.issues), report_meta, variant))
        pending = ()
    return out, pending


def _present(values: list[Value]) -> list[Value]:
    """A metadata column's values, None where a row does not reach it."""
    if any(v is _MISSING for v in values):
        return [None if v is _MISSING else v for v in values]
    return values


def _long_meta(chunk: Chunk) -> set[int]:
    """The rows with a metadata text long enough to be past a limit."""
    limits = active()
    shortest = min(limits.digits, limits.field_chars)
    return {
        i
        for values in chunk.meta.values()
        for i, v in enumerate(values)
        if v is not _MISSING and len(v if type(v) is str else text_of(v)) > shortest
    }


def _long_texts(chunk: Chunk) -> dict[int, list[tuple[str, str]]]:
    """The cell texts long enough to be past a limit (``row_past_limit`` looks at them),
    by row: found column by column, so that the usual short cells cost one kernel call."""
    limits = active()
    shortest = min(limits.digits, limits.field_chars)
    out: dict[int, list[tuple[str, str]]] = {}
    for cid, column in chunk.cells.items():
        longer = pc.fill_null(pc.greater(pc.utf8_length(column), integer(shortest)), FALSE)
        if not pc.any(longer).as_py():
            continue
        for i in np.flatnonzero(np.asarray(longer.to_numpy(zero_copy_only=False), bool)):
            out.setdefault(int(i), []).append((cid, column[int(i)].as_py()))
    return out


def _filled_of(chunk: Chunk, i: int) -> Any:
    def filled_ids() -> list[str]:
        return [cid for cid, text in chunk.texts(i).items() if text.strip()]

    return filled_ids


#: A row's cell ids, in order and as a set: shared by the rows that have the same.
Keys = tuple[tuple[str, ...], frozenset[str]]
#: The cell ids of rows, shared: most rows of a dataset have the same ones, and a row
#: whose cells were released keeps only its ids (``RowCells.release``).
_KEYS: dict[tuple[str, ...], Keys] = {}


def shared_keys(ids: tuple[str, ...]) -> Keys:
    """``(ids, frozenset(ids))``, one object for all rows with these ids."""
    found = _KEYS.get(ids)
    if found is None:
        if len(_KEYS) >= 4096:
            _KEYS.clear()
        found = _KEYS[ids] = (ids, frozenset(ids))
    return found


#: the row numbers within a chunk: one int object for the rows of every chunk, not one a
#: row kept (ints past 256 are objects of their own)
_INDEXES = tuple(range(CHUNK))


@attrs.frozen(slots=True)
class _How:
    """How a row's cells are made, shared by the rows of a variant and dataset."""

    variant: FormVariant | None
    letters: Mapping[str, str]
    released: bool


_HOWS: dict[tuple[int, int, bool], _How] = {}


def _how(variant: FormVariant | None, letters: Mapping[str, str], released: bool) -> _How:
    key = (id(variant), id(letters), released)
    found = _HOWS.get(key)
    if found is None:  # held here: the ids stay theirs
        if len(_HOWS) >= 256:
            _HOWS.clear()
        found = _HOWS[key] = _How(variant, letters, released)
    return found


class RowCells(LazyCells):
    """A dataset row's cells, parsed from the chunk's columns when first looked at; the
    same cells, in the same order, as ``ingest.dataset`` makes. Pickles as a dict.

    ``keys``, when the engine knows them (``engine.columnar.frame.row_keys``): the row's
    cell ids, so that
    asking which cells the row has, or for one of them, parses no other. A look at all
    its cells (``values``, ``items``) parses the row once. ``release`` drops the parsed
    cells once the row's report rules have run (a dataset's results may be gathered for
    its dataset rules): the row then keeps its cell ids, shared with the rows that have
    the same, and parses a cell again when asked for it, without keeping it."""

    # five slots: a dataset's rows are kept by the hundred thousand for its dataset rules
    __slots__ = ("_cells", "_chunk", "_how", "_index", "_keys")

    def __init__(
        self,
        chunk: Chunk,
        index: int,
        variant: FormVariant | None,
        letters: Mapping[str, str],
        keys: Keys | None = None,
    ) -> None:
        self._chunk: Chunk | None = chunk
        self._index = _INDEXES[index] if index < CHUNK else index
        self._how = _how(variant, letters, released=False)
        self._cells: dict[str, Cell] | None = None
        self._keys = keys

    def _built(self) -> dict[str, Cell]:
        if self._cells is not None:
            return self._cells
        chunk = self._chunk
        assert chunk is not None
        i = self._index
        cells = row_cells(
            chunk.texts(i), self._how.variant, chunk.numbers[i], chunk.lines[i], self._how.letters
        )
        if self._keys is None:
            self._keys = shared_keys(tuple(cells))
        if not self._how.released:
            self._cells = cells
        return cells

    def release(self) -> None:
        """Keep the cell ids only: cells are parsed again, one by one, when asked for."""
        if self._keys is None:
            self._built()
        self._cells = None
        how = self._how
        self._how = _how(how.variant, how.letters, released=True)

    def move(self, chunk: Chunk) -> None:
        """Read the row from ``chunk`` from now on: the same texts, held otherwise
        (``compacted``)."""
        self._chunk = chunk

    def shared_ids(self) -> tuple[str, ...]:
        """The row's cell ids, in order: one tuple for all rows with the same."""
        if self._keys is None:
            self._built()
        assert self._keys is not None
        return self._keys[0]

    def __getitem__(self, key: str) -> Cell:
        if self._cells is None and self._keys is not None:
            if key not in self._keys[1]:
                raise KeyError(key)
            return self._cell(key)
        return self._built()[key]

    def get(self, key: str, default: Any = None) -> Any:
        if self._cells is None and self._keys is not None:
            return self._cell(key) if key in self._keys[1] else default
        return self._built().get(key, default)

    def _cell(self, key: str) -> Cell:
        chunk = self._chunk
        assert chunk is not None
        i = self._index
        figure = chunk.figure(key, i)
        assert figure is not None  # the row has the field: its key is the row's
        return figure.cell(chunk.lines[i], f"{self._how.letters[key]}{chunk.numbers[i]}")

    def figures(self) -> Mapping[str, Figure] | Mapping[str, Cell]:
        """The row's cells' figures (their ``value`` and ``state`` as the cells have
        them) by cell id, without making a cell: for a reader of many rows' figures."""
        if self._cells is None and self._keys is not None:
            return _RowFigures(self)
        return self._built()

    def __iter__(self) -> Iterator[str]:
        if self._cells is None and self._keys is not None:
            return iter(self._keys[0])
        return iter(self._built())

    def __len__(self) -> int:
        if self._cells is None and self._keys is not None:
            return len(self._keys[0])
        return len(self._built())

    def __contains__(self, key: object) -> bool:
        if self._cells is None and self._keys is not None:
            return key in self._keys[1]
        return key in self._built()

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self._built(),))


class _RowFigures(Mapping[str, Figure]):
    """``RowCells.figures`` of a row whose cells are not held."""

    __slots__ = ("_chunk", "_index", "_keys")

    def __init__(self, row: RowCells) -> None:
        assert row._keys is not None and row._chunk is not None
        self._chunk = row._chunk
        self._index = row._index
        self._keys = row._keys

    def __getitem__(self, key: str) -> Figure:
        found = self._chunk.figure(key, self._index) if key in self._keys[1] else None
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._keys[1]:
            return default
        coded = self._chunk.coded.get(key)  # Chunk.figure, its usual case inline
        if coded is not None:
            return coded.figures[coded.index[self._index]]
        return self._chunk.figure(key, self._index)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys[0])

    def __len__(self) -> int:
        return len(self._keys[0])
