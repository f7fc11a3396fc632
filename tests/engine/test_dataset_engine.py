"""The dataset engine: dataset-scope rules over several reports, findings per report,
a stable order, crashes as X001; the organ identity helpers; dataset manifests."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.engine import ReportResult, RuleStatus, check_dataset, with_dataset_findings
from gik_rules.engine.result import shared_mapping
from gik_rules.hookspecs import hookimpl
from gik_rules.host import Host, build_host
from gik_rules.ingest.manifest import ManifestError, find_manifests, load_manifest
from gik_rules.ingest.result import ReadResult
from gik_rules.model import AnnualReport, OrganLevel, ReportMeta
from gik_rules.rules import Finding, Hit, Location, Rule, RuleContext, RuleDoc, Scope, Severity
from gik_rules.rules.dataset import consecutive, families, organ_key, series, subject
from gik_rules.rules.skip import SkipReason
from gik_rules.ruleset import RuleConfig, Ruleset

DOC = RuleDoc(what="w", why="y", bad="b", good="g", legal="l")


def report(organ: str, year: int, **meta: object) -> AnnualReport:
    return AnnualReport(meta=ReportMeta(organ=organ, year=year, variant="V2021", **meta))  # type: ignore[arg-type]


def every_pair(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    for prev, cur in consecutive(reports):
        yield Hit(f"{prev.meta.year}→{cur.meta.year}", "pair", Location(), subject=subject(cur))


def unnamed(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    yield Hit("无主", "no subject")


def explode(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    raise RuntimeError("boom")


def _rule(code: str, name: str, check: object, **kw: object) -> Rule:
    return Rule(
        code,
        name,
        "summary",
        Severity.WARNING,
        ("g",),
        DOC,
        check=check,  # type: ignore[arg-type]
        scope=Scope.DATASET,
        plugin="xds",
        **kw,  # type: ignore[arg-type]
    )


RULES = (
    _rule("XD001", "every-pair", every_pair),
    _rule("XD002", "unnamed", unnamed),
    _rule("XD003", "explode", explode),
    _rule("XD004", "only-2019", every_pair, variants=("V2019",)),
)


@pytest.fixture(scope="module")
def xhost() -> Host:
    module = types.ModuleType("xds")

    @hookimpl
    def gik_rules() -> list[Rule]:
        return list(RULES)

    module.gik_rules = gik_rules  # type: ignore[attr-defined]
    return build_host([("xds", module)])


def ruleset(host: Host, *codes: str) -> Ruleset:
    rules = [host.rules[c] for c in (*codes, "X001")]
    return Ruleset("test", tuple(RuleConfig(r, r.severity, r.default_params()) for r in rules))


def test_hits_land_on_the_report_they_name(xhost: Host) -> None:
    reports = [report("示例局", 2022), report("示例局", 2021), report("他局", 2022)]
    result = check_dataset(reports, ruleset(xhost, "XD001"), xhost.variants, keys=["a", "b", "c"])
    assert [f.message for f in result.findings["a"]] == ["2021→2022"]
    assert result.findings["b"] == result.findings["c"] == ()
    assert result.statuses["a"]["XD001"] is RuleStatus.FINDINGS
    assert result.statuses["b"]["XD001"] is RuleStatus.OK


def test_keys_are_made_unique_and_default_to_the_source(xhost: Host) -> None:
    reports = [report("示例局", 2021, source="x.csv"), report("示例局", 2022, source="x.csv")]
    result = check_dataset(reports, ruleset(xhost, "XD001"), xhost.variants)
    assert sorted(result.findings) == ["x.csv", "x.csv#2"]
    assert [f.message for f in result.findings["x.csv#2"]] == ["2021→2022"]


def test_a_hit_without_subject_goes_to_the_first_report(xhost: Host) -> None:
    reports = [report("乙局", 2022), report("甲局", 2022)]
    result = check_dataset(reports, ruleset(xhost, "XD002"), xhost.variants, keys=["b", "a"])
    first = min(["b", "a"], key=lambda k: organ_key(reports[["b", "a"].index(k)]))
    assert [f.message for f in result.findings[first]] == ["无主"]


def test_a_raising_rule_is_an_x001_finding(xhost: Host) -> None:
    reports = [report("示例局", 2021), report("示例局", 2022)]
    result = check_dataset(
        reports, ruleset(xhost, "XD003", "XD001"), xhost.variants, keys=["a", "b"]
    )
    crashes = [f for k in ("a", "b") for f in result.findings[k] if f.code == "X001"]
    assert len(crashes) == 1 and "boom" in crashes[0].message
    assert [f.message for f in result.findings["b"] if f.code == "XD001"] == ["2021→2022"]


def test_rules_see_only_the_reports_they_apply_to(xhost: Host) -> None:
    reports = [report("示例局", 2021), report("示例局", 2022)]
    result = check_dataset(reports, ruleset(xhost, "XD004"), xhost.variants, keys=["a", "b"])
    assert result.statuses["a"]["XD004"] is RuleStatus.SKIPPED
    assert result.findings["b"] == ()


def test_with_dataset_findings_merges_into_report_results(xhost: Host) -> None:
    results = [
        ReportResult("y2021.toml", report("示例局", 2021)),
        ReportResult("broken.pdf", None),
        ReportResult("y2022.toml", report("示例局", 2022)),
    ]
    merged = with_dataset_findings(results, ruleset(xhost, "XD001"), xhost.variants)
    assert [r.source for r in merged] == ["y2021.toml", "broken.pdf", "y2022.toml"]
    assert [f.message for f in merged[2].findings] == ["2021→2022"]
    assert merged[0].statuses == {"XD001": RuleStatus.OK}
    assert merged[1] is results[1]


def test_organ_identity_by_id_else_by_folded_name() -> None:
    assert organ_key(report("洪泽区 人民政府", 2023)) == organ_key(report("洪泽区人民政府", 2024))
    renamed = [
        report("洪泽区人民政府", 2023, organ_id="320813"),
        report("淮安市洪泽区人民政府", 2024, organ_id="320813"),
        report("淮安市洪泽区人民政府", 2026, organ_id="320813"),  # 2025 missing: no pair
    ]
    assert [(a.meta.year, b.meta.year) for a, b in consecutive(renamed)] == [(2023, 2024)]
    assert list(series([report("", 2023), report("某局", None)])) == []  # type: ignore[arg-type]


def test_families_by_parent_id_and_year() -> None:
    city = report("示例市人民政府", 2023, organ_id="C")
    a = report("示例市教育局", 2023, organ_id="A", parent_id="C")
    b = report("示例市商务局", 2023, organ_id="B", parent_id="C")
    other_year = report("示例市财政局", 2024, organ_id="F", parent_id="C")
    assert [
        (p.meta.organ_id, [c.meta.organ_id for c in cs])
        for p, cs in families([b, city, a, other_year])
    ] == [("C", ["B", "A"])]  # children in subject order (商 before 教)


MANIFEST = """
[dataset]
name = "示例"

