"""The one strict converter every data file of gik-rules is read with.

Rulesets, rule metadata, form variants, table layouts, dataset manifests, the project
configuration and plugins' own data files are TOML structured into attrs classes by
cattrs. Nothing is coerced: a string is never split into a list of characters, ``5`` is
not ``"5"``, ``true`` is not ``1``; an unknown key is an error, named with the keys it
could have been. Every problem is reported as ``file: key: what was expected, not
what was found``, in the error class of the caller (``RulesetError``, ``ConfigError``…).

A class is registered once per converter with ``register`` (its file keys, kebab-case or
as the fields are named); ``structure`` turns a table into it or raises.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from gik_rules.datafile import found, read_text

T = TypeVar("T")
E = TypeVar("E", bound=Exception)


class Expected(TypeError):
    """A value of the wrong type or form; the message says what was expected."""


def describe(tp: Any) -> str:
    """A type as a person reads it in an error message."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is str:
        return "a string"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "an integer"
    if tp is float:
        return "a number"
    if tp is dt.date:
        return "a date such as 2025-01-20"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(repr(m.value) for m in tp)
    if origin is typing.Literal:
        return "one of " + ", ".join(map(repr, args))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = describe(args[0])
        plural = {"a string": "strings", "an integer": "integers", "a number": "numbers"}
        return f"a list of {plural.get(inner, inner)}"
    if origin in (dict, Mapping, typing.Mapping) or tp in (dict, Mapping):
        return "a table" + (f" of {describe(args[1])}" if args else "")
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe(a) for a in args if a is not type(None))
    if attrs.has(tp):
        return "a table"
    return getattr(tp, "__name__", str(tp))


def expected(tp: Any, value: Any) -> Expected:
    return Expected(f"expected {describe(tp)}, not {found(value)}")


