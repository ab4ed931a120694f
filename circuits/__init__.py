"""proofmint circuit build: ezkl artifacts from the ONNX model, SRS handling, keys and proving."""
