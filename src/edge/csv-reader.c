/* SPDX-License-Identifier: MIT
 *
 * CSV reading on libcsv, fed one physical line at a time (libcsv knows nothing of
 * lines): a record starts on the line fed while libcsv stands between rows.  Strict
 * mode catches misplaced quotes; the record is reported and the parser restarts on
 * the next line.  Encoding is checked once per block and, only when that fails,
 * field by field to name the place.  Files are read in blocks on worker threads
 * (see "Files, block by block").  What values mean is the caller's business.
 */
#include <errno.h>
#include <unistd.h>

#include <csv.h>

#include "csv-reader.h"
#include "parse.h"

typedef struct csv_parser CsvParser;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CsvParser, csv_free)

/* libcsv's parser states: the struct is public, these names are in libcsv.c. */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN 2

#define BOM "\xEF\xBB\xBF"
/* libcsv grows its field buffer by this much at least (and by its size once larger),
 * so that a field of many megabytes costs a few reallocations, not thousands. */
#define FEED_CHUNK 65536

enum {
	CELL_UNKNOWN = -1, /* a header name we do not know: ignored */
	CELL_NONE = -2,    /* an empty header cell, or beyond the header */
};

typedef struct {
	char *column; /* NULL when the problem is not about one column */
	char *message;
} Pending;

/* What every block of a file shares; only the header's reader writes it. */
typedef struct {
	const char *name;
	const CsvColumn *columns;
	guint n_columns;
	char delim;
	GPtrArray *header; /* char *: the header cells, trimmed */
	GArray *map;       /* int per header cell: column index or CELL_* */
} Layout;

/* One reading of some text: the header's, a block's, or a reading carried on from
 * block to block. */
typedef struct {
	Layout *lay;
	const char *data;
	CsvRecordFunc func;
	gpointer func_data;
	DiagList *diags;
	gboolean check_text; /* the text is not plain UTF-8: check each field */
	CsvParser parser;

	gboolean have_header;
	gboolean failed;     /* the header is unusable, or the text cannot be read */

	guint line;          /* physical line being fed */
	gsize line_end;      /* its end, line break excluded */
	guint record_line;   /* where the current record starts */
	gsize record_start;

	guint n_fields;
	gboolean all_empty;
	guint extra_field;   /* 1-based field of the first value with no column; 0 = none */
	char *extra_value;
	guint64 bad;
	char *buf;           /* the record's kept values, each NUL-terminated */
	gsize buf_len;
	gsize buf_alloc;
	gssize offset[CSV_MAX_COLUMNS];
	const char *values[CSV_MAX_COLUMNS];
	GArray *pending;     /* Pending: problems of the current record */
} Reader;

static void
pending_clear(gpointer p)
{
	Pending *pending = p;

	g_free(pending->column);
	g_free(pending->message);
}

static void G_GNUC_PRINTF(3, 4)
add_pending(Reader *r, const char *column, const char *format, ...)
{
	Pending p;
	va_list ap;

	p.column = g_strdup(column);
	va_start(ap, format);
	p.message = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_array_append_val(r->pending, p);
}

static void
reset_record(Reader *r)
{
	r->n_fields = 0;
	r->all_empty = TRUE;
	r->extra_field = 0;
	g_clear_pointer(&r->extra_value, g_free);
	r->bad = 0;
	r->buf_len = 0;
	for (guint i = 0; i < r->lay->n_columns; i++)
		r->offset[i] = -1;
	g_array_set_size(r->pending, 0);
}

static void
restart_parser(Reader *r)
{
	csv_free(&r->parser);
	csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&r->parser, (unsigned char)r->lay->delim);
}

/* A reader at the start of a record on @line of @data (transfer full). */
static Reader *
reader_new(Layout *lay, const char *data, guint line, CsvRecordFunc func, gpointer func_data,
	   DiagList *diags)
{
	Reader *r = g_new0(Reader, 1);

	r->lay = lay;
	r->data = data;
	r->func = func;
	r->func_data = func_data;
	r->diags = diags;
	r->line = line - 1;
	r->have_header = TRUE;
	r->pending = g_array_new(FALSE, TRUE, sizeof(Pending));
	g_array_set_clear_func(r->pending, pending_clear);
	reset_record(r);
	restart_parser(r);
	return r;
}

