"""The annual report: metadata, the six sections and the three statistics tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from gik_rules.model.cell import Cell
from gik_rules.model.named_enum import NamedEnum
from gik_rules.model.span import SourceSpan


class OrganLevel(NamedEnum):
    """The kind of organ, as 条例第四十九条 distinguishes them for deadlines."""

    DEPARTMENT = "department"  # 县级以上人民政府部门
    GOVERNMENT = "government"  # 县级以上地方人民政府 (本级政府)
    TOWNSHIP = "township"  # 乡镇人民政府、街道办事处
    UNKNOWN = "unknown"


@attrs.frozen(slots=True)
class ReportMeta:
    """Who wrote the report, for which year, in which format, and where it came from."""

    organ: str = ""
    year: int | None = None
    variant: str | None = None
    title: str = ""
    region: str = ""
    level: OrganLevel = OrganLevel.UNKNOWN
    published: dt.date | None = None
    organ_id: str | None = None
    parent_id: str | None = None
    source: str | None = None
    encoding: str | None = None
    title_span: SourceSpan | None = None  # where the title stands in the source


@attrs.frozen(slots=True)
class Section:
    """A top-level section (一 … 六). ``heading`` is the line as written, ``title`` the
    heading without its numeral; ``line`` is where the heading stands in the source and
    ``line_map`` the source line of each line of ``text`` (empty when unknown)."""

    number: int
    title: str
    heading: str = ""
    text: str = ""
    line: int | None = None
    line_map: tuple[int, ...] = ()

    def line_of(self, offset: int) -> int | None:
        """The source line of the character at ``offset`` in ``text``."""
        index = self.text.count("\n", 0, max(offset, 0))
        if index < len(self.line_map):
            return self.line_map[index]
        return None


@attrs.frozen(slots=True)
class TableInfo:
    """A statistics table as it stood in the source (its cells live in ``AnnualReport.cells``)."""

    id: str
    title: str = ""
    span: SourceSpan | None = None


BLANK_CELL = Cell()


@attrs.frozen(slots=True)
class AnnualReport:
    """One 政府信息公开工作年度报告.

    ``cells`` maps stable cell ids of the report's form variant (``"t3.new.np"``) to
    cells; a cell the source did not contain is absent, not blank. ``preamble`` is the
    text between the title and section 一 (where the basis of the report is usually cited).
    """

    meta: ReportMeta = attrs.field(factory=ReportMeta)
    sections: tuple[Section, ...] = ()
    tables: Mapping[str, TableInfo] = attrs.field(factory=dict)
    cells: Mapping[str, Cell] = attrs.field(factory=dict)
    preamble: str = ""

    def cell(self, cell_id: str) -> Cell:
        """The cell with this id, or a blank cell when the report lacks it."""
        return self.cells.get(cell_id, BLANK_CELL)

    def section(self, number: int) -> Section | None:
        for section in self.sections:
            if section.number == number:
                return section
        return None

    @property
    def full_text(self) -> str:
        """Preamble and every section, headings included, in order."""
        parts = [self.preamble] if self.preamble else []
        for s in self.sections:
            parts.append(s.heading or s.title)
            if s.text:
                parts.append(s.text)
        return "\n".join(parts)