[[organ]]
id = "320813"
names = ["洪泽区人民政府", "淮安市洪泽区人民政府"]
parent = "320800"
level = "government"

[[report]]
file = "late.pdf"
published = 2025-04-02
organ_id = "320813"
"""


def test_manifest_states_identity_hierarchy_and_dates(tmp_path: Path) -> None:
    (tmp_path / "gik-dataset.toml").write_text(MANIFEST, encoding="utf-8")
    manifest = find_manifests([tmp_path])
    by_name = manifest.apply(ReadResult(str(tmp_path / "a.pdf"), report("洪泽区 人民政府", 2023)))
    assert by_name.report is not None
    meta = by_name.report.meta
    assert (meta.organ_id, meta.parent_id, meta.level) == (
        "320813",
        "320800",
        OrganLevel.GOVERNMENT,
    )
    by_file = manifest.apply(ReadResult(str(tmp_path / "late.pdf"), report("某某", 2024)))
    assert by_file.report is not None
    assert by_file.report.meta.published == dt.date(2025, 4, 2)
    assert by_file.report.meta.organ_id == "320813"
    untouched = ReadResult(str(tmp_path / "b.pdf"), report("他局", 2023))
    assert manifest.apply(untouched) is untouched


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[organ]]\nnames = ['x']\n", r"organ\[1\]\.id: required, missing"),
        (
            "[[organ]]\nid = 'x'\nlevel = 'ministry'\n",
            r"organ\[1\] \(x\)\.level: expected one of 'department', 'government', ",
        ),
        ("[[organ]]\nid = 320813\n", r"organ\[1\] \(320813\)\.id: expected a string, not 320813"),
        (
            "[[report]]\nfile = 'a.pdf'\npublished = '2025-01-01'\n",
            r"report\[1\] \(a\.pdf\)\.published: expected a date such as 2025-01-20, not '2025-01-01'",
        ),
        (
            "[[report]]\nfile = 'a.pdf'\ncolour = 1\n",
            r"report\[1\] \(a\.pdf\): unknown key 'colour'",
        ),
        ("[reports]\n", r"unknown key 'reports' \(known: dataset, organ, report\)"),
        ("[dataset]\nnmae = 'x'\n", r"dataset: unknown key 'nmae'"),
        ("[[organ]\n", "gik-dataset.toml"),
    ],
)
def test_manifest_errors_name_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "gik-dataset.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=problem):
        load_manifest(path)


def test_dataset_findings_do_not_depend_on_input_order(xhost: Host) -> None:
    reports = [
        report("甲局", 2021),
        report("甲局", 2022),
        report("乙局", 2022),
        report("乙局", 2021),
    ]
    keys = ["a", "b", "c", "d"]
    forward = check_dataset(reports, ruleset(xhost, "XD001"), xhost.variants, keys=keys)
    backward = check_dataset(
        reports[::-1], ruleset(xhost, "XD001"), xhost.variants, keys=keys[::-1]
    )
    assert forward == attrs.evolve(backward)


def test_the_rows_of_a_csv_dataset_are_checked_together(tmp_path: Path, host: Host) -> None:
    """gik_rules.check on a dataset: the 2021 row's 上年结转 against the 2020 row."""
    from gik_rules import check, from_toml
    from tests.conftest import REPO

    rows = [
        from_toml((REPO / "examples" / name).read_text(encoding="utf-8"))
        for name in ("clean-2019.toml", "clean-2021.toml")
    ]
    ids = sorted({cid for r in rows for cid in r.cells})
    lines = [",".join(["organ", "year", "variant", "organ_id", *ids])]
    for r in rows:
        values = [r.cells[c].raw if c in r.cells else "" for c in ids]
        lines.append(
            ",".join([r.meta.organ, str(r.meta.year), r.meta.variant or "", "c1", *values])
        )
    data = tmp_path / "reports.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    consistent = check(data, "national", host=host)
    assert [f.code for r in consistent for f in r.findings if f.code.startswith("N8")] == []
    broken = data.read_text(encoding="utf-8").splitlines()
    header = broken[0].split(",")
    row = broken[2].split(",")
    row[header.index("t3.carried.np")] = "4"
    row[header.index("t3.carried.tot")] = "4"
    data.write_text("\n".join([*broken[:2], ",".join(row)]) + "\n", encoding="utf-8")
    results = check(data, "national", host=host)
    carry = [f for r in results for f in r.findings if f.code == "N801"]
    assert [f.location.cell for f in carry] == ["t3.carried.np", "t3.carried.tot"]
    assert results[1].key.endswith("#row 3")
    assert carry[0] in results[1].findings


