/* SPDX-License-Identifier: MIT
 *
 * A growable list of diagnostics.  Formatting is here so that --validate, the run's
 * error output and rejects.csv all word a problem the same way.
 */
#include "diag.h"

struct _DiagList {
	GArray *items; /* Diag */
	GArray *order; /* guint: insertion index, to keep sorting stable */
};

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
	g_free(list);
}

void
diag_add(DiagList *list, DiagSeverity severity, const char *file, guint line,
	 const char *column, const char *row, const char *format, ...)
{
	Diag d = { 0 };
	va_list ap;

	d.severity = severity;
	d.file = g_strdup(file);
	d.line = line;
	d.column = g_strdup(column);
	d.row = g_strdup(row);
	va_start(ap, format);
	d.message = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_array_append_val(list->items, d);
}

void
diag_set_customer(DiagList *list, guint index, const char *customer_id)
{
	Diag *d;

	g_return_if_fail(index < list->items->len);
	d = &g_array_index(list->items, Diag, index);
	g_free(d->customer_id);
	d->customer_id = g_strdup(customer_id);
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
	guint seq;
} Keyed;

static int
compare_keyed(gconstpointer pa, gconstpointer pb)
{
	const Keyed *a = pa, *b = pb;
	int c = g_strcmp0(a->d.file, b->d.file);

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
		keyed[i].seq = i;
	}
	qsort(keyed, n, sizeof(Keyed), compare_keyed);
	for (guint i = 0; i < n; i++)
		g_array_index(list->items, Diag, i) = keyed[i].d;
}

char *
diag_format(const Diag *d)
{
	GString *s = g_string_new(NULL);

	g_string_append(s, d->file);
	if (d->line > 0)
		g_string_append_printf(s, ":%u", d->line);
	g_string_append(s, ": ");
	if (d->severity == DIAG_WARNING)
		g_string_append(s, "warning: ");
	if (d->column != NULL)
		g_string_append_printf(s, "column %s: ", d->column);
	g_string_append(s, d->message);
	return g_string_free(s, FALSE);
}
