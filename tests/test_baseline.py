"""The review baseline: fingerprints, the file, and applying it to results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gik_rules
from gik_rules.baseline import (
    Baseline,
    BaselineError,
    BaselineFilter,
    Decision,
    Entry,
    IdentityNumberer,
    apply_baseline,
    baseline_from,
    dump_baseline,
    exit_code,
    fingerprints,
    parse_baseline,
    read_baseline,
    report_identities,
    report_identity,
    stale_entries,
    write_baseline,
)
from gik_rules.engine import ReportResult
from gik_rules.rules.finding import Finding, Location, Severity
from tests.conftest import REPO

EXAMPLES = ("clean-2019.toml", "clean-2021.toml", "faulty-2021.toml")


@pytest.fixture(scope="module")
def results() -> list[ReportResult]:
    out = []
    for name in EXAMPLES:
        result = gik_rules.check_report(gik_rules.read(REPO / "examples" / name))
        out.append(attrs.evolve(result, source=f"examples/{name}"))
    return out


@pytest.fixture(scope="module")
def faulty(results: list[ReportResult]) -> ReportResult:
    assert results[2].findings, "the faulty example must have findings"
    return results[2]


def _fps(result: ReportResult) -> list[str]:
    return fingerprints(report_identity(result), result.findings)


def _evolve_finding(result: ReportResult, i: int, **changes: Any) -> ReportResult:
    findings = list(result.findings)
    findings[i] = attrs.evolve(findings[i], **changes)
    return attrs.evolve(result, findings=tuple(findings))


# -- fingerprints ---------------------------------------------------------------------------


def test_identity_is_organ_and_year(faulty: ReportResult) -> None:
    assert report_identity(faulty) == "示例县住房和城乡建设局 2021"
    moved = attrs.evolve(faulty, source="elsewhere/renamed.toml")
    assert _fps(moved) == _fps(faulty)  # renaming or moving the file changes nothing


def test_identity_falls_back_to_the_key(faulty: ReportResult) -> None:
    unread = attrs.evolve(faulty, report=None, source="reports\\a.txt")
    assert report_identity(unread) == "reports/a.txt"
    assert faulty.report is not None
    report = attrs.evolve(faulty.report, meta=attrs.evolve(faulty.report.meta, year=None))
    no_year = attrs.evolve(faulty, report=report, subject="set.csv#row 3")
    assert report_identity(no_year) == "set.csv#row 3"


def test_stable_when_a_line_or_page_moves(faulty: ReportResult) -> None:
    moved = faulty
    for i, f in enumerate(faulty.findings):
        moved = _evolve_finding(
            moved,
            i,
            location=attrs.evolve(f.location, line=(f.location.line or 0) + 40, page=3),
        )
    assert _fps(moved) == _fps(faulty)


def test_stable_when_the_message_is_reworded(faulty: ReportResult) -> None:
    reworded = faulty
    for i, f in enumerate(faulty.findings):
        reworded = _evolve_finding(reworded, i, message="改写：" + f.message, message_en="x")
    assert _fps(reworded) == _fps(faulty)


def test_stable_under_value_and_whitespace_normalisation(faulty: ReportResult) -> None:
    from decimal import Decimal

    i = next(i for i, f in enumerate(faulty.findings) if isinstance(f.expected, int))
    f = faulty.findings[i]
    as_decimal = _evolve_finding(faulty, i, expected=Decimal(f"{f.expected}.0"))
    assert _fps(as_decimal) == _fps(faulty)
    excerpt = _evolve_finding(faulty, i, location=attrs.evolve(f.location, excerpt="别的文字"))
    assert _fps(excerpt) == _fps(faulty)  # an excerpt is text, which edits reflow


def test_physical_refs_are_left_out_logical_kept(faulty: ReportResult) -> None:
    f = faulty.findings[0]
    base = fingerprints("r", [f])
    for ref in ("C12", "table 2, row 3, column 4", "row 7"):
        assert (
            fingerprints("r", [attrs.evolve(f, location=attrs.evolve(f.location, ref=ref))]) == base
        )
    titled = attrs.evolve(f, location=attrs.evolve(f.location, ref="title"))
    assert fingerprints("r", [titled]) != base


def test_stable_when_another_finding_is_added(faulty: ReportResult) -> None:
    extra = Finding(
        "N302", "blank-cell", Severity.WARNING, "空", "blank", Location(2, "t2", cell="t2.x")
    )
    for at in (0, len(faulty.findings)):
        findings = list(faulty.findings)
        findings.insert(at, extra)
        more = _fps(attrs.evolve(faulty, findings=tuple(findings)))
        del more[at]
        assert more == _fps(faulty)


def test_different_cells_and_reports_differ(faulty: ReportResult) -> None:
    fps = _fps(faulty)
    assert len(set(fps)) == len(fps)
    f = next(f for f in faulty.findings if f.location.cell)
    other = attrs.evolve(f, location=attrs.evolve(f.location, cell="t9.other.cell"))
    assert fingerprints("r", [f]) != fingerprints("r", [other])
    assert fingerprints("r", [f]) != fingerprints("s", [f])
    values = attrs.evolve(f, actual=12345)
    assert fingerprints("r", [f]) != fingerprints("r", [values])


def test_duplicates_get_occurrence_counters(faulty: ReportResult) -> None:
    f = faulty.findings[1]
    twice = fingerprints("r", [f, attrs.evolve(f, message="同一问题"), f])
    assert len(set(twice)) == 3
    assert twice[0] == fingerprints("r", [f])[0]
    assert twice[:2] == fingerprints("r", [f, f])


def test_shared_identities_are_numbered_in_run_order(faulty: ReportResult) -> None:
    # numbered as results arrive, so a run of any size streams; check's order is the
    # sorted order of the paths, so the numbering is the same run after run
    a = attrs.evolve(faulty, source="a/copy.toml")
    b = attrs.evolve(faulty, source="b/copy.toml")
    assert report_identities([a, b]) == [
        "示例县住房和城乡建设局 2021",
        "示例县住房和城乡建设局 2021#2",
    ]
    number = IdentityNumberer()
    assert [number(r) for r in (a, b, a)] == [
        "示例县住房和城乡建设局 2021",
        "示例县住房和城乡建设局 2021#2",
        "示例县住房和城乡建设局 2021#3",
    ]


def test_filter_keeps_new_lists_dismissed_apart(faulty: ReportResult) -> None:
    first, second, *rest = faulty.findings
    prints = fingerprints(report_identity(faulty), faulty.findings)
    baseline = Baseline(
        (
            Entry(prints[0], first.code, "r", "s", Decision.DISMISSED, "表格口径不同"),
            Entry(prints[1], second.code, "r", "s", Decision.CONFIRMED),
        )
    )
    applier = BaselineFilter(baseline)
    shown, known = applier.apply(faulty)
    assert known == 1
    assert shown.findings == tuple(rest)
    assert [(d.finding, d.comment) for d in shown.dismissed] == [(first, "表格口径不同")]
    assert applier.stale() == []


def test_gitlab_uses_the_same_fingerprint(faulty: ReportResult) -> None:
    from gik_rules.output.gitlab_format import fingerprints as gitlab

    assert gitlab(faulty.key, faulty.findings) == fingerprints(faulty.key, faulty.findings)


# -- the file -------------------------------------------------------------------------------


def test_round_trip(results: list[ReportResult], tmp_path: Path) -> None:
    path = tmp_path / "baseline.toml"
    written = write_baseline(results, path)
    assert written.entries and read_baseline(path) == written
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and "schema_version = 1" in text and "[[finding]]" in text
    codes = {e.code for e in written.entries}
    assert codes == {f.code for r in results for f in r.findings}
    assert all(e.summary for e in written.entries)


def test_decisions_kept_on_rewrite(faulty: ReportResult, tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    first = write_baseline([faulty], path)
    text = path.read_text(encoding="utf-8")
    # a reviewer edits the file by hand
    fp0, fp1 = first.entries[0].fingerprint, first.entries[1].fingerprint
    text = text.replace(
        f'fingerprint = "{fp0}"\n',
        f'fingerprint = "{fp0}"\ndecision = "dismissed"\ncomment = "口径不同"\n',
    ).replace(f'fingerprint = "{fp1}"\n', f'fingerprint = "{fp1}"\ndecision = "confirmed"\n')
    path.write_text(text, encoding="utf-8")
    reviewed = read_baseline(path)
    # the next run: the first finding's line moved, its message reworded; a finding fixed
    gone = faulty.findings[1]
    moved = attrs.evolve(
        faulty.findings[0],
        message="reworded",
        location=attrs.evolve(faulty.findings[0].location, line=99),
    )
    later = attrs.evolve(faulty, findings=(moved, *faulty.findings[2:]))
    again = write_baseline([later], path, previous=reviewed)
    assert read_baseline(path) == again
    by = again.by_fingerprint
    assert by[fp0].decision is Decision.DISMISSED and by[fp0].comment == "口径不同"
    assert by[fp0].summary == "reworded"  # the summary follows the message
    assert by[fp1].decision is Decision.CONFIRMED and by[fp1].code == gone.code  # kept though fixed
    assert all(by[e.fingerprint].decision is None for e in first.entries[2:])


def test_undecided_entries_not_found_are_dropped(faulty: ReportResult) -> None:
    first = baseline_from([faulty])
    later = baseline_from([attrs.evolve(faulty, findings=faulty.findings[1:])], previous=first)
    assert first.entries[0].fingerprint not in later.by_fingerprint


GOOD_ENTRY = 'fingerprint = "abc"\ncode = "N301"\nreport = "r"\nsummary = "s"\n'


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("schema_version = 1\n[[finding]\n", "not TOML"),
        ("[[finding]]\n" + GOOD_ENTRY, "'schema_version'"),
        ("schema_version = 2\n", "'schema_version' is 2"),
        ("schema_version = true\n", "'schema_version'"),
        ("schema_version = 1\nowner = 'x'\n", "unknown key 'owner'"),
        ("schema_version = 1\nfinding = 'x'\n", "key 'finding' must be an array"),
        ("schema_version = 1\nfinding = [1]\n", "finding 1: not a table"),
        (
            "schema_version = 1\n[[finding]]\n" + GOOD_ENTRY + "severity = 'x'\n",
            "finding 1: unknown key 'severity'",
        ),
        (
            "schema_version = 1\n[[finding]]\n" + GOOD_ENTRY.replace('code = "N301"\n', ""),
            "finding 1: missing key 'code'",
        ),
        (
            "schema_version = 1\n[[finding]]\n" + GOOD_ENTRY.replace('"r"', "3"),
            "finding 1: key 'report' must be a string",
        ),
        (
            "schema_version = 1\n[[finding]]\n" + GOOD_ENTRY.replace('"abc"', '""'),
            "finding 1: key 'fingerprint' is empty",
        ),
        (
            "schema_version = 1\n[[finding]]\n" + GOOD_ENTRY + "decision = 'ignored'\n",
            "finding 1: key 'decision' is 'ignored'",
        ),
        (
            "schema_version = 1\n[[finding]]\n" + GOOD_ENTRY + "comment = 1\n",
            "finding 1: key 'comment' must be a string",
        ),
        (
            "schema_version = 1\n[[finding]]\n"
            + GOOD_ENTRY
            + "[[finding]]\n"
            + GOOD_ENTRY.replace("N301", "N302"),
            "finding 2: key 'fingerprint' repeats finding 1",
        ),
    ],
)
def test_strict_reader(text: str, needle: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        read_baseline(path)
    assert str(info.value).startswith(f"{path}: ")
    assert needle in str(info.value)


def test_reader_accepts_decisions_and_empty(tmp_path: Path) -> None:
    assert parse_baseline("schema_version = 1\n") == Baseline()
    b = parse_baseline(
        "schema_version = 1\n[[finding]]\n"
        + GOOD_ENTRY
        + 'decision = "dismissed"\ncomment = "ok"\n'
    )
    assert b.entries == (Entry("abc", "N301", "r", "s", Decision.DISMISSED, "ok"),)
    with pytest.raises(BaselineError, match="cannot read"):
        read_baseline(tmp_path / "missing.toml")


# -- applying it ----------------------------------------------------------------------------


def _decide(baseline: Baseline, decisions: dict[int, Decision]) -> Baseline:
    return Baseline(
        tuple(
            attrs.evolve(e, decision=decisions[i]) if i in decisions else e
            for i, e in enumerate(baseline.entries)
        )
    )


def test_apply_splits(results: list[ReportResult], faulty: ReportResult) -> None:
    fresh = list(apply_baseline(results, Baseline()))
    assert [b.new for b in fresh] == [r.findings for r in results]
    assert exit_code(fresh) == (1 if any(r.has_errors for r in results) else 0)

    base = baseline_from([faulty])
    errors = [i for i, f in enumerate(faulty.findings) if f.severity is Severity.ERROR]
    reviewed = _decide(base, {errors[0]: Decision.DISMISSED, errors[1]: Decision.CONFIRMED})
    extra = Finding(
        "N302", "blank-cell", Severity.ERROR, "空", "blank", Location(2, "t2", cell="t2.x")
    )
    later = attrs.evolve(faulty, findings=(*faulty.findings, extra))
    (split,) = apply_baseline([later], reviewed)
    assert split.report == "示例县住房和城乡建设局 2021" and split.result is later
    assert split.new == (extra,)
    assert split.dismissed == (faulty.findings[errors[0]],)
    assert faulty.findings[errors[1]] in split.known
    assert len(split.known) == len(faulty.findings) - 1
    assert split.has_new_errors and exit_code([split]) == 1
    (same,) = apply_baseline([faulty], reviewed)
    assert not same.new and exit_code([same]) == 0


def test_unreadable_new_findings_exit_2() -> None:
    unread = ReportResult(
        "a.txt",
        None,
        (
            Finding(
                "P001",
                "unreadable",
                Severity.ERROR,
                "无法读取",
                "cannot read",
                Location(ref="a.txt"),
            ),
        ),
    )
    assert exit_code(apply_baseline([unread], Baseline())) == 2
    # never baselined: a baseline made from the run holds no entry for it, and hides nothing
    assert baseline_from([unread]).entries == ()
    assert exit_code(apply_baseline([unread], baseline_from([unread]))) == 2


def test_stale_entries(faulty: ReportResult) -> None:
    base = baseline_from([faulty])
    fixed = attrs.evolve(faulty, findings=faulty.findings[1:])
    assert stale_entries(base, apply_baseline([fixed], base)) == [base.entries[0]]


SEVERITIES = st.sampled_from(list(Severity))
FINDINGS = st.builds(
    Finding,
    code=st.sampled_from(["N301", "N302", "N401", "N601"]),
    name=st.just("rule"),
    severity=SEVERITIES,
    message=st.text(max_size=8),
    message_en=st.text(max_size=8),
    location=st.builds(
        Location,
        section=st.none() | st.integers(1, 6),
        table=st.none() | st.sampled_from(["t2", "t3"]),
        cell=st.none() | st.sampled_from(["t3.new.tot", "t3.carried.tot"]),
        line=st.none() | st.integers(1, 500),
        ref=st.none() | st.sampled_from(["title", "C12", "publication date"]),
    ),
    expected=st.none() | st.integers(0, 9) | st.text(max_size=4),
    actual=st.none() | st.integers(0, 9),
    cells=st.lists(st.sampled_from(["t3.a", "t3.b"]), max_size=2).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(
    spec=st.lists(
        st.tuples(st.sampled_from(["a.toml", "b.toml", "a.toml"]), st.lists(FINDINGS, max_size=6)),
        max_size=4,
    ),
    data=st.data(),
)
def test_property_baseline_of_results_leaves_nothing_new(
    spec: list[tuple[str, list[Finding]]], data: st.DataObject, results: list[ReportResult]
) -> None:
    generated = [ReportResult(src, None, tuple(fs)) for src, fs in spec]
    chosen = data.draw(st.lists(st.sampled_from(results), max_size=3))
    everything = [*generated, *chosen]  # repeats of one report share an identity
    base = parse_baseline(dump_baseline(baseline_from(everything)))  # through the file format
    split = list(apply_baseline(everything, base))
    assert all(not b.new for b in split)
    assert exit_code(split) == 0
    assert [len(b.known) + len(b.dismissed) for b in split] == [len(r.findings) for r in everything]
    assert not stale_entries(base, split)
