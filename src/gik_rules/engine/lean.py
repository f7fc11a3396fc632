"""A report kept lean: what a run reads of it again once it is checked, and no more.

Once its own rules have run, a report is read again only by the dataset rules and by
the output format: the metadata always, some cells, the text perhaps. A rule says what
it reads (``Needs.reads``); ``run_keep`` joins what every dataset rule of a run and the
format read into a ``Keep``, and ``lean_report`` keeps that of a report: a worker
process sends it so (``engine.parallel``), and the checking process holds no more of it
for the dataset rules. A rule that does not say what it reads takes the whole report,
and so does every report of a run with such a rule.

Which tables the report read and how many of its cells hold a figure stay known
(``Extent``, on its ``PackedCells``): the dataset engine's skip reasons (``needs``) and
the choice between two reports of one organ and year (``rules.dataset``) read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from gik_rules.bounded import Bounded
from gik_rules.engine.needs import needs_text, tables_read
from gik_rules.engine.packed_cells import Extent, PackedCells
from gik_rules.engine.result import ReportResult
from gik_rules.forms.derive import identity_sums
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.model.cell import Cell
from gik_rules.rules.dataset import figures_held
from gik_rules.rules.rule import READS_INDICATORS, READS_METADATA, READS_PARAM, READS_TEXT, Scope
from gik_rules.ruleset import RuleConfig, Ruleset


@attrs.frozen(slots=True)
class Keep:
    """What of a report is kept besides its metadata: the cells under ``cells`` (cell
    ids, or their tables or rows; None: every cell), the text (sections and preamble)
    where ``text``, and its ``Extent`` where ``extent``."""

    cells: frozenset[str] | None = frozenset()
    text: bool = False
    extent: bool = True

    def __or__(self, other: Keep) -> Keep:
        cells = None if self.cells is None or other.cells is None else self.cells | other.cells
        return Keep(cells, self.text or other.text, self.extent or other.extent)


#: the metadata alone, no extent: what the formats that list findings read
BARE = Keep(extent=False)


def indicator_cells(variants: Iterable[FormVariant]) -> frozenset[str]:
    """The cells the variants' indicators are figured from, and those a blank one among
    them is summed from (``forms.derive.figures_sum``: one step, ``identity_sums``)."""
    found: set[str] = set()
    for variant in variants:
        sums = identity_sums(variant)
        for indicator in variant.indicators:
            for cid in indicator.cells:
                found.add(cid)
                found.update(sums.get(cid, ()))
    return frozenset(found)


def rule_keep(config: RuleConfig, variants: Mapping[str, FormVariant]) -> Keep | None:
    """What the rule of ``config`` reads of a report (None: the whole report)."""
    rule = config.rule
    reads = rule.needs.reads
    if reads is None:
        return None
    cells: set[str] = set()
    text = needs_text(rule)
    for item in reads:
        if item == READS_TEXT:
            text = True
        elif item == READS_INDICATORS:
            cells |= indicator_cells(variants.values())
        elif item.startswith(READS_PARAM):
            cells.update(map(str, config.params[item.removeprefix(READS_PARAM)]))
        elif item != READS_METADATA:
            cells.add(item)
    return Keep(frozenset(cells), text)


def run_keep(
    rulesets: Iterable[Ruleset], variants: Mapping[str, FormVariant], output: Keep | None
) -> Keep | None:
    """What a run keeps of each report: what its ``rulesets``' dataset rules read and
    what the output format reads (``output``; None: the whole report, as every one of
    them when a rule does not say what it reads)."""
    keep = output
    for ruleset in rulesets:
        for config in ruleset.rules:
            if keep is None:
                return None
            if config.rule.scope is Scope.DATASET and config.rule.check is not None:
                reads = rule_keep(config, variants)
                keep = None if reads is None else keep | reads
    return keep


_KEPT: Bounded[tuple[tuple[str, ...], frozenset[str]], tuple[str, ...]] = Bounded(256)


def _under(cid: str, wanted: frozenset[str]) -> bool:
    """Whether ``cid`` or its table or row (a prefix at a dot) is among ``wanted``."""
    end = cid.find(".")
    while end != -1:
        if cid[:end] in wanted:
            return True
        end = cid.find(".", end + 1)
    return cid in wanted


def kept_ids(ids: tuple[str, ...], wanted: frozenset[str]) -> tuple[str, ...]:
    """The ids among ``ids`` under ``wanted`` (worked out once for each distinct tuple:
    a run's reports mostly have the same)."""
    key = (ids, wanted)
    found = _KEPT.get(key)
    if found is None:
        found = _KEPT.keep(key, tuple(cid for cid in ids if _under(cid, wanted)))
    return found


def extent_of(report: AnnualReport) -> Extent:
    """The tables ``report`` read and how many of its cells hold a figure (a lean
    report's: those of the whole report it was made from)."""
    cells = report.cells
    held = getattr(cells, "extent", None)
    if held is not None:
        return held  # type: ignore[no-any-return]
    return Extent(tables_read(report), figures_held(cells))


def lean_report(report: AnnualReport, keep: Keep) -> AnnualReport:
    """``report`` with its metadata and what ``keep`` keeps, the cells as columns."""
    if keep == BARE:
        return AnnualReport(meta=report.meta)
    cells = report.cells
    shared = getattr(cells, "shared_ids", None)
    ids = shared() if shared is not None else tuple(cells)
    kept = ids if keep.cells is None else kept_ids(ids, keep.cells)
    packed: Mapping[str, Cell]
    if len(kept) < len(ids):
        extent = extent_of(report) if keep.extent else None
        packed = PackedCells.pack({cid: cells[cid] for cid in kept}, extent)
    elif isinstance(cells, PackedCells):
        packed = cells  # lean already (or whole, as columns)
    else:  # every cell kept: they tell what the report read themselves
        packed = PackedCells.pack(cells)
    if keep.text:
        return AnnualReport(report.meta, report.sections, cells=packed, preamble=report.preamble)
    return AnnualReport(report.meta, cells=packed)


def lean_result(result: ReportResult, keep: Keep) -> ReportResult:
    """``result`` with its report lean (``lean_report``)."""
    if result.report is None:
        return result
    return attrs.evolve(result, report=lean_report(result.report, keep))
