"""Rendering a report to Markdown, HTML, plain text or .docx: the entry point of ``render``."""

from __future__ import annotations

from collections.abc import Mapping

from gik_rules.forms.detect import variant_for_year
from gik_rules.forms.variant import FormVariant
from gik_rules.host import Host, default_host
from gik_rules.model import AnnualReport
from gik_rules.render.document import RenderDoc, compose
from gik_rules.render.outputs import FORMATS, SUFFIXES
from gik_rules.render.templates import TemplateError, TemplateSet, load_templates
from gik_rules.render.text_formats import TEXT_FORMATS, write_text

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "RenderError",
    "render_doc",
    "render_report",
    "templates_for",
    "variant_of",
]


class RenderError(ValueError):
    """A report that cannot be rendered (unknown variant, broken templates)."""


def variant_of(report: AnnualReport, variants: Mapping[str, FormVariant]) -> FormVariant:
    """The report's form variant: as recorded, else the one of its report year."""
    if report.meta.variant is not None and report.meta.variant in variants:
        return variants[report.meta.variant]
    expected = variant_for_year(report.meta.year, variants) if report.meta.variant is None else None
    if expected is not None:
        return expected
    raise RenderError(
        f"cannot tell the form variant of the report (variant {report.meta.variant!r}, "
        f"year {report.meta.year!r})"
    )


def templates_for(
    report: AnnualReport, jurisdiction: str = "national", host: Host | None = None
) -> TemplateSet:
    host = host or default_host()
    try:
        return load_templates(variant_of(report, host.variants), jurisdiction, host.templates)
    except TemplateError as exc:
        raise RenderError(str(exc)) from exc


def render_doc(
    report: AnnualReport, jurisdiction: str = "national", host: Host | None = None
) -> RenderDoc:
    """The printable form of the report (what every output format shows)."""
    templates = templates_for(report, jurisdiction, host)
    try:
        return compose(report, templates)
    except TemplateError as exc:
        raise RenderError(str(exc)) from exc


def render_report(
    report: AnnualReport, fmt: str, jurisdiction: str = "national", host: Host | None = None
) -> bytes:
    """The report in ``fmt`` (md, html, txt, docx) as bytes; deterministic."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    templates = templates_for(report, jurisdiction, host)
    try:
        doc = compose(report, templates)
        if fmt in TEXT_FORMATS:
            return write_text(doc, fmt, templates)
    except TemplateError as exc:
        raise RenderError(str(exc)) from exc
    from gik_rules.render.docx_writer import write_docx

    return write_docx(doc)
