"""A figure cell holding text that is no figure (an OCR reading of a small 0 as "。", a
stray mark) keeps its place in its row: the figures after it stay in their columns."""

from __future__ import annotations

from gik_rules.host import Host
from gik_rules.model import CellState
from tests.ingest.conftest import read_one

TEXT = """示例县文化和旅游局2021年政府信息公开工作年度报告
四、政府信息公开行政复议、行政诉讼情况
| 行政复议 | 行政诉讼 |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |
| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 9 | 。 | 13 | 12 | 34 | 17 | 9 | 18 | 18 | 62 | 15 | 19 | 6 | 15 | 55 |
"""


def test_a_mark_in_a_figure_cell_shifts_no_figure(host: Host) -> None:
    result = read_one(TEXT.encode(), "report.txt", host)
    assert result.report is not None
    cells = result.report.cells
    assert cells["t4.review.corrected"].state is CellState.INVALID
    assert cells["t4.review.other"].value == 13
    assert cells["t4.suit_after.total"].value == 55
