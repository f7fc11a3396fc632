"""The html page in a real browser (headless Chromium through Playwright): it loads from
file:// without errors or requests, draws its charts, sorts, filters, shows a report's
tables with the failing cells marked, and runs none of the report's text.

Skipped when Playwright or a Chromium is not installed (CI installs Debian's chromium and
the dev extra). Playwright drives the system browser: no browser is downloaded.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gik_rules.engine import ReportResult
from gik_rules.host import Host
from tests.output.test_html_format import (
    HOSTILE_LABEL,
    HOSTILE_ORGAN,
    dataset_results,
    hostile_variants,
    render,
)

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

CHROMIUM = os.environ.get("GIK_CHROMIUM") or next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium found (apt-get install chromium, or set GIK_CHROMIUM)",
        allow_module_level=True,
    )

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FAULTY = "reports/0-faulty-2021.toml"


@pytest.fixture(scope="module")
def results() -> list[ReportResult]:
    return dataset_results()


@pytest.fixture(scope="module")
def page_file(
    results: list[ReportResult], host: Host, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(
        render(
            results, variants=hostile_variants(host), templates=host.templates, rules=host.rules
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        yield context
        context.close()


class Loaded:
    """A page opened from file://, with what it logged and requested."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("#reports tbody tr")

    def column(self, name: str) -> list[str]:
        index = self.page.eval_on_selector_all(
            "#reports thead th", f"ths => ths.findIndex(th => th.dataset.col === {name!r})"
        )
        return list(
            self.page.eval_on_selector_all(
                "#reports tbody tr", f"trs => trs.map(tr => tr.children[{index}].textContent)"
            )
        )


@pytest.fixture
def loaded(browser: Any, page_file: Path) -> Iterator[Loaded]:
    view = Loaded(browser, page_file)
    yield view
    view.page.close()


def test_loads_without_errors_or_requests(loaded: Loaded, page_file: Path) -> None:
    assert loaded.errors == []
    assert loaded.requests == [page_file.as_uri()]


def test_charts_draw_a_bar_per_count(loaded: Loaded, results: list[ReportResult]) -> None:
    def bars(chart: str) -> dict[str, int]:
        pairs = loaded.page.eval_on_selector_all(
            f"#chart-{chart} svg g.bar",
            "gs => gs.map(g => [g.getAttribute('data-label'), Number(g.getAttribute('data-value'))])",
        )
        return dict(pairs)

    findings = [(r, f) for r in results for f in r.findings]
    by_rule = Counter(f"{f.code} {f.name}" for _, f in findings)
    assert bars("rule") == by_rule
    organs = Counter(
        (r.report.meta.organ if r.report else "") or "（机关不详）" for r, _ in findings
    )
    assert bars("organ") == organs
    severity = Counter(
        {"error": "错误", "warning": "警告", "info": "提示"}[f.severity.value] for _, f in findings
    )
    assert bars("severity") == severity
    widths = loaded.page.eval_on_selector_all(
        "#chart-rule svg rect:not(.hit)", "rs => rs.map(r => Number(r.getAttribute('width')))"
    )
    assert len(widths) == len(by_rule) and widths == sorted(widths, reverse=True)
    assert widths[0] > widths[-1]  # bars are as long as their counts


def test_sorting_by_a_column_head(loaded: Loaded) -> None:
    head = loaded.page.locator("#reports thead th[data-col=organ]")
    head.click()
    ascending = loaded.column("organ")
    assert ascending == sorted(ascending) and len(set(ascending)) > 2
    assert head.get_attribute("aria-sort") == "ascending"
    head.click()
    assert loaded.column("organ") == sorted(ascending, reverse=True)
    errors = loaded.page.locator("#reports thead th[data-col=e]")
    errors.click()
    counts = [int(x) for x in loaded.column("e")]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_filters(loaded: Loaded, results: list[ReportResult]) -> None:
    page = loaded.page
    page.fill("#filter-text", "教育局")
    organs = loaded.column("organ")
    assert organs and all("教育局" in o for o in organs)
    page.fill("#filter-text", "")
    page.select_option("#filter-severity", "error")
    assert len(loaded.column("key")) == sum(1 for r in results if r.has_errors)
    page.select_option("#filter-severity", "")
    page.select_option("#filter-rule", "N302")
    expected = sorted(r.key for r in results if any(f.code == "N302" for f in r.findings))
    assert sorted(loaded.column("key")) == expected
    page.select_option("#filter-rule", "")
    page.select_option("#filter-severity", "clean")
    assert len(loaded.column("key")) == sum(1 for r in results if not r.findings)


def test_a_chart_bar_filters_the_list(loaded: Loaded, results: list[ReportResult]) -> None:
    loaded.page.locator("#chart-rule g.bar[data-label^='N302 ']").click()
    assert loaded.page.input_value("#filter-rule") == "N302"
    assert len(loaded.column("key")) == sum(
        1 for r in results if any(f.code == "N302" for f in r.findings)
    )


