"""Site search: one searchable document per record, ranked full-text search over them."""
