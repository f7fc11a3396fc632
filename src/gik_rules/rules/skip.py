"""Why a rule did not look at a report: the reason a ``skipped`` status carries.

The engine skips a rule that does not apply to a report (its variant or year) or whose
needs the report does not meet (a table no reader could read, text a dataset row lacks);
a check skips itself by raising ``Skip``. Either way the result says why, in Chinese and
English like a finding, so that ``skipped`` is never mistaken for ``ok``.
"""

from __future__ import annotations

import attrs

from gik_rules.model.named_enum import NamedEnum


class SkipKind(NamedEnum):
    NOT_APPLICABLE = "not-applicable"  # the rule is not meant for this variant or year
    NOT_READ = "not-read"  # the rule is meant for it, but what it reads is missing


@attrs.frozen(slots=True)
class SkipReason:
    """Why one rule was skipped on one report."""

    message: str
    message_en: str
    kind: SkipKind = SkipKind.NOT_READ


class Skip(Exception):
    """Raised by a check that cannot look at this report, with the reason::

        raise Skip("表三未读取", "table t3 was not read")

    The rule's status becomes ``skipped`` with that reason. Hits yielded before the
    ``Skip`` are kept (the rule did find them) and the status is then ``findings``.
    """

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.reason = SkipReason(message, message_en, SkipKind.NOT_READ)