def test_results_of_the_api_without_a_source_take_dataset_findings(xhost: Host, host: Host) -> None:
    """gik_rules.check_report leaves the source empty: the dataset engine names such a
    report by organ and year instead of failing on the empty key."""
    import gik_rules
    from tests.conftest import REPO

    national = gik_rules.load_ruleset("national", host=host)
    clean = gik_rules.read(REPO / "examples" / "clean-2021.toml", host=host)
    (alone,) = with_dataset_findings(
        [gik_rules.check_report(clean, national, host=host)], national, host.variants
    )
    assert alone.report is clean
    results = [
        ReportResult("", report("示例局", 2021)),
        ReportResult("", report("示例局", 2022)),
        ReportResult("", report("示例局", 2022)),
    ]
    merged = with_dataset_findings(results, ruleset(xhost, "XD001"), xhost.variants)
    assert [f.message for r in merged for f in r.findings] == ["2021→2022"]
    assert merged[1].findings and merged[0].statuses == {"XD001": RuleStatus.OK}


def test_given_keys_are_used_unchanged_and_must_be_unique(xhost: Host) -> None:
    reports = [report("示例局", 2021), report("示例局", 2022)]
    result = check_dataset(reports, ruleset(xhost, "XD001"), xhost.variants, keys=["b#2", "b"])
    assert sorted(result.findings) == ["b", "b#2"]
    assert [f.message for f in result.findings["b"]] == ["2021→2022"]
    for keys in (["a", "a"], ["", "a"], ["a"]):
        with pytest.raises(ValueError, match="keys"):
            check_dataset(reports, ruleset(xhost, "XD001"), xhost.variants, keys=keys)


