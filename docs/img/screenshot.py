"""Regenerate ``docs/img/html-report.png``: the HTML report of a run, one report open.

The run is over the real reports beside the repository (``../shared``: the seed and the
text corpus) and the bundled examples, so the picture shows what a user sees on real
reports. Needs Playwright (the ``dev`` extra) and a Chromium (Debian's ``chromium``, or
``GIK_CHROMIUM``)::

    make screenshot
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "docs" / "img" / "html-report.png"


def _chromium() -> str:
    found = os.environ.get("GIK_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    if found is None:
        sys.exit("no Chromium found (apt-get install chromium, or set GIK_CHROMIUM)")
    return found


def _report(folder: Path) -> Path:
    inputs = [Path("examples")]  # relative to the repository, as a user would name them
    if SHARED.is_dir():
        text = Path("..", "shared", "corpus", "text")  # its reports, not the cells file
        inputs += [Path("..", "shared", "seeds")]
        inputs += sorted((ROOT / text).glob("*.txt")) + sorted((ROOT / text).glob("*.md"))
        inputs = [p.relative_to(ROOT) if p.is_absolute() else p for p in inputs]
    page = folder / "report.html"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "gik-rules"),
            "check",
            *map(str, inputs),
            "--format",
            "html",
            "-o",
            str(page),
            "--exit-zero",
            "-q",
            "--no-cache",
        ],
        check=True,
        cwd=ROOT,
    )
    return page


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = _report(Path(tmp))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=_chromium(), headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(page_file.as_uri())
            page.wait_for_selector("#reports tbody tr")
            # the report with the most errors whose tables were read (a first click on
            # a count's head sorts it down), open beside the list
            errors = page.locator("#reports thead th[data-col='e']")
            while errors.get_attribute("aria-sort") != "descending":
                errors.click()
            rows = page.locator("#reports tbody tr")
            for i in range(rows.count()):
                rows.nth(i).click()
                if page.locator("#detail table.form").count():
                    break
            # the summary, the list and the top of the open report
            clip = {"x": 0, "y": 0, "width": 1400, "height": 2600}
            page.screenshot(path=str(OUT), full_page=True, clip=clip)
            browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
