/* A word's letters in C: asked (``str.isalpha``), dropped, rewritten, split and marked, an ASCII
   word by its bytes. Matching asks these of every word of every name, most of them many times over, and of
   every new word it meets; each is a loop over a few letters that compiled Python makes into
   method calls through the interpreter, a new string for each step, and a call per letter.

   letters_only(word) -> bool
       word.isalpha(): True for a word of one or more letters, and nothing else. ``str.isalpha``
       asks the Unicode database of each character in turn (about 20 instructions a letter); an
       ASCII word (almost every word, once transliterated) is a letter for each byte between 'a'
       and 'z' or 'A' and 'Z'. Any other word is asked as ``str.isalpha`` asks it, character by
       character.

   dropped(text, letters, once) -> str | None
       An ASCII text without the bytes ``letters`` (``text.translate(str.maketrans("", "",
       letters))``), and with ``once``, each run of one character but a line feed written once
       (``normalize.written_once``); None for a text that is not ASCII, which the caller works out
       in Python.

   rewritten(text, rules, once) -> str | None
       An ASCII text with each rule (spelling, sound) of ``rules`` applied in turn as
       ``text.replace(spelling, sound)`` applies it (left to right, occurrences that do not
       overlap), then, with ``once``, each run written once as above; None for a text, or a rule,
       that is not ASCII, or an empty spelling, which the caller works out in Python.

   runs(text, table) -> list[str] | None
       The words of an ASCII text once ``table`` (256 bytes, as ``bytes.translate`` takes) has
       translated its bytes: ``text.encode("ascii").translate(table).decode("ascii").split()``,
       the runs of bytes the table does not make whitespace, each as the table writes it, without
       the three new texts and the scan of each step (normalising splits every name so); None
       for a text that is not ASCII, or a table that writes a byte beyond ASCII.

   words(text, table, kinds) -> tuple[list[str], str, int] | None
       ``runs(text, table)``, those words joined by single spaces, and the bits ``kinds`` (a dict
       of int by word) holds for any of them, or-ed: what normalising makes of every name's text
       next (``" ".join`` and ``normalize._kinds_of``), in the same call; None as ``runs``, and
       for a kind beyond a C long.

   marks(text, shapes) -> int | None
       What normalising asks of an ASCII text, a bit for each question (``normalize.MARK_*``): a
       small letter then a capital that begins a glued legal form ("aA" in the text translated by
       ``shapes``), a control character ("c" so translated), an apostrophe or backtick, a hyphen,
       "a.", "e." or "y.", a run of initials written with dots (``normalize._may_have_initials``),
       an ampersand, " u"; the letters in either case, so that the name as given is asked once for
       its text lowercased too. Each asked with ``in`` was a call and a scan of the text; None for
       a text that is not ASCII.

   cut(text, form) -> str | None
       An ASCII text with each occurrence of the form between two spaces made one space, as
       ``while f" {form} " in text: text = text.replace(f" {form} ", " ")`` makes it (the legal
       forms cut out of a name's text, normalising's ``_strip_legal_forms``): the text itself where
       the form stands nowhere so; None for a text or form that is not ASCII, or an empty form.

   initials(words) -> str | None
       The first letter of each word of a tuple or list, joined (``"".join(word[0] for word in
       words)``, an acronym's letters); None where a word is empty, which Python's ``word[0]``
       refuses.

   contraction_parts(word, tokens) -> list[tuple[int, int]] | None | False
       The parts of a word spelt by the beginnings of a name's words, as ``score.contraction_parts``
       finds them before it asks whether the word is pinyin: (word position, letters taken) of
       each, or None where no way of spelling it so holds; False where the word or a word of the
       name is not ASCII, or a word of the name is empty, which the caller works out in Python.
       Matching asks it of every word of a query it has not met before against each listed name
       the word's contraction keys reach: a search of the ways to spell it, in compiled Python a
       call and a new string for each letter compared.

   (See entitylist/matching/normalize.py and score.py, whose Python paths these stand for, with the same
   results, and which falls back to them where this module was not compiled.) */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Whether ASCII bytes are one or more letters, small or capital (``str.isalpha`` of an ASCII word). */
