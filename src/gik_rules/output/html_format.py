"""HTML: one self-contained page for a run (documented in docs/output-formats.md).

Summary charts (findings by rule, organ, severity and year), the distribution of each
indicator over the run (docs/indicators.md), a sortable, filterable list of the reports,
and for each report its findings, its indicators beside the run's median, its skipped
rules with their reasons and its tables with the failing cells marked. Nothing is
fetched: the script, the styles and the data are inline, and a Content-Security-Policy
forbids every request.

Report text is hostile input. The data travel as JSON in a ``<script
type="application/json">`` with ``<``, ``>`` and ``&`` escaped as ``\\u003c`` …, so no
text can close the element; the page's script builds the DOM with ``textContent`` only;
and the CSP admits the page's own script and style by hash, so an injected one would not
run even if it got in.

Memory: each result is turned into its compact JSON on ``add`` and dropped (its
indicators with it; a year-on-year change keeps only the organ, year and figure until the
page is written). The cells of a report are kept only when it has findings, for at most
``detail_limit`` reports (those with errors first, then by key, so the choice does not
depend on arrival order); the page says how many were left without tables.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any, TextIO

from gik_rules import __version__
from gik_rules.engine.result import ReportResult
from gik_rules.forms.indicators import Indicator
from gik_rules.forms.variant import FormVariant
from gik_rules.indicators import IndicatorValue, compute, evaluate
from gik_rules.indicators.dataset import quartiles
from gik_rules.model import AnnualReport
from gik_rules.output.safe import dump_json
from gik_rules.rules.dataset import natural, organ_key
from gik_rules.rules.finding import Finding, Severity
from gik_rules.rules.rule import Rule
from gik_rules.rules.skip import SkipReason

#: reports with findings whose tables the page carries; the others list findings only
DETAIL_LIMIT = 2000
#: organs the organ chart names; the rest are one "other organs" bar
ORGAN_BARS = 25
HTML_SCHEMA_VERSION = 1

_JSON_UNSAFE = re.compile("[<>&]")
_PLACEHOLDER = re.compile(r"@@([A-Z]+)@@")


def _json_for_html(text: str) -> str:
    """JSON text that no HTML parser can end early: ``<``, ``>``, ``&`` are ``\\u``-escaped
    (they only occur inside strings, so the value is unchanged)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _asset(name: str) -> str:
    return resources.files("gik_rules.output").joinpath("html", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def _plain(value: Any) -> Any:
    """A finding's expected or actual value as JSON: numbers other than int (Decimal) and
    anything else as text, as the json format writes them."""
    return value if isinstance(value, bool | int | str) else str(value)


def _finding(f: Finding, english: bool) -> dict[str, Any]:
    loc = f.location
    out: dict[str, Any] = {
        "code": f.code,
        "sev": f.severity.value,
        "msg": f.message_en if english else f.message,
        "where": loc.describe(),
    }
    if loc.cell:
        out["cell"] = loc.cell
    if loc.table:
        out["table"] = loc.table
    if f.cells:
        out["cells"] = list(f.cells)
    if f.expected is not None:
        out["exp"] = _plain(f.expected)
    if f.actual is not None:
        out["act"] = _plain(f.actual)
    if f.legal:
        out["legal"] = f.legal
    if loc.excerpt:
        out["excerpt"] = loc.excerpt
    return out


def _indicator(item: IndicatorValue, english: bool) -> list[Any]:
    """``[value, numerator, denominator]`` of an indicator (figures as JSON numbers or
    text), or ``[null, reason]``."""
    if item.value is None:
        return [None, item.reason_en if english else item.reason]
    return [item.value, _plain(_number(item.numerator)), _plain(_number(item.denominator))]


def _number(value: Any) -> Any:
    return int(value) if value is not None and value == int(value) else value


def _cells(report: AnnualReport) -> dict[str, Any]:
    """What the page shows of the tables: each cell's text as written and its state, and
    which tables were read."""
    return {
        "read": sorted(report.tables),
        "cells": {cid: [c.raw, c.state.value] for cid, c in sorted(report.cells.items())},
    }


def table_layouts(variant: FormVariant, templates: Iterable[Mapping[str, Any]] = ()) -> list[Any]:
    """The variant's tables as rows of ``[text, kind, rowspan, colspan, cell_id]``: laid
    out as the plugins' table templates arrange them, else one block after another."""
    from gik_rules.render.layout import lay_out
    from gik_rules.render.templates import TemplateError, TemplateSet, load_templates

    contributions = list(templates)
    sets: list[TemplateSet] = []
    names = sorted({str(c.get("jurisdiction", "")) for c in contributions})
    # the variant's own plugin first: its templates know its tables
    names.sort(key=lambda name: name != variant.plugin)
    for name in names:
        try:
            sets.append(load_templates(variant, name, contributions))
        except TemplateError:
            continue
    out = []
    for spec in variant.tables:
        layout = None
        for templates_set in sets:
            try:
                found = lay_out(variant, spec.id, templates_set.layout(spec.id), lambda _: "")
            except TemplateError:
                continue
            layout = found
            break
        if layout is None:
            layout = lay_out(variant, spec.id, {"kind": "blocks"}, lambda _: "")
        rows = [
            [[c.text, c.kind, c.rowspan, c.colspan, c.cell_id] for c in row]
            for row in layout.grid.rows
        ]
        out.append({"id": spec.id, "title": spec.title, "section": spec.section, "rows": rows})
    return out


class _Keys:
    """``unique_keys`` one key at a time in constant time (``a``, ``a#2``, …)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, key: str) -> str:
        candidate, n = key, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{key}#{n}"
        self.taken.add(candidate)
        return candidate


class HtmlFormatter:
    """The page, written in ``finish``. Options: ``variants`` (id to FormVariant, for the
    table labels; default: the installed plugins'), ``templates`` (the template
    contributions, for the tables' arrangement; default: the installed plugins'; ``()``
    lays each table out block by block), ``rules`` (code to Rule, for rule names
    and summaries), ``english`` (messages and page in English), ``detail_limit`` (how
    many reports with findings carry their tables), ``title``."""

    def __init__(
        self,
        stream: TextIO,
        *,
        variants: Mapping[str, FormVariant] | None = None,
        templates: Iterable[Mapping[str, Any]] | None = None,
        rules: Mapping[str, Rule] | None = None,
        english: bool = False,
        detail_limit: int = DETAIL_LIMIT,
        title: str | None = None,
    ) -> None:
        self.stream = stream
        self._variants = variants
        self._templates = list(templates) if templates is not None else None
        self.rules = rules or {}
        self.english = english
        self.detail_limit = max(detail_limit, 0)
        self.title = title or ("gik-rules check report" if english else "gik-rules 检查报告")
        self._key = _Keys()
        #: (key, the report's JSON without its skipped rules, (code, reason index) of each)
        self._reports: list[tuple[str, str, tuple[tuple[str, int], ...]]] = []
        #: ((errors first, key), variant, cells JSON) of reports with findings, at most
        #: 2 × detail_limit at a time
        self._details: list[tuple[tuple[int, str], str, str]] = []
        self._names: dict[str, str] = {}
        self._severity: dict[str, Severity] = {}
        self._reasons: dict[tuple[str, str], int] = {}
        self._skips: Counter[tuple[str, int]] = Counter()
        self._by_rule: Counter[str] = Counter()
        self._by_organ: Counter[str] = Counter()
        self._by_year: Counter[str] = Counter()
        self._by_severity: Counter[str] = Counter()
        self._with_findings = 0
        self._unread = 0
        self._detailable = 0  # reports with findings that were read: they have tables
        self._dismissed = 0
        self._worst: tuple[int, str] | None = None  # of the kept tables, once there are enough
        #: indicator id → (name, name_en, kind); values of the ratios as they come
        self._indicators: dict[str, tuple[str, str, str]] = {}
        self._values: dict[str, list[float]] = {}
        #: (key, organ, year, {change indicator: this year's figure}) for the changes,
        #: worked out when the page is written (the year before may come later)
        self._changes: list[tuple[str, str, int, dict[Indicator, Any]]] = []

    def start(self) -> None:
        pass

    def _reason(self, reason: SkipReason) -> int:
        text = reason.message_en if self.english else reason.message
        return self._reasons.setdefault((reason.kind.value, text), len(self._reasons))

    def add(self, result: ReportResult) -> None:
        key = self._key(result.key)
        meta = result.report.meta if result.report else None
        organ = meta.organ if meta else ""
        year = meta.year if meta else None
        live = result.findings  # the review baseline's dismissed findings are not in it
        counts = [result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
        skipped = tuple((code, self._reason(r)) for code, r in sorted(result.skipped.items()))
        self._skips.update(skipped)
        entry: dict[str, Any] = {
            "key": key,
            "source": result.source,
            "organ": organ,
            "year": year,
            "variant": meta.variant if meta else None,
            "read": result.report is not None,
            "n": counts,
            "findings": [_finding(f, self.english) for f in result.findings],
            # listed apart, never counted; with the reviewer's comment
            "dismissed": [
                {**_finding(d.finding, self.english), "comment": d.comment or ""}
                for d in result.dismissed
            ],
        }
        self._dismissed += len(result.dismissed)
        if result.report is not None:
            entry["ind"] = self._ratios(key, result.report)
        self._reports.append((key, dump_json(entry), skipped))
        for f in live:
            self._names.setdefault(f.code, f.name)
            self._severity.setdefault(f.code, f.severity)
            self._by_rule[f.code] += 1
            self._by_severity[f.severity.value] += 1
            self._by_organ[organ] += 1
            self._by_year["" if year is None else str(year)] += 1
        if result.report is None:
            self._unread += 1
        if live:
            self._with_findings += 1
            if result.report is not None:
                self._detailable += 1
                if self.detail_limit:
                    self._keep_detail((0 if counts[0] else 1, key), result.report)

    def _ratios(self, key: str, report: AnnualReport) -> dict[str, list[Any]]:
        """The report's ratio indicators; its change figures are kept for ``finish``."""
        variants = self._variants if self._variants is not None else self._variant_data()[0]
        variant = variants.get(report.meta.variant or "")
        if variant is None:
            return {}
        out: dict[str, list[Any]] = {}
        figures: dict[Indicator, Any] = {}
        for spec, item in zip(variant.indicators, compute(report, variant), strict=True):
            self._indicators.setdefault(spec.id, (spec.name, spec.name_en, spec.kind))
            if spec.kind == "change":
                figures[spec] = item.numerator
                continue
            out[spec.id] = _indicator(item, self.english)
            if item.value is not None:
                self._values.setdefault(spec.id, []).append(item.value)
        organ = organ_key(report)
        if figures and organ and report.meta.year is not None:
            self._changes.append((key, organ, report.meta.year, figures))
        return out

    def _changes_data(self) -> dict[str, dict[str, list[Any]]]:
        """Each report's year-on-year changes, where the run holds the organ's report of
        the year before (the first by key, as the dataset rules take it)."""
        order = sorted(self._changes, key=lambda c: c[:3])
        before: dict[tuple[str, int], dict[str, Any]] = {}
        for _, organ, year, figures in order:
            before.setdefault((organ, year), {spec.id: v for spec, v in figures.items()})
        out: dict[str, dict[str, list[Any]]] = {}
        for key, organ, year, figures in order:
            last = before.get((organ, year - 1))
            mine: dict[str, list[Any]] = {}
            for spec, now in figures.items():
                then = last.get(spec.id) if last is not None else None
                item = evaluate(spec, now, then, previous=last is not None)
                mine[spec.id] = _indicator(item, self.english)
                if item.value is not None:
                    self._values.setdefault(spec.id, []).append(item.value)
            out[key] = mine
        return out

    def _indicator_data(self) -> dict[str, Any]:
        changes = self._changes_data()
        spread = []
        for cid, (name, name_en, kind) in self._indicators.items():
            values = sorted(self._values.get(cid, []))
            if not values:
                continue
            q1, median, q3 = quartiles(values)
            spread.append(
                [
                    cid,
                    name_en if self.english else name,
                    kind,
                    len(values),
                    values[0],
                    round(q1, 6),
                    round(median, 6),
                    round(q3, 6),
                    values[-1],
                ]
            )
        names = [
            [cid, name_en if self.english else name, kind]
            for cid, (name, name_en, kind) in self._indicators.items()
        ]
        return {"names": names, "spread": spread, "changes": changes}

    def _keep_detail(self, priority: tuple[int, str], report: AnnualReport) -> None:
        if self._worst is not None and priority > self._worst:
            return  # a full list of better reports is kept already
        self._details.append((priority, report.meta.variant or "", dump_json(_cells(report))))
        if len(self._details) >= 2 * self.detail_limit:  # amortised: sort and cut now and then
            self._cut()

    def _cut(self) -> None:
        self._details.sort(key=lambda d: d[0])
        del self._details[self.detail_limit :]
        if self._details and len(self._details) == self.detail_limit:
            self._worst = self._details[-1][0]

    def _variant_data(self) -> tuple[Mapping[str, FormVariant], list[Mapping[str, Any]]]:
        """The variants and template contributions as given, else the installed plugins'
        (loaded only now, and only when some report carries its tables)."""
        if self._variants is not None and self._templates is not None:
            return self._variants, self._templates
        from gik_rules.host import default_host

        host = default_host()
        variants = host.variants if self._variants is None else self._variants
        templates = host.templates if self._templates is None else self._templates
        return variants, list(templates)

    def _charts(self) -> dict[str, Any]:
        organs = self._by_organ.most_common()
        top = organs[:ORGAN_BARS]
        rest = organs[ORGAN_BARS:]
        return {
            "rule": [
                [code, self._names[code], self._severity[code].value, n]
                for code, n in sorted(self._by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "organ": sorted(top, key=lambda kv: (-kv[1], kv[0])),
            "organ_rest": [len(rest), sum(n for _, n in rest)],
            "severity": [[s.value, self._by_severity[s.value]] for s in Severity],
            "year": sorted(self._by_year.items()),
        }

    def data(self, order: Mapping[int, int]) -> dict[str, Any]:
        """Everything the page shows but the reports and their cells (JSON already);
        ``order`` renumbers the skip reasons in sorted order."""
        self._cut()
        variants, templates = self._variant_data() if self._details else ({}, [])
        kept = {variant for _, variant, _ in self._details if variant in variants}
        layouts = {v: table_layouts(variants[v], templates) for v in sorted(kept)}
        rules = {
            code: {
                "name": self._names.get(code)
                or (self.rules[code].name if code in self.rules else ""),
                "summary": self.rules[code].summary if code in self.rules else "",
            }
            for code in sorted({*self._names, *(c for c, _ in self._skips)})
        }
        reasons = [[kind, text] for kind, text in sorted(self._reasons)]
        skips = sorted([code, order[index], n] for (code, index), n in self._skips.items())
        return {
            "schema_version": HTML_SCHEMA_VERSION,
            "generator": f"gik-rules {__version__}",
            "english": self.english,
            "summary": {
                "reports": len(self._reports),
                "with_findings": self._with_findings,
                "unread": self._unread,
                "errors": self._by_severity[Severity.ERROR.value],
                "warnings": self._by_severity[Severity.WARNING.value],
                "infos": self._by_severity[Severity.INFO.value],
                "dismissed": self._dismissed,
            },
            "detail": {
                "limit": self.detail_limit,
                "kept": len(self._details),
                "left_out": self._detailable - len(self._details),
            },
            "charts": self._charts(),
            "indicators": self._indicator_data(),
            "rules": rules,
            "reasons": reasons,
            "skips": skips,
            "layouts": layouts,
        }

    def finish(self) -> None:
        for piece in self.pieces():
            self.stream.write(piece)

    def render(self) -> str:
        """The page as one string (``finish`` writes it piece by piece)."""
        return "".join(self.pieces())

    def pieces(self) -> Iterator[str]:
        """The page in pieces, a report at a time, so that a big run's page is never held
        twice in memory."""
        # reasons were numbered as they came; the page numbers them in sorted order, so
        # that it does not depend on the order of the results
        ranked = sorted(self._reasons.items())
        order = {index: rank for rank, (_, index) in enumerate(ranked)}
        doc = self.data(order)
        script = _asset("report.js")
        style = _asset("report.css")
        csp = (
            "default-src 'none'; "
            f"script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
            "img-src 'none'; font-src 'none'; connect-src 'none'; "
            "base-uri 'none'; form-action 'none'"
        )
        summary = doc["summary"]
        values = {
            "LANG": "en" if self.english else "zh-CN",
            "CSP": html.escape(csp),
            "GENERATOR": html.escape(doc["generator"]),
            "TITLE": html.escape(self.title),
            "SUMMARY": html.escape(
                f"{summary['reports']} reports: {summary['errors']} errors, "
                f"{summary['warnings']} warnings, {summary['infos']} infos"
            ),
            "STYLE": style,
            "SCRIPT": script,
        }
        before, after = _asset("page.html").split("@@DATA@@")
        yield _PLACEHOLDER.sub(lambda m: values[m[1]], before)
        # the data: JSON text put together from pieces that are JSON already, each made
        # safe for HTML on its way out
        yield _json_for_html(dump_json(doc)[:-1] + ',"reports":[')
        self._reports.sort(key=lambda entry: natural(entry[0]))
        for n, (_, text, skipped) in enumerate(self._reports):
            reasons = dump_json([[code, order[index]] for code, index in skipped])
            yield _json_for_html(("," if n else "") + text[:-1] + ',"skipped":' + reasons + "}")
        yield '],"tables":{'
        details = sorted(
            ((key, cells) for (_, key), _, cells in self._details), key=lambda kc: natural(kc[0])
        )
        for n, (key, cells) in enumerate(details):
            yield _json_for_html(("," if n else "") + dump_json(key) + ":" + cells)
        yield "}}"
        yield _PLACEHOLDER.sub(lambda m: values[m[1]], after)
