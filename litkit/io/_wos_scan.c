/*
 * litkit.io._wos_scan: the loops of the Web of Science fast path, compiled.
 *
 * The inner loops of litkit's "c" engine (litkit/io/_wos_columns.py holds the
 * logic around them).  Optional: without a C compiler at install this module is
 * not built and litkit reads Web of Science files with the record path (engine
 * "python"), saying so (litkit/io/engine.py).  The tests compare these loops with
 * plain Python recomputations and the whole engine with the record path.
 *
 * Why compiled: numpy needs a dozen passes over per-line arrays (one element
 * per line of a 600 MB file is ten million elements per array), and Arrow
 * builds intermediate arrays, offsets and flat lists around
 * the Python strings the corpus holds; a loop that looks at each line once
 * (finding newlines with memchr) and makes each string, list and JSON text
 * straight from the block does the same work in a fraction of the time.
 *
 * The GIL is released while a block is scanned (measure, scan).
 *
 * Functions (buffers are anything with the buffer protocol; integer arrays
 * are C-contiguous numpy arrays of the stated type):
 *
 *   measure(block, size) -> (newlines, has_other_controls)
 *   scan(block, size, text_offsets int64[2L+1], field_line int64[L],
 *        field_code uint16[L], field_flags uint8[L], field_start int64[L],
 *        field_end int64[L]) -> (fields, status)
 *   line_lists(block, text_offsets, first int64, stop int64, records int64, n) -> list[list[str]]
 *   joined_strings(block, text_offsets, first int64, stop int64) -> list[str]
 *   semicolon_lists(block, text_offsets, first, stop, records, n) -> (list[list[str]], list[int])
 *   json_objects(block, text_offsets, order, first, stop, records, tags, prefixes, values, raw uint8, n)
 *       -> list of n str or None
 *
 * where L = newlines + 1 is the number of lines of ``block[:size]``, and
 * ``block`` holds at least four bytes after ``size`` (the first four bytes of
 * every line, the last one included, are read).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Bits of field_flags; _wos_columns.py names the same bits. */
#define FIELD_MULTILINE 1      /* the field has continuation lines */
#define FIELD_ODD 2            /* a line the record path's helpers clean with more than a join */
#define FIELD_NON_ASCII_EDGE 4 /* the value's first or last byte is not ASCII */
#define FIELD_TAGGED 8         /* "XX value": a two-character tag and a space */
#define FIELD_BLANK 16         /* an empty line */
#define FIELD_LONE_TAG 32      /* a line that is only a tag (ER, EF) */

/* status of scan() */
#define SCAN_OK 0
#define SCAN_STARTS_WITH_CONTINUATION 1 /* the block's first line is indented */
#define SCAN_SPLIT_CHARACTER 2 /* a line's text (its fourth byte) starts inside a UTF-8 character */

static int is_tag_start(unsigned b0, unsigned b1)
{
    /* The record path's ``isalnum() and isupper()`` on two ASCII bytes: AU, Z9, 9A ... */
    int upper0 = b0 >= 'A' && b0 <= 'Z', upper1 = b1 >= 'A' && b1 <= 'Z';
    int digit0 = b0 >= '0' && b0 <= '9', digit1 = b1 >= '0' && b1 <= '9';
    return (upper0 && (upper1 || digit1)) || (digit0 && upper1);
}

static int checked_size(Py_buffer *block, Py_ssize_t size)
{
    if (size < 0 || size + 4 > block->len) {
        PyErr_SetString(PyExc_ValueError, "size must leave at least four bytes of the buffer after the block");
        return 0;
    }
    return 1;
}

static PyObject *measure(PyObject *self, PyObject *args)
{
    Py_buffer block;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "y*n", &block, &size))
        return NULL;
    if (!checked_size(&block, size)) {
        PyBuffer_Release(&block);
        return NULL;
    }
    const unsigned char *p = block.buf;
    Py_ssize_t newlines = 0, controls = 0;
    Py_BEGIN_ALLOW_THREADS
    /* Two counts over every byte, 255 bytes at a time into byte-sized counters (which
       cannot overflow): a loop the compiler turns into vector instructions. */
    for (Py_ssize_t i = 0; i < size; i += 255) {
        Py_ssize_t stop = size - i < 255 ? size - i : 255;
        uint8_t chunk_newlines = 0, chunk_controls = 0;
        for (Py_ssize_t j = 0; j < stop; j++) {
            chunk_newlines += p[i + j] == '\n';
            chunk_controls += p[i + j] < ' ';
        }
        newlines += chunk_newlines;
        controls += chunk_controls;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&block);
    return Py_BuildValue("nO", newlines, controls > newlines ? Py_True : Py_False);
}

