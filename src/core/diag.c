/* SPDX-License-Identifier: MIT
 *
 * A growable list of diagnostics.  Formatting is here so that --validate, the run's
 * error output and rejects.csv all word a problem the same way.  The list neither
 * prints nor decides what a problem means for the run: ingest and main do.
 */
#include "diag.h"

#include "parse.h"

/* What a file read through an import mapping is called by its user. */
typedef struct {
	char *source;
	GHashTable *columns; /* native column -> source column */
} Alias;

struct _DiagList {
	GArray *items;       /* Diag */
	GHashTable *aliases; /* native file -> Alias *; NULL while there is none */
};

static void
alias_free(gpointer p)
{
	Alias *a = p;

	g_free(a->source);
	g_hash_table_unref(a->columns);
	g_free(a);
}

static void
diag_clear(gpointer p)
{
	Diag *d = p;

	g_free(d->file);
	g_free(d->column);
	g_free(d->message);
	g_free(d->row);
	g_free(d->customer_id);
}

DiagList *
diag_list_new(void)
{
	DiagList *list = g_new0(DiagList, 1);

	list->items = g_array_new(FALSE, TRUE, sizeof(Diag));
	g_array_set_clear_func(list->items, diag_clear);
	return list;
}

void
diag_list_free(DiagList *list)
{
	if (list == NULL)
		return;
	g_array_unref(list->items);
	if (list->aliases != NULL)
		g_hash_table_unref(list->aliases);
	g_free(list);
}

static Alias *
alias_for(DiagList *list, const char *file)
{
	Alias *a;

	if (list->aliases == NULL)
		list->aliases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, alias_free);
	a = g_hash_table_lookup(list->aliases, file);
	if (a == NULL) {
		a = g_new0(Alias, 1);
		a->source = g_strdup(file);
		a->columns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		g_hash_table_insert(list->aliases, g_strdup(file), a);
	}
	return a;
}

void
diag_list_set_alias(DiagList *list, const char *file, const char *source)
{
	Alias *a = alias_for(list, file);

	g_free(a->source);
	a->source = g_strdup(source);
}

void
diag_list_set_column_alias(DiagList *list, const char *file, const char *column,
			   const char *source_column)
{
	g_hash_table_insert(alias_for(list, file)->columns, g_strdup(column), g_strdup(source_column));
}

void
diag_list_copy_aliases(DiagList *to, const DiagList *from)
{
	GHashTableIter iter, columns;
	gpointer file, alias, column, source_column;

	if (from->aliases == NULL)
		return;
	g_hash_table_iter_init(&iter, from->aliases);
	while (g_hash_table_iter_next(&iter, &file, &alias)) {
		diag_list_set_alias(to, file, ((Alias *)alias)->source);
		g_hash_table_iter_init(&columns, ((Alias *)alias)->columns);
		while (g_hash_table_iter_next(&columns, &column, &source_column))
			diag_list_set_column_alias(to, file, column, source_column);
	}
}

static guint G_GNUC_PRINTF(8, 0)
add_valist(DiagList *list, DiagSeverity severity, const char *file, guint line,
	   const char *column, gboolean key, const char *row, const char *format, va_list ap)
{
	Diag d = { 0 };
	const Alias *a = list->aliases != NULL && file != NULL ?
			 g_hash_table_lookup(list->aliases, file) : NULL;

	if (a != NULL) {
		file = a->source;
		if (column != NULL && !key && g_hash_table_contains(a->columns, column))
			column = g_hash_table_lookup(a->columns, column);
	}
	d.severity = severity;
	d.file = g_strdup(file);
	d.line = line;
	d.column = g_strdup(column);
	d.key = key;
	d.row = g_strdup(row);
	d.message = g_strdup_vprintf(format, ap);
	g_array_append_val(list->items, d);
	return list->items->len - 1;
}

guint
diag_add(DiagList *list, DiagSeverity severity, const char *file, guint line,
	 const char *column, const char *row, const char *format, ...)
{
	va_list ap;
	guint index;

	va_start(ap, format);
	index = add_valist(list, severity, file, line, column, FALSE, row, format, ap);
	va_end(ap);
	return index;
}

guint
diag_add_key(DiagList *list, DiagSeverity severity, const char *file, guint line,
	     const char *key, const char *format, ...)
{
	va_list ap;
	guint index;

	va_start(ap, format);
	index = add_valist(list, severity, file, line, key, key != NULL, NULL, format, ap);
	va_end(ap);
	return index;
}

guint
diag_add_copy(DiagList *list, const Diag *d)
{
	Diag c = *d;

	c.file = g_strdup(d->file);
	c.column = g_strdup(d->column);
	c.message = g_strdup(d->message);
	c.row = g_strdup(d->row);
	c.customer_id = g_strdup(d->customer_id);
	g_array_append_val(list->items, c);
	return list->items->len - 1;
}

