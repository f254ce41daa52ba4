"""The folded list of a date, kept on disk per store and list version.

Folding the whole action log (reading it, validating every action, applying it in order) is most
of what a single ``entitylist screen`` cost. The result depends only on the store's list version
(see :meth:`entitylist.store.Store.list_version`), the date and the code that folds, so it is
kept in the user cache directory under a key made of those, written atomically and read back
whole. A file that cannot be read (truncated, from another version of Python, tampered with) is
ignored and removed; the list is then folded again. Set ``ENTITYLIST_CACHE_DIR`` to move the
cache (to a directory only its user can write: the files are pickles, trusted as the user's own),
or to ``off`` to keep nothing.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import platformdirs

from entitylist.settings import load_settings
from entitylist.state import PartyState

KEPT_FILES = 8  # a few dates and versions; each file is a few megabytes with a large import
_MAGIC = b"entitylist-list-cache/1\n"
_PACKAGE = Path(__file__).resolve().parent
_FOLDING_CODE = ("model.py", "state.py", "list_cache.py")  # what the cached objects are made by


def cache_dir() -> Path | None:
    """Where folded lists are kept, or None when caching is off."""
    chosen = (load_settings().cache_dir or "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_cache_dir("entitylist", appauthor=False)) / "lists"


def _code_fingerprint() -> str:
    """Size and time of the modules whose classes are pickled: an edited model never loads an old file."""
    from entitylist import __version__

    parts = [__version__]
    for name in _FOLDING_CODE:
        try:
            stat = (_PACKAGE / name).stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(name)
    return "|".join(parts)


def _path(directory: Path, store: str, version: str, date: dt.date) -> Path:
    key = "\n".join((store, version, date.isoformat(), _code_fingerprint()))
    return directory / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def load(store: str, version: str, date: dt.date) -> list[PartyState] | None:
    """The list kept for this store, version and date, or None (nothing kept, or unreadable)."""
    directory = cache_dir()
    if directory is None:
        return None
    path = _path(directory, store, version, date)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # unpickling makes objects by the hundred thousand: collections would triple the time
    try:
        if not data.startswith(_MAGIC):
            raise ValueError("not a list cache file")
        parties = pickle.loads(memoryview(data)[len(_MAGIC):])  # noqa: S301 - the user's own cache
        if not isinstance(parties, list) or not all(isinstance(p, PartyState) for p in parties):
            raise ValueError("not a list of party states")
        gc.freeze()  # long-lived: later collections (while the index is built) need not walk them
        return parties
    except Exception:  # noqa: BLE001 - any unreadable file is a cache miss
        path.unlink(missing_ok=True)
        return None
    finally:
        if enabled:
            gc.enable()


def save(store: str, version: str, date: dt.date, parties: list[PartyState]) -> None:
    """Keep the list (atomically: readers see the whole file or none); failures only cost speed."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC)
                pickle.dump(parties, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, _path(directory, store, version, date))
        finally:
            Path(temporary).unlink(missing_ok=True)
        _prune(directory)
    except (OSError, pickle.PicklingError):
        return


def _prune(directory: Path) -> None:
    """Keep the newest few files."""
    files = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEPT_FILES:]:
        old.unlink(missing_ok=True)