def test_click_shows_tables_with_the_failing_cell(loaded: Loaded) -> None:
    page = loaded.page
    page.locator("#reports tbody tr", has_text=FAULTY).click()
    assert page.get_attribute("#detail", "data-key") == FAULTY
    cell = page.locator('#detail table.form td[data-cell="t3.carried.tot"]')
    assert cell.text_content() == "2"
    assert "fail" in (cell.get_attribute("class") or "")
    involved = page.locator('#detail td[data-cell="t3.carried.np"]')
    assert "involved" in (involved.get_attribute("class") or "")
    ok = page.locator('#detail td[data-cell="t2.licensing.decisions"]')
    assert "fail" not in (ok.get_attribute("class") or "")
    assert page.locator("#detail table.form").count() == 3
    assert page.locator("#detail .findings li").count() >= 5
    # the findings beside the tables: clicking one marks its cells
    page.locator("#detail .findings li", has_text="A6[review]").click()
    assert "focus" in (
        page.locator('#detail td[data-cell="t4.review.total"]').get_attribute("class") or ""
    )
    # skipped rules, with their reasons
    assert page.locator("#detail .skipped li").count() >= 1
    assert page.locator("#skip-table tr").count() > 1


def test_report_text_does_not_run(loaded: Loaded) -> None:
    page = loaded.page
    page.fill("#filter-text", "window.pwned")
    page.locator("#reports tbody tr").first.click()
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("#reports tbody td", has_text=HOSTILE_ORGAN).count() >= 1
    assert page.locator("#detail th", has_text=HOSTILE_LABEL).count() == 1
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    assert loaded.errors == []


@pytest.fixture(scope="module")
def indicator_page(host: Host, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.output.test_indicators_output import run

    path = tmp_path_factory.mktemp("html") / "indicators.html"
    path.write_text(render(run(), variants=host.variants, templates=()), encoding="utf-8")
    return path


def test_indicators_over_the_run_and_beside_a_report(browser: Any, indicator_page: Path) -> None:
    view = Loaded(browser, indicator_page)
    page = view.page
    rows = page.eval_on_selector_all(
        "#indicator-table tr[data-indicator]",
        "trs => trs.map(tr => [tr.dataset.indicator, tr.children[1].textContent,"
        " tr.children[4].textContent, tr.querySelectorAll('svg rect.iqr').length])",
    )
    by_id = {r[0]: r[1:] for r in rows}
    assert by_id["open_rate"] == ["3", "84.6%", 1]  # 8/10, 11/13, 18/20: the median 11/13
    assert by_id["applications_change"] == ["1", "+33.3%", 1]  # 12 after 9
    page.locator("#reports tbody tr", has_text="a-2022.toml").click()
    change = page.locator('#detail .indlist li[data-indicator="applications_change"]')
    assert "+33.3%" in (change.text_content() or "") and "12 ← 9" in (change.text_content() or "")
    rate = page.locator('#detail .indlist li[data-indicator="open_rate"]').text_content() or ""
    assert "84.6%" in rate and "11/13" in rate
    page.locator("#reports tbody tr", has_text="a-2021.toml").click()
    first = page.locator('#detail .indlist li[data-indicator="applications_change"]')
    assert "没有同一机关上一年度的报告" in (first.text_content() or "")
    assert view.errors == []
    page.close()


def test_the_diff_page_in_a_browser(
    browser: Any, host: Host, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``gik-rules diff --format html``: no request, no script run (a hostile organ name
    included), the changed cell marked with both figures, carried-over text highlighted."""
    import attrs

    import gik_rules
    from gik_rules.diff import diff_reports
    from gik_rules.diff.as_html import render_html
    from gik_rules.model import Cell
    from tests.conftest import REPO

    old = gik_rules.read(REPO / "examples" / "clean-2021.toml")
    sections = tuple(
        attrs.evolve(s, text=s.text + "\n今年新增的一句话。") if s.number == 5 else s
        for s in old.sections
    )
    new = attrs.evolve(
        old,
        meta=attrs.evolve(old.meta, organ=HOSTILE_ORGAN),
        sections=sections,
        cells={**old.cells, "t3.new.np": Cell.of(8)},
    )
    path = tmp_path_factory.mktemp("diff") / "diff.html"
    path.write_text(render_html(diff_reports(old, new, host.variants), host.variants), "utf-8")
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    assert errors == [] and requests == [path.as_uri()]
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("script").count() == 0
    cell = page.locator('td[data-cell="t3.new.np"]')
    assert cell.get_attribute("class") == "changed"
    assert (cell.text_content() or "").replace(" ", "") == "68+2"
    assert page.locator("td.changed").count() == 1
    five = page.locator('h3[data-section="5"] + p + div')
    assert five.locator("mark.new").all_text_contents() == ["今年新增的一句话。"]
    assert five.locator("mark.same").count() >= 1
    assert "gik-rules" in page.title()
    page.close()