static void
reader_free(Reader *r)
{
	if (r == NULL)
		return;
	csv_free(&r->parser);
	g_free(r->buf);
	g_array_unref(r->pending);
	g_free(r->extra_value);
	g_free(r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Reader, reader_free)

char *
csv_reader_record_text(const CsvRecord *record)
{
	return g_utf8_make_valid(record->raw, record->raw_len);
}

/* The name a field goes by in messages: its column's, else its header cell's. */
static const char *
field_name(const Reader *r, guint index)
{
	const Layout *lay = r->lay;
	int col;

	if (index >= lay->map->len)
		return NULL;
	col = g_array_index(lay->map, int, index);
	if (col >= 0)
		return lay->columns[col].name;
	return col == CELL_UNKNOWN ? g_ptr_array_index(lay->header, index) : NULL;
}

/* ==== Text checks =============================================================== */

/* TRUE when @s holds a byte-order mark.  Its first byte is rare in text: memchr
 * finds it many times faster than memmem looks for three bytes. */
static gboolean
has_bom(const char *s, gsize len)
{
	const char *p = s, *e = s + len;

	while ((p = memchr(p, BOM[0], e - p)) != NULL) {
		if (e - p >= 3 && memcmp(p, BOM, 3) == 0)
			return TRUE;
		p++;
	}
	return FALSE;
}

/* TRUE when @s is ASCII with no NUL, read eight bytes at a time: most CSV text is,
 * and this is many times faster than g_utf8_validate_len. */
static gboolean
ascii_text(const char *s, gsize len)
{
	const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080);
	const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
	gsize i = 0;

	for (; i + 8 <= len; i += 8) {
		guint64 w;

		memcpy(&w, s + i, 8);
		/* a byte of 0x80 or more, or a zero byte */
		if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
			return FALSE;
	}
	for (; i < len; i++)
		if ((guchar)s[i] >= 0x80 || s[i] == '\0')
			return FALSE;
	return TRUE;
}

/* TRUE when @s holds plain UTF-8 text, with no NUL and no byte-order mark: its
 * fields need no check of their own. */
static gboolean
plain_text(const char *s, gsize len)
{
	return ascii_text(s, len) || (g_utf8_validate_len(s, len, NULL) && !has_bom(s, len));
}

/* Checks that a field is text: UTF-8, no NUL, no byte-order mark.  Reports the
 * first fault under @column (may be NULL) with @prefix before it. */
static gboolean
check_text(Reader *r, const char *column, const char *prefix, const char *s, gsize len)
{
	const char *end;

	if (memchr(s, '\0', len) != NULL) {
		add_pending(r, column, "%sholds a NUL byte (expected text, not binary data)", prefix);
		return FALSE;
	}
	if (!g_utf8_validate_len(s, len, &end)) {
		const char *from = end;
		g_autofree char *before = NULL;
		g_autofree char *quoted = NULL;

		for (int i = 0; i < 20 && from > s; i++)
			from = g_utf8_find_prev_char(s, from);
		before = g_strndup(from, end - from);
		quoted = parse_quote(before);
		add_pending(r, column,
			    "%sbyte 0x%02X %s%s is not UTF-8 "
			    "(expected UTF-8 text: Windows-1252? Save the file as CSV UTF-8)",
			    prefix, (guchar)*end, end == s ? "at the start" : "after ",
			    end == s ? "" : quoted);
		return FALSE;
	}
	if (has_bom(s, len)) {
		add_pending(r, column,
			    "%sholds a byte-order mark (expected one only at the very start of the "
			    "file: were two files joined?)", prefix);
		return FALSE;
	}
	return TRUE;
}

/* ==== Header ==================================================================== */

static char *
column_list(const CsvColumn *columns, guint n)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < n; i++)
		g_string_append_printf(s, "%s%s", i ? ", " : "", columns[i].name);
	return g_string_free(s, FALSE);
}

/* Emits the problems gathered so far without a row (header or whole-file ones). */
static void
flush_pending(Reader *r, guint line)
{
	for (guint i = 0; i < r->pending->len; i++) {
		Pending *p = &g_array_index(r->pending, Pending, i);

		diag_add(r->diags, DIAG_ERROR, r->lay->name, line, p->column, NULL, "%s", p->message);
	}
	g_array_set_size(r->pending, 0);
}

