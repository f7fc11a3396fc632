"""A PDF looked over before it is parsed: what its compressed streams decode to.

A 200 KB file can hold a content stream that inflates to 200 MB, which PDFium and
pdfminer would decode and interpret whole. Each Flate stream is inflated here up to one
byte past ``Limits.pdf_stream_bytes``: zlib stops at the end of the stream's own data,
so nothing but the stream is read, and a bomb costs the limit, not its size. Image
streams are left alone: the readers take text and rulings, never decode an image.
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


def check_streams(data: bytes) -> None:
    """``LimitExceeded`` for the first Flate stream (not an image) that decodes to more
    than ``pdf_stream_bytes``, naming its object."""
    limit = active().pdf_stream_bytes
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        start = match.end()
        head = data[max(0, match.start() - _DICT_SPAN) : match.start()]
        # the nearest object header before the stream
        obj = next(reversed(list(_OBJECT.finditer(head))), None)
        dictionary = head[obj.end() :] if obj else head
        if not _FLATE.search(dictionary) or _IMAGE.search(dictionary):
            continue
        end = data.find(b"endstream", start)
        inflater = zlib.decompressobj()
        try:  # the stream's bytes only: what zlib leaves over it copies
            decoded = len(inflater.decompress(view[start : end if end > 0 else None], limit + 1))
        except zlib.error:
            continue  # damaged, or not Flate after all: the readers judge it
        if decoded > limit:
            where = Location(ref=f"object {int(obj[1])}" if obj else None)
            raise LimitExceeded("pdf_stream_bytes", decoded, limit, where, at_least=True)
