/* SPDX-License-Identifier: MIT
 *
 * Data-driven, under tests/data/import/: every same-NAME/ holds an input folder
 * reading a provider's export through import.ini (mapped/) and its native equivalent
 * (native/): both read with the messages of their `expected` file (none when absent)
 * and give the same ledgers for the month in `month`.  Every fail-NAME/ folder prints
 * exactly its `expected` under --validate; every valid-NAME/ folder reads with exactly
 * the warnings of its `expected`.  Then the aliases of diag.h, and mutated exports.
 */
#include <glib/gstdio.h>

#include "import.h"
#include "ingest.h"
#include "ledger.h"
#include "report.h"

static char *
data_dir(void)
{
	return g_test_build_filename(G_TEST_DIST, "data", "import", NULL);
}

typedef struct {
	Dataset *ds;
	DiagList *diags;
	char *messages;
	GError *error;
} Result;

static void
result_clear(Result *res)
{
	dataset_free(res->ds);
	diag_list_free(res->diags);
	g_free(res->messages);
	g_clear_error(&res->error);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Result, result_clear)

/* Reads @dir as --validate does: ingest, then the priority checks of every month. */
static void
validate(Result *res, const char *dir, gboolean allow_rejects)
{
	IngestOptions opts = { allow_rejects };

	res->diags = diag_list_new();
	res->ds = ingest_folder(dir, &opts, res->diags, NULL, &res->error);
	if (res->ds != NULL && !allow_rejects)
		report_check(res->ds, 0, 0, res->diags);
	res->messages = diag_format_all(res->diags);
}

static char *
read_text(const char *dir, const char *name)
{
	g_autofree char *path = g_build_filename(dir, name, NULL);
	g_autoptr(GError) error = NULL;
	char *text = NULL;

	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return NULL;
	if (!g_file_get_contents(path, &text, NULL, &error))
		g_error("%s", error->message);
	return text;
}

static void
assert_messages(const char *dir, const char *got, const char *expected)
{
	if (g_strcmp0(got, expected != NULL ? expected : "") != 0)
		g_error("%s:\n--- got:\n%s--- expected:\n%s", dir, got, expected);
}

/* The three ledgers of @ds's month @month, one after the other (transfer full). */
static char *
ledgers(const Dataset *ds, const char *month)
{
	g_autoptr(Report) report = NULL;
	g_autoptr(GString) summary = NULL;
	g_autoptr(GString) tickets = NULL;
	g_autoptr(GString) credits = NULL;
	g_autoptr(DiagList) found = diag_list_new();
	int year, mon;

	g_assert_cmpint(sscanf(month, "%d-%d", &year, &mon), ==, 2);
	g_assert_cmpuint(report_check(ds, year, mon, found), ==, 0);
	report = report_compute(ds, year, mon);
	summary = ledger_summary(report);
	tickets = ledger_tickets(report);
	credits = ledger_credits(report);
	return g_strconcat(summary->str, tickets->str, credits->str, NULL);
}

static const Ticket *
find_ticket(const Dataset *ds, const char *id)
{
	for (guint i = 0; i < ds->tickets->len; i++)
		if (strcmp(dataset_ticket(ds, i)->id, id) == 0)
			return dataset_ticket(ds, i);
	return NULL;
}

/* The same tickets, field by field, whatever their order and lines. */
static void
assert_same_tickets(const Dataset *a, const Dataset *b)
{
	g_assert_cmpuint(a->tickets->len, ==, b->tickets->len);
	for (guint i = 0; i < a->tickets->len; i++) {
		const Ticket *x = dataset_ticket(a, i);
		const Ticket *y = find_ticket(b, x->id);

		g_assert_nonnull(y);
		g_assert_cmpstr(x->service->id, ==, y->service->id);
		g_assert_cmpint(x->type, ==, y->type);
		g_assert_cmpint(x->opened_at, ==, y->opened_at);
		g_assert_cmpint(x->responded_at, ==, y->responded_at);
		g_assert_cmpint(x->restored_at, ==, y->restored_at);
		g_assert_cmpint(x->closed_at, ==, y->closed_at);
		g_assert_cmpstr(x->labels->priority, ==, y->labels->priority);
		g_assert_cmpstr(x->labels->impact, ==, y->labels->impact);
		g_assert_cmpstr(x->labels->urgency, ==, y->labels->urgency);
		g_assert_cmpint(x->interrupted, ==, y->interrupted);
		g_assert_cmpint(x->cause, ==, y->cause);
		g_assert_cmpstr(x->labels->category, ==, y->labels->category);
		g_assert_cmpint(x->channel, ==, y->channel);
		g_assert_cmpint(x->paused_minutes, ==, y->paused_minutes);
		g_assert_cmpint(x->work_minutes, ==, y->work_minutes);
		g_assert_cmpint(x->work_units, ==, y->work_units);
	}
}

