"""A PDF's streams looked over before it is parsed (``ingest.pdf_streams``): the same
verdict as a plain scan of every stream, on files made of the pieces that matter."""

from __future__ import annotations

import re
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.ingest import pdf_streams
from gik_rules.ingest.limits import LimitExceeded, Limits, using
from gik_rules.ingest.pdf_streams import IMAGE_FACTOR, check_streams

_SPAN = 64  # the dictionary span, made short so that the examples cross it


def _plain(data: bytes, stream_limit: int) -> tuple[int, int | None] | None:
    """Every stream found by one expression, its dictionary by scanning the span before
    it, each Flate stream inflated: (bytes decoded, object) of the first past its limit."""
    for match in re.finditer(rb"(?<!end)stream(?:\r\n|\n|\r)", data):
        head = data[max(0, match.start() - _SPAN) : match.start()]
        obj = next(reversed(list(re.finditer(rb"(\d+)\s+\d+\s+obj\b", head))), None)
        dictionary = head[obj.end() :] if obj else head
        if not re.search(rb"/(?:FlateDecode|Fl)\b", dictionary):
            continue
        image = re.search(rb"/Subtype\s*/Image\b", dictionary) is not None
        limit = stream_limit * IMAGE_FACTOR if image else stream_limit
        end = data.find(b"endstream", match.end())
        try:
            decoded = len(
                zlib.decompressobj().decompress(
                    data[match.end() : end if end > 0 else None], limit + 1
                )
            )
        except zlib.error:
            continue
        if decoded > limit:
            return decoded, int(obj[1]) if obj else None
    return None


_NOISE = st.sampled_from(
    [b"", b" ", b"\n", b"end", b"endstream", b"stream\n", b"obj", b"objx", b"9 0 objx ", b"x"]
)
_HEADERS = st.sampled_from([b"", b"12 0 obj", b"340 0 obj\n", b"1 2 34 0 obj ", b"56 0 objx"])
_DICTIONARIES = st.sampled_from(
    [b"<</Filter/FlateDecode>>", b"<</Fl/Subtype /Image>>", b"/Fl/Subtype/Image>>", b"<<>>"]
)
_STARTS = st.sampled_from([b"stream\n", b"stream\r\n", b"stream\r", b"endstream\n"])
# what a stream holds: zeros, which inflate about a thousand to one (from under the limit
# to far past it), text that does not, or bytes that are no Flate data at all
_BODIES = st.one_of(
    st.sampled_from([0, 40, 19_000, 21_000, 60_000, 300_000]).map(
        lambda n: zlib.compress(bytes(n), 9)
    ),
    st.binary(max_size=200).map(zlib.compress),
    st.binary(max_size=8),
)


@st.composite
def _pdf(draw: st.DrawFn) -> bytes:
    """Objects with a stream each, between bits of noise; a stream may lack its end."""
    out = b"%PDF-1.7\n"
    for _ in range(draw(st.integers(0, 4))):
        out += draw(_NOISE) + draw(_HEADERS) + draw(_NOISE) + draw(_DICTIONARIES)
        out += draw(_STARTS) + draw(_BODIES) + draw(st.sampled_from([b"endstream", b""]))
        out += draw(st.binary(max_size=draw(st.sampled_from([0, 80]))))
    return out


@settings(max_examples=300, deadline=None)
@given(_pdf(), st.sampled_from([50, 20_000, 120_000]))
def test_the_verdict_is_a_plain_scans(data: bytes, limit: int) -> None:
    with pytest.MonkeyPatch.context() as patch, using(Limits(pdf_stream_bytes=limit)):
        patch.setattr(pdf_streams, "_DICT_SPAN", _SPAN)
        try:
            check_streams(data)
            found = None
        except LimitExceeded as exc:
            ref = exc.location.ref
            found = exc.actual, int(ref.split()[1]) if ref else None
    assert found == _plain(data, limit)
