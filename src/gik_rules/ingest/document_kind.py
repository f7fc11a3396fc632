"""What a text is: an annual report, a report under the 2008 ordinance, or no report.

The decision is made on the folded text (``gik_rules.textnorm.fold``) with the markers of
``document_kind.toml`` beside this module, and leans towards "annual-report": only text
without the words of a report, a 2008-era statistics table (or a year before 2019), or the
marks of a comparison of two reports is classed otherwise.
"""

from __future__ import annotations

import enum
import functools
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gik_rules.ingest.metadata import period_year, title_parts
from gik_rules.ingest.result import ParseIssue
from gik_rules.rules.finding import Location
from gik_rules.textnorm import normalise

__all__ = ["DocumentKind", "document_kind"]

_DATA = Path(__file__).with_name("document_kind.toml")


class DocumentKind(enum.StrEnum):
    """The kind of a text (the values are the names used in output)."""

    ANNUAL_REPORT = "annual-report"  # 政府信息公开工作年度报告 under the 2019 ordinance
    PRE_2019_REPORT = "pre-2019-report"  # a report for 2018 or earlier (2008 ordinance)
    NOT_A_REPORT = "not-a-report"  # anything else, a comparison of two reports too


@functools.cache
def _markers() -> dict[str, Any]:
    with _DATA.open("rb") as fh:
        return tomllib.load(fh)


def document_kind(text: str) -> DocumentKind:
    """The kind of ``text``, a whole document or an excerpt of its opening."""
    m = _markers()
    has = functools.partial(_has, normalise(text).text)
    report = m["report"]
    lines = list(filter(str.strip, text.splitlines()))  # the lines not blank, kept in C
    years = _title_years(lines[: report["title_lines"]], m["comparison"]["cell_separator"])
    if _is_comparison(lines, has, years, m["comparison"]):
        return DocumentKind.NOT_A_REPORT
    if not any(map(has, report["subject"])):
        return DocumentKind.NOT_A_REPORT
    if not years and sum(map(has, report["markers"])) < report["min_markers"]:
        return DocumentKind.NOT_A_REPORT
    old = m["pre_2019"]
    year = min(y for y, _ in years) if years else period_year(text[:5000])
    if sum(map(has, old["columns"])) >= old["min_columns"] or (
        year is not None and year <= old["last_year"]
    ):
        return DocumentKind.PRE_2019_REPORT
    return DocumentKind.ANNUAL_REPORT


def _has(folded: str, word: str) -> bool:
    """``word in "".join(folded.split())`` (``fold``), told on the folded text as it is:
    a word found in it is there, and only one not found is looked for again with white
    space allowed between its characters (most of a report's markers stand in it whole,
    and dropping the white space of a whole text costs more than the look-ups)."""
    if any(map(str.isspace, word)):
        return False  # the fold holds no white space
    return word in folded or _spread(word).search(folded) is not None


@functools.lru_cache(maxsize=256)
def _spread(word: str) -> re.Pattern[str]:
    # ``\s`` is what str.split() splits at (both are Py_UNICODE_ISSPACE).
    return re.compile(r"\s*".join(map(re.escape, word)) if word else "")


def _title_years(lines: list[str], separator: str) -> list[tuple[int, int]]:
    """``(year, line index)`` of each report title among ``lines`` (cells of a line too)."""
    found: list[tuple[int, int]] = []
    split = _pattern(separator).split
    for i, line in enumerate(lines):
        if "年" not in line:  # a title names its year (every cell below is skipped too)
            continue
        cells = [c for c in split(line.strip()) if c.strip()] or [line]
        for cell in cells:
            if "年" not in cell:  # a title names its year: spare the title matcher the rest
                continue
            parts = title_parts(cell)
            if parts is not None and parts[1] is not None:
                found.append((parts[1], i))
    return found


@functools.lru_cache(maxsize=4)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@functools.lru_cache(maxsize=4)
def _diff_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _is_comparison(
    lines: list[str],
    has: Callable[[str], bool],
    years: list[tuple[int, int]],
    marks: dict[str, Any],
) -> bool:
    """A diff or side-by-side export of two reports, not one report."""
    pattern = _diff_pattern(tuple(marks["diff_lines"]))
    diff = len(list(filter(None, map(pattern.match, lines))))  # matched in C, no frame a line
    if diff >= marks["min_diff_lines"]:
        return True
    distinct = {y for y, _ in years}
    if len(distinct) < 2:
        return False
    # Two titles of different years: a comparison when a tool says so, or when both
    # stand on one line (the two texts printed side by side).
    by_line: dict[int, set[int]] = {}
    for year, index in years:
        by_line.setdefault(index, set()).add(year)
    side_by_side = any(len(ys) > 1 for ys in by_line.values())
    return side_by_side or any(map(has, marks["words"]))


def kind_issue(kind: DocumentKind) -> ParseIssue:
    """The one finding a document that is not a current annual report gets."""
    if kind is DocumentKind.PRE_2019_REPORT:
        return ParseIssue(
            "P012",
            "这是2019年以前格式（统计表：指标名称、计量单位、统计数）的年度报告，不按现行格式检查",
            "this is an annual report in the pre-2019 format (a 统计表 of 指标名称, 计量单位 and 统计数); it is not checked against the current formats",
            Location(),
        )
    return ParseIssue(
        "P013",
        "该文件不是政府信息公开工作年度报告",
        "the document is not a government information disclosure annual report",
        Location(),
    )
