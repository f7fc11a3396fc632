"""Output formats for check results."""

from gik_rules.output.json_format import finding_dict, render_json
from gik_rules.output.text_format import print_text

__all__ = ["finding_dict", "print_text", "render_json"]
