"""Basis rules: the outdated provincial measures, the 条例, the 要点 and the provincial notice."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, RuleContext, implements
from gik_rules_shandong import data
from gik_rules_shandong.text import Line, sentences

_BASIS_VERB = re.compile(r"(根据|依据|按照|依照)")
_BASIS_OBJECT = re.compile(r"(编制|制作|编写|发布)|本报告|年度报告|年报")
_YAODIAN = re.compile(r"(?P<year>(?:19|20)\d{2})年度?(?P<title>[^《》。，,]{0,8}?)政务公开工作要点")
_NUMBER = re.compile(
    r"(?P<prefix>鲁政办[发字]?)[〔\[［【(（](?P<year>(?:19|20)\d{2})[〕\]］】)）](?P<no>\d+)号"
)
_NOTICE = re.compile(
    r"(?P<issuer>[^《》。，,]{0,14}?)关于做好(?P<year>(?:19|20)\d{2})年度?"
    r"(?P<rest>政府信息公开工作?年度报告[^《》。]{0,12}?通知)"
)


def _mentions(line: Line, words: list[str]) -> list[str]:
    """The words that stand in the line, leaving out those inside a longer one found."""
    found = [w for w in words if w in line.text]
    return [w for w in found if not any(w != o and w in o for o in found)]


@implements("SD201")
def outdated_basis(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    year = report.meta.year
    if year is None:
        return
    outdated = data.basis().outdated
    seen: set[tuple[int | None, int | None]] = set()
    for line in sentences(report):
        found = _mentions(line, [*outdated.names, *outdated.decrees])
        if not found or (line.section, line.line) in seen:
            continue
        seen.add((line.section, line.line))
        cited = "、".join(f"《{w}》" if "办法" in w else w for w in found)
        yield Hit(
            f"{year}年度报告引用了{cited}：该办法2010年依据旧条例制定，2019年新修订的"
            "《中华人民共和国政府信息公开条例》施行后，山东年报一般不再以其为依据（其现行效力未经证实）",
            f"a report on {year} cites {outdated.title} (2010, made under the 2007 "
            "ordinance); Shandong reports since the 2019 条例 no longer cite it (its current "
            "status is unconfirmed)",
            line.location(),
            expected="《中华人民共和国政府信息公开条例》",
            actual=cited,
        )


def _is_basis(text: str) -> bool:
    """A sentence giving the basis of the report: 根据…《…》…编制 / 本报告 / 年度报告."""
    return bool(
        _BASIS_VERB.search(text) and _BASIS_OBJECT.search(text) and "《" in text and "报告" in text
    )


@implements("SD202")
def basis_ordinance(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    names = [*data.basis().ordinance.names, "《条例》"]
    opening = [line for line in sentences(report) if line.section in (None, 1)]
    if any(name in line.text for line in opening for name in names):
        return
    basis = next((line for line in opening if _is_basis(line.text)), None)
    if basis is None:
        return
    cited = "、".join(re.findall(r"《[^》]{2,60}》", basis.text))
    yield Hit(
        f"报告编制依据未引用《中华人民共和国政府信息公开条例》（所引为：{cited}）",
        f"the basis of the report does not cite the 条例 (it cites: {cited})",
        basis.location(),
        expected="《中华人民共和国政府信息公开条例》",
        actual=cited,
    )


@attrs.frozen(slots=True)
class _Citation:
    """A Shandong 要点 cited in a sentence: its year and, if given, its number."""

    year: int
    number: str | None = None
    number_year: int | None = None


def _number(match: re.Match[str]) -> tuple[str, int]:
    return f"{match['prefix']}〔{match['year']}〕{match['no']}号", int(match["year"])


def _yaodian_citations(text: str) -> Iterator[_Citation]:
    """Each Shandong 要点 cited in ``text``: 山东 (or 全省) stands in or just before its
    title, or a 鲁政办 number follows it."""
    titles = list(_YAODIAN.finditer(text))
    numbers = list(_NUMBER.finditer(text))
    for i, title in enumerate(titles):
        end = titles[i + 1].start() if i + 1 < len(titles) else len(text)
        after = [n for n in numbers if title.end() <= n.start() < min(end, title.end() + 12)]
        if after:
            number, number_year = _number(after[0])
            yield _Citation(int(title["year"]), number, number_year)
        elif any(
            w in title["title"] or w in text[max(title.start() - 6, 0) : title.start()]
            for w in ("山东", "全省")
        ):
            yield _Citation(int(title["year"]))  # 《2023年山东省…要点》, 《山东省2023年…要点》
    if not titles and "政务公开工作要点" in text:
        for match in numbers:
            number, number_year = _number(match)
            yield _Citation(number_year, number, number_year)


@implements("SD203")
def yaodian_number(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    year = report.meta.year
    known = data.yaodian_numbers()
    for line in sentences(report):
        for cited in _yaodian_citations(line.text):
            if year is not None and cited.year not in (year, year + 1):
                want = f"{year}年山东省政务公开工作要点" + (
                    f"（{known[year]}）" if year in known else ""
                )
                yield Hit(
                    f"{year}年度报告引用的是{cited.year}年山东省政务公开工作要点，应为{want}",
                    f"a report on {year} cites the {cited.year} Shandong 要点",
                    line.location(),
                    expected=want,
                    actual=f"{cited.year}年" + (f"（{cited.number}）" if cited.number else ""),
                )
                continue
            expected = known.get(cited.year)
            if cited.number is None or cited.number == expected:
                continue
            if expected is None and cited.number_year == cited.year:
                continue  # a year whose number is unknown: only the year inside is checked
            want = expected or f"鲁政办发〔{cited.year}〕…号"
            yield Hit(
                f"{cited.year}年山东省政务公开工作要点的文号应为{want}，报告写作{cited.number}",
                f"the {cited.year} Shandong 要点 is {want}, not {cited.number}",
                line.location(),
                expected=want,
                actual=cited.number,
            )


def _provincial_notices(text: str, issuers: Sequence[str]) -> Iterator[tuple[int, str]]:
    """``(year, title as cited with the issuer folded to 省政府办公厅)`` of each citation
    of the provincial notice in ``text``."""
    for match in _NOTICE.finditer(text):
        issuer = next((i for i in issuers if match["issuer"].endswith(i)), None)
        if issuer is not None:
            yield int(match["year"]), f"省政府办公厅关于做好{match['year']}年{match['rest']}"


@implements("SD204")
def notice_title(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    year = report.meta.year
    if year is None:
        return
    expected = data.notice_title(year)
    for line in sentences(report):
        for cited_year, cited in _provincial_notices(line.text, data.notice().issuers):
            if cited_year != year:
                message = f"{year}年度报告引用的是{cited_year}年度报告编制发布的省级通知"
                message_en = f"a report on {year} cites the provincial notice for {cited_year}"
            elif cited != expected:
                message = f"省级通知的标题应为《{expected}》"
                message_en = f"the provincial notice is titled 《{expected}》"
            else:
                continue
            yield Hit(
                message,
                message_en,
                line.location(),
                expected=f"《{expected}》",
                actual=f"《{cited}》",
            )