static int
ascii_letters_only(const unsigned char *letters, Py_ssize_t length)
{
    if (length == 0) {
        return 0;
    }
    for (Py_ssize_t at = 0; at < length; at++) {
        /* (a small or capital letter: folded to small, within 'a'..'z') */
        if ((unsigned char)((letters[at] | 0x20) - 'a') >= 26) {
            return 0;
        }
    }
    return 1;
}

static PyObject *
letters_only(PyObject *module, PyObject *word)
{
    if (!PyUnicode_Check(word)) {
        PyErr_Format(PyExc_TypeError, "letters_only() takes a str, not %.100s", Py_TYPE(word)->tp_name);
        return NULL;
    }
    if (PyUnicode_READY(word) == -1) {
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    if (length == 0) {
        Py_RETURN_FALSE;
    }
    if (PyUnicode_IS_ASCII(word)) {
        return PyBool_FromLong(ascii_letters_only(PyUnicode_1BYTE_DATA(word), length));
    }
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    for (Py_ssize_t at = 0; at < length; at++) {
        if (!Py_UNICODE_ISALPHA(PyUnicode_READ(kind, data, at))) {
            Py_RETURN_FALSE;
        }
    }
    Py_RETURN_TRUE;
}

/* Each run of one byte but '\n' written once, in place; the new length. */
static Py_ssize_t
once_in_place(char *letters, Py_ssize_t length)
{
    if (length < 2) {
        return length;
    }
    Py_ssize_t kept = 1;
    for (Py_ssize_t at = 1; at < length; at++) {
        char letter = letters[at];
        if (letter != letters[kept - 1] || letter == '\n') {
            letters[kept++] = letter;
        }
    }
    return kept;
}

/* The text made of ``length`` bytes of ``letters``; ``text`` itself where they are its own. */
static PyObject *
ascii_text(PyObject *text, const char *letters, Py_ssize_t length)
{
    if (length == PyUnicode_GET_LENGTH(text) && memcmp(letters, PyUnicode_1BYTE_DATA(text), (size_t)length) == 0) {
        Py_INCREF(text);
        return text;
    }
    PyObject *made = PyUnicode_New(length, 127);
    if (made != NULL) {
        memcpy(PyUnicode_1BYTE_DATA(made), letters, (size_t)length);
    }
    return made;
}

/* The ASCII text's bytes, copied into a buffer of ``room`` bytes (at least its length); NULL
   with an exception set where there is no memory, or with none where the text is not ASCII. */
static char *
ascii_copy(PyObject *text, Py_ssize_t room)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "expected a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (PyUnicode_READY(text) == -1 || !PyUnicode_IS_ASCII(text)) {
        return NULL;
    }
    char *letters = PyMem_Malloc((size_t)(room > 0 ? room : 1));
    if (letters == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(letters, PyUnicode_1BYTE_DATA(text), (size_t)PyUnicode_GET_LENGTH(text));
    return letters;
}

static PyObject *
dropped(PyObject *module, PyObject *const *args, Py_ssize_t count)
{
    if (count != 3) {
        PyErr_SetString(PyExc_TypeError, "dropped() takes a text, the letters to drop and whether to write runs once");
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "dropped() takes the letters to drop as bytes");
        return NULL;
    }
    int once = PyObject_IsTrue(args[2]);
    if (once < 0) {
        return NULL;
    }
    char *letters = ascii_copy(text, PyUnicode_Check(text) ? PyUnicode_GET_LENGTH(text) : 0);
    if (letters == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    unsigned char drop[256] = {0};
    const unsigned char *unwanted = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    for (Py_ssize_t at = 0; at < PyBytes_GET_SIZE(args[1]); at++) {
        drop[unwanted[at]] = 1;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), kept = 0;
    for (Py_ssize_t at = 0; at < length; at++) {
        if (!drop[(unsigned char)letters[at]]) {
            letters[kept++] = letters[at];
        }
    }
    if (once) {
        kept = once_in_place(letters, kept);
    }
    PyObject *made = ascii_text(text, letters, kept);
    PyMem_Free(letters);
    return made;
}

