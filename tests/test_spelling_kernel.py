"""Two words' spelling similarity through rapidfuzz's C interface (``matching/_spelling.c``) is
rapidfuzz's ``DamerauLevenshtein.normalized_similarity`` called from Python, to the bit: for
words of every string width, at every cutoff matching uses, and at the cutoffs where rapidfuzz's
own rounding decides (a similarity equal to its cutoff, or a step of a double either side)."""

from __future__ import annotations

import math
import random

import pytest
from rapidfuzz.distance import DamerauLevenshtein

from entitylist.matching import index

reference = DamerauLevenshtein.normalized_similarity
ALPHABETS = ("abcde", "abcdefghijklmnopqrstuvwxyz", "aéüß", "aЖя", "a中文字", "a😀𝔸", "ab\x00")


def _cutoffs(raw: float, rng: random.Random) -> list[float]:
    near = (raw, math.nextafter(raw, 0.0), math.nextafter(raw, 2.0), raw - 1e-7, raw + 1e-7, raw - 9e-7, raw + 9e-7, raw - 2e-6)
    return [min(1.0, max(0.0, c)) for c in (0.0, 0.5, 0.6, 0.74, 0.8, 1.0, rng.random(), *near)]


def test_the_compiled_similarity_is_rapidfuzz_s_to_the_bit() -> None:
    spelling = pytest.importorskip("entitylist.matching._spelling")
    assert spelling.bind(reference)
    rng = random.Random(5)
    compared = 0
    for _ in range(20_000):
        letters = rng.choice(ALPHABETS) + rng.choice(ALPHABETS)
        first = "".join(rng.choice(letters) for _ in range(rng.randint(0, 14)))
        second = "".join(rng.choice(letters) for _ in range(rng.randint(0, 14)))
        for cutoff in _cutoffs(reference(first, second), rng):
            got = spelling.similarity(first, second, cutoff)
            assert type(got) is float
            assert got == reference(first, second, score_cutoff=cutoff), (first, second, cutoff)
            compared += 1
    # one word against itself with edits: every similarity a length up to 300 gives, at its own value
    for length in range(1, 300):
        for edits in range(0, length + 1, max(1, length // 20)):
            first, second = "a" * length, "a" * (length - edits) + "b" * edits
            for cutoff in _cutoffs(reference(first, second), rng):
                assert spelling.similarity(first, second, cutoff) == reference(first, second, score_cutoff=cutoff)
                compared += 1
    assert compared > 300_000


def test_rapidfuzz_turns_away_a_similarity_at_its_cutoff_and_so_does_the_compiled_call() -> None:
    """(Why the compiled call asks rapidfuzz near the cutoff: five letters one edit apart are 0.8
    alike, and 0.0 at a cutoff of 0.8. The call follows rapidfuzz either way; the scores rest on
    that rounding, so a rapidfuzz that rounds otherwise fails here, to be looked at.)"""
    spelling = pytest.importorskip("entitylist.matching._spelling")
    assert spelling.bind(reference)
    for first, second in [("abcde", "abcdx"), ("kadafi", "gadafi"), ("ivanova", "ivanov")]:
        raw = reference(first, second)
        assert spelling.similarity(first, second, raw) == reference(first, second, score_cutoff=raw)
        assert spelling.similarity(first, second, 0.0) == raw
    assert reference("abcde", "abcdx", score_cutoff=0.8) == 0.0  # (rapidfuzz as installed)
    assert spelling.similarity("abcde", "abcdx", 0.8) == 0.0


def test_the_compiled_call_refuses_what_rapidfuzz_refuses() -> None:
    spelling = pytest.importorskip("entitylist.matching._spelling")
    assert spelling.bind(reference)
    assert not spelling.bind(len)  # (one function is bound: no other)
    for cutoff in (-0.1, 1.5, -math.inf):
        with pytest.raises(TypeError):
            reference("abc", "abd", score_cutoff=cutoff)
        with pytest.raises(TypeError):
            spelling.similarity("abc", "abd", cutoff)
    for first, second in [("abc", "abd"), ("abc", "abc"), ("", "")]:  # (a NaN cutoff rapidfuzz answers: asked of it)
        assert spelling.similarity(first, second, math.nan) == reference(first, second, score_cutoff=math.nan)
    with pytest.raises(TypeError):
        spelling.similarity("abc", b"abd", 0.5)
    with pytest.raises(TypeError):
        spelling.similarity("abc", "abd")
    with pytest.raises(TypeError):
        spelling.similarity("abc", "abd", "0.5")


def test_a_function_without_rapidfuzz_s_interface_as_known_is_not_bound() -> None:
    spelling = pytest.importorskip("entitylist.matching._spelling")
    # (in a fresh process nothing is bound yet: bind refuses a function with no scorer capsule, or
    # with the capsule of another version of rapidfuzz's interface; the caller then calls rapidfuzz)
    import subprocess
    import sys

    code = (
        "import ctypes\n"
        "from entitylist.matching import _spelling\n"
        "capsule = ctypes.pythonapi.PyCapsule_New\n"
        "capsule.restype, capsule.argtypes = ctypes.py_object, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]\n"
        "def function(first, second, score_cutoff=0.0):\n    return 0.0\n"
        "print(_spelling.bind(len), _spelling.bind(function))\n"
        # (a scorer of another version of the interface, and one of this version without its functions)
        "other = (ctypes.c_uint64 * 5)(99, 1, 1, 1, 1)\n"
        "function._RF_Scorer = capsule(ctypes.addressof(other), None, None)\n"
        "print(_spelling.bind(function))\n"
        "empty = (ctypes.c_uint64 * 5)(3, 0, 0, 0, 0)\n"
        "function._RF_Scorer = capsule(ctypes.addressof(empty), None, None)\n"
        "print(_spelling.bind(function))\n"
        "try:\n    _spelling.similarity('a', 'b', 0.0)\nexcept RuntimeError:\n    print('unbound')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False", "False", "False", "unbound"]
    assert spelling is not None


def test_matching_s_spelling_similarity_is_rapidfuzz_s_either_way() -> None:
    rng = random.Random(9)
    words = ["".join(rng.choice("aeioubdgkmnrst") for _ in range(rng.randint(1, 12))) for _ in range(3_000)]
    for first, second in zip(words, reversed(words)):
        for cutoff in (0.0, 0.74, 0.8, reference(first, second)):
            expected = reference(first, second, score_cutoff=cutoff)
            assert index._spelling_similarity(first, second, cutoff) == expected
            assert index._python_spelling_similarity(first, second, cutoff) == expected
