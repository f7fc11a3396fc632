"""The bounded caches' one mechanism: kept by key, all forgotten past the bound."""

from gik_rules.bounded import Bounded


def test_a_value_kept_is_found_by_its_key() -> None:
    kept: Bounded[str, int] = Bounded(4)
    assert kept.keep("a", 1) == 1
    assert kept.get("a") == 1
    assert kept.get("b") is None


def test_every_entry_is_forgotten_once_the_bound_is_held() -> None:
    kept: Bounded[int, int] = Bounded(3)
    for n in range(3):
        kept.keep(n, n * 10)
    assert len(kept) == 3
    kept.keep(3, 30)  # the fourth: the three before are let go first
    assert dict(kept) == {3: 30}
