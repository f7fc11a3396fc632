"""How sure a reader is of a table cell's figure: OCR provenance, and figures not taken.

A reader that read a cell less directly than from a text layer tells so, for each raw
table cell it gave (``CellReading``, matched to the report's cells by their source
span): the cells of a scanned page carry what the OCR engine read there and how sure it
was; a cell of a lineless table whose figure runs on over a page break, where the rest
of it cannot be placed, is doubtful too. Once the table reader has mapped the cells onto
the form, each recognised cell is marked ``provenance = "ocr"`` with the engine's
confidence; a doubtful one (an engine unsure of it, ink in it that the engine read
nothing from, text that is no figure, a figure cut by a page break) is not taken: it is
left unread (the identities skip it) and reported as P015, located by page and box.
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
class CellReading:
    """What a reader knows of one raw table cell beyond its text.

    ``engine`` names the OCR engine that recognised it ("" for a text layer), with its
    lowest ``confidence`` over the cell's words (``None`` where it read nothing) and the
    confidence ``certain`` below which a figure is not taken; ``stray_ink``: the cell
    holds ink no recognised word covers (a figure the engine missed); ``reread``: the
    cell was read again on its own and ``text`` is that reading; ``broken``: the figure
    runs on over a page break."""

    span: SourceSpan
    box: tuple[float, float, float, float]
    text: str
    engine: str = ""
    confidence: float | None = None
    certain: float = 0.0
    stray_ink: bool = False
    reread: bool = False
    broken: bool = False

    @property
    def doubtful(self) -> bool:
        unsure = self.confidence is not None and self.confidence < self.certain
        return self.stray_ink or self.broken or unsure


def _box(box: tuple[float, float, float, float]) -> str:
    return "box ({:.0f}, {:.0f}, {:.0f}, {:.0f}) pt".format(*box)


def _why(seen: CellReading) -> tuple[str, str]:
    if seen.broken:
        return (
            "的数字跨页断开，无法确定其余部分",
            "runs on over a page break, where the rest of it cannot be placed",
        )
    if seen.stray_ink and not seen.text:
        return "有字迹但未能识别", "holds ink that OCR could not read"
    if seen.stray_ink:
        return (
            f"识别为“{seen.text}”，但有部分字迹未能识别",
            f"was read as {seen.text!r}, but part of its ink was not recognised",
        )
    if seen.confidence is not None and seen.confidence < seen.certain:
        return (
            f"识别为“{seen.text}”，置信度{seen.confidence:.2f}过低",
            f"was read as {seen.text!r} with a confidence of only {seen.confidence:.2f}",
        )
    return f"识别为“{seen.text}”，不是数字", f"was read as {seen.text!r}, which is no figure"


def apply_readings(
    cells: Mapping[str, Cell], readings: Sequence[CellReading]
) -> tuple[dict[str, Cell], list[ParseIssue]]:
    """The cells with their OCR provenance, and a P015 finding for each figure not taken."""
    by_span = {r.span: r for r in readings}
    out = dict(cells)
    issues: list[ParseIssue] = []
    for cid, cell in cells.items():
        seen = by_span.get(cell.span) if cell.span is not None else None
        if seen is None or cell.provenance is not Provenance.READ:
            continue
        if seen.reread:
            cell = parse_cell_text(seen.text, cell.span)
        ocr = bool(seen.engine)
        if not seen.doubtful and not (ocr and cell.state is CellState.INVALID):
            if ocr:
                out[cid] = attrs.evolve(cell, provenance=Provenance.OCR, confidence=seen.confidence)
            continue
        out[cid] = Cell(
            raw=cell.raw,
            state=CellState.INVALID,
            span=cell.span,
            provenance=Provenance.UNREAD,
            confidence=seen.confidence,
        )
        zh, en = _why(seen)
        where = _box(seen.box)
        page = cell.span.page if cell.span is not None else None
        scan = ("扫描页", "scanned ") if ocr else ("", "")
        issues.append(
            ParseIssue(
                "P015",
                f"{scan[0]}第{page}页单元格{cid}（{where}）{zh}；该数字未采用，请人工核对",
                f"cell {cid} on {scan[1]}page {page} ({where}) {en}"
                + (f" ({seen.engine})" if ocr else "")
                + "; the figure was not taken: check it by eye",
                Location(table=cid.partition(".")[0], cell=cid, page=page, ref=where),
                actual=seen.text or None,
            )
        )
    return out, issues
