"""The html format without a browser: the page's data, its escaping, its CSP, the cap on
tables, determinism and memory. tests/output/test_html_browser.py runs the page."""

from __future__ import annotations

import base64
import gc
import hashlib
import io
import json
import re
import weakref
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest

import gik_rules
from gik_rules.cli.main import main
from gik_rules.engine import ReportResult
from gik_rules.engine.result import Dismissed
from gik_rules.forms.variant import FormVariant
from gik_rules.host import Host
from gik_rules.model import AnnualReport, Cell
from gik_rules.output import FORMATS, write_results
from gik_rules.output.html_format import HtmlFormatter, table_layouts
from tests.conftest import REPO
from tests.output.conftest import NASTY, nasty_result

#: closes the data element and runs a script, or loads an image that runs one
HOSTILE_ORGAN = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">县局'
HOSTILE_LABEL = '<img src=x onerror="window.pwned=3">行政许可</th><script>window.pwned=4</script>'
ORGANS = ("示例县住房和城乡建设局", "示例县教育局", "示例县卫生健康委员会", HOSTILE_ORGAN)


def _read(name: str) -> AnnualReport:
    return gik_rules.read(REPO / "examples" / name)


def _with(report: AnnualReport, organ: str, year: int, **cells: int) -> AnnualReport:
    changed = dict(report.cells)
    for cid, value in cells.items():
        changed[cid.replace("__", ".")] = Cell.of(value)
    meta = attrs.evolve(report.meta, organ=organ, year=year)
    return attrs.evolve(report, meta=meta, cells=changed)


def dataset_results() -> list[ReportResult]:
    """A small run over several organs and years: the faulty example under each organ
    (one with a second broken cell), the clean examples, and a report that was not read."""
    faulty, clean21, clean19 = (
        _read(n) for n in ("faulty-2021.toml", "clean-2021.toml", "clean-2019.toml")
    )
    reports: list[tuple[str, AnnualReport]] = []
    for n, organ in enumerate(ORGANS):
        extra = {"t3__new__np": 7 + n} if n % 2 else {}
        reports.append((f"reports/{n}-faulty-2021.toml", _with(faulty, organ, 2021, **extra)))
        reports.append((f"reports/{n}-clean-2021.toml", _with(clean21, organ, 2021)))
    reports.append(("reports/x-clean-2020.toml", clean19))
    out = [
        attrs.evolve(gik_rules.check_report(report), source=source) for source, report in reports
    ]
    return [*out, nasty_result("reports/unread <b>.docx")]


def hostile_variants(host: Host) -> dict[str, FormVariant]:
    """The installed variants with a row label of 表二 that is markup."""
    v = host.variants["V2021"]
    t2 = v.tables[0]
    block = t2.blocks[0]
    row = attrs.evolve(block.rows[0], label=HOSTILE_LABEL)
    block = attrs.evolve(block, rows=(row, *block.rows[1:]))
    tables = (attrs.evolve(t2, blocks=(block, *t2.blocks[1:])), *v.tables[1:])
    return {**host.variants, "V2021": attrs.evolve(v, tables=tables)}


def render(results: list[ReportResult], **options: Any) -> str:
    buffer = io.StringIO()
    write_results(results, "html", buffer, **options)
    return buffer.getvalue()


def page_data(page: str) -> Any:
    found = re.search(r'<script type="application/json" id="gik-data">(.*?)</script>', page, re.S)
    assert found, "no data element"
    return json.loads(found[1])


@pytest.fixture(scope="module")
def results() -> list[ReportResult]:
    return dataset_results()


@pytest.fixture(scope="module")
def page(results: list[ReportResult], host: Host) -> str:
    return render(
        results, variants=hostile_variants(host), templates=host.templates, rules=host.rules
    )


def test_registered_and_rejects_unknown_options() -> None:
    assert FORMATS["html"] is HtmlFormatter
    with pytest.raises(TypeError):
        render([], bogus=1)


