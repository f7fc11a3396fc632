"""Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM) and GB18030/GBK."""

from __future__ import annotations

import codecs

from gik_rules.ingest.result import UnreadableError


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was in."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnreadableError(f"invalid UTF-16 at byte {exc.start}") from None
    if _looks_utf16_without_bom(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise UnreadableError(
                f"neither UTF-8 nor GB18030 (invalid byte at offset {utf8_error.start})"
            ) from None


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:200]
    if len(sample) < 4:
        return False
    zeros = sample.count(b"\x00")
    return zeros > len(sample) // 4
