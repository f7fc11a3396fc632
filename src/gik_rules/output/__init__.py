"""Output formats for check results.

Every format is a ``Formatter`` (``start()``, ``add(result)``, ``finish()``) made by
``FORMATS[name](stream, **options)``; ``write_results`` runs one over a stream of
results. See docs/output-formats.md. A format's module is imported when the format is
first asked for: a run writes one format, and pays for that one only.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from gik_rules.output.base import Formatter, FormatterFactory

if TYPE_CHECKING:
    from gik_rules.engine.result import ReportResult
    from gik_rules.output.json_format import finding_dict, render_json
    from gik_rules.output.text_format import print_text

#: each format's module and factory
_HOMES = {
    "text": ("text_format", "TextFormatter"),
    "json": ("json_format", "JsonFormatter"),
    "jsonl": ("jsonl_format", "JsonlFormatter"),
    "sarif": ("sarif_format", "SarifFormatter"),
    "junit": ("junit_format", "JunitFormatter"),
    "github": ("github_format", "GithubFormatter"),
    "gitlab": ("gitlab_format", "GitlabFormatter"),
    "html": ("html_format", "HtmlFormatter"),
}


class _Formats(Mapping[str, FormatterFactory]):
    """The formats by name, each imported when first looked up."""

    def __getitem__(self, name: str) -> FormatterFactory:
        module, factory = _HOMES[name]
        found: FormatterFactory = getattr(
            importlib.import_module(f"gik_rules.output.{module}"), factory
        )
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_HOMES)

    def __len__(self) -> int:
        return len(_HOMES)


FORMATS: Mapping[str, FormatterFactory] = _Formats()


def write_results(
    results: Iterable[ReportResult], fmt: str, stream: TextIO, **options: Any
) -> None:
    """Write ``results`` to ``stream`` in format ``fmt``, each as it comes where the format
    streams. Raises KeyError for an unknown format, TypeError for an option it does not take."""
    try:
        factory = FORMATS[fmt]
    except KeyError:
        raise KeyError(f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}") from None
    writer = factory(stream, **options)
    writer.start()
    for result in results:
        writer.add(result)
    writer.finish()


def __getattr__(name: str) -> Any:
    """``finding_dict``, ``render_json`` and ``print_text``, from their formats' modules."""
    homes = {"finding_dict": "json_format", "render_json": "json_format"}
    homes["print_text"] = "text_format"
    if name not in homes:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"gik_rules.output.{homes[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMATS",
    "Formatter",
    "FormatterFactory",
    "finding_dict",
    "print_text",
    "render_json",
    "write_results",
]
