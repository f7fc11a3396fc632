"""Rules from data: metadata in TOML beside the module that implements the checks.

A rule package holds pairs ``<group>.toml`` + ``<group>.py``. The TOML file lists the
rules (``[[rule]]`` tables: code, name, severity, groups, needs, docs, params); the module marks
each check with ``@implements("CODE")``. A rule without an implementation, or an
implementation without metadata, is a load error: docs never drift from code.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from gik_rules import data_cache, package_data
from gik_rules.errors import RuleDataError as RuleDataError
from gik_rules.rules.finding import Severity
from gik_rules.rules.params import Param, ParamError, ParamType
from gik_rules.rules.rule import (
    CELL_CONDITIONS,
    COLUMNAR_KINDS,
    READS_PARAM,
    Needs,
    Rule,
    RuleDoc,
    Scope,
)

if TYPE_CHECKING:
    import cattrs

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C")


def implements(code: str) -> Callable[[F], F]:
    """Mark a module-level function as the check of rule ``code``."""

    def mark(fn: F) -> F:
        fn.__gik_rule_code__ = code  # type: ignore[attr-defined]
        return fn

    return mark


@attrs.frozen(slots=True)
class _ParamData:
    """``[rule.params.<name>]``: a ``Param`` without its name (the table's key)."""

    type: ParamType
    default: Any
    description: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    optional: bool = False


@attrs.frozen(slots=True)
class _RuleData:
    """One ``[[rule]]`` table of a rule metadata file."""

    code: str
    name: str
    summary: str
    severity: Severity
    doc: RuleDoc
    groups: tuple[str, ...] = ()
    scope: Scope | None = None
    variants: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    params: Mapping[str, _ParamData] = attrs.field(factory=dict)
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    needs: Needs = Needs()
    #: what the check computes, one of ``COLUMNAR_KINDS`` (empty: nothing declared)
    columnar: str = attrs.field(default="", validator=attrs.validators.in_(("", *COLUMNAR_KINDS)))
    #: the cell conditions without which the check finds nothing (``CELL_CONDITIONS``)
    quiet_unless: tuple[str, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(attrs.validators.in_(CELL_CONDITIONS)),
    )


@attrs.frozen(slots=True)
class _RuleFile:
    rule: tuple[_RuleData, ...] = ()


@functools.cache  # made when a file is parsed, not when the data cache has it
def _converter() -> cattrs.Converter:
    from gik_rules import strict

    conv = strict.converter()
    for cls in (_ParamData, RuleDoc, Needs, _RuleData, _RuleFile):  # leaves first
        strict.register(conv, cls)
    return conv


def _read(where: str, text: str) -> _RuleFile:
    from gik_rules import strict

    return strict.load(_converter(), Path(where), _RuleFile, RuleDataError, text=text)


def _param(name: str, data: _ParamData, where: str) -> Param:
    param = Param(name, **attrs.asdict(data, recurse=False))
    try:
        param.check(data.default)
    except ParamError as exc:
        raise RuleDataError(f"{where}: params.{name}.default: {exc}") from None
    return param


def _rule(data: _RuleData, check: Any, plugin: str, scope: Scope, where: str) -> Rule:
    for item in data.needs.reads or ():
        name = item.removeprefix(READS_PARAM)
        if name != item and name not in data.params:
            raise RuleDataError(f"{where}: needs.reads: {item!r} names no param of the rule")
    try:
        return Rule(
            code=data.code,
            name=data.name,
            summary=data.summary,
            severity=data.severity,
            groups=data.groups,
            doc=data.doc,
            check=check,
            scope=data.scope or scope,
            variants=data.variants,
            first_year=data.first_year,
            last_year=data.last_year,
            params=tuple(_param(n, p, where) for n, p in data.params.items()),
            aliases=data.aliases,
            enabled=data.enabled,
            plugin=plugin,
            needs=data.needs,
            columnar=data.columnar,
            quiet_unless=data.quiet_unless,
        )
    except ValueError as exc:  # a code or name of the wrong form
        raise RuleDataError(f"{where}: {exc}") from None


class DeferredCheck:
    """A rule's check whose module is imported when it is first called (or ``loaded``),
    not when the rules are loaded: a run imports only the rule modules whose checks it
    runs (a check answered by the check cache runs none). One object per check in a
    process (``deferred_check``), which pickles as the module and name it stands for."""

    __slots__ = ("module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def load(self) -> Any:
        """The check itself (its module imported)."""
        return getattr(importlib.import_module(self.module), self.name)

    def __call__(self, *args: Any) -> Any:
        return self.load()(*args)

    def __reduce__(self) -> tuple[Any, ...]:
        return deferred_check, (self.module, self.name)

    def __repr__(self) -> str:
        return f"<check {self.module}.{self.name}>"


@functools.cache
def deferred_check(module: str, name: str) -> DeferredCheck:
    return DeferredCheck(module, name)


def loaded(check: C) -> C:
    """``check`` itself where it is deferred (``DeferredCheck``): what an engine calls
    once per report, without the deferral's look-up each time. A module that no longer
    imports leaves the check deferred: each call fails as a crashing rule does."""
    if not isinstance(check, DeferredCheck):
        return check
    try:
        return cast(C, check.load())
    except Exception:
        return check


def _implementations(package: str, stem: str, has_module: bool) -> dict[str, str] | None:
    """The names of the checks ``<package>.<stem>`` marks with ``@implements``, by code;
    None when there is no such module (the file describes reader findings). A module that
    fails to import is a ``RuleDataError``: its rules must not look loaded when none of
    them can run."""
    if not has_module:
        return None
    try:
        module = importlib.import_module(f"{package}.{stem}")
    except Exception as exc:
        raise RuleDataError(
            f"{package}.{stem}: the rule module failed to import: {type(exc).__name__}: {exc}"
        ) from exc
    impls: dict[str, str] = {}
    for name, value in vars(module).items():
        code = getattr(value, "__gik_rule_code__", None)
        if code:
            impls[code] = name
    return impls


def _checks(module: str, marked: Mapping[str, str], *, deferred: bool) -> dict[str, Any]:
    """The checks ``marked`` names in ``module``, by code: deferred, or from the module
    (imported by ``_implementations``)."""
    if deferred or not marked:
        return {code: deferred_check(module, name) for code, name in marked.items()}
    found = vars(sys.modules[module])
    return {code: found[name] for code, name in marked.items()}


#: what the data cache keeps each rule package's modules implementing under
_IMPLEMENTATIONS = "rule implementations"


def _known(package: str, folder: str) -> dict[str, dict[str, str]] | None:
    """The checks each module of ``package`` marks, by code, as names in the module, as
    found the last time the package loaded (without an error) with the same code; None
    when not known."""
    known = data_cache.kept(_IMPLEMENTATIONS, folder, code=[package.partition(".")[0]])
    return cast("dict[str, dict[str, str]] | None", known)


def load_rule_package(package: str, *, plugin: str = "") -> list[Rule]:
    """Every rule described by the ``*.toml`` files of ``package`` and implemented in its
    modules. Raises ``RuleDataError`` naming the file, rule and key for metadata that does
    not fit the schema, and for a rule module that fails to import.

    Once the package has loaded, what each module implements is kept in the data cache
    (under the package's code, as every entry there): a later run with the same code
    makes each check a ``DeferredCheck`` and imports no rule module until its check runs.
    """
    rules: list[Rule] = []
    root = package_data.files(package)
    names = {entry.name for entry in root.iterdir()}
    known = _known(package, str(root))
    found: dict[str, dict[str, str]] = {}
    for name in sorted(names):
        if not name.endswith(".toml"):
            continue
        stem = name[: -len(".toml")]
        where = f"{package}/{name}"
        text = root.joinpath(name).read_text("utf-8")
        data = data_cache.cached(
            f"rule metadata {where}", text, functools.partial(_read, where, text)
        )
        if known is None:
            marked = _implementations(package, stem, f"{stem}.py" in names)
            if marked is not None:
                found[stem] = marked
        else:
            marked = known.get(stem)
        scope = Scope.READER if marked is None else Scope.REPORT
        impls = _checks(f"{package}.{stem}", marked or {}, deferred=known is not None)
        for entry in data.rule:
            rule = _rule(
                entry, impls.pop(entry.code, None), plugin, scope, f"{where}: rule {entry.code}"
            )
            if rule.scope is not Scope.READER and rule.check is None:
                raise RuleDataError(f"{where}: rule {rule.code} has no implementation")
            rules.append(rule)
        if impls:
            raise RuleDataError(
                f"{package}.{stem}: implementations without metadata: {', '.join(sorted(impls))}"
            )
    if known is None:
        data_cache.keep(_IMPLEMENTATIONS, str(root), found, code=[package.partition(".")[0]])
    return rules
