"""Finding the title block, the metadata and the six sections among a document's paragraphs."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from gik_rules.forms.labels import fold
from gik_rules.forms.numerals import cn_number
from gik_rules.model import OrganLevel

_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．,，]\s*(\S.*?)\s*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
# Table row labels that look like section headings ("一、本年新收…") in text extractions.
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")


def heading_of(text: str) -> tuple[int, str] | None:
    """``(number, title)`` when a paragraph is a top-level heading such as ``五、存在的…``."""
    folded = unicodedata.normalize("NFKC", text).strip()
    match = _HEADING.match(folded)
    if not match:
        return None
    title = match.group(2)
    if len(title) > 40 or "。" in title or any(w in title for w in _TABLE_ROW_WORDS):
        return None
    if title.startswith(("是", "要", "在")):  # 一是…, 二要… are enumerations, not headings
        return None
    return cn_number(match.group(1)) or 0, title


def is_title(text: str) -> bool:
    folded = "".join(text.split())
    return "报告" in folded and ("公开" in folded or "年报" in folded) and len(folded) <= 60


def year_of(text: str) -> int | None:
    match = _YEAR.search(unicodedata.normalize("NFKC", text))
    return int(match.group(1)) if match else None


def organ_from_title(title: str) -> str:
    """The organ named before the year in a one-line title (``淮安市人民政府2024年…``)."""
    folded = fold(title)
    match = _YEAR.search(folded)
    return folded[: match.start()] if match else ""


def level_of(organ: str) -> OrganLevel:
    """The organ's kind from its name (an informed guess; datasets may state it)."""
    name = "".join(organ.split())
    if not name:
        return OrganLevel.UNKNOWN
    if re.search(r"(乡|镇|街道)(人民政府|办事处)$", name) or name.endswith(
        ("街道办事处", "镇政府", "乡政府")
    ):
        return OrganLevel.TOWNSHIP
    if name.endswith(("人民政府", "人民政府本级")) or re.search(r"[省市区县旗州盟]政府$", name):
        return OrganLevel.GOVERNMENT
    return OrganLevel.DEPARTMENT


def region_of(organ: str) -> str:
    """The place named at the start of an organ's name (``淮安市洪泽区``), if any."""
    match = re.match(
        r"^(.{2,}?(?:省|自治区|市|自治州|州|盟|地区|区|县|旗))(?=.)", "".join(organ.split())
    )
    if not match:
        return ""
    region = match.group(1)
    # Keep going while the next part is a smaller place (市 → 区/县).
    rest = "".join(organ.split())[len(region) :]
    more = re.match(r"^(.{1,6}?(?:区|县|市|旗))(?=.)", rest)
    if more and not re.match(r"^(人民|政府)", rest):
        region += more.group(1)
    return region


def date_of(text: str) -> dt.date | None:
    """A paragraph that is only a date (the signature date of a report)."""
    match = _DATE.match(unicodedata.normalize("NFKC", text))
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
