"""The compiled matching core: present where the build compiled it, refused when stale."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from entitylist import compiled


def test_the_core_runs_compiled_where_required() -> None:
    import entitylist.screening

    if os.environ.get("ENTITYLIST_REQUIRE_COMPILED") != "1" and not compiled.extension_files():
        pytest.skip("installed as pure Python (ENTITYLIST_PURE_PYTHON=1 or no compiler)")
    assert set(compiled.extension_files()) == {*compiled.COMPILED_MODULES, *compiled.NATIVE_MODULES}
    assert not entitylist.screening.__file__.endswith(".py")  # type: ignore[union-attr]


def test_what_every_query_builds_is_built_natively() -> None:
    """A dataclass's or named tuple's generated ``__init__`` runs as interpreted Python even in
    compiled modules: the classes made per query and per candidate stay plain classes."""
    from entitylist.matching.index import TokenMatch, Unit
    from entitylist.matching.normalize import NormalizedName
    from entitylist.matching.score import Evidence, PreparedQuery, Scored
    from entitylist.matching.weights import default_weights
    from entitylist.scanning.mentions import Candidate, Judged, Mention, WordInfo
    from entitylist.scanning.tokens import Words

    if not compiled.extension_files():
        pytest.skip("installed as pure Python (ENTITYLIST_PURE_PYTHON=1 or no compiler)")
    per_query = (NormalizedName, Unit, TokenMatch, PreparedQuery, Evidence, Scored)
    per_scanned_text = (Words, WordInfo, Candidate, Judged, Mention)
    for made_per_query in (*per_query, *per_scanned_text):
        assert type(made_per_query.__init__).__name__ == "wrapper_descriptor", made_per_query  # type: ignore[misc]
    weights = default_weights()
    assert weights.phrase_starts is weights.phrase_starts  # worked out once, not per query


def test_a_compiled_module_older_than_its_source_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "src" / "entitylist"
    (package / "matching").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    extension = package / "matching" / "score.cpython-311-x86_64-linux-gnu.so"
    source = package / "matching" / "score.py"
    extension.write_bytes(b"")
    source.write_text("", encoding="utf-8")
    monkeypatch.setattr(compiled, "_PACKAGE", package)
    os.utime(extension, (1_000_000, 1_000_000))
    os.utime(source, (1_000_000, 1_000_000))
    assert compiled.stale_modules() == []
    compiled.check_fresh()
    os.utime(source, (1_000_100, 1_000_100))  # the source edited after the build
    assert compiled.stale_modules() == ["entitylist.matching.score"]
    with pytest.raises(ImportError, match="pip install -e"):
        compiled.check_fresh()
    (tmp_path / "pyproject.toml").unlink()  # an installed wheel: unpacking times say nothing
    assert compiled.stale_modules() == []


def test_a_compiled_module_is_refused_by_the_digest_of_its_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the build stamped the digests of the sources it compiled, a source edited since is
    refused whatever the files' times say (an edit made while a build ran, before it wrote its
    extension), and so is one the build saw edited while it read it (stamped "")."""
    package = tmp_path / "src" / "entitylist"
    (package / "matching").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    extension = package / "matching" / "score.cpython-311-x86_64-linux-gnu.so"
    source = package / "matching" / "score.py"
    source.write_text("x = 1\n", encoding="utf-8")
    extension.write_bytes(b"")
    monkeypatch.setattr(compiled, "_PACKAGE", package)
    compiled.write_stamp(compiled.source_digests(["entitylist.matching.score"], package), package)
    assert compiled.stale_modules() == []
    source.write_text("x = 2\n", encoding="utf-8")
    os.utime(source, (1_000_000, 1_000_000))  # (older than the extension: the times alone let it pass)
    assert compiled.stale_modules() == ["entitylist.matching.score"]
    source.write_text("x = 1\n", encoding="utf-8")  # the source compiled, back again
    assert compiled.stale_modules() == []
    compiled.write_stamp({"entitylist.matching.score": ""}, package)  # seen edited while compiled
    assert compiled.stale_modules() == ["entitylist.matching.score"]