static void
finish_header(Reader *r)
{
	Layout *lay = r->lay;
	g_autoptr(GString) unknown = g_string_new(NULL);
	g_autofree char *all = column_list(lay->columns, lay->n_columns);
	guint n_unknown = 0;
	gint found[CSV_MAX_COLUMNS];

	if (r->all_empty && r->pending->len == 0) {
		/* a line of delimiters before the header: keep looking */
		g_ptr_array_set_size(lay->header, 0);
		return;
	}
	r->have_header = TRUE;
	if (r->pending->len > 0) {
		flush_pending(r, r->record_line);
		r->failed = TRUE;
		return;
	}
	for (guint i = 0; i < lay->n_columns; i++)
		found[i] = -1;
	g_array_set_size(lay->map, lay->header->len);
	for (guint i = 0; i < lay->header->len; i++) {
		const char *cell = g_ptr_array_index(lay->header, i);
		int col = cell[0] == '\0' ? CELL_NONE : CELL_UNKNOWN;

		for (guint c = 0; col == CELL_UNKNOWN && c < lay->n_columns; c++)
			if (g_ascii_strcasecmp(cell, lay->columns[c].name) == 0)
				col = (int)c;
		if (col >= 0 && found[col] >= 0) {
			diag_add(r->diags, DIAG_ERROR, lay->name, r->record_line, lay->columns[col].name, NULL,
				 "appears twice in the header, fields %d and %u (expected each column once)",
				 found[col] + 1, i + 1);
			r->failed = TRUE;
		} else if (col >= 0) {
			found[col] = (gint)i;
		} else if (col == CELL_UNKNOWN) {
			g_autofree char *quoted = parse_quote(cell);

			if (n_unknown < 5)
				g_string_append_printf(unknown, "%s%s", n_unknown ? ", " : "", quoted);
			n_unknown++;
		}
		g_array_index(lay->map, int, i) = col;
	}
	for (guint c = 0; c < lay->n_columns; c++) {
		if (lay->columns[c].required && found[c] < 0) {
			diag_add(r->diags, DIAG_ERROR, lay->name, r->record_line, lay->columns[c].name, NULL,
				 "missing from the header (expected a column named %s)",
				 lay->columns[c].name);
			r->failed = TRUE;
		}
	}
	if (n_unknown > 5)
		g_string_append_printf(unknown, " and %u more", n_unknown - 5);
	if (n_unknown > 0)
		diag_add(r->diags, DIAG_WARNING, lay->name, r->record_line, NULL, NULL,
			 "unknown column%s %s ignored (expected %s)", n_unknown > 1 ? "s" : "",
			 unknown->str, all);
}

/* ==== libcsv callbacks ========================================================== */

static void
trim(const char **s, gsize *len)
{
	while (*len > 0 && g_ascii_isspace((*s)[0])) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && g_ascii_isspace((*s)[*len - 1]))
		(*len)--;
}

static void
on_field(void *field, size_t field_len, void *data)
{
	Reader *r = data;
	const Layout *lay = r->lay;
	const char *s = field != NULL ? field : "";
	gsize len = field != NULL ? field_len : 0;
	guint index = r->n_fields++;
	int col;

	trim(&s, &len);
	if (len > 0)
		r->all_empty = FALSE;
	if (!r->have_header) {
		g_autofree char *prefix = g_strdup_printf("header field %u: ", index + 1);

		if (r->check_text && len > 0 && !check_text(r, NULL, prefix, s, len))
			g_ptr_array_add(lay->header, g_strdup(""));
		else
			g_ptr_array_add(lay->header, g_strndup(s, len));
		return;
	}
	if (len == 0)
		return;
	col = index < lay->map->len ? g_array_index(lay->map, int, index) : CELL_NONE;
	if (col == CELL_NONE) {
		if (r->extra_field == 0) {
			r->extra_field = index + 1;
			r->extra_value = g_strndup(s, MIN(len, 160));
		}
		return;
	}
	if (r->check_text && !check_text(r, field_name(r, index), "", s, len)) {
		if (col >= 0)
			r->bad |= G_GUINT64_CONSTANT(1) << col;
		return;
	}
	if (col < 0)
		return;
	/* a plain buffer: this runs for every field of every row */
	if (r->buf_len + len + 1 > r->buf_alloc) {
		r->buf_alloc = MAX(2 * r->buf_alloc, MAX(r->buf_len + len + 1, 256));
		r->buf = g_realloc(r->buf, r->buf_alloc);
	}
	r->offset[col] = (gssize)r->buf_len;
	memcpy(r->buf + r->buf_len, s, len);
	r->buf[r->buf_len + len] = '\0';
	r->buf_len += len + 1;
}

/* Hands the current record to the caller, its problems reported first. */
static void
deliver(Reader *r, gboolean broken)
{
	const Layout *lay = r->lay;
	CsvRecord rec = { 0 };
	g_autofree char *row = NULL;

	rec.line = r->record_line;
	rec.raw = r->data + r->record_start;
	rec.raw_len = r->line_end - r->record_start;
	rec.diags = r->diags;
	if (r->extra_field > 0) {
		g_autofree char *quoted = parse_quote(r->extra_value);
		guint named = 0;

		for (guint i = 0; i < lay->map->len; i++)
			named += g_array_index(lay->map, int, i) != CELL_NONE;
		add_pending(r, NULL,
			    "value %s in field %u, which has no column in the header (expected at "
			    "most the header's %u values; a value holding '%c' must be quoted)",
			    quoted, r->extra_field, named, lay->delim);
	}
	if (r->pending->len > 0) {
		row = csv_reader_record_text(&rec);
		rec.problem = TRUE;
		rec.first_diag = diag_count(r->diags);
		for (guint i = 0; i < r->pending->len; i++) {
			Pending *p = &g_array_index(r->pending, Pending, i);

			diag_add(r->diags, DIAG_ERROR, lay->name, rec.line, p->column, row, "%s", p->message);
		}
	}
	for (guint i = 0; i < lay->n_columns; i++)
		r->values[i] = r->offset[i] >= 0 ? r->buf + r->offset[i] : NULL;
	rec.values = r->values;
	rec.bad = r->bad;
	rec.broken = broken;
	r->func(&rec, r->func_data);
}

