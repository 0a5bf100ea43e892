"""Comparing a partnership with similar partnerships (METHODS.md §1) and within its force."""
