/* Candidate search's gathering step in C: no Python object per posting (gather), and the search
   that works out its figures from the query's look-ups and calls it (search, further down).

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
#include <stdint.h>
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

/* The two shares entry_bound() raises to their powers: of the listed name's weight, and of the
   query's (over the query's floor), with ``matched`` of an entry met. */
static void
bound_shares(double matched, double total, double full, double query_floor, double floor_met_in_full, double *listed,
             double *met)
{
    *listed = matched < total ? matched / total : 1.0;
    double met_weight = matched < full ? matched : full;
    /* the floor of a listed name met in full whatever ``matched``: the scorer counts a name met in
       full when every listed word is paired, by typos too (CandidateSearch._bound) */
    (void)query_floor;
    double floor = floor_met_in_full;
    double denominator = met_weight >= floor ? met_weight : floor;
    *met = met_weight / denominator;
}

/* Bounds of x**y (0 < y <= 1) on either side without pow(), for telling an entry's bound from
   the threshold: x**y is concave in x, so each of its tangents lies above it everywhere, and
   between two points it lies above their chord. A table holds, for each of TANGENT_STEPS slices
   of each of TANGENT_OCTAVES octaves below 1 (the slice of x read from its exponent and first
   mantissa bits), the tangent at the slice's geometric middle and the chord over the slice:
   within 0.1 % of x**y on either side. Below those octaves, the lowest tangent (still above) and
   0.0. Made with pow() for each exponent asked (the index's two, so once a process). */
#define TANGENT_OCTAVES 24
#define TANGENT_STEPS 8  /* 2 ** the mantissa bits read */

typedef struct {
    double exponent;  /* 0.0: not made yet */
    double above_at[TANGENT_OCTAVES * TANGENT_STEPS], above_by[TANGENT_OCTAVES * TANGENT_STEPS];
    double below_at[TANGENT_OCTAVES * TANGENT_STEPS], below_by[TANGENT_OCTAVES * TANGENT_STEPS];
} Tangents;

static Tangents tangents_a, tangents_b;

static void
make_tangents(Tangents *made, double y)
{
    if (made->exponent == y)
        return;
    for (int octave = 0; octave < TANGENT_OCTAVES; octave++) {
        double scale = ldexp(1.0, -octave - 1);  /* the octave [scale, 2 * scale) */
        for (int step = 0; step < TANGENT_STEPS; step++) {
            int at = octave * TANGENT_STEPS + step;
            double low = scale * (1.0 + (double)step / TANGENT_STEPS);
            double high = scale * (1.0 + (double)(step + 1) / TANGENT_STEPS);
            double middle = sqrt(low * high), value = pow(middle, y);
            /* the tangent at the middle: value + y * value / middle * (x - middle) */
            made->above_at[at] = (1.0 - y) * value;
            made->above_by[at] = y * value / middle;
            /* the chord: low**y + (x - low) * (high**y - low**y) / (high - low) */
            double low_value = pow(low, y), high_value = pow(high, y);
            made->below_by[at] = (high_value - low_value) / (high - low);
            made->below_at[at] = low_value - low * made->below_by[at];
        }
    }
    made->exponent = y;
}

/* At least and at most x**y for 0 < x <= 1 (both 1.0 at 1.0, which pow() gives exactly). */
static inline void
pow_bounds(const Tangents *tangents, double x, double *above, double *below)
{
    if (x >= 1.0) {
        *above = *below = 1.0;
        return;
    }
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int octave = 1022 - (int)((bits >> 52) & 0x7ff);  /* x in [2**-(octave + 1), 2**-octave) */
    int step = (int)((bits >> 49) & (TANGENT_STEPS - 1));  /* the first three bits of its mantissa */
    int below_octaves = octave >= TANGENT_OCTAVES;  /* (the lowest tangent above; nothing below but 0.0) */
    int at = below_octaves ? (TANGENT_OCTAVES - 1) * TANGENT_STEPS : octave * TANGENT_STEPS + step;
    *above = tangents->above_at[at] + tangents->above_by[at] * x;
    *below = below_octaves ? 0.0 : tangents->below_at[at] + tangents->below_by[at] * x;
}

