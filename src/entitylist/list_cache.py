"""The folded list of a date (and its screening snapshot), kept on disk per store and list version.

Folding the whole action log (reading it, validating every action, applying it in order) is most
of what a single ``entitylist screen`` cost. The result depends only on the store's list version
(see :meth:`entitylist.store.Store.list_version`), the date and the code that folds, so it is
kept in the user cache directory under a key made of those, written atomically and read back
whole. A file that cannot be read (truncated, from another version of Python, tampered with) is
ignored and removed; the list is then folded again. Set ``ENTITYLIST_CACHE_DIR`` to move the
cache (to a directory only its user can write: the files are pickles, trusted as the user's own),
or to ``off`` to keep nothing. The screening snapshot of a list (see
:mod:`entitylist.screen_snapshot`) is kept the same way, keyed also by the matching code.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs

from entitylist.settings import load_settings
from entitylist.state import PartyState

KEPT_FILES = 8  # a few dates and versions; each file is a few megabytes with a large import
_MAGIC = b"entitylist-list-cache/1\n"
_PACKAGE = Path(__file__).resolve().parent
_FOLDING_CODE = ("model.py", "state.py", "list_cache.py")  # what the cached objects are made by
# what a screening snapshot is made by: the folding code, the matching core and its vocabularies
_SCREENING_CODE = (*_FOLDING_CODE, "screening.py", "screen_snapshot.py", "matching/*.py", "vocab/*.yaml")
LIST = "pickle"  # the kinds of file kept, named by their file suffix
SNAPSHOT = "snapshot"
_KINDS = {LIST: _FOLDING_CODE, SNAPSHOT: _SCREENING_CODE}


def cache_dir() -> Path | None:
    """Where folded lists are kept, or None when caching is off."""
    chosen = (load_settings().cache_dir or "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_cache_dir("entitylist", appauthor=False)) / "lists"


def _code_fingerprint(patterns: tuple[str, ...]) -> str:
    """Size and time of the modules (and data) that made the kept objects: edited code never loads an old file."""
    from entitylist import __version__

    parts = [__version__]
    for pattern in patterns:
        files = sorted(_PACKAGE.glob(pattern)) if "*" in pattern else [_PACKAGE / pattern]
        for path in files:
            try:
                stat = path.stat()
                parts.append(f"{pattern}:{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
            except OSError:
                parts.append(pattern)
    return "|".join(parts)


def _path(directory: Path, store: str, version: str, date: dt.date, kind: str = LIST) -> Path:
    key = "\n".join((kind, store, version, date.isoformat(), _code_fingerprint(_KINDS[kind])))
    return directory / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.{kind}"


def load_bytes(kind: str, store: str, version: str, date: dt.date) -> bytes | None:
    """The bytes kept of this kind for this store, version and date, or None."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        return _path(directory, store, version, date, kind).read_bytes()
    except OSError:
        return None


def kept_path(kind: str, store: str, version: str, date: dt.date) -> Path | None:
    """Where a file of this kind is kept for this store, version and date (None when caching is off)."""
    directory = cache_dir()
    return None if directory is None else _path(directory, store, version, date, kind)


def save_file(kind: str, store: str, version: str, date: dt.date, write: Callable[[Path], None]) -> None:
    """Keep a file that ``write`` makes at the path it is given (atomically, as :func:`save_bytes`)."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        os.close(handle)
        try:
            write(Path(temporary))
            os.replace(temporary, _path(directory, store, version, date, kind))
        finally:
            Path(temporary).unlink(missing_ok=True)
        _prune(directory, kind)
    except OSError:
        return


def forget(kind: str, store: str, version: str, date: dt.date) -> None:
    """Remove a kept file that could not be read."""
    directory = cache_dir()
    if directory is not None:
        _path(directory, store, version, date, kind).unlink(missing_ok=True)


def save_bytes(kind: str, store: str, version: str, date: dt.date, data: bytes) -> None:
    """Keep bytes (atomically: readers see the whole file or none); failures only cost speed."""

    def write(path: Path) -> None:
        path.write_bytes(data)

    save_file(kind, store, version, date, write)


def load(store: str, version: str, date: dt.date) -> list[PartyState] | None:
    """The list kept for this store, version and date, or None (nothing kept, or unreadable)."""
    data = load_bytes(LIST, store, version, date)
    if data is None:
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
        forget(LIST, store, version, date)
        return None
    finally:
        if enabled:
            gc.enable()


def save(store: str, version: str, date: dt.date, parties: list[PartyState]) -> None:
    """Keep the list; failures only cost speed."""
    try:
        data = _MAGIC + pickle.dumps(parties, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    save_bytes(LIST, store, version, date, data)


def _prune(directory: Path, kind: str) -> None:
    """Keep the newest few files of a kind."""
    files = sorted(directory.glob(f"*.{kind}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEPT_FILES:]:
        old.unlink(missing_ok=True)
