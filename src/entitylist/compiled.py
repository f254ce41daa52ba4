"""The modules compiled with mypyc when the package is built, and a guard against stale builds.

The matching core runs on every name of a batch; compiled, it is about twice as fast. Document
scanning reads every word of a text through its tokens and mentions modules, compiled too; so are
the batch engine's reading, de-duplicating and writing of every row, which run in the parent
process beside the screening workers and take from them what they cost. The same
sources run as plain Python where no compiler was at hand (or with ``ENTITYLIST_PURE_PYTHON=1``
at install time). In a source checkout installed with ``pip install -e .`` the compiled modules
sit beside their sources and would keep running the old code after an edit, so importing the
package refuses a compiled module older than its source. ``setup.py`` reads this file before
the package exists, so it imports nothing of the package's own.
"""

from __future__ import annotations

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
_PACKAGE = Path(__file__).resolve().parent


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
    """Compiled modules whose source changed after they were built (source checkouts only:
    an installed wheel's files all carry the time they were unpacked)."""
    if not (_PACKAGE.parent.parent / "pyproject.toml").exists():
        return []
    stale = []
    for name, extension in extension_files().items():
        source = extension.with_name(extension.name.split(".")[0] + (".c" if name in NATIVE_MODULES else ".py"))
        if source.exists() and source.stat().st_mtime > extension.stat().st_mtime + 1:
            stale.append(name)
    return stale


def check_fresh() -> None:
    """Refuse to run compiled code older than its source."""
    stale = stale_modules()
    if stale:
        raise ImportError(
            f"{', '.join(stale)}: compiled before its source last changed; run `pip install -e .` again "
            "(or install with ENTITYLIST_PURE_PYTHON=1 to run the sources as they are)"
        )