/* The rounding the bounds allow for: of pow(), of the tables, the products and the sums (a few
   units in the last place each), far inside it. */
#define BOUND_MARGIN 1e-9

/* Whether listed**a * met**b is surely below ``least`` (-1), surely at or above it (1), or too
   close to it to tell without pow() (0); the tables made for a and b, both in (0, 1]. */
static inline int
told_from(double listed, double met, double least)
{
    if (!(listed > 0.0 && listed <= 1.0 && met > 0.0 && met <= 1.0 && least > 0.0))
        return 0;
    double listed_above, listed_below, met_above, met_below;
    pow_bounds(&tangents_a, listed, &listed_above, &listed_below);
    pow_bounds(&tangents_b, met, &met_above, &met_below);
    if (listed_above * met_above * (1.0 + BOUND_MARGIN) < least)
        return -1;
    if (listed_below * met_below * (1.0 - BOUND_MARGIN) >= least)
        return 1;
    return 0;
}

/* CandidateSearch._bound: the most the name score can be with ``matched`` of an entry met. */
static inline double
entry_bound(double listed, double met, double a, double b)
{
    /* pow(1.0, y) is exactly 1.0 (C99): an entry met in full, or met above the query's floor,
       needs no pow() (about a tenth of the bounds of realistic names) */
    return (listed == 1.0 ? 1.0 : pow(listed, a)) * (met == 1.0 ? 1.0 : pow(met, b));
}

/* Whether an entry's bound reaches ``least``, and where ``value`` is asked (not NULL) and it
   does, the bound, as CandidateSearch._bound gives it. Told without pow() where the bounds of
   its two shares (``tables``: a and b both in (0, 1]) settle it: most entries met are far below
   the threshold, and most whose loose bound reaches it are only asked whether it does, their
   tight bound taking its place. So the same entries are kept, with the same bounds. */
static int
reaches(double matched, double total, double full, double min_listed, double a, double b, double query_floor,
        double floor_met_in_full, double least, int tables, double *value)
{
    if (total == 0.0 || matched < min_listed * total)
        return 0;
    double listed, met;
    bound_shares(matched, total, full, query_floor, floor_met_in_full, &listed, &met);
    int told = tables && total > 0.0 ? told_from(listed, met, least) : 0;
    if (told < 0)
        return 0;
    if (told > 0 && value == NULL)
        return 1;
    double bound = entry_bound(listed, met, a, b);
    if (value != NULL)
        *value = bound;
    return bound >= least;
}

/* gather()'s arguments, as search() hands them over without making a Python call of them */
typedef struct {
    PyObject *seeds, *totals_obj, *full_obj, *aside, *plain_obj;
    Py_ssize_t size;
    double loose_extra, least_met, min_listed, a, b, query_floor, floor_met_in_full, least, extra, tight_least;
    int may_discount;
} GatherArgs;

/* (-bound, -matched, tight, entry id): a queued entry */
static PyObject *
queued(double bound, double matched, int tight, int id)
{
    PyObject *item = PyTuple_New(4);
    if (item == NULL)
        return NULL;
    PyObject *first = PyFloat_FromDouble(-bound), *second = first ? PyFloat_FromDouble(-matched) : NULL;
    PyObject *fourth = second ? PyLong_FromLong(id) : NULL;
    if (fourth == NULL) {
        Py_XDECREF(first);
        Py_XDECREF(second);
        Py_DECREF(item);
        return NULL;
    }
    PyTuple_SET_ITEM(item, 0, first);
    PyTuple_SET_ITEM(item, 1, second);
    PyTuple_SET_ITEM(item, 2, Py_NewRef(tight ? Py_True : Py_False));
    PyTuple_SET_ITEM(item, 3, fourth);
    return item;
}

static PyObject *gather_core(const GatherArgs *given);

static PyObject *
gather(PyObject *self, PyObject *args)
{
    GatherArgs given = {.aside = NULL, .plain_obj = NULL, .extra = 0.0, .tight_least = 0.0, .may_discount = 1};
    if (!PyArg_ParseTuple(args, "OndddOOddddd|OdOpd:gather", &given.seeds, &given.size, &given.loose_extra,
                          &given.least_met, &given.min_listed, &given.totals_obj, &given.full_obj, &given.a, &given.b,
                          &given.query_floor, &given.floor_met_in_full, &given.least, &given.aside, &given.extra,
                          &given.plain_obj, &given.may_discount, &given.tight_least))
        return NULL;
    return gather_core(&given);
}

