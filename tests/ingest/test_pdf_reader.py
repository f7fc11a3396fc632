"""The PDF reader on the published reports of the corpus, and on damaged PDF files."""

from __future__ import annotations

import logging

import pytest

from gik_rules.engine import check_paths
from gik_rules.host import Host
from gik_rules.ingest import pdf_reader
from gik_rules.ingest.document import Paragraph, RawTable
from gik_rules.ingest.pdf_reader import read_pdf
from gik_rules.ingest.result import UnreadableError
from gik_rules.ruleset import load_ruleset
from tests.ingest.conftest import CORPUS_FILES, corpus_file, read_one

TABLE_WORDS = ("本年新收政府信息公开申请数量", "信息内容", "法人或其他组织", "申请人情况")


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_tables_are_tables_and_text_is_text(name: str) -> None:
    document = read_pdf(corpus_file(name).read_bytes(), name)
    tables = [b for b in document.blocks if isinstance(b, RawTable)]
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    # Tables 二, 三 and 四, each continued over its page break into one table; the framed
    # text pages (one-column "tables" to pdfplumber) are paragraphs.
    assert len(tables) == 3
    assert all(len(max(t.rows, key=len)) > 1 for t in tables)
    assert not any(word in p.text for p in paragraphs for word in TABLE_WORDS)
    assert not any(p.text.strip("-— ").isdigit() for p in paragraphs)  # page numbers
    assert all(p.span.page and p.span.line for p in paragraphs)
    lines = [p.span.line for p in paragraphs]
    assert lines == sorted(lines)
    headings = [
        p.text for p in paragraphs if p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")
    ]
    assert [h[0] for h in headings] == list("一二三四五六")


def test_layout_faults_are_repaired() -> None:
    document = read_pdf(corpus_file("huaian-city-2024.pdf").read_bytes(), "city")
    t3 = [b for b in document.blocks if isinstance(b, RawTable)][1]
    texts = [c.text for row in t3.rows for c in row]
    assert "三、本年度办理结果" in texts  # set vertically, one character per line
    assert "2024年" in document.blocks[1].text  # "2024 年" in the PDF
    t4 = [b for b in document.blocks if isinstance(b, RawTable)][2]
    assert "结果\n维持" in [c.text for c in t4.rows[1]]  # header cells split over lines
    assert [c.page for c in (t3.rows[0][0].span, t3.rows[-1][0].span)] == [4, 5]


def test_hongze_2023_has_the_2019_row_and_the_typo_row(host: Host) -> None:
    path = corpus_file("huaian-hongze-district-2023.pdf")
    report = read_one(path.read_bytes(), path.name, host).report
    assert report is not None
    assert report.cell("t3.other.tot").value == 0
    assert report.cell("t3.deny_law.np").value == 0  # labelled 其他法律行政止公开
    assert report.cell("t4.review.upheld").value == 10
    assert report.cell("t4.review.total").value == 0


def test_the_real_faults_are_found(host: Host) -> None:
    paths = [corpus_file(name) for name in CORPUS_FILES]
    results = {
        r.source: r
        for r in check_paths(paths, load_ruleset("national", host.rules, host.rulesets), host)
    }
    city, h2023, h2024 = (results[str(p)] for p in paths)
    assert not [f for f in city.findings if f.code.startswith("P") or f.name == "identity-mismatch"]
    mismatches = {f.location.cell for f in h2023.findings if f.name == "identity-mismatch"}
    assert {"t4.review.total", "t4.suit_after.total"} <= mismatches
    for result in (h2023, h2024):
        missing = {f.location.row for f in result.findings if f.code == "P005"}
        assert missing == {"other_no_correction", "other_no_fee", "other_other"}


def test_a_damaged_page_is_a_finding_and_the_others_are_read(
    monkeypatch: pytest.MonkeyPatch, host: Host
) -> None:
    real = pdf_reader.read_page

    def flaky(geometry, offset):  # type: ignore[no-untyped-def]
        if geometry.number == 6:
            raise ValueError("content stream ends early")
        return real(geometry, offset)

    monkeypatch.setattr(pdf_reader, "read_page", flaky)
    path = corpus_file("huaian-city-2024.pdf")
    result = read_one(path.read_bytes(), path.name, host)
    assert result.report is not None
    assert [(i.code, i.location.page) for i in result.issues] == [("P009", 6)]
    assert result.report.cell("t4.suit_after.total").value == 20
    assert result.report.section(6) is None


@pytest.mark.parametrize("cut", [0.01, 0.1, 0.5, 0.9, 0.999])
def test_truncated_pdfs_never_crash(cut: float, host: Host) -> None:
    data = corpus_file("huaian-city-2024.pdf").read_bytes()
    result = read_one(data[: int(len(data) * cut)], "cut.pdf", host)
    assert result.report is not None or [i.code for i in result.issues] == ["P001"]


def test_a_truncated_pdf_gives_its_first_pages(host: Host) -> None:
    data = corpus_file("huaian-city-2024.pdf").read_bytes()
    result = read_one(data[: int(len(data) * 0.85)], "cut.pdf", host)
    assert result.report is not None
    cut_off = [i for i in result.issues if i.code == "P009" and i.expected == 6]
    assert len(cut_off) == 1 and cut_off[0].actual < 6
    assert (result.report.meta.organ, result.report.meta.year) == ("淮安市人民政府", 2024)
    assert result.report.cell("t2.rules.in_force").value == 11


@pytest.mark.parametrize("offset", [0.05, 0.3, 0.6])
def test_corrupted_pdfs_never_crash(offset: float, host: Host) -> None:
    data = bytearray(corpus_file("huaian-hongze-district-2024.pdf").read_bytes())
    start = int(len(data) * offset)
    data[start : start + 4000] = bytes(range(256)) * 15 + bytes(160)
    result = read_one(bytes(data), "corrupt.pdf", host)
    assert result.report is not None or [i.code for i in result.issues] == ["P001"]


def _pdf_without_text() -> bytes:
    """A valid one-page PDF with nothing on the page (as a scan without OCR reads)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (_pdf_without_text(), "no text layer"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF"),
        (b"%PDF-", "PDF"),
    ],
)
def test_unreadable_pdfs_are_p001(data: bytes, why: str, host: Host) -> None:
    result = read_one(data, "x.pdf", host)
    assert result.report is None
    assert [i.code for i in result.issues] == ["P001"]
    assert why in result.issues[0].message_en


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_pdfium_reads_what_pdfplumber_reads(name: str) -> None:
    data = corpus_file(name).read_bytes()
    fast = read_pdf(data, name, backend="pdfium")
    assert fast == read_pdf(data, name, backend="pdfplumber")
    assert fast == read_pdf(data, name)  # auto takes the fast path here


def test_a_file_pdfium_declines_is_read_by_pdfplumber(caplog: pytest.LogCaptureFixture) -> None:
    data = corpus_file("huaian-city-2024.pdf").read_bytes()
    cut = data[: int(len(data) * 0.9)]  # its cross-reference table is gone
    with pytest.raises(UnreadableError, match="PDFium declined"):
        read_pdf(cut, "cut.pdf", backend="pdfium")
    with caplog.at_level(logging.DEBUG, logger="gik_rules.ingest.pdf"):
        auto = read_pdf(cut, "cut.pdf")
    assert auto == read_pdf(cut, "cut.pdf", backend="pdfplumber")
    assert "read with pdfplumber, PDFium declined" in caplog.text
