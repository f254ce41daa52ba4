/* CSV and TSV lines read into rows, and a chunk of screened rows written as lines, in one call.

   The batch engine writes every row of a file it screens, in the process that also reads the
   file, beside the screening workers: what writing a row costs is taken from them. Most rows are
   a few plain cells and an empty match (or a match scored by a float). ``DelimitedWriter``
   writes such a chunk by joining each row's cells in Python, after one search of the chunk for
   anything that needs csv's own way or a cell neutralised; about 3,900 instructions a row,
   a third of what the reading process spends on a row. Here the same lines are made in two
   passes over the cells: one that checks them and counts the characters, one that copies them.

   lines(pairs, width, delimiter, empty_match, unmatched, raw) -> str | None
       The lines of ``pairs`` (a list of (row, match) tuples), each ended by "\n", as
       ``DelimitedWriter._write_lines`` makes them: a row's cells joined by ``delimiter`` (a
       cell holding it between quotes, as csv quotes a cell that needs no escaping), then
       ``unmatched`` where the match is ``empty_match`` (or a tuple of as many empty strings), or
       the match's first three cells and the str() of its score. None, leaving the whole chunk
       to the Python path, unless every row is a list of exactly ``width`` str cells whose match
       is empty or (str, str, str, float) with a first cell that is not empty, and no cell holds
       a quote, a line break, a carriage return or the unit separator "\x1f" (the Python path
       joins cells with it to search them) nor, unless ``raw``, begins as a formula would
       (``entitylist.cells.FORMULA_START``). Those rows the Python path writes the same way, so
       the bytes written are the same either way.

   split(lines, at, delimiter, width, limit, most) -> list
       The rows of ``lines[at:]`` (a list of str, each a line with its ending), at most ``most``
       of them, as ``readers._split_rows`` makes them of lines that hold no quote: its ending ("\n",
       "\r\n" or "\r") cut off, split at ``delimiter`` (an empty line: no cells), then as many
       empty cells added as make ``width``. It stops before the first line that holds a quote or
       is longer than ``limit`` (csv reads those); one row for each line taken, so the caller
       moves on by the rows' count. Reading a file, the parent process made each row in Python
       (``str.split`` and a generator step for each, about 2,800 instructions a row with the
       lines' splitting and decoding); the cells are made here as ``str.split`` makes them.

   (See ``DelimitedWriter.write_many`` in entitylist/batch/writers.py, and ``_split_rows`` in
   entitylist/batch/readers.py, the Python path of ``split``, which ``DelimitedSource.chunks``
   calls where the build did not compile this module.) */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MATCH_CELLS 4  /* party id, party name, name matched, score */
#define WRITTEN_MATCH_CELLS 3  /* the cells of a match written as they are (the score by str()) */

/* What a cell holds that decides how it is written. */
enum {
    HOLDS_DELIMITER = 1,  /* quoted */
    REFUSED = 2,          /* left to the Python path */
};

static int
is_formula_start(Py_UCS4 c)
{
    /* entitylist.cells.FORMULA_START */
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* HOLDS_DELIMITER, REFUSED or 0 for a cell (an exact str) */
static int
cell_flags(PyObject *cell, Py_UCS4 delimiter, int raw)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(cell);
    if (length == 0)
        return 0;
    int kind = PyUnicode_KIND(cell);
    const void *data = PyUnicode_DATA(cell);
    if (!raw && is_formula_start(PyUnicode_READ(kind, data, 0)))
        return REFUSED;
    int flags = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *text = (const unsigned char *)data;
        for (Py_ssize_t i = 0; i < length; i++) {
            unsigned char c = text[i];
            if (c > '"')
                continue;  /* (every character looked for is '"' or below, the delimiter aside) */
            if (c == '"' || c == '\n' || c == '\r' || c == 0x1f)
                return REFUSED;
            if (c == delimiter)
                flags = HOLDS_DELIMITER;
        }
        if (delimiter > '"' && memchr(text, (int)delimiter, (size_t)length) != NULL)
            flags = HOLDS_DELIMITER;
        return flags;
    }
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '"' || c == '\n' || c == '\r' || c == 0x1f)
            return REFUSED;
        if (c == delimiter)
            flags = HOLDS_DELIMITER;
    }
    return flags;
}

