"""A canonical JSON file read the direct way (parsed by orjson, built from plain values,
no look-over of its values for the limits) gives what reading it the general way gives:
the same report, the same finding, or the same limit met, whatever the file holds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.ingest import canonical
from gik_rules.ingest.limits import LimitExceeded, Limits, using
from gik_rules.model import AnnualReport
from gik_rules.model import canonical as structure
from gik_rules.model.canonical import to_json
from gik_rules.testing import any_reports

_VARIANTS = default_host().variants


def _first(pattern: str, by: str) -> Callable[[str], str]:
    return lambda text: re.sub(pattern, by, text, count=1)


#: what a file may hold that a written report does not: numbers json and orjson read
#: apart (an int past 64 bits, NaN, a huge exponent), floats and bools for ints, a key
#: written twice, escapes, values of another shape, text that is no JSON
_CHANGES: list[Callable[[str], str]] = [
    lambda text: text,
    _first(r'"value": \d+', '"value": 123456789012345678901234'),
    _first(r'"value": \d+', '"value": 12345678901234567890'),
    _first(r'"value": \d+', '"value": 1234567890123456789'),
    _first(r'"value": (\d+)', r'"value": \1.0'),
    _first(r'"value": \d+', '"value": true'),
    _first(r'"value": \d+', '"value": NaN'),
    _first(r'"value": \d+', '"value": 1e400'),
    _first(r'"line": (\d+)', r'"line": \1.0'),
    _first(r'"line": \d+', '"line": 12345678901234567890123'),
    _first(r'"line": (\d+)', r'"line": \1, "line": 2'),
    _first(r'"raw": "([^"]*)"', r'"raw": "\1\\u00e9\\ud800"'),
    _first(r'"raw": "[^"]*"', '"raw": ["x"]'),
    _first(r'"raw": "[^"]*"', '"raw": "123456789012345678901234567890123"'),
    _first(r'"state": "[^"]*"', '"state": 3'),
    _first(r'"span": \{', '"span": {"page": 1, '),
    _first(r'"span": \{[^}]*\}', '"span": [[[[1]]]]'),
    _first(r'"raw": "[^"]*",', ""),
    _first(r'"cells": \{', '"cells": {"t1.a.b": 12345678901234567890123, '),
    _first(r'"cells": \{', '"cells": {"t1.a.b": 1.5, "t1.a.c": "/", '),
    _first(r'"schema_version": 1', '"schema_version": 1.0'),
    _first(r'"schema_version": 1', '"schema_version": true'),
    _first(r'"preamble": "[^"]*"', '"preamble": [[["x"]]]'),
    _first(r'"year": \d+', '"year": 2021, "confidence": 0.5'),
    _first(r"\}\s*$", "} x"),
    _first(r'"meta"', '"meta": {}, "meta"'),
]

_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]


def _read(data: bytes, limits: Limits, *, direct: bool) -> tuple[str, Any]:
    """The file read, or the limit it meets; not ``direct``: parsed by json, told within
    the limits from what it parsed, structured by cattrs alone."""
    saved = canonical._plain, structure._plain_report
    if not direct:
        canonical._plain = lambda *_: None
        structure._plain_report = lambda _: None  # type: ignore[assignment]
    try:
        with using(limits):
            return ("read", canonical.read_canonical(data, "json", "r.json", _VARIANTS))
    except LimitExceeded as exc:
        return ("limit", (exc.what, exc.actual, exc.location))
    finally:
        canonical._plain, structure._plain_report = saved


@settings(max_examples=150, deadline=None)
@given(
    any_reports(),
    st.sampled_from(_CHANGES),
    st.sampled_from(_ENCODINGS),
    st.sampled_from([1, 3, 4, 5, 200]),
    st.sampled_from([1, 5, 18, 19, 20, 30]),
    st.sampled_from([80, 4_000, 1_000_000]),
    st.booleans(),
)
def test_a_file_reads_the_same_either_way(
    report: AnnualReport,
    change: Callable[[str], str],
    encoding: str,
    depth: int,
    digits: int,
    chars: int,
    damaged: bool,
) -> None:
    data = change(to_json(report)).encode(encoding, errors="surrogatepass")
    if damaged:
        data = data[: len(data) // 2] + b"\xff" + data[len(data) // 2 :]
    limits = Limits(depth=depth, digits=digits, line_chars=chars, text_chars=chars * 5)
    assert _read(data, limits, direct=True) == _read(data, limits, direct=False)


def test_a_written_report_takes_the_direct_way() -> None:
    from gik_rules.model.canonical import from_toml
    from tests.conftest import REPO

    report = from_toml((REPO / "examples" / "clean-2021.toml").read_text(encoding="utf-8"))
    data = to_json(report).encode()
    text = data.decode()
    meta = report.meta  # the reader's source and encoding where the document gives none
    filled = attrs.evolve(meta, source=meta.source or "r.json", encoding=meta.encoding or "utf-8")
    assert canonical._plain(data, text, "utf-8", "r.json") == attrs.evolve(report, meta=filled)
    with using(Limits(depth=3)):  # shallower than the document: the general way tells
        assert canonical._plain(data, text, "utf-8", "r.json") is None


@pytest.mark.parametrize("number", ["1" * 19, "1" * 25])
def test_a_long_int_is_read_as_json_reads_it(number: str) -> None:
    """orjson reads an int past 64 bits as a float: such a text is read by json."""
    doc = f'{{"schema_version": 1, "cells": {{"t1.a.b": {number}}}}}'.encode()
    result = canonical.read_canonical(doc, "json", "r.json", _VARIANTS)
    assert result.report is not None
    assert result.report.cells["t1.a.b"].value == int(number)


@pytest.mark.parametrize("value", ["true", "1.0"])
def test_a_bool_or_float_finds_no_cell_of_the_int_it_equals(value: str) -> None:
    def doc(number: str) -> bytes:
        cell = f'{{"raw": "1", "value": {number}, "state": "value", "span": {{"line": 3}}}}'
        return f'{{"schema_version": 1, "cells": {{"t1.a.b": {cell}}}}}'.encode()

    limits = Limits()
    assert _read(doc("1"), limits, direct=True)[0] == "read"  # the int's cell, kept
    assert _read(doc(value), limits, direct=True) == _read(doc(value), limits, direct=False)


@pytest.mark.parametrize("damage", [b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xe4\xb8"])
def test_bytes_that_are_no_utf8_read_the_same_either_way(damage: bytes) -> None:
    """A surrogate, an overlong form, a code point past U+10FFFF, a cut character:
    decoded with a replacement, and read as json reads that text."""
    data = b'{"schema_version": 1, "preamble": "' + damage + "报告".encode() * 30 + b'"}'
    limits = Limits()
    assert _read(data, limits, direct=True) == _read(data, limits, direct=False)


@pytest.mark.parametrize("source", [None, "", "elsewhere.json"])
@pytest.mark.parametrize("encoding", [None, "", "gb18030"])
@pytest.mark.parametrize("variant", [None, "V2021"])
def test_the_readers_source_and_encoding_fill_what_the_document_leaves_out(
    source: str | None, encoding: str | None, variant: str | None
) -> None:
    from gik_rules.model.canonical import from_toml, to_dict
    from tests.conftest import REPO

    doc = to_dict(from_toml((REPO / "examples" / "clean-2021.toml").read_text(encoding="utf-8")))
    for key, value in (("source", source), ("encoding", encoding), ("variant", variant)):
        doc["meta"].pop(key, None)
        if value is not None:
            doc["meta"][key] = value
    data = json.dumps(doc, ensure_ascii=False).encode()
    direct = _read(data, Limits(), direct=True)
    assert direct == _read(data, Limits(), direct=False)
    meta = direct[1].report.meta
    assert (meta.source, meta.encoding) == (source or "r.json", encoding or "utf-8")
