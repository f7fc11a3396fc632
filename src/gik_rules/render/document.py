"""The report as it will be printed, whatever the output format: title block, the
report's own sections and headings, the tables laid out, the signature.

Every writer (Markdown, HTML, text, .docx) renders this one object, so they cannot
disagree about what a report contains.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from gik_rules.forms.labels import fold
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, CellState, ReportMeta, Section
from gik_rules.render.figures import figure_text
from gik_rules.render.grid import Grid
from gik_rules.render.layout import FlatTable, lay_out
from gik_rules.render.templates import TemplateSet, piece_context
from gik_rules.textnorm import normalise

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@attrs.frozen(slots=True)
class RenderedSection:
    number: int
    heading: str  # empty: a table standing alone (the report lacks its section)
    paragraphs: tuple[str, ...] = ()
    grid: Grid | None = None
    flat: tuple[FlatTable, ...] = ()


@attrs.frozen(slots=True)
class RenderDoc:
    meta: ReportMeta
    title: str
    organ_line: str | None
    preamble: tuple[str, ...]
    sections: tuple[RenderedSection, ...]
    signature: tuple[str, ...]
    unplaced: tuple[str, ...] = ()  # cells with content that no table shows: unplaced_cells


def paragraphs(text: str) -> tuple[str, ...]:
    """Non-empty lines, stripped: one paragraph each."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def context(report: AnnualReport, variant: FormVariant, jurisdiction: str) -> dict[str, Any]:
    meta = report.meta
    return piece_context(
        variant,
        organ=meta.organ,
        year=meta.year,
        level=meta.level.value,
        region=meta.region,
        published=meta.published,
        jurisdiction=jurisdiction,
    )


def unplaced_cells(report: AnnualReport, variant: FormVariant) -> tuple[str, ...]:
    """The ids of the cells with something in them (not blank) that ``variant`` has no
    place for, sorted: rows of another form variant that reading kept
    (``t3.other.*`` of the 2019 form in a V2021 report). The tables are laid out from the
    variant, so a rendered report cannot show them; the canonical form keeps them."""
    return tuple(
        sorted(
            cid
            for cid, cell in report.cells.items()
            if cid not in variant.cells and cell.state is not CellState.BLANK
        )
    )


def _title(report: AnnualReport, templates: TemplateSet, ctx: dict[str, Any]) -> str:
    """The report's own title; the template's only when the report has none."""
    return " ".join(report.meta.title.split()) or templates.render("title", ctx)


def _organ_line(organ: str, title: str) -> str | None:
    """The organ above the title, unless the title starts with it before the year."""
    match = _YEAR.search(normalise(title).text)
    named = fold(title[: match.start()]) if match else ""
    organ = " ".join(organ.split())
    return None if not organ or named == fold(organ) else organ


def _has_table(report: AnnualReport, variant: FormVariant, table_id: str) -> bool:
    """Whether the report holds the table: it lists it, or has one of its cells."""
    return table_id in report.tables or any(
        cid in report.cells for cid in variant.table_cells(table_id)
    )


def compose(report: AnnualReport, templates: TemplateSet) -> RenderDoc:
    """The printable report, as it is: its own sections in its own order, each with its
    own heading (the line as written; else the template's heading of its own title),
    empty or not, and each table it holds under the first section of the table's number.
    Nothing is corrected or added: a missing section stays missing, an unofficial title
    stays as written (correcting is ``fix``'s job). A table whose section the report lacks
    stands alone in its place, without a heading. Cells that no table of the variant
    shows are named in ``unplaced`` (callers warn about them)."""
    variant = templates.variant
    ctx = context(report, variant, templates.jurisdiction)
    tables = {t.section: t.id for t in variant.tables if _has_table(report, variant, t.id)}

    def text_of(cell_id: str) -> str:
        return figure_text(report.cells.get(cell_id))

    def laid(number: int) -> dict[str, Any]:
        table_id = tables.pop(number, None)
        if table_id is None:
            return {}
        out = lay_out(variant, table_id, templates.layout(table_id), text_of)
        return {"grid": out.grid, "flat": out.flat}

    def heading(section: Section) -> str:
        if section.heading.strip():
            return " ".join(section.heading.split())
        title = section.title or next(
            (s.label for s in variant.sections if s.number == section.number), ""
        )
        return templates.heading(ctx, section.number, title)

    sections = [
        RenderedSection(s.number, heading(s), paragraphs(s.text), **laid(s.number))
        for s in report.sections
    ]
    for number, _ in sorted(tables.items()):  # tables whose section is missing
        at = next((i for i, s in enumerate(sections) if s.number > number), len(sections))
        sections.insert(at, RenderedSection(number, "", **laid(number)))
    title = _title(report, templates, ctx)
    return RenderDoc(
        meta=report.meta,
        title=title,
        organ_line=_organ_line(report.meta.organ, title),
        preamble=paragraphs(report.preamble),
        sections=tuple(sections),
        signature=paragraphs(templates.render("signature", ctx, required=False)),
        unplaced=unplaced_cells(report, variant),
    )