/* Which bytes a buffer holds, as 256 bits: most rules' spellings begin with a letter the word
   does not hold, told without a scan. */
typedef struct {
    uint64_t bits[4];
} Present;

static void
present_of(Present *present, const char *letters, Py_ssize_t length)
{
    present->bits[0] = present->bits[1] = present->bits[2] = present->bits[3] = 0;
    for (Py_ssize_t at = 0; at < length; at++) {
        unsigned char letter = (unsigned char)letters[at];
        present->bits[letter >> 6] |= 1ULL << (letter & 63);
    }
}

static inline int
holds(const Present *present, unsigned char letter)
{
    return (present->bits[letter >> 6] >> (letter & 63)) & 1;
}

static PyObject *
rewritten(PyObject *module, PyObject *const *args, Py_ssize_t count)
{
    if (count != 3) {
        PyErr_SetString(PyExc_TypeError, "rewritten() takes a text, its rules and whether to write runs once");
        return NULL;
    }
    PyObject *text = args[0], *rules = args[1];
    if (!PyTuple_Check(rules)) {
        PyErr_SetString(PyExc_TypeError, "rewritten() takes its rules as a tuple of (spelling, sound) pairs");
        return NULL;
    }
    int once = PyObject_IsTrue(args[2]);
    if (once < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "expected a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t room = length + 16;  /* (grown where a rule writes a longer sound more times than this holds) */
    char *letters = ascii_copy(text, room);
    if (letters == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    char *scratch = NULL;
    Py_ssize_t scratch_room = 0;
    Present present;
    present_of(&present, letters, length);
    PyObject *made = NULL;
    Py_ssize_t rule_count = PyTuple_GET_SIZE(rules);
    for (Py_ssize_t at = 0; at < rule_count; at++) {
        PyObject *rule = PyTuple_GET_ITEM(rules, at);
        if (!PyTuple_Check(rule) || PyTuple_GET_SIZE(rule) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(rule, 0))
            || !PyUnicode_Check(PyTuple_GET_ITEM(rule, 1))) {
            PyErr_SetString(PyExc_TypeError, "rewritten() takes its rules as a tuple of (spelling, sound) pairs of str");
            goto done;
        }
        PyObject *spelling = PyTuple_GET_ITEM(rule, 0), *sound = PyTuple_GET_ITEM(rule, 1);
        if (PyUnicode_READY(spelling) == -1 || PyUnicode_READY(sound) == -1) {
            goto done;
        }
        Py_ssize_t from_length = PyUnicode_GET_LENGTH(spelling), into_length = PyUnicode_GET_LENGTH(sound);
        if (!PyUnicode_IS_ASCII(spelling) || !PyUnicode_IS_ASCII(sound) || from_length == 0) {
            made = Py_None;  /* (left to Python) */
            Py_INCREF(made);
            goto done;
        }
        const char *from = (const char *)PyUnicode_1BYTE_DATA(spelling);
        const char *into = (const char *)PyUnicode_1BYTE_DATA(sound);
        if (!holds(&present, (unsigned char)from[0]) || from_length > length) {
            continue;  /* (most rules: the word holds no letter its spelling begins with) */
        }
        if (from_length == 1 && into_length == 1) {  /* a letter for a letter: in place */
            for (Py_ssize_t i = 0; i < length; i++) {
                if (letters[i] == from[0]) {
                    letters[i] = into[0];
                }
            }
            present_of(&present, letters, length);
            continue;
        }
        Py_ssize_t found = 0;  /* occurrences, left to right, none overlapping */
        for (Py_ssize_t i = 0; i + from_length <= length;) {
            if (letters[i] == from[0] && memcmp(letters + i, from, (size_t)from_length) == 0) {
                found++;
                i += from_length;
            }
            else {
                i++;
            }
        }
        if (found == 0) {
            continue;
        }
        Py_ssize_t needed = length + found * (into_length - from_length);
        if (needed < length) {
            needed = length;
        }
        if (scratch_room < needed + 1) {
            PyMem_Free(scratch);
            scratch_room = needed + 16 > room ? needed + 16 : room;
            scratch = PyMem_Malloc((size_t)scratch_room);
            if (scratch == NULL) {
                PyErr_NoMemory();
                goto done;
            }
        }
        Py_ssize_t out = 0, i = 0;
        while (i + from_length <= length) {
            if (letters[i] == from[0] && memcmp(letters + i, from, (size_t)from_length) == 0) {
                memcpy(scratch + out, into, (size_t)into_length);
                out += into_length;
                i += from_length;
            }
            else {
                scratch[out++] = letters[i++];
            }
        }
        while (i < length) {
            scratch[out++] = letters[i++];
        }
        char *swap = letters;
        Py_ssize_t swap_room = room;
        letters = scratch;
        room = scratch_room;
        scratch = swap;
        scratch_room = swap_room;
        length = out;
        present_of(&present, letters, length);
    }
    if (once) {
        length = once_in_place(letters, length);
    }
    made = ascii_text(text, letters, length);
done:
    PyMem_Free(letters);
    PyMem_Free(scratch);
    return made;
}

/* Whether ``str.split`` splits at this ASCII byte (``Py_UNICODE_ISSPACE``): \t \n \v \f \r,
   the four separators 0x1c-0x1f, and the space. */
static int
ascii_space(unsigned char byte)
{
    return (byte >= 9 && byte <= 13) || (byte >= 28 && byte <= 32);
}

/* The words of an ASCII text once ``table`` has translated its bytes (``runs``), as a new list;
   None (a new reference) for a text that is not ASCII or a table that writes a byte beyond it;
   NULL with an exception set on a wrong argument or where there is no memory. */
static PyObject *
translated_runs(PyObject *text, PyObject *table, const char *caller)
{
    if (!PyUnicode_Check(text) || !PyBytes_Check(table)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a text and a table of 256 bytes", caller);
        return NULL;
    }
    if (PyBytes_GET_SIZE(table) != 256) {
        PyErr_Format(PyExc_ValueError, "%s() takes a table of 256 bytes", caller);
        return NULL;
    }
    if (PyUnicode_READY(text) == -1) {
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text)) {
        Py_RETURN_NONE;
    }
    const unsigned char *into = (const unsigned char *)PyBytes_AS_STRING(table);
    const unsigned char *letters = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t at = 0; at < length; at++) {
        if (into[letters[at]] > 127) {
            Py_RETURN_NONE; /* (not ASCII once translated: Python's decoding refuses it) */
        }
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    Py_ssize_t at = 0;
    while (at < length) {
        while (at < length && ascii_space(into[letters[at]])) {
            at++;
        }
        Py_ssize_t start = at;
        while (at < length && !ascii_space(into[letters[at]])) {
            at++;
        }
        if (at == start) {
            break;
        }
        PyObject *word = PyUnicode_New(at - start, 127);
        if (word == NULL) {
            Py_DECREF(found);
            return NULL;
        }
        Py_UCS1 *written = PyUnicode_1BYTE_DATA(word);
        for (Py_ssize_t from = start; from < at; from++) {
            written[from - start] = into[letters[from]];
        }
        int appended = PyList_Append(found, word);
        Py_DECREF(word);
        if (appended < 0) {
            Py_DECREF(found);
            return NULL;
        }
    }
    return found;
}

