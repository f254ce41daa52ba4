"""The compiled matching core: present where the build compiled it, refused when stale."""

from __future__ import annotations

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
