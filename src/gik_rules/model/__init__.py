"""The report data model (attrs, frozen) and its canonical serialised form."""

from gik_rules.model.cell import Cell, CellState, Number, Provenance
from gik_rules.model.report import AnnualReport, OrganLevel, ReportMeta, Section, TableInfo
from gik_rules.model.span import SourceSpan

__all__ = [
    "AnnualReport",
    "Cell",
    "CellState",
    "Number",
    "OrganLevel",
    "Provenance",
    "ReportMeta",
    "Section",
    "SourceSpan",
    "TableInfo",
]
