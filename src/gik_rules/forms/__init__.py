"""Form variants: the tables, cell ids, labels and identities of a report format."""

from gik_rules.forms.labels import fold, normalise_label
from gik_rules.forms.loader import FormDataError, load_variant
from gik_rules.forms.numerals import cn_number, numeral
from gik_rules.forms.variant import (
    BlankPolicy,
    BlockSpec,
    CellSpec,
    ColumnSpec,
    FormVariant,
    Identity,
    RowSpec,
    SectionSpec,
    TableSpec,
    ValueKind,
)

__all__ = [
    "BlankPolicy",
    "BlockSpec",
    "CellSpec",
    "ColumnSpec",
    "FormDataError",
    "FormVariant",
    "Identity",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "ValueKind",
    "cn_number",
    "fold",
    "load_variant",
    "normalise_label",
    "numeral",
]
