"""What a rule may look at besides the report: its params and the form variants."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from gik_rules.forms.detect import variant_for_year
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules.dataset import DeclaredOrgan


@attrs.frozen(slots=True)
class RuleContext:
    """Read-only and picklable. ``variant`` is the report's own variant, when known.
    ``organs``: for a dataset rule, the organs the dataset declares (its manifest's),
    with or without reports."""

    params: Mapping[str, Any] = attrs.field(factory=dict)
    variants: Mapping[str, FormVariant] = attrs.field(factory=dict)
    organs: tuple[DeclaredOrgan, ...] = ()

    def variant_of(self, report: AnnualReport) -> FormVariant | None:
        return self.variants.get(report.meta.variant or "")

    def expected_variant(self, year: int | None) -> FormVariant | None:
        """The variant the national format prescribes for a report year."""
        return variant_for_year(year, self.variants)