/* Replaces the string *@field of a diagnostic by a copy of @value. */
static void
set_string(char **field, const char *value)
{
	g_free(*field);
	*field = g_strdup(value);
}

void
diag_set_customer(DiagList *list, guint index, const char *customer_id)
{
	g_return_if_fail(index < list->items->len);
	set_string(&g_array_index(list->items, Diag, index).customer_id, customer_id);
}

void
diag_set_message(DiagList *list, guint index, const char *message)
{
	g_return_if_fail(index < list->items->len);
	set_string(&g_array_index(list->items, Diag, index).message, message);
}

guint
diag_count(const DiagList *list)
{
	return list->items->len;
}

guint
diag_count_errors(const DiagList *list)
{
	guint n = 0;

	for (guint i = 0; i < list->items->len; i++)
		if (g_array_index(list->items, Diag, i).severity == DIAG_ERROR)
			n++;
	return n;
}

const Diag *
diag_get(const DiagList *list, guint index)
{
	g_return_val_if_fail(index < list->items->len, NULL);
	return &g_array_index(list->items, Diag, index);
}

typedef struct {
	Diag d;
	guint rank;
	guint seq;
} Keyed;

/* Position of a file in the pipeline: the order its problems print in.  A file read
 * in place of another (an alias) takes that one's place. */
static guint
file_rank(const DiagList *list, const char *file)
{
	static const char *const order[] = {
		"plans.ini", "customers.csv", "services.csv", "tickets.csv", "outages.csv",
		"maintenance.csv",
	};
	GHashTableIter iter;
	gpointer native, alias;

	if (list->aliases != NULL) {
		g_hash_table_iter_init(&iter, list->aliases);
		while (g_hash_table_iter_next(&iter, &native, &alias))
			if (g_strcmp0(file, ((Alias *)alias)->source) == 0)
				file = native;
	}
	for (guint i = 0; i < G_N_ELEMENTS(order); i++)
		if (g_strcmp0(file, order[i]) == 0)
			return i;
	return G_N_ELEMENTS(order);
}

static int
compare_keyed(gconstpointer pa, gconstpointer pb)
{
	const Keyed *a = pa, *b = pb;
	int c;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	c = g_strcmp0(a->d.file, b->d.file);
	if (c != 0)
		return c;
	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diag_sort(DiagList *list)
{
	guint n = list->items->len;
	g_autofree Keyed *keyed = g_new(Keyed, n ? n : 1);

	for (guint i = 0; i < n; i++) {
		keyed[i].d = g_array_index(list->items, Diag, i);
		keyed[i].rank = file_rank(list, keyed[i].d.file);
		keyed[i].seq = i;
	}
	qsort(keyed, n, sizeof(Keyed), compare_keyed);
	for (guint i = 0; i < n; i++)
		g_array_index(list->items, Diag, i) = keyed[i].d;
}

/* A column or key name is what the input wrote: a header cell may hold a line break,
 * bytes that are not UTF-8 or a thousand characters.  Plain names print as they are,
 * others quoted (escaped, cut), so that a diagnostic stays one line of text. */
static gboolean
plain_name(const char *name)
{
	gsize n = 0;

	for (const guchar *p = (const guchar *)name; *p != '\0'; p++, n++)
		if (*p < 0x20 || *p == 0x7F || *p == '"')
			return FALSE;
	return n <= 64 && g_utf8_validate(name, -1, NULL);
}

static void
append_formatted(GString *s, const Diag *d)
{
	g_string_append(s, d->file);
	if (d->line > 0)
		g_string_append_printf(s, ":%u", d->line);
	g_string_append(s, ": ");
	if (d->severity == DIAG_WARNING)
		g_string_append(s, "warning: ");
	if (d->column != NULL && plain_name(d->column)) {
		g_string_append_printf(s, "%s %s: ", d->key ? "key" : "column", d->column);
	} else if (d->column != NULL) {
		g_autofree char *quoted = parse_quote(d->column);

		g_string_append_printf(s, "%s %s: ", d->key ? "key" : "column", quoted);
	}
	g_string_append(s, d->message);
}

char *
diag_format(const Diag *d)
{
	GString *s = g_string_new(NULL);

	append_formatted(s, d);
	return g_string_free(s, FALSE);
}

char *
diag_format_all(DiagList *list)
{
	GString *s = g_string_new(NULL);

	diag_sort(list);
	for (guint i = 0; i < list->items->len; i++) {
		append_formatted(s, &g_array_index(list->items, Diag, i));
		g_string_append_c(s, '\n');
	}
	return g_string_free(s, FALSE);
}