static void
test_same(gconstpointer data)
{
	const char *dir = data;
	g_autofree char *month = read_text(dir, "month");
	g_autofree char *mapped = g_build_filename(dir, "mapped", NULL);
	g_autofree char *native = g_build_filename(dir, "native", NULL);
	g_autofree char *mapped_expected = read_text(mapped, "expected");
	g_autofree char *native_expected = read_text(native, "expected");
	g_autofree char *mapped_ledgers = NULL;
	g_autofree char *native_ledgers = NULL;
	g_auto(Result) a = { 0 };
	g_auto(Result) b = { 0 };

	g_assert_nonnull(month);
	g_strstrip(month);
	validate(&a, mapped, FALSE);
	validate(&b, native, FALSE);
	assert_messages(mapped, a.messages, mapped_expected);
	assert_messages(native, b.messages, native_expected);
	g_assert_no_error(a.error);
	g_assert_no_error(b.error);
	assert_same_tickets(a.ds, b.ds);
	mapped_ledgers = ledgers(a.ds, month);
	native_ledgers = ledgers(b.ds, month);
	g_assert_cmpstr(mapped_ledgers, ==, native_ledgers);
	/* and the month has something to compare: breaches, credits */
	g_assert_nonnull(strstr(native_ledgers, ",yes,"));
	g_assert_nonnull(strstr(native_ledgers, ",granted"));
}

/* Under --allow-rejects, a problem of a row quotes the row as the export wrote it, at
 * the line it names, and a row whose service is known is counted against its
 * customer; a problem that is not about a row stops the run. */
static void
check_rejects(const char *dir)
{
	g_auto(Result) res = { 0 };
	gboolean stops = FALSE;

	validate(&res, dir, TRUE);
	for (guint i = 0; i < diag_count(res.diags); i++) {
		const Diag *d = diag_get(res.diags, i);
		g_autofree char *source = NULL;
		g_autofree char *first = NULL;
		g_auto(GStrv) lines = NULL;

		if (d->severity != DIAG_ERROR)
			continue;
		stops |= d->row == NULL;
		if (d->row == NULL || g_str_has_suffix(d->file, ".ini"))
			continue;
		source = read_text(dir, d->file);
		g_assert_nonnull(source);
		lines = g_strsplit(source, "\n", -1);
		g_assert_cmpuint(d->line, <=, g_strv_length(lines));
		/* the row's first line, as written (less a CR, and bytes that are not text) */
		first = g_strndup(d->row, strcspn(d->row, "\r\n"));
		/* a JSON record starts at its brace, anywhere on its line */
		if (g_utf8_validate(lines[d->line - 1], -1, NULL) && g_str_has_suffix(d->file, ".json"))
			g_assert_nonnull(strstr(lines[d->line - 1], first));
		else if (g_utf8_validate(lines[d->line - 1], -1, NULL))
			g_assert_true(g_str_has_prefix(lines[d->line - 1], first));
		if (res.ds != NULL && d->customer_id != NULL)
			g_assert_cmpuint(GPOINTER_TO_UINT(g_hash_table_lookup(res.ds->rejected_by_customer,
									      d->customer_id)), >, 0);
	}
	g_assert_true(stops == (res.ds == NULL));
}

static void
test_fail(gconstpointer data)
{
	const char *dir = data;
	g_autofree char *expected = read_text(dir, "expected");
	g_auto(Result) res = { 0 };

	g_assert_nonnull(expected);
	validate(&res, dir, FALSE);
	assert_messages(dir, res.messages, expected);
	g_assert_true(res.ds == NULL || diag_count_errors(res.diags) > 0);
	check_rejects(dir);
}