/* The field that started at line field_line ends with the line before ``line`` (whose end is
   ``end``); its first line was ``first_length`` bytes long. */
static void close_field(int64_t *field_end, uint8_t *flags, int64_t field_line, Py_ssize_t line, Py_ssize_t end,
                        Py_ssize_t first_length)
{
    *field_end = end;
    if (line - field_line > 1) {
        *flags |= FIELD_MULTILINE;
        if (first_length == 3)
            *flags |= FIELD_ODD; /* "XX " and then continuation lines */
    }
}

static PyObject *scan(PyObject *self, PyObject *args)
{
    Py_buffer block, offsets_buf, line_buf, code_buf, flags_buf, start_buf, end_buf;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "y*nw*w*w*w*w*w*", &block, &size, &offsets_buf, &line_buf, &code_buf,
                          &flags_buf, &start_buf, &end_buf))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t capacity = line_buf.len / (Py_ssize_t)sizeof(int64_t);
    if (!checked_size(&block, size))
        goto done;
    if (offsets_buf.len / (Py_ssize_t)sizeof(int64_t) < 2 * capacity + 1
        || code_buf.len / (Py_ssize_t)sizeof(uint16_t) < capacity || flags_buf.len < capacity
        || start_buf.len / (Py_ssize_t)sizeof(int64_t) < capacity
        || end_buf.len / (Py_ssize_t)sizeof(int64_t) < capacity) {
        PyErr_SetString(PyExc_ValueError, "the output arrays are shorter than field_line (or text_offsets than 2 * it + 1)");
        goto done;
    }
    const unsigned char *p = block.buf;
    int64_t *offsets = offsets_buf.buf, *field_line = line_buf.buf, *field_start = start_buf.buf,
            *field_end = end_buf.buf;
    uint16_t *field_code = code_buf.buf;
    uint8_t *field_flags = flags_buf.buf;
    Py_ssize_t line = 0, fields = 0, start = 0, previous_end = 0, first_length = 0;
    int status = SCAN_OK, overflow = 0;

    Py_BEGIN_ALLOW_THREADS
    for (;;) {
        const unsigned char *newline = memchr(p + start, '\n', (size_t)(size - start));
        Py_ssize_t end = newline ? newline - p : size, length = end - start;
        if (line >= capacity) {
            overflow = 1;
            break;
        }
        unsigned b0 = p[start], b1 = p[start + 1], b2 = p[start + 2], b3 = p[start + 3];
        int continuation = b0 == ' ';
        /* As _scan_numpy: a line ending in a space or TAB; a continuation indented by other
           than three spaces, or empty; a tag line whose value starts with a space. */
        int odd = (length > 0 && (p[end - 1] == ' ' || p[end - 1] == '\t'))
                  || (continuation && (b1 != ' ' || b2 != ' ' || b3 == ' ' || length == 3))
                  || (!continuation && length >= 4 && b3 == ' ');
        if (length >= 4 && (b3 & 0xC0) == 0x80)
            status = SCAN_SPLIT_CHARACTER;
        offsets[2 * line] = start + 3 < end ? start + 3 : end;
        offsets[2 * line + 1] = end;
        if (!continuation) {
            if (fields > 0)
                close_field(&field_end[fields - 1], &field_flags[fields - 1], field_line[fields - 1], line,
                            previous_end, first_length);
            uint8_t flags = odd ? FIELD_ODD : 0;
            if (length >= 3 && b2 == ' ' && is_tag_start(b0, b1))
                flags |= FIELD_TAGGED;
            else if (length == 0)
                flags |= FIELD_BLANK;
            else if (length == 2 && is_tag_start(b0, b1))
                flags |= FIELD_LONE_TAG;
            field_line[fields] = line;
            field_code[fields] = (uint16_t)(b0 * 256 + b1);
            field_flags[fields] = flags;
            field_start[fields] = start;
            first_length = length;
            fields++;
        }
        else if (fields == 0) {
            status = SCAN_STARTS_WITH_CONTINUATION;
            break;
        }
        else if (odd) {
            field_flags[fields - 1] |= FIELD_ODD;
        }
        previous_end = end;
        line++;
        if (!newline)
            break;
        start = end + 1;
    }
    if (!overflow && status != SCAN_STARTS_WITH_CONTINUATION) {
        offsets[2 * line] = previous_end; /* nothing after the last line's text */
        close_field(&field_end[fields - 1], &field_flags[fields - 1], field_line[fields - 1], line, previous_end,
                    first_length);
        for (Py_ssize_t f = 0; f < fields; f++) {
            Py_ssize_t last = field_end[f] > 0 ? field_end[f] - 1 : 0;
            if (p[field_start[f] + 3] >= 0x80 || p[last] >= 0x80)
                field_flags[f] |= FIELD_NON_ASCII_EDGE;
        }
    }
    Py_END_ALLOW_THREADS

    if (overflow)
        PyErr_SetString(PyExc_ValueError, "the block has more lines than the output arrays hold");
    else
        result = Py_BuildValue("ni", fields, status);
