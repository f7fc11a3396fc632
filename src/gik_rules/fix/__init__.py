"""Safe fixes of a report, each answering a rule's finding (docs/rendering.md)."""

from gik_rules.fix.atomic import write_atomic
from gik_rules.fix.record import Fix, FixResult, Skipped
from gik_rules.fix.run import fix_report

__all__ = ["Fix", "FixResult", "Skipped", "fix_report", "write_atomic"]
