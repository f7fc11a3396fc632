"""The kinds of organ ``new --level`` takes, in English and in Chinese: each name and the
``OrganLevel`` value it stands for (names alone, so that ``--help`` imports no model)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gik_rules.model.report import OrganLevel

LEVELS = {
    "department": "department",
    "部门": "department",
    "government": "government",
    "政府": "government",
    "township": "township",
    "乡镇": "township",
    "unknown": "unknown",
}


def level(name: str) -> OrganLevel:
    """The ``OrganLevel`` a name of ``LEVELS`` stands for."""
    from gik_rules.model.report import OrganLevel

    return OrganLevel(LEVELS[name])
