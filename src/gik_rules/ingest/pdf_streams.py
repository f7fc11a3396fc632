"""A PDF looked over before it is parsed: what its compressed streams decode to.

A 200 KB file can hold a content stream that inflates to 200 MB, which PDFium and
pdfminer would decode and interpret whole. Each Flate stream is inflated here up to one
byte past ``Limits.pdf_stream_bytes``: zlib stops at the end of the stream's own data,
so nothing but the stream is read, and a bomb costs the limit, not its size. A stream
whose dictionary says it is an image may decode to ``IMAGE_FACTOR`` times the limit (a
scanned A4 page at 600 dpi in colour is about 100 MB, which OCR renders): bounded too,
since nothing but its own dictionary says it is an image.
"""

from __future__ import annotations

import re
import zlib

from gik_rules.ingest.limits import LimitExceeded, active
from gik_rules.rules.finding import Location

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
#: how far before ``stream`` its dictionary is looked for
_DICT_SPAN = 8192
#: how many times ``pdf_stream_bytes`` an image stream may decode to
IMAGE_FACTOR = 8


def check_streams(data: bytes) -> None:
    """``LimitExceeded`` for the first Flate stream that decodes to more than
    ``pdf_stream_bytes`` (an image: ``IMAGE_FACTOR`` times that), naming its object."""
    stream_limit = active().pdf_stream_bytes
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        start = match.end()
        head = data[max(0, match.start() - _DICT_SPAN) : match.start()]
        # the nearest object header before the stream
        obj = next(reversed(list(_OBJECT.finditer(head))), None)
        dictionary = head[obj.end() :] if obj else head
        if not _FLATE.search(dictionary):
            continue
        image = _IMAGE.search(dictionary) is not None
        limit = stream_limit * IMAGE_FACTOR if image else stream_limit
        end = data.find(b"endstream", start)
        inflater = zlib.decompressobj()
        try:  # the stream's bytes only: what zlib leaves over it copies
            decoded = len(inflater.decompress(view[start : end if end > 0 else None], limit + 1))
        except zlib.error:
            continue  # damaged, or not Flate after all: the readers judge it
        if decoded > limit:
            where = Location(ref=f"object {int(obj[1])}" if obj else None)
            raise LimitExceeded("pdf_stream_bytes", decoded, stream_limit, where, at_least=True)
