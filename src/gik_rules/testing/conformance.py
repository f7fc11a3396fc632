"""The conformance harness for plugins: ``assert_plugin_conforms("shandong", fixtures=...)``.

It checks what every plugin owes its users:

- it is found by entry point (group ``gik_rules``) and loads beside the installed plugins;
- every rule has a stable code with the plugin's prefix (``SD201``), documentation (what,
  why, an example, a legal source or what is unconfirmed; off-by-default rules say why),
  described params, and pickles by reference;
- fixture reports pass and fail as declared, rule by rule (``gik_rules.testing.fixtures``);
- no rule raises, or answers with malformed hits, on generated reports of every variant;
- its rulesets resolve, its param overrides name installed rules, its templates resolve.
"""

from __future__ import annotations

import importlib
import importlib.metadata as md
import pickle
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from gik_rules.host import ENTRY_POINT_GROUP, Host, default_host
from gik_rules.rules import Rule, Scope
from gik_rules.ruleset import RulesetError, ruleset_of
from gik_rules.testing.fixtures import find_fixtures, run_fixture
from gik_rules.testing.robustness import probe

_PREFIX = re.compile(r"^[A-Z]{1,3}$")


@attrs.frozen(slots=True)
class ConformanceReport:
    """What the harness checked, and every problem it found."""

    plugin: str
    rules: tuple[str, ...] = ()
    fixtures: int = 0
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _entry_point(plugin: ModuleType | str) -> md.EntryPoint | None:
    name = plugin if isinstance(plugin, str) else plugin.__name__
    for ep in md.entry_points(group=ENTRY_POINT_GROUP):
        if name in (ep.name, ep.value):
            return ep
    return None


def _module(plugin: ModuleType | str, ep: md.EntryPoint | None) -> ModuleType:
    if isinstance(plugin, ModuleType):
        return plugin
    if ep is not None:
        loaded = ep.load()
        if isinstance(loaded, ModuleType):
            return loaded
    return importlib.import_module(plugin)


def _hook(module: ModuleType, name: str) -> Any:
    fn = getattr(module, name, None)
    return fn() if callable(fn) else None


def _rule_problems(rule: Rule, prefix: str) -> list[str]:
    out = []
    if not re.fullmatch(rf"{prefix}[0-9]{{3}}", rule.code):
        out.append(f"{rule.code}: code does not have the plugin's prefix {prefix}")
    doc = rule.doc
    for field, value in (
        ("summary", rule.summary),
        ("doc.what", doc.what),
        ("doc.why", doc.why),
        ("doc.bad", doc.bad),
        ("doc.good", doc.good),
    ):
        if not value.strip():
            out.append(f"{rule.code}: {field} is empty")
    if not (doc.legal.strip() or doc.unconfirmed.strip()):
        out.append(f"{rule.code}: neither doc.legal nor doc.unconfirmed says where it comes from")
    if not rule.enabled and not doc.unconfirmed.strip():
        out.append(f"{rule.code}: off by default, but doc.unconfirmed does not say why")
    if not rule.groups:
        out.append(f"{rule.code}: no groups")
    out += [
        f"{rule.code}: param {p.name} has no description" for p in rule.params if not p.description
    ]
    if rule.scope is not Scope.READER:
        try:
            again = pickle.loads(pickle.dumps(rule))
        except Exception as exc:
            out.append(f"{rule.code}: does not pickle ({type(exc).__name__}: {exc})")
        else:
            if again.check is not rule.check:
                out.append(f"{rule.code}: its check does not pickle by reference")
    return out


def _prefix(module: ModuleType, rules: list[Rule], prefix: str | None) -> str:
    if prefix:
        return prefix
    declared = getattr(module, "CODE_PREFIX", None)
    if isinstance(declared, str):
        return declared
    letters = {r.code.rstrip("0123456789") for r in rules}
    return letters.pop() if len(letters) == 1 else "?"


def _fixture_problems(root: Path, rules: list[Rule], host: Host) -> tuple[int, list[str]]:
    by_key = {k: r for r in rules for k in (r.code, r.name)}
    seen: dict[str, set[str]] = {}
    out: list[str] = []
    count = 0
    if not root.is_dir():
        return 0, [f"fixtures: {root} is not a directory"]
    out += [
        f"fixtures/{d.name}: not a rule of this plugin"
        for d in sorted(root.iterdir())
        if d.is_dir() and d.name not in by_key
    ]
    for case in find_fixtures(root):
        rule = by_key.get(case.rule)
        if rule is None:
            continue
        count += 1
        seen.setdefault(rule.code, set()).add(case.expect)
        problem = run_fixture(case, rule, host)
        if problem:
            out.append(problem)
    for rule in rules:
        if rule.scope is Scope.READER:
            continue
        for expect in ("pass", "fail"):
            if expect not in seen.get(rule.code, set()):
                out.append(f"{rule.code}: no {expect} fixture (fixtures/{rule.code}/{expect}/)")
    return count, out


