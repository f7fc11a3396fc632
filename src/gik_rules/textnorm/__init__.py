"""The one text normalisation every reader, label, rule and plugin matches with.

``normalise(text)`` gives the folded form (NFKC width folding, zero-width characters
dropped, traditional characters converted to simplified ones, pinyin glosses and text
injected by mirror sites dropped) with a map from each folded character back to its
position in the printed text, so that what is found in the folded form is located in what
was printed. ``fold(text)`` is the folded form without white space: the key labels are
compared by. ``is_furniture(line)`` tells page furniture (metadata fields, toolbars, page
markers) from report text; ``strip_label_prefix`` keeps the value of a field line.
"""

from gik_rules.textnorm.fold import (
    Folded,
    fold,
    normalise,
    normalise_each,
    normalise_once,
    to_simplified,
)
from gik_rules.textnorm.furniture import is_furniture, strip_label_prefix

__all__ = [
    "Folded",
    "fold",
    "is_furniture",
    "normalise",
    "normalise_each",
    "normalise_once",
    "strip_label_prefix",
    "to_simplified",
]
