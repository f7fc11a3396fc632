"""Markdown, HTML and plain text: the document templates of the chain, filled with a
``RenderDoc`` (HTML autoescaped, Markdown escaped by the ``md`` filter)."""

from __future__ import annotations

from gik_rules.render.document import RenderDoc
from gik_rules.render.templates import TemplateSet

TEXT_FORMATS = ("md", "html", "txt")


def write_text(doc: RenderDoc, fmt: str, templates: TemplateSet) -> bytes:
    """The report as UTF-8 text in ``fmt`` (one of TEXT_FORMATS), ending in a newline."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"not a text format: {fmt!r}")
    text = templates.document(fmt).render(doc=doc)
    return (text.rstrip("\n") + "\n").encode("utf-8")
