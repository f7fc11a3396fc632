"""Ruling lines found in a page image (``ingest.image_rulings``), on pixels drawn here."""

from __future__ import annotations

import numpy as np

from gik_rules.ingest.image_rulings import INK, erase_rules, find_rules

DPI = 200


def _page() -> np.ndarray:
    """A white page with a 3 by 3 grid of grey rules (antialiased: lighter than text),
    a thick black block (a seal), a short isolated stroke (一 of a big title) and a
    "character" of dense short strokes inside a cell."""
    page = np.full((1000, 800), 255, dtype=np.uint8)
    for y in (100, 200, 300, 400):
        page[y : y + 2, 100:700] = 150
    for x in (100, 300, 500, 700):
        page[100:402, x : x + 2] = 150
    page[600:700, 100:300] = 0  # a solid block is no rule
    page[800:804, 400:470] = 0  # a stroke standing alone is no rule
    for y in range(130, 170, 4):  # a character: strokes close together, ink beside them
        page[y : y + 2, 320:380] = 0
    return page


def test_the_grid_is_found_and_nothing_else() -> None:
    rules = find_rules(_page(), DPI)
    across = sorted((r.first, r.start, r.end) for r in rules if r.orientation == "h")
    down = sorted((r.first, r.start, r.end) for r in rules if r.orientation == "v")
    assert [y for y, _, _ in across] == [100, 200, 300, 400]
    assert all((a, b) == (100, 702) for _, a, b in across)  # to the far side of the last rule
    assert [x for x, _, _ in down] == [100, 300, 500, 700]
    assert all((a, b) == (100, 402) for _, a, b in down)


def test_a_short_rule_that_meets_another_is_kept() -> None:
    page = np.full((400, 400), 255, dtype=np.uint8)
    page[100:102, 50:350] = 0  # a long rule
    page[102:170, 200:202] = 0  # a short one hanging from it (a narrow cell's side)
    rules = find_rules(page, DPI)
    assert {(r.orientation, r.start, r.end) for r in rules} == {("h", 50, 350), ("v", 100, 170)}


def test_erased_rules_leave_no_ink() -> None:
    page = _page()
    clean = erase_rules(page, find_rules(page, DPI))
    assert not (clean[100:102, 100:700] < INK).any()
    assert not (clean[100:402, 300:302] < INK).any()
    assert (clean[600:700, 100:300] == 0).all()  # the block is left as it is
