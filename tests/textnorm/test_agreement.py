"""Every fold of the project is textnorm's: labels, the national narrative, Shandong's."""

from __future__ import annotations

import pytest

from gik_rules.forms import fold as forms_fold
from gik_rules.forms import normalise_label
from gik_rules.forms.labels import fold as labels_fold
from gik_rules.textnorm import fold, normalise

national_prose = pytest.importorskip("gik_rules_national.rules.prose")
national_content = pytest.importorskip("gik_rules_national.rules.content")
shandong_text = pytest.importorskip("gik_rules_shandong.text")

TRICKY = [
    "２０２３ 年\u3000山东省\u200b",
    "沂水县\u200b人民政府\ufeff",
    "soft\u00adhyphen\u2060joined\u200c\u200d",
    "政府信息公開總體情況",
    "收到和處理政府信息公開申請情況",
    "數(shù)量總(zǒng)計",
    "（七）总计 ３ １１９ 件",
    "㈠ ① ⑳ ½ ﬁ ㎡",
    "坚持以365体育投注,365备用网址:新时代中国特色社会主义思想",
    "本年新收\n政府信息公开\r\n申请数量",
    "门户网站(app)与平台(PDF)",
    "",
    "   \t ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_folds_agree(text: str) -> None:
    expected = fold(text)
    assert forms_fold(text) == expected
    assert labels_fold(text) == expected
    assert shandong_text.fold(text) == expected
    assert national_prose.fold_text(text).text.replace("\n", "") == expected


@pytest.mark.parametrize("text", TRICKY)
def test_the_narrative_fold_maps_back_as_normalise_does(text: str) -> None:
    folded = national_prose.fold_text(text)
    norm = normalise(text)
    kept = [
        (c, o) for c, o in zip(norm.text, norm.origin, strict=True) if c == "\n" or not c.isspace()
    ]
    assert list(zip(folded.text, folded.offsets, strict=True)) == kept


def test_traditional_labels_match_simplified_ones() -> None:
    assert normalise_label("（一）政府信息公開總體情況") == normalise_label(
        "(一)政府信息公开总体情况"
    )


def test_narrative_rules_read_traditional_reports() -> None:
    """The overview aspects of a mirror in traditional characters are all found."""
    text = (
        "2022年,省機關事務局堅持主動公開,規範依申請公開,加強政府信息管理,"
        "完善政府網站和政務新媒體平臺,強化監督保障和考核培訓。"
    )
    assert national_content._missing(text, national_content.OVERVIEW_ASPECTS) == []


def test_narrative_rules_read_through_zero_width_characters() -> None:
    text = "主\u200b动公开,依\u200b申请,信息\ufeff管理,门户\u200b网站,监\u2060督"
    assert national_content._missing(text, national_content.OVERVIEW_ASPECTS) == []
    found = national_prose.fold_text("予以公开\u200b258件")
    assert "予以公开258件" in found.text
    assert found.origin(found.text.index("2")) == "予以公开\u200b258件".index("2")
