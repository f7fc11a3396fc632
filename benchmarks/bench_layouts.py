"""Reading text reports in every layout users meet (``gik_rules.testing.layouts``): the
same generated 2021-format report written as tab-indented cells, pipe rows, Markdown,
one cell a line, figures separated by spaces, an archive dump on one line (figures run
together, decoded by the identities), traditional characters and page furniture.
"""

from __future__ import annotations

from collections.abc import Callable

from gik_rules.host import default_host
from gik_rules.ingest.reader import read_bytes
from gik_rules.testing.layouts import LAYOUTS, sample

HOST = default_host()


def _reader(data: bytes, name: str) -> Callable[[], object]:
    def read() -> object:
        results = list(read_bytes(data, name, HOST))
        assert results and results[0].report is not None and results[0].report.cells
        return results

    return read


def _cases() -> list[tuple[str, str, Callable[[], object]]]:
    cases = []
    for layout in LAYOUTS:
        written = sample(layout, "V2021")
        name = "report.md" if layout in ("markdown", "render_md") else "report.txt"
        cases.append((f"read text: {layout}", "reports", _reader(written.text.encode(), name)))
    return cases


CASES = _cases()
