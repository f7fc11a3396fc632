"""The national form variants, exactly as forms.md §1.3–1.5 and §2.3–2.5 lay them out."""

from __future__ import annotations

import pytest

from gik_rules.forms import FormVariant, normalise_label
from gik_rules.forms.detect import detect_from_cells, detect_from_labels
from gik_rules.host import Host
from gik_rules.rules import RuleContext


def _columns(variant: FormVariant, table: str, block: str) -> list[str]:
    spec = variant.table(table)
    assert spec is not None
    return [c.label for b in spec.blocks if b.id == block for c in b.columns]


def _rows(variant: FormVariant, table: str) -> list[str]:
    spec = variant.table(table)
    assert spec is not None
    return [r.label for b in spec.blocks for r in b.rows]


def test_v2019_table_2(host: Host) -> None:
    v = host.variants["V2019"]
    assert _columns(v, "t2", "art20_1") == ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert _columns(v, "t2", "art20_5") == ["上一年项目数量", "本年增/减", "处理决定数量"]
    assert _columns(v, "t2", "art20_8") == ["上一年项目数量", "本年增/减"]
    assert _columns(v, "t2", "art20_9") == ["采购项目数量", "采购总金额"]
    assert _rows(v, "t2") == [
        "规章",
        "规范性文件",
        "行政许可",
        "其他对外管理服务事项",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
        "政府集中采购",
    ]


def test_v2021_table_2(host: Host) -> None:
    v = host.variants["V2021"]
    assert _columns(v, "t2", "art20_1") == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert _columns(v, "t2", "art20_5") == ["本年处理决定数量"]
    assert _columns(v, "t2", "art20_8") == ["本年收费金额（单位：万元）"]
    assert _rows(v, "t2") == [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ]


@pytest.mark.parametrize(("vid", "rows"), [("V2019", 23), ("V2021", 25)])
def test_table_3_rows_and_columns(host: Host, vid: str, rows: int) -> None:
    v = host.variants[vid]
    assert _columns(v, "t3", "applications") == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    labels = _rows(v, "t3")
    assert len(labels) == rows
    # 三、本年度办理结果 spans 20 rows in V2019 and 22 in V2021 (forms.md §1.4, §2.4).
    assert len(labels) - 3 == (20 if vid == "V2019" else 22)


def test_v2021_other_processing_has_three_sub_items(host: Host) -> None:
    v = host.variants["V2021"]
    assert "t3.other.np" not in v.cells
    assert {"t3.other_no_correction.np", "t3.other_no_fee.np", "t3.other_other.np"} <= set(v.cells)


@pytest.mark.parametrize("vid", ["V2019", "V2021"])
def test_table_4_has_fifteen_cells(host: Host, vid: str) -> None:
    assert len(host.variants[vid].table_cells("t4")) == 15


@pytest.mark.parametrize("vid", ["V2019", "V2021"])
def test_every_table_3_and_4_cell_is_in_an_identity(host: Host, vid: str) -> None:
    v = host.variants[vid]
    used = {c for i in v.identities for c in i.cells}
    assert set(v.table_cells("t3")) | set(v.table_cells("t4")) == used


def test_identity_families(host: Host) -> None:
    v = host.variants["V2021"]
    families = {i.family for i in v.identities}
    assert families == {"A1", "A2", "A4", "A6"}
    a1 = next(i for i in v.identities if i.id == "A1[np]")
    assert a1.lhs == ("t3.new.np", "t3.carried.np")
    assert a1.rhs == ("t3.total.np", "t3.carry_next.np")
    assert "自然人" in a1.title


def test_label_normalisation_folds_width_spaces_quotes_and_numbering() -> None:
    assert normalise_label("3.危及“三安全一稳定”") == normalise_label('3．危及"三安全一稳定"')
    assert normalise_label("（七）总计") == normalise_label("总 计") == "总计"
    assert normalise_label("本年新\n制作数量") == "本年新制作数量"


def test_detection_from_labels(host: Host) -> None:
    assert (
        detect_from_labels(["信息内容", "本年新\n制作数量", "第二十条第（九）项"], host.variants)
        == "V2019"
    )
    assert (
        detect_from_labels(["本年制发件数", "本年收费金额（单位：万元）"], host.variants) == "V2021"
    )
    assert detect_from_labels(["申请人情况"], host.variants) is None


def test_detection_from_cell_ids(host: Host) -> None:
    assert detect_from_cells(["t2.rules.issued", "t3.new.np"], host.variants) == "V2021"
    assert detect_from_cells(["t2.procurement.amount"], host.variants) == "V2019"
    assert detect_from_cells(["t3.new.np"], host.variants) is None


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2019, "V2019"), (2020, "V2019"), (2021, "V2021"), (2026, "V2021"), (2018, None)],
)
def test_expected_variant_from_year(host: Host, year: int, expected: str | None) -> None:
    variant = RuleContext(variants=host.variants).expected_variant(year)
    assert (variant.id if variant else None) == expected


def test_fold_drops_zero_width_characters_of_web_pages() -> None:
    from gik_rules.forms import fold

    assert fold("沂水县\u200b人民政府\ufeff") == fold("沂水县 人民政府") == "沂水县人民政府"
