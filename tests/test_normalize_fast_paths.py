"""Normalisation's hand-written fast paths give what the patterns they stand for give: the runs
of initials joined letter by letter (``_initials_joined``), letters dropped through bytes
(``letters_dropped``), and the tests that skip a pattern or a Unicode normalisation where it
could change nothing."""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections.abc import Callable

import pytest

from entitylist.matching import normalize, vocabulary
from entitylist.matching.normalize import normalize_name

# what ``_initials_joined`` stands for
INITIALS = re.compile(r"\b(?:[a-z]\.){2,}|\b(?:[a-z]\.)+[a-z]\b(?!\.)")


def _by_pattern(text: str) -> str:
    return INITIALS.sub(lambda match: match.group(0).replace(".", ""), text)


@pytest.mark.parametrize(
    "text",
    [
        "s.r.l.", "co., ltd.", "s.p.a.", "a.s.", "b.v.", "x.y", "ab.c.d", "u.s.a. trading", "j. smith", "a.b", "a.b.",
        "a.b_c", ".a.b.", "r.i.a novosti", "s.a", "s.a.", "n.v.", "1.a.b.", "é.a.b", "a.é.b", "a.b.c.d.e", "", ".", "a.",
        "a.b.1", "a.b.é",
    ],
)
def test_initials_are_joined_as_the_pattern_joins_them(text: str) -> None:
    assert normalize._initials_joined(text) == _by_pattern(text)