def _scalar(tp: type, ok: Callable[[Any], bool]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if not ok(value):
            raise expected(tp, value)
        return value

    return hook


def _enum(value: Any, tp: type[enum.Enum]) -> enum.Enum:
    try:
        return tp(value)
    except ValueError:
        raise expected(tp, value) from None


def _literal(value: Any, tp: Any) -> Any:
    if value not in typing.get_args(tp) or isinstance(value, bool):
        raise expected(tp, value)
    return value


def _is_literal(tp: Any) -> bool:
    return typing.get_origin(tp) is typing.Literal


def _is_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_mapping(tp: Any) -> bool:
    return typing.get_origin(tp) in (dict, Mapping, typing.Mapping)


def _float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise expected(float, value)
    return float(value)


def _date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise expected(dt.date, value)
    return value


def converter() -> cattrs.Converter:
    """A new strict converter: no coercion, lists only where lists are meant, tables
    only where tables are meant, unknown keys rejected."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _scalar(str, lambda v: isinstance(v, str)))
    conv.register_structure_hook(bool, _scalar(bool, lambda v: isinstance(v, bool)))
    conv.register_structure_hook(
        int, _scalar(int, lambda v: isinstance(v, int) and not isinstance(v, bool))
    )
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook_func(lambda t: t is Any, lambda v, _: v)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum
    )
    conv.register_structure_hook_func(_is_literal, _literal)

    def tuples(value: Any, tp: Any) -> tuple[Any, ...]:
        # cattrs would take the string "N3" as the tuple ("N", "3"): a list it must be
        if not isinstance(value, list):
            raise expected(tp, value)
        inner = typing.get_args(tp)[0]
        return tuple(_items(conv, enumerate(value), inner, tp))

    def mappings(value: Any, tp: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise expected(tp, value)
        inner = typing.get_args(tp)[1] if typing.get_args(tp) else Any
        keys = list(value)
        return dict(zip(keys, _items(conv, value.items(), inner, tp), strict=True))

    conv.register_structure_hook_func(_is_tuple, tuples)
    conv.register_structure_hook_func(_is_mapping, mappings)
    return conv


def _items(conv: cattrs.Converter, pairs: Any, inner: Any, tp: Any) -> list[Any]:
    """Each value of ``pairs`` structured as ``inner``; every failure kept with its index
    or key, so that the message names the place."""
    out, errors = [], []
    for key, item in pairs:
        try:
            out.append(conv.structure(item, inner))
        except Exception as exc:
            exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote("", key, inner)]
            errors.append(exc)
    if errors:
        raise IterableValidationError("invalid items", errors, tp)
    return out


#: the file key of each field of each registered class (``extend_select`` → ``extend-select``)
_KEYS: dict[tuple[type, str], str] = {}


def register(
    conv: cattrs.Converter,
    cls: type,
    *,
    kebab: bool = False,
    omit: tuple[str, ...] = (),
) -> None:
    """Structure ``cls`` from a table whose keys are its fields (``kebab``: with ``-`` for
    ``_``), leaving the fields ``omit`` names to their defaults. The structuring function
    is generated when first used, with the hooks registered by then for its fields'
    classes."""
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        key = field.name.replace("_", "-") if kebab else field.name
        if field.name in omit:
            overrides[field.name] = override(omit=True)
        else:
            _KEYS[(cls, field.name)] = key
            overrides[field.name] = override(rename=key)
    made: list[Callable[[Any, Any], Any]] = []

    def table(value: Any, tp: Any) -> Any:
        if not isinstance(value, dict):
            raise expected(cls, value)
        if not made:  # made when first used: a run whose data comes cached never uses it
            made.append(
                make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True, **overrides)
            )
        return made[0](value, tp)

    conv.register_structure_hook(cls, table)


def keys_of(cls: type) -> list[str]:
    """The file keys of a registered class, in field order."""
    return [_KEYS.get((cls, f.name), f.name) for f in attrs.fields(cls) if (cls, f.name) in _KEYS]


_BARE = re.compile(r"[A-Za-z0-9_-]+")  # a TOML bare key; others are quoted in messages


def _named(item: Any) -> str:
    """`` (N601)``: what identifies an entry of a list of tables, for messages."""
    if isinstance(item, dict):
        for key in ("code", "id", "file", "name"):
            if isinstance(item.get(key), str | int) and not isinstance(item.get(key), bool):
                return f" ({item[key]})"
    return ""


def _child(data: Any, key: Any) -> Any:
    try:
        return data[key]
    except (KeyError, IndexError, TypeError):
        return None


def problems(exc: BaseException, path: str = "", data: Any = None) -> list[str]:
    """``key: message`` for every problem of a cattrs validation error, keys as in the
    file (``data``, the table structured, names the entries of lists)."""

    def join(key: str) -> str:
        key = key if _BARE.fullmatch(key) else json.dumps(key, ensure_ascii=False)
        return f"{path}.{key}" if path else key

    if isinstance(exc, ClassValidationError):
        out: list[str] = []
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            assert isinstance(note, AttributeValidationNote)
            key = _KEYS.get((exc.cl, note.name), note.name)
            out += problems(inner, join(key), _child(data, key))
        for inner in without:
            out += problems(inner, path, data)
        return out
    if isinstance(exc, IterableValidationError):
        out = []
        with_notes_i, without_i = exc.group_exceptions()
        for inner, inote in with_notes_i:
            assert isinstance(inote, IterableValidationNote)
            index, item = inote.index, _child(data, inote.index)
            key = (
                f"{path}[{index + 1}]{_named(item)}" if isinstance(index, int) else join(str(index))
            )
            out += problems(inner, key, item)
        for inner in without_i:
            out += problems(inner, path, data)
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        known = ", ".join(keys_of(exc.cl)) if exc.cl is not None else ""
        extra = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        noun = "key" if len(exc.extra_fields) == 1 else "keys"
        message = f"unknown {noun} {extra}" + (f" (known: {known})" if known else "")
        return [f"{path}: {message}" if path else message]
    if isinstance(exc, KeyError):
        return [f"{path}: required, missing" if path else "a required key is missing"]
    if isinstance(exc, ValueError) and exc.args and isinstance(exc.args[0], str):
        message = exc.args[0]  # an attrs validator's carries the attribute too
    elif isinstance(exc, Expected):
        message = str(exc)
    else:
        message = f"{type(exc).__name__}: {exc}"
    return [f"{path}: {message}" if path else message]


def structure(conv: cattrs.Converter, data: Any, cls: type[T], where: str, error: type[E]) -> T:
    """``data`` as ``cls``; ``error`` naming ``where`` (the file) and each key otherwise."""
    try:
        result: T = conv.structure(data, cls)
    except (cattrs.BaseValidationError, ForbiddenExtraKeysError, Expected) as exc:
        raise error(f"{where}: {'; '.join(problems(exc, '', data))}") from None
    return result


def read_toml(path: Path, error: type[E], text: str | None = None) -> dict[str, Any]:
    """A TOML file as a table (``error`` naming the file when it cannot be read)."""
    # nesting and long numbers are looked for before parsing (tomllib recurses and
    # converts any integer); imported here, the readers' limits import the rules
    from gik_rules.ingest.nesting import loads_toml

    if text is None:
        text = read_text(path, error)
    try:
        return loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: {exc}") from None
    except RecursionError:
        raise error(f"{path}: nested too deeply") from None


def load(
    conv: cattrs.Converter,
    path: Path,
    cls: type[T],
    error: type[E],
    *,
    where: str = "",
    text: str | None = None,
) -> T:
    """A TOML file (or its ``text``, read already) structured as ``cls``."""
    return structure(conv, read_toml(path, error, text), cls, where or str(path), error)
