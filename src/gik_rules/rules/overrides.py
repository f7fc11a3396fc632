"""Declared overrides of rule params between jurisdictions (hook ``gik_rule_params``).

A plugin replaces another jurisdiction's default of a rule param only by saying so::

    {"jurisdiction": "shandong", "rule": "published-late", "overrides": "national",
     "params": {"department_deadline": "01-31"}}

``overrides`` names the jurisdiction whose values these replace; following it from
jurisdiction to jurisdiction must reach the plugin that owns the rule. Rulesets apply the
values of their jurisdiction (see ``gik_rules.ruleset``); a ruleset's own ``[params]`` win.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from gik_rules.rules.catalog import RuleDataError
from gik_rules.rules.params import ParamError
from gik_rules.rules.rule import Rule, find_rule


class OverrideConflictError(ValueError):
    """Two plugins set one param of one rule for one jurisdiction."""


@attrs.frozen(slots=True)
class ParamOverride:
    """One declaration: in ``jurisdiction``, rule ``code`` uses ``params``."""

    jurisdiction: str
    code: str
    overrides: str
    params: Mapping[str, Any]
    plugin: str = ""


def parse_override(entry: Mapping[str, Any], rules: Mapping[str, Rule]) -> ParamOverride | None:
    """One declaration, its values checked against the rule's param types (None: a rule
    that is not installed); ``RuleDataError`` naming the plugin, rule and param."""
    where = f"plugin {entry.get('plugin') or '?'}: gik_rule_params {entry.get('rule')!r}"
    for key in ("jurisdiction", "rule", "overrides"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise RuleDataError(f"{where}: {key!r} must be a non-empty string")
    params = entry.get("params")
    if not isinstance(params, Mapping) or not params:
        raise RuleDataError(f"{where}: 'params' must be a non-empty table")
    rule = find_rule(entry["rule"], rules)
    if rule is None:
        return None  # a rule of a plugin that is not installed: nothing to override
    declared = {p.name: p for p in rule.params}
    unknown = set(params) - set(declared)
    if unknown:
        raise RuleDataError(f"{where}: rule {rule.code} has no param {', '.join(sorted(unknown))}")
    checked = {}
    for name, value in params.items():
        try:
            checked[name] = declared[name].check(value)
        except ParamError as exc:
            raise RuleDataError(f"{where}: params.{name}: {exc}") from None
    return ParamOverride(
        jurisdiction=entry["jurisdiction"],
        code=rule.code,
        overrides=entry["overrides"],
        params=checked,
        plugin=str(entry.get("plugin", "")),
    )


def parents(jurisdiction: str, overrides: Iterable[ParamOverride]) -> list[str]:
    """The jurisdictions ``jurisdiction`` declares it overrides, nearest first, transitively."""
    direct: dict[str, set[str]] = {}
    for o in overrides:
        direct.setdefault(o.jurisdiction, set()).add(o.overrides)
    out: list[str] = []
    todo = sorted(direct.get(jurisdiction, ()))
    while todo:
        nxt = todo.pop(0)
        if nxt in out or nxt == jurisdiction:
            continue
        out.append(nxt)
        todo.extend(sorted(direct.get(nxt, ())))
    return out


def param_overrides(
    entries: Iterable[Mapping[str, Any]], rules: Mapping[str, Rule]
) -> tuple[ParamOverride, ...]:
    """The declarations of the plugins, checked.

    Raises ``RuleDataError`` for a malformed entry, a param the rule does not have, or a
    declaration whose ``overrides`` chain never reaches the plugin owning the rule; and
    ``OverrideConflictError`` when two plugins set one param of one rule for one
    jurisdiction. Entries for rules that are not installed are skipped.
    """
    parsed = [o for o in (parse_override(e, rules) for e in entries) if o is not None]
    owner: dict[tuple[str, str, str], str] = {}
    for o in parsed:
        rule = rules[o.code]
        chain = parents(o.jurisdiction, parsed)
        if rule.plugin and rule.plugin != o.jurisdiction and rule.plugin not in chain:
            raise RuleDataError(
                f"plugin {o.plugin or '?'}: {o.jurisdiction} sets params of {rule.code} "
                f"{rule.name} (a rule of {rule.plugin}) but declares it overrides "
                f"{o.overrides!r}, which does not lead to {rule.plugin!r}"
            )
        for name in o.params:
            key = (o.jurisdiction, o.code, name)
            if key in owner and owner[key] != o.plugin:
                raise OverrideConflictError(
                    f"param {name} of rule {o.code} for {o.jurisdiction} is set by both "
                    f"{owner[key]} and {o.plugin}"
                )
            owner[key] = o.plugin
    return tuple(parsed)


def layers(jurisdiction: str, overrides: Iterable[ParamOverride]) -> Iterator[ParamOverride]:
    """The declarations that apply in ``jurisdiction``: its ancestors' first, then its own."""
    overrides = tuple(overrides)
    for j in [*reversed(parents(jurisdiction, overrides)), jurisdiction]:
        yield from (o for o in overrides if o.jurisdiction == j)
