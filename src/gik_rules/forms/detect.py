"""Telling a report's form variant from the labels it prints, or from its cell ids."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gik_rules.forms.labels import normalise_label
from gik_rules.forms.variant import FormVariant


def signature_scores(labels: Iterable[str], variants: Mapping[str, FormVariant]) -> dict[str, int]:
    """How many of each variant's signature labels occur among ``labels``."""
    seen = "\n".join(normalise_label(x) for x in labels)
    return {
        vid: sum(1 for sig in v.signature if normalise_label(sig) in seen)
        for vid, v in variants.items()
    }


def detect_from_labels(labels: Iterable[str], variants: Mapping[str, FormVariant]) -> str | None:
    """The variant whose signature matches best; None when nothing matches or it is a tie."""
    scores = signature_scores(labels, variants)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] == 0:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def detect_from_cells(cell_ids: Iterable[str], variants: Mapping[str, FormVariant]) -> str | None:
    """The one variant whose cell ids include all of ``cell_ids`` (None if several or none)."""
    ids = set(cell_ids)
    fits = [vid for vid, v in variants.items() if ids and ids <= set(v.cells)]
    return fits[0] if len(fits) == 1 else None


def variant_for_year(year: int | None, variants: Mapping[str, FormVariant]) -> FormVariant | None:
    """The variant the national format prescribes for a report year: the newest that
    applies to it (None for an unknown year or one before every variant)."""
    if year is None:
        return None
    fits = [v for v in variants.values() if v.applies_to_year(year)]
    return max(fits, key=lambda v: v.first_year) if fits else None
