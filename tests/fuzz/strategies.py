"""Hypothesis strategies that damage good report files the ways files get damaged and
the ways attackers damage them: bytes flipped, inserted, dropped, repeated and cut off;
text in mixed and wrong encodings, with control characters, huge numbers, lines and
nesting; the parts inside a .docx or .xlsx changed and the archive rebuilt."""

from __future__ import annotations

import io
import zipfile

from hypothesis import strategies as st

from tests.fuzz.inputs import with_member

_REPEATED = 200_000
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "big5", "latin-1")
#: what a text mutation may insert: control characters, markup, numbers, deep nesting
_PIECES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x00",
            "\x1b[2J",
            "\r",
            "\ufeff",
            "\u202e",
            "|",
            "\t",
            "\n\n",
            "一、总体情况\n",
            "二、主动公开政府信息情况\n",
            "2021年",
            "<table><tr><td>",
            "</td></tr></table>",
            '"',
            "[[",
            "{",
            "&amp;",
            "&#0;",
            "&nbsp;",
            "=",
            ",",
        ]
    ),
    st.integers(1, 5000).map(lambda n: "9" * n),  # a number of up to 5,000 digits
    st.integers(1, 400).map(lambda n: "[" * n),
    st.integers(1, 400).map(lambda n: "<div>" * n),
    st.integers(1, 60_000).map(lambda n: "甲" * n),  # a long line
)


def _at(data_length: int) -> st.SearchStrategy[int]:
    return st.integers(0, max(0, data_length))


def byte_mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed`` with a few bytes flipped, inserted, dropped or repeated, or cut off."""
    n = len(seed)
    op = st.one_of(
        st.tuples(st.just("flip"), _at(n - 1), st.integers(1, 255)),
        st.tuples(st.just("insert"), _at(n), st.binary(min_size=1, max_size=64)),
        st.tuples(st.just("drop"), _at(n), st.integers(1, 512)),
        st.tuples(st.just("repeat"), _at(n), st.integers(1, 512)),
        st.tuples(st.just("cut"), _at(n), st.just(0)),
    )
    return st.lists(op, min_size=1, max_size=6).map(lambda ops: _apply(seed, ops))


def _apply(data: bytes, ops: list[tuple[str, int, object]]) -> bytes:
    out = bytearray(data)
    for name, at, arg in ops:
        at = min(at, len(out))
        if name == "flip" and at < len(out):
            out[at] ^= int(arg)  # type: ignore[call-overload]
        elif name == "insert":
            out[at:at] = bytes(arg)  # type: ignore[call-overload]
        elif name == "drop":
            del out[at : at + int(arg)]  # type: ignore[call-overload]
        elif name == "repeat":
            out[at:at] = out[at : at + int(arg)]  # type: ignore[call-overload]
        elif name == "cut":
            del out[at:]
    return bytes(out)


def text_mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed``'s text with pieces inserted, lines dropped or repeated, then encoded in
    one encoding or in two (a file put together from two sources)."""
    text = seed.decode("utf-8")

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        out = text
        for _ in range(draw(st.integers(1, 4))):
            at = draw(_at(len(out)))
            kind = draw(st.sampled_from(["insert", "drop", "repeat"]))
            if kind == "insert":
                out = out[:at] + draw(_PIECES) + out[at:]
            else:
                end = out.find("\n", at)
                end = len(out) if end < 0 else end + 1
                line = out[at:end]
                # repeats add at most some 200,000 characters: a file of one line (an XML
                # part) repeated again and again would outgrow any memory
                times = min(draw(st.integers(2, 50)), max(2, _REPEATED // max(1, len(line))))
                out = out[:at] + (line * times if kind == "repeat" else "") + out[end:]
        first, second = draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(ENCODINGS))
        split = draw(_at(len(out)))
        return _encode(out[:split], first) + _encode(out[split:], second)

    return mutate()


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def archive_mutations(seed: bytes, member: str) -> st.SearchStrategy[bytes]:
    """``seed`` (a ZIP archive) with ``member``'s text mutated and the archive rebuilt, or
    its bytes damaged, or bytes of no format at all."""
    part = zipfile.ZipFile(io.BytesIO(seed)).read(member)
    inside = text_mutations(part).map(lambda new: with_member(seed, member, lambda _: new))
    return inside | byte_mutations(seed) | any_bytes()


def any_bytes(max_size: int = 4096) -> st.SearchStrategy[bytes]:
    """Bytes of no format at all (a binary file named as a report)."""
    return st.binary(max_size=max_size)
