"""Reading the narrative: folded text with offsets back to the source, sentences, places.

Narrative rules match patterns on the project's fold (``gik_rules.textnorm``: NFKC,
zero-width characters and injected spam dropped, traditional characters simplified)
without spaces but with line breaks ("3 119 件" and "３１１９件" both read "3119件"; 總體情況
reads 总体情况) and locate what they find in the unfolded text, so a finding names its
section, source line and sentence.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator

import attrs

from gik_rules.model import AnnualReport
from gik_rules.rules import Location
from gik_rules.rules.memo import per_report
from gik_rules.textnorm import normalise

_SENTENCE_END = re.compile(r"[。;!?\n]")
_SPACES = re.compile(r"[^\S\n]+")  # white space but line breaks: sentences end at those


@attrs.frozen(slots=True)
class Folded:
    """``text`` folded (``textnorm.normalise``, no spaces but newlines); ``offsets[i]`` is
    where the i-th folded character stands in the original text."""

    text: str
    offsets: tuple[int, ...]

    def origin(self, index: int) -> int:
        if not self.offsets:
            return 0
        return self.offsets[min(max(index, 0), len(self.offsets) - 1)]


@functools.lru_cache(maxsize=64)
def fold_text(text: str) -> Folded:
    """``text`` folded. Cached on the text: five narrative rules and the content rules
    fold the same preamble and sections of a report, and ``Folded`` is immutable."""
    folded = normalise(text)
    spaces = [m.span() for m in _SPACES.finditer(folded.text)]
    if not spaces:
        return Folded(folded.text, folded.origin)
    chars: list[str] = []
    offsets: list[int] = []
    at = 0
    for start, end in spaces:
        chars.append(folded.text[at:start])
        offsets.extend(folded.origin[at:start])
        at = end
    chars.append(folded.text[at:])
    offsets.extend(folded.origin[at:])
    return Folded("".join(chars), tuple(offsets))


@attrs.frozen(slots=True)
class Passage:
    """A piece of narrative: the preamble (``section`` None) or a section's text."""

    section: int | None
    text: str
    folded: Folded
    line_map: tuple[int, ...] = ()
    heading_line: int | None = None

    def line_of(self, folded_index: int) -> int | None:
        offset = self.folded.origin(folded_index)
        index = self.text.count("\n", 0, offset)
        if index < len(self.line_map):
            return self.line_map[index]
        return self.heading_line

    def location(self, start: int, end: int, **extra: str | None) -> Location:
        """Where the folded span ``start:end`` stands, with its sentence as excerpt."""
        return Location(
            section=self.section,
            line=self.line_of(start),
            ref=None if self.section is not None else "preamble",
            excerpt=self.sentence_at(start),
            **extra,  # type: ignore[arg-type]
        )

    def sentence_at(self, index: int) -> str:
        folded = self.folded.text
        start = max((m.end() for m in _SENTENCE_END.finditer(folded, 0, index)), default=0)
        end_match = _SENTENCE_END.search(folded, index)
        end = end_match.end() if end_match else len(folded)
        o_start, o_end = self.folded.origin(start), self.folded.origin(max(end - 1, start))
        return " ".join(self.text[o_start : o_end + 1].split())


@per_report  # a dozen rules read a report's passages: one call each, not two
def passages(report: AnnualReport) -> tuple[Passage, ...]:
    """The preamble and each section's text that holds more than white space, in order."""
    out = []
    if report.preamble.strip():
        out.append(Passage(None, report.preamble, fold_text(report.preamble)))
    for section in report.sections:
        if section.text.strip():
            out.append(
                Passage(
                    section.number,
                    section.text,
                    fold_text(section.text),
                    section.line_map,
                    section.line,
                )
            )
    return tuple(out)


@attrs.frozen(slots=True)
class Joined:
    """A report's passages (``passages``) with their folded texts joined by line breaks
    (``text``; ``starts[k]``: where the k-th one's stands in it; ``source``: their
    unfolded texts joined alike, without their starts): a rule looks over the
    whole in one scan in C rather than passage by passage, and goes to the passages
    only where it found something. A pattern that matches no line break never matches
    across two passages, and (a line break ending a sentence) one looked for after the
    end of a sentence finds a passage's start as it would alone."""

    passages: tuple[Passage, ...]
    text: str
    starts: tuple[int, ...]
    source: str  # the passages' unfolded texts, joined alike

    def placed(self, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[Passage, int, int]]:
        """Each span of ``text`` (within one passage) as its passage's folded span."""
        starts = self.starts
        for start, end in spans:
            k = bisect.bisect_right(starts, start) - 1
            yield self.passages[k], start - starts[k], end - starts[k]


@per_report  # the language, enumeration and year rules scan it
def joined(report: AnnualReport) -> Joined:
    """The passages of ``report`` joined (``Joined``)."""
    every = passages(report)
    texts = [p.folded.text for p in every]
    starts = itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0)
    source = "\n".join(p.text for p in every)
    return Joined(every, "\n".join(texts), tuple(starts), source)


def sentences(passage: Passage) -> Iterator[tuple[int, int]]:
    """Folded ``(start, end)`` of each sentence (ended by 。；！？ or a line break)."""
    start = 0
    text = passage.folded.text
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)
