"""Page furniture lines, each kind, and the report lines that are not furniture."""

from __future__ import annotations

import pytest

from gik_rules.textnorm import is_furniture, strip_label_prefix
from tests.conftest import CORPUS

FURNITURE = {
    "title field": "标题: 中埠镇人民政府2020年政府信息公开工作年度报告",
    "traditional title field": "標題：平潭綜合實驗區2022年度政府信息公開工作年度報告",
    "name field": "名称 | 山东省机关事务管理局2022年政府信息公开工作年度报告",
    "index number": "索引号: /2021-None 文号: 无文号",
    "dates and organ": "发文日期: 2021-01-30 发布机构: 中埠镇人民政府",
    "publication date": "发布日期：2020-01-31",
    "publication time": "发布时间: 2023-02-20 15:07",
    "empty document number": "文号: ",
    "column": "栏目: 政府信息公开年报",
    "source link": "原文链接: https://www.pingtan.gov.cn/zwgk/t20230220_80629.htm",
    "local folder": "本地目录: zwgk/zfxxgk/zfxxgknb/202302/80629_平潭",
    "font size": "字号 大 中 小",
    "font size bullet": "  • 字号:",
    "font toolbar": "【 字体:",
    "print": "打印",
    "print bullet": "  • 打印",
    "close": "关闭",
    "print and close": "【打印】 【关闭】",
    "breadcrumb": "当前位置：首页 > 政务公开 > 政府信息公开年报",
    "source": "来源: 区政府办公室",
    "time and source": "时间:2025-01-23 11:04 来源:11370000MB2847192R",
    "flipbook page": "Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告",
    "flipbook page number": "P. 8",
    "page x of y": "第 3 页 共 12 页",
    "page number": "- 3 -",
    "archive divider": "==================== 正文 ====================",
    "rule": "------------------------------",
    "bullet only": "  • |",
}

REPORT_LINES = [
    "中埠镇人民政府2020年政府信息公开工作年度报告",
    "一、总体情况",
    "（一）主动公开",
    "二、上年結轉政府信息公開申請數量",
    "第二十条第(一)项",
    "信息内容 |",
    "规章 | 0 | 0 | 0",
    "| 规范性文件 |  2  |",
    "|",
    "|||",
    "|---|---|---|",
    "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
    "中",
    "小",
    "结果 结果 其他 尚未 总",
    "来源于群众的意见建议",
    "打印机采购",
    "标题党",
    "2024年,省生态环境厅坚持以新时代中国特色社会主义思想为指导",
    "(七)总计",
    "",
    "   ",
]


@pytest.mark.parametrize("line", FURNITURE.values(), ids=FURNITURE.keys())
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", REPORT_LINES)
def test_report_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_a_zero_width_character_does_not_hide_furniture() -> None:
    assert is_furniture("\u200b打印\ufeff")


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("标题: 中埠镇人民政府2020年报告", "中埠镇人民政府2020年报告"),
        ("名称 | 某某局2022年报告", "某某局2022年报告"),
        ("標題：平潭綜合實驗區2022年度報告", "平潭綜合實驗區2022年度報告"),  # as printed
        ("  • 标题:\u200b 某某局", "某某局"),
        ("某某局2022年政府信息公开工作年度报告", "某某局2022年政府信息公开工作年度报告"),
        ("标题党的危害", "标题党的危害"),
    ],
)
def test_strip_label_prefix(line: str, value: str) -> None:
    assert strip_label_prefix(line) == value


def test_the_corpus_headers_are_furniture_and_their_titles_are_kept() -> None:
    path = CORPUS / "text" / "pingtan-2022.txt"
    if not path.exists():
        pytest.skip(f"the corpus is not at {path.parent}")
    head = path.read_text(encoding="utf-8").splitlines()[:10]
    assert [is_furniture(line) for line in head] == [True] * 7 + [True, True, False]
    assert strip_label_prefix(head[0]) == "平潭综合实验区2022年度政府信息公开工作年度报告"
