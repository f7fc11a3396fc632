"""The Rule type: a pure check with stable identity, metadata and documentation."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.rules.finding import Hit, Severity
from gik_rules.rules.params import Param

if TYPE_CHECKING:
    from gik_rules.model import AnnualReport
    from gik_rules.rules.context import RuleContext

CODE_PATTERN = re.compile(r"^[A-Z]{1,3}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

ReportCheck = Callable[["AnnualReport", "RuleContext"], Iterable[Hit]]
DatasetCheck = Callable[[Sequence["AnnualReport"], "RuleContext"], Iterable[Hit]]


class Scope(enum.Enum):
    REPORT = "report"  # one report in, findings out
    DATASET = "dataset"  # several reports (a dataset) in, findings per report out
    READER = "reader"  # emitted by a reader or the engine itself; nothing to run


#: What a rule's ``columnar`` key may say its check computes, so that an engine may
#: compute it for a whole dataset at once instead: "identities" is a check whose hits are
#: exactly the variant's identities that do not hold (``forms.evaluate``, each hit from
#: ``rules.identities.mismatch_hit`` at the identity's first cell), skipped when the
#: variant is unknown, no figure is read, or some identity has none of its cells read.
COLUMNAR_KINDS = ("identities",)

#: What a rule's ``quiet_unless`` may name: conditions on a report's cells, of which a
#: check that finds nothing (and does not skip itself) on a report meeting none says so,
#: so that an engine that can tell them for a whole dataset at once (``engine.columnar``)
#: need not make the cells of the rows that meet none (``rules.conditions`` states them
#: for one report). ``blank``: a cell is blank or a placeholder; ``invalid``: a cell is
#: not a number; ``negative``: a figure is below 0; ``fraction``: a figure that is not a
#: whole number stands in a cell that is not an amount (``ValueKind.AMOUNT``) of the
#: report's variant; ``no-figure``: no cell holds a figure; ``foreign``: a cell is not
#: one of the report's variant (or the variant is not known).
CELL_CONDITIONS = ("blank", "invalid", "negative", "fraction", "no-figure", "foreign")


#: What ``Needs.reads`` may name besides cells: the report's metadata (which every rule
#: reads: ``["metadata"]`` alone says the metadata alone), its text (sections and
#: preamble), the cells the form variants' indicators are figured from (with the cells
#: their identities sum them from), and ``param:NAME``, the cells a param of the rule
#: lists (cell ids).
READS_METADATA = "metadata"
READS_TEXT = "text"
READS_INDICATORS = "indicators"
READS_PARAM = "param:"
#: a cell id, or its table or row (``t3``, ``t3.new``, ``t3.new.np``): every cell under it
_CELL_PREFIX = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$")
_PARAM_NAME = re.compile(r"^param:[a-z][a-z0-9_]*$")


def _check_reads(_: object, __: object, reads: tuple[str, ...] | None) -> None:
    for item in reads or ():
        words = (READS_METADATA, READS_TEXT, READS_INDICATORS)
        if item not in words and not _PARAM_NAME.match(item) and not _CELL_PREFIX.match(item):
            raise ValueError(
                f"needs.reads: {item!r} is not {', '.join(words)}, param:NAME or a cell id "
                "(or its table or row)"
            )


@attrs.frozen(slots=True)
class Needs:
    """What a rule looks at, so the engine can tell "found nothing" from "could not look".

    ``tables`` are table ids of the form variants (``"t3"``); a table is read when the
    report has at least one of its cells. The rule does not run when none of its tables
    was read, and when only some were, a run that finds nothing is ``skipped`` (what it
    could not see may hold the fault), not ``ok``. ``text``: the rule reads the report's
    text, which a dataset row has none of.

    ``reads``: all the rule reads of a report, so that an engine that keeps or sends
    reports for it may keep only that: its metadata, and what the list names
    (``READS_METADATA`` and the rest: cells by id, table or row, the text, the
    indicators' cells, a param's cells). The text is read too where ``text`` (or a text
    group) says so, and which tables the report read (``tables``' skip reasons) and how
    many figures it holds are known whatever it lists. None (not declared): the whole
    report, as a rule written before ``reads`` existed takes it.
    """

    tables: tuple[str, ...] = ()
    text: bool = False
    reads: tuple[str, ...] | None = attrs.field(default=None, validator=_check_reads)


@attrs.frozen(slots=True)
class RuleDoc:
    """The documentation of a rule, in the sections ``gik-rules rule`` prints."""

    what: str
    why: str = ""
    bad: str = ""
    good: str = ""
    legal: str = ""
    unconfirmed: str = ""


@attrs.frozen(slots=True)
class Rule:
    """A check. ``check`` is a module-level function, so a Rule pickles by reference."""

    code: str
    name: str
    summary: str
    severity: Severity
    groups: tuple[str, ...]
    doc: RuleDoc
    check: ReportCheck | DatasetCheck | None = attrs.field(default=None, eq=False, repr=False)
    scope: Scope = Scope.REPORT
    variants: tuple[str, ...] = ()  # empty: every variant
    first_year: int | None = None
    last_year: int | None = None
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    enabled: bool = True  # False: only runs when selected explicitly by code or name
    plugin: str = ""
    needs: Needs = Needs()
    #: one of ``COLUMNAR_KINDS`` when the check computes that (empty: nothing declared)
    columnar: str = ""
    #: ``CELL_CONDITIONS`` without which the check finds nothing and does not skip itself
    quiet_unless: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not CODE_PATTERN.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be 1-3 capitals and 3 digits")
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")

    def applies(self, variant: str | None, year: int | None) -> bool:
        if self.variants and variant not in self.variants:
            return False
        if year is not None:
            if self.first_year is not None and year < self.first_year:
                return False
            if self.last_year is not None and year > self.last_year:
                return False
        return True

    def default_params(self) -> Mapping[str, Any]:
        return {p.name: p.default for p in self.params}


def find_rule(key: str, rules: Mapping[str, Rule]) -> Rule | None:
    """A rule by code, name or alias; ``rules`` maps codes to rules."""
    if key in rules:
        return rules[key]
    return next((r for r in rules.values() if key == r.name or key in r.aliases), None)
