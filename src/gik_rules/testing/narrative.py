"""A hypothesis strategy for reports with odd narrative and metadata, for robustness tests
of rules that read the text: fragments that text rules look for (document titles and
numbers, dates, figures, headings) shuffled with arbitrary characters."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, OrganLevel, Section
from gik_rules.testing.strategies import consistent_reports

FRAGMENTS = (
    "《中华人民共和国政府信息公开条例》",
    "《条例》",
    "《山东省政府信息公开办法》",
    "省政府令第225号",
    "国办公开办函〔2021〕30号",
    "鲁政办发〔2023〕8号",
    "鲁政办字〔",
    "〕",
    "号",
    "《2023年山东省政务公开工作要点》",
    "政务公开工作要点",
    "省政府办公厅关于做好",
    "年政府信息公开工作年度报告编制和发布工作的通知",
    "本报告根据",
    "要求编制",
    "统计期限自",
    "1月1日起至",
    "12月31日止",
    "年",
    "年度",
    "制发",
    "废止",
    "现行有效",
    "规章",
    "行政规范性文件",
    "件",
    "篇",
    "解读比例达100%",
    "解读材料",
    "受理",
    "申请",
    "信息处理费",
    "未收取",
    "（一）",
    "（4）",
    "一、",
    "。",
    "，",
    "；",
    "\n",
    " ",
    "\u3000",
)


def _text() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.integers(-5, 3000).map(str),
        st.text(max_size=6),
    )
    return st.lists(piece, max_size=30).map("".join)


@st.composite
def odd_reports(draw: st.DrawFn, variant: FormVariant | str | None = None) -> AnnualReport:
    """A consistent report whose preamble, section texts and metadata are then scrambled:
    year, organ, level and publication date may be anything, or missing."""
    base = draw(consistent_reports(variant))
    sections = tuple(
        attrs.evolve(s, text=draw(_text()), line_map=()) if draw(st.booleans()) else s
        for s in base.sections
    )
    extra = draw(st.lists(st.integers(1, 9), max_size=2))
    sections += tuple(Section(number=n, title=draw(_text()), text=draw(_text())) for n in extra)
    meta = attrs.evolve(
        base.meta,
        year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
        organ=draw(st.one_of(st.just(base.meta.organ), _text())),
        level=draw(st.sampled_from(OrganLevel)),
        published=draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))),
    )
    return attrs.evolve(base, meta=meta, preamble=draw(_text()), sections=sections)
