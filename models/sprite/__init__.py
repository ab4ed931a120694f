"""sprite: proofmint's second text-to-image model (table-driven spotter, tile codebook)."""
