"""Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM) and GB18030/GBK.

A file that is UTF-8 but for a few damaged bytes (a download cut off inside a character,
a corrupted block) is still UTF-8: reading it as GB18030 would garble every Chinese
character. The damaged bytes become U+FFFD, and ``damaged`` counts them so that the
reader can report them. GBK text, read as UTF-8, has almost no valid multi-byte
sequence, which tells the two apart.
"""

from __future__ import annotations

import codecs

from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.rules.finding import Location

REPLACEMENT = "\ufffd"


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was in."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    codec = _utf16_without_bom(data)
    if codec is not None:
        return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error.start
    utf8, utf8_damage = _lenient(data, "utf-8")
    if utf8_damage[0] * 20 < utf8_damage[1]:
        return utf8, "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    gb, gb_damage = _lenient(data, "gb18030")
    if gb_damage[0] * 20 < gb_damage[1]:
        return gb, "gb18030"
    raise UnreadableError(f"neither UTF-8 nor GB18030 (invalid byte at offset {first_error})")


def _lenient(data: bytes, codec: str) -> tuple[str, tuple[int, int]]:
    """The text with undecodable bytes replaced, and (damaged, decoded non-ASCII) counts."""
    text = data.decode(codec, errors="replace")
    bad = text.count(REPLACEMENT)
    ascii_count = len(text.encode("ascii", errors="ignore"))  # counted in C, not char by char
    return text, (bad, len(text) - ascii_count - bad)


def damage_issues(text: str, encoding: str) -> tuple[ParseIssue, ...]:
    """A P009 finding when some bytes could not be decoded, at the first such line."""
    count = text.count(REPLACEMENT)
    if not count:
        return ()
    line = text.count("\n", 0, text.index(REPLACEMENT)) + 1
    return (
        ParseIssue(
            "P009",
            f"文件中有{count}处字节不是有效的{encoding}编码，已替换为“\ufffd”（第{line}行起）",
            f"{count} byte sequence(s) are not valid {encoding} and were replaced (from line {line})",
            Location(line=line),
            actual=count,
        ),
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec of text without a BOM, or None. NUL bytes nearly all at odd offsets
    (little-endian) or at even ones: text in UTF-8 or GB18030 has none, UTF-16 has one in
    every ASCII character (newlines, digits) and in the few ideographs that end in 00 (一 is
    U+4E00)."""
    sample = data[:4096]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd + even < max(2, len(sample) // 200) or max(odd, even) < 4 * min(odd, even):
        return None
    return "utf-16-le" if odd > even else "utf-16-be"
