"""Domain errors of the retrieval library; callers translate them at their own edges."""

from __future__ import annotations


class RetrievalError(Exception):
    """Raised when the knowledge base cannot be loaded, built or searched."""
