"""Rules as data: rules/*.yaml loaded and validated once (rules, geometry, limits)."""
