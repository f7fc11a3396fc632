"""The one text normalisation every reader, label, rule and plugin matches with.

``normalise(text)`` gives the folded form (NFKC width folding, zero-width characters
dropped, traditional characters converted to simplified ones, pinyin glosses dropped) with
a map from each folded character back to its position in the printed text, so that what
is found in the folded form is located in what was printed. ``fold(text)`` is the folded
form without white space: the key labels are compared by.
"""

from gik_rules.textnorm.fold import Folded, fold, normalise

__all__ = ["Folded", "fold", "normalise"]
