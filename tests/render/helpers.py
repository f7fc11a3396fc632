"""Shared by the render and fix tests: reading rendered bytes back, comparing the data of
two reports, and generating reports worth rendering."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from gik_rules.forms.variant import FormVariant
from gik_rules.host import default_host
from gik_rules.ingest.reader import read_bytes
from gik_rules.ingest.result import ReadResult
from gik_rules.model import AnnualReport, Cell, CellState, Section
from gik_rules.render import render_doc
from gik_rules.testing import cells, consistent_reports

READABLE = (CellState.BLANK, CellState.ZERO, CellState.VALUE, CellState.PLACEHOLDER)
# Text a writer might put in a report, with the characters that need escaping somewhere.
ALPHABET = (
    "本机关政府信息公开工作推进平台建设监督保障规范管理群众申请办理答复"
    + "，。；：“”《》（）<>&\"'*_#|[]`\\ab"
)


def read_back(data: bytes, fmt: str) -> ReadResult:
    return next(read_bytes(data, f"rendered.{fmt}", default_host()))


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _figure(cell: Cell | None) -> tuple[Any, ...]:
    if cell is None or cell.state is CellState.BLANK:
        return (None, CellState.BLANK, None)
    value = Decimal(cell.value) if cell.value is not None else None
    return (value, cell.state, cell.unit)


def differences(original: AnnualReport, back: AnnualReport, variant: FormVariant) -> list[str]:
    """What the report read back lost or changed, as the renderer wrote it: metadata,
    title, preamble, the sections (the signature after the last taken off) and every
    cell of the variant (a cell the report lacks is a blank one)."""
    out: list[str] = []
    m, b = original.meta, back.meta
    for field in ("organ", "year", "variant", "published"):
        if getattr(m, field) != getattr(b, field):
            out.append(f"meta.{field}: {getattr(m, field)!r} != {getattr(b, field)!r}")
    doc = render_doc(original)
    if _fold(doc.title) != _fold(b.title):
        out.append(f"title: {doc.title!r} != {b.title!r}")
    if lines(original.preamble) != lines(back.preamble):
        out.append(f"preamble: {original.preamble!r} != {back.preamble!r}")
    read_sections = {s.number: s for s in back.sections}
    if [s.number for s in back.sections] != [s.number for s in original.sections]:
        out.append(
            f"sections read back: {[s.number for s in back.sections]}, "
            f"written: {[s.number for s in original.sections]}"
        )
    last = back.sections[-1].number if back.sections else None
    for section in doc.sections:
        got = read_sections.get(section.number)
        text = lines(got.text) if got else []
        if section.number == last and text[-len(doc.signature) :] == list(doc.signature):
            text = text[: -len(doc.signature)]
        if text != list(section.paragraphs):
            out.append(f"section {section.number}: {section.paragraphs!r} != {text!r}")
        if got and _fold(got.heading) != _fold(section.heading):
            out.append(f"heading {section.number}: {section.heading!r} != {got.heading!r}")
    for cid in variant.cells:
        if _figure(original.cells.get(cid)) != _figure(back.cells.get(cid)):
            out.append(f"{cid}: {original.cells.get(cid)!r} != {back.cells.get(cid)!r}")
    return out


@st.composite
def reports_to_render(draw: st.DrawFn, variant: str | None = None) -> AnnualReport:
    """Consistent reports with some cells blank, zero or placeholders, other numbers
    (with units, negative, large) and free text with characters to escape."""
    base = draw(consistent_reports(variant))
    new_cells = dict(base.cells)
    for cid in draw(st.lists(st.sampled_from(sorted(base.cells)), unique=True, max_size=12)):
        new_cells[cid] = draw(cells(READABLE))
    text = st.lists(
        st.text(ALPHABET, min_size=1, max_size=40).filter(lambda t: bool(t.strip())),
        max_size=3,
    ).map("\n".join)
    sections = tuple(
        attrs.evolve(s, text="\n".join(x for x in (s.text, draw(text)) if x))
        if s.number in (1, 5, 6)
        else s
        for s in base.sections
    )
    return attrs.evolve(base, cells=new_cells, sections=sections)


def drop_section(report: AnnualReport, number: int) -> AnnualReport:
    return attrs.evolve(report, sections=tuple(s for s in report.sections if s.number != number))


__all__ = ["Section", "differences", "drop_section", "read_back", "reports_to_render"]
