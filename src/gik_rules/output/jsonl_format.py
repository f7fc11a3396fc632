"""JSON Lines: one JSON object per report per line, written as each report is checked.

Each line is the json format's report object (``report_dict``) with the report's key
under ``"key"`` (repeated keys numbered ``a.toml#2`` as in the json format); keys
sorted, no whitespace, control characters ``\\u``-escaped. Lines follow the order the
results arrive in, which ``check_paths`` makes the order of the paths.
"""

from __future__ import annotations

from typing import TextIO

from gik_rules.engine.result import ReportResult
from gik_rules.output.base import StreamFormatter
from gik_rules.output.json_format import report_dict
from gik_rules.output.safe import dump_json


def report_line(key: str, result: ReportResult) -> str:
    return dump_json({"key": key, **report_dict(result)}) + "\n"


class JsonlFormatter(StreamFormatter):
    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)

    def add(self, result: ReportResult) -> None:
        super().add(result)
        # a reader tailing the file sees each report as soon as it is checked
        self.stream.flush()

    def render_one(self, key: str, result: ReportResult) -> str:
        return report_line(key, result)
