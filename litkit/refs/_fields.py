"""The fields every reference parser returns (a private module shared by the parsers of :mod:`litkit.refs`)."""

from __future__ import annotations

#: The parsed fields of a cited reference, besides ``raw``.
FIELDS = ("author", "year", "source", "volume", "page", "doi")


def empty_reference(raw: str) -> dict:
    """A parsed reference with every field None and ``raw`` kept."""
    return {"raw": raw, "author": None, "year": None, "source": None, "volume": None, "page": None, "doi": None}
