"""Every reader has limits: a file past one gets one located P014 finding (the rows of a
dataset before it are read), and nothing is read that the limits do not allow.

The hostile files are the ones of the reports that motivated the limits, built here
(``tests.fuzz.inputs``); where the real one is large (a 1 GB zip bomb) a small one is
read under lower limits, which is the same code path.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from gik_rules.host import Host
from gik_rules.ingest.limits import DEFAULT, LimitExceeded, Limits, using
from gik_rules.ingest.reader import read_bytes, read_path
from gik_rules.ingest.result import ParseIssue, ReadResult
from tests.fuzz import inputs

MiB = 1024 * 1024


def _read(data: bytes, fmt: str, host: Host) -> list[ReadResult]:
    return list(read_bytes(data, f"report{inputs.SUFFIX[fmt]}", host))


def _past(results: list[ReadResult]) -> ParseIssue:
    """The one P014 of a file, in its last result (a document has only that one)."""
    last = results[-1]
    assert last.report is None
    (issue,) = last.issues
    assert issue.code == "P014", issue.message_en
    return issue


def _what(issue: ParseIssue) -> str:
    return issue.message_en.rpartition(" (")[2].split(" in the configuration")[0]


@pytest.mark.parametrize("fmt", list(inputs.SUFFIX))
def test_a_good_report_is_within_the_defaults(fmt: str, host: Host) -> None:
    for result in _read(inputs.seeds()[fmt], fmt, host):
        assert result.report is not None
        assert "P014" not in {i.code for i in result.issues}


@pytest.mark.parametrize("fmt", ["text", "md", "html", "docx", "toml", "json"])
def test_a_number_of_thousands_of_digits_is_one_finding_at_its_cell(fmt: str, host: Host) -> None:
    # 4,301 digits and more made Python's int() raise: an X002 crash of the file
    issue = _past(_read(inputs.with_number(fmt, 5000), fmt, host))
    assert _what(issue) == "digits" and issue.actual == 5000 and issue.expected == 30
    assert issue.location.line is not None
    if fmt not in ("toml", "json"):  # read into a cell: named; canonical: its line
        assert issue.location.cell == "t3.new.np"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_dataset_row_past_a_limit_is_one_finding_and_the_others_are_read(
    fmt: str, host: Host
) -> None:
    rows = inputs.dataset_rows(3)
    column = rows[0].index("t3.new.np")
    rows[2][column] = "9" * 5000
    data = inputs.csv_of(rows) if fmt == "csv" else inputs.xlsx_of(rows)
    first, second, third = _read(data, fmt, host)
    assert first.report is not None and third.report is not None
    issue = _past([second])
    assert _what(issue) == "digits" and issue.location.ref == f"{_letter(column)}3"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


@pytest.mark.parametrize(("fmt", "depth"), [("toml", 5000), ("json", 100_000), ("html", 300)])
def test_nesting_too_deep_is_one_finding(fmt: str, depth: int, host: Host) -> None:
    # TOML and JSON ended in a RecursionError; HTML past the parser's 255 levels was
    # silently emptied (its sections read as missing)
    issue = _past(_read(inputs.deep(fmt, depth), fmt, host))
    assert _what(issue) == "depth" and issue.location.line is not None


def test_a_docx_nested_past_the_xml_parser_is_not_called_truncated(host: Host) -> None:
    issue = _past(_read(inputs.deep("docx", 300), "docx", host))
    assert _what(issue) == "depth" and "cut off" not in issue.message_en


def test_a_docx_text_past_the_xml_parser_is_not_called_truncated(host: Host) -> None:
    data = inputs.docx_with_document("<w:p><w:r><w:t>" + "甲" * 10_000_001 + "</w:t></w:r></w:p>")
    issue = _past(_read(data, "docx", host))
    assert _what(issue) == "line-chars"


def test_a_zip_bomb_is_refused_before_it_is_inflated(host: Host) -> None:
    # the issue's bomb: 1 MB inflating to 1 GB; here 200 KB inflating to 200 MB, under
    # the default limit of 64 MiB a member
    issue = _past(_read(inputs.zip_bomb(200 * MiB), "docx", host))
    assert _what(issue) == "member-bytes" and issue.location.ref == "word/document.xml"
    assert issue.actual > 190 * MiB


def test_the_whole_archive_is_bounded_too(host: Host) -> None:
    with using(Limits(member_bytes=3 * MiB, archive_bytes=2 * MiB)):
        issue = _past(_read(inputs.zip_bomb(int(2.5 * MiB)), "docx", host))
    assert _what(issue) == "archive-bytes"


def test_a_pdf_stream_is_inflated_no_further_than_the_limit(host: Host) -> None:
    data = inputs.pdf_with_stream(3 * MiB)
    with using(Limits(pdf_stream_bytes=MiB)):
        issue = _past(_read(data, "pdf", host))
    assert _what(issue) == "pdf-stream-bytes" and issue.location.ref == "object 4"
    assert "at least" in issue.message_en  # inflating stopped there


def test_a_stream_that_says_it_is_an_image_is_bounded_too(host: Host) -> None:
    """A content stream may carry an image's keys (PDFium ignores them there): it gets
    the images' larger bound, not none."""
    disguised = b"/Subtype/Image/Width 1/Height 1"
    with using(Limits(pdf_stream_bytes=MiB // 4)):
        issue = _past(_read(inputs.pdf_with_stream(3 * MiB, disguised), "pdf", host))
        assert _what(issue) == "pdf-stream-bytes" and issue.location.ref == "object 4"
        within = _read(inputs.pdf_with_stream(MiB, disguised), "pdf", host)
    assert all(i.code != "P014" for r in within for i in r.issues)  # an image's 8x bound


def test_pages_of_a_pdf(host: Host) -> None:
    with using(Limits(pdf_pages=1)):
        issue = _past(_read(inputs.seeds()["pdf"], "pdf", host))
    assert _what(issue) == "pdf-pages" and issue.expected == 1


def test_a_dataset_of_too_many_columns_is_one_finding(host: Host) -> None:
    # 18,279 columns and more raised a ValueError (no column letters for them)
    rows = inputs.dataset_rows(1)
    rows = [row + [f"x{i}" for i in range(18_279)] for row in rows]
    issue = _past(_read(inputs.csv_of(rows), "csv", host))
    assert _what(issue) == "columns" and issue.location.ref == "row 1"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rows_past_the_limit_are_not_read(fmt: str, host: Host) -> None:
    rows = inputs.dataset_rows(5)
    data = inputs.csv_of(rows) if fmt == "csv" else inputs.xlsx_of(rows)
    with using(Limits(rows=3)):
        results = _read(data, fmt, host)
    assert [r.report is not None for r in results] == [True, True, True, False]
    assert _past(results).location.ref == "row 5"


def test_a_file_of_garbage_rows_is_given_up(host: Host) -> None:
    # a million of them ran for minutes and gigabytes; past bad-rows the rest is not read
    rows = inputs.dataset_rows(1) + [["x", '"broken'] for _ in range(50)]
    with using(Limits(bad_rows=10)):
        results = _read(inputs.csv_of(rows), "csv", host)
    issue = _past(results)
    assert _what(issue) == "bad-rows" and issue.location.ref == "row 13"
    assert len(results) < 15


@pytest.mark.parametrize("fmt", ["text", "html", "docx", "toml"])
def test_a_document_of_too_much_text(fmt: str, host: Host) -> None:
    # a .docx of 60 MB of text took 9 s and 2.7 GB in the text pipeline
    with using(Limits(text_chars=500)):
        issue = _past(_read(inputs.seeds()[fmt], fmt, host))
    assert _what(issue) == "text-chars" and issue.expected == 500


def test_a_line_too_long_is_one_finding_at_its_line(host: Host) -> None:
    # the 50 MB one-line text gave an organ name of 14.8 million characters
    text = inputs.seeds()["text"].decode() + "某局" * 6_000 + "\n"
    with using(Limits(line_chars=10_000)):
        issue = _past(_read(text.encode(), "text", host))
    assert _what(issue) == "line-chars" and issue.location.line == text.count("\n")


@pytest.mark.parametrize("fmt", ["toml", "csv"])
def test_an_organ_name_too_long_is_one_finding(fmt: str, host: Host) -> None:
    organ = inputs.example().meta.organ
    data = inputs.seeds()[fmt].decode().replace(organ, "某" * 600 + organ, 1).encode()
    issue = _past(_read(data, fmt, host)[:1])
    assert _what(issue) == "field-chars" and issue.actual == 600 + len(organ)
    assert issue.location.ref == ("meta.organ" if fmt == "toml" else "A2")


def test_a_table_of_too_many_cells(host: Host) -> None:
    rows = "".join(f"<tr>{'<td>1</td>' * 20}</tr>" for _ in range(20))
    data = f"<html><body><p>一、总体情况</p><table>{rows}</table></body></html>".encode()
    with using(Limits(table_cells=100)):
        issue = _past(_read(data, "html", host))
    assert _what(issue) == "table-cells" and issue.actual == 400


def test_file_bytes(host: Host, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(inputs.seeds()["text"])
    with using(Limits(file_bytes=100)):
        (result,) = read_path(path, host)
        (streamed,) = read_bytes(b"x" * 101, "-", host)
    assert _what(_past([result])) == "file-bytes"
    assert "at least 101" in _past([streamed]).message_en  # input read to the limit only


def test_special_files_are_refused_without_blocking(host: Host, tmp_path: Path) -> None:
    paths = [*inputs.write_special(tmp_path).values(), Path("/dev/zero")]
    found: dict[Path, str] = {}

    def read_all() -> None:
        for path in paths:
            (result,) = read_path(path, host)
            found[path] = " ".join(i.message_en for i in result.issues)

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    reader.join(timeout=60)  # a named pipe opened for reading would block forever
    assert not reader.is_alive()
    assert set(found) == set(paths)
    assert all("not a regular file" in why for why in found.values()), found


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="digits: at most 4300"):
        Limits(digits=5000)
    with pytest.raises(ValueError, match="depth: expected a positive integer"):
        Limits(depth=0)
    assert Limits() == DEFAULT
    assert str(LimitExceeded("rows", 5, 3)) == "dataset rows 5 is above the limit of 3"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rows_past_the_limit_in_a_checked_file(fmt: str, host: Host, tmp_path: Path) -> None:
    # check reads a dataset column by column (engine.columnar): the same rows, then P014
    from gik_rules.engine.file_job import FileJob, iter_job
    from gik_rules.ruleset import ruleset_of

    rows = inputs.dataset_rows(5)
    path = tmp_path / f"d{inputs.SUFFIX[fmt]}"
    path.write_bytes(inputs.csv_of(rows) if fmt == "csv" else inputs.xlsx_of(rows))
    job = FileJob(path, ruleset_of(host, "national"), limits=Limits(rows=3))
    results = list(iter_job(job, host))
    assert [r.key for r in results] == [f"{path}#row {n}" for n in (2, 3, 4)] + [str(path)]
    assert [f.code for f in results[-1].findings] == ["P014"]
    assert results[-1].findings[0].location.ref == "row 5"
