"""The kind of a text told without lowering a head that holds no "<": what lowering the
whole head first tells, for heads of markers, cases, spaces and characters whose lower
case is longer or depends on what follows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.ingest.sniff import _CELL_ID_HEADER, _html, _text_kind, sniff


def _told_before(head: str, suffix: str) -> str:
    """The kind of a clean text head as told by lowering it whole first."""
    lowered = head.lower().lstrip(" \t\n\r\v\f")
    if _html(lowered) or suffix == ".html":
        return "html"
    if suffix == ".json" or lowered.startswith("{"):
        return "json"
    if "schema_version" in head:
        return "toml"
    return "csv" if _CELL_ID_HEADER.search(lowered.split("\n", 1)[0]) else "text"


_PIECES = st.sampled_from(
    [
        *("<TaBle", "<BODY", "<!DOCTYPE HTML", "<Html", "<?XML", "<", "{", "}"),
        *(" ", "\t", "\n", "\v", "\u3000", "schema_version", "T3.New.NP", "t1.a.b", ",", ";"),
        *("İ", "K", "Σ", "ΑΣ", "报告", "x", "1"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12), st.sampled_from(["", ".json", ".txt", ".html"]))
def test_a_head_is_told_as_lowering_it_whole_tells(pieces: list[str], suffix: str) -> None:
    head = "".join(pieces)
    assert sniff(head.encode("utf-8"), f"r{suffix}") == _told_before(head, suffix)


_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, min_size=1, max_size=12),
    _ENCODINGS,
    st.binary(max_size=3),  # damage, or a start of some binary format
    st.integers(0, 4100),  # where the head ends: a "<" past it is not looked at
)
def test_a_json_file_is_told_as_decoding_its_head_tells(
    pieces: list[str], encoding: str, damage: bytes, padding: int
) -> None:
    """A ``.json`` file without a "<" in its head is told without decoding it (the
    damage is too short to be the start of a binary format)."""
    data = damage + " ".encode(encoding)[-1:] * padding + "".join(pieces).encode(encoding)
    assert sniff(data, "r.json") == _text_kind(data, ".json")
