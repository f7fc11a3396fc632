"""Figures stated in the narrative against the tables (forms.md A11)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from gik_rules.forms.evaluate import sum_cells
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, RuleContext, Skip, implements
from gik_rules.rules.locate import cell_label, table_name
from gik_rules_national.rules.prose import Passage, passages

# Clauses that state a change or a rate, not a count: "同比增加5件", "答复率100%".
_NOT_A_COUNT = ("同比", "增加", "减少", "增长", "下降", "较上年", "比上年", "%", "率", "累计")
_CLAUSE = re.compile(r"[,;:。()\n]")
_DIGIT = re.compile(r"\d")
_FILL = r"[^,;:。()\d\n]"  # words inside one clause, no figure
_UNIT = r"(?:件|条|个|份|宗)"
_SUIT_UNIT = r"(?:件|起|宗|个|次)"
_PRIOR = r"(?:上一?年度?)"
_NEXT = r"(?:下一?年度?)"


@attrs.frozen(slots=True)
class Fact:
    """A figure the narrative may state, and the table cells it must agree with.

    ``targets`` are alternatives: the statement agrees when it equals the sum of any one
    of them. ``zero`` patterns state the figure is nought ("未收到政府信息公开申请").
    """

    id: str
    name: str
    name_en: str
    patterns: tuple[re.Pattern[str], ...]
    targets: tuple[tuple[str, ...], ...] = ()
    zero: tuple[re.Pattern[str], ...] = ()
    group: str = ""  # a table 三 row group whose rows' 总计 cells are summed
    row: str = ""  # a table 二 row any of whose cells the figure may be


def _p(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


FACTS: tuple[Fact, ...] = (
    Fact(
        "new",
        "本年新收申请数",
        "applications received",
        _p(
            rf"(?:新收|新接收|收到|受理|接收|接到){_FILL}{{0,20}}?申请(?:数量)?(?:共计|共|合计|总计|为)?(?P<n>\d+){_UNIT}"
        ),
        (("t3.new.tot",), ("t3.new.tot", "t3.carried.tot")),
        _p(r"(?:未|没有)(?:收到|受理|接到)(?:任何)?(?:政府信息公开|依申请公开)申请"),
    ),
    Fact(
        "carried",
        "上年结转申请数",
        "applications carried over from last year",
        _p(
            rf"{_PRIOR}结转(?:的)?(?:政府信息公开)?(?:申请)?(?:数量)?(?:共|为)?(?P<n>\d+){_UNIT}",
            rf"(?P<n>\d+){_UNIT}(?:申请)?(?:为|系|是)?{_PRIOR}结转",
        ),
        (("t3.carried.tot",),),
    ),
    Fact(
        "total",
        "办结（答复）申请数",
        "applications answered",
        _p(
            rf"(?:办结|办理完毕|办理完成|作出答复|答复)(?:了)?(?:各类)?(?:政府信息公开)?(?:申请)?(?:共计|共|合计)?(?P<n>\d+){_UNIT}"
        ),
        (("t3.total.tot",),),
    ),
    Fact(
        "carry_next",
        "结转下年度申请数",
        "applications carried over to next year",
        _p(
            rf"(?P<n>\d+){_UNIT}(?:申请)?(?:顺延|结转|转入|转)(?:到|至|入)?{_NEXT}",
            rf"结转(?:到|至)?{_NEXT}(?:继续办理)?(?:的)?(?:申请)?(?:共|为)?(?P<n>\d+){_UNIT}",
        ),
        (("t3.carry_next.tot",),),
    ),
    Fact(
        "open",
        "予以公开数",
        "applications granted",
        _p(rf"予以公开(?:的)?(?:申请)?(?:共|为)?(?P<n>\d+){_UNIT}"),
        (("t3.open.tot",),),
    ),
    Fact(
        "partial",
        "部分公开数",
        "applications granted in part",
        _p(rf"部分公开(?:的)?(?:申请)?(?:共|为)?(?P<n>\d+){_UNIT}"),
        (("t3.partial.tot",),),
    ),
    Fact(
        "deny",
        "不予公开数",
        "applications refused",
        _p(rf"不予公开(?:的)?(?:申请)?(?:共|为)?(?P<n>\d+){_UNIT}"),
        group="（三）不予公开",
    ),
    Fact(
        "unable",
        "无法提供数",
        "information not available",
        _p(rf"无法提供(?:的)?(?:申请)?(?:共|为)?(?P<n>\d+){_UNIT}"),
        group="（四）无法提供",
    ),
    Fact(
        "reject",
        "不予处理数",
        "applications not processed",
        _p(rf"不予处理(?:的)?(?:申请)?(?:共|为)?(?P<n>\d+){_UNIT}"),
        group="（五）不予处理",
    ),
    Fact(
        "review",
        "行政复议案件数",
        "administrative reviews",
        _p(rf"行政复议(?:案件|申请)?(?:共计|共|合计|为)?(?P<n>\d+){_SUIT_UNIT}"),
        (("t4.review.total",),),
        _p(rf"(?:未|没有)(?:发生|收到|出现|产生|被申请|引起|涉及){_FILL}{{0,16}}?行政复议"),
    ),
    Fact(
        "suit",
        "行政诉讼案件数",
        "lawsuits",
        _p(rf"行政诉讼(?:案件)?(?:共计|共|合计|为)?(?P<n>\d+){_SUIT_UNIT}"),
        (("t4.suit_direct.total", "t4.suit_after.total"),),
        _p(rf"(?:未|没有)(?:发生|收到|出现|产生|被提起|引起|涉及){_FILL}{{0,20}}?行政诉讼"),
    ),
    Fact(
        "rules",
        "规章件数",
        "rules (规章)",
        _p(r"(?<!行政)规章(?:共|为)?(?P<n>\d+)(?:件|部|个|项)"),
        row="t2.rules",
    ),
    Fact(
        "normative",
        "规范性文件件数",
        "normative documents",
        _p(r"规范性文件(?:共|为)?(?P<n>\d+)(?:件|个|份|项)"),
        row="t2.normative",
    ),
)


def targets(fact: Fact, variant: FormVariant | None) -> tuple[tuple[str, ...], ...]:
    """The alternative cell sums of a fact in a report's variant."""
    if fact.group and variant is not None:
        rows = [s.row for s in variant.cells.values() if s.table == "t3" and s.column == "tot"]
        spec = variant.table("t3")
        grouped = [
            r.id for b in (spec.blocks if spec else ()) for r in b.rows if r.group == fact.group
        ]
        return (tuple(f"t3.{r}.tot" for r in rows if r in grouped),)
    if fact.row and variant is not None:
        prefix = fact.row + "."
        return tuple((cid,) for cid in variant.cells if cid.startswith(prefix))
    return fact.targets


