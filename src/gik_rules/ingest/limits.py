"""How much of a file the readers take in: bytes, inflated archive members, PDF streams
and pages, rows, columns, cells, digits, nesting, line and field lengths.

Input comes from anyone (scraped sites, mirrors, hand-edited files); without bounds one
zip bomb or a million-column CSV stops a whole run. A reader that meets a limit raises
``LimitExceeded``, which becomes one located P014 finding for that file; the run goes on.
The limits in force are a context value (``active()``), set for a file by ``using()``
from the project configuration's ``[limits]`` table, so that readers deep in the call
tree need no extra argument; a job carries its limits to the worker process that runs it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any, TypeVar

import attrs

from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.rules.finding import Location

MiB = 1024 * 1024
#: Python converts no longer digit string to an int (``sys.get_int_max_str_digits``)
MAX_DIGITS = 4300
T = TypeVar("T")


def _positive(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"{attribute.name.replace('_', '-')}: expected a positive integer, not {value!r}"
        )


def _digits(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    _positive(instance, attribute, value)
    if value > MAX_DIGITS:
        raise ValueError(f"digits: at most {MAX_DIGITS} (longer numbers cannot be converted)")


@attrs.frozen(slots=True)
class Limits:
    """Upper bounds of what one input file may hold: far above any real report, low
    enough that a file past them costs seconds and a few hundred MB, not the machine."""

    #: bytes of one input file, as read from disk or standard input
    file_bytes: int = attrs.field(default=512 * MiB, validator=_positive)
    #: inflated bytes of one member of a .docx/.xlsx archive, and of all members together
    member_bytes: int = attrs.field(default=64 * MiB, validator=_positive)
    archive_bytes: int = attrs.field(default=256 * MiB, validator=_positive)
    #: pages of a PDF, and the decoded bytes of one of its streams
    pdf_pages: int = attrs.field(default=2_000, validator=_positive)
    pdf_stream_bytes: int = attrs.field(default=32 * MiB, validator=_positive)
    #: rows and columns of a dataset (CSV or XLSX sheet), and cells of any one table
    rows: int = attrs.field(default=2_000_000, validator=_positive)
    columns: int = attrs.field(default=4_096, validator=_positive)
    table_cells: int = attrs.field(default=100_000, validator=_positive)
    #: dataset rows that cannot be read completely before the rest is given up
    bad_rows: int = attrs.field(default=1_000, validator=_positive)
    #: digits of one number, nesting depth of TOML/JSON/HTML, characters of a document's
    #: text (what the text pipeline costs grows with it), of a line and of a metadata
    #: field (organ, title)
    digits: int = attrs.field(default=30, validator=_digits)
    depth: int = attrs.field(default=200, validator=_positive)
    text_chars: int = attrs.field(default=4_000_000, validator=_positive)
    line_chars: int = attrs.field(default=1_000_000, validator=_positive)
    field_chars: int = attrs.field(default=500, validator=_positive)


#: What each limit bounds, in the finding's two languages.
LABELS: dict[str, tuple[str, str]] = {
    "file_bytes": ("文件大小（字节）", "file size in bytes"),
    "member_bytes": (
        "压缩包中一个文件解压后的大小（字节）",
        "inflated bytes of one archive member",
    ),
    "archive_bytes": ("压缩包解压后的总大小（字节）", "inflated bytes of the whole archive"),
    "pdf_pages": ("PDF页数", "PDF pages"),
    "pdf_stream_bytes": ("PDF中一个数据流解码后的大小（字节）", "decoded bytes of one PDF stream"),
    "rows": ("数据集行数", "dataset rows"),
    "columns": ("数据集列数", "dataset columns"),
    "table_cells": ("一个表格的单元格数", "cells of one table"),
    "bad_rows": ("无法完整读取的数据集行数", "dataset rows that cannot be read completely"),
    "digits": ("一个数字的位数", "digits of one number"),
    "depth": ("嵌套层数", "nesting depth"),
    "text_chars": ("文档正文的字符数", "characters of the document's text"),
    "line_chars": ("一行的字符数", "characters of one line"),
    "field_chars": ("一个字段的字符数", "characters of one field"),
}


def key_of(what: str) -> str:
    """The name of a limit in the configuration's ``[limits]`` table."""
    return what.replace("_", "-")


class LimitExceeded(UnreadableError):
    """A file past one of the limits: ``what`` names the limit (a ``Limits`` field)."""

    def __init__(
        self,
        what: str,
        actual: int,
        limit: int,
        location: Location | None = None,
        *,
        at_least: bool = False,  # reading stopped at ``actual``: there is more
    ):
        self.what, self.actual, self.limit, self.at_least = what, actual, limit, at_least
        self.location = location or Location()
        value = f"at least {actual:,}" if at_least else f"{actual:,}"
        super().__init__(f"{LABELS[what][1]} {value} is above the limit of {limit:,}")

    def issue(self, source: str = "") -> ParseIssue:
        """The P014 finding of the file (located at the file when nothing nearer is known)."""
        zh = LABELS[self.what][0]
        location = self.location
        if location == Location() and source:
            location = Location(ref=source)
        value_zh = f"至少为{self.actual:,}" if self.at_least else f"为{self.actual:,}"
        return ParseIssue(
            "P014",
            f"文件超出读取上限，读取到此为止：{zh}{value_zh}，上限为{self.limit:,}"
            f"（项目配置[limits]的{key_of(self.what)}）",
            f"reading stopped at a limit: {self} ({key_of(self.what)} in the configuration's "
            "[limits])",
            location,
            expected=self.limit,
            actual=self.actual,
        )


_ACTIVE: contextvars.ContextVar[Limits] = contextvars.ContextVar("gik_rules_limits")
DEFAULT = Limits()


def active() -> Limits:
    """The limits in force (the defaults unless a run set others)."""
    return _ACTIVE.get(DEFAULT)


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Run the body under ``limits``."""
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)


def each_under(limits: Limits, items: Iterator[T]) -> Iterator[T]:
    """``items``, each step computed under ``limits`` (the caller's own context is left
    alone between steps, so that streams under different limits may interleave)."""
    while True:
        token = _ACTIVE.set(limits)  # as ``using``, without a context manager a step
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            _ACTIVE.reset(token)
        yield item


def check(
    what: str, actual: int, location: Location | None = None, *, at_least: bool = False
) -> None:
    """Raise ``LimitExceeded`` when ``actual`` is above the active limit named ``what``."""
    limit: int = getattr(active(), what)
    if actual > limit:
        raise LimitExceeded(what, actual, limit, location, at_least=at_least)
