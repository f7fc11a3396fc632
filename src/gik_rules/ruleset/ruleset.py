"""Rulesets: which rules run, at which severity, with which params.

A ruleset is a TOML file::

    [ruleset]
    name = "shandong"
    extends = ["national"]          # names known to the host, or paths
    select = ["N", "SD"]            # codes, code prefixes, names, groups, or "ALL"
    extend-select = ["SD301"]
    ignore = ["N302"]

    [severity]
    blank-cell = "info"

    [params.published-late]
    government_deadline = "03-31"

Resolution follows the parents first, then this file: ``select`` replaces the inherited
selection, ``extend-select`` adds to it, ``ignore`` removes from it; severities and params
merge, the child winning. Selecting a rule by exact code or name also enables rules that
are off by default; a prefix or group selects only rules that are on by default.

A file that names its jurisdiction (``jurisdiction = "shandong"`` under ``[ruleset]``)
first takes the param values plugins declare for that jurisdiction (hook
``gik_rule_params``) in place of the defaults of the jurisdictions they override; the
file's own ``[params]``, and those of files extending it, still win.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules import data_cache
from gik_rules.datafile import read_text
from gik_rules.rules import overrides as _overrides
from gik_rules.rules import unreadable
from gik_rules.rules.finding import Severity
from gik_rules.rules.overrides import ParamOverride, layers
from gik_rules.rules.params import ParamError
from gik_rules.rules.rule import Rule, find_rule

if TYPE_CHECKING:
    import cattrs

    from gik_rules.host import Host

_PREFIX = re.compile(r"[A-Z]{1,3}[0-9]{0,3}")


#: the group of the rules no selection leaves out: an unreadable file, a failed check
ALWAYS_GROUP = unreadable.GROUP


class RulesetError(ValueError):
    """An unknown selector, an unknown ruleset, or a malformed ruleset file."""


@attrs.frozen(slots=True)
class RuleConfig:
    rule: Rule
    severity: Severity
    params: Mapping[str, Any]


@attrs.frozen(slots=True)
class Ruleset:
    """A resolved ruleset: the rules to run, each with its severity and params."""

    name: str
    rules: tuple[RuleConfig, ...]
    jurisdiction: str | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.rule.code for c in self.rules)

    def config(self, code: str) -> RuleConfig | None:
        return next((c for c in self.rules if c.rule.code == code), None)


@attrs.define
class _Spec:
    selected: set[str] = attrs.field(factory=set)
    severity: dict[str, Severity] = attrs.field(factory=dict)
    params: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    jurisdiction: str | None = None
    applied: set[str] = attrs.field(factory=set)  # jurisdictions whose params are in


def _apply_jurisdiction(spec: _Spec, jurisdiction: str, overrides: Sequence[ParamOverride]) -> None:
    """The param values declared for ``jurisdiction`` and the ones it overrides."""
    spec.jurisdiction = jurisdiction
    for o in layers(jurisdiction, overrides):
        if o.jurisdiction not in spec.applied:
            spec.params.setdefault(o.code, {}).update(o.params)
    spec.applied |= {o.jurisdiction for o in layers(jurisdiction, overrides)}


def match_selector(selector: str, rules: Mapping[str, Rule]) -> tuple[set[str], bool]:
    """The codes a selector names, and whether it names them explicitly (code, name or
    alias: off-by-default rules included) rather than by prefix, group or ALL."""
    if selector == "ALL":
        return {c for c, r in rules.items() if r.enabled}, False
    rule = find_rule(selector, rules)
    if rule is not None:
        return {rule.code}, True
    if _PREFIX.fullmatch(selector):
        prefixed = {c for c in rules if c.startswith(selector)}
        if prefixed:
            return {c for c in prefixed if rules[c].enabled}, False
    grouped = {c for c, r in rules.items() if selector in r.groups}
    if grouped:
        return {c for c in grouped if rules[c].enabled}, False
    raise RulesetError(f"unknown rule selector {selector!r} (not a code, prefix, name or group)")


def _select(selectors: Iterable[str], rules: Mapping[str, Rule]) -> set[str]:
    out: set[str] = set()
    for s in selectors:
        out |= match_selector(s, rules)[0]
    return out


def _codes_for_keys(keys: Iterable[str], rules: Mapping[str, Rule], what: str) -> dict[str, str]:
    mapping = {}
    for key in keys:
        codes, explicit = match_selector(key, rules)
        if not explicit:
            raise RulesetError(f"{what} must name one rule by code or name, not {key!r}")
        mapping[key] = next(iter(codes))
    return mapping


@attrs.frozen(slots=True)
class RulesetHead:
    """The ``[ruleset]`` table of a ruleset file."""

    name: str | None = None
    description: str = ""
    extends: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jurisdiction: str | None = None


@attrs.frozen(slots=True)
class RulesetFile:
    """A ruleset file as written: ``[ruleset]``, ``[severity]`` and ``[params.<rule>]``
    (param values are checked against each rule's declared types when applied)."""

    ruleset: RulesetHead = RulesetHead()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    params: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)


@functools.cache  # made when a file is parsed, not when the data cache has it
def _converter() -> cattrs.Converter:
    from gik_rules import strict

    conv = strict.converter()
    strict.register(conv, RulesetHead, kebab=True)
    strict.register(conv, RulesetFile)
    return conv


