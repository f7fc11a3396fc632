"""Safe fixes of a report, each answering a rule's finding (docs/rendering.md).

``fix_report`` runs the engine and renders headings from templates (Jinja2); it is
imported when first used, so that ``write_atomic`` and the records stay cheap to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gik_rules.fix.atomic import write_atomic
from gik_rules.fix.record import Fix, FixResult, Skipped

if TYPE_CHECKING:
    from gik_rules.fix.run import fix_report


def __getattr__(name: str) -> Any:
    if name != "fix_report":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from gik_rules.fix.run import fix_report

    globals()[name] = fix_report
    return fix_report


__all__ = ["Fix", "FixResult", "Skipped", "fix_report", "write_atomic"]
