"""The result of checking one report: findings and the status of every rule."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

import attrs

from gik_rules.model import AnnualReport
from gik_rules.model.named_enum import NamedEnum
from gik_rules.rules.finding import Finding, Severity
from gik_rules.rules.skip import SkipKind, SkipReason


class RuleStatus(NamedEnum):
    OK = "ok"  # ran, looked at everything it needs, found nothing
    #: did not apply (variant, year) or could not look (a table not read, no text); the
    #: reason is in ``ReportResult.skipped``
    SKIPPED = "skipped"
    FINDINGS = "findings"
    ERROR = "error"  # raised; reported as an X001 finding


@attrs.frozen(slots=True)
class Dismissed:
    """A finding a reviewer judged not to be a fault (in the review baseline), with why."""

    finding: Finding
    comment: str | None = None


@attrs.frozen(slots=True)
class ReportResult:
    source: str
    report: AnnualReport | None
    findings: tuple[Finding, ...] = ()
    statuses: Mapping[str, RuleStatus] = attrs.field(factory=dict)
    #: the name the report goes by when it is not its source: a row of a dataset
    #: ("file.csv#row 12"), or the key the dataset engine made unique ("a.toml#2")
    subject: str = ""
    has_text: bool = True  # False: a dataset row, so the rules that read text were skipped
    #: why each rule whose status is ``skipped`` was skipped
    skipped: Mapping[str, SkipReason] = attrs.field(factory=dict)
    #: findings the review baseline dismissed: not in ``findings``, listed apart
    dismissed: tuple[Dismissed, ...] = ()

    @property
    def key(self) -> str:
        return self.subject or self.source

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def not_read(self) -> dict[str, SkipReason]:
        """The skipped rules that apply to the report but could not look at it."""
        return {c: r for c, r in self.skipped.items() if r.kind is SkipKind.NOT_READ}


#: a result's fields in the order of ``ReportResult``'s (``ReportResult(*fields)``), as a
#: result is read back before its dataset findings are added (``engine.result_store``)
Fields = tuple[
    str,
    AnnualReport | None,
    tuple[Finding, ...],
    Mapping[str, RuleStatus],
    str,
    bool,
    Mapping[str, SkipReason],
    tuple[Dismissed, ...],
]
fields_of = cast(
    Callable[[ReportResult], Fields],
    operator.attrgetter(*(f.name for f in attrs.fields(ReportResult))),
)


_SHARED: dict[tuple[Any, ...], Any] = {}
#: the same dicts by their ids (each held in ``_SHARED``, so that its id stays its own)
_SHARED_BY_ID: dict[int, Any] = {}
_SHARED_MAX = 4096


def shared_mapping(mapping: Mapping[str, Any]) -> Any:
    """One dict for all equal ``mapping``s (in the same order): results are frozen, and
    the statuses and skip reasons of a dataset's rows are mostly the same, kept together
    by the hundred thousand when the ruleset has dataset rules."""
    if _SHARED_BY_ID.get(id(mapping)) is mapping:  # one of these dicts already (a
        return mapping  # kind of report's planned statuses, given to each report of it)
    # the values by id (a dict kept holds its values, so their ids stay theirs): nothing
    # is hashed through attrs or enum code, and equal values that are not the same
    # object (rare: reasons come from one plan) only share less
    key = tuple(zip(mapping, map(id, mapping.values()), strict=True))
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
            _SHARED_BY_ID.clear()
        found = _SHARED[key] = dict(mapping)
        _SHARED_BY_ID[id(found)] = found
    return found


def unique_keys(keys: Iterable[str]) -> list[str]:
    """``keys`` made unique: a key already taken is numbered (``a``, ``a#2``, ``a#3``)."""
    taken: set[str] = set()
    out = []
    for key in keys:
        candidate, n = key, 1
        while candidate in taken:
            n += 1
            candidate = f"{key}#{n}"
        taken.add(candidate)
        out.append(candidate)
    return out