def _clause(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = _CLAUSE.search(text, end)
    return text[left : right.start() if right else len(text)]


def statements(report: AnnualReport) -> Iterator[tuple[Fact, int, Passage, int, int]]:
    """``(fact, stated value, passage, start, end)`` for each figure the narrative states."""
    for passage in passages(report):
        text = passage.folded.text
        # a count pattern captures its figure (n) as digits: none to find without one
        counts = _DIGIT.search(text) is not None
        for fact in FACTS:
            seen: set[int] = set()
            for pattern in fact.patterns if counts else ():
                for match in pattern.finditer(text):
                    start, end = match.span()
                    if start in seen or any(w in _clause(text, start, end) for w in _NOT_A_COUNT):
                        continue
                    seen.add(start)
                    yield fact, int(match["n"]), passage, start, end
            for pattern in fact.zero:
                for match in pattern.finditer(text):
                    yield fact, 0, passage, match.start(), match.end()


@implements("N401")
def narrative_table_mismatch(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    names = variant or ctx.expected_variant(report.meta.year)
    stated_any = compared = False
    for fact, stated, passage, start, end in statements(report):
        stated_any = True
        options = [(cells, sum_cells(report.cells, cells)) for cells in targets(fact, variant)]
        options = [(cells, value) for cells, value in options if value is not None]
        if not options:
            continue
        compared = True
        if any(value == stated for _, value in options):
            continue
        cells, value = options[0]
        table = table_name(cells[0].partition(".")[0], names)
        if len(cells) == 1:
            where_cn = f"{table}“{cell_label(cells[0], variant)}”"
        else:
            where_cn = f"{table}相应各栏之和"
        stated_text = passage.folded.text[start:end]
        yield Hit(
            f"正文所述{fact.name}（“{stated_text}”）为{stated}，与{where_cn}的{value}不一致",
            f"the narrative states {stated} {fact.name_en} ({stated_text!r}); the table gives {value}",
            passage.location(start, end),
            expected=value,
            actual=stated,
            cells=cells,
        )
    if stated_any and not compared:  # the text states figures the tables do not give
        raise Skip(
            "正文所述数字在表格中均无对应数字，无从比较",
            "no figure the text states has a figure in the tables to compare with",
        )
