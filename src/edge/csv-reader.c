/* SPDX-License-Identifier: MIT
 *
 * CSV reading on libcsv.  libcsv splits fields and handles RFC 4180 quoting; it
 * knows nothing of lines, so the file is fed to it one physical line at a time (a
 * line ends at LF, CRLF or a lone CR, as a libcsv row does) and a record starts on
 * the line fed while libcsv stands between rows.  Strict mode catches misplaced
 * quotes: the record is reported and the parser restarts on the next line, since
 * outside a quoted field a line end ends the record; only a quoted field left open
 * at the end of the file takes the rest of the file with it.  Encoding is checked
 * once for the whole file and, only when that fails, field by field to name the place.
 */
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

typedef struct {
	const char *name;
	const char *data;
	const CsvColumn *columns;
	guint n_columns;
	CsvRecordFunc func;
	gpointer user_data;
	DiagList *diags;
	gboolean check_text; /* the file is not plain UTF-8: check each field */
	char delim;

	gboolean have_header;
	gboolean failed;   /* the header is unusable */
	GPtrArray *header; /* char *: the header cells, trimmed */
	GArray *map;       /* int per header cell: column index or CELL_* */

	guint line;          /* physical line being fed */
	gsize line_end;      /* its end, line break excluded */
	guint record_line;   /* where the current record starts */
	gsize record_start;

	guint n_fields;
	gboolean all_empty;
	guint extra_field;   /* 1-based field of the first value with no column; 0 = none */
	char *extra_value;
	guint64 bad;
	GString *buf;        /* the record's kept values, each NUL-terminated */
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
	g_string_truncate(r->buf, 0);
	for (guint i = 0; i < r->n_columns; i++)
		r->offset[i] = -1;
	g_array_set_size(r->pending, 0);
}

char *
csv_reader_record_text(const CsvRecord *record)
{
	return g_utf8_make_valid(record->raw, record->raw_len);
}

/* The name a field goes by in messages: its column's, else its header cell's. */
static const char *
field_name(const Reader *r, guint index)
{
	int col;

	if (index >= r->map->len)
		return NULL;
	col = g_array_index(r->map, int, index);
	if (col >= 0)
		return r->columns[col].name;
	return col == CELL_UNKNOWN ? g_ptr_array_index(r->header, index) : NULL;
}

/* ==== Text checks =============================================================== */

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
	if (memmem(s, len, BOM, 3) != NULL) {
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

		diag_add(r->diags, DIAG_ERROR, r->name, line, p->column, NULL, "%s", p->message);
	}
	g_array_set_size(r->pending, 0);
}