/* The written length of a cell (its quotes counted) into *length and its widest character into
   *widest; -1 where the row is left to Python. */
static int
measure(PyObject *cell, Py_UCS4 delimiter, int raw, Py_ssize_t *length, Py_UCS4 *widest)
{
    if (!PyUnicode_CheckExact(cell))
        return -1;
    int flags = cell_flags(cell, delimiter, raw);
    if (flags & REFUSED)
        return -1;
    *length += PyUnicode_GET_LENGTH(cell) + ((flags & HOLDS_DELIMITER) ? 2 : 0);
    Py_UCS4 most = PyUnicode_MAX_CHAR_VALUE(cell);
    if (most > *widest)
        *widest = most;
    return flags;
}

static int
is_empty_match(PyObject *match, PyObject *empty_match)
{
    if (match == empty_match)
        return 1;
    if (!PyTuple_CheckExact(match) || PyTuple_GET_SIZE(match) != MATCH_CELLS)
        return 0;
    for (Py_ssize_t i = 0; i < MATCH_CELLS; i++) {
        PyObject *cell = PyTuple_GET_ITEM(match, i);
        if (!PyUnicode_CheckExact(cell) || PyUnicode_GET_LENGTH(cell) != 0)
            return 0;
    }
    return 1;
}

/* Copy ``cell`` into ``out`` at *at, between quotes where ``quoted``; -1 on an error. */
static int
put(PyObject *out, Py_ssize_t *at, PyObject *cell, int quoted)
{
    if (quoted)
        PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), (*at)++, '"');
    Py_ssize_t length = PyUnicode_GET_LENGTH(cell);
    int kind = PyUnicode_KIND(out);
    if (length && PyUnicode_KIND(cell) == kind) {  /* (most cells: as wide as the text) */
        memcpy((char *)PyUnicode_DATA(out) + *at * kind, PyUnicode_DATA(cell), (size_t)(length * kind));
        *at += length;
    } else if (length) {
        if (PyUnicode_CopyCharacters(out, *at, cell, 0, length) < 0)
            return -1;
        *at += length;
    }
    if (quoted)
        PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), (*at)++, '"');
    return 0;
}

/* Whether a cell the first pass took holds the delimiter (and is written between quotes). */
static int
holds(PyObject *cell, Py_UCS4 delimiter)
{
    return PyUnicode_FindChar(cell, delimiter, 0, PyUnicode_GET_LENGTH(cell), 1) >= 0;
}

static void
put_char(PyObject *out, Py_ssize_t *at, Py_UCS4 c)
{
    PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), (*at)++, c);
}

