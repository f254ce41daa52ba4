"""Importers: each reads one official format into a :class:`~entitylist.importers.base.Snapshot`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from entitylist.importers import csl, ftm, sdn
from entitylist.importers.base import BadRow, Entry, ImportFailed, ProgressCallback, Snapshot

Reader = Callable[[Path, "set[str] | None", "ProgressCallback | None"], Snapshot]

SNAPSHOT_READERS: dict[str, Reader] = {
    "csl": csl.read,
    "sdn": sdn.read,
    "ftm": ftm.read,
}

__all__ = ["SNAPSHOT_READERS", "BadRow", "Entry", "ImportFailed", "Snapshot"]
