"""Text analysis: folding, segmentation and tokens, shared by the engine and the product finder (imports no search engine)."""
