"""Safe fixes of a report, each answering a rule's finding (docs/rendering.md).

Every name is imported when first used: ``fix_report`` runs the engine and renders
headings from templates (Jinja2), and a command that only writes a file
(``gik_rules.fix.atomic``, as ``check -o`` does) builds none of the records' classes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gik_rules.fix.atomic import write_atomic
    from gik_rules.fix.record import Fix, FixResult, Skipped
    from gik_rules.fix.run import fix_report

_HOMES = {
    "write_atomic": "gik_rules.fix.atomic",
    **dict.fromkeys(("Fix", "FixResult", "Skipped"), "gik_rules.fix.record"),
    "fix_report": "gik_rules.fix.run",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = ["Fix", "FixResult", "Skipped", "fix_report", "write_atomic"]