static PyObject *
lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_Format(PyExc_TypeError, "lines() takes 6 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *pairs = args[0], *delimiter_obj = args[2], *empty_match = args[3], *unmatched = args[4];
    if (!PyList_Check(pairs) || !PyUnicode_Check(delimiter_obj) || PyUnicode_GET_LENGTH(delimiter_obj) != 1
        || !PyUnicode_CheckExact(unmatched)) {
        PyErr_SetString(PyExc_TypeError, "lines() takes a list of pairs, a width, a one-character delimiter, "
                                         "the empty match, its cells as written and a flag");
        return NULL;
    }
    Py_ssize_t width = PyLong_AsSsize_t(args[1]);
    if (width == -1 && PyErr_Occurred())
        return NULL;
    int raw = PyObject_IsTrue(args[5]);
    if (raw < 0)
        return NULL;
    Py_UCS4 delimiter = PyUnicode_READ_CHAR(delimiter_obj, 0);
    Py_ssize_t count = PyList_GET_SIZE(pairs);
    Py_ssize_t unmatched_length = PyUnicode_GET_LENGTH(unmatched);
    Py_ssize_t total = 0;
    Py_UCS4 widest = PyUnicode_MAX_CHAR_VALUE(unmatched);
    if (delimiter > widest)
        widest = delimiter;
    /* the scores written, one for each matched row (None for the others) */
    PyObject *scores = PyList_New(count);
    if (scores == NULL)
        return NULL;
    for (Py_ssize_t r = 0; r < count; r++) {
        Py_INCREF(Py_None);
        PyList_SET_ITEM(scores, r, Py_None);
    }
    PyObject *result = NULL;
    /* rows with a cell that holds the delimiter (the second pass asks only their cells) */
    char *quoting = PyMem_Malloc(count > 0 ? (size_t)count : 1);
    if (quoting == NULL) {
        Py_DECREF(scores);
        return PyErr_NoMemory();
    }
    /* pass 1: every row checked, the characters counted */
    for (Py_ssize_t r = 0; r < count; r++) {
        PyObject *pair = PyList_GET_ITEM(pairs, r);
        if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2)
            goto left_to_python;
        PyObject *row = PyTuple_GET_ITEM(pair, 0), *match = PyTuple_GET_ITEM(pair, 1);
        if (!PyList_CheckExact(row) || PyList_GET_SIZE(row) != width)
            goto left_to_python;
        int flags = 0;
        for (Py_ssize_t c = 0; c < width; c++) {
            int measured = measure(PyList_GET_ITEM(row, c), delimiter, raw, &total, &widest);
            if (measured < 0)
                goto left_to_python;
            flags |= measured;
        }
        quoting[r] = (char)flags;
        total += width > 0 ? width - 1 : 0;  /* the delimiters between the cells */
        if (is_empty_match(match, empty_match)) {
            total += unmatched_length + 1;  /* and "\n" */
            continue;
        }
        if (!PyTuple_CheckExact(match) || PyTuple_GET_SIZE(match) != MATCH_CELLS)
            goto left_to_python;
        PyObject *first = PyTuple_GET_ITEM(match, 0), *score = PyTuple_GET_ITEM(match, WRITTEN_MATCH_CELLS);
        if (!PyUnicode_CheckExact(first) || PyUnicode_GET_LENGTH(first) == 0 || !PyFloat_CheckExact(score))
            goto left_to_python;
        for (Py_ssize_t c = 0; c < WRITTEN_MATCH_CELLS; c++) {
            int measured = measure(PyTuple_GET_ITEM(match, c), delimiter, raw, &total, &widest);
            if (measured < 0)
                goto left_to_python;
            quoting[r] |= (char)measured;
        }
        PyObject *written = PyObject_Str(score);
        if (written == NULL)
            goto failed;
        PyList_SetItem(scores, r, written);  /* (steals it; releases the None) */
        Py_UCS4 most = PyUnicode_MAX_CHAR_VALUE(written);
        if (most > widest)
            widest = most;
        /* the delimiters before the three cells (the first: after a row's cells) and the score,
           the score, "\n" */
        total += (width > 0 ? WRITTEN_MATCH_CELLS : WRITTEN_MATCH_CELLS - 1) + 1 + PyUnicode_GET_LENGTH(written) + 1;
    }
    /* pass 2: the characters copied */
    result = PyUnicode_New(total, widest);
    if (result == NULL)
        goto failed;
    Py_ssize_t at = 0;
    for (Py_ssize_t r = 0; r < count; r++) {
        PyObject *pair = PyList_GET_ITEM(pairs, r);
        PyObject *row = PyTuple_GET_ITEM(pair, 0), *match = PyTuple_GET_ITEM(pair, 1);
        for (Py_ssize_t c = 0; c < width; c++) {
            PyObject *cell = PyList_GET_ITEM(row, c);
            if (c > 0)
                put_char(result, &at, delimiter);
            if (put(result, &at, cell, quoting[r] && holds(cell, delimiter)) < 0)
                goto failed;
        }
        PyObject *score = PyList_GET_ITEM(scores, r);
        if (score == Py_None) {
            if (put(result, &at, unmatched, 0) < 0)
                goto failed;
        } else {
            for (Py_ssize_t c = 0; c < WRITTEN_MATCH_CELLS; c++) {
                PyObject *cell = PyTuple_GET_ITEM(match, c);
                if (width > 0 || c > 0)  /* (as csv joins a row of no cells of its own and a match's) */
                    put_char(result, &at, delimiter);
                if (put(result, &at, cell, quoting[r] && holds(cell, delimiter)) < 0)
                    goto failed;
            }
            put_char(result, &at, delimiter);
            if (put(result, &at, score, 0) < 0)
                goto failed;
        }
        put_char(result, &at, '\n');
    }
    assert(at == total);
    PyMem_Free(quoting);
    Py_DECREF(scores);
    return result;

left_to_python:
    PyMem_Free(quoting);
    Py_DECREF(scores);
    Py_RETURN_NONE;
