"""The header of a dataset: metadata columns and one column per cell id.

Documented in ``docs/datasets.md``; ``examples/dataset-template.csv`` is
``template_header()`` written out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from gik_rules.forms.labels import fold
from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.limits import check
from gik_rules.rules.finding import Location

#: Metadata columns, in template order.
META_COLUMNS = (
    "organ",
    "year",
    "variant",
    "level",
    "region",
    "published",
    "organ_id",
    "parent_id",
    "title",
)

# Headers a provincial office's own spreadsheet may already use for the same facts.
_META_ALIASES = {
    "机关": "organ",
    "机关名称": "organ",
    "单位": "organ",
    "单位名称": "organ",
    "年度": "year",
    "报告年度": "year",
    "格式": "variant",
    "格式版本": "variant",
    "层级": "level",
    "机关层级": "level",
    "地区": "region",
    "行政区划": "region",
    "发布日期": "published",
    "发布时间": "published",
    "机关代码": "organ_id",
    "统一社会信用代码": "organ_id",
    "上级机关代码": "parent_id",
    "标题": "title",
    "报告标题": "title",
}


@attrs.frozen(slots=True)
class Column:
    """One column of the header: ``kind`` is "meta", "cell", "unknown" or "empty"."""

    index: int
    header: str
    kind: str
    key: str = ""  # the metadata field or the cell id
    letter: str = attrs.field(init=False)  # the spreadsheet column, "A" for index 0

    @letter.default
    def _letter(self) -> str:
        return column_letter(self.index)


def classify(headers: Sequence[str], cell_ids: frozenset[str]) -> list[Column]:
    """What each column of a header row holds (``LimitExceeded`` past ``Limits.columns``)."""
    check("columns", len(headers), Location(line=1, ref="row 1"))
    out = []
    for index, header in enumerate(headers):
        key = fold(header).lower()
        if not key:
            out.append(Column(index, header, "empty"))
        elif key in META_COLUMNS or key in _META_ALIASES:
            out.append(Column(index, header, "meta", _META_ALIASES.get(key, key)))
        elif key in cell_ids:
            out.append(Column(index, header, "cell", key))
        else:
            out.append(Column(index, header, "unknown", key))
    return out


def all_cell_ids(variants: Mapping[str, FormVariant]) -> list[str]:
    """Cell ids of every variant: the newest variant's in form order, then the others'."""
    ordered = sorted(variants.values(), key=lambda v: -v.first_year)
    seen: dict[str, None] = {}
    for variant in ordered:
        seen.update(dict.fromkeys(variant.cells))
    return list(seen)


def template_header(variants: Mapping[str, FormVariant]) -> list[str]:
    """The header row of ``examples/dataset-template.csv``."""
    return [*META_COLUMNS, *all_cell_ids(variants)]


def column_letter(index: int) -> str:
    """The spreadsheet column of the 0-based ``index``: ``A`` … ``Z``, ``AA`` … ``XFD``
    (openpyxl's ``get_column_letter(index + 1)``, without importing openpyxl, which a
    CSV dataset does not need: some 20 MiB and 0.2 s)."""
    if not 0 <= index < 18278:  # as openpyxl: three letters at most
        raise ValueError(f"Invalid column index {index + 1}")
    n, letters = index + 1, ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters
