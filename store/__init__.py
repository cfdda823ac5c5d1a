"""Accord's store: records, files, git, history and documents (no Textual)."""

__version__ = "0.2.0"