def read_ruleset_file(path: Path) -> RulesetFile:
    """A ruleset file, structured (``RulesetError`` naming the file and key if it does
    not fit: an unknown key, a string where a list is meant…); from the data cache when
    the same text was read before."""
    text = read_text(path, RulesetError)
    return data_cache.cached(f"ruleset {path}", text, lambda: _parse(path, text))


def _parse(path: Path, text: str) -> RulesetFile:
    from gik_rules import strict

    return strict.load(_converter(), path, RulesetFile, RulesetError, text=text)


def check_params(rule: Rule, values: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``values`` for ``rule``'s params, each checked against its declared type
    (``RulesetError`` naming ``where``, the param and what it must be)."""
    declared = {p.name: p for p in rule.params}
    out: dict[str, Any] = {}
    for name, value in values.items():
        param = declared.get(name)
        if param is None:
            known = ", ".join(declared) or "none"
            raise RulesetError(
                f"{where}: rule {rule.code} has no param {name!r} (its params: {known})"
            )
        try:
            out[name] = param.check(value)
        except ParamError as exc:
            raise RulesetError(f"{where}.{name}: {exc}") from None
    return out


def _apply(data: RulesetFile, spec: _Spec, rules: Mapping[str, Rule], where: str) -> None:
    head = data.ruleset
    try:
        if head.select is not None:
            spec.selected = _select(head.select, rules)
        spec.selected |= _select(head.extend_select, rules)
        spec.selected -= _select(head.ignore, rules)
        for key, code in _codes_for_keys(data.severity, rules, "[severity]").items():
            spec.severity[code] = data.severity[key]
        for key, code in _codes_for_keys(data.params, rules, "[params]").items():
            values = check_params(rules[code], data.params[key], f"params.{key}")
            spec.params.setdefault(code, {}).update(values)
    except RulesetError as exc:
        raise RulesetError(f"{where}: {exc}") from None


def locate(name_or_path: str, known: Mapping[str, Path], base: Path | None = None) -> Path:
    """A ruleset file by name (from the plugins) or by path."""
    if name_or_path in known:
        return known[name_or_path]
    path = Path(name_or_path)
    if base is not None and not path.is_absolute():
        candidate = base / path
        if candidate.exists():
            return candidate
    if path.suffix == ".toml" or path.exists():
        return path
    names = ", ".join(sorted(known)) or "none"
    raise RulesetError(f"unknown ruleset {name_or_path!r} (known: {names}; or give a .toml path)")


def load_ruleset(
    name_or_path: str,
    rules: Mapping[str, Rule],
    known: Mapping[str, Path],
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    param_overrides: Iterable[Mapping[str, Any]] = (),
    overrides: Sequence[ParamOverride] | None = None,
    jurisdictions: Collection[str] | None = None,
) -> Ruleset:
    """Resolve a ruleset and its parents, then apply command-line selection on top.

    ``param_overrides`` are the plugins' ``gik_rule_params`` declarations (``host.rule_params``),
    checked here; ``overrides`` the same already checked (``host.param_overrides``), which
    take their place. ``jurisdictions``: the ones a file may name (None: any).
    """
    spec = _Spec()
    seen: list[Path] = []
    if overrides is None:
        try:
            overrides = _overrides.param_overrides(param_overrides, rules)
        except ValueError as exc:
            raise RulesetError(str(exc)) from None

    def visit(ref: str, base: Path | None) -> str:
        path = locate(ref, known, base).resolve()
        if path in seen:
            raise RulesetError(f"ruleset {ref!r} extends itself")
        seen.append(path)
        data = read_ruleset_file(path)
        for parent in data.ruleset.extends:
            visit(parent, path.parent)
        jurisdiction = data.ruleset.jurisdiction
        if jurisdiction is not None:
            if jurisdictions is not None and jurisdiction not in jurisdictions:
                names = ", ".join(sorted(jurisdictions)) or "none"
                raise RulesetError(
                    f"{path}: ruleset.jurisdiction: unknown jurisdiction {jurisdiction!r} "
                    f"(the installed plugins know: {names})"
                )
            _apply_jurisdiction(spec, jurisdiction, overrides)
        _apply(data, spec, rules, str(path))
        seen.pop()
        return data.ruleset.name or path.stem

    name = visit(name_or_path, None)
    head = RulesetHead(
        select=None if select is None else tuple(select),
        extend_select=tuple(extend_select),
        ignore=tuple(ignore),
    )
    _apply(RulesetFile(head), spec, rules, "command line")
    # a file that cannot be read is reported whatever the selection, as a linter reports
    # a syntax error: narrowing the rules must not turn an unreadable file into "ok"
    spec.selected |= {code for code, rule in rules.items() if ALWAYS_GROUP in rule.groups}
    configs = tuple(
        RuleConfig(
            rule=rules[code],
            severity=spec.severity.get(code, rules[code].severity),
            params={**rules[code].default_params(), **spec.params.get(code, {})},
        )
        for code in sorted(spec.selected)
    )
    return Ruleset(name=name, rules=configs, jurisdiction=spec.jurisdiction)


def ruleset_of(
    host: Host,
    name_or_path: str = "national",
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Ruleset:
    """``load_ruleset`` over what a host's plugins contribute: their rules, their named
    rulesets and their declared param overrides (checked once, when the host was built)."""
    return load_ruleset(
        name_or_path,
        host.rules,
        host.rulesets,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        overrides=host.param_overrides,
        jurisdictions=host.jurisdictions,
    )
