/* ``str.isalpha`` in C, with an ASCII word's letters told by their bytes.

   letters_only(word) -> bool
       word.isalpha(): True for a word of one or more letters, and nothing else. Matching asks it
       of every word of every name many times over (a name's units, its romanisation, the runs the
       scorer joins). Compiled code calls ``str.isalpha`` through the interpreter's method call,
       and ``str.isalpha`` asks the Unicode database of each character in turn (about 20
       instructions a letter); an ASCII word (almost every word, once transliterated) is a letter
       for each byte between 'a' and 'z' or 'A' and 'Z'. Any other word is asked as ``str.isalpha``
       asks it, character by character (see entitylist/matching/vocabulary.py, which falls back to
       ``str.isalpha`` where this module was not compiled). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

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
        const unsigned char *letters = PyUnicode_1BYTE_DATA(word);
        for (Py_ssize_t at = 0; at < length; at++) {
            /* (a small or capital letter: folded to small, within 'a'..'z') */
            if ((unsigned char)((letters[at] | 0x20) - 'a') >= 26) {
                Py_RETURN_FALSE;
            }
        }
        Py_RETURN_TRUE;
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

static PyMethodDef methods[] = {
    {"letters_only", (PyCFunction)letters_only, METH_O, "word.isalpha(), an ASCII word told by its bytes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_letters", "str.isalpha in C (see vocabulary.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__letters(void)
{
    return PyModule_Create(&module_definition);
}
