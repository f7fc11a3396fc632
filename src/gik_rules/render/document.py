"""The report as it will be printed, whatever the output format: title block, the six
sections with their official headings, the tables laid out, the signature.

Every writer (Markdown, HTML, text, .docx) renders this one object, so they cannot
disagree about what a report contains.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from gik_rules.forms.labels import fold
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, CellState, ReportMeta
from gik_rules.render.figures import figure_text
from gik_rules.render.grid import Grid
from gik_rules.render.layout import FlatTable, lay_out
from gik_rules.render.templates import TemplateSet, piece_context
from gik_rules.textnorm import normalise

SECTION_NUMBERS = (1, 2, 3, 4, 5, 6)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@attrs.frozen(slots=True)
class RenderedSection:
    number: int
    heading: str
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
    """The report's own title when it names the report year, else the template's."""
    title = " ".join(report.meta.title.split())
    match = _YEAR.search(normalise(title).text)
    if title and match and int(match.group(1)) == report.meta.year:
        return title
    return templates.render("title", ctx)


def _organ_line(organ: str, title: str) -> str | None:
    """The organ above the title, unless the title starts with it before the year."""
    match = _YEAR.search(normalise(title).text)
    named = fold(title[: match.start()]) if match else ""
    organ = " ".join(organ.split())
    return None if not organ or named == fold(organ) else organ


def compose(report: AnnualReport, templates: TemplateSet) -> RenderDoc:
    """The printable report: the six sections in order with official headings, each
    table under its section. Nothing is dropped: texts of a section given twice are
    joined, and a section numbered beyond 六 follows in its place. Cells that no table of
    the variant shows are named in ``unplaced`` (callers warn about them)."""
    variant = templates.variant
    ctx = context(report, variant, templates.jurisdiction)
    titles = {s.number: s.label for s in variant.sections}
    tables = {t.section: t.id for t in variant.tables}

    def text_of(cell_id: str) -> str:
        return figure_text(report.cells.get(cell_id))

    sections = []
    for number in sorted({*SECTION_NUMBERS, *(s.number for s in report.sections)}):
        own = [s for s in report.sections if s.number == number]
        title = titles.get(number) or next((s.title for s in own), "")
        heading = templates.heading(ctx, number, title)
        body = tuple(p for s in own for p in paragraphs(s.text))
        laid = None
        if number in tables:
            laid = lay_out(variant, tables[number], templates.layout(tables[number]), text_of)
        sections.append(
            RenderedSection(
                number,
                heading,
                body,
                laid.grid if laid else None,
                laid.flat if laid else (),
            )
        )
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
