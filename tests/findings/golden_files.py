"""Golden findings: what a ruleset reports on a document, compared with a JSON file.

Each finding of a national rule (codes N…; parse findings are the readers' golden tests'
business) is kept as its code, severity, location and both messages. Set
``GIK_UPDATE_GOLDEN=1`` to rewrite the files after a deliberate change, then review the
diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs

from gik_rules.rules import Finding

GOLDEN = Path(__file__).parent / "golden"


def finding_record(finding: Finding) -> dict[str, Any]:
    location = {k: v for k, v in attrs.asdict(finding.location).items() if v is not None}
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "location": location,
        "message": finding.message,
        "message_en": finding.message_en,
    }


def assert_golden(name: str, findings: tuple[Finding, ...] | list[Finding]) -> None:
    path = GOLDEN / name
    records = [finding_record(f) for f in findings if f.code.startswith("N")]
    if os.environ.get("GIK_UPDATE_GOLDEN"):
        text = json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
        path.write_text(text, encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(records, default=str)) == expected
