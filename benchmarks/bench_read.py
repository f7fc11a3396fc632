"""Reading reports: the text, .docx, HTML and PDF readers, each with the assembly into a
report. The .docx and HTML inputs are the 2024 淮安市 report laid out as Word and portal
pages lay it out (tests/ingest/layouts.py); the text and PDF inputs are the shared seed
and corpus files, skipped when ../shared is absent.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))  # the layouts of the reader tests

from gik_rules.host import default_host  # noqa: E402
from gik_rules.ingest.reader import read_bytes  # noqa: E402
from gik_rules.model.canonical import from_toml  # noqa: E402
from tests.ingest.layouts import report_layout, to_docx, to_html, values_of  # noqa: E402

HOST = default_host()


def _reader(data: bytes, name: str) -> Callable[[], object]:
    def read() -> object:
        results = list(read_bytes(data, name, HOST))
        assert results and results[0].report is not None
        return results

    return read


def _cases() -> list[tuple[str, str, Callable[[], object]]]:
    golden = from_toml((REPO / "tests" / "golden" / "huaian-city-2024.toml").read_text("utf-8"))
    layout = report_layout(HOST.variants["V2021"], values_of(golden.cells), organ="淮安市人民政府")
    inputs = [
        ("read: text (seed)", SHARED / "seeds" / "000_e77c82452743db18.txt", None),
        ("read: .docx (city 2024 layout)", Path("city.docx"), to_docx(layout)),
        ("read: HTML (city 2024 portal page)", Path("city.html"), to_html(layout).encode()),
        ("read: PDF (huaian-city-2024.pdf)", SHARED / "corpus" / "huaian-city-2024.pdf", None),
    ]
    cases = []
    for name, path, data in inputs:
        if data is None:
            if not path.exists():
                print(f"skipped {name}: {path} not found", file=sys.stderr)
                continue
            data = path.read_bytes()
        cases.append((name, "reports", _reader(data, path.name)))
    return cases


CASES = _cases()