def test_unique_keys_never_repeat_a_key(xhost: Host) -> None:
    from gik_rules.engine.result import unique_keys

    assert unique_keys(["a", "a", "", "a#2", ""]) == ["a", "a#2", "", "a#2#2", "#2"]
    assert unique_keys(["a#2", "a", "a"]) == ["a#2", "a", "a#3"]
    nameless = [report("", None), report("", None)]  # type: ignore[arg-type]
    result = check_dataset(nameless, ruleset(xhost, "XD002"), xhost.variants)
    assert sorted(result.findings) == ["report", "report#2"]


def test_rules_that_read_text_are_skipped_on_dataset_rows(tmp_path: Path, host: Host) -> None:
    """A CSV row has no text: text-reuse (group text) is skipped on it in the dataset
    engine as the report engine skips the other text rules, never 'ok'."""
    from gik_rules import check, from_toml
    from tests.conftest import REPO

    clean = from_toml((REPO / "examples" / "clean-2021.toml").read_text(encoding="utf-8"))
    ids = sorted(clean.cells)
    lines = [",".join(["organ", "year", "variant", *ids])]
    for year in (2021, 2022):
        values = [clean.cells[c].raw for c in ids]
        lines.append(",".join([clean.meta.organ, str(year), "V2021", *values]))
    data = tmp_path / "rows.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = check(data, "national", host=host)
    assert [r.has_text for r in results] == [False, False]
    for result in results:
        assert result.statuses["N803"] is RuleStatus.SKIPPED  # text-reuse
        assert result.statuses["N101"] is RuleStatus.SKIPPED  # section-missing
        assert result.statuses["N804"] is RuleStatus.OK  # hierarchy-sum: tables only
    rows = [r.report for r in results if r.report is not None]
    reuse = ruleset(host, "N803")
    textless = check_dataset(rows, reuse, host.variants, keys=["a", "b"], has_text=[False] * 2)
    assert textless.statuses["b"]["N803"] is RuleStatus.SKIPPED
    default = check_dataset(rows, reuse, host.variants, keys=["a", "b"])
    assert default.statuses["b"]["N803"] is RuleStatus.OK


