"""The one text normalisation: folding, injected text, page furniture, and the folds built on it."""
