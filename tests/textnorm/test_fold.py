"""normalise and fold: width, zero-width, traditional characters, glosses, the origin map."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gik_rules.textnorm import Folded, fold, normalise


def _printed(folded: Folded, text: str) -> str:
    """The printed characters the folded ones come from, in order (each once)."""
    seen = sorted(set(folded.origin))
    return "".join(text[i] for i in seen)


def test_width_is_folded() -> None:
    assert fold("２０２３ 年") == "2023年"
    assert fold("（七）总计：３ １１９ 件") == "(七)总计:3119件"
    assert normalise("Ａ\u3000Ｂ").text == "A B"  # the ideographic space is white space


def test_expansions_keep_the_map_exact() -> None:
    folded = normalise("a㈠b")
    assert folded.text == "a(一)b"
    assert folded.origin == (0, 1, 1, 1, 2)


@pytest.mark.parametrize("zw", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_characters_are_dropped(zw: str) -> None:
    text = f"沂水县{zw}人民政府"
    folded = normalise(text)
    assert folded.text == "沂水县人民政府"
    assert folded.origin == (0, 1, 2, 4, 5, 6, 7)


def test_traditional_characters_become_simplified() -> None:
    assert fold("政府信息公開總體情況") == "政府信息公开总体情况"
    assert fold("收到和處理政府信息公開申請情況") == "收到和处理政府信息公开申请情况"
    assert fold("二、上年結轉政府信息公開申請數量") == "二、上年结转政府信息公开申请数量"


def test_simplified_text_is_left_alone() -> None:
    text = "本年度报告根据《中华人民共和国政府信息公开条例》编制。行政复议、行政诉讼、结转下年度"
    assert normalise(text).text == text


def test_pinyin_glosses_are_dropped() -> None:
    text = "數(shù)量總(zǒng)計"
    folded = normalise(text)
    assert folded.text == "数量总计"
    assert _printed(folded, text) == "數量總計"
    assert fold("数（shù）量") == "数量"


@pytest.mark.parametrize(
    "text", ["门户网站(app)", "附件(PDF)", "自然人(A)", "申请(3)件", "(一)主动公开", "平台(wechat)"]
)
def test_ordinary_brackets_are_kept(text: str) -> None:
    """Only a toned syllable right after a character is a gloss."""
    assert normalise(text).text == text.replace("（", "(").replace("）", ")")


def test_source_index_and_span() -> None:
    text = "Ａ\u200bＢＣ"
    folded = normalise(text)
    assert folded.text == "ABC"
    assert [folded.source_index(i) for i in range(4)] == [0, 2, 3, 4]
    assert folded.source_span(1, 3) == (2, 4)
    assert folded.source_span(2, 2) == (3, 3)


def test_fold_drops_all_white_space() -> None:
    assert fold(" 一、\t总体\n情况 \u00a0") == "一、总体情况"
    assert normalise("总体\n情况").text == "总体\n情况"  # normalise keeps it


def test_normalise_of_the_same_text_is_cached() -> None:
    assert normalise("（一）主动公开") is normalise("（一）主动公开")


@given(st.text(max_size=60))
def test_origin_is_increasing_and_in_range(text: str) -> None:
    folded = normalise(text)
    assert len(folded.origin) == len(folded.text)
    assert list(folded.origin) == sorted(folded.origin)
    assert all(0 <= i < len(text) for i in folded.origin)
    assert folded.source_length == len(text)


def test_glosses_in_a_row_are_dropped_at_once() -> None:
    assert normalise("字(ǎ)(ǎ)x").text == "字x"


# Printed reports: ideographs, ASCII, full-width and compatibility forms, zero-width and
# expanding characters (①, ㈠, …, ﬁ), spaces of every kind.
_MIXED = st.text(
    st.sampled_from("字一二年（）：，。、“”ＡＢ１２３４\u3000\u00a0 \t\n①㈠…ﬁ\u200b\ufeff\u00ad㎡²")
    | st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)),
    max_size=80,
)


@given(_MIXED)
def test_the_width_fold_is_each_characters_own(text: str) -> None:
    import unicodedata

    from gik_rules.textnorm.fold import _ZERO_WIDTH, _fold_chars

    def fold(text: str) -> str:
        return "".join("" if c in _ZERO_WIDTH else unicodedata.normalize("NFKC", c) for c in text)

    long = text + "年" * 600 + text  # a document: folded by the regex path
    assert _fold_chars(text)[0] == fold(text)
    assert _fold_chars(long)[0] == fold(long)
    assert set(_fold_chars(long)[1]) == {c for c in long if fold(c) != c}


def test_ascii_and_ideographs_fold_to_themselves() -> None:
    """Characters the width fold never looks up (they are most of a report)."""
    import unicodedata

    for low, high in ((0x00, 0x7F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF)):
        for code in range(low, high + 1):
            assert unicodedata.normalize("NFKC", chr(code)) == chr(code)


# Organ names as a dataset column gives them: ideographs, traditional ones, the odd
# width-folded, zero-width or expanding character, a gloss, injected text, line breaks.
_NAMES = st.lists(
    st.lists(
        st.sampled_from(list("市区县鄉縣樹陽國臺灣乾隆發財局（）() \n①㈠\u200bＡ1ùbet"))
        | st.sampled_from(["數(shù)", "官网", "在线赌场", "澳门新葡京", "人民政府"])
        | st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)),
        max_size=12,
    ).map("".join),
    max_size=8,
)


@given(_NAMES)
@example(["㈠\u200b\u200b", "局"])  # its fold as long as it, not one to one
def test_names_normalised_together_are_each_ones_normalise(names: list[str]) -> None:
    from gik_rules.textnorm import normalise_each, normalise_once

    assert normalise_each(names) == [normalise_once(name) for name in names]
