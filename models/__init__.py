"""proofmint model code: the sprite model and the rules shared with packages/core (codec, render)."""
