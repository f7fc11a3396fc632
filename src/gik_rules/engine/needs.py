"""Whether a rule can look at a report: its variant and year, and what it needs.

A rule that cannot look says ``skipped`` and why, never ``ok``: ``skip_reason`` gives the
reason a rule is not run at all, ``unread_tables`` the tables it declares but the report
lacks, after which a run that found nothing is ``skipped`` too (``tables_reason``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gik_rules.forms.detect import variant_for_year
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules.locate import table_name
from gik_rules.rules.memo import per_object
from gik_rules.rules.rule import Rule
from gik_rules.rules.skip import SkipKind, SkipReason

#: Rule groups whose rules read the report's text, for rules that do not declare
#: ``needs.text`` (plugins written before ``needs`` existed).
TEXT_GROUPS = frozenset({"structure", "text"})

NO_TEXT = SkipReason("报告没有正文（数据集中的一行）", "the report has no text (a dataset row)")


def needs_text(rule: Rule) -> bool:
    return rule.needs.text or bool(TEXT_GROUPS.intersection(rule.groups))


class _TableOf(dict[str, str]):
    """Cell id → its table id, filled as met (a run meets the few hundred ids of its
    variants over and over; odd ids beyond the bound are split each time)."""

    def __missing__(self, cid: str) -> str:
        table = cid.partition(".")[0]
        if len(self) < 65_536:
            self[cid] = table
        return table


_TABLE_OF = _TableOf()


def _tables_of(ids: Iterable[str]) -> frozenset[str]:
    return frozenset(map(_TABLE_OF.__getitem__, ids))


#: the tables of a tuple of cell ids that rows share
_shared_tables = per_object(_tables_of)


def tables_read(report: AnnualReport) -> frozenset[str]:
    """The tables of which the report has at least one cell (a dataset row's, from the
    cell ids it shares with the rows alike: worked out once for them; a lean report's,
    those the whole report had: ``engine.lean``)."""
    extent = getattr(report.cells, "extent", None)
    if extent is not None:
        return extent.tables  # type: ignore[no-any-return]
    shared = getattr(report.cells, "shared_ids", None)
    return _tables_of(report.cells) if shared is None else _shared_tables(shared())


def unread_tables(rule: Rule, read: frozenset[str]) -> tuple[str, ...]:
    """The tables ``rule`` needs that are not among those ``read``."""
    return tuple(t for t in rule.needs.tables if t not in read)


def tables_reason(tables: Iterable[str], variant: FormVariant | None) -> SkipReason:
    """``表三未读取`` / ``table t3 not read``: the tables named as the variant names them."""
    ids = list(tables)
    names = "、".join(table_name(t, variant) for t in ids)
    plural = "s" if len(ids) > 1 else ""
    return SkipReason(f"{names}未读取", f"table{plural} {', '.join(ids)} not read")


def naming_variant(
    report: AnnualReport, variants: Mapping[str, FormVariant] | None
) -> FormVariant | None:
    """The variant whose names a reason uses: the report's own, else its year's."""
    variants = variants or {}
    return variants.get(report.meta.variant or "") or variant_for_year(report.meta.year, variants)


def _years(rule: Rule) -> tuple[str, str]:
    first, last = rule.first_year, rule.last_year
    if first is not None and last is not None:
        return f"{first}至{last}年", f"{first}–{last}"
    if first is not None:
        return f"{first}年及以后", f"{first} and later"
    return f"{last}年及以前", f"{last} and earlier"


def _applicability(rule: Rule, report: AnnualReport) -> SkipReason:
    variant, year = report.meta.variant, report.meta.year
    if rule.variants and variant not in rule.variants:
        wanted = "、".join(rule.variants)
        if variant is None:  # the variant is detected from the tables: most often unread
            return SkipReason(
                f"规则只适用于{wanted}格式的报告，本报告的格式未识别",
                f"applies only to {', '.join(rule.variants)} reports; "
                "this report's variant is not known",
            )
        return SkipReason(
            f"规则只适用于{wanted}格式的报告，本报告为{variant}",
            f"applies only to {', '.join(rule.variants)} reports; this one is {variant}",
            SkipKind.NOT_APPLICABLE,
        )
    zh, en = _years(rule)
    return SkipReason(
        f"规则只适用于{zh}的报告，本报告为{year}年度",
        f"applies only to reports on {en}; this one is on {year}",
        SkipKind.NOT_APPLICABLE,
    )


def skip_reason(
    rule: Rule,
    report: AnnualReport,
    *,
    has_text: bool = True,
    variants: Mapping[str, FormVariant] | None = None,
    read: frozenset[str] | None = None,
) -> SkipReason | None:
    """Why ``rule`` is not run on ``report`` (None: it runs): it does not apply to the
    report's variant or year, it reads text the report lacks (``has_text``), or none of
    the tables it needs was read (``read``: ``tables_read(report)``, when known)."""
    if not rule.applies(report.meta.variant, report.meta.year):
        return _applicability(rule, report)
    if not has_text and needs_text(rule):
        return NO_TEXT
    if rule.needs.tables:
        unread = unread_tables(rule, tables_read(report) if read is None else read)
        if len(unread) == len(rule.needs.tables):
            return tables_reason(unread, naming_variant(report, variants))
    return None
