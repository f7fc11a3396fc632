"""The key view of a text: what labels are compared by, with a map back into the text.

Labels are compared by ``normalise_label`` keys (white space, quotes and punctuation
dropped); the key view drops the same characters from a whole folded text, so that a key
found in it is a label printed in the text however it was spaced, wrapped or punctuated.

A character is kept or dropped on its own, so the view of a stretch of the text is the
stretch of the whole text's view: the view is made once per text (the headings and every
table zone of a report look into it) and a zone is a range of it (``KeyView.range``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator

import attrs

from gik_rules.forms.labels import DROPPED_CHARS

#: What ``str.isspace`` (and so ``\s`` and ``str.split()``) holds to be white space: all
#: of it below U+3001 (tests/ingest check this for the running Python).
WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_DROPPED = WHITESPACE + DROPPED_CHARS


@attrs.frozen(slots=True)
class KeyView:
    """``text`` without the dropped characters, kept as runs of kept characters: run
    ``r`` is ``text[starts[r]:starts[r + 1]]`` and stands at ``folded[r]`` in the text."""

    text: str
    starts: tuple[int, ...]  # where each run starts in ``text``, and ``len(text)``
    folded: tuple[int, ...]  # where each run starts in the folded text

    def at(self, i: int) -> int:
        """The folded index of key-view character ``i``."""
        run = bisect.bisect_right(self.starts, i) - 1
        return self.folded[run] + i - self.starts[run]

    def range(self, start: int, end: int) -> tuple[int, int]:
        """The key-view range of the folded range ``[start, end)``."""
        return self._before(start), self._before(end)

    def _before(self, at: int) -> int:
        """How many key-view characters stand before folded index ``at``."""
        run = bisect.bisect_right(self.folded, at) - 1
        if run < 0:
            return 0
        return min(self.starts[run] + at - self.folded[run], self.starts[run + 1])


@functools.lru_cache(maxsize=4)  # a report's folded text: its headings and tables in turn
def key_view(folded: str) -> KeyView:
    # Every dropped character becomes a space and the text is cut at single spaces: the
    # runs and where they stand come from C loops (str.split, map, accumulate), never
    # from a Python loop over characters or runs.
    spaced = folded
    for ch in _DROPPED:
        if ch in spaced:
            spaced = spaced.replace(ch, " ")
    parts = spaced.split(" ")
    sizes = list(map(len, parts))
    starts = tuple(itertools.accumulate(itertools.compress(sizes, sizes), initial=0))
    # The r-th run kept is part k: starts[r] kept and k dropped characters stand before it.
    kept_at = itertools.compress(itertools.count(), sizes)
    return KeyView("".join(parts), starts, tuple(map(operator.add, starts, kept_at)))
