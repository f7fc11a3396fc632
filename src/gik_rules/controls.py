"""Control characters shown, never obeyed: report text comes from documents anyone can
write, and an ESC, a C1 CSI (U+009B) or a bidi override printed as it is would recolour a
terminal or a CI log, move the cursor, set the window title or disguise what a line says.

Kept apart from ``output`` (which imports every format) so that the command line's
consoles can use it at no start-up cost.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL, line and paragraph separators, bidi embeddings, overrides
# and isolates, and the noncharacters XML refuses
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control character outside ``keep`` shown as ``\\xNN``/``\\uNNNN``."""
    return UNSAFE.sub(lambda m: m[0] if m[0] in keep else _visible(m[0]), text)
