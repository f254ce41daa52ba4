/* A cold word's typo look-up in C: no Python string per variant the tables cannot hold.

   NameIndex.matches looks a word up by its deletion variants, one and (for a long word) two
   letters shorter, in the listed words (unit_weight) and in the table of listed words by their
   deletions (deletes). A word of ten letters has about a hundred such variants and the tables
   hold almost none of them. In Python each variant is a new string, hashed and checked against
   a bit filter of the tables' keys; here a variant is hashed where it stands, in the word's own
   letters, and only a variant the filter lets through is made into a string and probed (see
   entitylist/matching/index.py, whose pure-Python loop this replaces with the same candidates).

   typo_filter(tables) -> bytes
       The filter: a Bloom filter of TYPO_FILTER_BITS bits (256 KiB) with two bits set for each
       key of each table (an iterable of str), taken from the hash below: about one variant in a
       hundred that neither table holds gets through. The hash is this module's own, not Python's
       (which is salted per process): the filter holds in any process.

   typo_candidates(text, keys, unit_weight, deletes, twice) -> set[str]
       The listed words a word's typos may be: deletes[text], and for each deletion variant of
       text (and, where ``twice``, each variant of a variant) the variant itself where it is a
       key of unit_weight and deletes[variant]. ``keys``: a filter made by typo_filter from
       unit_weight and deletes, or None to probe every variant. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define TYPO_FILTER_BITS (1 << 21)
#define TYPO_FILTER_MASK (TYPO_FILTER_BITS - 1)
#define TYPO_FILTER_BYTES (TYPO_FILTER_BITS >> 3)

/* FNV-1a over the code points (whatever the string's storage), then a final mix so that the
   low bits, which the filter takes, depend on every letter. */
typedef struct {
    uint64_t state;
} Hash;

static inline void
hash_start(Hash *hash)
{
    hash->state = 0xcbf29ce484222325ULL;
}

static inline void
hash_add(Hash *hash, Py_UCS4 letter)
{
    hash->state = (hash->state ^ (uint64_t)letter) * 0x100000001b3ULL;
}

/* The hash finished: its two filter bits are its low bits and the bits from the 32nd up. */
static inline uint64_t
hash_bits(const Hash *hash)
{
    uint64_t mixed = hash->state;
    mixed ^= mixed >> 33;
    mixed *= 0xff51afd7ed558ccdULL;
    mixed ^= mixed >> 33;
    return mixed;
}

static inline int
bit_set(const unsigned char *keys, uint32_t bit)
{
    return (keys[bit >> 3] >> (bit & 7)) & 1;
}

static inline int
marked(const unsigned char *keys, uint64_t bits)
{
    return bit_set(keys, (uint32_t)(bits & TYPO_FILTER_MASK)) && bit_set(keys, (uint32_t)((bits >> 32) & TYPO_FILTER_MASK));
}

static inline void
mark(unsigned char *keys, uint64_t bits)
{
    uint32_t one = (uint32_t)(bits & TYPO_FILTER_MASK), other = (uint32_t)((bits >> 32) & TYPO_FILTER_MASK);
    keys[one >> 3] |= (unsigned char)(1 << (one & 7));
    keys[other >> 3] |= (unsigned char)(1 << (other & 7));
}

/* The hash bits of ``letters`` without the letters at ``skip`` and ``skip2`` (-1: none). */
static uint64_t
variant_bits(const Py_UCS4 *letters, Py_ssize_t size, Py_ssize_t skip, Py_ssize_t skip2)
{
    Hash hash;
    hash_start(&hash);
    for (Py_ssize_t i = 0; i < size; i++) {
        if (i != skip && i != skip2)
            hash_add(&hash, letters[i]);
    }
    return hash_bits(&hash);
}

static int
mark_key(unsigned char *marks, PyObject *key)
{
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "typo_filter: a key is %.80s, not str", Py_TYPE(key)->tp_name);
        return -1;
    }
    if (PyUnicode_READY(key) < 0)
        return -1;
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    Py_ssize_t size = PyUnicode_GET_LENGTH(key);
    Hash hash;
    hash_start(&hash);
    for (Py_ssize_t i = 0; i < size; i++)
        hash_add(&hash, PyUnicode_READ(kind, data, i));
    mark(marks, hash_bits(&hash));
    return 0;
}

static PyObject *
typo_filter(PyObject *module, PyObject *tables)
{
    PyObject *result = PyBytes_FromStringAndSize(NULL, TYPO_FILTER_BYTES);
    if (result == NULL)
        return NULL;
    unsigned char *marks = (unsigned char *)PyBytes_AS_STRING(result);
    memset(marks, 0, TYPO_FILTER_BYTES);
    PyObject *outer = PyObject_GetIter(tables);
    if (outer == NULL)
        goto error;
    PyObject *table;
    while ((table = PyIter_Next(outer)) != NULL) {
        int failed = 0;
        if (PyDict_Check(table)) {  /* (a dict's keys walked in place) */
            Py_ssize_t position = 0;
            PyObject *key, *value;
            while (!failed && PyDict_Next(table, &position, &key, &value))
                failed = mark_key(marks, key) < 0;
        }
        else {
            PyObject *keys = PyObject_GetIter(table);
            failed = keys == NULL;
            PyObject *key;
            while (!failed && (key = PyIter_Next(keys)) != NULL) {
                failed = mark_key(marks, key) < 0;
                Py_DECREF(key);
            }
            failed = failed || PyErr_Occurred() != NULL;
            Py_XDECREF(keys);
        }
        Py_DECREF(table);
        if (failed) {
            Py_DECREF(outer);
            goto error;
        }
    }
    Py_DECREF(outer);
    if (PyErr_Occurred())
        goto error;
    return result;
error:
    Py_DECREF(result);
    return NULL;
}

