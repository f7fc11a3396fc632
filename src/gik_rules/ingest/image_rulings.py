"""The ruling lines of a page image: long straight runs of dark pixels.

A scanned table has its rules only as pixels. A horizontal rule is a run of dark pixels
along a row, longer than most strokes of a character (a quarter of an inch); a rule a
few pixels thick is several such runs on adjacent rows, merged into one. The same along
columns gives the vertical rules. The rulings are then erased from the image before OCR:
an engine that sees a rule beside a figure reads it as "1" or "|".
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

#: Darker than this (of 255) is ink.
INK = 128
#: A thin rule resampled from a scan is grey more than black: rules are looked for with
#: a lighter threshold than text.
_RULE_INK = 192


@attrs.frozen(slots=True)
class PixelRule:
    """A rule in pixels: ``along`` the row (``"h"``) or the column (``"v"``), from
    ``start`` to ``end`` (exclusive), over the rows or columns ``first``..``last``."""

    orientation: str
    start: int
    end: int
    first: int
    last: int


def _runs(mask: Any, shortest: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True along the rows of ``mask`` at least
    ``shortest`` long."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    steps = np.diff(padded, axis=1)
    starts = np.argwhere(steps == 1)
    ends = np.argwhere(steps == -1)[:, 1]
    keep = ends - starts[:, 1] >= shortest
    return [
        (int(row), int(begin), int(end))
        for (row, begin), end in zip(starts[keep], ends[keep], strict=True)
    ]


def _merge(runs: list[tuple[int, int, int]], orientation: str) -> list[PixelRule]:
    """Runs on adjacent rows that overlap along most of their length are one rule."""
    rules: list[list[int]] = []  # [start, end, first, last]
    for row, start, end in sorted(runs):
        for rule in rules:
            if rule[3] >= row - 2 and min(rule[1], end) - max(rule[0], start) > (end - start) / 2:
                rule[0], rule[1] = min(rule[0], start), max(rule[1], end)
                rule[3] = row
                break
        else:
            rules.append([start, end, row, row])
    return [PixelRule(orientation, s, e, f, last) for s, e, f, last in rules]


def find_rules(grey: Any, dpi: float) -> list[PixelRule]:
    """The horizontal and vertical rules of a greyscale page image (a 2-D uint8 array)."""
    ink = grey < _RULE_INK
    shortest = max(int(dpi / 4), 8)
    across = _merge(_runs(ink, shortest), "h")
    down = _merge(_runs(ink.T, shortest), "v")
    # A solid block (a photograph, a seal) is no rule: rules are thin, with paper on
    # either side; strokes of characters set close together have ink beside them.
    thin = max(int(dpi / 30), 3)
    rules = [
        r
        for r in across
        if r.last - r.first < thin and _alone(ink, r.first, r.last, r.start, r.end)
    ] + [
        r
        for r in down
        if r.last - r.first < thin and _alone(ink.T, r.first, r.last, r.start, r.end)
    ]
    # A short rule is a table's only where another rule meets it: the stroke of 一 in a
    # title is as long as the rule of a narrow cell, but stands alone.
    return [r for r in rules if r.end - r.start >= dpi or _meets(r, rules)]


def _meets(rule: PixelRule, rules: list[PixelRule]) -> bool:
    slack = 3
    return any(
        other.orientation != rule.orientation
        and other.start - slack <= rule.first
        and rule.last <= other.end + slack
        and rule.start - slack <= other.last
        and other.first <= rule.end + slack
        for other in rules
    )


def _alone(ink: Any, first: int, last: int, start: int, end: int) -> bool:
    """Whether the rows just outside ``first``..``last`` are mostly paper along the run."""
    rows = ink.shape[0]
    beside = [row for row in (first - 3, last + 3) if 0 <= row < rows]
    return all(float(ink[row, start:end].mean()) < 0.5 for row in beside)


def erase_rules(grey: Any, rules: list[PixelRule]) -> Any:
    """A copy of ``grey`` with the rules painted white (a pixel's margin around each)."""
    out = grey.copy()
    height, width = out.shape
    for rule in rules:
        a, b = max(rule.first - 1, 0), rule.last + 2
        if rule.orientation == "h":
            out[a : min(b, height), rule.start : rule.end] = 255
        else:
            out[rule.start : rule.end, a : min(b, width)] = 255
    return out
