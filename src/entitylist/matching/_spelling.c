/* Two words' spelling similarity, rapidfuzz's ``DamerauLevenshtein.normalized_similarity``,
   called through the C interface rapidfuzz gives each scorer (the ``_RF_Scorer`` capsule on the
   scorer function, the interface its own ``process`` functions call).

   Matching compares words by their spelling about once for each name it screens, and for each
   word it has not met before many more times (every typo candidate of the word, every word filed
   under one of its keys). Called from compiled Python, each comparison cost about 1,000
   instructions more than the scorer's own work (about 2,300 on the words matching compares): its
   arguments parsed, the keyword ``score_cutoff`` among them, and the two strings checked and
   wrapped. Here the two strings are handed to the same scorer directly.

   bind(function) -> bool
       Take the scorer from the ``_RF_Scorer`` capsule of ``function`` (rapidfuzz's
       ``normalized_similarity``) where it is the interface this module knows (version 3: a scorer
       that can be called without being built for one string first, giving a float), and its
       keyword arguments (none) made once. False, and nothing bound, otherwise: the caller then
       calls the function from Python. (One function is bound, once: True again for it alone.)

   similarity(first, second, score_cutoff) -> float
       ``function(first, second, score_cutoff=score_cutoff)``: 1 - distance / the longer length,
       or 0.0 below ``score_cutoff`` (0.0: never). Strings of any width are handed over as they
       are stored, as rapidfuzz hands over a ``str``. The similarity is the scorer's, asked with
       no cutoff: one clearly above the cutoff (by a millionth) is itself, one clearly below it
       0.0. Nearer the cutoff, rapidfuzz's function decides by a rounding of its own (5 letters,
       one edit: 0.8 at a cutoff of 0.8 is 0.0; 0.8333333333333334 at a cutoff one step of a
       double above it is itself): those few pairs are asked of the function itself.

   (See ``_spelling_scorer`` in entitylist/matching/index.py, which calls rapidfuzz from Python
   where this module was not compiled or could not bind, with the same results.) */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdbool.h>
#include <stdint.h>

/* rapidfuzz's C interface for scorers, as its header declares it (version 3). Only the parts
   used here are named; the layout is rapidfuzz's. */
enum rf_string_kind { RF_UINT8, RF_UINT16, RF_UINT32, RF_UINT64 };

typedef struct rf_string {
    void (*dtor)(struct rf_string *self);
    enum rf_string_kind kind;
    void *data;
    int64_t length;
    void *context;
} rf_string;

typedef struct rf_kwargs {
    void (*dtor)(struct rf_kwargs *self);
    void *context;
} rf_kwargs;

typedef struct {
    uint32_t flags;
    union { double f64; int64_t i64; size_t sizet; } optimal_score;
    union { double f64; int64_t i64; size_t sizet; } worst_score;
} rf_scorer_flags;

typedef struct {
    union {
        bool (*f64)(const rf_string *first, const rf_string *second, const rf_kwargs *kwargs, double score_cutoff,
                    double score_hint, double *result);
        void *other;
    } call;
} rf_uncached_scorer;

typedef struct {
    uint32_t version;
    bool (*kwargs_init)(rf_kwargs *self, PyObject *kwargs);
    bool (*get_scorer_flags)(const rf_kwargs *kwargs, rf_scorer_flags *flags);
    void *scorer_func_init;
    rf_uncached_scorer uncached;
} rf_scorer;

#define RF_SCORER_VERSION_KNOWN ((uint32_t)3)
#define RF_SCORER_FLAG_RESULT_F64 ((uint32_t)1 << 5)

static const rf_scorer *bound_scorer = NULL;
static rf_kwargs bound_kwargs = {NULL, NULL};
static PyObject *bound_function = NULL; /* (kept: its capsule holds the scorer) */
static PyObject *cutoff_name = NULL;    /* ("score_cutoff", the keyword of a call of the function) */

/* (a similarity this far from the cutoff is past the function's own rounding of it, which moves
   it by about a ten-millionth at most) */
#define CLEARLY_APART 1e-6

