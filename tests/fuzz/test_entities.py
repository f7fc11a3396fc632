"""XML and HTML entities are never expanded or fetched: a billion laughs stays a few
bytes and an external entity naming /etc/passwd reads nothing of it, in every reader of
markup (.docx, HTML, XLSX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_rules.host import Host
from gik_rules.ingest.reader import read_bytes
from tests.fuzz import cases, inputs


def _text_of(data: bytes, name: str, host: Host) -> str:
    out = []
    for result in read_bytes(data, name, host):
        out.extend(i.message_en for i in result.issues)
        if result.report is not None:
            out.append(result.report.meta.organ + result.report.meta.title)
            out.extend(s.text for s in result.report.sections)
            out.extend(c.raw for c in result.report.cells.values())
    return "\n".join(out)


def _xlsx_with_entities() -> bytes:
    return inputs.with_member(
        inputs.seeds()["xlsx"],
        "xl/worksheets/sheet1.xml",
        lambda part: cases.ENTITIES.encode() + part.replace(b"<t>", b"<t>&f;&x;", 2),
    )


@pytest.mark.parametrize("fmt", ["docx", "html", "xlsx"])
def test_entities_are_neither_expanded_nor_fetched(fmt: str, host: Host) -> None:
    data = _xlsx_with_entities() if fmt == "xlsx" else cases.hostile(fmt)["entities"]()
    text = _text_of(data, f"r{inputs.SUFFIX[fmt]}", host)
    assert "root:" not in text
    assert "A" * 1000 not in text  # &f; would be 100,000 of them
    if Path("/etc/passwd").exists():
        assert Path("/etc/passwd").read_text(errors="replace")[:20] not in text
