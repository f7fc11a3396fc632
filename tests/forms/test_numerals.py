"""Chinese numerals: one pair of functions, exact inverses over 1–99."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.forms.numerals import cn_number, numeral


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (6, "六"), (10, "十"), (11, "十一"), (20, "二十"), (42, "四十二"), (99, "九十九")],
)
def test_known_numerals(n: int, text: str) -> None:
    assert numeral(n) == text
    assert cn_number(text) == n


@given(st.integers(1, 99))
def test_round_trip(n: int) -> None:
    assert cn_number(numeral(n)) == n


@pytest.mark.parametrize("text", ["", "十十一", "一二", "零", "百", "二十十", "a"])
def test_malformed_numerals_are_none(text: str) -> None:
    assert cn_number(text) is None


def test_out_of_range_numbers_stay_digits() -> None:
    assert numeral(0) == "0" and numeral(100) == "100"