static PyObject *
runs(PyObject *module, PyObject *const *args, Py_ssize_t count)
{
    if (count != 2) {
        PyErr_SetString(PyExc_TypeError, "runs() takes a text and a table of 256 bytes");
        return NULL;
    }
    return translated_runs(args[0], args[1], "runs");
}

static PyObject *
words(PyObject *module, PyObject *const *args, Py_ssize_t count)
{
    if (count != 3 || !PyDict_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "words() takes a text, a table of 256 bytes and a dict of words' kinds");
        return NULL;
    }
    PyObject *found = translated_runs(args[0], args[1], "words");
    if (found == NULL || found == Py_None) {
        return found;
    }
    PyObject *kinds = args[2];
    Py_ssize_t size = PyList_GET_SIZE(found), joined_length = size > 0 ? size - 1 : 0;
    long bits = 0;
    for (Py_ssize_t at = 0; at < size; at++) {
        PyObject *word = PyList_GET_ITEM(found, at);
        joined_length += PyUnicode_GET_LENGTH(word);
        PyObject *kind = PyDict_GetItemWithError(kinds, word); /* (borrowed) */
        if (kind == NULL) {
            if (PyErr_Occurred()) {
                Py_DECREF(found);
                return NULL;
            }
            continue;
        }
        long bit = PyLong_AsLong(kind);
        if (bit == -1 && PyErr_Occurred()) {
            Py_DECREF(found);
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                Py_RETURN_NONE; /* (a kind beyond a C long: Python's ints hold it) */
            }
            return NULL;
        }
        bits |= bit;
    }
    PyObject *joined = PyUnicode_New(joined_length, 127);
    if (joined == NULL) {
        Py_DECREF(found);
        return NULL;
    }
    Py_UCS1 *written = PyUnicode_1BYTE_DATA(joined);
    for (Py_ssize_t at = 0; at < size; at++) {
        PyObject *word = PyList_GET_ITEM(found, at);
        Py_ssize_t word_length = PyUnicode_GET_LENGTH(word);
        if (at > 0) {
            *written++ = ' ';
        }
        memcpy(written, PyUnicode_1BYTE_DATA(word), (size_t)word_length);
        written += word_length;
    }
    PyObject *kind_bits = PyLong_FromLong(bits);
    if (kind_bits == NULL) {
        Py_DECREF(found);
        Py_DECREF(joined);
        return NULL;
    }
    PyObject *made = PyTuple_New(3);
    if (made == NULL) {
        Py_DECREF(found);
        Py_DECREF(joined);
        Py_DECREF(kind_bits);
        return NULL;
    }
    PyTuple_SET_ITEM(made, 0, found);
    PyTuple_SET_ITEM(made, 1, joined);
    PyTuple_SET_ITEM(made, 2, kind_bits);
    return made;
}

