/* Candidate search's gathering step in C: no Python object per posting.

   The sum a query's seed units give each entry on their posting lists, and the loose bound of
   each entry so met (see entitylist/matching/candidates.py, whose pure-Python loops this
   replaces with identical results: the same additions in the same order, the same pow()).
   A common word's posting list holds hundreds of entries; walked in Python, each costs an int
   object, a float object and a dict insertion, most of them turned away at once.

   gather(seeds, size, loose_extra, least_met, min_listed, totals, full_totals, a, b,
          query_floor, floor_met_in_full, least[, aside, extra, plain_totals, may_discount,
          tight_least]) -> (queue, gathered)

   seeds: a sequence of seeds, each a sequence of walks (ids: array('i'), value: float);
   size: the number of entries (every id is below it); totals and full_totals: array('d') of
   each entry's figures. queue: [(-bound, -matched, False, entry id)] of the entries whose loose
   bound reaches ``least``, in the order the entries were first met; gathered: {entry id: sum}
   of those entries.

   With ``aside`` (a sequence of at most 64 (weight, sequence of array('i')): each set-aside
   word's weight and the entries holding one of its matches), the tight bound of each entry whose
   loose bound reaches ``least`` is worked out at once (CandidateSearch.tight_bound but for its
   discount of an entry met on generic words alone, which the caller applies: it only lowers a
   bound): the sum, ``extra``, and the weight of each set-aside word the entry holds; its total
   from ``totals`` where ``may_discount``, else from ``plain_totals``. queue then holds
   (-bound, -matched, True, entry id) of the entries whose tight bound reaches ``tight_least``.

   The scratch arrays are kept between calls and grown as needed; they are used with the GIL
   held throughout, and each call leaves them as it found them (only what it touched is reset). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

static double *acc = NULL;        /* an entry's sum so far */
static double *unit_best = NULL;  /* a seed of several walks: an entry's best value in it */
static char *met = NULL;          /* bit 1: in acc; bit 2: in unit_best */
static int *order = NULL;         /* entries in the order first met */
static int *unit_order = NULL;
static unsigned long long *aside_bits = NULL;  /* bit i: the entry holds a match of set-aside word i */
static int *aside_order = NULL;
static Py_ssize_t capacity = 0;

#define ASIDE_MOST 64

/* One scratch array made to hold ``size`` items of ``item`` bytes, the new ones zeroed. */
static int
resize(void **array, size_t item, Py_ssize_t size)
{
    char *grown = PyMem_Realloc(*array, item * size);
    if (grown == NULL)
        return -1;
    memset(grown + item * capacity, 0, item * (size - capacity));
    *array = grown;
    return 0;
}

static int
grow(Py_ssize_t size)
{
    if (size <= capacity)
        return 0;
    if (resize((void **)&acc, sizeof(double), size) < 0 || resize((void **)&unit_best, sizeof(double), size) < 0
        || resize((void **)&order, sizeof(int), size) < 0 || resize((void **)&unit_order, sizeof(int), size) < 0
        || resize((void **)&aside_bits, sizeof(unsigned long long), size) < 0
        || resize((void **)&aside_order, sizeof(int), size) < 0 || resize((void **)&met, 1, size) < 0)
        return -1;
    capacity = size;
    return 0;
}

/* An array('i') of entry ids as a buffer of C ints (released by the caller on success). */
static int
read_ids(PyObject *array, Py_buffer *view, const char *what)
{
    if (PyObject_GetBuffer(array, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->itemsize != sizeof(int) || view->format == NULL || strcmp(view->format, "i") != 0) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "%s entry ids are an array('i')", what);
        return -1;
    }
    return 0;
}

/* A walk's ids as a buffer of C ints, and its value. */
static int
read_walk(PyObject *walk, Py_buffer *view, double *value)
{
    if (!PyTuple_Check(walk) || PyTuple_GET_SIZE(walk) != 2) {
        PyErr_SetString(PyExc_TypeError, "a walk is a tuple (array('i') of entry ids, value)");
        return -1;
    }
    *value = PyFloat_AsDouble(PyTuple_GET_ITEM(walk, 1));
    if (*value == -1.0 && PyErr_Occurred())
        return -1;
    return read_ids(PyTuple_GET_ITEM(walk, 0), view, "a walk's");
}

static const double *
read_doubles(PyObject *array, Py_buffer *view, Py_ssize_t size, const char *what)
{
    if (PyObject_GetBuffer(array, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (view->itemsize != sizeof(double) || view->format == NULL || strcmp(view->format, "d") != 0
        || view->len / (Py_ssize_t)sizeof(double) < size) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "%s is an array('d') of a figure for each entry", what);
        return NULL;
    }
    return (const double *)view->buf;
}