static void
on_record(int c, void *data)
{
	Reader *r = data;

	if (!r->have_header)
		finish_header(r);
	else if (!r->all_empty || r->pending->len > 0)
		deliver(r, FALSE);
	reset_record(r);
}

/* ==== Reading lines ============================================================= */

/* The delimiter of the header line: `;` when it holds more `;` than `,` outside
 * quotes (decisions.md 10).  Blank lines before it are passed over.  *@whole: the
 * header line ends within @len bytes (else more text may change the count). */
static char
detect_delimiter(const char *s, gsize len, gboolean *whole)
{
	gsize semicolons = 0, commas = 0;
	gboolean quoted = FALSE, seen = FALSE;

	*whole = FALSE;
	for (gsize i = 0; i < len; i++) {
		char c = s[i];

		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == ';')
			semicolons++;
		else if (c == ',')
			commas++;
		else if ((c == '\n' || c == '\r') && seen) {
			*whole = TRUE;
			break;
		}
		if (!g_ascii_isspace(c))
			seen = TRUE;
	}
	return semicolons > commas ? ';' : ',';
}

/* Feeds a line to libcsv in pieces, growing its buffer geometrically in between. */
static gboolean
feed(Reader *r, const char *s, gsize n)
{
	CsvParser *p = &r->parser;

	while (n > 0) {
		gsize chunk = MIN(n, FEED_CHUNK);

		csv_set_blk_size(p, MAX(FEED_CHUNK, csv_get_buffer_size(p)));
		if (csv_parse(p, s, chunk, on_field, on_record, r) < chunk)
			return FALSE;
		s += chunk;
		n -= chunk;
	}
	return TRUE;
}

/* A misplaced quote (libcsv's strict mode stopped): reports the record, which is cut
 * there, and starts again on the next line. */
static gboolean
broken_quote(Reader *r)
{
	CsvParser *p = &r->parser;

	if (csv_error(p) != CSV_EPARSE) {
		diag_add(r->diags, DIAG_ERROR, r->lay->name, r->line, NULL, NULL,
			 "cannot be read: %s (expected a file that fits in memory)",
			 csv_strerror(csv_error(p)));
		return FALSE;
	}
	if (p->quoted)
		add_pending(r, field_name(r, r->n_fields),
			    "text after the closing quote of a quoted field (expected the field to "
			    "end at its closing quote; a quote inside it is written \"\")");
	else
		add_pending(r, field_name(r, r->n_fields),
			    "a quote inside a field that does not start with one (expected the "
			    "whole field in quotes, each quote inside it doubled: \"19\"\" rack\")");
	if (!r->have_header) {
		flush_pending(r, r->record_line);
		r->have_header = TRUE;
		return FALSE;
	}
	deliver(r, TRUE);
	reset_record(r);
	restart_parser(r);
	return TRUE;
}

/* Feeds the lines of r->data from @pos up to @len, each whole; stops early once the
 * header is read when @header_only, or when the text cannot be read (r->failed).
 * Returns where it stopped. */
static gsize
feed_lines(Reader *r, gsize pos, gsize len, gboolean header_only)
{
	const char *data = r->data;

	while (pos < len && !r->failed && !(header_only && r->have_header)) {
		const char *s = data + pos, *e = data + len;
		const char *nl = memchr(s, '\n', e - s);
		const char *cr = memchr(s, '\r', (nl != NULL ? nl : e) - s);
		const char *next;

		if (cr != NULL) {
			r->line_end = cr - data;
			next = cr + 1 < e && cr[1] == '\n' ? cr + 2 : cr + 1;
		} else if (nl != NULL) {
			r->line_end = nl - data;
			next = nl + 1;
		} else {
			r->line_end = len;
			next = e;
		}
		r->line++;
		if (r->parser.pstate == LIBCSV_ROW_NOT_BEGUN) {
			r->record_line = r->line;
			r->record_start = pos;
		}
		if (!feed(r, s, next - s) && !broken_quote(r))
			r->failed = TRUE;
		pos = next - data;
	}
	return pos;
}

