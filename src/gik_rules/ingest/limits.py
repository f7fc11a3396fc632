"""How much of a file the readers take in: bytes, inflated archive members, PDF streams
and pages, rows, columns, cells, digits, nesting, line and field lengths.

Input comes from anyone (scraped sites, mirrors, hand-edited files); without bounds one
zip bomb or a million-column CSV stops a whole run. A reader that meets a limit raises
``LimitExceeded``, which becomes one located P014 finding for that file; the run goes on.
The limits in force are a context value (``active()``), set for a run by ``using()``
from the project configuration, so that readers deep in the call tree need no extra
argument, and worker processes get them with their job.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import attrs

from gik_rules.ingest.result import UnreadableError
from gik_rules.rules.finding import Location

MiB = 1024 * 1024


@attrs.frozen(slots=True)
class Limits:
    """Upper bounds of what one input file may hold (defaults far above any real report)."""

    #: bytes of one input file, as read from disk or standard input
    file_bytes: int = 512 * MiB
    #: inflated bytes of one member of a .docx/.xlsx archive, and of all members together
    member_bytes: int = 256 * MiB
    archive_bytes: int = 512 * MiB
    #: pages of a PDF, and the decoded bytes of one of its streams
    pdf_pages: int = 2_000
    pdf_stream_bytes: int = 64 * MiB
    #: rows and columns of a dataset (CSV or XLSX sheet), and cells of any one table
    rows: int = 2_000_000
    columns: int = 4_096
    table_cells: int = 100_000
    #: digits of one number, nesting depth of TOML/JSON/HTML, characters of a line and of
    #: a metadata field (organ, title)
    digits: int = 30
    depth: int = 200
    line_chars: int = 1_000_000
    field_chars: int = 500


class LimitExceeded(UnreadableError):
    """A file past one of the limits: ``what`` names the limit (a ``Limits`` field)."""

    def __init__(self, what: str, actual: int, limit: int, location: Location | None = None):
        self.what, self.actual, self.limit = what, actual, limit
        self.location = location or Location()
        super().__init__(f"{what} {actual:,} is above the limit of {limit:,}")


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


def check(what: str, actual: int, location: Location | None = None) -> None:
    """Raise ``LimitExceeded`` when ``actual`` is above the active limit named ``what``."""
    limit: int = getattr(active(), what)
    if actual > limit:
        raise LimitExceeded(what, actual, limit, location)
