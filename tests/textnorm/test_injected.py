"""Text injected by mirror sites is dropped from the folded view, located in the printed one."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_rules.textnorm import fold, normalise
from gik_rules.textnorm.injected import spans
from tests.conftest import CORPUS

TEXT = CORPUS / "text"
SPAM = TEXT / "excerpt-shandong-sthjt-2024-spam.txt"


def test_injected_spam_is_dropped_mid_sentence() -> None:
    text = "2024年,省生态环境厅坚持以365体育投注,365备用网址:新时代中国特色社会主义思想为指导"
    folded = normalise(text)
    assert folded.text == "2024年,省生态环境厅坚持以新时代中国特色社会主义思想为指导"
    # the folded 新 is the printed 新, after the injected span
    at = folded.text.index("新")
    assert text[folded.source_index(at)] == "新"
    assert folded.source_index(at) == text.index("新")
    assert folded.source_index(at - 1) == text.index("以")


def test_full_width_and_traditional_spam_is_dropped_too() -> None:
    assert fold("坚持以３６５體育投注，３６５備用網址：新时代") == "坚持以新时代"
    assert fold("详见BET365官网") == "详见官网"


def test_the_spam_excerpt_reads_clean() -> None:
    if not SPAM.exists():
        pytest.skip(f"the corpus is not at {TEXT}")
    text = SPAM.read_text(encoding="utf-8")
    folded = normalise(text)
    assert "365" not in folded.text
    assert "坚持以新时代中国特色社会主义思想为指导" in folded.text
    assert "新受理依申请公开116件" in folded.text
    # every folded character still points at the same character printed
    assert all(text[o] == c for o, c in zip(folded.origin, folded.text, strict=True) if c.isdigit())


@pytest.mark.parametrize(
    "text",
    [
        "全年365天不间断提供服务",
        "全市体育彩票投注站1200个，体育彩票公益金使用情况",
        "金沙县人民政府、银河街道办事处、皇冠社区",
        "对全区娱乐场所开展检查",
        "2023年体育工作要点",
        "网站备案号与备用域名",
        "alphabet365.example.com",
        "彩票公益金365万元",
    ],
)
def test_ordinary_report_wording_is_kept(text: str) -> None:
    assert normalise(text).text == text.replace("，", ",")


def test_no_real_report_loses_text_but_the_spam_one() -> None:
    files = sorted(TEXT.glob("*.txt")) + sorted(TEXT.glob("*.md"))
    if not files:
        pytest.skip(f"the corpus is not at {TEXT}")
    seeds = sorted((CORPUS.parent / "seeds").glob("*.txt"))
    for path in files + seeds:
        found = spans(normalise(path.read_text(encoding="utf-8")).text)
        assert not found or path == SPAM, path.name


def test_folding_real_reports_is_idempotent() -> None:
    for path in sorted(Path(TEXT).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        once = normalise(text).text
        assert normalise(once).text == once, path.name
