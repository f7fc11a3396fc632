"""``gik-rules new``: a skeleton report in the canonical TOML form, ready to fill in.

The skeleton has the variant of the report year, the title and preamble of the templates,
the six sections with their official headings and template text (sub-headings, fixed
phrases, 【待填写】 placeholders), and every cell of the variant blank. Cells are written in
the hand-written shorthand (``"t3.new.np" = ""``), each with its label as a comment.
"""

from __future__ import annotations

import tomli_w

from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Cell, OrganLevel, ReportMeta, Section, TableInfo
from gik_rules.model.canonical import to_toml
from gik_rules.render.document import context
from gik_rules.render.templates import TemplateSet


def skeleton_report(
    organ: str,
    year: int,
    level: OrganLevel,
    templates: TemplateSet,
    *,
    region: str = "",
) -> AnnualReport:
    """The blank report of ``organ`` for ``year`` in the templates' variant."""
    variant = templates.variant
    draft = AnnualReport(
        meta=ReportMeta(organ=organ, year=year, variant=variant.id, region=region, level=level)
    )
    ctx = context(draft, variant, templates.jurisdiction)
    sections = []
    for spec in sorted(variant.sections, key=lambda s: s.number):
        heading = templates.heading(ctx, spec.number, spec.label)
        text = templates.render(f"section-{spec.number}", ctx, required=False)
        sections.append(Section(spec.number, spec.label, heading=heading, text=text))
    meta = ReportMeta(
        organ=organ,
        year=year,
        variant=variant.id,
        title=templates.render("title", ctx),
        region=region,
        level=level,
    )
    return AnnualReport(
        meta=meta,
        preamble=templates.render("preamble", ctx, required=False),
        sections=tuple(sections),
        tables={t.id: TableInfo(t.id, t.title) for t in variant.tables},
        cells={cid: Cell() for cid in variant.cells},
    )


def _cells_toml(report: AnnualReport, variant: FormVariant) -> str:
    lines = ["[cells]", '# Fill in figures; leave a cell "" only if it is truly blank.']
    table = ""
    for cid, spec in variant.cells.items():
        if cid not in report.cells:
            continue
        if spec.table != table:
            table = spec.table
            title = next((t.title for t in variant.tables if t.id == table), table)
            lines += ["", f"# {title}"]
        row = f"{spec.row_label}"
        lines.append(f"{tomli_w.dumps({cid: ''}).strip()}  # {row} / {spec.column_label}")
    return "\n".join(lines) + "\n"


def skeleton_toml(report: AnnualReport, variant: FormVariant) -> str:
    """The skeleton as canonical TOML with commented, blank cells."""
    head = to_toml(AnnualReport(report.meta, report.sections, report.tables, {}, report.preamble))
    head = head.removesuffix("[cells]\n").rstrip("\n")
    intro = (
        f"# {report.meta.title}: skeleton written by `gik-rules new` ({variant.id}, "
        f"{variant.basis}).\n"
        "# Replace every 【待填写…】 with the organ's own account and fill in the cells;\n"
        "# then `gik-rules check` and `gik-rules render`. Format: docs/canonical-form.md.\n"
    )
    return intro + head + "\n\n" + _cells_toml(report, variant)