def test_initials_are_joined_as_the_pattern_joins_them_in_any_text() -> None:
    rng = random.Random(7)
    # (letters it joins and others, dots, digits, an underscore and non-ASCII letters and digits, which are word characters)
    for alphabet in ("ab.z._1é-ñ. x.Q", "ab.. ", "a.", "ab._ .é\u0660"):
        for _ in range(20_000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
            assert normalize._initials_joined(text) == _by_pattern(text), text


def test_the_pattern_joined_initials_in_the_name_and_the_fast_path_does_so_too() -> None:
    # (a change to the pattern without the function would be caught here: they must be one)
    assert normalize._INITIALS.pattern == INITIALS.pattern
    assert normalize_name("Vneshtorgbank S.P.A.").tokens == normalize_name("Vneshtorgbank SPA").tokens
    assert normalize_name("R.I.A Novosti").tokens[:1] == ("ria",)


def test_an_ascii_name_is_its_own_nfkc_form() -> None:
    # (normalising skips NFKC for ASCII text: every ASCII character is its own NFKC form)
    text = "".join(chr(c) for c in range(128))
    assert unicodedata.normalize("NFKC", text) == text
    # (and lowers it rather than casefolding it: the same for every ASCII character)
    assert text.lower() == text.casefold()


@pytest.mark.parametrize("name", ["John A. Smith", "Maria E. Lopez", "Y. Tanaka", "S.A. Holdings", "Kim Y.", "a.s."])
def test_a_one_letter_stopword_initial_needs_its_dot(name: str) -> None:
    # (the pattern is only asked where a letter it matches stands before a dot)
    text = name.casefold()
    found = normalize._STOPWORD_INITIAL.findall(text)
    assert bool(found) <= any(f"{letter}." in text for letter in "aey")


def test_legal_forms_are_found_as_rigour_finds_them() -> None:
    # (normalising calls rigour's compiled function directly where it can: the same forms as the public one)
    from rigour.names import extract_org_types

    from tests.counterparties import company_name

    rng = random.Random(3)
    texts = [" ".join(company_name(rng).casefold().replace(".", " ").replace(",", " ").split()) for _ in range(3000)]
    texts += ["s a", "co ltd", "gmbh", "", "ooo romashka", "kabushiki kaisha toyota", "sa'd", "李 有限公司"]
    for text in texts:
        assert normalize.org_types(text) == extract_org_types(text, generic=True), text
    assert sum(1 for text in texts if normalize.org_types(text)) > 1000


@pytest.mark.parametrize("letters", [normalize.SKELETON_DROPS, b"aeiou", b"", b"a"])
def test_letters_are_dropped_as_str_translate_drops_them(letters: bytes) -> None:
    """ASCII words (the fast path) and texts with other characters (``str.translate`` itself) alike."""
    table = str.maketrans("", "", letters.decode("ascii"))
    rng = random.Random(len(letters))
    for alphabet in ("aeiouwybcdkqz", "abcdefghijklmnopqrstuvwxyz0123456789 -", "aéeıoöuüwyçç\u0627\u064a\u200c"):
        for _ in range(5_000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
            assert normalize.letters_dropped(text, letters) == text.translate(table), repr(text)
    assert normalize.letters_dropped("mohammed", normalize.SKELETON_DROPS) == "mhmmd"
    assert normalize.skeleton("mohammed") == "mhmd" and normalize.skeleton("müller") == "mülr"


def test_an_ascii_name_is_asked_by_its_shape_what_the_pattern_and_the_scan_answer() -> None:
    """Where an ASCII name may have a legal form glued on (``_GLUED_START``) and whether it is
    printable, both read from its shape: for every pair of ASCII characters and random texts."""
    def answers(text: str) -> tuple[bool, bool]:
        return normalize._GLUED_START.search(text) is not None, not text.isprintable()

    def by_shape(text: str) -> tuple[bool, bool]:
        shape = normalize._ascii_shape(text)
        return "aA" in shape, "c" in shape

    ascii_characters = [chr(c) for c in range(128)]
    for one in ascii_characters:
        for other in ascii_characters:
            assert by_shape(one + other) == answers(one + other), repr(one + other)
    rng = random.Random(11)
    alphabet = "abzAGLICPJSBNQXZ09 .,-\t\x00\x1f\x7f"
    glued = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert by_shape(text) == answers(text), repr(text)
        glued += answers(text)[0]
    assert glued > 1000
    assert normalize_name("WhiteFoodsAG").legal_forms == normalize_name("WhiteFoods AG").legal_forms != frozenset()


def _prefilter_checker(
    pattern: re.Pattern[str], may: Callable[[str], bool], short: str, size: int, alphabet: str, count: int, seed: int,
) -> Callable[[str], bool]:
    """A check that ``may`` (a test that stands before ``pattern``) says yes wherever the pattern
    finds a match, run on every text of up to ``size`` characters of ``short`` and ``count``
    random texts of ``alphabet``; returned for the caller's own texts, giving ``may``'s answer."""
    def check(text: str) -> bool:
        answer = may(text)
        assert answer or pattern.search(text) is None, repr(text)
        return answer

    for length in range(size + 1):
        for letters in itertools.product(short, repeat=length):
            check("".join(letters))
    rng = random.Random(seed)
    for _ in range(count):
        check("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))))
    return check


def test_a_stopword_initial_is_looked_for_wherever_the_pattern_finds_one() -> None:
    """``_may_have_stopword_initial`` says yes wherever ``_STOPWORD_INITIAL`` finds a match, and no
    for the "a." of "s.a.": every text of up to four characters over those that matter, and random ones."""
    check = _prefilter_checker(
        normalize._STOPWORD_INITIAL, normalize._may_have_stopword_initial, "aey.b é-", 4, "aeyzb. ,é0-", 20_000, 5,
    )
    assert not check("acme s.a.") and not check("s.p.a.") and check("john a. smith") and check("a. b. trading")


def test_a_spaced_name_without_its_forms_is_its_words_joined_again() -> None:
    """A spaced name (its words between single spaces) with its legal forms cut out is what
    splitting and joining its words again gives, which ``_strip_legal_forms`` no longer does for a
    name whose words it is given: forms at its start, inside, at its end, twice, and all of it."""
    from tests.counterparties import FORMS, company_name

    rng = random.Random(9)
    names = [company_name(rng) for _ in range(3_000)]
    names += [f"{rng.choice(FORMS)} {name} {rng.choice(FORMS)}" for name in names[:500]]
    names += ["ooo romashka", "pt bank negara indonesia tbk", "llc llc", "co ltd", "ltd", "golden llc star llc", "s a"]
    for name in names:
        text = " ".join(normalize._SEPARATORS.sub(" ", name.lower()).split())
        if not text:
            continue
        by_words: set[str] = set()
        by_split: set[str] = set()
        assert normalize._strip_legal_forms(text, by_words, spaced=True, words=text.split()) == (
            normalize._strip_legal_forms(text, by_split, spaced=True)
        ), name
        assert by_words == by_split


def test_an_assimilated_article_is_looked_for_wherever_the_pattern_finds_one() -> None:
    """``_may_hold_assimilated_article`` says yes wherever ``_ASSIMILATED_ARTICLE`` finds a match,
    and no for a hyphen after a vowel or a digit, or after a consonant the next word does not
    begin with: every text of up to five characters over those that matter, random ones, and names."""
    check = _prefilter_checker(
        normalize._ASSIMILATED_ARTICLE, normalize._may_hold_assimilated_article, "audhs- 9", 5, "aeuthdrzsnk- 1é", 30_000, 11,
    )
    assert check("ad-dagestani") and check("zia ud din") and check("mati-ur rehman") and check("ash-shami")
    assert check("abu bakr at-tahir") and check("nasir uddin uth thani")
    assert not check("elena garcia-96155") and not check("-al") and not check("sino-korea") and not check("us steel")
    assert not check("abd-al-amir") and not check("smith-jones") and not check("ush baker") and not check("ad-")


def test_an_ascii_texts_letter_runs_are_those_the_pattern_finds() -> None:
    """``_letter_runs`` of an ASCII text (through bytes) and of any other (the pattern) are
    ``_LETTER_RUN.findall``: every ASCII character, random texts, and non-ASCII letters and digits."""
    every = "".join(chr(c) for c in range(128))
    assert normalize._letter_runs(every, True) == normalize._LETTER_RUN.findall(every)
    rng = random.Random(13)
    for _ in range(20_000):
        text = "".join(rng.choice("ab-Z_ 9.\t'\x1c") for _ in range(rng.randint(0, 14)))
        assert normalize._letter_runs(text, True) == normalize._LETTER_RUN.findall(text), repr(text)
        other = text + rng.choice("éñ٠ß")
        assert normalize._letter_runs(other, False) == normalize._LETTER_RUN.findall(other), repr(other)
    assert normalize_name("Moon Jae-in").tokens == ("moon", "jae", "in")


def _rewritten_as_defined(text: str, rules: tuple[tuple[str, str], ...], once: bool) -> str:
    for spelling, sound in rules:
        text = text.replace(spelling, sound)
    return re.sub(r"(.)\1+", r"\1", text) if once else text


def test_words_are_rewritten_and_dropped_as_their_definitions_read() -> None:
    """``rewritten``, ``written_once``, ``letters_dropped`` and ``skeleton`` (in C for an ASCII
    text, where compiled) give what ``str.replace`` in turn, the pattern of a run, and
    ``str.translate`` give: random texts over letters the rules rewrite (rules that lengthen,
    shorten, overlap and repeat), line feeds, and texts that are not ASCII (the Python path)."""
    rng = random.Random(19)
    alphabet = "abcdhksy\n-é"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        rules = tuple(
            ("".join(rng.choice("abcdhk") for _ in range(rng.randint(1, 3))), "".join(rng.choice("abcdhkx") for _ in range(rng.randint(0, 4))))
            for _ in range(rng.randint(0, 6))
        )
        once = rng.random() < 0.5
        assert normalize.rewritten(text, rules, once) == _rewritten_as_defined(text, rules, once), (text, rules, once)
        assert normalize.written_once(text) == _rewritten_as_defined(text, (), True), text
        letters = bytes(rng.sample(b"abcdhky", rng.randint(0, 4)))
        assert normalize.letters_dropped(text, letters) == text.translate(str.maketrans("", "", letters.decode())), (text, letters)
        assert normalize.letters_dropped(text, letters, once=True) == _rewritten_as_defined(
            text.translate(str.maketrans("", "", letters.decode())), (), True,
        ), (text, letters)
        assert normalize.skeleton(text) == _rewritten_as_defined(text.translate(str.maketrans("", "", "aeiouwy")), (), True)


def test_the_compiled_rewriting_leaves_to_python_what_it_does_not_read() -> None:
    """``_letters.c`` answers None for a text that is not ASCII, a rule that is not, and an empty
    spelling (each then rewritten in Python), and refuses what is not a text or its rules."""
    _letters = pytest.importorskip("entitylist.matching._letters")
    assert _letters.rewritten("aé", (("a", "b"),), False) is None
    assert _letters.rewritten("ab", (("a", "é"),), False) is None
    assert _letters.rewritten("ab", (("", "x"),), False) is None
    assert _letters.dropped("aé", b"a", False) is None
    assert _letters.rewritten("kuznetsoff", (("ts", "c"), ("ff", "v")), True) == "kuznecov"
    assert _letters.rewritten("aaa", (("aa", "b"),), False) == "ba"  # (left to right, no overlaps)
    assert _letters.rewritten("ab" * 40, (("a", "xyz"), ("b", "vwxyz")), False) == "xyzvwxyz" * 40  # (it grows)
    assert _letters.dropped("moussa", b"aeiou", True) == "ms"
    word = "musa"
    assert _letters.rewritten(word, (), True) is word  # (a text it leaves as it is, itself)
    for wrong in [(b"ab", (), False), ("ab", [("a", "b")], False), ("ab", (("a",),), False), ("ab", ((1, "b"),), False)]:
        with pytest.raises(TypeError):
            _letters.rewritten(*wrong)
    with pytest.raises(TypeError):
        _letters.dropped("ab", "a", False)


def _runs_as_defined(text: str, table: bytes) -> list[str]:
    return text.encode("ascii").translate(table).decode("ascii").split()


def test_a_text_is_split_into_runs_as_translating_and_splitting_splits_it() -> None:
    """``ascii_runs`` (``_letters.runs`` where compiled) gives the words ``bytes.translate`` and
    ``str.split`` give: with the tables normalising splits by (words of letters and digits, runs
    of letters) and random ones that write bytes as other bytes and as every character
    ``str.split`` splits at, over every ASCII character."""
    tables = [normalize._ASCII_SEPARATORS, normalize._ASCII_NON_LETTERS]
    rng = random.Random(23)
    for _ in range(20):  # (each byte written as itself, another ASCII byte, or a character split at)
        tables.append(bytes(rng.choice([c, rng.randrange(128), rng.choice(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ")]) for c in range(256)))
    characters = [chr(c) for c in range(128)]
    for table in tables:
        for _ in range(3_000):
            text = "".join(rng.choice(characters) for _ in range(rng.randint(0, 16)))
            assert normalize.ascii_runs(text, table) == _runs_as_defined(text, table), (text, table)
    for text in ["", " ", "a", "  co., ltd. (hk) 12-b  ", "x\x1fy", "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"]:
        for table in tables[:2]:
            assert normalize.ascii_runs(text, table) == _runs_as_defined(text, table), repr(text)


def test_the_compiled_splitting_leaves_to_python_what_it_does_not_read() -> None:
    """``_letters.runs`` answers None for a text that is not ASCII and for a table that writes a
    byte beyond ASCII (Python's decoding then refuses it, as it did), and refuses a table that is
    not 256 bytes and what is not a text."""
    _letters = pytest.importorskip("entitylist.matching._letters")
    table = normalize._ASCII_SEPARATORS
    assert _letters.runs("café", table) is None
    beyond = bytes(200 if c == ord("a") else c for c in range(256))
    assert _letters.runs("abc", beyond) is None
    with pytest.raises(UnicodeDecodeError):
        normalize.ascii_runs("abc", beyond)
    assert _letters.runs("bcd", beyond) == ["bcd"]  # (no byte of this text is written beyond ASCII)
    with pytest.raises(ValueError):
        _letters.runs("ab", table[:255])
    for wrong in [(b"ab", table), ("ab", "x" * 256), ("ab",), ("ab", table, table)]:
        with pytest.raises(TypeError):
            _letters.runs(*wrong)


def _marks_as_defined(text: str) -> int:
    """``normalize.text_marks`` as each bit is defined: the shape's two of an ASCII text, then
    the substring searches and ``_may_have_initials`` normalising asked one by one of the text
    lowercased (an ASCII capital as its small letter)."""
    lowered = "".join(c.lower() if c.isascii() else c for c in text)
    questions = []
    if text.isascii():
        shape = normalize._ascii_shape(text)
        questions += [(normalize.MARK_GLUED_START, "aA" in shape), (normalize.MARK_CONTROL, "c" in shape)]
    questions += [
        (normalize.MARK_APOSTROPHE, "'" in text or "`" in text),
        (normalize.MARK_HYPHEN, "-" in text),
        (normalize.MARK_STOPWORD_INITIAL, "a." in lowered or "e." in lowered or "y." in lowered),
        (normalize.MARK_DOTTED_INITIALS, normalize._may_have_initials(lowered)),
        (normalize.MARK_AMPERSAND, "&" in text),
        (normalize.MARK_SPACE_U, " u" in lowered),
    ]
    return sum(bit for bit, asked in questions if asked)


def test_a_text_is_marked_as_each_question_answers() -> None:
    """``text_marks`` (``_letters.marks`` where compiled and the text is ASCII) gives each bit its
    question gives: every text of one to three characters of those the questions read, every
    pair of ASCII characters, random texts of both, and texts that are not ASCII."""
    asked = "aeyuAEYUGLZ.'`-& 0_\x00\x7f"
    for length in range(1, 4):
        for letters in itertools.product(asked, repeat=length):
            text = "".join(letters)
            assert normalize.text_marks(text) == _marks_as_defined(text), repr(text)
    characters = [chr(c) for c in range(128)]
    for one in characters:
        for other in characters:
            assert normalize.text_marks(one + other) == _marks_as_defined(one + other), repr(one + other)
    rng = random.Random(31)
    seen = 0
    for _ in range(20_000):
        text = "".join(rng.choice(asked + "bcz9,") for _ in range(rng.randint(0, 14)))
        marks = normalize.text_marks(text)
        assert marks == _marks_as_defined(text), repr(text)
        seen |= marks
    assert seen == 255  # (every bit set by some text)
    for text in ["café a. b", "s.a. – x", "jean-luc d'arc & co", "ü u", "ʼa.\x00", "Ü U", "JOHN A. SMITH"]:
        assert normalize.text_marks(text) == _marks_as_defined(text), repr(text)
    # (so a name as given is asked once for its text lowercased as well: the shape's bits aside)
    shape_bits = normalize.MARK_GLUED_START | normalize.MARK_CONTROL
    for _ in range(5_000):
        text = "".join(rng.choice(characters) for _ in range(rng.randint(0, 14)))
        assert normalize.text_marks(text) & ~shape_bits == normalize.text_marks(text.lower()) & ~shape_bits, repr(text)


def test_words_are_split_joined_and_their_kinds_asked_as_one_by_one() -> None:
    """``ascii_words`` (``_letters.words`` where compiled) gives the runs ``ascii_runs`` gives,
    those joined by single spaces, and the kinds' bits ``_kinds_of`` gives, with the normalising
    vocabularies' kinds and random ones."""
    rng = random.Random(37)
    table = normalize._ASCII_SEPARATORS
    vocabularies = normalize._words().kinds
    characters = "abcdefg hij.-,\t09&"
    made_up = {"".join(rng.choice("abcdefg") for _ in range(rng.randint(1, 3))): 1 << rng.randrange(40) for _ in range(200)}
    for kinds in [vocabularies, made_up, {}]:
        for _ in range(5_000):
            text = "".join(rng.choice(characters) for _ in range(rng.randint(0, 20)))
            words = normalize.ascii_runs(text, table)
            assert normalize.ascii_words(text, table, kinds) == (words, " ".join(words), normalize._kinds_of(words, kinds)), text
    assert normalize.ascii_words("  the  bank of   x ", table, vocabularies)[1] == "the bank of x"
    assert normalize.ascii_words("the bank", table, vocabularies)[2] == vocabularies["the"] | vocabularies.get("bank", 0) != 0


def test_the_compiled_words_and_marks_leave_to_python_what_they_do_not_read() -> None:
    """``_letters.words`` and ``_letters.marks`` answer None for a text that is not ASCII (and
    ``words`` for a table writing beyond it), and refuse wrong arguments and a kind that is no int."""
    _letters = pytest.importorskip("entitylist.matching._letters")
    table = normalize._ASCII_SEPARATORS
    assert _letters.words("café", table, {}) is None
    assert _letters.words("abc", bytes(200 if c == ord("a") else c for c in range(256)), {}) is None
    assert _letters.marks("café", normalize._ASCII_SHAPES) is None
    assert _letters.words("", table, {}) == ([], "", 0)
    assert _letters.marks("", normalize._ASCII_SHAPES) == 0
    with pytest.raises(TypeError):
        _letters.words("ab", table, {"ab": "no int"})
    assert _letters.words("ab", table, {"ab": 1 << 80}) is None  # (beyond a C long: Python's way)
    assert normalize.ascii_words("ab", table, {"ab": 1 << 80}) == (["ab"], "ab", 1 << 80)
    for wrong in [("ab", table), ("ab", table, []), (b"ab", table, {}), ("ab", "x" * 256, {})]:
        with pytest.raises(TypeError):
            _letters.words(*wrong)
    with pytest.raises(ValueError):
        _letters.words("ab", table[:255], {})
    for wrong_marks in [("ab",), ("ab", table[:255]), (b"ab", table), ("ab", "x" * 256)]:
        with pytest.raises(TypeError):
            _letters.marks(*wrong_marks)


def test_initials_are_the_words_first_letters_joined() -> None:
    """``initials_of`` (``_letters.initials`` where compiled) gives ``"".join(word[0] for word in
    words)`` for tuples and lists of words in every script, and the same IndexError for an empty word."""
    rng = random.Random(41)
    letters = "abcXYZ9-éßĳЖжمحمد中文𝒜😀"
    for _ in range(5_000):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 6))]
        expected = "".join(word[0] for word in words)
        assert vocabulary.initials_of(words) == expected == vocabulary.initials_of(tuple(words)), words
    with pytest.raises(IndexError):
        vocabulary.initials_of(("ab", ""))
    _letters = pytest.importorskip("entitylist.matching._letters")
    assert _letters.initials(("ab", "")) is None
    for wrong in ["ab", ("a", 1), None]:
        with pytest.raises(TypeError):
            _letters.initials(wrong)


def _cut_as_defined(text: str, form: str) -> str:
    padded = f" {form} "
    while padded in text:
        text = text.replace(padded, " ")
    return text


def test_a_form_is_cut_out_as_replacing_it_until_none_is_left_cuts_it() -> None:
    """``form_cut`` (``_letters.cut`` where compiled) gives what replacing the form between two
    spaces with one space, until none is left, gives: texts of words that repeat, run into each
    other and overlap the form ("co co ltd ltd" / "co ltd", "a a a" / "a a"), and forms of one to
    three words."""
    rng = random.Random(43)
    words = ["a", "co", "ltd", "co ltd", "x", "aa", "ltdx"]
    forms = ["a", "co", "ltd", "co ltd", "a a", "ltd ltd", "co a co", "x"]
    for _ in range(20_000):
        spaced = " " + " ".join(rng.choice(words) for _ in range(rng.randint(0, 8))) + " "
        for form in rng.sample(forms, 2):
            assert normalize.form_cut(spaced, form) == _cut_as_defined(spaced, form), (spaced, form)
    assert normalize.form_cut(" a co co ltd ltd b ", "co ltd") == " a b "
    assert normalize.form_cut(" ltd ltd ltd ", "ltd") == " "
    assert normalize.form_cut(" ltdx xltd ", "ltd") == " ltdx xltd "
    assert normalize.form_cut(" société sa ", "sa") == " société "  # (not ASCII: Python's own way)
    _letters = pytest.importorskip("entitylist.matching._letters")
    assert _letters.cut(" société sa ", "sa") is None and _letters.cut(" a ", "") is None
    text = " a b "
    assert _letters.cut(text, "c") is text  # (a text with no such form: itself)
    for wrong in [(" a ",), (" a ", b"a"), (b" a ", "a")]:
        with pytest.raises(TypeError):
            _letters.cut(*wrong)
