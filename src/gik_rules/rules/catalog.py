"""Rules from data: metadata in TOML beside the module that implements the checks.

A rule package holds pairs ``<group>.toml`` + ``<group>.py``. The TOML file lists the
rules (``[[rule]]`` tables: code, name, severity, groups, needs, docs, params); the module marks
each check with ``@implements("CODE")``. A rule without an implementation, or an
implementation without metadata, is a load error: docs never drift from code.
"""

from __future__ import annotations

import importlib
import importlib.resources
import tomllib
from collections.abc import Callable
from typing import Any, TypeVar

from gik_rules.rules.finding import Severity
from gik_rules.rules.rule import (
    CELL_CONDITIONS,
    COLUMNAR_KINDS,
    NEED_KEYS,
    Needs,
    Param,
    Rule,
    RuleDoc,
    Scope,
)

F = TypeVar("F", bound=Callable[..., Any])


class RuleDataError(ValueError):
    """Rule metadata that is missing, malformed or does not match its implementation."""


def implements(code: str) -> Callable[[F], F]:
    """Mark a module-level function as the check of rule ``code``."""

    def mark(fn: F) -> F:
        fn.__gik_rule_code__ = code  # type: ignore[attr-defined]
        return fn

    return mark


def _needs(raw: Any, where: str) -> Needs:
    """A rule's ``needs`` table; an unknown key or a value of the wrong type is a load
    error, so that a misspelt need never silently lets a rule report ``ok``."""
    if not isinstance(raw, dict):
        raise RuleDataError(f"{where}: 'needs' must be a table such as {{ tables = [\"t3\"] }}")
    unknown = sorted(set(raw) - set(NEED_KEYS))
    if unknown:
        raise RuleDataError(
            f"{where}: unknown need {', '.join(map(repr, unknown))} "
            f"(a rule may need: {', '.join(NEED_KEYS)})"
        )
    tables = raw.get("tables", [])
    if not isinstance(tables, list) or not all(isinstance(t, str) and t for t in tables):
        raise RuleDataError(f'{where}: needs.tables must be a list of table ids such as "t3"')
    text = raw.get("text", False)
    if not isinstance(text, bool):
        raise RuleDataError(f"{where}: needs.text must be true or false")
    return Needs(tables=tuple(tables), text=text)


def _columnar(raw: Any, where: str) -> str:
    """A rule's ``columnar`` key: what its check computes, one of ``COLUMNAR_KINDS``."""
    if raw not in ("", *COLUMNAR_KINDS):
        raise RuleDataError(
            f"{where}: columnar must be one of {', '.join(map(repr, COLUMNAR_KINDS))}, not {raw!r}"
        )
    return str(raw)


def _quiet_unless(raw: Any, where: str) -> tuple[str, ...]:
    """A rule's ``quiet_unless``: a list of ``CELL_CONDITIONS``."""
    if not isinstance(raw, list) or not all(c in CELL_CONDITIONS for c in raw):
        raise RuleDataError(
            f"{where}: quiet_unless must be a list of {', '.join(map(repr, CELL_CONDITIONS))}, "
            f"not {raw!r}"
        )
    return tuple(raw)


def _rule(raw: dict[str, Any], check: Any, plugin: str, where: str) -> Rule:
    doc = raw.get("doc", {})
    return Rule(
        code=raw["code"],
        name=raw["name"],
        summary=raw["summary"],
        severity=Severity(raw["severity"]),
        groups=tuple(raw.get("groups", ())),
        doc=RuleDoc(**doc),
        check=check,
        scope=Scope(raw.get("scope", "report" if check else "reader")),
        variants=tuple(raw.get("variants", ())),
        first_year=raw.get("first_year"),
        last_year=raw.get("last_year"),
        params=tuple(
            Param(name, spec["default"], spec.get("description", ""))
            for name, spec in raw.get("params", {}).items()
        ),
        aliases=tuple(raw.get("aliases", ())),
        enabled=raw.get("enabled", True),
        plugin=plugin,
        needs=_needs(raw.get("needs", {}), where),
        columnar=_columnar(raw.get("columnar", ""), where),
        quiet_unless=_quiet_unless(raw.get("quiet_unless", []), where),
    )


def load_rule_package(package: str, *, plugin: str = "") -> list[Rule]:
    """Every rule described by the ``*.toml`` files of ``package`` and implemented in its modules."""
    rules: list[Rule] = []
    root = importlib.resources.files(package)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        stem = entry.name[: -len(".toml")]
        try:
            meta = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleDataError(f"{package}/{entry.name}: {exc}") from exc
        impls: dict[str, Any] = {}
        try:
            module = importlib.import_module(f"{package}.{stem}")
        except ModuleNotFoundError:
            module = None
        if module is not None:
            for value in vars(module).values():
                code = getattr(value, "__gik_rule_code__", None)
                if code:
                    impls[code] = value
        for raw in meta.get("rule", []):
            where = f"{package}/{entry.name}: rule {raw.get('code')}"
            try:
                rule = _rule(raw, impls.pop(raw.get("code", ""), None), plugin, where)
            except RuleDataError:
                raise
            except (KeyError, TypeError, ValueError) as exc:
                raise RuleDataError(
                    f"{package}/{entry.name}: rule {raw.get('code')}: {exc!r}"
                ) from exc
            if rule.scope is not Scope.READER and rule.check is None:
                raise RuleDataError(
                    f"{package}/{entry.name}: rule {rule.code} has no implementation"
                )
            rules.append(rule)
        if impls:
            raise RuleDataError(
                f"{package}.{stem}: implementations without metadata: {', '.join(sorted(impls))}"
            )
    return rules
