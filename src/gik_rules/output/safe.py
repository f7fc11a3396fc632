"""Report text made safe to print: no terminal escape sequence, no invisible reordering.

Report text comes from documents anyone can write; a message quoting an ESC, a C1 CSI
(U+009B) or a bidi override would otherwise recolour a CI log, move the cursor or
disguise what it says. Text formats show such characters as visible escapes (``\\x1b``);
JSON formats keep them lossless as ``\\u`` escapes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from gik_rules.controls import printable as printable

# the controls ``printable`` shows, minus C0 and DEL, which json.dumps escapes already
_UNSAFE_IN_JSON = re.compile("[\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def dump_json(obj: Any, *, indent: int | None = None) -> str:
    """``obj`` as JSON, keys sorted, non-ASCII text as is except what ``printable`` hides,
    which is ``\\u``-escaped (only possible inside strings, so the value is unchanged)."""
    if indent is None:
        return json_safe(_COMPACT.encode(obj))
    text = json.dumps(
        obj, ensure_ascii=False, sort_keys=True, indent=indent, separators=(",", ": ")
    )
    return json_safe(text)


def raw_json(obj: Any) -> str:
    """``dump_json`` of ``obj`` without ``json_safe``: for a text put together from
    several values and made safe once, whole."""
    return _COMPACT.encode(obj)


def json_safe(text: str) -> str:
    """JSON ``text`` with what ``printable`` hides ``\\u``-escaped (such characters stand
    only inside its strings)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


# ``json.dumps`` makes an encoder for every call given options (a few microseconds: a
# JSON Lines run dumps several values a report)
_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
