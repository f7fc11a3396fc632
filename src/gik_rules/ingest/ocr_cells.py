"""Table cells recognised by OCR: their provenance, and the figures not taken.

A reader that recognised a page image tells, for each table cell it gave, what the
engine read there and how sure it was (``RecognisedCell``). Once the table reader has
mapped the cells onto the form, each such cell is marked ``provenance = "ocr"`` with the
engine's confidence; a cell the engine was unsure of, or that holds ink the engine read
nothing from, or whose text is no figure, is not taken: it is left unread (the
identities skip it) and reported as P015, located by page and box, with what the engine
read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from gik_rules.ingest.result import ParseIssue
from gik_rules.model.cell import Cell, CellState, Provenance
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.model.span import SourceSpan
from gik_rules.rules.finding import Location


@attrs.frozen(slots=True)
class RecognisedCell:
    """What OCR read in one table cell: the engine's lowest ``confidence`` over its
    words (``None`` where it read nothing), and ``stray_ink`` where the cell holds ink
    that no recognised word covers (a figure the engine missed). A doubtful cell read
    again on its own and taken is ``reread``, its ``text`` that reading."""

    span: SourceSpan
    box: tuple[float, float, float, float]
    text: str
    confidence: float | None
    certain: float  # the engine's confidence below which a figure is not taken
    engine: str
    stray_ink: bool = False
    reread: bool = False  # ``text`` is the cell's own second reading

    @property
    def doubtful(self) -> bool:
        return self.stray_ink or (self.confidence is not None and self.confidence < self.certain)


def _box(box: tuple[float, float, float, float]) -> str:
    return "box ({:.0f}, {:.0f}, {:.0f}, {:.0f}) pt".format(*box)


def mark_recognised(
    cells: Mapping[str, Cell], recognised: Sequence[RecognisedCell]
) -> tuple[dict[str, Cell], list[ParseIssue]]:
    """The cells with their OCR provenance, and a P015 finding for each figure not taken."""
    by_span = {r.span: r for r in recognised}
    out = dict(cells)
    issues: list[ParseIssue] = []
    for cid, cell in cells.items():
        seen = by_span.get(cell.span) if cell.span is not None else None
        if seen is None or cell.provenance is not Provenance.READ:
            continue
        if seen.reread:
            cell = parse_cell_text(seen.text, cell.span)
        doubtful = seen.doubtful or cell.state is CellState.INVALID
        if not doubtful:
            out[cid] = attrs.evolve(cell, provenance=Provenance.OCR, confidence=seen.confidence)
            continue
        out[cid] = Cell(
            raw=cell.raw,
            state=CellState.INVALID,
            span=cell.span,
            provenance=Provenance.UNREAD,
            confidence=seen.confidence,
        )
        table = cid.partition(".")[0]
        where = _box(seen.box)
        if seen.stray_ink and not seen.text:
            zh, en = "有字迹但未能识别", "holds ink that OCR could not read"
        elif seen.stray_ink:
            zh = f"识别为“{seen.text}”，但有部分字迹未能识别"
            en = f"was read as {seen.text!r}, but part of its ink was not recognised"
        elif seen.confidence is not None and seen.confidence < seen.certain:
            zh = f"识别为“{seen.text}”，置信度{seen.confidence:.2f}过低"
            en = f"was read as {seen.text!r} with a confidence of only {seen.confidence:.2f}"
        else:
            zh = f"识别为“{seen.text}”，不是数字"
            en = f"was read as {seen.text!r}, which is no figure"
        page = cell.span.page if cell.span is not None else None
        issues.append(
            ParseIssue(
                "P015",
                f"扫描页第{page}页单元格{cid}（{where}）{zh}；该数字未采用，请人工核对",
                f"cell {cid} on scanned page {page} ({where}) {en} ({seen.engine}); "
                "the figure was not taken: check it by eye",
                Location(table=table, cell=cid, page=page, ref=where),
                actual=seen.text or None,
            )
        )
    return out, issues