static void
test_valid(gconstpointer data)
{
	const char *dir = data;
	g_autofree char *expected = read_text(dir, "expected");
	g_auto(Result) res = { 0 };

	validate(&res, dir, FALSE);
	assert_messages(dir, res.messages, expected);
	g_assert_no_error(res.error);
	g_assert_nonnull(res.ds);
	g_assert_cmpuint(res.ds->tickets->len, >, 0);
}

/* A mapping's zone reads its timestamps; the month is still the provider's. */
static void
test_zone(void)
{
	g_autofree char *root = data_dir();
	g_autofree char *dir = g_build_filename(root, "valid-servicenow-other-zone-columns-absent", NULL);
	g_auto(Result) res = { 0 };
	const Ticket *t;

	validate(&res, dir, FALSE);
	g_assert_nonnull(res.ds);
	t = find_ticket(res.ds, "INC0010001");
	/* 2/3/2026 09:05 in São Paulo (UTC-3) */
	g_assert_cmpint(t->opened_at, ==, (gint64)day_from_ymd(2026, 3, 2) * 86400 + 12 * 3600 + 5 * 60);
	g_assert_cmpint(t->channel, ==, CHANNEL_NONE);
	g_assert_null(t->labels->category);
	/* the tie of INC0010002 goes to the later row */
	t = find_ticket(res.ds, "INC0010002");
	g_assert_cmpstr(t->labels->priority, ==, "P2");
	g_assert_cmpuint(t->line, ==, 6);
}

/* ==== Aliases =================================================================== */

/* A file read in place of an input file is reported under its own name and columns,
 * in the input file's place of the print order. */
static void
test_aliases(void)
{
	g_autoptr(DiagList) diags = diag_list_new();
	g_autoptr(DiagList) later = diag_list_new();
	g_autofree char *all = NULL;
	g_autofree char *copied = NULL;

	diag_list_set_alias(diags, "tickets.csv", "glpi.csv");
	diag_list_set_column_alias(diags, "tickets.csv", "opened_at", "Date d'ouverture");
	diag_add(diags, DIAG_ERROR, "outages.csv", 2, "start", NULL, "b");
	diag_add(diags, DIAG_ERROR, "tickets.csv", 3, "opened_at", NULL, "a");
	diag_add(diags, DIAG_ERROR, "tickets.csv", 4, "type", NULL, "c");
	diag_add(diags, DIAG_ERROR, "glpi.csv", 5, "Titre", NULL, "d");
	diag_set_message(diags, 2, "c2");
	all = diag_format_all(diags);
	g_assert_cmpstr(all, ==,
			"glpi.csv:3: column Date d'ouverture: a\n"
			"glpi.csv:4: column type: c2\n"
			"glpi.csv:5: column Titre: d\n"
			"outages.csv:2: column start: b\n");
	diag_list_copy_aliases(later, diags);
	diag_add(later, DIAG_ERROR, "tickets.csv", 7, "opened_at", NULL, "e");
	copied = diag_format_all(later);
	g_assert_cmpstr(copied, ==, "glpi.csv:7: column Date d'ouverture: e\n");
}

/* ==== Hostile exports =========================================================== */

static void
copy_file(const char *from, const char *to, GRand *rand)
{
	static const char *const inserts[] = {
		"\"", "\0", "\xE9", "\xEF\xBB\xBF", "\r", "\n", ",", ";", "=", "[", "]", "%", "?",
		"99999999999999999999999", "31-02-2026 25:61", "29/2/2026", " ", "\xC2\xA0", ".",
		"-", ":", "#", "\\", "map.type.", "column.", "\n[tickets.csv]\n", "\"\"",
		"{", "}", "[[[[", "null", "{\"id\":", "\"components\":", "\\u0000", "1e999",
	};
	g_autofree char *text = NULL;
	GString *s;
	gsize len;

	g_assert_true(g_file_get_contents(from, &text, &len, NULL));
	s = g_string_new_len(text, (gssize)len);
	for (int k = 0; rand != NULL && k < g_rand_int_range(rand, 1, 6); k++) {
		gsize at = s->len ? (gsize)g_rand_int_range(rand, 0, (gint32)s->len) : 0;
		const char *ins = inserts[g_rand_int_range(rand, 0, G_N_ELEMENTS(inserts))];
		/* drawn once: MIN evaluates its arguments twice */
		gsize cut = (gsize)g_rand_int_range(rand, 1, 8);

		if (g_rand_boolean(rand) && s->len > 0)
			g_string_erase(s, (gssize)at, (gssize)MIN(s->len - at, cut));
		else
			g_string_insert_len(s, (gssize)at, ins, ins[0] == '\0' ? 1 : (gssize)strlen(ins));
	}
	g_assert_true(g_file_set_contents_full(to, s->str, (gssize)s->len, G_FILE_SET_CONTENTS_NONE,
					       0644, NULL));
	g_string_free(s, TRUE);
}

