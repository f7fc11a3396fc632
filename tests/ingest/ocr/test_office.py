"""Word 97-2003, WPS and OpenDocument reports (``ingest.office_reader``, ``odt_reader``,
``office_convert``): generated reports saved by LibreOffice read back like their .docx,
an .odt written here read without LibreOffice, and every way a conversion fails is a
clear P001 finding."""

from __future__ import annotations

import io
import stat
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from gik_rules.host import Host
from gik_rules.ingest import office_convert
from gik_rules.ingest.document import RawTable
from gik_rules.ingest.odt_reader import read_odt
from gik_rules.ingest.sniff import sniff
from gik_rules.model import AnnualReport
from gik_rules.testing.scanned import missing_tools, office_file
from gik_rules.testing.strategies import consistent_reports
from tests.ingest.conftest import read_one

REPORTS = st.sampled_from(["V2019", "V2021"]).flatmap(consistent_reports)
NO_OFFICE = missing_tools(raster=False)
COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.skipif(NO_OFFICE is not None, reason=str(NO_OFFICE))
@settings(max_examples=2, deadline=None, derandomize=True, phases=[Phase.generate])
@given(report=REPORTS, to=st.sampled_from(["doc", "odt"]))
def test_a_doc_or_odt_report_reads_like_its_docx(report: AnnualReport, to: str, host: Host) -> None:
    data = office_file(report, to)
    assert sniff(data, f"report.{to}") == to
    result = read_one(data, f"report.{to}", host)
    assert result.format == to
    assert result.report is not None and result.issues == (), [i.message_en for i in result.issues]
    assert (result.report.meta.organ, result.report.meta.year) == (
        report.meta.organ,
        report.meta.year,
    )
    assert {cid: c.value for cid, c in result.report.cells.items()} == {
        cid: c.value for cid, c in report.cells.items()
    }


def _odt(body: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    return out.getvalue()


def test_an_odt_is_read_without_libreoffice() -> None:
    """Merged cells given once, covered positions left out, repeats counted, spaces and
    line breaks kept, a one-column frame read as text."""
    data = _odt(
        "<text:h>示例县<text:s text:c='2'/>文化局</text:h>"
        "<text:section><text:p>2024年<text:span>政府信息公开</text:span>工作年度报告</text:p></text:section>"
        "<table:table><table:table-row><table:table-cell><text:p>框内<text:line-break/>两行</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "<table:table><table:table-header-rows><table:table-row>"
        "<table:table-cell table:number-columns-spanned='2'><text:p>信息内容</text:p></table:table-cell>"
        "<table:covered-table-cell/><table:table-cell><text:p>数量</text:p></table:table-cell>"
        "</table:table-row></table:table-header-rows>"
        "<table:table-row table:number-rows-repeated='2'>"
        "<table:table-cell><text:p>行政许可</text:p></table:table-cell>"
        "<table:table-cell table:number-columns-repeated='2'><text:p>0</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )
    assert sniff(data, "x.bin") == "odt"
    doc = read_odt(data, "x.odt")
    paragraphs = [b.text for b in doc.blocks if not isinstance(b, RawTable)]
    assert paragraphs == ["示例县  文化局", "2024年政府信息公开工作年度报告", "框内", "两行"]
    tables = [b for b in doc.blocks if isinstance(b, RawTable)]
    assert len(tables) == 1
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["信息内容", "数量"],
        ["行政许可", "0", "0"],
        ["行政许可", "0", "0"],
    ]
    assert tables[0].rows[0][1].span.ref == "table 1, row 1, column 3"


def test_a_damaged_odt_is_unreadable(host: Host) -> None:
    result = read_one(_odt("<text:p>x</text:p>")[:200], "cut.odt", host)
    assert [i.code for i in result.issues] == ["P001"]
    assert "odt" in result.issues[0].message_en


def test_sniffing_office_files() -> None:
    word = COMPOUND + b"\0" * 100 + "WordDocument".encode("utf-16-le")
    assert sniff(word, "report.doc") == "doc"
    assert sniff(word, "report.wps") == "wps"
    assert sniff(word, "no-suffix") == "doc"
    assert sniff(COMPOUND + b"\0" * 100, "sheet.xls") == "ole"


def test_without_libreoffice_a_doc_is_a_clear_finding(
    monkeypatch: pytest.MonkeyPatch, host: Host
) -> None:
    monkeypatch.setattr(office_convert, "soffice", lambda: None)
    word = COMPOUND + "WordDocument".encode("utf-16-le")
    result = read_one(word, "report.doc", host)
    assert result.report is None and [i.code for i in result.issues] == ["P001"]
    assert "LibreOffice" in result.issues[0].message_en
    assert "apt-get install libreoffice-writer" in result.issues[0].message_en


def _program(folder: Path, script: str) -> str:
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_a_conversion_that_hangs_is_ended_at_its_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, host: Host
) -> None:
    # a child that outlives its parent is ended too (its own process group)
    monkeypatch.setenv("GIK_RULES_SOFFICE", _program(tmp_path, "sleep 60 &\nsleep 60\n"))
    monkeypatch.setattr(office_convert, "TIMEOUT", 1.0)
    start = time.monotonic()
    result = read_one(COMPOUND + "WordDocument".encode("utf-16-le"), "slow.doc", host)
    assert time.monotonic() - start < 30
    assert [i.code for i in result.issues] == ["P001"]
    assert "within 1 s" in result.issues[0].message_en


def test_a_failed_conversion_says_what_libreoffice_said(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, host: Host
) -> None:
    script = "echo 'Error: source file could not be loaded' >&2\nexit 1\n"
    monkeypatch.setenv("GIK_RULES_SOFFICE", _program(tmp_path, script))
    result = read_one(COMPOUND + "WordDocument".encode("utf-16-le"), "bad.wps", host)
    assert [i.code for i in result.issues] == ["P001"]
    message = result.issues[0].message_en
    assert "could not convert the .wps file" in message and "could not be loaded" in message