done:
    PyBuffer_Release(&block);
    PyBuffer_Release(&offsets_buf);
    PyBuffer_Release(&line_buf);
    PyBuffer_Release(&code_buf);
    PyBuffer_Release(&flags_buf);
    PyBuffer_Release(&start_buf);
    PyBuffer_Release(&end_buf);
    return result;
}

/* Line ``i``'s text as a str, or NULL with an exception set (a line not in the block). */
static PyObject *line_string(const char *p, Py_ssize_t block_len, const int64_t *offsets, Py_ssize_t n_offsets,
                             int64_t i)
{
    if (i < 0 || 2 * i + 1 >= n_offsets || offsets[2 * i] < 0 || offsets[2 * i] > offsets[2 * i + 1]
        || offsets[2 * i + 1] > block_len) {
        PyErr_Format(PyExc_IndexError, "line %lld is not in the block", (long long)i);
        return NULL;
    }
    return PyUnicode_DecodeUTF8(p + offsets[2 * i], (Py_ssize_t)(offsets[2 * i + 1] - offsets[2 * i]), "strict");
}

/* A growing byte buffer: a joined value, the JSON text of one record's ``extra``. */
typedef struct {
    char *bytes;
    Py_ssize_t size, capacity;
} Text;

static int text_reserve(Text *t, Py_ssize_t more)
{
    if (t->bytes != NULL && t->size + more <= t->capacity)
        return 1; /* (the first call allocates, even for nothing: memcpy and friends want a buffer) */
    Py_ssize_t capacity = 2 * t->capacity + more + 256;
    char *grown = PyMem_Realloc(t->bytes, (size_t)capacity);
    if (grown == NULL) {
        PyErr_NoMemory();
        return 0;
    }
    t->bytes = grown;
    t->capacity = capacity;
    return 1;
}

static int text_add(Text *t, const char *bytes, Py_ssize_t size)
{
    if (!text_reserve(t, size))
        return 0;
    memcpy(t->bytes + t->size, bytes, (size_t)size);
    t->size += size;
    return 1;
}

/* ``bytes`` as the json module writes a str with ensure_ascii=False, without the quotes:
   backslash, quote and control characters escaped, everything else (UTF-8) as it is. */
static int text_add_escaped(Text *t, const unsigned char *bytes, Py_ssize_t size)
{
    static const char hex[] = "0123456789abcdef";
    if (!text_reserve(t, 6 * size)) /* the worst case: every byte as \u00XX */
        return 0;
    char *out = t->bytes + t->size;
    for (Py_ssize_t i = 0; i < size; i++) {
        unsigned char c = bytes[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *out++ = (char)c;
            continue;
        }
        *out++ = '\\';
        switch (c) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '\b': *out++ = 'b'; break;
        case '\f': *out++ = 'f'; break;
        case '\n': *out++ = 'n'; break;
        case '\r': *out++ = 'r'; break;
        case '\t': *out++ = 't'; break;
        default:
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = hex[c >> 4];
            *out++ = hex[c & 15];
        }
    }
    t->size = out - t->bytes;
    return 1;
}

