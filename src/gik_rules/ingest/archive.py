"""A .docx or .xlsx archive looked over before it is opened: what its members inflate to.

A 1 MB zip bomb inflates to gigabytes, and python-docx and openpyxl hold the parts they
read in memory. The central directory states each member's inflated size, and the
``zipfile`` module never gives more than that size (a member that inflates further
fails its check), so the stated sizes bound what opening the archive can cost.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from gik_rules.ingest.limits import active, check
from gik_rules.rules.finding import Location

ZIP_MAGIC = b"PK\x03\x04"


def check_archive(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive whose directory can be read (a file cut off in
    transfer has none); ``LimitExceeded`` past ``member_bytes`` or ``archive_bytes``."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception:  # zipfile raises several kinds of error on what is no archive
        return False
    total = 0
    for member in members:
        check("member_bytes", member.file_size, Location(ref=member.filename))
        total += member.file_size
    check("archive_bytes", total)
    return True


def inflate(raw: bytes) -> bytes:
    """What a raw deflate stream holds, up to one byte past ``member_bytes`` (the
    salvage of a cut-off archive, which has no directory to state the size); a damaged
    stream raises ``zlib.error``."""
    limit = active().member_bytes
    inflater = zlib.decompressobj(-15)
    out = inflater.decompress(raw, limit + 1)
    check("member_bytes", len(out), at_least=True)
    return out
