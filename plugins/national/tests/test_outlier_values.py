"""N808 keeps an indicator's values packed: read back, they are the values given."""

from __future__ import annotations

from gik_rules_national.rules.outliers import _Values
from hypothesis import given
from hypothesis import strategies as st


@given(st.lists(st.none() | st.floats(allow_nan=False)), st.slices(20))
def test_packed_values_read_back_as_given(given_values: list[float | None], part: slice) -> None:
    packed = _Values()
    for value in given_values:
        packed.append(value)
    assert len(packed) == len(given_values)
    assert list(packed) == given_values
    assert [packed[i] for i in range(-len(packed), 0)] == given_values
    assert list(packed[part]) == given_values[part]