/* Lines a..b-1 of the block joined by single spaces, added to ``t``; 0 with an exception set on failure. */
static int text_add_lines(Text *t, const char *p, Py_ssize_t block_len, const int64_t *offsets, Py_ssize_t n_offsets,
                          int64_t a, int64_t b)
{
    if (a < 0 || b <= a || 2 * b > n_offsets) {
        PyErr_Format(PyExc_IndexError, "lines %lld to %lld are not in the block", (long long)a, (long long)b);
        return 0;
    }
    for (int64_t i = a; i < b; i++) {
        int64_t start = offsets[2 * i], end = offsets[2 * i + 1];
        if (start < 0 || start > end || end > block_len) {
            PyErr_Format(PyExc_IndexError, "line %lld is not in the block", (long long)i);
            return 0;
        }
        if ((i > a && !text_add(t, " ", 1)) || !text_add(t, p + start, (Py_ssize_t)(end - start)))
            return 0;
    }
    return 1;
}

static PyObject *joined_strings(PyObject *self, PyObject *args)
{
    Py_buffer block, offsets_buf, first_buf, stop_buf;
    if (!PyArg_ParseTuple(args, "y*y*y*y*", &block, &offsets_buf, &first_buf, &stop_buf))
        return NULL;
    const char *p = block.buf;
    const int64_t *offsets = offsets_buf.buf, *first = first_buf.buf, *stop = stop_buf.buf;
    Py_ssize_t n_offsets = offsets_buf.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t fields = first_buf.len / (Py_ssize_t)sizeof(int64_t);
    PyObject *values = NULL;
    Text joined = {NULL, 0, 0};
    if (stop_buf.len != first_buf.len) {
        PyErr_SetString(PyExc_ValueError, "first and stop must have one element per field");
        goto done;
    }
    values = PyList_New(fields);
    for (Py_ssize_t f = 0; values != NULL && f < fields; f++) {
        PyObject *text = NULL;
        if (stop[f] - first[f] == 1) { /* one line: straight from the block */
            text = line_string(p, block.len, offsets, n_offsets, first[f]);
        }
        else {
            joined.size = 0;
            if (text_add_lines(&joined, p, block.len, offsets, n_offsets, first[f], stop[f]))
                text = PyUnicode_DecodeUTF8(joined.bytes, joined.size, "strict");
        }
        if (text == NULL) {
            Py_CLEAR(values);
            break;
        }
        PyList_SET_ITEM(values, f, text);
    }
done:
    PyMem_Free(joined.bytes);
    PyBuffer_Release(&block);
    PyBuffer_Release(&offsets_buf);
    PyBuffer_Release(&first_buf);
    PyBuffer_Release(&stop_buf);
    return values;
}

/* The items of ``value`` split on "; " (as str.split), appended to ``items``; ``*unsure`` set when
   the record path's semicolon_items would not keep that split (a ";" that is not followed by a
   space, or an empty item).  0 with an exception set on failure. */
static int split_on_semicolons(PyObject *items, const char *value, Py_ssize_t size, int *unsure)
{
    Py_ssize_t semicolons = 0, start = 0, count = 0;
    int empty = 0;
    for (Py_ssize_t i = 0; i <= size; i++) {
        int separator = i < size && value[i] == ';' && i + 1 < size && value[i + 1] == ' ';
        if (i < size && value[i] == ';')
            semicolons++;
        if (!separator && i < size)
            continue;
        /* ";" and " " are ASCII, so a cut never falls inside a UTF-8 character */
        PyObject *item = PyUnicode_DecodeUTF8(value + start, i - start, "strict");
        if (item == NULL || PyList_Append(items, item) < 0) {
            Py_XDECREF(item);
            return 0;
        }
        Py_DECREF(item);
        empty |= i == start;
        count++;
        start = i + 2;
        i++; /* past the space */
    }
    *unsure = empty || semicolons != count - 1;
    return 1;
}

