"""Checking a dataset (CSV, XLSX: one report per row) column by column.

The file is read straight into columns, a chunk of rows at a time
(``ingest.dataset_chunks``); a rule whose metadata says ``columnar = "identities"``
(the national N301) is evaluated over the whole chunk at once (``identities``), and its
failing (row, identity) pairs become the findings the rule gives report by report. Every
other report rule still runs per report, on a report whose cells are parsed only when
a rule (or an output) looks at them (``ingest.dataset_chunks.RowCells``): a ruleset of
column-wise rules alone builds no cell at all. Results stream one per row; nothing is
kept for the whole file. ``engine.run.check_paths`` takes this path for datasets;
``tests/engine/test_columnar.py`` proves it gives what the per-report path gives.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gik_rules.engine.columnar.frame import ChunkFrame, conditions, row_keys
from gik_rules.engine.columnar.identities import Evaluator, Outcome
from gik_rules.engine.columnar.parse import (
    ABSENT,
    BLANK,
    EXACT,
    INVALID,
    NUMBER,
    parse_column,
    parse_texts,
)
from gik_rules.engine.release import release_unused
from gik_rules.engine.result import ReportResult, shared_mapping
from gik_rules.engine.run import check_read, check_report, parse_findings
from gik_rules.ingest.dataset import tables_of
from gik_rules.ingest.dataset_chunks import (
    CHUNK,
    DatasetColumns,
    RowCells,
    compacted,
    heads,
    read_csv_file,
    read_dataset_columns,
)
from gik_rules.ingest.result import ReadResult, UnreadableError
from gik_rules.model import AnnualReport, TableInfo
from gik_rules.rules.rule import Rule, Scope

if TYPE_CHECKING:
    from gik_rules.host import Host
    from gik_rules.ingest.manifest import Manifest
    from gik_rules.ruleset import Ruleset

__all__ = [
    "ABSENT",
    "BLANK",
    "CHUNK",
    "EXACT",
    "INVALID",
    "NUMBER",
    "check_bytes",
    "check_csv_file",
    "check_data",
    "check_path",
    "is_columnar",
    "parse_column",
    "parse_texts",
]

#: The kind of rule this engine computes column-wise (``rules.rule.COLUMNAR_KINDS``).
IDENTITIES = "identities"


def is_columnar(rule: Rule) -> bool:
    """Whether the rule's metadata says its check is the variant's identities."""
    return rule.columnar == IDENTITIES and rule.scope is Scope.REPORT and rule.check is not None


def check_path(
    path: Path | str,
    ruleset: Ruleset,
    host: Host,
    manifest: Manifest | None = None,
    *,
    chunk: int = CHUNK,
) -> Iterator[ReportResult]:
    """Read and check one file as ``engine.run.check_paths`` does, a dataset column by
    column; any other file (and one that cannot be read) report by report."""
    from gik_rules.ingest.reader import read_path

    try:
        data = Path(path).read_bytes()
    except OSError:  # read_path reports it
        for read in read_path(path, host):
            yield check_read(manifest.apply(read) if manifest else read, ruleset, host)
        return
    yield from check_bytes(data, str(path), ruleset, host, manifest, chunk=chunk)


def check_bytes(
    data: bytes,
    source: str,
    ruleset: Ruleset,
    host: Host,
    manifest: Manifest | None = None,
    *,
    chunk: int = CHUNK,
) -> Iterator[ReportResult]:
    """``check_path`` of a file's content (standard input): what ``ingest.reader.read_bytes``
    reads, checked, a dataset column by column."""
    from gik_rules.ingest.reader import read_bytes
    from gik_rules.ingest.sniff import sniff

    fmt = sniff(data, source)
    dataset = _dataset(data, fmt, source, host, chunk) if fmt in ("csv", "xlsx") else None
    if dataset is None:  # not a dataset, or read_bytes gives the P001
        for read in read_bytes(data, source, host):
            yield check_read(manifest.apply(read) if manifest else read, ruleset, host)
        return
    yield from check_data(dataset, ruleset, host, manifest)


def check_csv_file(
    path: Path, ruleset: Ruleset, host: Host, manifest: Manifest | None = None
) -> Iterator[ReportResult]:
    """``check_path`` of a CSV file read from the file as its rows are checked
    (``ingest.dataset_chunks.read_csv_file``): a big dataset's bytes are not held."""
    from gik_rules.ingest.input_file import read_input

    dataset = read_csv_file(path, str(path), host)
    if dataset is None:  # not read by the Arrow reader: read whole
        yield from check_bytes(read_input(path), str(path), ruleset, host, manifest)
        return
    yield from check_data(dataset, ruleset, host, manifest)


