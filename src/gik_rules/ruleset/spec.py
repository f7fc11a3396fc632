"""A ruleset as plain data, to send to worker processes and rebuild there.

A ``Ruleset`` holds ``Rule`` objects, and those hold check functions of the plugins
loaded in this process. A worker loads its own plugins (``default_host()``), so what
crosses the process boundary is only what the ruleset chose: its name, jurisdiction and,
per rule, the code, severity and params. ``ruleset_from_spec`` looks the codes up in the
worker's host; a code the worker lacks is a ``RulesetError`` naming it (a cluster
worker without the plugin installed)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.rules.finding import Severity
from gik_rules.ruleset.ruleset import RuleConfig, Ruleset, RulesetError

if TYPE_CHECKING:
    from gik_rules.host import Host


@attrs.frozen(slots=True)
class RuleSpec:
    code: str
    severity: str  # Severity.value
    params: Mapping[str, Any]


@attrs.frozen(slots=True)
class RulesetSpec:
    """What a ``Ruleset`` chose, without the rules' code: picklable by value."""

    name: str
    jurisdiction: str | None
    rules: tuple[RuleSpec, ...]


def ruleset_spec(ruleset: Ruleset) -> RulesetSpec:
    """The plain-data form of ``ruleset``."""
    return RulesetSpec(
        ruleset.name,
        ruleset.jurisdiction,
        tuple(RuleSpec(c.rule.code, c.severity.value, dict(c.params)) for c in ruleset.rules),
    )


def ruleset_from_spec(spec: RulesetSpec, host: Host) -> Ruleset:
    """The ruleset ``spec`` describes, over the rules of ``host``; equal to the ruleset the
    spec was made from when the host has the same plugins."""
    missing = [r.code for r in spec.rules if r.code not in host.rules]
    if missing:
        raise RulesetError(
            f"ruleset {spec.name!r}: rule {', '.join(missing)} is not installed here "
            "(every worker needs gik-rules with the same plugins)"
        )
    return Ruleset(
        name=spec.name,
        rules=tuple(
            RuleConfig(host.rules[r.code], Severity(r.severity), dict(r.params)) for r in spec.rules
        ),
        jurisdiction=spec.jurisdiction,
    )
