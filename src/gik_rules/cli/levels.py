"""The kinds of organ ``new --level`` takes, in English and in Chinese."""

from __future__ import annotations

from gik_rules.model.report import OrganLevel

LEVELS = {
    "department": OrganLevel.DEPARTMENT,
    "部门": OrganLevel.DEPARTMENT,
    "government": OrganLevel.GOVERNMENT,
    "政府": OrganLevel.GOVERNMENT,
    "township": OrganLevel.TOWNSHIP,
    "乡镇": OrganLevel.TOWNSHIP,
    "unknown": OrganLevel.UNKNOWN,
}
