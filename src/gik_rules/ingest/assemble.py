"""From a neutral document to an AnnualReport: title block, sections, tables, variant."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gik_rules.forms.detect import variant_for_year
from gik_rules.forms.labels import fold
from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.cell_readings import apply_readings
from gik_rules.ingest.document import Document, Paragraph, RawTable
from gik_rules.ingest.document_kind import DocumentKind, document_kind, kind_issue
from gik_rules.ingest.result import ParseIssue, ReadResult
from gik_rules.ingest.stream.grid import read_grid
from gik_rules.ingest.stream.headings import paragraph_heading
from gik_rules.ingest.stream.lexicon import ordered
from gik_rules.ingest.structure import (
    date_of,
    is_title,
    level_of,
    organ_from_title,
    region_of,
    year_of,
)
from gik_rules.ingest.tables import names_something, parse_row
from gik_rules.model import AnnualReport, ReportMeta, Section, TableInfo
from gik_rules.model.cell import Cell
from gik_rules.rules.finding import Location


def _table_kind(
    table: RawTable, section: int | None, variants: Mapping[str, FormVariant]
) -> str | None:
    """Which statistics table a raw table belongs to: the table the form puts in its
    section, else the table whose labels it prints most of."""
    forms = sorted(variants.values(), key=lambda v: -v.first_year)
    for variant in forms:
        for spec in variant.tables:
            if spec.section == section:
                return spec.id
    text = fold("".join(c.text for row in table.rows for c in row))
    best: tuple[int, str] | None = None
    for variant in forms:
        for spec in variant.tables:
            hits = sum(
                1
                for block in spec.blocks
                for labelled in (block, *block.columns, *block.rows)
                if any(k and k in text for k in labelled.keys)
            )
            if hits and (best is None or hits > best[0]):
                best = (hits, spec.id)
    return best[1] if best else None


def _document_text(doc: Document) -> str:
    """The document's text in reading order, a line a paragraph or table row."""
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, RawTable):
            lines.extend(" | ".join(c.text for c in row) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def assemble(
    doc: Document,
    variants: Mapping[str, FormVariant],
    detect: object = None,
) -> ReadResult:
    """Build the report; what cannot be mapped becomes parse issues, never an exception."""
    issues: list[ParseIssue] = list(doc.issues)
    # A damaged document cannot say what it is not: what is left of it is read.
    damaged = any(i.code == "P009" for i in issues)
    kind = DocumentKind.ANNUAL_REPORT if damaged else document_kind(_document_text(doc))
    if kind is not DocumentKind.ANNUAL_REPORT:
        return ReadResult(doc.source, None, (*issues, kind_issue(kind)), doc.format)
    title = ""
    title_span = None
    organ_lines: list[str] = []
    preamble: list[Paragraph] = []
    sections: list[tuple[int, str, str, Paragraph, list[Paragraph]]] = []
    tables: list[tuple[RawTable, int | None]] = []
    published = None
    for block in doc.blocks:
        if isinstance(block, RawTable):
            tables.append((block, sections[-1][0] if sections else None))
            continue
        text = block.text.strip()
        if not text:
            continue
        head = paragraph_heading(text, variants)
        if head is not None and (title or sections or head[0] == 1):
            sections.append((head[0], head[1], text, block, []))
        elif sections:
            sections[-1][4].append(block)
            published = date_of(text) or published
        elif not title and is_title(text):
            title = "".join(text.split()) if len(text) < 60 else text
            title_span = block.span
        elif not title:
            organ_lines.append("".join(text.split()))
        else:
            preamble.append(block)

    organ = "".join(organ_lines[-1:]) or organ_from_title(title)
    year = year_of(title) if title else None
    # Each table's kind worked out, and each cell's text parsed, once.
    read_tables = [
        (table, _table_kind(table, section, variants), [parse_row(row) for row in table.rows])
        for table, section in tables
    ]
    labels = [
        c.raw for _, _, rows in read_tables for row in rows for c in row if names_something(c)
    ]
    variant_id = detect(labels) if callable(detect) else None
    expected = variant_for_year(year, variants)
    if variant_id is None and expected is None and tables:
        # Neither the labels nor the year tell the form: the tables cannot be mapped. (Where
        # the year tells it, labels common to both forms say nothing against it.)
        issues.append(
            ParseIssue(
                "P003",
                "无法判断报告格式版本（报告年度不明，表格标签也无法判断），表格未读取",
                "the form variant cannot be told (the report year is unknown, and the table labels do not tell it); the tables were not read",
                Location(line=tables[0][0].span.line, page=tables[0][0].span.page),
            )
        )
    variant = variants.get(variant_id or "") or expected
    if not organ or year is None:
        missing = [x for x, ok in (("机关名称", organ), ("报告年度", year)) if not ok]
        issues.append(
            ParseIssue(
                "P002",
                "无法读取" + "、".join(missing),
                "cannot read the "
                + " and ".join(
                    {"机关名称": "organ", "报告年度": "report year"}[m] for m in missing
                ),
                Location(line=doc.blocks[0].span.line if doc.blocks else None),
            )
        )

    cells: dict[str, Cell] = {}
    table_infos: dict[str, TableInfo] = {}
    if variant is not None:
        order = ordered(variant, variants)
        for spec in variant.tables:
            mine = [t for t, kind, _ in read_tables if kind == spec.id]
            read = read_grid(mine, spec.id, order) if mine else None
            if read is None or read.extent is None:
                issues.append(
                    ParseIssue(
                        "P004",
                        f"未找到{spec.title}表",
                        f"table {spec.id} ({spec.title}) was not found",
                        Location(section=spec.section, table=spec.id),
                    )
                )
                continue
            first = mine[0]
            table_infos[spec.id] = TableInfo(spec.id, spec.title, first.span)
            cells.update(read.cells)
            issues.extend(read.issues)
            seen = {cid.split(".")[1] for cid in read.cells} | read.rows
            for form_block in spec.blocks:
                for absent in (r for r in form_block.rows if r.id not in seen):
                    issues.append(
                        ParseIssue(
                            "P005",
                            f"{spec.title}表缺少“{absent.label}”一行",
                            f"table {spec.id} lacks the row {absent.id} ({absent.label})",
                            Location(
                                section=spec.section,
                                table=spec.id,
                                row=absent.id,
                                line=first.span.line,
                                page=first.span.page,
                            ),
                        )
                    )

    if doc.readings:
        cells, uncertain = apply_readings(cells, doc.readings)
        issues.extend(uncertain)
    report = AnnualReport(
        meta=ReportMeta(
            organ=organ,
            year=year,
            variant=variant.id if variant else None,
            title=title,
            region=region_of(organ),
            level=level_of(organ),
            published=published,
            source=doc.source or None,
            encoding=doc.encoding,
            title_span=title_span,
        ),
        preamble="\n".join(p.text.strip() for p in preamble),
        sections=tuple(_section(n, t, h, p, body) for n, t, h, p, body in sections),
        tables=table_infos,
        cells=cells,
    )
    return ReadResult(doc.source, report, tuple(issues), doc.format)


def _section(
    number: int, title: str, heading: str, para: Paragraph, body: Sequence[Paragraph]
) -> Section:
    lines = [p.text.strip() for p in body]
    line_map = tuple(p.span.line for p in body if p.span.line is not None)
    return Section(
        number=number,
        title=title,
        heading=heading.strip(),
        text="\n".join(lines),
        line=para.span.line,
        line_map=line_map if len(line_map) == len(lines) else (),
    )
