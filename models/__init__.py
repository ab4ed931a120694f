"""proofmint model code: the sprite model and the rules it shares with core (codec, render)."""
