"""JSON output lists every report it counts, even when two results share a key."""

from __future__ import annotations

import json

from gik_rules.api import load_ruleset
from gik_rules.engine import ReportResult, check_paths, with_dataset_findings
from gik_rules.host import Host
from gik_rules.output import render_json
from tests.conftest import REPO

FAULTY = REPO / "examples" / "faulty-2021.toml"


def _listed(text: str) -> tuple[dict[str, int], int, int]:
    doc = json.loads(text)
    reports = doc["reports"]
    return doc["summary"], len(reports), sum(len(r["findings"]) for r in reports.values())


def test_one_file_checked_twice_is_listed_twice(host: Host) -> None:
    national = load_ruleset("national", host=host)
    results = with_dataset_findings(
        list(check_paths([FAULTY, REPO / "examples" / "clean-2021.toml", FAULTY], national, host)),
        national,
        host.variants,
    )
    assert [r.key for r in results] == [
        str(FAULTY),
        str(REPO / "examples/clean-2021.toml"),
        f"{FAULTY}#2",
    ]
    assert results[2].subject == f"{FAULTY}#2"
    summary, reports, findings = _listed(render_json(results))
    assert summary["reports"] == reports == 3
    assert summary["errors"] + summary["warnings"] + summary["infos"] == findings


def test_render_json_numbers_repeated_keys() -> None:
    results = [ReportResult("a.toml", None), ReportResult("a.toml", None), ReportResult("", None)]
    doc = json.loads(render_json(results))
    assert sorted(doc["reports"]) == ["", "a.toml", "a.toml#2"]
    assert doc["summary"]["reports"] == 3
