"""Reusable widgets (signature pad, ...) that several pages embed."""