/* CandidateSearch._bound: the most the name score can be with ``matched`` of an entry met. */
static double
entry_bound(double matched, double total, double full, double min_listed, double a, double b, double query_floor,
            double floor_met_in_full)
{
    if (total == 0.0 || matched < min_listed * total)
        return 0.0;
    double listed = matched < total ? matched / total : 1.0;
    double met_weight = matched < full ? matched : full;
    double floor = matched < full ? query_floor : floor_met_in_full;
    double denominator = met_weight >= floor ? met_weight : floor;
    return pow(listed, a) * pow(met_weight / denominator, b);
}

static PyObject *
gather(PyObject *self, PyObject *args)
{
    PyObject *seeds, *totals_obj, *full_obj, *aside = NULL, *plain_obj = NULL;
    Py_ssize_t size;
    double loose_extra, least_met, min_listed, a, b, query_floor, floor_met_in_full, least;
    double extra = 0.0, tight_least = 0.0;
    int may_discount = 1;
    if (!PyArg_ParseTuple(args, "OndddOOddddd|OdOpd:gather", &seeds, &size, &loose_extra, &least_met, &min_listed,
                          &totals_obj, &full_obj, &a, &b, &query_floor, &floor_met_in_full, &least, &aside, &extra,
                          &plain_obj, &may_discount, &tight_least))
        return NULL;
    if (aside == Py_None)
        aside = NULL;
    if (aside != NULL && plain_obj == NULL) {
        PyErr_SetString(PyExc_TypeError, "the tight bound needs plain_totals");
        return NULL;
    }
    if (size < 0 || size > INT_MAX) {
        PyErr_SetString(PyExc_ValueError, "size out of range");
        return NULL;
    }
    if (grow(size) < 0)
        return PyErr_NoMemory();
    PyObject *seed_list = PySequence_Fast(seeds, "seeds is a sequence");
    if (seed_list == NULL)
        return NULL;
    Py_ssize_t count = 0;  /* entries in acc */
    int failed = 0;
    Py_ssize_t seed_count = PySequence_Fast_GET_SIZE(seed_list);
    for (Py_ssize_t s = 0; s < seed_count && !failed; s++) {
        PyObject *walks = PySequence_Fast(PySequence_Fast_GET_ITEM(seed_list, s), "a seed is a sequence of walks");
        if (walks == NULL) {
            failed = 1;
            break;
        }
        Py_ssize_t walk_count = PySequence_Fast_GET_SIZE(walks);
        Py_ssize_t unit_count = 0;
        for (Py_ssize_t w = 0; w < walk_count; w++) {
            Py_buffer view;
            double value;
            if (read_walk(PySequence_Fast_GET_ITEM(walks, w), &view, &value) < 0) {
                failed = 1;
                break;
            }
            const int *ids = (const int *)view.buf;
            Py_ssize_t n = view.len / (Py_ssize_t)sizeof(int);
            for (Py_ssize_t i = 0; i < n; i++) {
                int id = ids[i];
                if (id < 0 || id >= size) {
                    PyErr_SetString(PyExc_IndexError, "an entry id beyond the entries");
                    failed = 1;
                    break;
                }
                if (walk_count == 1) {  /* one list: its value added to each entry's sum */
                    if (met[id] & 1) {
                        acc[id] = acc[id] + value;
                    } else {
                        acc[id] = 0.0 + value;
                        met[id] |= 1;
                        order[count++] = id;
                    }
                } else if (!(met[id] & 2) ? 0.0 < value : unit_best[id] < value) {
                    /* several lists: a unit counts once per entry, at its best */
                    if (!(met[id] & 2)) {
                        met[id] |= 2;
                        unit_order[unit_count++] = id;
                    }
                    unit_best[id] = value;
                }
            }
            PyBuffer_Release(&view);
            if (failed)
                break;
        }
        for (Py_ssize_t i = 0; i < unit_count; i++) {
            int id = unit_order[i];
            met[id] &= ~2;
            if (failed)
                continue;
            if (met[id] & 1) {
                acc[id] = acc[id] + unit_best[id];
            } else {
                acc[id] = 0.0 + unit_best[id];
                met[id] |= 1;
                order[count++] = id;
            }
        }
        Py_DECREF(walks);
    }
    Py_DECREF(seed_list);
    /* the set-aside words: each entry holding one of a word's matches gets its bit */
    double aside_weights[ASIDE_MOST];
    Py_ssize_t aside_count = 0, marked = 0;
    PyObject *aside_list = NULL;
    if (!failed && aside != NULL) {
        aside_list = PySequence_Fast(aside, "aside is a sequence of (weight, id arrays)");
        failed = aside_list == NULL;
        aside_count = failed ? 0 : PySequence_Fast_GET_SIZE(aside_list);
        if (aside_count > ASIDE_MOST) {
            PyErr_SetString(PyExc_ValueError, "at most 64 set-aside words");
            failed = 1;
        }
        for (Py_ssize_t i = 0; i < aside_count && !failed; i++) {
            PyObject *word = PySequence_Fast_GET_ITEM(aside_list, i);
            if (!PyTuple_Check(word) || PyTuple_GET_SIZE(word) != 2) {
                PyErr_SetString(PyExc_TypeError, "a set-aside word is a tuple (weight, id arrays)");
                failed = 1;
                break;
            }
            aside_weights[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(word, 0));
            if (aside_weights[i] == -1.0 && PyErr_Occurred()) {
                failed = 1;
                break;
            }
            PyObject *arrays = PySequence_Fast(PyTuple_GET_ITEM(word, 1), "a set-aside word's id arrays");
            if (arrays == NULL) {
                failed = 1;
                break;
            }
            for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(arrays) && !failed; j++) {
                Py_buffer view;
                if (read_ids(PySequence_Fast_GET_ITEM(arrays, j), &view, "a set-aside word's") < 0) {
                    failed = 1;
                    break;
                }
                const int *ids = (const int *)view.buf;
                Py_ssize_t n = view.len / (Py_ssize_t)sizeof(int);
                for (Py_ssize_t k = 0; k < n; k++) {
                    int id = ids[k];
                    if (id < 0 || id >= size) {
                        PyErr_SetString(PyExc_IndexError, "an entry id beyond the entries");
                        failed = 1;
                        break;
                    }
                    if (aside_bits[id] == 0)
                        aside_order[marked++] = id;
                    aside_bits[id] |= 1ULL << i;
                }
                PyBuffer_Release(&view);
            }
            Py_DECREF(arrays);
        }
    }
    PyObject *queue = NULL, *gathered = NULL;
    Py_buffer totals_view, full_view, plain_view;
    int have_totals = 0, have_full = 0, have_plain = 0;
    if (!failed) {
        const double *totals = read_doubles(totals_obj, &totals_view, size, "totals");
        have_totals = totals != NULL;
        const double *fulls = have_totals ? read_doubles(full_obj, &full_view, size, "full_totals") : NULL;
        have_full = fulls != NULL;
        const double *plains = NULL;
        if (have_full && aside != NULL) {
            plains = read_doubles(plain_obj, &plain_view, size, "plain_totals");
            have_plain = plains != NULL;
        }
        int ready = have_full && (aside == NULL || have_plain);
        queue = ready ? PyList_New(0) : NULL;
        gathered = queue ? PyDict_New() : NULL;
        failed = gathered == NULL;
        for (Py_ssize_t i = 0; i < count && !failed; i++) {
            int id = order[i];
            double matched = acc[id] + loose_extra;
            if (matched < least_met)
                continue;
            double total = totals[id];
            if (matched < min_listed * total)
                continue;
            double bound = entry_bound(matched, total, fulls[id], min_listed, a, b, query_floor, floor_met_in_full);
            if (!(bound >= least))
                continue;
            int tight = aside != NULL;
            if (tight) {  /* CandidateSearch.tight_bound, but for its discount */
                matched = acc[id] + extra;
                unsigned long long bits = aside_bits[id];
                for (Py_ssize_t w = 0; w < aside_count; w++) {
                    if ((bits >> w) & 1ULL)
                        matched += aside_weights[w];
                }
                bound = entry_bound(matched, may_discount ? totals[id] : plains[id], fulls[id], min_listed, a, b, query_floor,
                                    floor_met_in_full);
                if (!(bound >= tight_least))
                    continue;
            }
            PyObject *item = Py_BuildValue("(ddOi)", -bound, -matched, tight ? Py_True : Py_False, id);
            PyObject *key = item ? PyLong_FromLong(id) : NULL;
            PyObject *sum = key ? PyFloat_FromDouble(acc[id]) : NULL;
            if (sum == NULL || PyList_Append(queue, item) < 0 || PyDict_SetItem(gathered, key, sum) < 0)
                failed = 1;
            Py_XDECREF(item);
            Py_XDECREF(key);
            Py_XDECREF(sum);
        }
    }
    for (Py_ssize_t i = 0; i < count; i++)
        met[order[i]] = 0;
    for (Py_ssize_t i = 0; i < marked; i++)
        aside_bits[aside_order[i]] = 0;
    Py_XDECREF(aside_list);
    if (have_totals)
        PyBuffer_Release(&totals_view);
    if (have_full)
        PyBuffer_Release(&full_view);
    if (have_plain)
        PyBuffer_Release(&plain_view);
    if (failed) {
        Py_XDECREF(queue);
        Py_XDECREF(gathered);
        return NULL;
    }
    PyObject *result = PyTuple_Pack(2, queue, gathered);
    Py_DECREF(queue);
    Py_DECREF(gathered);
    return result;
}

static PyMethodDef methods[] = {
    {"gather", gather, METH_VARARGS,
     "gather(seeds, size, loose_extra, least_met, min_listed, totals, full_totals, a, b, query_floor, "
     "floor_met_in_full, least[, aside, extra, plain_totals, may_discount, tight_least]) -> (queue, gathered): "
     "candidate search's gathering step and bounds (see candidates.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "entitylist.matching._gather",
    "Candidate search's gathering step, compiled: no Python object per posting.", -1, methods,
};

PyMODINIT_FUNC
PyInit__gather(void)
{
    return PyModule_Create(&module);
}
