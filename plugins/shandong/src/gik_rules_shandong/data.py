"""The plugin's data files (``data/*.toml``): deadlines, 要点 numbers, notice title, bases."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import tomllib
from typing import Any


@functools.cache
def load(name: str) -> dict[str, Any]:
    """``data/<name>.toml`` as a dict (read once per process)."""
    text = importlib.resources.files("gik_rules_shandong").joinpath("data", f"{name}.toml")
    return tomllib.loads(text.read_text(encoding="utf-8"))


def month_day(year: int, text: str) -> dt.date:
    """``"01-31"`` in ``year``."""
    month, day = (int(x) for x in text.split("-"))
    return dt.date(year, month, day)


def yaodian_numbers() -> dict[int, str]:
    """The document number of each year's 山东省政务公开工作要点 that is known."""
    return {int(year): entry["number"] for year, entry in load("yaodian")["years"].items()}


def notice_title(year: int) -> str:
    """The title of the provincial notice on compiling the reports on ``year``."""
    return str(load("notice")["title"]).format(year=year)
