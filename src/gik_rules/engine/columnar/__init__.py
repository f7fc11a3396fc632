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

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

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
from gik_rules.engine.needs import skip_reason
from gik_rules.engine.result import ReportResult, RuleStatus
from gik_rules.engine.run import (
    after_run,
    check_read,
    check_report,
    make_finding,
    parse_findings,
)
from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.dataset import tables_of
from gik_rules.ingest.dataset_chunks import (
    CHUNK,
    Chunk,
    DatasetColumns,
    RowCells,
    filled,
    heads,
    read_dataset_columns,
)
from gik_rules.ingest.result import ReadResult, UnreadableError
from gik_rules.model import AnnualReport
from gik_rules.rules.finding import Finding
from gik_rules.rules.rule import Rule, Scope
from gik_rules.rules.skip import SkipReason

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
    per_report = any(
        c.rule.scope is Scope.REPORT and c.rule.check is not None and c.rule.code not in computed
        for c in ruleset.rules
    )
    evaluator = Evaluator(dataset.letters)
    pending = dataset.pending
    for chunk in dataset.chunks:
        row_heads, pending = heads(dataset, chunk, variants, pending)
        row_variants = [h.variant for h in row_heads]
        reports = [h.index for h in row_heads if h.meta is not None]
        outcomes = evaluator.evaluate(chunk, row_variants, reports) if computed else {}
        read_sets = _read_sets(chunk, row_variants, reports)
        for head in row_heads:
            if head.meta is None:
                yield ReportResult(head.source, None, tuple(parse_findings(head.issues, ruleset)))
                continue
            cells = RowCells(chunk, head.index, head.variant, dataset.letters)
            read = read_sets[head.index]
            report = AnnualReport(meta=head.meta, tables=tables_of(head.variant, read), cells=cells)
            result = ReadResult(head.source, report, head.issues, dataset.fmt, has_text=False)
            if manifest is not None:
                result = manifest.apply(result)
            assert result.report is not None
            done = {code: outcomes[head.index] for code in computed}
            if per_report:
                checked = check_report(
                    result.report,
                    ruleset,
                    variants,
                    source=result.source,
                    issues=result.issues,
                    has_text=False,
                    computed=done,
                )
            else:
                checked = _computed_only(result, ruleset, variants, read, done)
            yield shared(checked)
            # the report rules have run: a result kept (for the dataset rules) keeps
            # the cell ids, not the cells (a cell looked at again is parsed again)
            cells.release()


_SHARED: dict[tuple[Any, ...], Any] = {}
_SHARED_MAX = 4096


def _share(mapping: Mapping[str, Any]) -> Any:
    """One dict for all equal ``mapping``s (never changed after: results are frozen)."""
    key = tuple(mapping.items())
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        found = _SHARED[key] = dict(mapping)
    return found


def shared(result: ReportResult) -> ReportResult:
    """``result`` with its statuses, skip reasons and report's tables shared with the
    equal ones of other rows: a dataset's rows mostly have the same, and its results
    are kept together when the ruleset has dataset rules."""
    report = result.report
    if report is not None:
        report = attrs.evolve(report, tables=_share(report.tables))
    return attrs.evolve(
        result, report=report, statuses=_share(result.statuses), skipped=_share(result.skipped)
    )


def _computed_only(
    read_result: ReadResult,
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    read: frozenset[str],
    computed: Mapping[str, Outcome],
) -> ReportResult:
    """``engine.run.check_report`` where every report rule selected was computed
    column-wise: the same statuses, skip reasons and findings, with the tables read
    known from the columns, so that no cell is parsed."""
    report = read_result.report
    assert report is not None
    findings = parse_findings(read_result.issues, ruleset)
    statuses: dict[str, RuleStatus] = {}
    skipped: dict[str, SkipReason] = {}
    for config in ruleset.rules:
        rule = config.rule
        if rule.scope is not Scope.REPORT or rule.check is None:
            continue
        reason = skip_reason(rule, report, has_text=False, variants=variants, read=read)
        if reason is None:
            hits, own = computed[rule.code]
            findings.extend(make_finding(config, h) for h in hits)
            reason = after_run(rule, report, bool(hits), own, variants, read)
            if reason is None:
                statuses[rule.code] = RuleStatus.FINDINGS if hits else RuleStatus.OK
                continue
        statuses[rule.code] = RuleStatus.SKIPPED
        skipped[rule.code] = reason
    findings.sort(key=Finding.sort_key)
    return ReportResult(
        read_result.source,
        report,
        tuple(findings),
        statuses,
        has_text=False,
        skipped=skipped,
    )


def _read_sets(
    chunk: Chunk, variants: Sequence[FormVariant | None], rows: Sequence[int]
) -> dict[int, frozenset[str]]:
    """The tables each row's report has a cell of (``engine.needs.tables_read``), from
    the columns: a cell of the row's variant where the row has its field, another
    variant's where it is filled in."""
    out: dict[int, frozenset[str]] = {}
    valid: dict[str, np.ndarray] = {}
    full: dict[str, np.ndarray] = {}
    groups: dict[str, list[int]] = {}
    by_id: dict[str, FormVariant | None] = {}
    for r in rows:
        variant = variants[r]
        key = variant.id if variant else ""
        groups.setdefault(key, []).append(r)
        by_id[key] = variant
    for key, members in groups.items():
        variant = by_id[key]
        own = variant.cells if variant else {}
        index = np.array(members, np.int64)
        tables: dict[str, np.ndarray] = {}
        for cid, column in chunk.cells.items():
            table = cid.partition(".")[0]
            if cid in own:
                if column.null_count == 0:  # every row has the field
                    tables[table] = np.ones(len(index), bool)
                    continue
                if cid not in valid:
                    valid[cid] = column.is_valid().to_numpy(zero_copy_only=False)
                mask = valid[cid][index]
            else:
                if cid not in full:
                    full[cid] = filled(column)
                mask = full[cid][index]
            seen = tables.get(table)
            tables[table] = mask if seen is None else seen | mask
        names = list(tables)
        if not names:
            out.update(dict.fromkeys(members, frozenset()))
            continue
        bits = np.zeros(len(index), np.int64)
        for k, name in enumerate(names):
            bits |= tables[name].astype(np.int64) << k
        patterns: dict[int, frozenset[str]] = {}
        for r, code in zip(members, bits.tolist(), strict=True):
            if code not in patterns:
                patterns[code] = frozenset(n for k, n in enumerate(names) if code >> k & 1)
            out[r] = patterns[code]
    return out
