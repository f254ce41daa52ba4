"""Builds the package; compiles the matching core with mypyc where a C compiler is at hand.

The modules compiled are listed in ``src/entitylist/compiled.py``. ``ENTITYLIST_PURE_PYTHON=1``
skips compiling; a failed compile leaves the package pure Python, with a warning.
"""

from __future__ import annotations

import os
import runpy
import sys
import warnings
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).parent
BUILDS = {"bdist_wheel", "editable_wheel", "build_ext", "build", "develop", "install"}


class OptionalBuildExt(build_ext):
    """Compiles the extensions, or, when the compiler fails, leaves none half built."""

    def run(self) -> None:
        compiled = runpy.run_path(str(HERE / "src" / "entitylist" / "compiled.py"))
        native = compiled["NATIVE_MODULES"]
        compiled["write_stamp"](compiled["source_digests"](native))  # (the C sources, as the compiler now reads them)
        try:
            super().run()
        except Exception as error:  # noqa: BLE001 - any compiler failure means: stay pure Python
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            self.extensions = []
            warnings.warn(f"entitylist: compiling the matching core failed ({error}); installing pure Python", stacklevel=1)
            return
        if self.inplace:
            remove_stale_extensions({Path(output).name for output in self.get_outputs()})


def remove_stale_extensions(built: set[str]) -> None:
    """Remove the compiled files an earlier in-place build (``pip install -e .``) left in ``src``
    that this build did not make: mypyc's shared library is named by a hash of the modules it
    compiles, so a changed list leaves the old one beside the new, and a module taken off the
    list would keep running its old compiled code in place of its source."""
    for extension in (HERE / "src").rglob("*"):
        if extension.suffix in (".so", ".pyd") and extension.name not in built:
            extension.unlink()


def ext_modules() -> list[Any]:
    if not BUILDS.intersection(sys.argv):
        return []  # metadata alone needs no compiling
    compiled = runpy.run_path(str(HERE / "src" / "entitylist" / "compiled.py"))
    stamp = HERE / "src" / "entitylist" / compiled["SOURCE_STAMP"]
    if os.environ.get("ENTITYLIST_PURE_PYTHON"):
        # an earlier editable build's extensions would shadow the sources: remove them
        for extension in [*compiled["extension_files"]().values(), *(HERE / "src").glob("*__mypyc.*")]:
            extension.unlink()
        stamp.unlink(missing_ok=True)
        return []
    from mypyc.build import mypycify

    paths = [str(Path("src", *name.split(".")).with_suffix(".py")) for name in compiled["COMPILED_MODULES"]]
    # The build environment has mypy but not the package's dependencies: what they define is
    # taken as Any here (`python -m mypy`, with them installed, checks the types strictly).
    options = ["--config-file", os.devnull, "--ignore-missing-imports", "--follow-imports=silent"]
    # the modules written in C (each falls back to a pure-Python path of its own)
    native = [Extension(name, [str(Path("src", *name.split(".")).with_suffix(".c"))]) for name in compiled["NATIVE_MODULES"]]
    # the digest of each source as mypyc reads it; a source edited while it does is marked as
    # never compiled, so that importing the package asks for another build
    names = compiled["COMPILED_MODULES"]
    before = compiled["source_digests"](names)
    try:
        translated = mypycify([*options, *paths], opt_level="3")
        after = compiled["source_digests"](names)
        compiled["write_stamp"]({name: digest if after[name] == digest else "" for name, digest in before.items()})
        return [*translated, *native]
    except (Exception, SystemExit) as error:  # noqa: BLE001 - mypyc could not translate: stay pure Python
        warnings.warn(f"entitylist: mypyc failed ({error}); installing pure Python", stacklevel=1)
        return []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
