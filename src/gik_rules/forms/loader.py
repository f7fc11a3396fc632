"""Loading form variants from TOML (the format is documented in docs/form-variants.md):
from the data cache, or read as written by ``forms.variant_file`` (imported then)."""

from __future__ import annotations

import functools
from pathlib import Path

from gik_rules import data_cache
from gik_rules.datafile import read_text
from gik_rules.forms.variant import FormVariant


class FormDataError(ValueError):
    """A form-variant file that is not valid."""


def load_variant(path: Path | str, *, plugin: str = "") -> FormVariant:
    """Read one form-variant TOML file; every identity cell must exist in the tables."""
    path = Path(path)
    text = read_text(path, FormDataError)
    return data_cache.cached(
        f"form variant {path} of {plugin}", text, functools.partial(_parse, path, text, plugin)
    )


def _parse(path: Path, text: str, plugin: str) -> FormVariant:
    from gik_rules.forms.variant_file import parse

    return parse(path, text, plugin)
