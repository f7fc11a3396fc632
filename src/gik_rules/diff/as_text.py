"""``gik-rules diff`` as text: what changed, in the order a reader checks it."""

from __future__ import annotations

from decimal import Decimal

from gik_rules.diff.compare import Carried, CellChange, CellStatus, ReportDiff
from gik_rules.forms import numeral
from gik_rules.model import AnnualReport, Cell, Number
from gik_rules.rules.finding import Finding


def _who(report: AnnualReport, source: str) -> str:
    meta = report.meta
    return " ".join(x for x in (source, meta.organ, str(meta.year or ""), meta.variant or "") if x)


def cell_text(cell: Cell | None) -> str:
    if cell is None:
        return "(none)"
    if cell.value is not None:
        return str(cell.value)
    return cell.raw.strip() or "(blank)"


def change_text(change: Number | None) -> str:
    if change is None:
        return ""
    if isinstance(change, Decimal):
        change = change.normalize()
    return f"{change:+}" if change else "±0"


def _cell_line(c: CellChange) -> str:
    change = change_text(c.change)
    return f"  {c.cell:<28} {cell_text(c.old):>8} → {cell_text(c.new):<8} {change:>7}  {c.label}"


def section_name(number: int, title: str, english: bool) -> str:
    if number == 0:
        return "preamble" if english else "报告开头"
    return f"section {number} {title}" if english else f"{numeral(number)}、{title}"


def _finding_line(mark: str, f: Finding, english: bool) -> str:
    where = f.location.describe()
    message = f.message_en if english else f.message
    return f"  {mark:<9} {f.code} {f.name} {message}" + (f" ({where})" if where else "")


def render_text(diff: ReportDiff, *, english: bool = False) -> str:
    lines = [f"OLD {_who(diff.old, diff.old_source)}", f"NEW {_who(diff.new, diff.new_source)}", ""]
    changed = [c for c in diff.cells if c.status is not CellStatus.SAME]
    counts = ", ".join(f"{diff.count(s)} {s.value}" for s in CellStatus if diff.count(s))
    lines.append(f"cells: {counts or 'none'}")
    lines += [_cell_line(c) for c in changed]
    lines.append("")
    lines.append("text carried over unchanged:")
    for section in diff.sections:
        name = section_name(section.number, section.title, english)
        if section.only_in_old:
            lines.append(f"  {name}: only in OLD")
            continue
        kept = sum(1 for s in section.sentences if s.carried is Carried.SAME)
        figures = sum(1 for s in section.sentences if s.carried is Carried.FIGURES)
        lines.append(
            f"  {name}: {section.carried:.0%} word for word ({kept} of "
            f"{len(section.sentences)} sentences), {section.figures:.0%} with other figures only "
            f"({figures})"
        )
    found = diff.findings
    lines.append("")
    lines.append(
        f"findings: {len(found.new)} new, {len(found.fixed)} fixed, {len(found.unchanged)} unchanged"
    )
    lines += [_finding_line("new", f, english) for f in found.new]
    lines += [_finding_line("fixed", f, english) for f in found.fixed]
    lines += [_finding_line("unchanged", f, english) for _, f in found.unchanged]
    return "\n".join(lines) + "\n"