/* One field's list for its record (a new reference, or NULL with an exception set): lines
   first..stop-1 of the block; ``*unsure`` set when Python must make that list again. */
typedef PyObject *(*FieldList)(const char *p, Py_ssize_t block_len, const int64_t *offsets, Py_ssize_t n_offsets,
                               int64_t first, int64_t stop, Text *scratch, int *unsure);

/* Each line a str (line_lists). */
static PyObject *field_lines(const char *p, Py_ssize_t block_len, const int64_t *offsets, Py_ssize_t n_offsets,
                             int64_t first, int64_t stop, Text *scratch, int *unsure)
{
    if (stop - first < 1) { /* a field has at least one line */
        PyErr_Format(PyExc_IndexError, "lines %lld to %lld are not in the block", (long long)first, (long long)stop);
        return NULL;
    }
    PyObject *items = PyList_New((Py_ssize_t)(stop - first));
    for (Py_ssize_t j = 0; items != NULL && j < stop - first; j++) {
        PyObject *text = line_string(p, block_len, offsets, n_offsets, first + j);
        if (text == NULL)
            Py_CLEAR(items);
        else
            PyList_SET_ITEM(items, j, text);
    }
    return items;
}

/* The lines joined by spaces and split on "; " (semicolon_lists). */
static PyObject *field_semicolon_items(const char *p, Py_ssize_t block_len, const int64_t *offsets,
                                       Py_ssize_t n_offsets, int64_t first, int64_t stop, Text *scratch, int *unsure)
{
    scratch->size = 0;
    if (!text_add_lines(scratch, p, block_len, offsets, n_offsets, first, stop))
        return NULL;
    PyObject *items = PyList_New(0);
    if (items != NULL && !split_on_semicolons(items, scratch->bytes, scratch->size, unsure))
        Py_CLEAR(items);
    return items;
}

/* The column of line_lists and semicolon_lists: record records[f] gets field f's list (made by
   ``make``), every other record of n an empty list.  With ``unsure_too``, returns (column, the
   fields ``make`` was unsure of). */
static PyObject *record_lists(PyObject *args, FieldList make, int unsure_too)
{
    Py_buffer block, offsets_buf, first_buf, stop_buf, records_buf;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*n", &block, &offsets_buf, &first_buf, &stop_buf, &records_buf, &n))
        return NULL;
    const int64_t *offsets = offsets_buf.buf, *first = first_buf.buf, *stop = stop_buf.buf,
                  *records = records_buf.buf;
    Py_ssize_t n_offsets = offsets_buf.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t fields = first_buf.len / (Py_ssize_t)sizeof(int64_t);
    PyObject *column = NULL, *unsure = NULL, *result = NULL;
    Text scratch = {NULL, 0, 0};
    if (n < 0 || stop_buf.len != first_buf.len || records_buf.len != first_buf.len) {
        PyErr_SetString(PyExc_ValueError, "first, stop and records must have one element per field, n >= 0");
        goto done;
    }
    if ((column = PyList_New(n)) == NULL || (unsure = PyList_New(0)) == NULL)
        goto done;
    Py_ssize_t record = 0;
    for (Py_ssize_t f = 0; f <= fields; f++) {
        Py_ssize_t upto = f < fields ? records[f] : n;
        if (upto < record || upto > n || (f < fields && upto == n)) {
            PyErr_SetString(PyExc_ValueError, "records must ascend, each below n and given once");
            goto done;
        }
        for (; record < upto; record++) { /* records without the tag */
            PyObject *empty = PyList_New(0);
            if (empty == NULL)
                goto done;
            PyList_SET_ITEM(column, record, empty);
        }
        if (f == fields)
            break;
        int not_sure = 0;
        PyObject *items = make(block.buf, block.len, offsets, n_offsets, first[f], stop[f], &scratch, &not_sure);
        if (items == NULL)
            goto done;
        PyList_SET_ITEM(column, record, items);
        record++;
        if (not_sure) {
            PyObject *index = PyLong_FromSsize_t(f);
            if (index == NULL || PyList_Append(unsure, index) < 0) {
                Py_XDECREF(index);
                goto done;
            }
            Py_DECREF(index);
        }
    }
    if (unsure_too)
        result = PyTuple_Pack(2, column, unsure);
    else
        result = Py_NewRef(column);
done:
    Py_XDECREF(column);
    Py_XDECREF(unsure);
    PyMem_Free(scratch.bytes);
    PyBuffer_Release(&block);
    PyBuffer_Release(&offsets_buf);
    PyBuffer_Release(&first_buf);
    PyBuffer_Release(&stop_buf);
    PyBuffer_Release(&records_buf);
    return result;
}

