"""Writing reports: section templates from plugins, tables laid out as each form variant
prescribes, and output as Markdown, HTML, plain text and .docx (docs/rendering.md)."""

from gik_rules.render.document import unplaced_cells
from gik_rules.render.report import (
    FORMATS,
    SUFFIXES,
    RenderError,
    render_doc,
    render_report,
    templates_for,
    variant_of,
)
from gik_rules.render.templates import TemplateError, TemplateSet, load_templates

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "RenderError",
    "TemplateError",
    "TemplateSet",
    "load_templates",
    "render_doc",
    "render_report",
    "templates_for",
    "unplaced_cells",
    "variant_of",
]