/* At the end of the file: the last record, or the quoted field left open. */
static CsvReadStatus
reader_end(Reader *r)
{
	CsvReadStatus status = CSV_READ_OK;

	if (r->failed)
		return CSV_READ_FAILED;
	if (r->parser.pstate == LIBCSV_FIELD_BEGUN && r->parser.quoted) {
		g_autofree char *lines = r->line > r->record_line ?
			g_strdup_printf("lines %u to %u", r->record_line, r->line) :
			g_strdup_printf("line %u", r->line);

		add_pending(r, field_name(r, r->n_fields),
			    "quoted field never closed: %s cannot be read (expected a closing quote)",
			    lines);
		flush_pending(r, r->record_line);
		return r->have_header ? CSV_READ_PARTIAL : CSV_READ_FAILED;
	}
	csv_fini(&r->parser, on_field, on_record, r);
	if (!r->have_header) {
		g_autofree char *all = column_list(r->lay->columns, r->lay->n_columns);

		diag_add(r->diags, DIAG_ERROR, r->lay->name, r->line > 0 ? 1 : 0, NULL, NULL,
			 "%s (expected a header row: %s)",
			 r->line > 0 ? "no header row, only blank lines" : "empty file", all);
		status = CSV_READ_FAILED;
	}
	return r->failed ? CSV_READ_FAILED : status;
}

/* ==== Text in memory ============================================================ */

typedef enum {
	HEADER_READ,      /* the records start at *end */
	HEADER_MORE,      /* the text so far does not hold the whole header line */
	HEADER_FINISHED,  /* the file is over: no record (status in *status) */
} HeaderStep;

/* Reads the header at the start of @data (@len bytes, the whole file when @final):
 * fills @lay, reports its problems.  *@end and *@line: where the records start. */
static HeaderStep
read_header(Layout *lay, const char *data, gsize len, gboolean final, DiagList *diags,
	    gsize *end, guint *line, CsvReadStatus *status)
{
	g_autoptr(Reader) r = NULL;
	gboolean whole;
	gsize pos = 0;

	*status = CSV_READ_OK;
	if (len >= 2 && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
			 ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF))) {
		diag_add(diags, DIAG_ERROR, lay->name, 0, NULL, NULL,
			 "is UTF-16 text (expected UTF-8: save the file as CSV UTF-8)");
		*status = CSV_READ_FAILED;
		return HEADER_FINISHED;
	}
	if (len >= 3 && memcmp(data, BOM, 3) == 0)
		pos = 3;
	lay->delim = detect_delimiter(data + pos, len - pos, &whole);
	if (!whole && !final)
		return HEADER_MORE;
	g_ptr_array_set_size(lay->header, 0);
	r = reader_new(lay, data, 1, NULL, NULL, diags);
	r->have_header = FALSE;
	r->check_text = !plain_text(data + pos, len - pos);
	*end = feed_lines(r, pos, len, TRUE);
	if (r->have_header && !r->failed) {
		*line = r->line + 1;
		return HEADER_READ;
	}
	if (r->failed) {
		*status = CSV_READ_FAILED;
		return HEADER_FINISHED;
	}
	if (!final)
		return HEADER_MORE;
	*status = reader_end(r);
	return HEADER_FINISHED;
}

static void
layout_init(Layout *lay, const char *name, const CsvColumn *columns, guint n_columns)
{
	lay->name = name;
	lay->columns = columns;
	lay->n_columns = n_columns;
	lay->header = g_ptr_array_new_with_free_func(g_free);
	lay->map = g_array_new(FALSE, TRUE, sizeof(int));
}

static void
layout_clear(Layout *lay)
{
	g_ptr_array_unref(lay->header);
	g_array_unref(lay->map);
}

/* Reads the records of @data, a fresh reader from @line on; when @final the text
 * ends with the file.  Returns the reader when it stopped inside a record (and the
 * text is not final), else NULL. */
