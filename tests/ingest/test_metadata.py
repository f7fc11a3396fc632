"""The title block and metadata of a report, from every form its title is printed in."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.ingest.metadata import (
    Metadata,
    date_of,
    is_organ_name,
    period_year,
    read_metadata,
    title_parts,
)
from gik_rules.ingest.structure import (
    level_of,
    levels_and_regions,
    organ_from_title,
    region_of,
)
from gik_rules.model import OrganLevel
from gik_rules.textnorm import fold
from tests.conftest import CORPUS, SEED

BODY = "一、总体情况\n本年度，本机关认真落实《条例》。\n"


def read(head: str, body: str = BODY, signature: str = "") -> Metadata:
    """The metadata of ``head`` followed by a body that starts at its first heading."""
    return read_metadata(head + body, body_start=len(head), signature=signature)


# --- title forms ------------------------------------------------------------------------


def test_organ_after_the_year() -> None:
    md = read("2019年上海市人民政府办公厅政府信息公开工作年度报告\n")
    assert (md.title, md.organ, md.organ_from) == (
        "2019年上海市人民政府办公厅政府信息公开工作年度报告",
        "上海市人民政府办公厅",
        "title",
    )
    assert (md.year, md.year_from, md.issues) == (2019, "title", ())
    assert md.title_span is not None and (md.title_span.line, md.title_span.column) == (1, 1)


def test_organ_before_the_year() -> None:
    md = read("淮安市人民政府2024年政府信息公开工作年度报告\n")
    assert (md.organ, md.year) == ("淮安市人民政府", 2024)


def test_organ_on_the_line_above_the_title() -> None:
    md = read("淮安市洪泽区人民政府\n\n2024 年政府信息公开工作年度报告\n")
    assert md.title == "2024年政府信息公开工作年度报告"
    assert (md.organ, md.organ_from, md.year) == ("淮安市洪泽区人民政府", "title", 2024)
    assert md.title_span is not None and md.title_span.line == 3


def test_title_without_organ_takes_it_from_the_text() -> None:
    body = "一、总体情况\n2022年,二道区房屋征收工作管理办公室认真贯彻落实《条例》。\n"
    md = read("关于2022年度政府信息公开情况的报告\n", body)
    assert md.title == "关于2022年度政府信息公开情况的报告"
    assert (md.organ, md.organ_from, md.year) == ("二道区房屋征收工作管理办公室", "text", 2022)


def test_organ_named_as_the_author_of_the_report() -> None:
    head = "本报告由山东省机关事务管理局根据《条例》的要求编制,统计期限自2022年1月1日起至2022年12月31日止。\n"
    md = read(head)
    assert (md.title, md.title_span) == ("", None)
    assert (md.organ, md.organ_from) == ("山东省机关事务管理局", "text")
    assert (md.year, md.year_from) == (2022, "period")
    assert md.title_end == 0  # the first line is the preamble


def test_organ_from_the_signature() -> None:
    sig = "\n某县自然资源局\n2023年1月20日\n"
    md = read("关于2022年度政府信息公开情况的报告\n", BODY + sig, signature=sig)
    assert (md.organ, md.organ_from) == ("某县自然资源局", "signature")
    assert md.published == dt.date(2023, 1, 20)


def test_signature_read_from_the_last_lines_when_not_given() -> None:
    md = read(
        "关于2022年度政府信息公开情况的报告\n", BODY + "某县自然资源局\n二〇二三年一月二十日\n"
    )
    assert (md.organ, md.organ_from, md.published) == (
        "某县自然资源局",
        "signature",
        dt.date(2023, 1, 20),
    )


def test_title_over_two_lines() -> None:
    md = read("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》的要求……\n")
    assert md.title == "2024年上海市科委政府信息公开工作年度报告"
    assert (md.organ, md.year) == ("上海市科委", 2024)
    assert md.title_span is not None and md.title_span.line == 2
    text = "正文\n2024 年上海市科委政府信息公开工作\n年度报告\n"
    assert md.title_end == len(text)  # the preamble starts after the title block


def test_title_only_in_the_furniture() -> None:
    head = (
        "标题: 平潭综合实验区2022年度政府信息公开工作年度报告\n"
        "发布时间: 2023-02-20 15:07\n"
        "==================== 正文 ====================\n"
    )
    md = read(head + "本报告根据《条例》编制。")
    assert md.title == "平潭综合实验区2022年度政府信息公开工作年度报告"
    assert (md.organ, md.year) == ("平潭综合实验区", 2022)
    assert md.title_span is not None and (md.title_span.line, md.title_span.column) == (1, 5)
    assert md.title_end == len(head)


def test_title_printed_twice_and_the_preamble_on_its_line() -> None:
    head = (
        "标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n"
        "==================== 正文 ====================\n"
    )
    line = "平潭综合实验区2019年政府信息公开工作年度报告 根据《条例》要求编制完成了本报告。"
    text = head + line + "一、总体情况 2019年，……"
    md = read_metadata(text, body_start=text.index("一、"))
    assert md.title == "平潭综合实验区2019年政府信息公开工作年度报告"  # the body's copy
    assert md.title_span is not None and md.title_span.line == 3
    assert text[md.title_end :].startswith("根据《条例》")
    assert (md.organ, md.year) == ("平潭综合实验区", 2019)


def test_running_head_of_a_page() -> None:
    text = "Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告\nP. 8\n四、行政复议情况\n"
    md = read_metadata(text, body_start=text.index("四、"))
    assert (md.organ, md.year) == ("威海市文登区信访局", 2022)
    assert md.title_end == text.index("四、")


def test_ocr_noise_in_the_title() -> None:
    md = read("# 淮安市人民政府 2024 年政府信息公开 工作年度报告 丨\n")
    assert md.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert (md.organ, md.year) == ("淮安市人民政府", 2024)


def test_traditional_characters_stay_as_printed() -> None:
    md = read("麻陽苗族自治縣板栗樹鄉人民政府2022年政府信息公開工作年度報告\n")
    assert md.organ == "麻陽苗族自治縣板栗樹鄉人民政府"
    assert fold(md.organ) == "麻阳苗族自治县板栗树乡人民政府"
    assert md.year == 2022


def test_title_inside_the_first_sentence() -> None:
    head = (
        "根据《中华人民共和国政府信息公开条例》的有关规定,"
        "现向社会公布2021年石家庄市教育局政府信息公开工作年度报告。本报告由……组成。\n"
    )
    md = read(head)
    assert md.title == "2021年石家庄市教育局政府信息公开工作年度报告"
    assert (md.organ, md.year, md.title_end) == ("石家庄市教育局", 2021, 0)
    assert md.title_span is not None and md.title_span.column == head.index("2021") + 1


def test_furniture_before_the_title_is_skipped() -> None:
    head = (
        "标题: 中埠镇人民政府2020年政府信息公开工作年度报告\n"
        "索引号: /2021-None 文号: 无文号\n\n"
        "中埠镇人民政府2020年政府信息公开工作年度报告\n\n"
        "发布日期:2021-01-30\n  • 字号:\n  • |\n  • 打印\n\n"
    )
    md = read(head + "  本年度报告是根据……编制。\n")
    assert md.title_span is not None and md.title_span.line == 4  # the body's title
    assert (md.organ, md.year) == ("中埠镇人民政府", 2020)
    assert md.title_end == len(head)


# --- the year ---------------------------------------------------------------------------


def test_year_from_the_statistics_period() -> None:
    md = read("本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n")
    assert (md.year, md.year_from) == (2020, "period")


def test_a_typo_in_the_period_does_not_make_a_year() -> None:
    assert period_year("统计期限自2020年1月1日起至202020年12月31日止。") == 2020
    assert period_year("统计期限自202020年1月1日起至12月31日止。") is None
    md = read("本报告由某县民政局编制。统计期限自202020年1月1日起。\n")
    assert md.year is None
    assert [i.code for i in md.issues] == ["P002"]
    assert md.issues[0].message == "无法读取报告年度"
    assert md.issues[0].message_en == "cannot read the report year"


# --- what is never an organ -------------------------------------------------------------


@pytest.mark.parametrize(
    "above",
    [
        "发布日期:2021-01-30",  # furniture
        "2021年1月30日",  # a date
        "https://www.example.gov.cn/zwgk/",  # a URL
        "- 3 -",  # the last line of a page
        "本机关认真贯彻落实条例，现将有关情况报告如下。",  # a paragraph
    ],
)
def test_organ_is_never_furniture_a_date_a_url_or_a_paragraph(above: str) -> None:
    md = read(f"{above}\n2022年度政府信息公开工作年度报告\n")
    assert (md.organ, md.organ_from, md.year) == ("", "", 2022)
    assert [(i.code, i.message, i.location.line) for i in md.issues] == [
        ("P002", "无法读取机关名称", 2)
    ]


def test_nothing_found() -> None:
    md = read_metadata("", body_start=0)
    assert (md.title, md.organ, md.year, md.title_end) == ("", "", None, 0)
    assert md.issues[0].message_en == "cannot read the organ and report year"


def test_body_start_out_of_range_is_clamped() -> None:
    md = read_metadata("淮安市人民政府2024年政府信息公开工作年度报告", body_start=10_000)
    assert (md.organ, md.year) == ("淮安市人民政府", 2024)


def test_is_organ_name() -> None:
    assert is_organ_name("区商务局")
    assert not is_organ_name("平潭综合实验区管委会办公室电话0591")
    assert not is_organ_name("我局")
    assert not is_organ_name("2022年政府信息公开工作年度报告")
    assert not is_organ_name("先进")  # no organ ending outside a title
    assert is_organ_name("平潭综合实验区", title=True)


def test_title_parts_and_organ_from_title() -> None:
    assert title_parts("2020年度政府信息公开年度报告") == ("", 2020)
    assert title_parts("根据条例现向社会公布2021年政府信息公开工作年度报告。") is None
    assert organ_from_title("2019年上海市人民政府办公厅政府信息公开工作年度报告") == (
        "上海市人民政府办公厅"
    )


def test_date_of() -> None:
    assert date_of("2021年1月30日") == dt.date(2021, 1, 30)
    assert date_of(" 2021-01-30 ") == dt.date(2021, 1, 30)
    assert date_of("二〇二一年一月三十一日") == dt.date(2021, 1, 31)
    assert date_of("2021年2月30日") is None
    assert date_of("2021年1月30日发布") is None


def test_level_and_region_of_organs() -> None:
    assert level_of("中埠镇人民政府") is OrganLevel.TOWNSHIP
    assert level_of("淮安市洪泽区人民政府") is OrganLevel.GOVERNMENT
    assert level_of("区商务局") is OrganLevel.DEPARTMENT
    assert level_of("") is OrganLevel.UNKNOWN
    assert region_of("淮安市洪泽区人民政府") == "淮安市洪泽区"
    assert region_of("洪泽区人民政府") == "洪泽区"
    assert region_of("区商务局") == ""
    # Traditional characters are compared folded; the region is returned as printed.
    assert level_of("麻陽苗族自治縣板栗樹鄉人民政府") is OrganLevel.TOWNSHIP
    assert region_of("麻陽苗族自治縣板栗樹鄉人民政府") == "麻陽苗族自治縣"


_PARTS = ["淮安市", "洪泽区", "麻陽", "自治縣", "鄉", "镇", "街道", "办事处", "人民政府", "政府"]


@given(st.lists(st.lists(st.sampled_from([*_PARTS, "商务局", " ", "\u3000", "㈠"])), max_size=6))
def test_a_columns_levels_and_regions_are_each_names(parts: list[list[str]]) -> None:
    organs = ["".join(p) for p in parts]
    assert levels_and_regions(organs) == [(level_of(o), region_of(o)) for o in organs]


# --- the real files ---------------------------------------------------------------------

TEXT = CORPUS / "text"
# file, the first section heading as printed, organ (compared folded), year
REAL = [
    ("shanghai-govoffice-2019.txt", "一、总体情况", "上海市人民政府办公厅", 2019),
    ("pingtan-2019.txt", "一、总体情况", "平潭综合实验区", 2019),
    ("pingtan-2022.txt", "一、总体情况", "平潭综合实验区", 2022),
    ("pingtan-2024.txt", "一、总体情况", "平潭综合实验区", 2024),
    ("ocr-shanghai-kewei-2024.md", "一、总体情况", "上海市科委", 2024),
    ("excerpt-zibo-zhongbuzhen-2020.txt", "一、总体情况", "中埠镇人民政府", 2020),
    ("excerpt-wendeng-xinfangju-2022-page8.txt", "四、", "威海市文登区信访局", 2022),
    (
        "excerpt-shandong-jiguanshiwuju-2022-traditional.txt",
        "一、政府信息公開",
        "山东省机关事务管理局",
        2022,
    ),
    (
        "excerpt-mayang-banlishuxiang-2022-traditional.txt",
        "一、總體情況",
        "麻阳苗族自治县板栗树乡人民政府",
        2022,
    ),
    ("excerpt-shandong-sthjt-2024-spam.txt", "一、总体情况", "山东省生态环境厅", 2024),
    ("excerpt-changchun-erdao-2022.txt", "一、总体情况", "二道区房屋征收工作管理办公室", 2022),
    ("excerpt-shijiazhuang-jiaoyuju-2021.txt", "一、总体情况", "石家庄市教育局", 2021),
]


@pytest.mark.parametrize(("name", "heading", "organ", "year"), REAL, ids=[r[0] for r in REAL])
def test_real_text_files(name: str, heading: str, organ: str, year: int) -> None:
    path = TEXT / name
    if not path.exists():
        pytest.skip(f"the corpus is not at {TEXT} (../shared/corpus beside the repository)")
    text = path.read_text(encoding="utf-8")
    body_start = text.index(heading)
    md = read_metadata(text, body_start=body_start)
    assert fold(md.organ) == organ
    assert md.year == year
    assert md.issues == ()
    assert md.organ in text  # as printed
    assert md.title_end <= body_start


def test_the_seed() -> None:
    if not SEED.exists():
        pytest.skip(f"the seed report is not at {SEED} (../shared beside the repository)")
    text = SEED.read_text(encoding="utf-8")
    md = read_metadata(text, body_start=text.index("一、总体情况"))
    assert (md.title, md.organ, md.year) == ("2020年度政府信息公开年度报告", "区商务局", 2020)
    assert md.title_span is not None and md.title_span.line == 2
