"""Reports of a dataset in the order people read their names, and of two copies of one
organ's report for one year, the one read best is the one compared across years."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import gik_rules
from gik_rules.cli.main import main
from gik_rules.model import AnnualReport
from gik_rules.rules.dataset import first_of_each_year, natural, series, shared_series
from tests.conftest import REPO
from tests.fuzz import inputs


def test_natural_order() -> None:
    names = ["d.csv#row 10", "d.csv#row 2", "d.csv#row 1", "a.toml", "d.csv#row 02"]
    assert sorted(names, key=natural) == [
        "a.toml",
        "d.csv#row 1",
        "d.csv#row 02",
        "d.csv#row 2",
        "d.csv#row 10",
    ]


def test_dataset_rows_come_out_in_row_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(inputs.csv_of(inputs.dataset_rows(12)))
    main(["check", str(path), "--isolated", "--no-cache", "--format", "json", "-q"])
    keys = list(json.loads(capsys.readouterr().out)["reports"])
    assert keys == [f"{path}#row {n}" for n in range(2, 14)]


def _without_table(report: AnnualReport, table: str, source: str) -> AnnualReport:
    cells = {cid: c for cid, c in report.cells.items() if not cid.startswith(f"{table}.")}
    meta = attrs.evolve(report.meta, source=source)
    return attrs.evolve(report, cells=cells, meta=meta)


def test_the_copy_read_best_is_kept_whatever_its_name() -> None:
    good = gik_rules.read(REPO / "examples" / "faulty-2021.toml")
    damaged = _without_table(good, "t3", "a-damaged.toml")  # sorts first by name
    good = attrs.evolve(good, meta=attrs.evolve(good.meta, source="b-complete.toml"))
    (group,) = series([damaged, good]).values()
    assert first_of_each_year(group)[2021] is good
    (group,) = series([good, damaged]).values()
    assert first_of_each_year(group)[2021] is good
    from gik_rules.engine.dataset import check_dataset
    from gik_rules.host import default_host
    from gik_rules.ruleset import ruleset_of

    host = default_host()
    result = check_dataset([damaged, good], ruleset_of(host, "national"), host.variants)
    duplicate = [f for findings in result.findings.values() for f in findings if f.code == "N805"]
    assert [f.location.ref for f in duplicate] == ["b-complete.toml"]  # the one kept
    assert "N805" in {f.code for f in result.findings["a-damaged.toml"]}


def test_the_rules_of_one_run_share_a_series_each_may_change() -> None:
    """Inside ``shared_series`` (a dataset run) the same reports give the same series,
    whatever a rule did to the one it was given, and other reports their own."""
    good = gik_rules.read(REPO / "examples" / "faulty-2021.toml")
    damaged = _without_table(good, "t3", "a-damaged.toml")
    alone = series([damaged, good])
    with shared_series():
        first = series([damaged, good])
        assert first == alone
        for group in first.values():
            group.reverse()  # a rule's own copy
        assert series([damaged, good]) == alone
        assert series([good]) == series([good, good][:1]) != alone
    (group,) = alone.values()
    assert group == [good, damaged]
