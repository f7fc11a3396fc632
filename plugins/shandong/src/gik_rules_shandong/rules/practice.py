"""Practice rules: what Shandong reports usually contain (observed, not required)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gik_rules.model import AnnualReport, OrganLevel
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules_shandong.text import fold, sentences, whole

_FULL = re.compile(r"解读(?:比例|率|覆盖率)[^。；]{0,6}?100%")
_DOCUMENTS = re.compile(r"(?:政策性?|规范性)?文件(?:共)?(\d+)(?:件|份|个)")
_MATERIALS = re.compile(r"解读(?:材料|稿件|文章|产品)?(?:共)?(\d+)(?:篇|件|份|个|条)")
_PUBLISHED_AT = ("网站", "网址", "门户", "专栏", "下载", "http")
_CONTACT = ("地址", "电话", "邮箱", "电子邮件", "联系方式", "联系人")


def _start(report: AnnualReport) -> Location:
    first = report.section(1)
    return Location(section=1 if first else None, line=first.line if first else None)


@implements("SD401")
def policy_interpretation(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    if not _FULL.search(whole(report)):
        return
    for line in sentences(report):
        documents = _DOCUMENTS.search(line.text)
        materials = _MATERIALS.search(line.text)
        if documents is None or materials is None:
            continue
        docs, mats = int(documents.group(1)), int(materials.group(1))
        if mats < docs:
            yield Hit(
                f"报告称政策解读比例达100%，但所列解读材料（{mats}）少于政策文件（{docs}）",
                f"the report claims every policy was interpreted, but gives {mats} 解读 "
                f"materials for {docs} documents",
                line.location(),
                expected=f"≥ {docs}",
                actual=mats,
            )


@implements("SD402")
def policy_library(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    organ = fold(report.meta.organ)
    if not organ.startswith("山东省") or report.meta.level is not OrganLevel.DEPARTMENT:
        return
    if "文件库" in whole(report):
        return
    yield Hit(
        "省直部门年度报告未提及向山东省政策文件库（省政府文件库）汇聚政策文件的情况",
        "a provincial department's report does not mention the 山东省政策文件库",
        _start(report),
    )


@implements("SD403")
def contact(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    text = whole(report)
    missing = [
        what
        for what, words in (("电子版获取途径", _PUBLISHED_AT), ("联系方式", _CONTACT))
        if not any(w in text for w in words)
    ]
    if missing:
        last = report.sections[-1] if report.sections else None
        yield Hit(
            f"报告未说明{'和'.join(missing)}",
            "the report gives no "
            + " and no ".join(
                "place of publication" if m == "电子版获取途径" else "contact" for m in missing
            ),
            Location(section=last.number if last else None, line=last.line if last else None),
            expected="、".join(missing),
        )
