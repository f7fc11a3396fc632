"""A rendered report's text never runs: script and image payloads in every field of the
report (organ, title, region, preamble, headings, section text, a cell) are shown as
text by headless Chromium, and Markdown output holds no raw HTML of them.

Skipped, as tests/output/test_html_browser.py, when Playwright or Chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.render import render_report
from tests.fuzz.inputs import example
from tests.output.test_html_browser import ARGS, CHROMIUM, sync_api

PAYLOADS = (
    '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">',
    "<svg onload=window.pwned=3></svg><iframe src=javascript:window.pwned=4></iframe>",
    '"><a href="javascript:window.pwned=5" id=bait>点此</a><style>*{display:none}</style>',
)
PAYLOAD = "".join(PAYLOADS)


def hostile_report() -> AnnualReport:
    report = example()
    meta = attrs.evolve(
        report.meta, organ=f"示例县{PAYLOAD}局", title=f"{PAYLOAD}年度报告", region=PAYLOAD
    )
    sections = tuple(
        attrs.evolve(s, heading=s.heading + PAYLOAD, text=(s.text or "") + PAYLOAD)
        for s in report.sections
    )
    cells = {**report.cells, "t3.new.np": Cell(raw=PAYLOAD, state=CellState.INVALID)}
    return attrs.evolve(
        report,
        meta=meta,
        sections=sections,
        cells=cells,
        preamble=(report.preamble or "") + PAYLOAD,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("render") / "report.html"
    path.write_bytes(render_report(hostile_report(), "html"))
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        view = browser.new_page()
        dialogs: list[str] = []
        view.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        view.goto(path.as_uri())
        view.wait_for_load_state("load")
        view.dialogs = dialogs
        yield view
        browser.close()


def test_no_payload_runs(page: Any) -> None:
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == []
    for tag in ("script", "img", "svg", "iframe", "style[id]", "a#bait"):
        assert page.locator(tag).count() == 0, tag


def test_every_payload_is_shown_as_text(page: Any) -> None:
    text = page.inner_text("body")
    assert text.count(PAYLOADS[0]) >= len(example().sections) + 2  # organ, sections, preamble
    for payload in PAYLOADS:
        assert payload in text


def test_markdown_holds_no_raw_html_of_report_text() -> None:
    markdown = render_report(hostile_report(), "md").decode("utf-8")
    for raw in ("<script", "<img", "<svg", "<iframe", "<a ", "<style"):
        assert raw not in markdown, raw