static PyObject *
gather_core(const GatherArgs *given)
{
    PyObject *seeds = given->seeds, *totals_obj = given->totals_obj, *full_obj = given->full_obj;
    PyObject *aside = given->aside, *plain_obj = given->plain_obj;
    Py_ssize_t size = given->size;
    double loose_extra = given->loose_extra, least_met = given->least_met, min_listed = given->min_listed, a = given->a;
    double b = given->b, query_floor = given->query_floor, floor_met_in_full = given->floor_met_in_full;
    double least = given->least, extra = given->extra, tight_least = given->tight_least;
    int tables = a > 0.0 && a <= 1.0 && b > 0.0 && b <= 1.0;  /* (the bounds of x**y hold for such exponents) */
    if (tables) {
        make_tangents(&tangents_a, a);
        make_tangents(&tangents_b, b);
    }
    int may_discount = given->may_discount;
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
            int tight = aside != NULL;
            double bound = 0.0;
            if (!reaches(matched, total, fulls[id], min_listed, a, b, query_floor, floor_met_in_full, least, tables,
                         tight ? NULL : &bound))
                continue;
            if (tight) {  /* CandidateSearch.tight_bound, but for its discount */
                matched = acc[id] + extra;
                unsigned long long bits = aside_bits[id];
                for (Py_ssize_t w = 0; w < aside_count; w++) {
                    if ((bits >> w) & 1ULL)
                        matched += aside_weights[w];
                }
                double tight_total = may_discount ? totals[id] : plains[id];
                if (!reaches(matched, tight_total, fulls[id], min_listed, a, b, query_floor, floor_met_in_full,
                             tight_least, tables, &bound))
                    continue;
            }
            PyObject *item = queued(bound, matched, tight, id);
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

/* The int positions of a Unit (its ``positions`` attribute, a tuple of ints) into ``into``; their count, or -1. */
static Py_ssize_t
unit_positions(PyObject *unit, PyObject *name, Py_ssize_t words, Py_ssize_t *into, Py_ssize_t most)
{
    PyObject *positions = PyObject_GetAttr(unit, name);
    if (positions == NULL)
        return -1;
    if (!PyTuple_Check(positions) || PyTuple_GET_SIZE(positions) == 0) {
        Py_DECREF(positions);
        PyErr_SetString(PyExc_TypeError, "a unit's positions are a tuple of word positions");
        return -1;
    }
    if (PyTuple_GET_SIZE(positions) > most) {
        Py_DECREF(positions);
        return -2;  /* (more words than this step keeps: the caller searches in Python) */
    }
    Py_ssize_t count = PyTuple_GET_SIZE(positions);
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t at = PyLong_AsSsize_t(PyTuple_GET_ITEM(positions, i));
        if (at < 0 || at >= words) {
            Py_DECREF(positions);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_IndexError, "a unit's position beyond the query's words");
            return -1;
        }
        into[i] = at;
    }
    Py_DECREF(positions);
    return count;
}

/* Whether ``position`` is one of the ints of the tuple ``positions``. */
static int
holds_position(PyObject *positions, Py_ssize_t position)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(positions); i++) {
        if (PyLong_AsSsize_t(PyTuple_GET_ITEM(positions, i)) == position)
            return 1;
    }
    return 0;
}

/* (share, what): a set-aside word's share with the units meeting it, or with its id arrays */
static PyObject *
with_share(double share, PyObject *what)
{
    PyObject *value = PyFloat_FromDouble(share);
    if (value == NULL)
        return NULL;
    PyObject *pair = PyTuple_Pack(2, value, what);
    Py_DECREF(value);
    return pair;
}

#define SEARCH_ARGUMENTS 22
#define UNIT_MOST_WORDS 8  /* (a unit is one word, a pair, three words or a phrase) */
#define SEARCH_MOST_WORDS 64  /* words a query takes here (ASIDE_MOST: a longer one is searched in Python) */
#define SEARCH_MOST_UNITS 512

