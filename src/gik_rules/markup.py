"""rich's console markup, printed without rich where rich would print it as plain text.

rich is about a tenth of the start-up of ``gik-rules check``; on a stream that is no
terminal it prints markup as its text alone. Markup is escaped here as rich escapes it,
and what a console prints there is made here without importing rich when the text has
no emoji code (``:name:``), no tab and no control character rich strips: rich's markup
less its tags, escapes undone as rich's parser undoes them, is then exactly what rich
writes. Anything else goes to rich.
"""

from __future__ import annotations

import re

#: a markup tag with the backslashes before it (``rich.markup.RE_TAGS``)
_TAGS = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
#: what rich would change beyond the markup: tabs (expanded), the control characters it
#: strips, and what could be an emoji code (two colons, no space between)
_NOT_PLAIN = re.compile(r"[\t\x07\x08\x0b\x0c\r]|:\S*:")


def escape(text: str) -> str:
    """``rich.markup.escape(text)``, without importing rich: a tag's opening bracket and
    the backslashes before it escaped, and a lone backslash at the end doubled."""
    text = _TAGS.sub(lambda m: m[2] * 2 + "\\" + m[1][len(m[2]) :], text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        return text + "\\"
    return text


def plain(text: str, *, markup: bool = True) -> str | None:
    """What rich prints for ``text`` on a stream that is no terminal (without colour),
    or None where only rich can tell (or rich refuses the markup)."""
    if _NOT_PLAIN.search(text):
        return None
    if not markup or "[" not in text:
        return text
    out: list[str] = []
    opened: list[str] = []
    position = 0
    for match in _TAGS.finditer(text):  # as rich.markup's parser and render read it
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            out.append(text[position:start].replace("\\[", "["))
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            out.append("\\" * backslashes)
            if escaped:  # an escaped tag is text
                out.append(full[len(escapes) :])
                position = end
                continue
        if not _tag(tag.partition("=")[0].strip().lower(), opened):
            return None
        position = end
    if position < len(text):
        out.append(text[position:].replace("\\[", "["))
    return "".join(out)


def _tag(name: str, opened: list[str]) -> bool:
    """Follow one tag on the stack of open ones; False where rich would refuse it (a tag
    closed that is not open) or where rich does more than style (``@`` handlers)."""
    if name.startswith(("@", "/@")):
        return False
    if not name.startswith("/"):
        opened.append(name)
        return True
    name = name[1:].strip()
    if not name:
        if not opened:
            return False
        opened.pop()
        return True
    if name not in opened:
        return False
    del opened[len(opened) - 1 - opened[::-1].index(name)]  # the last one of that name
    return True