static PyObject *line_lists(PyObject *self, PyObject *args)
{
    return record_lists(args, field_lines, 0);
}

static PyObject *semicolon_lists(PyObject *self, PyObject *args)
{
    return record_lists(args, field_semicolon_items, 1);
}

static PyObject *json_objects(PyObject *self, PyObject *args)
{
    Py_buffer block, offsets_buf, order_buf, first_buf, stop_buf, records_buf, tags_buf, raw_buf;
    PyObject *prefixes, *values;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*y*O!O!y*n", &block, &offsets_buf, &order_buf, &first_buf, &stop_buf,
                          &records_buf, &tags_buf, &PyList_Type, &prefixes, &PyList_Type, &values, &raw_buf, &n))
        return NULL;
    const char *p = block.buf;
    const int64_t *offsets = offsets_buf.buf, *order = order_buf.buf, *first = first_buf.buf, *stop = stop_buf.buf,
                  *records = records_buf.buf, *tags = tags_buf.buf;
    const uint8_t *raw = raw_buf.buf;
    Py_ssize_t n_offsets = offsets_buf.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t pieces = first_buf.len / (Py_ssize_t)sizeof(int64_t);
    PyObject *objects = NULL;
    Text text = {NULL, 0, 0};
    if (n < 0 || order_buf.len != first_buf.len || stop_buf.len != first_buf.len || records_buf.len != first_buf.len
        || tags_buf.len != first_buf.len || raw_buf.len != pieces || PyList_GET_SIZE(values) != pieces) {
        PyErr_SetString(PyExc_ValueError, "order, first, stop, records, tags, values and raw must have one element "
                                          "per piece, n >= 0");
        goto done;
    }
    objects = PyList_New(n);
    if (objects == NULL)
        goto done;
    for (Py_ssize_t r = 0; r < n; r++) {
        Py_INCREF(Py_None);
        PyList_SET_ITEM(objects, r, Py_None);
    }
    Py_ssize_t k = 0;
    int64_t previous = -1;
    while (k < pieces) {
        if (order[k] < 0 || order[k] >= pieces) {
            PyErr_Format(PyExc_IndexError, "piece %lld is not in the pieces", (long long)order[k]);
            goto fail;
        }
        int64_t record = records[order[k]];
        if (record < previous || record >= n) {
            PyErr_SetString(PyExc_ValueError, "records (in the given order) must ascend and be below n");
            goto fail;
        }
        previous = record;
        text.size = 0;
        if (!text_add(&text, "{", 1))
            goto fail;
        int written = 0;
        for (; k < pieces; k++) {
            int64_t i = order[k];
            if (i < 0 || i >= pieces) {
                PyErr_Format(PyExc_IndexError, "piece %lld is not in the pieces", (long long)i);
                goto fail;
            }
            if (records[i] != record)
                break;
            int64_t tag = tags[i];
            if (tag < 0 || tag >= PyList_GET_SIZE(prefixes)) {
                PyErr_Format(PyExc_IndexError, "tag %lld has no prefix", (long long)tag);
                goto fail;
            }
            Py_ssize_t before = text.size;
            const char *prefix;
            Py_ssize_t prefix_size;
            if ((prefix = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(prefixes, tag), &prefix_size)) == NULL)
                goto fail;
            if ((written && !text_add(&text, ", ", 2)) || !text_add(&text, prefix, prefix_size))
                goto fail;
            Py_ssize_t value_start = text.size;
            PyObject *value = PyList_GET_ITEM(values, i);
            if (value == Py_None) { /* the field's lines, joined by single spaces */
                if (first[i] < 0 || stop[i] <= first[i] || 2 * stop[i] > n_offsets) {
                    PyErr_Format(PyExc_IndexError, "lines %lld to %lld are not in the block", (long long)first[i],
                                 (long long)stop[i]);
                    goto fail;
                }
                if (!text_add(&text, "\"", 1))
                    goto fail;
                value_start = text.size;
                for (int64_t line = first[i]; line < stop[i]; line++) {
                    int64_t a = offsets[2 * line], b = offsets[2 * line + 1];
                    if (a < 0 || a > b || b > block.len) {
                        PyErr_Format(PyExc_IndexError, "line %lld is not in the block", (long long)line);
                        goto fail;
                    }
                    if ((line > first[i] && !text_add(&text, " ", 1))
                        || !text_add_escaped(&text, (const unsigned char *)p + a, (Py_ssize_t)(b - a)))
                        goto fail;
                }
                if (!text_add(&text, "\"", 1))
                    goto fail;
                if (text.size == value_start + 1) { /* an empty value is not stored */
                    text.size = before;
                    continue;
                }
            }
            else {
                Py_ssize_t size;
                const char *utf8 = PyUnicode_AsUTF8AndSize(value, &size);
                if (utf8 == NULL)
                    goto fail;
                if (size == 0) {
                    text.size = before;
                    continue;
                }
                if (raw[i] ? !text_add(&text, utf8, size)
                           : (!text_add(&text, "\"", 1) || !text_add_escaped(&text, (const unsigned char *)utf8, size)
                              || !text_add(&text, "\"", 1)))
                    goto fail;
            }
            written = 1;
        }
        if (written) {
            if (!text_add(&text, "}", 1))
                goto fail;
            PyObject *object = PyUnicode_DecodeUTF8(text.bytes, text.size, "strict");
            if (object == NULL)
                goto fail;
            PyList_SetItem(objects, (Py_ssize_t)record, object); /* drops the None */
        }
    }
    goto done;