/* The marks of ``marks``, as ``normalize.py`` numbers them. */
enum {
    MARK_GLUED_START = 1, MARK_CONTROL = 2, MARK_APOSTROPHE = 4, MARK_HYPHEN = 8, MARK_STOPWORD_INITIAL = 16,
    MARK_DOTTED_INITIALS = 32, MARK_AMPERSAND = 64, MARK_SPACE_U = 128,
};

static int
ascii_letter(unsigned char byte)
{
    return (unsigned char)((byte | 0x20) - 'a') < 26;
}

static int
ascii_alnum(unsigned char byte)
{
    return ascii_letter(byte) || (byte >= '0' && byte <= '9');
}

/* Whether ``letter`` is ``small`` or its capital. */
static inline int
either_case(unsigned char letter, unsigned char small)
{
    return (letter | 0x20) == small;
}

static PyObject *
marks(PyObject *module, PyObject *const *args, Py_ssize_t count)
{
    if (count != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1]) || PyBytes_GET_SIZE(args[1]) != 256) {
        PyErr_SetString(PyExc_TypeError, "marks() takes a text and a table of 256 bytes");
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_READY(text) == -1) {
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text)) {
        Py_RETURN_NONE;
    }
    const unsigned char *shapes = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    const unsigned char *letters = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const unsigned char *end = letters + length;
    long found = 0;
    /* (the shape's questions are asked of every character; the rest of a few that a name seldom
       holds, found by memchr) */
    unsigned char before = ' ';
    for (Py_ssize_t at = 0; at < length; at++) {
        unsigned char shape = shapes[letters[at]];
        if (shape == 'A' && before == 'a') {
            found |= MARK_GLUED_START;
        }
        else if (shape == 'c') {
            found |= MARK_CONTROL;
        }
        before = shape;
    }
    if (memchr(letters, '\'', (size_t)length) != NULL || memchr(letters, '`', (size_t)length) != NULL) {
        found |= MARK_APOSTROPHE;
    }
    if (memchr(letters, '-', (size_t)length) != NULL) {
        found |= MARK_HYPHEN;
    }
    if (memchr(letters, '&', (size_t)length) != NULL) {
        found |= MARK_AMPERSAND;
    }
    for (const unsigned char *space = memchr(letters, ' ', (size_t)length); space != NULL && space + 1 < end;
         space = memchr(space + 1, ' ', (size_t)(end - space - 1))) {
        if (either_case(space[1], 'u')) {
            found |= MARK_SPACE_U;
            break;
        }
    }
    for (const unsigned char *dot = memchr(letters, '.', (size_t)length); dot != NULL;
         dot = dot + 1 < end ? memchr(dot + 1, '.', (size_t)(end - dot - 1)) : NULL) {
        if (dot > letters && (either_case(dot[-1], 'a') || either_case(dot[-1], 'e') || either_case(dot[-1], 'y'))) {
            found |= MARK_STOPWORD_INITIAL;
        }
        /* (``normalize._may_have_initials``: a letter after the dot, then a dot, a character that
           is no letter or digit, or the text's end) */
        if (dot + 1 < end && ascii_letter(dot[1]) && (dot + 2 >= end || dot[2] == '.' || !ascii_alnum(dot[2]))) {
            found |= MARK_DOTTED_INITIALS;
        }
    }
    return PyLong_FromLong(found);
}

