"""codebook."""
