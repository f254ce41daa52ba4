"""The modules compiled with mypyc when the package is built, and a guard against stale builds.

The matching core runs on every name of a batch; compiled, it is about twice as fast. Document
scanning reads every word of a text through its tokens and mentions modules, compiled too; so are
the batch engine's reading, de-duplicating and writing of every row, which run in the parent
process beside the screening workers and take from them what they cost. The same
sources run as plain Python where no compiler was at hand (or with ``ENTITYLIST_PURE_PYTHON=1``
at install time). In a source checkout installed with ``pip install -e .`` the compiled modules
sit beside their sources and would keep running the old code after an edit, so importing the
package refuses a compiled module whose source is not the one it was compiled from: the build
writes a digest of each source as the compiler reads it (``SOURCE_STAMP``), and a source edited
while a build ran, after the compiler had read it, is caught too, which the files' times did not
tell (the extension written after the edit). Without a stamp (a build before it), a compiled
module older than its source is refused. ``setup.py`` reads this file before the package exists,
so it imports nothing of the package's own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

COMPILED_MODULES = (
    "entitylist.matching.memo",
    "entitylist.matching.vocabulary",
    "entitylist.matching.kinds",
    "entitylist.matching.evidence",
    "entitylist.matching.normalize",
    "entitylist.matching.weights",
    "entitylist.matching.wade_giles",
    "entitylist.matching.index",
    "entitylist.matching.score",
    "entitylist.matching.candidates",
    "entitylist.screening",
    "entitylist.scanning.vocabulary",
    "entitylist.scanning.tokens",
    "entitylist.scanning.mentions",
    "entitylist.batch.engine",
    "entitylist.batch.writers",
    "entitylist.batch.readers",
)
# written in C, each beside the pure-Python path it replaces (and falls back to where not compiled)
NATIVE_MODULES = (
    "entitylist.matching._gather", "entitylist.matching._typos", "entitylist.matching._letters", "entitylist.matching._spelling",
    "entitylist.batch._lines",
)
EXTENSION_SUFFIXES = (".so", ".pyd")
SOURCE_STAMP = "compiled_sources.json"  # beside this file: {module: "size:mtime_ns:sha256" of the source compiled}
_PACKAGE = Path(__file__).resolve().parent


def source_of(name: str, package: Path | None = None) -> Path:
    """The source file a compiled module is built from (its ``.py``, or its ``.c`` for a native one)."""
    relative = Path(*name.split(".")[1:])
    return (package or _PACKAGE) / relative.parent / (relative.name + (".c" if name in NATIVE_MODULES else ".py"))


def source_digests(names: Iterable[str], package: Path | None = None) -> dict[str, str]:
    """The sha256 of each module's source as it is now ("" where it is missing), with its size
    and modification time: "size:mtime_ns:sha256" (see ``_same_source``)."""
    found: dict[str, str] = {}
    for name in names:
        path = source_of(name, package)
        if path.exists():
            status = path.stat()
            found[name] = f"{status.st_size}:{status.st_mtime_ns}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
        else:
            found[name] = ""
    return found


def _same_source(name: str, stamped: str, package: Path) -> bool:
    """Whether a module's source is the one its stamp recorded: the same size and time, as most
    are (no need to read it), or else the same digest (a file touched or copied, not changed)."""
    path = source_of(name, package)
    if not stamped or not path.exists():
        return not stamped and not path.exists()
    parts = stamped.split(":", 2)
    if len(parts) != 3:
        return False  # (a stamp of another form: build again)
    size, mtime, digest = parts
    status = path.stat()
    if str(status.st_size) == size and str(status.st_mtime_ns) == mtime:
        return True
    return hashlib.sha256(path.read_bytes()).hexdigest() == digest


def write_stamp(digests: dict[str, str], package: Path | None = None) -> None:
    """Record the digests of the sources a build compiles (``setup.py``, as the compiler reads them)."""
    path = (package or _PACKAGE) / SOURCE_STAMP
    known = _read_stamp(path)
    known.update(digests)
    path.write_text(json.dumps(known, indent=0, sort_keys=True), encoding="utf-8")


def _read_stamp(path: Path) -> dict[str, str]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def extension_files() -> dict[str, Path]:
    """The compiled extension of each module that has one."""
    found: dict[str, Path] = {}
    for name in (*COMPILED_MODULES, *NATIVE_MODULES):
        relative = Path(*name.split(".")[1:])
        for candidate in (_PACKAGE / relative.parent).glob(f"{relative.name}.*"):
            if candidate.suffix in EXTENSION_SUFFIXES:
                found[name] = candidate
    return found


def stale_modules() -> list[str]:
    """Compiled modules whose source is not the one they were built from (source checkouts only:
    an installed wheel runs what it was built from): by the build's digests, or, where the build
    wrote none, by the files' times."""
    if not (_PACKAGE.parent.parent / "pyproject.toml").exists():
        return []
    extensions = extension_files()
    stamp = _read_stamp(_PACKAGE / SOURCE_STAMP)
    if stamp:
        return [name for name in extensions if source_of(name).exists() and not _same_source(name, stamp.get(name, ""), _PACKAGE)]
    stale = []
    for name, extension in extensions.items():
        source = source_of(name)
        if source.exists() and source.stat().st_mtime > extension.stat().st_mtime + 1:
            stale.append(name)
    return stale


def check_fresh() -> None:
    """Refuse to run compiled code older than its source."""
    stale = stale_modules()
    if stale:
        raise ImportError(
            f"{', '.join(stale)}: compiled from another version of its source; run `pip install -e .` again "
            "(or install with ENTITYLIST_PURE_PYTHON=1 to run the sources as they are)"
        )