/* Whether `` form `` (the form between two spaces, ``padded`` bytes) stands at ``at``. */
static inline int
form_at(const char *letters, Py_ssize_t length, Py_ssize_t at, const char *form, Py_ssize_t padded)
{
    return letters[at] == ' ' && at + padded <= length && letters[at + padded - 1] == ' '
           && memcmp(letters + at + 1, form, (size_t)(padded - 2)) == 0;
}

static PyObject *
cut(PyObject *module, PyObject *const *args, Py_ssize_t count)
{
    if (count != 2 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "cut() takes a text and a form");
        return NULL;
    }
    PyObject *text = args[0], *form = args[1];
    if (PyUnicode_READY(text) == -1 || PyUnicode_READY(form) == -1) {
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), padded = PyUnicode_GET_LENGTH(form) + 2;
    if (!PyUnicode_IS_ASCII(text) || !PyUnicode_IS_ASCII(form) || padded == 2) {
        Py_RETURN_NONE;
    }
    const char *letters = (const char *)PyUnicode_1BYTE_DATA(text), *word = (const char *)PyUnicode_1BYTE_DATA(form);
    char *buffers[2] = {NULL, NULL};
    int current = -1; /* (the buffer ``letters`` is in; -1: the text's own) */
    /* (each pass as str.replace makes it: left to right, occurrences that do not overlap; then
       again while one is left, as a pass may bring two of them together) */
    for (;;) {
        Py_ssize_t first = 0;
        while (first < length && !form_at(letters, length, first, word, padded)) {
            first++;
        }
        if (first >= length) {
            break;
        }
        int target = current == 0 ? 1 : 0;
        if (buffers[target] == NULL && (buffers[target] = PyMem_Malloc((size_t)PyUnicode_GET_LENGTH(text) + 1)) == NULL) {
            PyMem_Free(buffers[0]);
            PyMem_Free(buffers[1]);
            return PyErr_NoMemory();
        }
        char *into = buffers[target]; /* (never longer than the text: each occurrence becomes one space) */
        memcpy(into, letters, (size_t)first);
        Py_ssize_t out = first, at = first;
        while (at < length) {
            if (form_at(letters, length, at, word, padded)) {
                into[out++] = ' ';
                at += padded;
            }
            else {
                into[out++] = letters[at++];
            }
        }
        letters = into;
        length = out;
        current = target;
    }
    PyObject *made;
    if (current < 0) {
        Py_INCREF(text);
        made = text;
    }
    else if ((made = PyUnicode_New(length, 127)) != NULL) {
        memcpy(PyUnicode_1BYTE_DATA(made), letters, (size_t)length);
    }
    PyMem_Free(buffers[0]);
    PyMem_Free(buffers[1]);
    return made;
}

