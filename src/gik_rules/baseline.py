"""The review baseline: findings a team has seen, with their decisions, so that the next
run shows only what is new (docs/baseline.md).

A finding's fingerprint is made of what stays put when a report is edited: the rule code,
the report's identity (organ and year, else its key), the logical location (section,
table, row, column, cell; not the source line or page) and a normalised form of what the
finding is about (expected, actual, cells; not the message, which may be reworded).
Identical findings of one report are told apart by an occurrence counter.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import tomli_w

from gik_rules.engine.result import Dismissed, ReportResult
from gik_rules.fix.atomic import write_atomic
from gik_rules.ingest.nesting import loads_toml
from gik_rules.rules.finding import Finding, Severity
from gik_rules.rules.unreadable import CODES as UNREADABLE

SCHEMA_VERSION = 1
#: bumped when what goes into a fingerprint changes, so old and new never collide
FINGERPRINT_VERSION = "gik-rules/fingerprint/1"


class Decision(enum.Enum):
    CONFIRMED = "confirmed"  # a real fault, still known: not new
    DISMISSED = "dismissed"  # not a fault (a false positive, an accepted deviation)


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names the file, entry and key."""


# -- fingerprints ---------------------------------------------------------------------------


def _norm(value: Any) -> Any:
    """A value as it compares across runs: numbers by value (``Decimal("1.0")`` is 1),
    strings with their whitespace collapsed, containers element by element."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if number.is_finite() and number == number.to_integral_value():
            return int(number)
        return str(number.normalize())
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list | tuple | set | frozenset):
        items = [_norm(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return _norm(value.value)
    return " ".join(str(value).split())


#: a ``Location.ref`` copied from where a reader found a cell (a spreadsheet cell "C12",
#: a PDF or .docx "table 2, row 3, column 4", a dataset's "row 7"): it moves when rows or
#: tables are added above, so it is left out; a rule's own ref ("title", "publication
#: date") names what the finding is about and stays in
_PHYSICAL_REF = re.compile(r"^(?:[A-Z]{1,3}\d+|(?:table \d+)?(?:,? ?row \d+)?(?:, column \d+)?)$")


def logical_location(finding: Finding) -> dict[str, Any]:
    """Where a finding is, without what moves when the source is edited (its line, page,
    excerpt, a reader's physical ref): section, table, row, column, cell, a rule's ref."""
    loc = finding.location
    where = {
        "section": loc.section,
        "table": loc.table,
        "row": loc.row,
        "column": loc.column,
        "cell": loc.cell,
        "ref": loc.ref if loc.ref and not _PHYSICAL_REF.match(loc.ref) else None,
    }
    return {k: _norm(v) for k, v in where.items() if v is not None}


def _identity(finding: Finding) -> str:
    about = [
        FINGERPRINT_VERSION,
        finding.code,
        logical_location(finding),
        _norm(finding.expected),
        _norm(finding.actual),
        sorted(finding.cells),
    ]
    return json.dumps(about, ensure_ascii=False, sort_keys=True, default=str)


def fingerprints(report: str, findings: Sequence[Finding]) -> list[str]:
    """One fingerprint (SHA-256 hex) per finding of the report called ``report``, all
    distinct: the n-th identical finding gets occurrence n."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        identity = _identity(f)
        out.append(hashlib.sha256(f"{report}\n{identity}\n{seen[identity]}".encode()).hexdigest())
        seen[identity] += 1
    return out


def report_identity(result: ReportResult) -> str:
    """Organ and year when the report's meta knows both (they survive renaming and moving
    the file), else the result's key (its source, or a dataset row's subject)."""
    meta = result.report.meta if result.report is not None else None
    organ = " ".join(meta.organ.split()) if meta is not None else ""
    if meta is not None and organ and meta.year is not None:
        return f"{organ} {meta.year}"
    return result.key.replace("\\", "/")


class IdentityNumberer:
    """Each result's identity, made unique as results arrive: reports sharing one (two
    copies of a report) are numbered ``#2``, ``#3`` in the run's order, which ``check``
    keeps deterministic (files in path order, a dataset's rows in order). Keeps one
    counter per identity, not the results, so a run of any size can be numbered."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def __call__(self, result: ReportResult) -> str:
        identity = report_identity(result)
        self._seen[identity] += 1
        n = self._seen[identity]
        return identity if n == 1 else f"{identity}#{n}"


def report_identities(results: Iterable[ReportResult]) -> list[str]:
    """Each result's identity, made unique in the order given (``IdentityNumberer``)."""
    number = IdentityNumberer()
    return [number(r) for r in results]


# -- the file -------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Entry:
    """One reviewed (or yet to review) finding of a baseline file."""

    fingerprint: str
    code: str
    report: str
    summary: str = ""
    decision: Decision | None = None
    comment: str | None = None

    @property
    def reviewed(self) -> bool:
        return self.decision is not None or bool(self.comment)


@attrs.frozen(slots=True)
class Baseline:
    entries: tuple[Entry, ...] = ()
    schema_version: int = SCHEMA_VERSION
    by_fingerprint: dict[str, Entry] = attrs.field(init=False, eq=False, repr=False)

    @by_fingerprint.default
    def _index(self) -> dict[str, Entry]:
        return {e.fingerprint: e for e in self.entries}

    def get(self, fingerprint: str) -> Entry | None:
        return self.by_fingerprint.get(fingerprint)


_REQUIRED = {"fingerprint": str, "code": str, "report": str, "summary": str}
_OPTIONAL = {"decision": str, "comment": str}


def _entry(raw: Any, n: int, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise BaselineError(f"{where}: finding {n}: not a table")
    for key in raw:
        if key not in _REQUIRED and key not in _OPTIONAL:
            known = ", ".join([*_REQUIRED, *_OPTIONAL])
            raise BaselineError(f"{where}: finding {n}: unknown key {key!r} (known: {known})")
    for key, kind in (_REQUIRED | _OPTIONAL).items():
        if key not in raw:
            if key in _REQUIRED:
                raise BaselineError(f"{where}: finding {n}: missing key {key!r}")
        elif not isinstance(raw[key], kind):
            raise BaselineError(f"{where}: finding {n}: key {key!r} must be a string")
    if not raw["fingerprint"]:
        raise BaselineError(f"{where}: finding {n}: key 'fingerprint' is empty")
    decision = None
    if "decision" in raw:
        try:
            decision = Decision(raw["decision"])
        except ValueError:
            choices = " or ".join(f'"{d.value}"' for d in Decision)
            raise BaselineError(
                f"{where}: finding {n}: key 'decision' is {raw['decision']!r}, not {choices}"
            ) from None
    return Entry(
        raw["fingerprint"], raw["code"], raw["report"], raw["summary"], decision, raw.get("comment")
    )


def parse_baseline(text: str, where: str = "<baseline>") -> Baseline:
    """A baseline from TOML text, strictly: any key, type or value not in the format is an
    error, as is a fingerprint listed twice (which decision would hold?)."""
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise BaselineError(f"{where}: not TOML: {exc}") from None
    for key in data:
        if key not in ("schema_version", "finding"):
            raise BaselineError(f"{where}: unknown key {key!r} (known: schema_version, finding)")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise BaselineError(
            f"{where}: key 'schema_version' is {version!r}, this version reads {SCHEMA_VERSION}"
        )
    raw = data.get("finding", [])
    if not isinstance(raw, list):
        raise BaselineError(f"{where}: key 'finding' must be an array of tables ([[finding]])")
    entries: list[Entry] = []
    first: dict[str, int] = {}
    for n, item in enumerate(raw, start=1):
        entry = _entry(item, n, where)
        if entry.fingerprint in first:
            raise BaselineError(
                f"{where}: finding {n}: key 'fingerprint' repeats finding {first[entry.fingerprint]}"
            )
        first[entry.fingerprint] = n
        entries.append(entry)
    return Baseline(tuple(entries))


def read_baseline(path: Path | str) -> Baseline:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read: {exc}") from None
    return parse_baseline(text, str(path))


def _entry_dict(entry: Entry) -> dict[str, str]:
    out = {
        "fingerprint": entry.fingerprint,
        "code": entry.code,
        "report": entry.report,
        "summary": entry.summary,
    }
    if entry.decision is not None:
        out["decision"] = entry.decision.value
    if entry.comment is not None:
        out["comment"] = entry.comment
    return out


def dump_baseline(baseline: Baseline) -> str:
    header = (
        "# gik-rules baseline (docs/baseline.md). Review a finding by adding\n"
        '# decision = "confirmed" or "dismissed", and a comment saying why.\n'
    )
    data = {
        "schema_version": baseline.schema_version,
        "finding": [_entry_dict(e) for e in baseline.entries],
    }
    return header + tomli_w.dumps(data)


class BaselineCollector:
    """The entries of a baseline gathered as results go by (``baseline_from``, streamed):
    the entries, not the results, are kept."""

    def __init__(self, previous: Baseline | None = None) -> None:
        self.previous = previous
        self._number = IdentityNumberer()
        self._entries: list[tuple[str, int, Entry]] = []

    def add(self, result: ReportResult) -> None:
        identity = self._number(result)
        previous = self.previous
        # the engine's document order, which the occurrence counters count in
        findings = result.findings
        for f, fp in zip(findings, fingerprints(identity, findings), strict=True):
            if f.code in UNREADABLE:  # never baselined: an unreadable file is always new
                continue
            old = previous.get(fp) if previous is not None else None
            decision, comment = (old.decision, old.comment) if old else (None, None)
            entry = Entry(fp, f.code, identity, f.message, decision, comment)
            self._entries.append((identity, len(self._entries), entry))

    def baseline(self) -> Baseline:
        entries = [e for _, _, e in sorted(self._entries, key=lambda t: (t[0], t[1]))]
        if self.previous is not None:
            now = {e.fingerprint for e in entries}
            entries += [e for e in self.previous.entries if e.reviewed and e.fingerprint not in now]
        return Baseline(tuple(entries))


def baseline_from(results: Iterable[ReportResult], previous: Baseline | None = None) -> Baseline:
    """A baseline of every finding of ``results``, carrying over the decision and comment
    each finding had in ``previous``; entries of ``previous`` that were reviewed but are
    not found now (fixed, or a rule not run this time) are kept after them, so that
    rewriting never loses a reviewer's work. Reports in identity order, findings in
    the engine's (document) order."""
    collector = BaselineCollector(previous)
    for result in results:
        collector.add(result)
    return collector.baseline()


def write_baseline(
    results: Iterable[ReportResult] | Baseline,
    path: Path | str,
    previous: Baseline | None = None,
) -> Baseline:
    """Write the baseline of ``results`` (or a baseline made already) to ``path``
    atomically (see ``baseline_from``); returns what was written."""
    baseline = results if isinstance(results, Baseline) else baseline_from(results, previous)
    write_atomic(Path(path), dump_baseline(baseline).encode("utf-8"))
    return baseline


# -- applying it ----------------------------------------------------------------------------


@attrs.frozen(slots=True)
class BaselinedResult:
    """One report's findings split by the baseline. ``new`` are not in it (what a CI job
    fails on); ``known`` are in it undecided or confirmed; ``dismissed`` were judged not
    to be faults and are listed apart, never hidden."""

    result: ReportResult
    report: str  # the identity the fingerprints were made with
    new: tuple[Finding, ...] = ()
    known: tuple[Finding, ...] = ()
    dismissed: tuple[Finding, ...] = ()

    @property
    def has_new_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.new)


class BaselineFilter:
    """``apply_baseline`` one result at a time, remembering only the fingerprints seen
    (for ``stale``)."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self._number = IdentityNumberer()
        self._seen: set[str] = set()

    def split(self, result: ReportResult) -> BaselinedResult:
        identity = self._number(result)
        findings = result.findings
        split: dict[str, list[Finding]] = {"new": [], "known": [], "dismissed": []}
        for f, fp in zip(findings, fingerprints(identity, findings), strict=True):
            self._seen.add(fp)
            entry = None if f.code in UNREADABLE else self.baseline.get(fp)
            if entry is None:
                split["new"].append(f)
            elif entry.decision is Decision.DISMISSED:
                split["dismissed"].append(f)
            else:
                split["known"].append(f)
        return BaselinedResult(
            result,
            identity,
            tuple(split["new"]),
            tuple(split["known"]),
            tuple(split["dismissed"]),
        )

    def apply(self, result: ReportResult) -> tuple[ReportResult, int]:
        """``result`` with only its new findings, the dismissed ones in ``dismissed``
        with the reviewer's comment; and how many known findings were left out."""
        identity = self._number(result)
        new: list[Finding] = []
        dismissed: list[Dismissed] = []
        known = 0
        for f, fp in zip(result.findings, fingerprints(identity, result.findings), strict=True):
            self._seen.add(fp)
            entry = None if f.code in UNREADABLE else self.baseline.get(fp)
            if entry is None:
                new.append(f)
            elif entry.decision is Decision.DISMISSED:
                dismissed.append(Dismissed(f, entry.comment))
            else:
                known += 1
        return attrs.evolve(result, findings=tuple(new), dismissed=tuple(dismissed)), known

    def stale(self) -> list[Entry]:
        """The entries no finding matched so far: fixed, or reports not checked."""
        return [e for e in self.baseline.entries if e.fingerprint not in self._seen]


def apply_baseline(
    results: Iterable[ReportResult], baseline: Baseline
) -> Iterator[BaselinedResult]:
    """Each result (in the order given) with its findings split by ``baseline``; every
    finding lands in exactly one of ``new``, ``known``, ``dismissed``, in document order."""
    applier = BaselineFilter(baseline)
    for result in results:
        yield applier.split(result)


def stale_entries(baseline: Baseline, baselined: Iterable[BaselinedResult]) -> list[Entry]:
    """The entries no finding matched: fixed findings, or reports not checked this time."""
    seen: set[str] = set()
    for b in baselined:
        seen.update(fingerprints(b.report, b.result.findings))
    return [e for e in baseline.entries if e.fingerprint not in seen]


def exit_code(baselined: Iterable[BaselinedResult]) -> int:
    """What ``check`` would exit with under the baseline: 2 if a new finding says a file
    could not be read, 1 if a new finding is an error, else 0. Known and dismissed
    findings never fail a run."""
    new = [f for b in baselined for f in b.new]
    if any(f.code in UNREADABLE for f in new):
        return 2
    return 1 if any(f.severity is Severity.ERROR for f in new) else 0
