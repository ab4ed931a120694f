"""proofmint model code: the glyph model and the rules shared with packages/core (codec, render)."""
