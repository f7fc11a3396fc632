"""Output formats for check results.

Every format is a ``Formatter`` (``start()``, ``add(result)``, ``finish()``) made by
``FORMATS[name](stream, **options)``; ``write_results`` runs one over a stream of
results. See docs/output-formats.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from gik_rules.engine.result import ReportResult
from gik_rules.output.base import Formatter, FormatterFactory
from gik_rules.output.github_format import GithubFormatter
from gik_rules.output.gitlab_format import GitlabFormatter
from gik_rules.output.html_format import HtmlFormatter
from gik_rules.output.json_format import JsonFormatter, finding_dict, render_json
from gik_rules.output.jsonl_format import JsonlFormatter
from gik_rules.output.junit_format import JunitFormatter
from gik_rules.output.sarif_format import SarifFormatter
from gik_rules.output.text_format import TextFormatter, print_text

FORMATS: dict[str, FormatterFactory] = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "jsonl": JsonlFormatter,
    "sarif": SarifFormatter,
    "junit": JunitFormatter,
    "github": GithubFormatter,
    "gitlab": GitlabFormatter,
    "html": HtmlFormatter,
}


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


__all__ = [
    "FORMATS",
    "Formatter",
    "FormatterFactory",
    "finding_dict",
    "print_text",
    "render_json",
    "write_results",
]
