"""The output formats of ``render`` and the file suffixes that name them.

Kept apart from the renderers (Jinja2, python-docx) so that the command line can offer
them in its argument parser without importing any renderer.
"""

from __future__ import annotations

FORMATS = ("md", "html", "txt", "docx")
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".docx": "docx",
}