def _wiring_problems(module: ModuleType, name: str, host: Host) -> list[str]:
    out = []
    for ruleset in sorted(_hook(module, "gik_rulesets") or {}):
        try:
            ruleset_of(host, ruleset)
        except RulesetError as exc:
            out.append(f"ruleset {ruleset}: {exc}")
    for entry in _hook(module, "gik_rule_params") or ():
        if host.rule(str(entry.get("rule"))) is None:
            out.append(f"gik_rule_params: rule {entry.get('rule')!r} is not installed")
    contributed = _hook(module, "gik_section_templates") or ()
    if contributed:
        from gik_rules.render.templates import TemplateError, chain, template_sources

        try:
            sources = template_sources(host.templates)
            for entry in contributed:
                chain(sources, entry["jurisdiction"])
        except (TemplateError, KeyError) as exc:
            out.append(f"templates: {exc}")
    return out


def check_plugin_conformance(
    plugin: ModuleType | str,
    *,
    prefix: str | None = None,
    fixtures: Path | str | None = None,
    examples: int = 25,
    host: Host | None = None,
    require_entry_point: bool = True,
) -> ConformanceReport:
    """Check a plugin (its module, or its entry-point or module name); never raises.

    ``prefix`` defaults to the module's ``CODE_PREFIX``; ``fixtures`` is a directory laid
    out as ``gik_rules.testing.fixtures`` describes; ``host`` defaults to the host of the
    installed plugins (pass one from ``build_host`` with ``require_entry_point=False`` to
    check a module that is not installed).
    """
    ep = _entry_point(plugin)
    module = _module(plugin, ep)
    name = ep.name if ep else str(getattr(module, "PLUGIN", module.__name__))
    problems: list[str] = []
    if ep is None and require_entry_point:
        problems.append(
            f"{module.__name__} is not registered in entry-point group {ENTRY_POINT_GROUP}"
        )
    host = host or default_host()
    info = next((p for p in host.plugins if p.name == name), None)
    if info is None or not info.loaded:
        why = info.error if info else "not loaded by the host"
        return ConformanceReport(name, problems=(*problems, f"{name}: {why}"))
    rules: list[Rule] = list(_hook(module, "gik_rules") or ())
    code_prefix = _prefix(module, rules, prefix)
    if not _PREFIX.match(code_prefix):
        problems.append(f"prefix {code_prefix!r} is not 1-3 capital letters")
    others = sorted(
        {r.plugin for r in host.rules.values() if r.code.startswith(code_prefix)} - {name}
    )
    others = [o for o in others if o not in ("", module.__name__)]
    if others:
        problems.append(f"prefix {code_prefix} is also used by {', '.join(others)}")
    for rule in rules:
        if host.rules.get(rule.code) is None:
            problems.append(f"{rule.code}: not in the host (not found by entry point?)")
        problems += _rule_problems(rule, code_prefix)
    count = 0
    if fixtures is not None:
        count, found = _fixture_problems(Path(fixtures), rules, host)
        problems += found
    for code, problem in sorted(probe(rules, dict(host.variants), examples=examples).items()):
        problems.append(f"{code}: {problem}")
    problems += _wiring_problems(module, name, host)
    return ConformanceReport(name, tuple(r.code for r in rules), count, tuple(problems))


def assert_plugin_conforms(
    plugin: ModuleType | str,
    *,
    prefix: str | None = None,
    fixtures: Path | str | None = None,
    examples: int = 25,
    host: Host | None = None,
    require_entry_point: bool = True,
) -> ConformanceReport:
    """``check_plugin_conformance``, raising AssertionError that lists every problem."""
    report = check_plugin_conformance(
        plugin,
        prefix=prefix,
        fixtures=fixtures,
        examples=examples,
        host=host,
        require_entry_point=require_entry_point,
    )
    if report.problems:
        listing = "\n".join(f"  - {p}" for p in report.problems)
        raise AssertionError(f"plugin {report.plugin} does not conform:\n{listing}")
    return report
