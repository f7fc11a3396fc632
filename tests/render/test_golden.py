"""Golden renders of the examples (tests/golden/render/). After an intended change of
the output, regenerate them with ``GIK_UPDATE_GOLDEN=1 pytest tests/render/test_golden.py``
and review the diff."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from gik_rules.api import read
from gik_rules.render import render_report
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden" / "render"
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))
UPDATE = os.environ.get("GIK_UPDATE_GOLDEN") == "1"


def docx_dump(data: bytes) -> str:
    """A .docx as text: each paragraph with its style, each table cell with its merge."""
    document = docx.Document(io.BytesIO(data))
    out = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            style = child.style or "Normal"
            out.append(f"[{style}] " + "".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            out.append("[table]")
            for tr in child.tr_lst:
                cells = []
                for tc in tr.tc_lst:
                    text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                    mark = f"<{tc.grid_span}" if tc.grid_span > 1 else ""
                    mark += {"restart": "v", "continue": "^"}.get(tc.vMerge or "", "")
                    cells.append(f"{text}{mark}")
                out.append(" | ".join(cells))
    return "\n".join(out) + "\n"


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with GIK_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_text_renders_match_golden(path: Path, fmt: str) -> None:
    _check(f"{path.stem}.{fmt}", render_report(read(path), fmt).decode("utf-8"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_docx_render_matches_golden(path: Path) -> None:
    _check(f"{path.stem}.docx.txt", docx_dump(render_report(read(path), "docx")))
