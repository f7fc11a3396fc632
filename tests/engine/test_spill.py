"""The dataset rules' findings past the memory limit (``engine.spill``): in an anonymous
temporary file, they come back as they went in, and a run gives the same output whether
or not they went there."""

from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.api import load_ruleset, read
from gik_rules.cli.main import main
from gik_rules.engine import spill
from gik_rules.engine.run import make_finding
from gik_rules.engine.spill import FindingStore
from gik_rules.host import default_host
from gik_rules.ingest.dataset_columns import template_header
from gik_rules.rules.finding import Finding, Hit, Location, Severity
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def _finding(n: int, code: str = "N806") -> Finding:
    return Finding(
        code,
        "missing-report",
        Severity.WARNING,
        f"数据集中没有第{n}局的报告",
        f"no report of organ {n}",
        Location(1, "t3", "new", "tot", "t3.new.tot", n, 2, f"organ o{n}", f"第{n}行"),
        expected=Decimal(n) / 4,
        actual=n,
        cells=("t3.new.tot", "t3.new.np"),
        legal="条例第四十九条",
    )


@pytest.mark.parametrize("pread", [True, False])  # read where they stand, or after a seek
def test_findings_come_back_in_order_from_the_file_and_memory(
    monkeypatch: pytest.MonkeyPatch, pread: bool
) -> None:
    monkeypatch.setattr(spill, "BATCH", 2)  # several groups of a report's in the file
    if not pread:
        monkeypatch.delattr(os, "pread", raising=False)
    store = FindingStore(spill_after=3)
    added: dict[str, list[Finding]] = {"a": [], "b": []}
    for n in range(10):
        key = "a" if n % 3 else "b"
        finding = _finding(n, code=f"N80{n // 5}")
        store.add(key, n // 5, finding)
        added[key].append(finding)
    assert store.spilled
    assert store["a"] == added["a"]
    assert store["b"] == added["b"]
    assert store["c"] == []
    store.drop(0)  # a rule that raised takes back its findings, in the file too
    assert store["a"] == [f for f in added["a"] if f.code == "N801"]
    store.close()


_TEXT = st.text(st.sampled_from("ab机关\x9b\n"), max_size=6)
_VALUE = st.none() | st.integers(-5, 5) | st.decimals(places=2, allow_nan=False) | _TEXT


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10_000),
    st.builds(
        Hit,
        _TEXT,
        _TEXT,
        st.builds(Location, section=st.none() | st.integers(1, 6), ref=st.none() | _TEXT),
        _VALUE,
        _VALUE,
        st.lists(_TEXT, max_size=2).map(tuple),
        st.none() | _TEXT,
    ),
)
def test_a_hit_kept_encoded_comes_back_as_the_finding_made_of_it(n: int, hit: Hit) -> None:
    """A dataset rule's hit is kept encoded, no finding made of it (``encode_hit``): it
    comes back, from memory and from the file, as the finding ``make_finding`` makes,
    every field of it, for any rule and severity a ruleset gives."""
    configs = load_ruleset("national", host=default_host()).rules
    config = configs[n % len(configs)]
    made = make_finding(config, hit)
    assert spill.encode_hit(config, hit) == spill.encode_finding(made)
    store = FindingStore(spill_after=1)
    store.add_encoded("a", 0, spill.encode_hit(config, hit))
    assert store["a"] == [made] and store["a"] == [made]  # asked again: the same
    store.add_encoded("a", 0, spill.encode_hit(config, hit))
    store.add_encoded("a", 0, spill.encode_hit(config, hit))  # to the file
    assert store.spilled and store["a"] == [made, made, made]
    store.close()


def test_the_file_is_gone_from_the_folder_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    store = FindingStore(spill_after=0)
    store.add("a", 0, _finding(1))
    assert store.spilled
    assert os.listdir(tmp_path) == []  # unlinked as made: a killed run leaves nothing
    assert store["a"] == [_finding(1)]
    store.close()


def _dataset(path: Path, rows: int) -> Path:
    """A CSV of ``rows`` reports (the clean 2021 example's figures) of organs under two
    governments over three years, some missing, one duplicated, one carry-over broken:
    the dataset rules find something in many reports."""
    report = read(EXAMPLES / "clean-2021.toml")
    figures = {cid: str(cell.value) for cid, cell in report.cells.items()}
    header = template_header({"V2021": default_host().variants["V2021"]})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for n in range(rows):
        year = 2021 + n % 3
        if n % 7 == 3:
            continue  # a missing report (N806)
        row = dict(figures)
        if n == 5:
            row["t3.carried.np"] = "9"  # the carry-over broken (N801 and the identities)
        row.update(
            organ=f"示例市第{n // 3}局",
            year=str(year),
            variant="V2021",
            organ_id=f"o{n // 3}",
            parent_id=f"p{n % 2}",
            level="department",
        )
        writer.writerow([row.get(h, "") for h in header])
        if n == 11:  # a duplicate (N805)
            writer.writerow([row.get(h, "") for h in header])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "json", "sarif"])
def test_a_run_spilling_writes_what_a_run_in_memory_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    data = _dataset(tmp_path / "rows.csv", 90)
    kept, spilled = tmp_path / f"kept.{fmt}", tmp_path / f"spilled.{fmt}"
    argv = ["check", str(data), "-q", "--no-cache", "--format", fmt]
    main([*argv, "-o", str(kept)])
    flushes = []
    flush = FindingStore._flush

    def counted(store: FindingStore) -> None:
        flushes.append(1)
        flush(store)

    monkeypatch.setattr(spill, "SPILL_AFTER", 0)  # every finding to the file as it comes
    monkeypatch.setattr(spill, "BATCH", 0)
    monkeypatch.setattr(FindingStore, "_flush", counted)
    main([*argv, "-o", str(spilled)])
    assert flushes  # the findings went to the file
    assert spilled.read_bytes() == kept.read_bytes()
    if fmt == "jsonl":
        codes = {
            f["code"]
            for line in kept.read_text(encoding="utf-8").splitlines()
            for f in json.loads(line).get("findings", ())
        }
        assert {"N801", "N805", "N806"} <= codes  # the dataset rules found something


LOCATIONS = st.builds(
    Location,
    *(st.none() | st.integers(0, 99) for _ in range(1)),
    *(st.none() | st.text(max_size=3) for _ in range(4)),
    *(st.none() | st.integers(0, 99) for _ in range(2)),
    *(st.none() | st.text(max_size=3) for _ in range(2)),
)
FINDINGS = st.builds(
    Finding,
    st.sampled_from(["N806", "N808", "X001"]),
    st.text(max_size=3),
    st.sampled_from(Severity),
    st.text(max_size=5),
    st.text(max_size=5),
    LOCATIONS,
    st.none() | st.integers() | st.decimals(allow_nan=False) | st.text(max_size=3),
    st.none() | st.integers() | st.text(max_size=3),
    st.lists(st.text(max_size=3), max_size=2).map(tuple),
    st.text(max_size=3),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 2), FINDINGS), max_size=12))
def test_any_findings_come_back_as_they_went_in(added: list[tuple[str, int, Finding]]) -> None:
    store = FindingStore(spill_after=2)  # the first few kept, the others in the file
    for key, rule, finding in added:
        store.add(key, rule, finding)
    for key in "abc":
        assert store[key] == [f for k, _, f in added if k == key]
    store.close()