SOURCES = Path(__file__).resolve().parent.parent / "src"
# Compiled with mypyc, a constant whose type is a tuple of fixed length (what ``X: Final = (...)``
# or a bare ``X = (...)`` infers) is kept unboxed, and every loop over it, or call that takes it,
# builds it again as a Python tuple with every pair inside: ``romanisation_key`` did so for 27
# pairs on each call. Typed ``tuple[..., ...]``, it stays one Python object.


def _of_any_length(type_: ast.expr, aliases: set[str]) -> bool:
    """Whether a type (inside ``Final[...]``) is a tuple of any length, or an alias of one."""
    if isinstance(type_, ast.Subscript) and ast.unparse(type_.value) in ("Final", "typing.Final"):
        type_ = type_.slice
    if isinstance(type_, ast.Name):
        return type_.id in aliases
    if isinstance(type_, ast.Subscript) and ast.unparse(type_.value) in ("tuple", "Tuple", "typing.Tuple"):
        items = type_.slice.elts if isinstance(type_.slice, ast.Tuple) else [type_.slice]
        return isinstance(items[-1], ast.Constant) and items[-1].value is Ellipsis
    return False


def _aliases_of_any_length(tree: ast.Module, aliases: set[str]) -> set[str]:
    """The module's type aliases of a tuple of any length, added to ``aliases``."""
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            if ast.unparse(node.annotation) == "TypeAlias" and _of_any_length(node.value, aliases):
                aliases.add(node.target.id)
    return aliases


def _fixed_tuple_constants(tree: ast.Module, known: frozenset[str] = frozenset()) -> set[str]:
    """Module-level names bound to a tuple literal without a type of any length (itself, or
    through a type alias of the module or ``known``, those of the other compiled modules, which
    it may import)."""
    aliases: set[str] = set(known)
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            if ast.unparse(node.annotation) == "TypeAlias" and _of_any_length(node.value, aliases):
                aliases.add(node.target.id)
            elif isinstance(node.value, ast.Tuple) and not _of_any_length(node.annotation, aliases):
                names.add(node.target.id)
    return names


def _boxing_uses(tree: ast.Module, names: set[str]) -> list[str]:
    """Uses inside functions that need the constant as a Python tuple: looped over, or passed
    (to anything but ``len``, which the compiled code knows)."""
    found: list[tuple[int, str]] = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            iterated = [node.iter] if isinstance(node, (ast.For, ast.comprehension)) else []
            passed = []
            if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id == "len"):
                passed = [*node.args, *(k.value for k in node.keywords)]
            for use in [*iterated, *passed]:
                if isinstance(use, ast.Name) and use.id in names:
                    found.append((use.lineno, f"{function.name}: {use.id} (line {use.lineno})"))
    return [use for _line, use in sorted(found)]


def test_iterated_constants_stay_python_tuples() -> None:
    trees = {
        module: ast.parse(SOURCES.joinpath(*module.split(".")).with_suffix(".py").read_text(encoding="utf-8"))
        for module in compiled.COMPILED_MODULES
    }
    known: set[str] = set()
    for tree in trees.values():
        _aliases_of_any_length(tree, known)
    offenders = []
    for module, tree in trees.items():
        offenders += [f"{module}.{use}" for use in _boxing_uses(tree, _fixed_tuple_constants(tree, frozenset(known)))]
    assert offenders == []


def test_the_check_finds_a_fixed_tuple_looped_over() -> None:
    tree = ast.parse(
        "Table: TypeAlias = tuple[tuple[str, str], ...]\n"
        "PAIRS: Final = (('a', 'b'), ('c', 'd'))\n"
        "KEPT: Final[tuple[tuple[str, str], ...]] = (('a', 'b'),)\n"
        "ALIASED: Final[Table] = (('a', 'b'),)\n"
        "NESTED: Final[tuple[tuple[str, ...], tuple[str, ...]]] = (('a',), ('b',))\n"
        "def f(t):\n    for a, b in PAIRS: t = t.replace(a, b)\n    for a, b in KEPT: pass\n"
        "    if len(PAIRS) > len(ALIASED): return [x for x in ALIASED] + [x for x in NESTED]\n"
        "    return t.endswith(PAIRS[0]) or t.endswith(PLAIN)\n"
        "PLAIN = ('x', 'y')\n"
    )
    found = _boxing_uses(tree, _fixed_tuple_constants(tree))
    assert found == ["f: PAIRS (line 7)", "f: NESTED (line 9)", "f: PLAIN (line 10)"]
