"""A data file's text and the words of its error messages, apart from the strict
converter (``gik_rules.strict``): a run whose data files all come from the data cache
reads their text for the cache's key and never imports cattrs or tomllib."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

E = TypeVar("E", bound=Exception)


def read_text(path: Path, error: type[E]) -> str:
    """A data file's text (``error`` naming the file when it cannot be read)."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: {exc}") from None


def found(value: Any) -> str:
    """A value as a message shows what was found (short, TOML-like)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
