"""The finding for an identity that does not hold: its wording, figures and cells.

One source for every path that evaluates identities (a report's rule, a dataset's
column-wise evaluation), so that both give the very same finding.
"""

from __future__ import annotations

from collections.abc import Mapping

from gik_rules.forms.evaluate import IdentityResult
from gik_rules.forms.variant import FormVariant, Identity
from gik_rules.model.cell import Cell
from gik_rules.rules.finding import Hit, Location
from gik_rules.rules.locate import cell_label

_BLANK = Cell()


def mismatch_hit(
    identity: Identity,
    result: IdentityResult,
    cells: Mapping[str, Cell],
    variant: FormVariant | None,
    location: Location,
) -> Hit:
    """The hit for ``identity`` failing as ``result`` says, naming every cell in it."""

    def cell(cid: str) -> Cell:
        return cells.get(cid, _BLANK)

    parts = [
        f"{cell_label(c, variant)}={cell(c).value if cell(c).is_number else '空'}"
        for c in identity.cells
    ]
    blanks = f"（其中{len(result.blanks)}个空白单元格按0计）" if result.blanks else ""
    blanks_en = f" ({len(result.blanks)} blank cells taken as 0)" if result.blanks else ""
    return Hit(
        f"勾稽关系{identity.id}不成立：{identity.title}。填报值 {result.lhs}，"
        f"按各项计算应为 {result.rhs}{blanks}。涉及单元格：" + "；".join(parts),
        f"identity {identity.id} does not hold: reported {result.lhs}, computed {result.rhs}"
        f"{blanks_en}; cells: " + ", ".join(f"{c}={cell(c).value}" for c in identity.cells),
        location,
        expected=result.rhs,
        actual=result.lhs,
        cells=identity.cells,
    )
