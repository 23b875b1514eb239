"""The read-only JSON API: every list of the site as data, filtered by the same FilterSets."""