typedef struct {
    Py_ssize_t lookup;  /* its index among the query's units */
    Py_ssize_t count;
    Py_ssize_t at[UNIT_MOST_WORDS];
    int whole;  /* its walks are the look-up's walks and joined walks, not its walks alone */
} Walked;

/* CandidateSearch._search in C, up to and with the gathering step: the same figures in the same
   order of operations. search(lookups, units, tokens, listed_words, weights, places, after_de,
   middles, floor, generic_factor, optional_factor, need, a, b, least, min_listed, margin,
   tight_least, size, totals, full_totals, plain_totals) -> None where no entry can be met, else
   (found, gathered, extra, aside_at, query_floor, floor_met_in_full, may_discount): ``found`` and
   ``gathered`` as gather() gives them (with the tight bounds), ``aside_at`` [(share, [unit index
   meeting it])] of each word set aside; NotImplemented for a query longer than this step takes
   (more than 64 words, 512 units, or a unit of more than 8 words), which is searched in Python. */
static PyObject *
search(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    /* (its arguments read in place, a call per name: PyArg_ParseTuple reads a format of 22 items
       each time, and calling gather() through Python would make and read a tuple of 17 more) */
    if (nargs != SEARCH_ARGUMENTS) {
        PyErr_Format(PyExc_TypeError, "search() takes %d arguments (%zd given)", SEARCH_ARGUMENTS, nargs);
        return NULL;
    }
    static const char *const kinds[] = {"lookups: a list", "units: a tuple", "tokens: a tuple", "listed_words: a dict",
                                        "weights: a tuple", NULL, "after_de: a tuple", "middles: a tuple"};
    static PyTypeObject *const types[] = {&PyList_Type, &PyTuple_Type, &PyTuple_Type, &PyDict_Type, &PyTuple_Type, NULL,
                                          &PyTuple_Type, &PyTuple_Type};
    for (int i = 0; i < 8; i++) {
        if (types[i] != NULL && !PyObject_TypeCheck(args[i], types[i])) {
            PyErr_Format(PyExc_TypeError, "search: %s, not %.200s", kinds[i], Py_TYPE(args[i])->tp_name);
            return NULL;
        }
    }
    PyObject *lookups = args[0], *units = args[1], *tokens = args[2], *listed_words = args[3], *weights = args[4];
    PyObject *places = args[5], *after_de = args[6], *middles = args[7];
    double figures[10];
    for (int i = 0; i < 10; i++) {
        figures[i] = PyFloat_AsDouble(args[8 + i]);
        if (figures[i] == -1.0 && PyErr_Occurred())
            return NULL;
    }
    double floor = figures[0], generic_factor = figures[1], optional_factor = figures[2], need = figures[3], a = figures[4];
    double b = figures[5], least = figures[6], min_listed = figures[7], margin = figures[8], tight_least = figures[9];
    PyObject *size_obj = PyNumber_Index(args[18]);
    if (size_obj == NULL)
        return NULL;
    Py_ssize_t size = PyLong_AsSsize_t(size_obj);
    Py_DECREF(size_obj);
    if (size == -1 && PyErr_Occurred())
        return NULL;
    PyObject *totals = args[19], *full_totals = args[20], *plain_totals = args[21];
    Py_ssize_t words = PyTuple_GET_SIZE(tokens), unit_count = PyList_GET_SIZE(lookups);
    if (PyTuple_GET_SIZE(units) != unit_count || PyTuple_GET_SIZE(weights) != words) {
        PyErr_SetString(PyExc_ValueError, "search: a look-up per unit and a weight per word");
        return NULL;
    }
    if (words > SEARCH_MOST_WORDS || unit_count > SEARCH_MOST_UNITS)
        Py_RETURN_NOTIMPLEMENTED;  /* (a query this long is searched in Python) */
    static PyObject *positions_name = NULL;
    if (positions_name == NULL && (positions_name = PyUnicode_InternFromString("positions")) == NULL)
        return NULL;
    double share[SEARCH_MOST_WORDS], lightest[SEARCH_MOST_WORDS];
    long long word_cost[SEARCH_MOST_WORDS];
    char met_word[SEARCH_MOST_WORDS];
    for (Py_ssize_t p = 0; p < words; p++) {
        share[p] = 0.0;
        lightest[p] = Py_HUGE_VAL;
        word_cost[p] = 0;
        met_word[p] = 0;
    }
    Walked walked[SEARCH_MOST_UNITS];
    Py_ssize_t walked_count = 0;
    for (Py_ssize_t qi = 0; qi < unit_count; qi++) {
        PyObject *lookup = PyList_GET_ITEM(lookups, qi);
        if (!PyTuple_Check(lookup) || PyTuple_GET_SIZE(lookup) < 9) {
            PyErr_SetString(PyExc_TypeError, "search: a look-up is a UnitLookup");
            return NULL;
        }
        PyObject *found = PyTuple_GET_ITEM(lookup, 0);
        if (!PyDict_Check(found)) {
            PyErr_SetString(PyExc_TypeError, "search: a look-up's matches are a dict");
            return NULL;
        }
        if (PyDict_GET_SIZE(found) == 0)
            continue;
        Walked *unit = &walked[walked_count++];
        unit->lookup = qi;
        unit->count = unit_positions(PyTuple_GET_ITEM(units, qi), positions_name, words, unit->at, UNIT_MOST_WORDS);
        if (unit->count == -2)
            Py_RETURN_NOTIMPLEMENTED;
        if (unit->count < 0)
            return NULL;
        int whole = unit->count == 1;
        for (Py_ssize_t i = 0; !whole && i < unit->count; i++) {
            int listed = PyDict_Contains(listed_words, PyTuple_GET_ITEM(tokens, unit->at[i]));
            if (listed < 0)
                return NULL;
            whole = !listed;
        }
        unit->whole = whole;
        long long cost = PyLong_AsLongLong(PyTuple_GET_ITEM(lookup, 4));
        if (whole)
            cost += PyLong_AsLongLong(PyTuple_GET_ITEM(lookup, 5));
        double best = PyFloat_AsDouble(PyTuple_GET_ITEM(lookup, 1)), least_weight = PyFloat_AsDouble(PyTuple_GET_ITEM(lookup, 6));
        if (PyErr_Occurred())
            return NULL;
        double part = best / (double)unit->count;
        double light = least_weight > 0.0 ? least_weight / (double)unit->count : part;
        for (Py_ssize_t i = 0; i < unit->count; i++) {
            Py_ssize_t p = unit->at[i];
            word_cost[p] += cost;
            if (share[p] < part)
                share[p] = part;
            if (light < lightest[p])
                lightest[p] = light;
            met_word[p] = 1;
        }
    }
    if (walked_count == 0)
        Py_RETURN_NONE;
    int may_discount = 1;
    for (Py_ssize_t p = 0; p < words && may_discount; p++) {
        if (!met_word[p]) {
            int place = PySequence_Contains(places, PyTuple_GET_ITEM(tokens, p));
            if (place < 0)
                return NULL;
            may_discount = place;
        }
    }
    double query_floor = 0.0, floor_met_in_full = 0.0;
    Py_ssize_t after_count = PyTuple_GET_SIZE(after_de), middle_count = PyTuple_GET_SIZE(middles);
    for (Py_ssize_t p = 0; p < words; p++) {
        double own = PyFloat_AsDouble(PyTuple_GET_ITEM(weights, p));
        if (own == -1.0 && PyErr_Occurred())
            return NULL;
        double unmatched = own <= floor ? own * generic_factor : own;
        if (after_count && holds_position(after_de, p)) {
            double optional = own * optional_factor;
            unmatched = optional < unmatched ? optional : unmatched;
        }
        query_floor += 0.0 < lightest[p] && lightest[p] < unmatched ? lightest[p] : unmatched;
        if (middle_count && holds_position(middles, p)) {
            double optional = own * optional_factor;
            unmatched = optional < unmatched ? optional : unmatched;
        }
        floor_met_in_full += 0.0 < lightest[p] && lightest[p] < unmatched ? lightest[p] : unmatched;
    }
    if (PyErr_Occurred())
        return NULL;
    double needed = need > 0 ? pow(need, 1.0 / b) * floor_met_in_full : 0.0;
    /* the costliest words first, ties in order of position, set aside while what they add together stays below ``needed`` */
    Py_ssize_t by_cost[SEARCH_MOST_WORDS];
    for (Py_ssize_t p = 0; p < words; p++) {
        Py_ssize_t i = p;
        while (i > 0 && word_cost[by_cost[i - 1]] < word_cost[p]) {  /* (stable: an equal cost stays after) */
            by_cost[i] = by_cost[i - 1];
            i--;
        }
        by_cost[i] = p;
    }
    char aside[SEARCH_MOST_WORDS];
    Py_ssize_t aside_count = 0;
    double rest = 0.0;
    for (Py_ssize_t i = 0; i < words; i++) {
        Py_ssize_t p = by_cost[i];
        aside[p] = 0;
        if (rest + share[p] < needed) {
            aside[p] = 1;
            aside_count++;
            rest += share[p];
        }
    }
    if (aside_count == words)
        Py_RETURN_NONE;
    char covered[SEARCH_MOST_WORDS];
    memset(covered, 0, sizeof(covered));
    PyObject *seeds = PyList_New(0);
    if (seeds == NULL)
        return NULL;
    for (Py_ssize_t u = 0; u < walked_count; u++) {
        Walked *unit = &walked[u];
        int seed = 0;
        for (Py_ssize_t i = 0; i < unit->count; i++)
            seed = seed || !aside[unit->at[i]];
        if (!seed)
            continue;
        if (unit->count == 1)  /* (a word met only run on with its neighbour counts for every entry: see candidates.py) */
            covered[unit->at[0]] = 1;
        PyObject *lookup = PyList_GET_ITEM(lookups, unit->lookup);
        PyObject *walks = unit->whole ? PySequence_Concat(PyTuple_GET_ITEM(lookup, 2), PyTuple_GET_ITEM(lookup, 3))
                                      : Py_NewRef(PyTuple_GET_ITEM(lookup, 2));
        if (walks == NULL || PyList_Append(seeds, walks) < 0) {
            Py_XDECREF(walks);
            Py_DECREF(seeds);
            return NULL;
        }
        Py_DECREF(walks);
    }
    double extra = 0.0;
    for (Py_ssize_t p = 0; p < words; p++) {
        if (!covered[p] && !aside[p])
            extra += share[p];
    }
    PyObject *aside_at = PyList_New(0), *holding = PyList_New(0);
    double aside_sum = 0.0;
    int failed = aside_at == NULL || holding == NULL;
    for (Py_ssize_t p = 0; p < words && !failed; p++) {
        if (!aside[p] || !(share[p] > 0))
            continue;
        aside_sum += share[p];
        PyObject *meeting = PyList_New(0), *arrays = PyList_New(0);
        failed = meeting == NULL || arrays == NULL;
        for (Py_ssize_t u = 0; u < walked_count && !failed; u++) {
            Walked *unit = &walked[u];
            int meets = 0;
            for (Py_ssize_t i = 0; i < unit->count; i++)
                meets = meets || unit->at[i] == p;
            if (!meets)
                continue;
            PyObject *index = PyLong_FromSsize_t(unit->lookup);
            failed = index == NULL || PyList_Append(meeting, index) < 0;
            Py_XDECREF(index);
            PyObject *held = failed ? NULL : PyTuple_GET_ITEM(PyList_GET_ITEM(lookups, unit->lookup), 7);
            for (Py_ssize_t i = 0; !failed && i < PySequence_Size(held); i++) {
                PyObject *ids = PySequence_GetItem(held, i);
                failed = ids == NULL || PyList_Append(arrays, ids) < 0;
                Py_XDECREF(ids);
            }
        }
        PyObject *entry = failed ? NULL : with_share(share[p], meeting);
        PyObject *word = entry == NULL ? NULL : with_share(share[p], arrays);
        failed = word == NULL || PyList_Append(aside_at, entry) < 0 || PyList_Append(holding, word) < 0;
        Py_XDECREF(entry);
        Py_XDECREF(word);
        Py_XDECREF(meeting);
        Py_XDECREF(arrays);
    }
    PyObject *gathered_result = NULL;
    if (!failed) {
        double loose_extra = extra + aside_sum;
        double least_met = 0.0;
        if (least > 0.0) {
            double lower = query_floor < floor_met_in_full ? query_floor : floor_met_in_full;
            least_met = lower * pow(least, 1.0 / b) * (1.0 - margin);
        }
        GatherArgs given = {
            .seeds = seeds, .size = size, .loose_extra = loose_extra, .least_met = least_met, .min_listed = min_listed,
            .totals_obj = totals, .full_obj = full_totals, .a = a, .b = b, .query_floor = query_floor,
            .floor_met_in_full = floor_met_in_full, .least = least, .aside = holding, .extra = extra,
            .plain_obj = plain_totals, .may_discount = may_discount, .tight_least = tight_least,
        };
        gathered_result = gather_core(&given);
    }
    Py_DECREF(seeds);
    Py_XDECREF(holding);
    if (gathered_result == NULL) {
        Py_XDECREF(aside_at);
        return NULL;
    }
    PyObject *figures_made[3] = {PyFloat_FromDouble(extra), PyFloat_FromDouble(query_floor),
                                 PyFloat_FromDouble(floor_met_in_full)};
    PyObject *result = figures_made[0] && figures_made[1] && figures_made[2] ? PyTuple_New(7) : NULL;
    if (result != NULL) {
        PyTuple_SET_ITEM(result, 0, Py_NewRef(PyTuple_GET_ITEM(gathered_result, 0)));
        PyTuple_SET_ITEM(result, 1, Py_NewRef(PyTuple_GET_ITEM(gathered_result, 1)));
        PyTuple_SET_ITEM(result, 2, figures_made[0]);
        PyTuple_SET_ITEM(result, 3, aside_at);  /* (its reference handed over) */
        PyTuple_SET_ITEM(result, 4, figures_made[1]);
        PyTuple_SET_ITEM(result, 5, figures_made[2]);
        PyTuple_SET_ITEM(result, 6, Py_NewRef(may_discount ? Py_True : Py_False));
    } else {
        for (int i = 0; i < 3; i++)
            Py_XDECREF(figures_made[i]);
        Py_DECREF(aside_at);
    }
    Py_DECREF(gathered_result);
    return result;
}