/* Adds each word of deletes[key] (a sequence of str), if any, to ``found``. */
static int
add_listed(PyObject *found, PyObject *deletes, PyObject *key)
{
    PyObject *listed = PyDict_GetItemWithError(deletes, key);  /* (borrowed) */
    if (listed == NULL)
        return PyErr_Occurred() ? -1 : 0;
    PyObject *words = PySequence_Fast(listed, "typo_candidates: a value of deletes is not a sequence");
    if (words == NULL)
        return -1;
    Py_ssize_t size = PySequence_Fast_GET_SIZE(words);
    PyObject **items = PySequence_Fast_ITEMS(words);
    for (Py_ssize_t i = 0; i < size; i++) {
        if (PySet_Add(found, items[i]) < 0) {
            Py_DECREF(words);
            return -1;
        }
    }
    Py_DECREF(words);
    return 0;
}

/* The variant of ``letters`` without the letters at ``skip`` and ``skip2`` (-1: none) probed in
   both tables: added to ``found`` where unit_weight holds it, and deletes[variant] added. With
   ``seen``, a variant already in it is passed over (and one that is not is put there). */
static int
probe(PyObject *found, PyObject *unit_weight, PyObject *deletes, PyObject *seen,
      const Py_UCS4 *letters, Py_ssize_t size, Py_ssize_t skip, Py_ssize_t skip2, Py_UCS4 *scratch)
{
    Py_ssize_t length = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        if (i != skip && i != skip2)
            scratch[length++] = letters[i];
    }
    PyObject *variant = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, scratch, length);
    if (variant == NULL)
        return -1;
    int status = 0;
    if (seen != NULL) {
        int known = PySet_Contains(seen, variant);
        if (known != 0) {
            Py_DECREF(variant);
            return known < 0 ? -1 : 0;
        }
        status = PySet_Add(seen, variant);
    }
    if (status == 0) {
        int listed = PyDict_Contains(unit_weight, variant);
        status = listed < 0 ? -1 : listed ? PySet_Add(found, variant) : 0;
    }
    if (status == 0)
        status = add_listed(found, deletes, variant);
    Py_DECREF(variant);
    return status;
}

static PyObject *
typo_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_Format(PyExc_TypeError, "typo_candidates() takes 5 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *text = args[0], *keys = args[1], *unit_weight = args[2], *deletes = args[3];
    int twice = PyObject_IsTrue(args[4]);
    if (twice < 0)
        return NULL;
    if (!PyUnicode_Check(text) || PyUnicode_READY(text) < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "typo_candidates: text must be str");
        return NULL;
    }
    if (!PyDict_Check(unit_weight) || !PyDict_Check(deletes)) {
        PyErr_SetString(PyExc_TypeError, "typo_candidates: unit_weight and deletes must be dicts");
        return NULL;
    }
    const unsigned char *filter = NULL;
    if (keys != Py_None) {
        if (!PyBytes_Check(keys) || PyBytes_GET_SIZE(keys) != TYPO_FILTER_BYTES) {
            PyErr_SetString(PyExc_ValueError, "typo_candidates: keys must be None or a filter made by typo_filter");
            return NULL;
        }
        filter = (const unsigned char *)PyBytes_AS_STRING(keys);
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *letters = PyUnicode_AsUCS4Copy(text);
    if (letters == NULL)
        return NULL;
    Py_UCS4 *scratch = PyMem_Malloc(sizeof(Py_UCS4) * (size + 1));
    PyObject *found = PySet_New(NULL);
    PyObject *seen = twice ? PySet_New(NULL) : NULL;
    if (scratch == NULL || found == NULL || (twice && seen == NULL)) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto error;
    }
    if (add_listed(found, deletes, text) < 0)
        goto error;
    for (Py_ssize_t i = 0; i < size; i++) {
        if (i > 0 && letters[i] == letters[i - 1])
            continue;  /* (the same variant as the letter before gave) */
        if ((filter == NULL || marked(filter, variant_bits(letters, size, i, -1)))
            && probe(found, unit_weight, deletes, NULL, letters, size, i, -1, scratch) < 0)
            goto error;
        if (!twice)
            continue;
        /* the variant's own variants: without the letter at j as well (j before or after i) */
        for (Py_ssize_t j = 0; j < size; j++) {
            if (j == i)
                continue;
            /* the letter before j in the variant: j - 1, or j - 2 where i stands between */
            Py_ssize_t before = j - 1 == i ? j - 2 : j - 1;
            if (before >= 0 && letters[before] == letters[j])
                continue;  /* (the same variant of the variant as that letter gave) */
            if (filter != NULL && !marked(filter, variant_bits(letters, size, i, j)))
                continue;
            if (probe(found, unit_weight, deletes, seen, letters, size, i, j, scratch) < 0)
                goto error;
        }
    }
    PyMem_Free(letters);
    PyMem_Free(scratch);
    Py_XDECREF(seen);
    return found;
error:
    PyMem_Free(letters);
    PyMem_Free(scratch);
    Py_XDECREF(found);
    Py_XDECREF(seen);
    return NULL;
}

static PyMethodDef methods[] = {
    {"typo_filter", (PyCFunction)typo_filter, METH_O, "The bit filter of the typo tables' keys."},
    {"typo_candidates", (PyCFunction)(void (*)(void))typo_candidates, METH_FASTCALL,
     "The listed words a word's deletion variants (one or two letters) meet in the typo tables."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_typos", "A cold word's typo look-up, compiled (see index.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__typos(void)
{
    return PyModule_Create(&module_definition);
}
