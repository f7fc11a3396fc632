"""Finding the report inside a portal page: the navigation before it and the page footer
after it are not part of it.

The report starts at its title (the last title-like paragraph before section 一, with
the organ's name on the line above when it stands there) and ends before the first
footer line after the sections ("上一篇", "【关闭】", "版权所有", "ICP备…"). A page in
which no section 一 can be found is returned whole: nothing is dropped on a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gik_rules.ingest.document import Block, Paragraph
from gik_rules.ingest.structure import heading_of, is_title

_FOOTER = re.compile(
    r"^[【\[]?\s*(?:上一篇|下一篇|相关(?:链接|文章|阅读|附件)|打印|关闭|返回顶部|分享到|"
    r"版权所有|copyright|主办单位|承办单位|网站标识码|网站地图|联系我们|扫一扫)"
    r"|ICP备|公网安备",
    re.IGNORECASE,
)
_ORGAN = re.compile(
    r"(?:政府|局|委员会|委|办公室|办公厅|厅|院|署|中心|处|所|站|镇|乡|街道|办事处|管委会)$"
)


_CRUMBS = re.compile(r"[>＞»›]|当前位置|您的位置")


def _text(block: Block) -> str | None:
    return "".join(block.text.split()) if isinstance(block, Paragraph) else None


def report_region(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks of the report itself."""
    first = next(
        (
            i
            for i, b in enumerate(blocks)
            if isinstance(b, Paragraph) and (heading_of(b.text) or (0, ""))[0] == 1
        ),
        None,
    )
    if first is None:
        return tuple(blocks)
    start = 0
    titles = [
        i
        for i in range(first)
        if is_title(text := _text(blocks[i]) or "")
        and "。" not in text
        and not _CRUMBS.search(text)
    ]
    if titles:
        start = titles[-1]
        above = _text(blocks[start - 1]) if start > 0 else None
        if above and len(above) <= 30 and _ORGAN.search(above):
            start -= 1
    end = next(
        (i for i in range(first + 1, len(blocks)) if _FOOTER.search(_text(blocks[i]) or "")),
        len(blocks),
    )
    return tuple(blocks[start:end])