def _dataset(data: bytes, fmt: str, source: str, host: Host, chunk: int) -> DatasetColumns | None:
    if not data.strip():
        return None
    try:
        return read_dataset_columns(data, fmt, source, host, chunk=chunk)
    except UnreadableError:
        return None


def check_data(
    dataset: DatasetColumns, ruleset: Ruleset, host: Host, manifest: Manifest | None = None
) -> Iterator[ReportResult]:
    """One result per data row of ``dataset``, in order."""
    variants = host.variants
    computed = [c.rule.code for c in ruleset.rules if is_columnar(c.rule)]
    quiet = {
        c.rule.code: frozenset(c.rule.quiet_unless)
        for c in ruleset.rules
        if c.rule.scope is Scope.REPORT and c.rule.quiet_unless and c.rule.code not in computed
    }
    wanted = frozenset().union(*quiet.values())
    #: the quiet rules' outcome on a row, by the conditions it meets
    quieted: dict[frozenset[str], dict[str, Outcome]] = {}
    evaluator = Evaluator(dataset.letters)
    row_tables: dict[tuple[str, frozenset[str]], dict[str, TableInfo]] = {}
    pending = dataset.pending
    # results kept for the dataset rules: their rows' texts held compacted once checked
    kept = any(c.rule.scope is Scope.DATASET and c.rule.check for c in ruleset.rules)
    for chunk in dataset.chunks:
        # what reading the chunk's block took beyond its columns (Arrow's reader's own
        # buffers) given back before its rows' objects are made
        release_unused()
        rows: list[RowCells] = []
        frame = ChunkFrame(chunk)
        row_heads, pending = heads(dataset, chunk, variants, pending)
        row_variants = [h.variant for h in row_heads]
        reports = [h.index for h in row_heads if h.meta is not None]
        outcomes = evaluator.evaluate(frame, row_variants, reports) if computed else {}
        keys = row_keys(frame, row_variants, reports)
        met = conditions(frame, row_variants, reports, wanted) if wanted else {}
        for head in row_heads:
            if head.meta is None:
                yield ReportResult(head.source, None, tuple(parse_findings(head.issues, ruleset)))
                continue
            ids = keys[head.index]
            cells = RowCells(chunk, head.index, head.variant, dataset.letters, ids)
            read = _tables_of(ids[0])
            kind = (head.variant.id if head.variant else "", read)
            tables = row_tables.get(kind)
            if tables is None:  # one dict for the rows of a kind: shared, not copied
                tables = row_tables[kind] = shared_mapping(tables_of(head.variant, read))
            report = AnnualReport(meta=head.meta, tables=tables, cells=cells)
            source, issues = head.source, head.issues
            if manifest is not None:
                applied = manifest.apply(
                    ReadResult(source, report, issues, dataset.fmt, has_text=False)
                )
                assert applied.report is not None
                report, source, issues = applied.report, applied.source, applied.issues
            row_met = met.get(head.index, _NONE)
            silent = quieted.get(row_met)
            if silent is None:  # a rule quiet on rows meeting none of its conditions
                silent = quieted[row_met] = {  # is not called on them
                    code: _QUIET for code, when in quiet.items() if not when & row_met
                }
            done = dict.fromkeys(computed, outcomes[head.index]) if computed else {}
            done.update(silent)
            yield check_report(
                report,
                ruleset,
                variants,
                source=source,
                issues=issues,
                has_text=False,
                computed=done,
                read=read,
            )
            # the report rules have run: a result kept (for the dataset rules) keeps
            # the cell ids, not the cells (a cell looked at again is parsed again)
            cells.release()
            if kept:
                rows.append(cells)
        if rows:
            small = compacted(chunk)
            for cells in rows:
                cells.move(small)
        del rows, frame, chunk, outcomes, keys, met
        release_unused()  # what the chunk freed, not held beside the rows kept


#: what a quiet rule finds on a row meeting none of its conditions
_QUIET: Outcome = ((), None)
_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=256)
def _tables_of(ids: tuple[str, ...]) -> frozenset[str]:
    """The tables of which some of ``ids`` is a cell (``engine.needs.tables_read``); rows
    share their ids, so each set is worked out once."""
    return frozenset(cid.partition(".")[0] for cid in ids)
