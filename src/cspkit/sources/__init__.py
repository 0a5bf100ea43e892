"""One reader per external format. Per-source quirks live in small declarative classes."""
