"""Two reports side by side: every table cell with both values and the change, each
section's text with what was carried over unchanged, and the findings new, fixed and
unchanged. For two years of one organ, or a report and its corrected version."""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

import attrs

from gik_rules.baseline import logical_location
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Cell, Number
from gik_rules.rules.finding import Finding
from gik_rules.textnorm import fold


class CellStatus(enum.Enum):
    SAME = "same"
    CHANGED = "changed"
    ADDED = "added"  # only NEW has the cell
    REMOVED = "removed"  # only OLD has it


@attrs.frozen(slots=True)
class CellChange:
    """One cell of the form in both reports: the text as written and the figure of
    each, and ``change`` (new − old) where both are figures."""

    cell: str
    label: str
    old: Cell | None
    new: Cell | None
    change: Number | None
    status: CellStatus


class Carried(enum.Enum):
    SAME = "same"  # the sentence stands in OLD word for word
    FIGURES = "figures"  # it does with other figures only
    NEW = "new"


@attrs.frozen(slots=True)
class Sentence:
    text: str
    start: int  # in the section's text of NEW (or OLD, for one that is gone)
    end: int
    carried: Carried


@attrs.frozen(slots=True)
class SectionDiff:
    """A section of NEW (or of OLD only) with its sentences marked, and the share of its
    characters that OLD already had word for word (``carried``) or with other figures
    only (``figures``)."""

    number: int
    title: str
    text: str  # as written; the sentences' offsets are in it
    sentences: tuple[Sentence, ...]
    carried: float
    figures: float
    only_in_old: bool = False


@attrs.frozen(slots=True)
class FindingsDiff:
    new: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    unchanged: tuple[tuple[Finding, Finding], ...]  # (old, new)


@attrs.frozen(slots=True)
class ReportDiff:
    old: AnnualReport
    new: AnnualReport
    old_source: str
    new_source: str
    cells: tuple[CellChange, ...]
    sections: tuple[SectionDiff, ...]
    findings: FindingsDiff

    def count(self, status: CellStatus) -> int:
        return sum(1 for c in self.cells if c.status is status)


_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _key(text: str) -> str:
    return fold(text)


def _shape(text: str) -> str:
    return _DIGITS.sub("0", fold(text))


def sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, sentence)`` of a text, each ended by 。！？； or a line break."""
    for match in _SENTENCE.finditer(text):
        piece = match[0]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            yield match.start() + lead, match.end(), piece.strip()


def _section_diff(number: int, title: str, text: str, old_text: str) -> SectionDiff:
    old = [s for _, _, s in sentences(old_text)]
    same = {_key(s) for s in old}
    shapes = {_shape(s) for s in old}
    marked: list[Sentence] = []
    weight: Counter[Carried] = Counter()
    for start, end, piece in sentences(text):
        if _key(piece) in same:
            kind = Carried.SAME
        elif _shape(piece) in shapes:
            kind = Carried.FIGURES
        else:
            kind = Carried.NEW
        marked.append(Sentence(piece, start, end, kind))
        weight[kind] += len(_key(piece))
    whole = sum(weight.values()) or 1
    return SectionDiff(
        number,
        title,
        text,
        tuple(marked),
        round(weight[Carried.SAME] / whole, 4),
        round(weight[Carried.FIGURES] / whole, 4),
    )


def _sections(old: AnnualReport, new: AnnualReport) -> tuple[SectionDiff, ...]:
    """Each section of NEW against OLD's whole narrative (a sentence moved to another
    section is carried over too), then the sections only OLD has."""
    old_text = "\n".join([old.preamble, *(s.text for s in old.sections)])
    out = []
    if new.preamble.strip():
        out.append(_section_diff(0, "", new.preamble, old_text))
    for section in new.sections:
        if section.text.strip():
            out.append(_section_diff(section.number, section.title, section.text, old_text))
    numbers = {s.number for s in new.sections}
    for section in old.sections:
        if section.number not in numbers and section.text.strip():
            gone = tuple(Sentence(p, a, b, Carried.NEW) for a, b, p in sentences(section.text))
            out.append(
                SectionDiff(section.number, section.title, section.text, gone, 0.0, 0.0, True)
            )
    return tuple(out)


def _cell_ids(
    old: AnnualReport, new: AnnualReport, variants: Sequence[FormVariant | None]
) -> list[str]:
    """Every cell of either report's form, in the order the forms print them, then any
    other cell either report holds, by id."""
    ids: dict[str, None] = {}
    for variant in variants:
        if variant is not None:
            ids.update(dict.fromkeys(variant.cells))
    ids.update(dict.fromkeys(sorted(set(old.cells) | set(new.cells))))
    return list(ids)


def _change(old: Cell | None, new: Cell | None) -> Number | None:
    if old is None or new is None or old.value is None or new.value is None:
        return None
    if isinstance(old.value, Decimal) or isinstance(new.value, Decimal):
        return Decimal(new.value) - Decimal(old.value)
    return new.value - old.value


def _status(old: Cell | None, new: Cell | None) -> CellStatus:
    if old is None:
        return CellStatus.ADDED
    if new is None:
        return CellStatus.REMOVED
    if old.value is not None and new.value is not None:
        return CellStatus.SAME if old.value == new.value else CellStatus.CHANGED
    return CellStatus.SAME if fold(old.raw) == fold(new.raw) else CellStatus.CHANGED


def _cells(
    old: AnnualReport, new: AnnualReport, variants: Mapping[str, FormVariant]
) -> tuple[CellChange, ...]:
    forms = [variants.get(new.meta.variant or ""), variants.get(old.meta.variant or "")]
    out = []
    for cid in _cell_ids(old, new, forms):
        before, after = old.cells.get(cid), new.cells.get(cid)
        if before is None and after is None:
            continue
        spec = next((f.cells[cid] for f in forms if f is not None and cid in f.cells), None)
        label = spec.label if spec else cid
        out.append(
            CellChange(cid, label, before, after, _change(before, after), _status(before, after))
        )
    return tuple(out)


def _place(finding: Finding) -> str:
    return f"{finding.code} {sorted(logical_location(finding).items())}"


def diff_findings(old: Sequence[Finding], new: Sequence[Finding]) -> FindingsDiff:
    """Findings matched by rule and place (section, table, row, column, cell, a rule's
    ref; the n-th of a kind with the n-th), not by message or line, which change with the
    figures and the text around them."""

    def keyed(found: Sequence[Finding]) -> dict[tuple[str, int], Finding]:
        seen: Counter[str] = Counter()
        out = {}
        for finding in found:
            place = _place(finding)
            out[(place, seen[place])] = finding
            seen[place] += 1
        return out

    before, after = keyed(old), keyed(new)
    return FindingsDiff(
        tuple(f for k, f in after.items() if k not in before),
        tuple(f for k, f in before.items() if k not in after),
        tuple((before[k], f) for k, f in after.items() if k in before),
    )


def diff_reports(
    old: AnnualReport,
    new: AnnualReport,
    variants: Mapping[str, FormVariant],
    *,
    old_findings: Sequence[Finding] = (),
    new_findings: Sequence[Finding] = (),
    old_source: str = "",
    new_source: str = "",
) -> ReportDiff:
    """OLD and NEW side by side (findings as each report's check gave them)."""
    return ReportDiff(
        old,
        new,
        old_source,
        new_source,
        _cells(old, new, variants),
        _sections(old, new),
        diff_findings(old_findings, new_findings),
    )
