"""Citations of the basis: the 条例 by its name, the format notices by their numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, RuleContext, implements
from gik_rules_national.rules.prose import joined, passages, sentences

ORDINANCE = "中华人民共和国政府信息公开条例"
_TITLE = re.compile(r"《([^《》]{2,40})》")  # a line may break inside a title
_LOCAL = re.compile(r"^(?!中华人民共和国).{2,}?(?:省|市|自治区|自治州|州|盟|县|区|旗)")
# 国办公开办函〔2021〕30号, also written with [ ] ( ) 【 】 or without 函.
_NOTICE = re.compile(
    r"国办公开办(?P<han>函)?(?P<open>[〔\[【(［]?)(?P<year>(?:19|20)\d{2})(?P<close>[〕\]】)］]?)第?(?P<num>\d{1,3})号"
)
FORMAT_NOTICES = {(2019, 60): "V2019", (2021, 30): "V2021"}
_OLD_ORDINANCE = re.compile(r"(?:国务院令|国令)第?492号")
# what every match of _NOTICE and of _OLD_ORDINANCE contains: a passage without it is passed by
_NOTICE_WORD = "国办公开办"
_OLD_NUMBER = "492号"


@implements("N701")
def ordinance_name(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    for passage in passages(report):
        for match in _TITLE.finditer(passage.folded.text):
            name = match.group(1).replace("\n", "")
            if name in (ORDINANCE, "条例") or not name.endswith("条例"):
                continue
            if "信息公开" not in name and "政务公开" not in name:
                continue
            if _LOCAL.match(name):
                continue  # a provincial or municipal regulation, e.g. 《广东省政务公开条例》
            yield Hit(
                f"条例名称“《{name}》”有误，应为“《{ORDINANCE}》”",
                f"the ordinance is cited as 《{name}》; its name is 《{ORDINANCE}》",
                passage.location(match.start(), match.end()),
                expected=f"《{ORDINANCE}》",
                actual=f"《{name}》",
            )


@implements("N702")
def format_notice_name(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    brackets = bool(ctx.params["check_brackets"])
    if _NOTICE_WORD not in joined(report).text:
        return  # no notice number in any passage (it holds no line break)
    for passage in passages(report):
        text = passage.folded.text
        if _NOTICE_WORD not in text:
            continue  # no notice number in it
        for start, end in sentences(passage):
            sentence = text[start:end]
            about_format = "格式" in sentence or "年度报告" in sentence
            for match in _NOTICE.finditer(sentence):
                year, num = int(match["year"]), int(match["num"])
                written = match.group(0)
                known = (year, num) in FORMAT_NOTICES
                right = f"国办公开办函〔{year}〕{num}号"
                problem = problem_en = ""
                if about_format and not known:
                    right = (
                        "国办公开办函〔2021〕30号" if year >= 2021 else "国办公开办函〔2019〕60号"
                    )
                    problem = "不是年度报告格式通知的文号"
                    problem_en = "is not the number of a notice on the report format"
                elif not match["han"]:
                    problem, problem_en = "漏写“函”字", "lacks 函"
                elif brackets and (match["open"], match["close"]) != ("〔", "〕"):
                    problem = "年份应使用六角括号“〔〕”"
                    problem_en = "puts the year in other brackets than 〔〕"
                if not problem:
                    continue
                yield Hit(
                    f"文号“{written}”{problem}，应为“{right}”",
                    f"the notice number {written} {problem_en}; it should read {right}",
                    passage.location(start + match.start(), start + match.end()),
                    expected=right,
                    actual=written,
                )


@implements("N703")
def outdated_basis(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    year = report.meta.year
    whole = joined(report).text
    if _NOTICE_WORD not in whole and _OLD_NUMBER not in whole:
        return  # no passage holds either (neither holds a line break)
    for passage in passages(report):
        text = passage.folded.text
        if _NOTICE_WORD not in text and _OLD_NUMBER not in text:
            continue  # neither a notice number nor the old ordinance in it
        for start, end in sentences(passage):
            sentence = text[start:end]
            old = _OLD_ORDINANCE.search(sentence)
            if old and (year is None or year >= 2019):
                yield Hit(
                    f"引用的“{old.group(0)}”是2007年公布的旧条例，已于2019年5月15日被修订后的条例（国务院令第711号）取代",
                    f"{old.group(0)} is the 2007 ordinance, replaced on 2019-05-15 by the revised "
                    "ordinance (国务院令第711号)",
                    passage.location(start + old.start(), start + old.end()),
                    expected="国务院令第711号",
                    actual=old.group(0),
                )
            if year is None:
                continue
            cited = {
                FORMAT_NOTICES[(int(m["year"]), int(m["num"]))]
                for m in _NOTICE.finditer(sentence)
                if (int(m["year"]), int(m["num"])) in FORMAT_NOTICES
            }
            if year >= 2021 and cited == {"V2019"}:
                yield Hit(
                    f"{year}年度报告以国办公开办函〔2019〕60号（试行格式）为依据，该格式已被国办公开办函〔2021〕30号取代",
                    f"a {year} report cites the 2019 trial format (国办公开办函〔2019〕60号) as its "
                    "basis; the 2021 format (国办公开办函〔2021〕30号) replaced it",
                    passage.location(start, end),
                    expected="国办公开办函〔2021〕30号",
                    actual="国办公开办函〔2019〕60号",
                )
            elif year <= 2020 and "V2021" in cited:
                yield Hit(
                    f"{year}年度报告引用了2021年9月才印发的国办公开办函〔2021〕30号，其格式从2021年度报告起适用",
                    f"a {year} report cites 国办公开办函〔2021〕30号, issued in September 2021 for "
                    "the reports on 2021 onward",
                    passage.location(start, end),
                    expected="国办公开办函〔2019〕60号",
                    actual="国办公开办函〔2021〕30号",
                )
