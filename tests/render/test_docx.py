""".docx: real merged cells (gridSpan, vMerge), fixed properties, identical bytes for the
same report; converts to PDF with LibreOffice where it is installed."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from gik_rules.api import read
from gik_rules.render import render_report
from tests.conftest import REPO

EXAMPLES = sorted((REPO / "examples").glob("*.toml"))


def _document(path: Path) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_report(read(path), "docx")))


def _spans(table) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    """Each cell that starts a merge: text, rows spanned, columns spanned."""
    out = []
    tcs = [[tc for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for r, row in enumerate(tcs):
        column = 0
        for tc in row:
            span = tc.grid_span
            if tc.vMerge != "continue":
                rows = 1
                for below in tcs[r + 1 :]:
                    at = 0
                    match = None
                    for other in below:
                        if at == column:
                            match = other
                            break
                        at += other.grid_span
                    if match is None or match.vMerge != "continue":
                        break
                    rows += 1
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                out.append((text, rows, span))
            column += span
    return out


def test_tables_have_real_merged_cells() -> None:
    document = _document(REPO / "examples" / "clean-2021.toml")
    t2, t3, t4 = document.tables
    spans3 = _spans(t3)
    assert spans3[0][1:] == (3, 3) and spans3[0][0].startswith("（本列数据")
    assert ("申请人情况", 1, 7) in spans3
    assert ("法人或其他组织", 1, 5) in spans3
    assert ("自然人", 2, 1) in spans3 and ("总计", 2, 1) in spans3
    assert ("三、本年度办理结果", 22, 1) in spans3
    assert ("（三）不予公开", 8, 1) in spans3
    spans4 = _spans(t4)
    assert spans4[:2] == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    assert ("结果维持", 2, 1) in spans4
    assert ("未经复议直接起诉", 1, 5) in spans4
    assert ("第二十条第（一）项", 1, 4) in _spans(t2)
    assert len(t3.rows) == 3 + 25 and len(t3.columns) == 10
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][2] == (
        "三、收到和处理政府信息公开申请情况"
    )


def test_python_docx_reads_back_text_and_figures() -> None:
    document = _document(REPO / "examples" / "clean-2019.toml")
    t3 = document.tables[1]
    row = next(r for r in t3.rows if r.cells[0].text.startswith("一、本年新收"))
    assert row.cells[-1].text == str(
        read(REPO / "examples" / "clean-2019.toml").cell("t3.new.tot").value
    )
    assert document.core_properties.author == read(REPO / "examples" / "clean-2019.toml").meta.organ


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_same_report_same_bytes(path: Path) -> None:
    first = render_report(read(path), "docx")
    assert first == render_report(read(path), "docx")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
        core = archive.read("docProps/core.xml").decode()
    assert "gik-rules" in core and str(read(path).meta.published) in core


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer; .ci/run does it as root)",
)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_libreoffice_converts_it_to_pdf(path: Path, tmp_path: Path) -> None:
    source = tmp_path / f"{path.stem}.docx"
    source.write_bytes(render_report(read(path), "docx"))
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / f"{path.stem}.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as document:
        assert len(document.pages) >= 2
        assert sum(len(page.find_tables()) for page in document.pages) >= 3
