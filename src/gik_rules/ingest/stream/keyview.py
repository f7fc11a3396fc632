"""The key view of a text: what labels are compared by, with a map back into the text.

Labels are compared by ``normalise_label`` keys (white space, quotes and punctuation
dropped); the key view drops the same characters from a whole folded text, so that a key
found in it is a label printed in the text however it was spaced, wrapped or punctuated.
"""

from __future__ import annotations

import re

import attrs

from gik_rules.forms.labels import DROPPED_CHARS


@attrs.frozen(slots=True)
class KeyView:
    """``text`` without the dropped characters; ``origin[i]`` indexes the folded text."""

    text: str
    origin: tuple[int, ...]
    length: int

    def start(self, i: int) -> int:
        return self.origin[i] if i < len(self.origin) else self.length

    def end(self, i: int) -> int:
        """The folded index just after key-view character ``i - 1``."""
        return self.origin[i - 1] + 1 if i > 0 else 0


_DROP = re.compile(r"[\s" + re.escape(DROPPED_CHARS) + r"]+")


def key_view(folded: str) -> KeyView:
    origin: list[int] = []
    at = 0
    for gap in _DROP.finditer(folded):
        origin.extend(range(at, gap.start()))
        at = gap.end()
    origin.extend(range(at, len(folded)))
    return KeyView(_DROP.sub("", folded), tuple(origin), len(folded))
