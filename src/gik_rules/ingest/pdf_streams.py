"""A PDF looked over before it is parsed: what its compressed streams decode to.

A 200 KB file can hold a content stream that inflates to 200 MB, which PDFium and
pdfminer would decode and interpret whole. Each Flate stream is inflated here up to one
byte past ``Limits.pdf_stream_bytes``: zlib stops at the end of the stream's own data,
so nothing but the stream is read, and a bomb costs the limit, not its size. A stream
whose dictionary says it is an image may decode to ``IMAGE_FACTOR`` times the limit (a
scanned A4 page at 600 dpi in colour is about 100 MB, which OCR renders): bounded too,
since nothing but its own dictionary says it is an image. A stream too short to pass
the limit at Deflate's best ratio is not inflated at all.
"""

from __future__ import annotations

import re
import zlib

from gik_rules.ingest.limits import LimitExceeded, active
from gik_rules.rules.finding import Location

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")  # "endstream" told apart by hand: fast
# An object header ``N G obj`` written backwards, so that the nearest one before a stream
# is the first match in its reversed dictionary span (no scan of the whole span).
_OBJECT_REVERSED = re.compile(rb"jbo\s+\d+\s+(\d+)")
_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
#: how far before ``stream`` its dictionary is looked for
_DICT_SPAN = 8192
#: how many times ``pdf_stream_bytes`` an image stream may decode to
IMAGE_FACTOR = 8
#: Deflate codes at most 258 bytes in two bits (zlib's documented bound is 1032:1): a
#: stream this many times shorter than the limit cannot pass it and is not inflated.
_MAX_RATIO = 1040


def check_streams(data: bytes) -> None:
    """``LimitExceeded`` for the first Flate stream that decodes to more than
    ``pdf_stream_bytes`` (an image: ``IMAGE_FACTOR`` times that), naming its object."""
    stream_limit = active().pdf_stream_bytes
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        at, start = match.start(), match.end()
        if at >= 3 and data[at - 3 : at] == b"end":
            continue
        end = data.find(b"endstream", start)
        if ((end if end > 0 else len(data)) - start) * _MAX_RATIO <= stream_limit:
            continue  # too short to pass even the lower limit
        head = data[max(0, at - _DICT_SPAN) : at]
        number, dictionary = _object_before(head)
        if not _FLATE.search(dictionary):
            continue
        image = _IMAGE.search(dictionary) is not None
        limit = stream_limit * IMAGE_FACTOR if image else stream_limit
        inflater = zlib.decompressobj()
        try:  # the stream's bytes only: what zlib leaves over it copies
            decoded = len(inflater.decompress(view[start : end if end > 0 else None], limit + 1))
        except zlib.error:
            continue  # damaged, or not Flate after all: the readers judge it
        if decoded > limit:
            where = Location(ref=f"object {int(number)}" if number is not None else None)
            raise LimitExceeded("pdf_stream_bytes", decoded, stream_limit, where, at_least=True)


def _object_before(head: bytes) -> tuple[bytes | None, bytes]:
    """The number (its digits) of the last object header ``N G obj`` in ``head`` and what
    follows it (all of ``head`` without one)."""
    backwards = head[::-1]
    for found in _OBJECT_REVERSED.finditer(backwards):
        at = found.start()
        if at and backwards[at - 1] in _WORD:
            continue  # "obj" runs on into a word: no header
        return found[1][::-1], head[len(head) - at :]
    return None, head
