"""Writing reports: section templates from plugins, tables laid out as each form variant
prescribes, and output as Markdown, HTML, plain text and .docx (docs/rendering.md).

The renderers need Jinja2 and python-docx; they are imported when one of their names is
first used, so that commands which render nothing (``check``, ``--version``) and plugins
that only use ``FORMATS``, ``SUFFIXES`` or ``cn_date`` do not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gik_rules.render.figures import cn_date
from gik_rules.render.outputs import FORMATS, SUFFIXES

if TYPE_CHECKING:
    from gik_rules.render.document import unplaced_cells
    from gik_rules.render.report import (
        RenderError,
        render_doc,
        render_report,
        templates_for,
        variant_of,
    )
    from gik_rules.render.templates import TemplateError, TemplateSet, load_templates

_LAZY = {
    "RenderError": "gik_rules.render.report",
    "render_doc": "gik_rules.render.report",
    "render_report": "gik_rules.render.report",
    "templates_for": "gik_rules.render.report",
    "variant_of": "gik_rules.render.report",
    "TemplateError": "gik_rules.render.templates",
    "TemplateSet": "gik_rules.render.templates",
    "load_templates": "gik_rules.render.templates",
    "unplaced_cells": "gik_rules.render.document",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMATS",
    "SUFFIXES",
    "RenderError",
    "TemplateError",
    "TemplateSet",
    "cn_date",
    "load_templates",
    "render_doc",
    "render_report",
    "templates_for",
    "unplaced_cells",
    "variant_of",
]