/* pow_bounds(x, y): the bounds of x**y the gathering step tells an entry's bound from the threshold
   with (0 < x <= 1, 0 < y <= 1), for the tests. */
static PyObject *
pow_bounds_of(PyObject *self, PyObject *args)
{
    double x, y, above, below;
    if (!PyArg_ParseTuple(args, "dd:pow_bounds", &x, &y))
        return NULL;
    if (!(x > 0.0 && x <= 1.0 && y > 0.0 && y <= 1.0)) {
        PyErr_SetString(PyExc_ValueError, "pow_bounds takes 0 < x <= 1 and 0 < y <= 1");
        return NULL;
    }
    static Tangents asked;
    make_tangents(&asked, y);
    pow_bounds(&asked, x, &above, &below);
    return Py_BuildValue("(dd)", below, above);
}

static PyMethodDef methods[] = {
    {"search", (PyCFunction)(void (*)(void))search, METH_FASTCALL,
     "search(lookups, units, tokens, listed_words, weights, places, after_de, middles, floor, generic_factor, "
     "optional_factor, need, a, b, least, min_listed, margin, tight_least, size, totals, full_totals, plain_totals) "
     "-> None or (found, gathered, extra, aside_at, query_floor, floor_met_in_full, may_discount): candidate "
     "search's figures and gathering step (see candidates.py)."},
    {"gather", gather, METH_VARARGS,
     "gather(seeds, size, loose_extra, least_met, min_listed, totals, full_totals, a, b, query_floor, "
     "floor_met_in_full, least[, aside, extra, plain_totals, may_discount, tight_least]) -> (queue, gathered): "
     "candidate search's gathering step and bounds (see candidates.py)."},
    {"pow_bounds", pow_bounds_of, METH_VARARGS,
     "pow_bounds(x, y) -> (below, above): x**y lies between them, within 0.1 % for x above 2**-24, made "
     "without pow(): the bounds the gathering step tells an entry's bound from the threshold with."},
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
