"""Table models over the store (ids first, rows on demand)."""