static Reader *
read_records(Layout *lay, const char *data, gsize len, guint line, gboolean final,
	     CsvRecordFunc func, gpointer func_data, DiagList *diags, CsvReadStatus *status)
{
	g_autoptr(Reader) r = reader_new(lay, data, line, func, func_data, diags);

	r->check_text = !plain_text(data, len);
	feed_lines(r, 0, len, FALSE);
	if (final) {
		*status = reader_end(r);
		return NULL;
	}
	*status = r->failed ? CSV_READ_FAILED : CSV_READ_OK;
	if (r->failed || r->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
		return NULL;
	return g_steal_pointer(&r);
}

CsvReadStatus
csv_reader_read(const char *name, const char *data, gsize len, const CsvColumn *columns,
		guint n_columns, CsvRecordFunc func, gpointer user_data, DiagList *diags)
{
	Layout lay;
	CsvReadStatus status;
	gsize end = 0;
	guint line = 1;

	g_return_val_if_fail(n_columns <= CSV_MAX_COLUMNS, CSV_READ_FAILED);
	layout_init(&lay, name, columns, n_columns);
	if (read_header(&lay, data, len, TRUE, diags, &end, &line, &status) == HEADER_READ)
		read_records(&lay, data + end, len - end, line, TRUE, func, user_data, diags, &status);
	layout_clear(&lay);
	return status;
}

/* ==== Files, block by block =====================================================
 * A file is read in blocks cut after a line end.  Between two records libcsv holds
 * nothing, so a block that starts on a record reads the same alone as after the
 * blocks before it: each block is read by a fresh reader on a worker thread.  The
 * calling thread takes the blocks back in order and checks that the previous one
 * ended between records; when it did not (a quoted field spans the cut), the reader
 * of the previous block carries on over this one, and the worker's reading is
 * dropped.  Lines are counted when the block is cut, so records know their line;
 * only a quoted field left open at the end of the file takes the rest with it. */

typedef struct {
	char *data;           /* owned */
	gsize alloc;
	gsize len;
	guint first_line;     /* the line data[0] is on */
	gboolean final;       /* ends with the file */
	gpointer state;       /* the caller's */
	DiagList *diags;
	CsvReadStatus status;
	Reader *rest;         /* stopped inside a record at the end of the block */
	gboolean done;        /* read by its worker (under File.lock) */
} Block;

typedef struct {
	Layout lay;
	int fd;
	CsvFileOptions *opts;
	gboolean eof;
	int error;            /* errno of a failed read */
	const CsvBlockFuncs *funcs;
	gpointer user_data;
	GThreadPool *pool;    /* made at the second block */
	GQueue queue;         /* Block*: sent to the workers, in file order */
	guint max_queued;
	GMutex lock;
	GCond cond;
	GPtrArray *buffers;   /* Block*: texts of blocks done with, for the next ones: a
			       * file read without freeing large buffers keeps the
			       * allocator from raising its threshold for mapping them */
	Reader *rest;         /* the reading that goes on into the next block */
	char *rest_data;      /* its text: from its record's start on */
	gsize rest_len;
	gsize rest_alloc;
	CsvReadStatus status;
} File;

/* Done with @b: its text buffer goes back to the file's. */
static void
block_free(File *f, Block *b)
{
	if (b->state != NULL)
		f->funcs->block_free(b->state);
	g_clear_pointer(&b->diags, diag_list_free);
	reader_free(b->rest);
	g_ptr_array_add(f->buffers, b);
}

/* A block for @carry_len bytes of carried text and a block more, its text buffer
 * taken from the blocks done with when one is there. */
static Block *
block_new(File *f, const char *carry, gsize carry_len, gsize block)
{
	Block *b = f->buffers->len > 0 ?
		g_ptr_array_steal_index_fast(f->buffers, f->buffers->len - 1) : g_new0(Block, 1);
	char *data = b->data;
	gsize alloc = b->alloc;

	*b = (Block){ .data = data, .alloc = alloc };
	if (b->alloc < carry_len + block + 1) {
		g_free(b->data);
		b->alloc = carry_len + block + 1;
		b->data = g_malloc(b->alloc);
	}
	if (carry_len > 0)
		memcpy(b->data, carry, carry_len);
	b->len = carry_len;
	return b;
}

static void
buffer_free(gpointer p)
{
	Block *b = p;

	g_free(b->data);
	g_free(b);
}

/* Reads up to @want more bytes onto *@data (of *@len bytes, *@alloc allocated),
 * fewer at the end of the file; every byte goes to the checksum once. */
static void
read_more(File *f, char **data, gsize *len, gsize *alloc, gsize want)
{
	if (*alloc < *len + want + 1) {
		*alloc = *len + want + 1;
		*data = g_realloc(*data, *alloc);
	}
	while (want > 0 && !f->eof && f->error == 0) {
		ssize_t n = read(f->fd, *data + *len, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			f->error = errno;
		} else if (n == 0) {
			f->eof = TRUE;
		} else {
			if (f->opts->checksum != NULL)
				g_checksum_update(f->opts->checksum, (const guchar *)*data + *len, (gsize)n);
			f->opts->size += (gsize)n;
			*len += (gsize)n;
			want -= (gsize)n;
		}
	}
}

/* Where to cut @len bytes that start on a record: after the last line end outside
 * quotes, as far as quotes alone tell; after the last line end when they never
 * balance (a misplaced quote: the reading will tell); 0 when there is no line end. */
static gsize
find_cut(const char *data, gsize len)
{
	const char *last = memrchr(data, '\n', len);
	const char *p = data, *even = NULL;
	gboolean quoted = FALSE;
	gsize quotes = 0;

	if (last == NULL)
		return 0;
	while ((p = memchr(p, '"', last - p)) != NULL) {
		quotes++;
		p++;
	}
	if (quotes % 2 == 0)
		return last - data + 1;
	for (p = data; p < last; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\n' && !quoted)
			even = p;
	}
	return (even != NULL ? even : last) - data + 1;
}

/* The lines @len bytes end (a lone CR, a LF or a CRLF each end one). */
static guint
count_lines(const char *data, gsize len)
{
	const char *p = data, *e = data + len;
	guint n = 0;

	if (memchr(data, '\r', len) == NULL) {
		while ((p = memchr(p, '\n', e - p)) != NULL) {
			n++;
			p++;
		}
		return n;
	}
	for (; p < e; p++) {
		if (*p == '\n')
			n++;
		else if (*p == '\r' && !(p + 1 < e && p[1] == '\n'))
			n++;
	}
	return n;
}

static void
read_block(Block *b, File *f)
{
	b->rest = read_records(&f->lay, b->data, b->len, b->first_line, b->final, f->funcs->record,
			       b->state, b->diags, &b->status);
}

static void
work(gpointer data, gpointer user_data)
{
	Block *b = data;
	File *f = user_data;

	read_block(b, f);
	g_mutex_lock(&f->lock);
	b->done = TRUE;
	g_cond_broadcast(&f->cond);
	g_mutex_unlock(&f->lock);
}

/* The previous block stopped inside a record: its reader carries on over @b's text,
 * which the worker read from the wrong place.  The records it hands over point into
 * f->rest_data, which stays as it is until the block is done. */
static void
carry_on(File *f, Block *b)
{
	Reader *r = f->rest;
	gsize from;

	if (r->record_start > 0) {
		/* keep only the text of the record still open */
		f->rest_len -= r->record_start;
		memmove(f->rest_data, f->rest_data + r->record_start, f->rest_len);
		r->line_end -= r->record_start;
		r->record_start = 0;
	}
	from = f->rest_len;
	f->funcs->block_free(b->state);
	diag_list_free(b->diags);
	reader_free(g_steal_pointer(&b->rest));
	b->state = f->funcs->block_new(f->user_data);
	b->diags = diag_list_new();
	if (f->rest_alloc < f->rest_len + b->len + 1) {
		f->rest_alloc = MAX(2 * f->rest_alloc, f->rest_len + b->len + 1);
		f->rest_data = g_realloc(f->rest_data, f->rest_alloc);
	}
	memcpy(f->rest_data + f->rest_len, b->data, b->len);
	f->rest_len += b->len;
	r->data = f->rest_data;
	r->func_data = b->state;
	r->diags = b->diags;
	/* what reads as plain text alone may not once joined: check every field */
	r->check_text = TRUE;
	feed_lines(r, from, f->rest_len, FALSE);
	if (b->final) {
		b->status = reader_end(r);
	} else {
		b->status = r->failed ? CSV_READ_FAILED : CSV_READ_OK;
		if (!r->failed && r->parser.pstate != LIBCSV_ROW_NOT_BEGUN)
			return; /* still inside a record */
	}
	g_clear_pointer(&f->rest, reader_free);
	f->rest_len = 0;
}

/* Takes @b back in file order: its records are final once the previous block is
 * known to end between records. */
static void
take_block(File *f, Block *b)
{
	if (f->rest != NULL) {
		carry_on(f, b);
	} else if (b->rest != NULL) {
		/* keep the text of the record it stopped in, for the next block */
		f->rest = g_steal_pointer(&b->rest);
		f->rest_len = b->len - f->rest->record_start;
		f->rest_alloc = MAX(f->rest_alloc, f->rest_len + 1);
		f->rest_data = g_realloc(f->rest_data, f->rest_alloc);
		memcpy(f->rest_data, b->data + f->rest->record_start, f->rest_len);
		f->rest->line_end -= f->rest->record_start;
		f->rest->record_start = 0;
		f->rest->data = f->rest_data;
	}
	if (f->status == CSV_READ_OK) {
		f->funcs->block_done(b->state, b->diags, f->user_data);
		f->status = b->status;
	}
	if (f->rest != NULL && f->status != CSV_READ_OK)
		g_clear_pointer(&f->rest, reader_free);
}

/* Takes back the oldest block sent, waiting for it when @wait, and frees it. */
static gboolean
take_oldest(File *f, gboolean wait)
{
	Block *b = g_queue_peek_head(&f->queue);
	gboolean done;

	if (b == NULL)
		return FALSE;
	g_mutex_lock(&f->lock);
	while (wait && !b->done)
		g_cond_wait(&f->cond, &f->lock);
	done = b->done;
	g_mutex_unlock(&f->lock);
	if (!done)
		return FALSE;
	g_queue_pop_head(&f->queue);
	take_block(f, b);
	block_free(f, b);
	return TRUE;
}

/* Sends a block to the workers, or reads it here when it is the only one. */
static void
send_block(File *f, Block *b)
{
	b->state = f->funcs->block_new(f->user_data);
	b->diags = diag_list_new();
	if (b->final && f->pool == NULL) {
		b->done = TRUE;
		read_block(b, f);
		g_queue_push_tail(&f->queue, b);
		take_oldest(f, TRUE);
		return;
	}
	if (f->pool == NULL) {
		guint threads = MAX(g_get_num_processors(), 1u);

		f->pool = g_thread_pool_new(work, f, (gint)threads, FALSE, NULL);
		f->max_queued = 2 * threads + 1;
	}
	g_queue_push_tail(&f->queue, b);
	g_thread_pool_push(f->pool, b, NULL);
	while (take_oldest(f, g_queue_get_length(&f->queue) > f->max_queued))
		;
}

/* Reads the file's header; returns a block holding the text that follows it, its
 * first line in *@line, or NULL when there is nothing more to read. */
static Block *
file_header(File *f, DiagList *diags, gsize block, guint *line)
{
	Block *b = block_new(f, NULL, 0, block);
	HeaderStep step = HEADER_MORE;
	gsize end = 0;

	while (step == HEADER_MORE && f->error == 0) {
		read_more(f, &b->data, &b->len, &b->alloc, MAX(block, b->len));
		if (f->error == 0)
			step = read_header(&f->lay, b->data, b->len, f->eof, diags, &end, line, &f->status);
	}
	if (step != HEADER_READ) {
		g_ptr_array_add(f->buffers, b);
		return NULL;
	}
	b->len -= end;
	memmove(b->data, b->data + end, b->len);
	return b;
}

CsvReadStatus
csv_reader_read_file(const char *name, int fd, const CsvColumn *columns, guint n_columns,
		     const CsvBlockFuncs *funcs, gpointer user_data, CsvFileOptions *opts,
		     DiagList *diags)
{
	File f = { 0 };
	gsize block = opts->block_size > 0 ? opts->block_size : CSV_READER_BLOCK_SIZE;
	g_autofree char *carry = NULL;
	gsize carry_len = 0;
	guint line = 1;
	Block *b;

	g_return_val_if_fail(n_columns <= CSV_MAX_COLUMNS, CSV_READ_FAILED);
	layout_init(&f.lay, name, columns, n_columns);
	f.fd = fd;
	f.opts = opts;
	f.funcs = funcs;
	f.user_data = user_data;
	f.status = CSV_READ_OK;
	f.buffers = g_ptr_array_new_with_free_func(buffer_free);
	g_mutex_init(&f.lock);
	g_cond_init(&f.cond);
	opts->size = 0;

	b = file_header(&f, diags, block, &line);
	if (b != NULL) {
		while (f.status == CSV_READ_OK) {
			gsize cut = 0;

			if (b == NULL) {
				b = block_new(&f, carry, carry_len, block);
				g_clear_pointer(&carry, g_free);
			}
			read_more(&f, &b->data, &b->len, &b->alloc, block);
			while (!f.eof && f.error == 0 && (cut = find_cut(b->data, b->len)) == 0)
				read_more(&f, &b->data, &b->len, &b->alloc, MAX(block, b->len));
			if (f.error != 0) {
				g_ptr_array_add(f.buffers, b);
				break;
			}
			b->final = f.eof;
			if (!b->final) {
				carry_len = b->len - cut;
				carry = g_memdup2(b->data + cut, carry_len);
				b->len = cut;
			}
			b->first_line = line;
			line += b->final ? 0 : count_lines(b->data, b->len);
			send_block(&f, g_steal_pointer(&b)); /* the reader's now */
			if (f.eof)
				break;
		}
		while (take_oldest(&f, TRUE))
			;
	}
	while (!f.eof && f.error == 0) {
		/* the rest of a file that cannot be read as a table, for its checksum */
		gsize len = 0, alloc = 0;
		g_autofree char *skip = NULL;

		read_more(&f, &skip, &len, &alloc, block);
	}
	opts->whole = f.error == 0;
	if (f.error != 0) {
		diag_add(diags, DIAG_ERROR, name, 0, NULL, NULL,
			 "cannot be read: %s (expected a file this user may read)",
			 g_strerror(f.error));
		f.status = CSV_READ_FAILED;
	}
	if (f.pool != NULL)
		g_thread_pool_free(f.pool, FALSE, TRUE);
	reader_free(f.rest);
	g_free(f.rest_data);
	g_ptr_array_unref(f.buffers);
	g_mutex_clear(&f.lock);
	g_cond_clear(&f.cond);
	layout_clear(&f.lay);
	return f.status;
}
