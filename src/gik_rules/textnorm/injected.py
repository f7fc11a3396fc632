"""Text that mirror sites inject into reports: found in the folded text, never printed.

The phrases and patterns are data (``injected.toml``); this module only knows how a run
of them is joined and ended.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

from gik_rules import package_data


@attrs.frozen(slots=True)
class _Injected:
    source: str  # the pattern, compiled (case-insensitive) for the first text with a need
    needs: tuple[str, ...]  # lower case; every match contains one of these

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE)


@functools.cache
def _load() -> _Injected:
    data = package_data.read_toml("gik_rules.textnorm", "injected.toml")
    # Entries are folded as the text they are matched on is (width, simplified).
    from gik_rules.textnorm.fold import to_simplified

    def folded(s: str) -> str:
        return to_simplified(unicodedata.normalize("NFKC", s))

    phrases = [folded(p) for p in data.get("phrases", ())]
    items = [_bounded(p) for p in sorted(phrases, key=len, reverse=True)]
    needs = list(phrases)
    for entry in data.get("patterns", ()):
        items.append(f"(?:{entry['regex']})")
        needs.extend(folded(n) for n in entry["needs"])
    if not items:
        return _Injected(r"(?!)", ())
    item = "(?:" + "|".join(items) + ")"
    joiners = re.escape(folded(data.get("joiners", "")))
    joiner = "[" + joiners + r"\s]*"
    ending = f"[{joiners}]?" if joiners else ""
    source = f"{item}(?:{joiner}{item})*{ending}"
    lowered = {n.lower() for n in needs}
    # A need that holds another is met only where that one is: it need not be looked for.
    least = {n for n in lowered if not any(m != n and m in n for m in lowered)}
    return _Injected(source, tuple(sorted(least)))


def _bounded(phrase: str) -> str:
    """``phrase`` as a regex that does not match inside a longer ASCII word or number
    (bet365 is spam, alphabet365.example.com is not)."""
    pattern = re.escape(phrase)
    if phrase[:1].isascii() and phrase[:1].isalnum():
        pattern = "(?<![a-z0-9])" + pattern
    if phrase[-1:].isascii() and phrase[-1:].isalnum():
        pattern += "(?![a-z0-9])"
    return pattern


def spans(folded: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each injected run in already folded text."""
    injected = _load()
    lowered = folded.lower()  # only looked into: its length may differ
    if not any(n in lowered for n in injected.needs):
        return []
    return [m.span() for m in injected.pattern.finditer(folded)]