static PyObject *
bind(PyObject *module, PyObject *function)
{
    if (bound_scorer != NULL) { /* (one function is bound, once) */
        return PyBool_FromLong(function == bound_function);
    }
    PyObject *capsule = PyObject_GetAttrString(function, "_RF_Scorer");
    if (capsule == NULL) {
        PyErr_Clear();
        Py_RETURN_FALSE;
    }
    if (!PyCapsule_CheckExact(capsule)) {
        Py_DECREF(capsule);
        Py_RETURN_FALSE;
    }
    const rf_scorer *scorer = PyCapsule_GetPointer(capsule, PyCapsule_GetName(capsule));
    Py_DECREF(capsule); /* (the function keeps it) */
    if (scorer == NULL) {
        return NULL;
    }
    if (scorer->version != RF_SCORER_VERSION_KNOWN || scorer->kwargs_init == NULL || scorer->get_scorer_flags == NULL
        || scorer->uncached.call.f64 == NULL) {
        Py_RETURN_FALSE;
    }
    PyObject *none = PyDict_New();
    if (none == NULL) {
        return NULL;
    }
    rf_kwargs kwargs = {NULL, NULL};
    bool made = scorer->kwargs_init(&kwargs, none);
    Py_DECREF(none);
    if (!made) {
        return NULL;
    }
    rf_scorer_flags flags;
    if (!scorer->get_scorer_flags(&kwargs, &flags)) {
        if (kwargs.dtor != NULL) {
            kwargs.dtor(&kwargs);
        }
        return NULL;
    }
    if (!(flags.flags & RF_SCORER_FLAG_RESULT_F64)) {
        if (kwargs.dtor != NULL) {
            kwargs.dtor(&kwargs);
        }
        Py_RETURN_FALSE;
    }
    cutoff_name = Py_BuildValue("(s)", "score_cutoff");
    if (cutoff_name == NULL) {
        if (kwargs.dtor != NULL) {
            kwargs.dtor(&kwargs);
        }
        return NULL;
    }
    Py_INCREF(function);
    bound_function = function;
    bound_kwargs = kwargs;
    bound_scorer = scorer;
    Py_RETURN_TRUE;
}

static int
as_rf_string(PyObject *text, rf_string *out)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "similarity() compares two str, not %.100s", Py_TYPE(text)->tp_name);
        return -1;
    }
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        out->kind = RF_UINT8;
        break;
    case PyUnicode_2BYTE_KIND:
        out->kind = RF_UINT16;
        break;
    default:
        out->kind = RF_UINT32;
        break;
    }
    out->dtor = NULL;
    out->data = PyUnicode_DATA(text);
    out->length = (int64_t)PyUnicode_GET_LENGTH(text);
    out->context = NULL;
    return 0;
}

static PyObject *
similarity(PyObject *module, PyObject *const *args, Py_ssize_t count)
{
    if (count != 3) {
        PyErr_Format(PyExc_TypeError, "similarity() takes 3 arguments (%zd given)", count);
        return NULL;
    }
    if (bound_scorer == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "similarity(): no scorer bound (see bind())");
        return NULL;
    }
    rf_string first, second;
    if (as_rf_string(args[0], &first) < 0 || as_rf_string(args[1], &second) < 0) {
        return NULL;
    }
    double score_cutoff = PyFloat_AsDouble(args[2]);
    if (score_cutoff == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    if (score_cutoff < 0.0 || score_cutoff > 1.0) { /* (as rapidfuzz's function refuses it; NaN, below, it answers) */
        PyErr_SetString(PyExc_TypeError, "score_cutoff has to be in the range of 0.0 - 1.0");
        return NULL;
    }
    double result = 0.0;
    if (!bound_scorer->uncached.call.f64(&first, &second, &bound_kwargs, 0.0, 0.0, &result)) {
        return NULL;
    }
    if (score_cutoff <= 0.0 || result - score_cutoff >= CLEARLY_APART) {
        return PyFloat_FromDouble(result);
    }
    if (score_cutoff - result >= CLEARLY_APART) {
        return PyFloat_FromDouble(0.0);
    }
    /* (near the cutoff: as the function rounds it, the cutoff passed by its keyword) */
    return PyObject_Vectorcall(bound_function, args, 2, cutoff_name);
}

static PyMethodDef methods[] = {
    {"bind", (PyCFunction)bind, METH_O, "Take the scorer of rapidfuzz's function from its _RF_Scorer capsule where its interface is known."},
    {"similarity", (PyCFunction)(void (*)(void))similarity, METH_FASTCALL,
     "The bound function's normalized similarity of two str, 0.0 below score_cutoff."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_spelling", "Two words' spelling similarity through rapidfuzz's C interface (see index.py).", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__spelling(void)
{
    return PyModule_Create(&module_definition);
}
