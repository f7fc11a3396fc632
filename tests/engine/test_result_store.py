"""Results waiting for the dataset rules (``engine.result_store``): what is read back is
what was added, in order, whether it stayed in memory or went to the file; a check run
writes what the results kept in memory give."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.api import load_ruleset
from gik_rules.cli.main import main
from gik_rules.engine import result_store, with_dataset_findings
from gik_rules.engine.result import Dismissed, ReportResult, RuleStatus
from gik_rules.engine.result_store import ResultStore
from gik_rules.engine.run import check_paths
from gik_rules.host import default_host
from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.output import FORMATS
from gik_rules.rules.finding import Finding, Location, Severity
from gik_rules.rules.skip import SkipKind, SkipReason
from tests.engine.test_spill import _dataset

#: odd texts too: empty, control characters, lone surrogates (a file's bytes read
#: as they came), CJK
TEXTS = st.text(st.characters(codec=None), max_size=12)
SMALL = st.none() | st.integers(-(10**20), 10**20) | st.decimals(allow_nan=False) | TEXTS

LOCATIONS = st.builds(
    Location,
    section=st.none() | st.integers(1, 6),
    table=st.none() | TEXTS,
    cell=st.none() | TEXTS,
    line=st.none() | st.integers(1, 10**6),
    ref=st.none() | TEXTS,
    excerpt=st.none() | TEXTS,
)
FINDINGS = st.builds(
    Finding,
    code=st.sampled_from(["N301", "N806", "X001"]),
    name=TEXTS,
    severity=st.sampled_from(list(Severity)),
    message=TEXTS,
    message_en=TEXTS,
    location=LOCATIONS,
    expected=SMALL,
    actual=SMALL,
    cells=st.lists(TEXTS, max_size=3).map(tuple),
    legal=TEXTS,
)
#: a run's statuses are mostly a few shared mappings; some are a result's own
SHARED = [{}, {"N301": RuleStatus.OK}, {"N301": RuleStatus.FINDINGS, "N806": RuleStatus.SKIPPED}]
STATUSES = st.sampled_from(SHARED) | st.dictionaries(
    st.sampled_from(["N301", "N806", "N901"]), st.sampled_from(list(RuleStatus)), max_size=3
)
REASONS = st.builds(SkipReason, TEXTS, TEXTS, st.sampled_from(list(SkipKind)))
SKIPPED = st.sampled_from([{}, {"N901": SkipReason("无文本", "no text", SkipKind.NOT_READ)}]) | (
    st.dictionaries(st.sampled_from(["N401", "N901"]), REASONS, max_size=2)
)
REPORTS = st.none() | st.builds(
    lambda organ, year: AnnualReport(meta=ReportMeta(organ=organ, year=year, source=organ)),
    TEXTS,
    st.none() | st.integers(2019, 2030),
)
RESULTS = st.builds(
    ReportResult,
    source=TEXTS,
    report=REPORTS,
    findings=st.lists(FINDINGS, max_size=3).map(tuple),
    statuses=STATUSES,
    subject=TEXTS,
    has_text=st.booleans(),
    skipped=SKIPPED,
    dismissed=st.lists(st.builds(Dismissed, FINDINGS, st.none() | TEXTS), max_size=2).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2), RESULTS), max_size=12),
    st.integers(1, 5) | st.just(10**6),  # 10**6: never written out
    st.sampled_from([0, 2, 4096]),  # mappings past the table's size go whole
)
def test_what_is_read_back_is_what_was_added_in_order(
    added: list[tuple[int, ReportResult]], batch: int, table: int
) -> None:
    store = ResultStore(batch=batch)
    with mock.patch.object(result_store, "_TABLE_MAX", table):
        for tag, result in added:
            store.add(result, tag)
        for tag, result in added:  # what the dataset rules read: each tag's reports
            if result.report is not None:
                assert any(r is result.report for r in store.kept[tag].reports)
        kept = {
            tag: (list(k.reports), list(k.keys), bytes(k.has_text))
            for tag, k in enumerate(store.kept)
        }
        assert store.spilled == (len(added) >= batch)
        back = [(tag, place, ReportResult(*fields)) for tag, place, fields in store.drain()]
    assert [(tag, result) for tag, _, result in back] == added
    places: dict[int, int] = {}
    for (tag, place, result), (_, given_result) in zip(back, added, strict=True):
        assert result.report is given_result.report  # the very report the rules read
        if given_result.report is None:
            assert place is None
            continue
        assert place == places.setdefault(tag, 0)
        places[tag] += 1
        reports, keys, has_text = kept[tag]
        assert reports[place] is result.report
        assert keys[place] == given_result.key and has_text[place] == given_result.has_text
        if table and any(result.statuses is m for m in SHARED):
            assert result.statuses is given_result.statuses  # still shared
    assert not store.spilled  # the file closed once drained


def test_the_file_is_gone_from_the_folder_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    store = ResultStore(batch=1)
    store.add(ReportResult("a.toml", None, (), {"N301": RuleStatus.OK}))
    assert store.spilled
    assert os.listdir(tmp_path) == []  # unlinked as made: a killed run leaves nothing
    assert [ReportResult(*fields) for _, _, fields in store.drain()] == [
        ReportResult("a.toml", None, (), {"N301": RuleStatus.OK})
    ]


def _jsonl(results: list[ReportResult]) -> bytes:
    out = io.StringIO()
    writer = FORMATS["jsonl"](out)
    writer.start()
    for result in results:
        writer.add(result)
    writer.finish()
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("batch", [1, 7, 10**6])
def test_a_check_writes_what_the_results_kept_in_memory_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    data = _dataset(tmp_path / "rows.csv", 90)
    host = default_host()
    national = load_ruleset("national", host=host)
    in_memory = with_dataset_findings(
        list(check_paths([data], national, host)), national, host.variants
    )
    stores: list[ResultStore] = []
    init = ResultStore.__init__

    def made(store: ResultStore, batch_: Any = None) -> None:
        init(store, batch)
        stores.append(store)

    monkeypatch.setattr(ResultStore, "__init__", made)
    written = tmp_path / "out.jsonl"
    main(["check", str(data), "-q", "--no-cache", "--format", "jsonl", "-o", str(written)])
    assert len(stores) == 1 and stores[0].batch == batch
    assert written.read_bytes() == _jsonl(in_memory)
    assert b'"N806"' in written.read_bytes() and b'"N801"' in written.read_bytes()