# the dataset rules' findings, statuses and skip reasons added to each result are the
# plain merge of both (the statuses worked out once for each pair of mappings the rows share)
_REASON = SkipReason("没有", "none")
#: the few statuses and skip reasons a batch's rows share (one dict for each)
OWN = [
    shared_mapping({}),
    shared_mapping({"N101": RuleStatus.OK}),
    shared_mapping({"N101": RuleStatus.FINDINGS, "XD001": RuleStatus.OK}),
]
SKIPPED = [shared_mapping({}), shared_mapping({"N102": _REASON, "XD004": _REASON})]
FINDINGS = st.builds(
    lambda code, line: Finding(
        code, "r", Severity.WARNING, f"第{line}行", "line", Location(line=line)
    ),
    st.sampled_from(["N101", "N201", "XD001"]),
    st.integers(1, 4),
)


@st.composite
def results(draw: st.DrawFn) -> ReportResult:
    own = draw(st.lists(FINDINGS, max_size=3))
    return ReportResult(
        "",
        report(draw(st.sampled_from(["甲局", "乙局"])), draw(st.integers(2019, 2022))),
        tuple(sorted(own, key=Finding.sort_key)) if draw(st.booleans()) else tuple(own),
        draw(st.sampled_from(OWN)),
        skipped=draw(st.sampled_from(SKIPPED)),
        has_text=draw(st.booleans()),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(results(), min_size=1, max_size=8))
def test_merged_as_the_plain_merge(xhost: Host, given_results: list[ReportResult]) -> None:
    rules = ruleset(xhost, "XD001", "XD004")
    keys = [f"r{i}" for i in range(len(given_results))]
    given_results = [
        attrs.evolve(r, source=key) for key, r in zip(keys, given_results, strict=True)
    ]
    assert all(r.report is not None for r in given_results)
    alone = check_dataset(
        [r.report for r in given_results if r.report is not None],
        rules,
        xhost.variants,
        keys=keys,
        has_text=[r.has_text for r in given_results],
    )
    merged = with_dataset_findings(given_results, rules, xhost.variants)
    for key, result, got in zip(keys, given_results, merged, strict=True):
        found = sorted((*result.findings, *alone.findings[key]), key=Finding.sort_key)
        assert got.findings == tuple(found)
        assert got.subject == key
        rest = {"findings": (), "statuses": {}, "skipped": {}, "subject": ""}
        assert attrs.evolve(got, **rest) == attrs.evolve(result, **rest)  # all else kept
        assert list(got.statuses.items()) == list(
            {**result.statuses, **alone.statuses[key]}.items()
        )
        assert list(got.skipped.items()) == list({**result.skipped, **alone.skipped[key]}.items())


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from([(2021, True), (2021, False), (2019, False)]), min_size=1, max_size=8),
    st.data(),
)
def test_each_reports_dataset_statuses_are_those_of_how_each_rule_fared_in_it(
    kinds: list[tuple[int, bool]], data: st.DataObject
) -> None:
    """The statuses and skip reasons worked out once for the reports that fared alike
    (which rules found something in them, as bits) are each report's own: ``_fared`` of
    its plan and of each rule, asked in turn, finding something in it or not."""
    from gik_rules.api import load_ruleset
    from gik_rules.engine.dataset import _fared, _Outcome, _statuses
    from gik_rules.engine.plan import plan_for
    from gik_rules.host import default_host

    host = default_host()
    plans = plan_for(load_ruleset("national", host=host), host.variants, Scope.DATASET)
    keys = [f"r{n}" for n in range(len(kinds))]
    steps = {
        key: plans.steps(
            ReportMeta(year=year, variant="V2021" if year > 2020 else "V2019"), text, frozenset()
        )
        for key, (year, text) in zip(keys, kinds, strict=True)
    }
    outcomes = [
        _Outcome(
            frozenset(data.draw(st.sets(st.sampled_from(keys)))),
            data.draw(st.none() | st.just(SkipReason("跳过", "skipped"))),
            data.draw(st.booleans()),
        )
        for _ in plans.configs
    ]
    first = keys[0]
    statuses, skipped = _statuses(keys, steps, outcomes, first)
    for key in keys:
        found = tuple(key in o.found for o in outcomes)
        assert (statuses[key], skipped[key]) == _fared(steps[key], outcomes, key == first, found)
