"""glyph: proofmint's text-to-image model (keyword spotter, trained decoder, prompt texture)."""
