"""The plugin host: finds plugins by entry point and merges what they contribute."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pluggy

from gik_rules import hookspecs, plugin_entries
from gik_rules.errors import PluginConflictError as PluginConflictError
from gik_rules.errors import RuleDataError
from gik_rules.forms.variant import FormVariant
from gik_rules.rules.overrides import (
    OverrideConflictError,
    ParamOverride,
    param_overrides,
    parse_override,
)
from gik_rules.rules.rule import Rule, find_rule

ENTRY_POINT_GROUP = plugin_entries.GROUP
BUILTIN = "gik_rules.builtin"  # the core's own plugin (parse findings)


@attrs.frozen(slots=True)
class PluginInfo:
    name: str
    distribution: str = ""
    version: str = ""
    error: str | None = None  # why it failed to load, if it did

    @property
    def loaded(self) -> bool:
        return self.error is None


@attrs.define
class Host:
    """All contributions of the loaded plugins, merged and checked for conflicts."""

    manager: pluggy.PluginManager
    plugins: list[PluginInfo]
    variants: dict[str, FormVariant] = attrs.field(factory=dict)
    rules: dict[str, Rule] = attrs.field(factory=dict)
    rulesets: dict[str, Path] = attrs.field(factory=dict)
    templates: list[dict[str, Any]] = attrs.field(factory=list)
    rule_params: list[dict[str, Any]] = attrs.field(factory=list)
    #: ``rule_params`` checked and parsed once, when the host is built (rulesets use these)
    param_overrides: tuple[ParamOverride, ...] = ()

    @property
    def jurisdictions(self) -> frozenset[str]:
        """The jurisdictions a ruleset may name: each loaded plugin's own name, and those
        plugins ship templates or param values for."""
        return frozenset(
            {p.name for p in self.plugins if p.loaded and p.name != BUILTIN}
            | {str(t.get("jurisdiction")) for t in self.templates}
            | {o.jurisdiction for o in self.param_overrides}
        )

    @property
    def failed(self) -> list[PluginInfo]:
        return [p for p in self.plugins if not p.loaded]

    def rule(self, code_or_name: str) -> Rule | None:
        """A rule by code, name or alias."""
        return find_rule(code_or_name, self.rules)

    def detect_variant(self, labels: Sequence[str]) -> str | None:
        """The form variant a document's labels show (plugins first, signatures last)."""
        result: str | None = self.manager.hook.gik_detect_variant(
            labels=labels, candidates=list(self.variants.values())
        )
        return result


def _new_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def _fail(host: Host, plugin: str, error: str) -> None:
    """Mark ``plugin`` failed with ``error`` and unregister it."""
    if host.manager.has_plugin(plugin):
        host.manager.unregister(name=plugin)
    host.plugins = [attrs.evolve(p, error=error) if p.name == plugin else p for p in host.plugins]


def _contributions(host: Host, hook_name: str) -> Iterable[tuple[str, Any]]:
    """Each plugin's answer to a collecting hook. A plugin whose hook raises is marked
    failed and unregistered, and the others go on."""
    for impl in getattr(host.manager.hook, hook_name).get_hookimpls():
        try:
            result = impl.function()
        except Exception as exc:
            _fail(host, impl.plugin_name, f"{hook_name}: {type(exc).__name__}: {exc}")
            continue
        yield impl.plugin_name, result


def _merge(host: Host) -> None:
    """Collect each plugin's contributions; a duplicate claim is a load-time error. What
    a plugin contributed before one of its hooks failed is dropped with it: a failed
    plugin's rules are never listed as loaded."""
    rule_owner: dict[str, str] = {}
    owner_of: dict[tuple[str, str], str] = {}  # ("variant" | "rule" | "ruleset", key) -> plugin
    for owner, variants in _contributions(host, "gik_form_variants"):
        for variant in variants or ():
            if variant.id in host.variants:
                raise PluginConflictError(
                    f"form variant {variant.id} is defined by both "
                    f"{host.variants[variant.id].plugin or '?'} and {owner}"
                )
            host.variants[variant.id] = variant
            owner_of["variant", variant.id] = owner
    for owner, rules in _contributions(host, "gik_rules"):
        for rule in rules or ():
            for key in (rule.code, rule.name, *rule.aliases):
                if key in rule_owner:
                    raise PluginConflictError(
                        f"rule {key} is claimed by both {rule_owner[key]} and {owner}"
                    )
                rule_owner[key] = owner
            host.rules[rule.code] = rule
            owner_of["rule", rule.code] = owner
    for owner, rulesets in _contributions(host, "gik_rulesets"):
        for name, path in (rulesets or {}).items():
            if name in host.rulesets:
                raise PluginConflictError(f"ruleset {name!r} is defined by two plugins")
            host.rulesets[name] = Path(path)
            owner_of["ruleset", name] = owner
    for owner, templates in _contributions(host, "gik_section_templates"):
        host.templates.extend(dict(t, plugin=owner) for t in templates or ())
    host.rules = dict(sorted(host.rules.items()))
    for owner, params in _contributions(host, "gik_rule_params"):
        entries = [dict(p, plugin=owner) for p in params or ()]
        try:  # each plugin's own values first: a bad one fails its plugin only
            for entry in entries:
                parse_override(entry, host.rules)
        except RuleDataError as exc:
            _fail(host, owner, f"gik_rule_params: {exc}")
            continue
        host.rule_params.extend(entries)
    failed = {p.name for p in host.failed}
    if failed:
        host.variants = {
            k: v for k, v in host.variants.items() if owner_of["variant", k] not in failed
        }
        host.rules = {k: r for k, r in host.rules.items() if owner_of["rule", k] not in failed}
        host.rulesets = {
            k: p for k, p in host.rulesets.items() if owner_of["ruleset", k] not in failed
        }
        host.templates = [t for t in host.templates if t["plugin"] not in failed]
        host.rule_params = [p for p in host.rule_params if p["plugin"] not in failed]
    try:
        host.param_overrides = param_overrides(host.rule_params, host.rules)
    except OverrideConflictError as exc:
        raise PluginConflictError(str(exc)) from None


def build_host(plugins: Iterable[tuple[str, Any]] = (), *, entry_points: bool = True) -> Host:
    """A host with the built-in plugin, the entry-point plugins and any given ones.

    A plugin that fails to import or register is recorded in ``host.plugins`` with its
    error and skipped; it never stops the others.
    """
    from gik_rules import builtin

    pm = _new_manager()
    installed = plugin_entries.installed()
    infos: list[PluginInfo] = []
    pm.register(builtin, name=BUILTIN)
    infos.append(PluginInfo(BUILTIN, plugin_entries.CORE, installed.core_version))
    for ep in installed.entries if entry_points else ():
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # a broken plugin is reported, never fatal
            error = f"{type(exc).__name__}: {exc}"
            infos.append(PluginInfo(ep.name, ep.distribution, ep.version, error))
            continue
        infos.append(PluginInfo(ep.name, ep.distribution, ep.version))
    for name, plugin in plugins:
        pm.register(plugin, name=name)
        infos.append(PluginInfo(name))
    pm.check_pending()
    host = Host(manager=pm, plugins=infos)
    _merge(host)
    return host


@functools.cache
def default_host() -> Host:
    """The host of the installed plugins, built once per process."""
    return build_host()