fail:
    Py_CLEAR(objects);
done:
    PyMem_Free(text.bytes);
    PyBuffer_Release(&block);
    PyBuffer_Release(&offsets_buf);
    PyBuffer_Release(&order_buf);
    PyBuffer_Release(&first_buf);
    PyBuffer_Release(&stop_buf);
    PyBuffer_Release(&records_buf);
    PyBuffer_Release(&tags_buf);
    PyBuffer_Release(&raw_buf);
    return objects;
}

static PyMethodDef methods[] = {
    {"measure", measure, METH_VARARGS,
     "measure(block, size) -> (newlines, has_other_controls): the newlines in block[:size], and\n"
     "whether it has a control character (a byte below 0x20) other than a newline."},
    {"scan", scan, METH_VARARGS,
     "scan(block, size, text_offsets, field_line, field_code, field_flags, field_start, field_end)\n"
     "-> (fields, status): classify every line of block[:size] into the arrays (see the module)."},
    {"line_lists", line_lists, METH_VARARGS,
     "line_lists(block, text_offsets, first, stop, records, n) -> list of n lists of str: record\n"
     "records[f] gets the texts of lines first[f]:stop[f], every other record an empty list."},
    {"json_objects", json_objects, METH_VARARGS,
     "json_objects(block, text_offsets, order, first, stop, records, tags, prefixes, values, raw, n)\n"
     "-> list of n str or None: each record's pieces as one JSON object (see _extra_objects_compiled)."},
    {"semicolon_lists", semicolon_lists, METH_VARARGS,
     "semicolon_lists(block, text_offsets, first, stop, records, n) -> (list of n lists, unsure): each\n"
     "field's lines joined by spaces and split on '; ' at its record, and the fields whose split the\n"
     "record path would clean."},
    {"joined_strings", joined_strings, METH_VARARGS,
     "joined_strings(block, text_offsets, first, stop) -> list of str: for each field the texts\n"
     "of lines first[f]:stop[f] joined by single spaces."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_wos_scan",
    "The line scan of the Web of Science fast path (optional; see litkit/io/_wos_columns.py).", -1, methods,
};

PyMODINIT_FUNC PyInit__wos_scan(void)
{
    return PyModule_Create(&module);
}