static PyObject *
initials(PyObject *module, PyObject *given)
{
    if (!PyTuple_Check(given) && !PyList_Check(given)) {
        PyErr_Format(PyExc_TypeError, "initials() takes a tuple or a list of str, not %.100s", Py_TYPE(given)->tp_name);
        return NULL;
    }
    Py_ssize_t size = PySequence_Fast_GET_SIZE(given);
    PyObject **items = PySequence_Fast_ITEMS(given);
    Py_UCS4 largest = 0;
    for (Py_ssize_t at = 0; at < size; at++) {
        PyObject *word = items[at];
        if (!PyUnicode_Check(word)) {
            PyErr_Format(PyExc_TypeError, "initials() takes words of str, not %.100s", Py_TYPE(word)->tp_name);
            return NULL;
        }
        if (PyUnicode_READY(word) == -1) {
            return NULL;
        }
        if (PyUnicode_GET_LENGTH(word) == 0) {
            Py_RETURN_NONE; /* (an empty word has no first letter: Python's ``word[0]`` says so) */
        }
        Py_UCS4 first = PyUnicode_READ_CHAR(word, 0);
        if (first > largest) {
            largest = first;
        }
    }
    PyObject *made = PyUnicode_New(size, largest);
    if (made == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(made);
    void *data = PyUnicode_DATA(made);
    for (Py_ssize_t at = 0; at < size; at++) {
        PyUnicode_WRITE(kind, data, at, PyUnicode_READ_CHAR(items[at], 0));
    }
    return made;
}

/* One word of a name, as ``spelt_from`` reads it. */
typedef struct {
    const unsigned char *letters;
    Py_ssize_t length;
    int only_letters; /* (``vocabulary.letters_only``) */
} NameWord;

/* ``score._contraction_from``: whether ``word[at:]`` is spelt by beginnings of the words from
   ``position`` on, in order, one word at most skipped between two, the longest beginning tried
   first; each part's (position, letters) is pushed onto ``positions``/``sizes`` (``*parts``). */
static int
spelt_from(const unsigned char *word, Py_ssize_t length, Py_ssize_t at, const NameWord *words, Py_ssize_t count,
           Py_ssize_t position, Py_ssize_t *positions, Py_ssize_t *sizes, Py_ssize_t *parts)
{
    const NameWord *token = &words[position];
    Py_ssize_t longest = 0;
    while (longest < token->length && at + longest < length && word[at + longest] == token->letters[longest]) {
        longest++;
    }
    for (Py_ssize_t size = longest; size > 0; size--) {
        positions[*parts] = position;
        sizes[*parts] = size;
        (*parts)++;
        Py_ssize_t end = at + size;
        if (end == length) {
            return 1;
        }
        for (Py_ssize_t following = position + 1; following <= position + 2; following++) {
            if (following < count && words[following].only_letters
                && spelt_from(word, length, end, words, count, following, positions, sizes, parts)) {
                return 1;
            }
        }
        (*parts)--;
    }
    return 0;
}

static PyObject *
contraction_parts(PyObject *module, PyObject *const *args, Py_ssize_t given)
{
    if (given != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "contraction_parts() takes a word and a tuple of words");
        return NULL;
    }
    PyObject *text = args[0], *tokens = args[1];
    if (PyUnicode_READY(text) == -1) {
        return NULL;
    }
    Py_ssize_t count = PyTuple_GET_SIZE(tokens);
    if (!PyUnicode_IS_ASCII(text)) {
        Py_RETURN_FALSE;
    }
    for (Py_ssize_t at = 0; at < count; at++) {
        PyObject *token = PyTuple_GET_ITEM(tokens, at);
        if (!PyUnicode_Check(token)) {
            PyErr_SetString(PyExc_TypeError, "contraction_parts() takes a word and a tuple of words");
            return NULL;
        }
        if (PyUnicode_READY(token) == -1) {
            return NULL;
        }
        if (!PyUnicode_IS_ASCII(token) || PyUnicode_GET_LENGTH(token) == 0) {
            Py_RETURN_FALSE;
        }
    }
    const unsigned char *word = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length == 0 || count < 2) {
        Py_RETURN_NONE;
    }
    /* the words, and room for as many parts as the word has letters (each takes one at least) */
    NameWord *words = PyMem_Malloc(sizeof(NameWord) * (size_t)count);
    Py_ssize_t *positions = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)length);
    Py_ssize_t *sizes = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)length);
    PyObject *found = NULL;
    if (words == NULL || positions == NULL || sizes == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t at = 0; at < count; at++) {
        PyObject *token = PyTuple_GET_ITEM(tokens, at);
        words[at].letters = PyUnicode_1BYTE_DATA(token);
        words[at].length = PyUnicode_GET_LENGTH(token);
        words[at].only_letters = ascii_letters_only(words[at].letters, words[at].length);
    }
    for (Py_ssize_t start = 0; start < count - 1; start++) {
        const NameWord *first = &words[start];
        if (first->letters[0] != word[0] || !first->only_letters
            || (first->length == length && memcmp(first->letters, word, (size_t)length) == 0)) {
            continue;
        }
        Py_ssize_t parts = 0;
        if (!spelt_from(word, length, 0, words, count, start, positions, sizes, &parts) || parts < 2) {
            continue;
        }
        /* not the words themselves written together, and one part of three letters at least */
        Py_ssize_t joined = 0, largest = 0;
        int same = 1;
        for (Py_ssize_t part = 0; part < parts; part++) {
            const NameWord *used = &words[positions[part]];
            if (same && (joined + used->length > length || memcmp(word + joined, used->letters, (size_t)used->length) != 0)) {
                same = 0;
            }
            joined += used->length;
            if (sizes[part] > largest) {
                largest = sizes[part];
            }
        }
        if ((same && joined == length) || largest < 3) {
            continue;
        }
        found = PyList_New(parts);
        if (found == NULL) {
            goto done;
        }
        for (Py_ssize_t part = 0; part < parts; part++) {
            PyObject *pair = Py_BuildValue("(nn)", positions[part], sizes[part]);
            if (pair == NULL) {
                Py_CLEAR(found);
                goto done;
            }
            PyList_SET_ITEM(found, part, pair);
        }
        goto done;
    }
    found = Py_None;
    Py_INCREF(found);