failed:
    PyMem_Free(quoting);
    Py_DECREF(scores);
    Py_XDECREF(result);
    return NULL;
}

/* A line's cells (its ending cut off) as a new list, padded with empty cells to ``width``. */
static PyObject *
cells_of(PyObject *line, Py_UCS4 delimiter, Py_ssize_t width, PyObject *empty)
{
    Py_ssize_t end = PyUnicode_GET_LENGTH(line);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    while (end > 0) {  /* (line.rstrip("\r\n"): a line ends with one of "\n", "\r\n", "\r" or its text) */
        Py_UCS4 c = PyUnicode_READ(kind, data, end - 1);
        if (c != '\n' && c != '\r')
            break;
        end--;
    }
    PyObject *row = PyList_New(0);
    if (row == NULL)
        return NULL;
    if (end > 0) {
        Py_ssize_t start = 0;
        for (;;) {
            Py_ssize_t found = PyUnicode_FindChar(line, delimiter, start, end, 1);
            if (found == -2)
                goto failed;
            Py_ssize_t stop = found < 0 ? end : found;
            PyObject *cell = PyUnicode_Substring(line, start, stop);
            if (cell == NULL)
                goto failed;
            int appended = PyList_Append(row, cell);
            Py_DECREF(cell);
            if (appended < 0)
                goto failed;
            if (found < 0)
                break;
            start = found + 1;
        }
    }
    while (PyList_GET_SIZE(row) < width) {
        if (PyList_Append(row, empty) < 0)
            goto failed;
    }
    return row;
failed:
    Py_DECREF(row);
    return NULL;
}

static PyObject *
split(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_Format(PyExc_TypeError, "split() takes 6 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *lines_obj = args[0], *delimiter_obj = args[2];
    if (!PyList_Check(lines_obj) || !PyUnicode_Check(delimiter_obj) || PyUnicode_GET_LENGTH(delimiter_obj) != 1) {
        PyErr_SetString(PyExc_TypeError, "split() takes a list of lines, where to start, a one-character delimiter, "
                                         "a width, a limit and a most");
        return NULL;
    }
    Py_ssize_t at = PyLong_AsSsize_t(args[1]);
    Py_ssize_t width = at == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[3]);
    Py_ssize_t limit = width == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[4]);
    Py_ssize_t most = limit == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[5]);
    if (most == -1 && PyErr_Occurred())
        return NULL;
    if (at < 0) {
        PyErr_SetString(PyExc_ValueError, "split() starts at a line, not before the first");
        return NULL;
    }
    Py_UCS4 delimiter = PyUnicode_READ_CHAR(delimiter_obj, 0);
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    PyObject *rows = empty ? PyList_New(0) : NULL;
    if (rows == NULL) {
        Py_XDECREF(empty);
        return NULL;
    }
    for (Py_ssize_t i = at; i < PyList_GET_SIZE(lines_obj) && PyList_GET_SIZE(rows) < most; i++) {
        PyObject *line = PyList_GET_ITEM(lines_obj, i);
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "a line is a str");
            goto failed;
        }
        if (PyUnicode_GET_LENGTH(line) > limit)
            break;
        Py_ssize_t quote = PyUnicode_FindChar(line, '"', 0, PyUnicode_GET_LENGTH(line), 1);
        if (quote == -2)
            goto failed;
        if (quote >= 0)
            break;
        PyObject *row = cells_of(line, delimiter, width, empty);
        if (row == NULL)
            goto failed;
        int appended = PyList_Append(rows, row);
        Py_DECREF(row);
        if (appended < 0)
            goto failed;
    }
    Py_DECREF(empty);
    return rows;
failed:
    Py_DECREF(empty);
    Py_DECREF(rows);
    return NULL;
}

static PyMethodDef methods[] = {
    {"split", (PyCFunction)(void (*)(void))split, METH_FASTCALL,
     "The rows of lines[at:] that hold no quote (at most most), as DelimitedSource reads them."},
    {"lines", (PyCFunction)(void (*)(void))lines, METH_FASTCALL,
     "A chunk of (row, match) pairs as the lines DelimitedWriter writes, or None to leave it to Python."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_lines", "CSV or TSV lines read into rows and screened rows written as lines, many at a time (see readers.py, writers.py).", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__lines(void)
{
    return PyModule_Create(&module_definition);
}
