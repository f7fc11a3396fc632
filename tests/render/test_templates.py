"""The section-template contract: validation, override chains and precedence."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest

from gik_rules.api import read
from gik_rules.hookspecs import hookimpl
from gik_rules.host import build_host, default_host
from gik_rules.model import AnnualReport
from gik_rules.render import render_report
from gik_rules.render.templates import (
    TemplateError,
    TemplateSource,
    chain,
    load_templates,
    template_sources,
)
from tests.conftest import REPO

NATIONAL = next(t for t in default_host().templates if t["jurisdiction"] == "national")


def _dir(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    directory = tmp_path / name
    directory.mkdir()
    for file, text in files.items():
        (directory / file).write_text(text, encoding="utf-8")
    return directory


def test_the_national_plugin_ships_templates() -> None:
    assert NATIONAL["plugin"] == "national"
    assert (Path(NATIONAL["path"]) / "tables.toml").is_file()


def test_contributions_are_validated(tmp_path: Path) -> None:
    good = {"jurisdiction": "x", "path": tmp_path}
    with pytest.raises(TemplateError, match="unknown template keys"):
        template_sources([{**good, "colour": "red"}])
    with pytest.raises(TemplateError, match="jurisdiction"):
        template_sources([{**good, "jurisdiction": "Shan Dong"}])
    with pytest.raises(TemplateError, match="does not exist"):
        template_sources([{**good, "path": tmp_path / "missing"}])
    with pytest.raises(TemplateError, match="both a and b"):
        template_sources([{**good, "plugin": "a"}, {**good, "plugin": "b"}])


def test_chains_follow_overrides(tmp_path: Path) -> None:
    sources = template_sources(
        [
            {"jurisdiction": "national", "path": tmp_path},
            {"jurisdiction": "shandong", "path": tmp_path, "overrides": "national"},
            {"jurisdiction": "jinan", "path": tmp_path, "overrides": "shandong"},
        ]
    )
    assert [s.jurisdiction for s in chain(sources, "jinan")] == ["jinan", "shandong", "national"]
    with pytest.raises(TemplateError, match="no templates for jurisdiction 'hebei'"):
        chain(sources, "hebei")
    loop = {
        "a": TemplateSource("a", tmp_path, "b"),
        "b": TemplateSource("b", tmp_path, "a"),
    }
    with pytest.raises(TemplateError, match="cycle"):
        chain(loop, "a")
    with pytest.raises(TemplateError, match="unknown templates 'nowhere'"):
        chain({"a": TemplateSource("a", tmp_path, "nowhere")}, "a")


def test_province_then_variant_then_national(tmp_path: Path) -> None:
    province = _dir(
        tmp_path,
        "sd",
        {
            "section-6.j2": "山东：{{ organ }}",
            "title.V2019.j2": "{{ year }}年度（试行格式）",
            "preamble.j2": '{% include "national/preamble.j2" ignore missing %}山东补充。',
        },
    )
    contributions = [
        NATIONAL,
        {"jurisdiction": "shandong", "path": province, "overrides": "national"},
    ]
    variants = default_host().variants
    v2021 = load_templates(variants["V2021"], "shandong", contributions)
    # the province's common file beats the national variant-specific one
    assert v2021.find("section-6") == "shandong/section-6.j2"
    assert v2021.render("section-6", {"organ": "济南市商务局"}) == "山东：济南市商务局"
    # a piece the province does not ship comes from the national templates
    assert v2021.find("title") == "national/title.j2"
    assert v2021.find("report.html") == "_core/report.html.j2"
    assert v2021.render("preamble", {}) == "山东补充。"
    v2019 = load_templates(variants["V2019"], "shandong", contributions)
    assert v2019.find("title") == "shandong/title.V2019.j2"
    assert v2019.find("section-1") == "national/section-1.j2"
    assert v2019.find("preamble", "j2") == "shandong/preamble.j2"


def test_undefined_variables_are_errors(tmp_path: Path) -> None:
    broken = _dir(tmp_path, "b", {"title.j2": "{{ orgn }}"})
    templates = load_templates(
        default_host().variants["V2021"],
        "b",
        [NATIONAL, {"jurisdiction": "b", "path": broken, "overrides": "national"}],
    )
    with pytest.raises(TemplateError, match="orgn"):
        templates.render("title", {"organ": "x"})


def test_a_provincial_plugin_changes_what_render_writes(tmp_path: Path) -> None:
    province = _dir(
        tmp_path,
        "sd",
        {
            "heading.j2": "{{ numeral }}、{{ title }}（山东）",
            "tables.toml": '[t2]\nkind = "blocks"\nlabel_header = "项目"\n',
        },
    )
    plugin = SimpleNamespace(
        gik_section_templates=hookimpl(
            lambda: [{"jurisdiction": "testprov", "path": province, "overrides": "national"}]
        )
    )
    host = build_host([("testprov", plugin)])
    report: AnnualReport = read(REPO / "examples" / "clean-2021.toml")
    text = render_report(report, "txt", "testprov", host).decode()
    assert "一、总体情况\n" in text  # the report's own heading, as it is written
    unheaded = attrs.evolve(
        report, sections=tuple(attrs.evolve(s, heading="") for s in report.sections)
    )
    text = render_report(unheaded, "txt", "testprov", host).decode()
    assert "一、总体情况（山东）" in text  # a section without one: the province's heading.j2
    assert "\t项目\n" in text and "\t信息内容\n" not in text
    assert "（本列数据的勾稽关系为" in text  # t3 layout inherited from the national one


def test_one_heading_method_serves_render_new_and_fix(tmp_path: Path) -> None:
    """TemplateSet.heading gives heading.j2 the number, its numeral and the title; a
    jurisdiction's own heading.j2 is used for render, new and fix alike."""
    variant = default_host().variants["V2021"]
    templates = load_templates(variant, "national", default_host().templates)
    assert templates.heading({}, 6, "其他需要报告的事项") == "六、其他需要报告的事项"
    own = _dir(tmp_path, "own", {"heading.j2": "第{{ numeral }}部分 {{ title }}（{{ organ }}）"})
    sources = [
        *default_host().templates,
        {"jurisdiction": "own", "path": own, "overrides": "national"},
    ]
    mine = load_templates(variant, "own", sources)
    assert mine.heading({"organ": "某局"}, 11, "附") == "第十一部分 附（某局）"


def test_cn_date_is_one_public_helper() -> None:
    """The filter of the templates is the function plugins import from gik_rules.render."""
    import datetime as dt

    from gik_rules.render import cn_date

    variant = default_host().variants["V2021"]
    env = load_templates(variant, "national", default_host().templates).environment
    assert env.filters["cn_date"] is cn_date
    assert cn_date(dt.date(2022, 1, 5)) == "2022年1月5日" and cn_date(None) == ""