/* No byte sequence in an export or in import.ini crashes the import; every message
 * is valid UTF-8 and every row problem of a kept dataset carries its row. */
static void
test_mutants(gconstpointer data)
{
	static const char *const inputs[] = {
		"customers.csv", "services.csv", "tickets.csv", "outages.csv", "maintenance.csv", NULL,
	};
	const char *name = data;
	g_autofree char *root = data_dir();
	g_autofree char *base = g_build_filename(root, name, "mapped", NULL);
	g_autofree char *tmp = g_dir_make_tmp("import-XXXXXX", NULL);
	g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GDir) dir = g_dir_open(base, 0, NULL);
	GRand *rand = g_rand_new_with_seed(29);
	const char *n;

	while ((n = g_dir_read_name(dir)) != NULL)
		g_ptr_array_add(files, g_strdup(n));
	for (int i = 0; i < 200; i++) {
		g_auto(Result) res = { 0 };
		/* the export, or import.ini */
		gboolean source = g_rand_int_range(rand, 0, 4) != 0;

		for (guint f = 0; f < files->len; f++) {
			const char *file = g_ptr_array_index(files, f);
			g_autofree char *from = g_build_filename(base, file, NULL);
			g_autofree char *to = g_build_filename(tmp, file, NULL);
			gboolean victim = strcmp(file, IMPORT_FILE) == 0 ? !source :
					  source &&
					  !g_strv_contains(inputs, file) && (g_str_has_suffix(file, ".csv") ||
									     g_str_has_suffix(file, ".json"));

			copy_file(from, to, victim ? rand : NULL);
		}
		validate(&res, tmp, g_rand_boolean(rand));
		g_assert_true(g_utf8_validate(res.messages, -1, NULL));
		g_assert_true(res.ds != NULL || res.error != NULL);
		if (res.ds != NULL)
			for (guint k = 0; k < diag_count(res.diags); k++)
				if (diag_get(res.diags, k)->severity == DIAG_ERROR)
					g_assert_nonnull(diag_get(res.diags, k)->row);
	}
	g_rand_free(rand);
	for (guint f = 0; f < files->len; f++) {
		g_autofree char *path = g_build_filename(tmp, g_ptr_array_index(files, f), NULL);

		g_unlink(path);
	}
	g_rmdir(tmp);
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	static const char *const kinds[] = { "same-", "fail-", "valid-" };
	static const GTestDataFunc funcs[] = { test_same, test_fail, test_valid };
	g_autofree char *root = NULL;
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *name;

	g_test_init(&argc, &argv, NULL);
	root = data_dir();
	dir = g_dir_open(root, 0, NULL);
	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, compare_names);
	for (guint i = 0; i < names->len; i++) {
		const char *n = g_ptr_array_index(names, i);

		for (guint k = 0; k < G_N_ELEMENTS(kinds); k++) {
			g_autofree char *path = NULL;
			gsize skip = strlen(kinds[k]);

			if (!g_str_has_prefix(n, kinds[k]))
				continue;
			path = g_strdup_printf("/import/%.*s/%s", (int)skip - 1, kinds[k], n + skip);
			g_test_add_data_func_full(path, g_build_filename(root, n, NULL), funcs[k], g_free);
		}
	}
	g_test_add_func("/import/valid/zone-of-the-export", test_zone);
	g_test_add_func("/import/diag/aliases-name-the-source", test_aliases);
	g_test_add_data_func("/import/hostile/mutated-glpi", "same-glpi", test_mutants);
	g_test_add_data_func("/import/hostile/mutated-servicenow", "same-servicenow", test_mutants);
	g_test_add_data_func("/import/hostile/mutated-statuspage", "same-statuspage-github-shaped",
			     test_mutants);
	return g_test_run();
}
