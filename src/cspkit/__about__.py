"""The version, kept apart so the build backend can read it without importing cspkit."""

__version__ = "0.1.0"
