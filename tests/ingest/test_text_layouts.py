"""The text reader on small reports written by hand in the layouts of real ones: what it
recovers, and what it reports instead of guessing. Nothing here needs ../shared."""

from __future__ import annotations

from pathlib import Path

import gik_rules
from gik_rules.engine import RuleStatus
from gik_rules.host import Host
from gik_rules.ingest.result import ReadResult
from gik_rules.model import Provenance
from tests.ingest.conftest import read_one

HEAD = "示例县商务局2022年政府信息公开工作年度报告\n一、总体情况\n本年度依法公开。\n"
T3_HEADER = "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"


def _read(text: str, host: Host, name: str = "r.txt") -> ReadResult:
    return read_one(text.encode(), name, host)


def test_a_whole_report_on_one_line_with_figures_run_together(host: Host) -> None:
    body = (
        "标题: 示例县商务局2022年度政府信息公开工作年度报告\n发布时间: 2023-01-20\n"
        "==================== 正文 ====================\n"
        "本报告依据条例编制。 一、总体情况 2022年，本局依法公开。 二、主动公开政府信息情况 略。"
        " 三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
        "等于第三项加第四项之和） 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 "
        "社会公益组织 法律服务机构 其他 一、本年新收政府信息公开申请数量713000074"
        "二、上年结转政府信息公开申请数量1000001三、本年度办理结果（一）予以公开 750000075"
        "（七）总计 723000075四、结转下年度继续办理0000000 四、政府信息公开行政复议、行政诉讼情况"
        " 五、存在的主要问题及改进情况 无。 六、其他需要报告的事项 无。\n"
    )
    result = _read(body, host)
    report = result.report
    assert report is not None
    assert (report.meta.organ, report.meta.year) == ("示例县商务局", 2022)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    new = [report.cells[f"t3.new.{c}"].value for c in ("np", "ce", "ri", "sw", "ls", "ot", "tot")]
    assert new == [71, 3, 0, 0, 0, 0, 74]
    assert report.cells["t3.new.np"].provenance is Provenance.DECODED
    assert report.cells["t3.total.tot"].value == 75


def test_a_run_that_admits_several_splits_is_reported_not_guessed(host: Host) -> None:
    text = HEAD + (
        "二、主动公开政府信息情况\n第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数"
        " 规章000行政规范性文件8855698\n"
    )
    result = _read(text, host)
    assert result.report is not None
    (issue,) = [i for i in result.issues if i.code == "P011"]
    assert (issue.location.table, issue.location.row) == ("t2", "normative")
    assert "8855698" in issue.message and "15" in issue.message
    cell = result.report.cells["t2.normative.issued"]
    assert cell.value is None and cell.provenance is Provenance.UNREAD
    assert [
        result.report.cells[f"t2.rules.{c}"].value for c in ("issued", "repealed", "in_force")
    ] == [0, 0, 0]


def test_figures_that_cannot_be_placed_are_not_placed(host: Host) -> None:
    text = (
        HEAD
        + "三、收到和处理政府信息公开申请情况\n"
        + T3_HEADER
        + ("一、本年新收政府信息公开申请数量 56 56\n（一）予以公开 3 0 0 0 0 0 3\n")
    )
    result = _read(text, host)
    assert result.report is not None
    (issue,) = [i for i in result.issues if i.code == "P007"]
    assert issue.location.row == "new" and (issue.expected, issue.actual) == (7, 2)
    assert result.report.cells["t3.new.np"].value is None
    assert result.report.cells["t3.open.tot"].value == 3
    # the identities over the unread row are not evaluated: no false mismatch
    checked = gik_rules.check_report(result.report, "national", host)
    assert not [
        f for f in checked.findings if f.code == "N301" and "new" in (f.location.cell or "")
    ]


def test_a_garbled_label_is_matched_nearly_and_said_so(host: Host) -> None:
    text = (
        HEAD
        + "三、收到和处理政府信息公开申请情况\n"
        + T3_HEADER
        + ("1.本机关不掌捤相关政府信息 2 0 0 0 0 0 2\n")
    )
    result = _read(text, host)
    assert result.report is not None
    assert result.report.cells["t3.none_held.tot"].value == 2
    (issue,) = [i for i in result.issues if i.code == "P006"]
    assert issue.actual == "本机关不掌捤相关政府信息" and issue.location.row == "none_held"


def test_traditional_characters_and_pinyin_glosses(host: Host) -> None:
    text = (
        "示例縣商務局2022年政府信息公開工作年度報告\n一、總體情況\n本年度依法公開。\n"
        "三、收到和處理政府信息公開申請情況\n申請人情況 自然人 商業企業 科研機構 社會公益組織 法律服務機構 其他 總計\n"
        "一、本年新收政府信息公開申請數(shù)量 4 0 0 0 0 0 4\n"
    )
    result = _read(text, host)
    assert result.report is not None
    assert result.report.meta.organ == "示例縣商務局"  # as printed
    assert [s.number for s in result.report.sections] == [1, 3]
    assert result.report.cells["t3.new.tot"].value == 4
    assert result.report.cells["t3.new.tot"].raw == "4"


def test_a_pre_2019_report_gets_one_finding(tmp_path: Path, host: Host) -> None:
    text = (
        "示例县统计局2017年政府信息公开工作年度报告\n一、概述\n本年度依法公开。\n"
        "政府信息公开情况统计表\n指标名称 计量单位 统计数\n（一）主动公开政府信息数 条 100\n"
    )
    (tmp_path / "old.txt").write_text(text, encoding="utf-8")
    (result,) = gik_rules.check(tmp_path / "old.txt", "national", host=host)
    assert [f.code for f in result.findings] == ["P012"]


def test_a_document_that_is_no_report_gets_one_finding(tmp_path: Path, host: Host) -> None:
    (tmp_path / "list.txt").write_text("购物清单\n苹果 3\n牛奶 2\n面包 1\n", encoding="utf-8")
    (result,) = gik_rules.check(tmp_path / "list.txt", "national", host=host)
    assert [f.code for f in result.findings] == ["P013"]


def test_an_unknown_variant_is_said_and_no_table_rule_passes(host: Host) -> None:
    # No year anywhere, and table 三's labels are the same in both variants.
    text = "示例县商务局政府信息公开工作年度报告\n一、总体情况\n本年度依法公开。\n" + (
        "三、收到和处理政府信息公开申请情况\n"
        + T3_HEADER
        + "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
    )
    result = _read(text, host)
    assert result.report is not None and result.report.meta.variant is None
    assert "P003" in {i.code for i in result.issues}
    checked = gik_rules.check_report(result.report, "national", host)
    assert checked.statuses["N301"] is not RuleStatus.OK