done:
    PyMem_Free(words);
    PyMem_Free(positions);
    PyMem_Free(sizes);
    return found;
}

static PyMethodDef methods[] = {
    {"letters_only", (PyCFunction)letters_only, METH_O, "word.isalpha(), an ASCII word told by its bytes."},
    {"dropped", (PyCFunction)(void (*)(void))dropped, METH_FASTCALL,
     "An ASCII text without the given bytes, and its runs written once where asked; None for any other text."},
    {"rewritten", (PyCFunction)(void (*)(void))rewritten, METH_FASTCALL,
     "An ASCII text with each (spelling, sound) rule replaced in turn, and its runs written once where asked; None for any other."},
    {"contraction_parts", (PyCFunction)(void (*)(void))contraction_parts, METH_FASTCALL,
     "The parts of a word spelt by the beginnings of a name's words; None where none; False where not ASCII."},
    {"runs", (PyCFunction)(void (*)(void))runs, METH_FASTCALL,
     "An ASCII text's words once a table of 256 bytes has translated it (translate, then split); None for any other."},
    {"words", (PyCFunction)(void (*)(void))words, METH_FASTCALL,
     "An ASCII text's words as runs() splits it, the words joined by single spaces, and their kinds' bits; None for any other."},
    {"marks", (PyCFunction)(void (*)(void))marks, METH_FASTCALL,
     "What normalising asks of an ASCII text, one bit a question, in one pass; None for any other."},
    {"initials", (PyCFunction)initials, METH_O, "The first letters of words, joined; None where a word is empty."},
    {"cut", (PyCFunction)(void (*)(void))cut, METH_FASTCALL,
     "An ASCII text without a form standing between spaces, as often as it stands so; None for any other."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_letters", "A word's letters in C: asked, dropped, rewritten and split (see normalize.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__letters(void)
{
    return PyModule_Create(&module_definition);
}