static void
finish_header(Reader *r)
{
	g_autoptr(GString) unknown = g_string_new(NULL);
	g_autofree char *all = column_list(r->columns, r->n_columns);
	guint n_unknown = 0;
	gint found[CSV_MAX_COLUMNS];

	if (r->all_empty && r->pending->len == 0) {
		/* a line of delimiters before the header: keep looking */
		g_ptr_array_set_size(r->header, 0);
		return;
	}
	r->have_header = TRUE;
	if (r->pending->len > 0) {
		flush_pending(r, r->record_line);
		r->failed = TRUE;
		return;
	}
	for (guint i = 0; i < r->n_columns; i++)
		found[i] = -1;
	g_array_set_size(r->map, r->header->len);
	for (guint i = 0; i < r->header->len; i++) {
		const char *cell = g_ptr_array_index(r->header, i);
		int col = cell[0] == '\0' ? CELL_NONE : CELL_UNKNOWN;

		for (guint c = 0; col == CELL_UNKNOWN && c < r->n_columns; c++)
			if (g_ascii_strcasecmp(cell, r->columns[c].name) == 0)
				col = (int)c;
		if (col >= 0 && found[col] >= 0) {
			diag_add(r->diags, DIAG_ERROR, r->name, r->record_line, r->columns[col].name, NULL,
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
		g_array_index(r->map, int, i) = col;
	}
	for (guint c = 0; c < r->n_columns; c++) {
		if (r->columns[c].required && found[c] < 0) {
			diag_add(r->diags, DIAG_ERROR, r->name, r->record_line, r->columns[c].name, NULL,
				 "missing from the header (expected a column named %s)",
				 r->columns[c].name);
			r->failed = TRUE;
		}
	}
	if (n_unknown > 5)
		g_string_append_printf(unknown, " and %u more", n_unknown - 5);
	if (n_unknown > 0)
		diag_add(r->diags, DIAG_WARNING, r->name, r->record_line, NULL, NULL,
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
			g_ptr_array_add(r->header, g_strdup(""));
		else
			g_ptr_array_add(r->header, g_strndup(s, len));
		return;
	}
	if (len == 0)
		return;
	col = index < r->map->len ? g_array_index(r->map, int, index) : CELL_NONE;
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
	r->offset[col] = (gssize)r->buf->len;
	g_string_append_len(r->buf, s, (gssize)len);
	g_string_append_c(r->buf, '\0');
}

/* Hands the current record to the caller, its problems reported first. */
static void
deliver(Reader *r, gboolean broken)
{
	CsvRecord rec = { 0 };
	g_autofree char *row = NULL;

	rec.line = r->record_line;
	rec.raw = r->data + r->record_start;
	rec.raw_len = r->line_end - r->record_start;
	if (r->extra_field > 0) {
		g_autofree char *quoted = parse_quote(r->extra_value);
		guint named = 0;

		for (guint i = 0; i < r->map->len; i++)
			named += g_array_index(r->map, int, i) != CELL_NONE;
		add_pending(r, NULL,
			    "value %s in field %u, which has no column in the header (expected at "
			    "most the header's %u values; a value holding '%c' must be quoted)",
			    quoted, r->extra_field, named, r->delim);
	}
	if (r->pending->len > 0) {
		row = csv_reader_record_text(&rec);
		rec.problem = TRUE;
		rec.first_diag = diag_count(r->diags);
		for (guint i = 0; i < r->pending->len; i++) {
			Pending *p = &g_array_index(r->pending, Pending, i);

			diag_add(r->diags, DIAG_ERROR, r->name, rec.line, p->column, row, "%s", p->message);
		}
	}
	for (guint i = 0; i < r->n_columns; i++)
		r->values[i] = r->offset[i] >= 0 ? r->buf->str + r->offset[i] : NULL;
	rec.values = r->values;
	rec.bad = r->bad;
	rec.broken = broken;
	r->func(&rec, r->user_data);
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

/* ==== Reading =================================================================== */

/* The delimiter of the header line: `;` when it holds more `;` than `,` outside
 * quotes (decisions.md 10).  Blank lines before it are passed over. */
static char
detect_delimiter(const char *s, gsize len)
{
	gsize semicolons = 0, commas = 0;
	gboolean quoted = FALSE, seen = FALSE;

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
		else if ((c == '\n' || c == '\r') && seen)
			break;
		if (!g_ascii_isspace(c))
			seen = TRUE;
	}
	return semicolons > commas ? ';' : ',';
}

/* Feeds a line to libcsv in pieces, growing its buffer geometrically in between. */
static gboolean
feed(Reader *r, CsvParser *p, const char *s, gsize n)
{
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

static void
restart_parser(CsvParser *p, char delim)
{
	csv_free(p);
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(p, (unsigned char)delim);
}

/* A misplaced quote (libcsv's strict mode stopped): reports the record, which is cut
 * there, and starts again on the next line. */
static gboolean
broken_quote(Reader *r, CsvParser *p)
{
	if (csv_error(p) != CSV_EPARSE) {
		diag_add(r->diags, DIAG_ERROR, r->name, r->line, NULL, NULL,
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
		r->have_header = r->failed = TRUE;
		return FALSE;
	}
	deliver(r, TRUE);
	reset_record(r);
	restart_parser(p, r->delim);
	return TRUE;
}

CsvReadStatus
csv_reader_read(const char *name, const char *data, gsize len, const CsvColumn *columns,
		guint n_columns, CsvRecordFunc func, gpointer user_data, DiagList *diags)
{
	g_auto(CsvParser) parser = { 0 };
	g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GArray) map = g_array_new(FALSE, TRUE, sizeof(int));
	g_autoptr(GArray) pending = g_array_new(FALSE, TRUE, sizeof(Pending));
	g_autoptr(GString) buf = g_string_new(NULL);
	CsvReadStatus status = CSV_READ_OK;
	Reader r = { 0 };
	gsize pos = 0;

	g_return_val_if_fail(n_columns <= CSV_MAX_COLUMNS, CSV_READ_FAILED);
	g_array_set_clear_func(pending, pending_clear);
	if (len >= 2 && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
			 ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF))) {
		diag_add(diags, DIAG_ERROR, name, 0, NULL, NULL,
			 "is UTF-16 text (expected UTF-8: save the file as CSV UTF-8)");
		return CSV_READ_FAILED;
	}
	if (len >= 3 && memcmp(data, BOM, 3) == 0)
		pos = 3;
	r = (Reader){
		.name = name, .data = data, .columns = columns, .n_columns = n_columns,
		.func = func, .user_data = user_data, .diags = diags, .header = header, .map = map,
		.pending = pending, .buf = buf,
	};
	r.delim = detect_delimiter(data + pos, len - pos);
	r.check_text = !g_utf8_validate_len(data + pos, len - pos, NULL) ||
		       memmem(data + pos, len - pos, BOM, 3) != NULL;
	reset_record(&r);
	restart_parser(&parser, r.delim);

	while (pos < len && !r.failed) {
		const char *s = data + pos, *e = data + len;
		const char *nl = memchr(s, '\n', e - s);
		const char *cr = memchr(s, '\r', (nl != NULL ? nl : e) - s);
		const char *next;

		if (cr != NULL) {
			r.line_end = cr - data;
			next = cr + 1 < e && cr[1] == '\n' ? cr + 2 : cr + 1;
		} else if (nl != NULL) {
			r.line_end = nl - data;
			next = nl + 1;
		} else {
			r.line_end = len;
			next = e;
		}
		r.line++;
		if (parser.pstate == LIBCSV_ROW_NOT_BEGUN) {
			r.record_line = r.line;
			r.record_start = pos;
		}
		if (!feed(&r, &parser, s, next - s) && !broken_quote(&r, &parser)) {
			status = CSV_READ_FAILED;
			break;
		}
		pos = next - data;
	}
	if (status == CSV_READ_OK && !r.failed) {
		if (parser.pstate == LIBCSV_FIELD_BEGUN && parser.quoted) {
			g_autofree char *lines = r.line > r.record_line ?
				g_strdup_printf("lines %u to %u", r.record_line, r.line) :
				g_strdup_printf("line %u", r.line);

			add_pending(&r, field_name(&r, r.n_fields),
				    "quoted field never closed: %s cannot be read (expected a closing "
				    "quote)", lines);
			flush_pending(&r, r.record_line);
			status = r.have_header ? CSV_READ_PARTIAL : CSV_READ_FAILED;
		} else {
			csv_fini(&parser, on_field, on_record, &r);
		}
	}
	if (!r.have_header && status == CSV_READ_OK) {
		g_autofree char *all = column_list(columns, n_columns);

		diag_add(diags, DIAG_ERROR, name, r.line > 0 ? 1 : 0, NULL, NULL,
			 "%s (expected a header row: %s)",
			 r.line > 0 ? "no header row, only blank lines" : "empty file", all);
		status = CSV_READ_FAILED;
	}
	if (r.failed)
		status = CSV_READ_FAILED;
	g_free(r.extra_value);
	return status;
}