def test_data_element_holds_only_escaped_text(page: str) -> None:
    body = re.search(r'id="gik-data">(.*?)</script>', page, re.S)
    assert body is not None
    assert not re.search("[<>&]", body[1])
    assert "\\u003c/script\\u003e" in body[1]
    # outside the data element the hostile text appears nowhere: not in the static header
    outside = page.replace(body[1], "")
    assert "pwned" not in outside and "onerror" not in outside
    assert page.count("<script") == 2  # the data element and the page's own script


def test_hostile_text_survives_exactly(page: str) -> None:
    data = page_data(page)
    assert HOSTILE_ORGAN in {r["organ"] for r in data["reports"]}
    labels = {c[0] for t in data["layouts"]["V2021"] for row in t["rows"] for c in row}
    assert HOSTILE_LABEL in labels
    messages = {f["msg"] for r in data["reports"] for f in r["findings"]}
    assert NASTY in messages
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)


def test_csp_forbids_requests_and_admits_only_the_page_script(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    policy = csp[1].replace("&#x27;", "'")
    assert policy.startswith("default-src 'none';")
    assert "unsafe-inline" not in policy and "http" not in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == len(styles) == 1
    for directive, text in (("script-src", scripts[0]), ("style-src", styles[0])):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    # nothing that could fetch: no external script, stylesheet, font or image
    assert not re.search(r"<(link|img|iframe)\b|src=|url\(|@import", page.split('id="gik-data"')[0])


def test_charts_count_every_finding(page: str, results: list[ReportResult]) -> None:
    charts = page_data(page)["charts"]
    findings = [(r, f) for r in results for f in r.findings]
    by_rule = Counter(f.code for _, f in findings)
    assert {code: n for code, _, _, n in charts["rule"]} == by_rule
    assert [n for *_, n in charts["rule"]] == sorted(by_rule.values(), reverse=True)
    assert dict(charts["severity"]) == {
        s: sum(1 for _, f in findings if f.severity.value == s)
        for s in ("error", "warning", "info")
    }
    organs = Counter(r.report.meta.organ if r.report else "" for r, _ in findings)
    assert dict(charts["organ"]) == organs and charts["organ_rest"] == [0, 0]
    years = Counter(str(r.report.meta.year) if r.report else "" for r, _ in findings)
    assert dict(charts["year"]) == years and len(years) >= 2


def test_reports_sorted_with_counts_and_statuses(page: str, results: list[ReportResult]) -> None:
    data = page_data(page)
    keys = [r["key"] for r in data["reports"]]
    assert keys == sorted(r.key for r in results)
    by_key = {r.key: r for r in results}
    for entry in data["reports"]:
        result = by_key[entry["key"]]
        assert entry["n"] == [result.count(s) for s in gik_rules.Severity]
        assert [f["code"] for f in entry["findings"]] == [f.code for f in result.findings]
        assert entry["dismissed"] == []
        skipped = {code: data["reasons"][i] for code, i in entry["skipped"]}
        assert skipped == {c: [s.kind.value, s.message] for c, s in result.skipped.items()}
    assert data["summary"]["reports"] == len(results)
    assert data["summary"]["unread"] == 1
    assert data["summary"]["dismissed"] == 0


def test_tables_of_reports_with_findings(page: str, results: list[ReportResult]) -> None:
    data = page_data(page)
    with_tables = {r.key for r in results if r.findings and r.report is not None}
    assert set(data["tables"]) == with_tables
    faulty = data["tables"]["reports/0-faulty-2021.toml"]
    assert faulty["cells"]["t3.carried.tot"] == ["2", "value"]
    assert faulty["cells"]["t3.none_held.ce"][1] == "blank"
    assert faulty["read"] == ["t2", "t3", "t4"]
    entry = next(r for r in data["reports"] if r["key"] == "reports/0-faulty-2021.toml")
    assert {f.get("cell") for f in entry["findings"]} >= {"t3.carried.tot", "t4.review.total"}
    assert data["detail"] == {"limit": 2000, "kept": len(with_tables), "left_out": 0}


def test_layouts_take_labels_from_the_variants(host: Host) -> None:
    variant = host.variants["V2021"]
    grid = table_layouts(variant, host.templates)
    assert [t["id"] for t in grid] == [t.id for t in variant.tables]
    t3 = next(t for t in grid if t["id"] == "t3")
    cells = [c for row in t3["rows"] for c in row]
    figures = {c[4] for c in cells if c[1] == "value"}
    assert figures == set(variant.table_cells("t3"))
    spec = variant.cells["t3.carried.tot"]
    assert spec.row_label in {c[0] for c in cells if c[1] == "label"}
    assert any(c[2] > 1 or c[3] > 1 for c in cells)  # the template's merged headers
    # without templates the same cells, block by block
    plain = next(t for t in table_layouts(variant) if t["id"] == "t3")
    assert {c[4] for row in plain["rows"] for c in row if c[1] == "value"} == figures


def test_cap_keeps_reports_with_errors_first(results: list[ReportResult], host: Host) -> None:
    data = page_data(render(results, variants=host.variants, detail_limit=2))
    with_tables = sorted(r.key for r in results if r.findings and r.report is not None)
    assert len(with_tables) > 2
    assert data["detail"] == {"limit": 2, "kept": 2, "left_out": len(with_tables) - 2}
    erring = sorted(r.key for r in results if r.has_errors and r.report is not None)
    assert sorted(data["tables"]) == erring[:2]
    none = page_data(render(results, variants=host.variants, detail_limit=0))
    assert none["tables"] == {} and none["layouts"] == {}


def test_deterministic_and_independent_of_order(results: list[ReportResult], host: Host) -> None:
    options = {"variants": host.variants, "templates": host.templates, "detail_limit": 3}
    first = render(results, **options)
    assert render(list(results), **options) == first
    assert render(results[::-1], **options) == first


def test_repeated_keys_are_numbered(host: Host) -> None:
    data = page_data(render([nasty_result("a.toml"), nasty_result("a.toml")], variants={}))
    assert [r["key"] for r in data["reports"]] == ["a.toml", "a.toml#2"]


def test_results_are_not_kept(host: Host) -> None:
    writer = HtmlFormatter(io.StringIO(), variants=host.variants, templates=host.templates)
    writer.start()
    result = attrs.evolve(gik_rules.check_report(_read("faulty-2021.toml")), source="f.toml")
    ref = weakref.ref(result)
    writer.add(result)
    del result
    gc.collect()
    assert ref() is None
    writer.finish()
    assert "t3.carried.tot" in writer.stream.getvalue()  # type: ignore[attr-defined]


def test_english_page(results: list[ReportResult], host: Host) -> None:
    page = render(results, variants=host.variants, english=True)
    data = page_data(page)
    assert data["english"] is True and '<html lang="en">' in page
    faulty = next(r for r in data["reports"] if r["key"] == "reports/0-faulty-2021.toml")
    result = next(r for r in results if r.key == "reports/0-faulty-2021.toml")
    assert [f["msg"] for f in faulty["findings"]] == [f.message_en for f in result.findings]
    assert "gik-rules check report" in page


def test_dismissed_findings_listed_apart_not_counted(host: Host) -> None:
    result = attrs.evolve(gik_rules.check_report(_read("faulty-2021.toml")), source="f.toml")
    kept, (gone, *_) = result.findings[1:], result.findings
    dismissed = attrs.evolve(result, findings=kept, dismissed=(Dismissed(gone, "<b>ok</b>"),))
    data = page_data(render([dismissed], variants=host.variants))
    (entry,) = data["reports"]
    assert [(f["code"], f["comment"]) for f in entry["dismissed"]] == [(gone.code, "<b>ok</b>")]
    assert [f["code"] for f in entry["findings"]] == [f.code for f in kept]
    assert data["summary"]["dismissed"] == 1
    assert sum(n for *_, n in data["charts"]["rule"]) == len(kept)


def test_check_command_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    code = main(["check", str(REPO / "examples"), "--format", "html", "-o", str(target)])
    assert code == 1  # the faulty example has errors, whatever the format
    data = page_data(target.read_text(encoding="utf-8"))
    assert data["summary"]["reports"] == 3 and data["summary"]["with_findings"] == 1
    (key,) = data["tables"]
    assert key.endswith("faulty-2021.toml")
    t3 = next(t for t in data["layouts"]["V2021"] if t["id"] == "t3")
    assert t3["rows"][0][0][2:4] == [3, 3]  # the national template's corner note
