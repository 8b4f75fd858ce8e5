/* SPDX-License-Identifier: MIT
 *
 * Data-driven: every tests/data/ingest/fail-NAME/ is an input folder whose file
 * `expected` holds the exact diagnostics, one a line, as --validate prints them; every
 * valid-NAME/ folder reads without an error (and, with an `expected`, with exactly
 * those warnings).  The worked examples of the spec read without a word.
 */
#include <glib/gstdio.h>

#include "ingest.h"

static char *
data_dir(void)
{
	return g_test_build_filename(G_TEST_DIST, "data", "ingest", NULL);
}

/* The spec's worked examples, copied in tests/data/examples so they run anywhere. */
static char *
examples_dir(void)
{
	return g_test_build_filename(G_TEST_DIST, "data", "examples", NULL);
}

typedef struct {
	Dataset *ds;
	DiagList *diags;
	GArray *files;
	char *messages;
	GError *error;
} Result;

static void
result_clear(Result *res)
{
	dataset_free(res->ds);
	diag_list_free(res->diags);
	g_array_unref(res->files);
	g_free(res->messages);
	g_clear_error(&res->error);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Result, result_clear)

/* Reads @dir, its CSV files @block bytes at a time (0: as the program does). */
static void
ingest_by_blocks(Result *res, const char *dir, gboolean allow_rejects, gsize block)
{
	IngestOptions opts = { allow_rejects };

	res->diags = diag_list_new();
	res->files = file_digest_array_new();
	res->ds = ingest_folder_by_blocks(dir, &opts, block, res->diags, res->files, &res->error);
	res->messages = diag_format_all(res->diags);
}

static void
ingest(Result *res, const char *dir, gboolean allow_rejects)
{
	ingest_by_blocks(res, dir, allow_rejects, 0);
}

static void
assert_messages(const char *dir, const char *got, const char *expected)
{
	if (g_strcmp0(got, expected) != 0)
		g_error("%s:\n--- got:\n%s--- expected:\n%s", dir, got, expected);
}

static void
assert_same_rows(GArray *a, GArray *b, gsize line_offset)
{
	g_assert_cmpuint(a->len, ==, b->len);
	for (guint i = 0; i < a->len; i++) {
		const char *x = a->data + (gsize)i * g_array_get_element_size(a);
		const char *y = b->data + (gsize)i * g_array_get_element_size(b);

		/* every row struct starts with its id */
		g_assert_cmpstr(*(const char *const *)(const void *)x, ==,
				*(const char *const *)(const void *)y);
		g_assert_cmpuint(*(const guint *)(const void *)(x + line_offset), ==,
				 *(const guint *)(const void *)(y + line_offset));
	}
}

/* Read in blocks of each size of @blocks (every record cut from the next, quoted
 * fields cut in the middle), @dir gives the same dataset and the same problems, in
 * the same order, with the same rows and customers, as read as the program does. */
static void
assert_blocks_give_the_same(const char *dir, gboolean allow_rejects, const gsize *blocks,
			    gsize n)
{
	g_auto(Result) whole = { 0 };

	ingest(&whole, dir, allow_rejects);
	for (gsize k = 0; k < n; k++) {
		g_auto(Result) res = { 0 };
		GHashTableIter iter;
		gpointer key, value;

		ingest_by_blocks(&res, dir, allow_rejects, blocks[k]);
		assert_messages(dir, res.messages, whole.messages);
		g_assert_cmpuint(diag_count(res.diags), ==, diag_count(whole.diags));
		for (guint i = 0; i < diag_count(res.diags); i++) {
			g_assert_cmpstr(diag_get(res.diags, i)->row, ==, diag_get(whole.diags, i)->row);
			g_assert_cmpstr(diag_get(res.diags, i)->customer_id, ==,
					diag_get(whole.diags, i)->customer_id);
		}
		g_assert_cmpuint(res.files->len, ==, whole.files->len);
		for (guint i = 0; i < res.files->len; i++)
			g_assert_cmpstr(g_array_index(res.files, FileDigest, i).sha256, ==,
					g_array_index(whole.files, FileDigest, i).sha256);
		g_assert_true((res.ds == NULL) == (whole.ds == NULL));
		if (res.ds == NULL)
			continue;
		assert_same_rows(res.ds->customers, whole.ds->customers, G_STRUCT_OFFSET(Customer, line));
		assert_same_rows(res.ds->services, whole.ds->services, G_STRUCT_OFFSET(Service, line));
		assert_same_rows(res.ds->tickets, whole.ds->tickets, G_STRUCT_OFFSET(Ticket, line));
		assert_same_rows(res.ds->outages, whole.ds->outages, G_STRUCT_OFFSET(Outage, line));
		assert_same_rows(res.ds->maintenance, whole.ds->maintenance,
				 G_STRUCT_OFFSET(Maintenance, line));
		g_assert_cmpuint(g_hash_table_size(res.ds->rejected_by_customer), ==,
				 g_hash_table_size(whole.ds->rejected_by_customer));
		g_hash_table_iter_init(&iter, whole.ds->rejected_by_customer);
		while (g_hash_table_iter_next(&iter, &key, &value))
			g_assert_true(g_hash_table_lookup(res.ds->rejected_by_customer, key) == value);
	}
}

static void
assert_blocks_change_nothing(const char *dir, gboolean allow_rejects)
{
	static const gsize blocks[] = { 1, 7, 64 };

	assert_blocks_give_the_same(dir, allow_rejects, blocks, G_N_ELEMENTS(blocks));
}

/* Quoted fields over lines, read in blocks of every size from 1 to 300 bytes: the
 * blocks that carry on a record cut by a block end, and those that end inside one. */
static void
test_blocks_every_size(gconstpointer data)
{
	g_autofree char *root = data_dir();
	g_autofree char *dir = g_build_filename(root, data, NULL);
	gsize blocks[300];

	for (gsize i = 0; i < G_N_ELEMENTS(blocks); i++)
		blocks[i] = i + 1;
	assert_blocks_give_the_same(dir, TRUE, blocks, G_N_ELEMENTS(blocks));
}

static char *
read_expected(const char *dir)
{
	g_autofree char *path = g_build_filename(dir, "expected", NULL);
	g_autoptr(GError) error = NULL;
	char *text = NULL;

	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return NULL;
	if (!g_file_get_contents(path, &text, NULL, &error))
		g_error("%s", error->message);
	return text;
}

/* Under --allow-rejects, every problem is either about a row (with its raw text) or
 * stops the run; a kept dataset counts each rejected row once. */
static void
check_rejects(const char *dir)
{
	g_auto(Result) res = { 0 };
	g_autoptr(GHashTable) rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	gboolean row_free = TRUE;
	guint counted = 0, attributed = 0;
	GHashTableIter iter;
	gpointer value;

	ingest(&res, dir, TRUE);
	for (guint i = 0; i < diag_count(res.diags); i++) {
		const Diag *d = diag_get(res.diags, i);

		if (d->severity != DIAG_ERROR)
			continue;
		if (d->row == NULL) {
			row_free = FALSE;
			continue;
		}
		g_assert_true(g_utf8_validate(d->row, -1, NULL));
		if (d->customer_id != NULL)
			g_hash_table_add(rows, g_strdup_printf("%s:%u", d->file, d->line));
	}
	if (!row_free) {
		g_assert_null(res.ds);
		return;
	}
	g_assert_nonnull(res.ds);
	g_hash_table_iter_init(&iter, res.ds->rejected_by_customer);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		counted += GPOINTER_TO_UINT(value);
	attributed = g_hash_table_size(rows);
	g_assert_cmpuint(counted, >=, attributed);
}

static void
test_fail(gconstpointer data)
{
	const char *dir = data;
	g_autofree char *expected = read_expected(dir);
	g_auto(Result) res = { 0 };

	g_assert_nonnull(expected);
	ingest(&res, dir, FALSE);
	assert_messages(dir, res.messages, expected);
	g_assert_null(res.ds);
	g_assert_error(res.error, INGEST_ERROR, INGEST_ERROR_INVALID);
	check_rejects(dir);
	assert_blocks_change_nothing(dir, FALSE);
	assert_blocks_change_nothing(dir, TRUE);
}

static void
test_valid(gconstpointer data)
{
	const char *dir = data;
	g_autofree char *expected = read_expected(dir);
	g_auto(Result) res = { 0 };

	ingest(&res, dir, FALSE);
	assert_messages(dir, res.messages, expected != NULL ? expected : "");
	g_assert_no_error(res.error);
	g_assert_nonnull(res.ds);
	g_assert_cmpuint(res.ds->customers->len, >, 0);
	g_assert_cmpuint(g_hash_table_size(res.ds->rejected_by_customer), ==, 0);
	assert_blocks_change_nothing(dir, FALSE);
}

/* ==== The base folder, value by value =========================================== */

static void
test_base_values(void)
{
	g_autofree char *root = data_dir();
	g_autofree char *dir = g_build_filename(root, "valid-base", NULL);
	g_auto(Result) res = { 0 };
	Dataset *ds;
	const Customer *c;
	const Service *s;
	const Ticket *t;
	const Outage *o;
	const Maintenance *m;

	ingest(&res, dir, FALSE);
	g_assert_cmpstr(res.messages, ==, "");
	ds = res.ds;
	g_assert_cmpuint(ds->customers->len, ==, 2);
	g_assert_cmpuint(ds->services->len, ==, 3);
	g_assert_cmpuint(ds->tickets->len, ==, 3);
	g_assert_cmpuint(ds->outages->len, ==, 2);
	g_assert_cmpuint(ds->maintenance->len, ==, 3);

	c = dataset_customer(ds, 0);
	g_assert_cmpstr(c->id, ==, "C1");
	g_assert_cmpstr(c->address, ==, "1 rue A\n75001 Paris");
	g_assert_cmpuint(c->line, ==, 2);
	g_assert_cmpint(c->language, ==, LANGUAGE_FR);
	c = dataset_customer(ds, 1);
	g_assert_cmpuint(c->line, ==, 4);
	g_assert_null(c->email);
	g_assert_cmpint(c->language, ==, LANGUAGE_EN);

	s = dataset_service(ds, 1);
	g_assert_cmpstr(s->id, ==, "S2");
	g_assert_true(s->customer == dataset_customer(ds, 0));
	g_assert_cmpstr(s->plan->id, ==, "gold");
	g_assert_cmpint(s->monthly_fee, ==, 100000);
	g_assert_cmpint(s->start_date, ==, DAY_NONE);
	g_assert_cmpint(s->units_annual, ==, 10);
	s = dataset_service(ds, 2);
	g_assert_cmpint(s->monthly_fee, ==, 999);
	g_assert_cmpint(s->end_date, ==, day_from_ymd(2026, 12, 31));
	g_assert_cmpint(dataset_service(ds, 0)->units_annual, ==, -1);

	t = dataset_ticket(ds, 0);
	g_assert_cmpstr(t->id, ==, "T1");
	g_assert_true(t->service == dataset_service(ds, 0));
	g_assert_cmpint(t->type, ==, TICKET_INCIDENT);
	/* 10:00 in Paris in June is 08:00 UTC */
	g_assert_cmpint(t->opened_at, ==, (gint64)day_from_ymd(2026, 6, 3) * 86400 + 8 * 3600);
	g_assert_cmpint(t->closed_at, ==, (gint64)day_from_ymd(2026, 6, 3) * 86400 + 13 * 3600);
	g_assert_cmpstr(t->labels->priority, ==, "P1");
	g_assert_true(t->interrupted);
	g_assert_cmpint(t->channel, ==, CHANNEL_PHONE);
	g_assert_cmpstr(t->labels->category, ==, "hardware");
	t = dataset_ticket(ds, 1);
	g_assert_cmpint(t->type, ==, TICKET_REQUEST);
	g_assert_false(t->interrupted);
	g_assert_cmpint(t->opened_at, ==, (gint64)day_from_ymd(2026, 6, 4) * 86400 + 7 * 3600);
	g_assert_cmpint(t->closed_at, ==, (gint64)day_from_ymd(2026, 6, 4) * 86400 + 10 * 3600);
	g_assert_cmpint(t->responded_at, ==, TIME_NONE);
	g_assert_cmpint(t->restored_at, ==, TIME_NONE);
	g_assert_cmpint(t->work_minutes, ==, 45);
	g_assert_cmpint(t->work_units, ==, 1);
	g_assert_cmpint(t->channel, ==, CHANNEL_EMAIL);
	g_assert_null(t->labels->priority);
	t = dataset_ticket(ds, 2);
	g_assert_false(t->interrupted);
	g_assert_cmpint(t->cause, ==, CAUSE_CUSTOMER);
	g_assert_cmpstr(t->labels->impact, ==, "high");
	g_assert_cmpstr(t->labels->urgency, ==, "low");
	g_assert_cmpint(t->paused_minutes, ==, 30);
	g_assert_cmpint(t->channel, ==, CHANNEL_PORTAL);

	o = dataset_outage(ds, 0);
	g_assert_true(o->ticket == dataset_ticket(ds, 0));
	g_assert_cmpint(o->cause, ==, CAUSE_PROVIDER);
	o = dataset_outage(ds, 1);
	g_assert_cmpint(o->end, ==, TIME_NONE);
	g_assert_cmpint(o->cause, ==, CAUSE_THIRD_PARTY);
	g_assert_null(o->ticket);
	g_assert_cmpstr(o->description, ==, "Coupure, client");

	m = dataset_maintenance(ds, 1);
	g_assert_cmpstr(m->service_id, ==, "*");
	g_assert_null(m->customer_id);
	g_assert_cmpint(m->notified_at, ==, TIME_NONE);
	m = dataset_maintenance(ds, 2);
	g_assert_null(m->service_id);
	g_assert_cmpstr(m->customer_id, ==, "C2");

	g_assert_cmpuint(res.files->len, ==, 6);
	g_assert_cmpstr(g_array_index(res.files, FileDigest, 0).name, ==, "plans.ini");
	g_assert_cmpstr(g_array_index(res.files, FileDigest, 5).name, ==, "maintenance.csv");
}

/* The logo is read once, named in the files as plans.ini names it. */
static void
test_logo(void)
{
	g_autofree char *root = data_dir();
	g_autofree char *dir = g_build_filename(root, "valid-logo", NULL);
	g_autofree char *slash = g_strconcat(dir, "/", NULL);
	g_auto(Result) res = { 0 };
	const FileDigest *logo;

	ingest(&res, slash, FALSE);
	g_assert_cmpstr(res.messages, ==, "");
	g_assert_cmpuint(res.files->len, ==, 7);
	logo = &g_array_index(res.files, FileDigest, 1);
	g_assert_cmpstr(logo->name, ==, "img/logo.png");
	g_assert_cmpint(logo->size, ==, (gint64)g_bytes_get_size(res.ds->plans->provider.logo_png));
	g_assert_cmpuint(strlen(logo->sha256), ==, 64);
	g_assert_true(g_str_has_suffix(res.ds->plans->provider.logo, "img/logo.png"));
}

/* With --allow-rejects, a ticket of a rejected service is rejected with its own
 * reason, and the rejected rows are counted against their customer. */
static void
test_rejects_cascade(void)
{
	g_autofree char *root = data_dir();
	g_autofree char *dir = g_build_filename(root, "fail-rejected-references", NULL);
	g_auto(Result) res = { 0 };
	const Diag *d = NULL;

	ingest(&res, dir, TRUE);
	g_assert_no_error(res.error);
	g_assert_nonnull(res.ds);
	/* C1's S1 is rejected (bad fee), and with it T1, O1 and M1 */
	g_assert_cmpuint(GPOINTER_TO_UINT(g_hash_table_lookup(res.ds->rejected_by_customer, "C1")), ==, 4);
	for (guint i = 0; i < diag_count(res.diags); i++) {
		if (strcmp(diag_get(res.diags, i)->file, "tickets.csv") == 0)
			d = diag_get(res.diags, i);
	}
	g_assert_nonnull(d);
	g_assert_cmpstr(d->customer_id, ==, "C1");
	g_assert_cmpstr(d->column, ==, "service_id");
	g_assert_true(g_str_has_prefix(d->row, "T1,S1,incident,"));
	for (guint i = 0; i < res.ds->tickets->len; i++)
		g_assert_cmpstr(dataset_ticket(res.ds, i)->service->id, !=, "S1");
}

static void
test_examples(gconstpointer data)
{
	const char *name = data;
	g_autofree char *root = examples_dir();
	g_autofree char *dir = g_build_filename(root, name, NULL);
	g_auto(Result) res = { 0 };

	g_assert_true(g_file_test(dir, G_FILE_TEST_IS_DIR));
	ingest(&res, dir, FALSE);
	assert_messages(dir, res.messages, "");
	g_assert_nonnull(res.ds);
	g_assert_cmpuint(res.ds->customers->len, ==, 1);
	g_assert_cmpuint(res.ds->services->len, ==, 1);
	g_assert_cmpuint(res.ds->tickets->len, >=, 5);
	for (guint i = 0; i < res.files->len; i++) {
		const FileDigest *f = &g_array_index(res.files, FileDigest, i);
		g_autofree char *path = g_build_filename(dir, f->name, NULL);
		g_autofree char *text = NULL;
		g_autofree char *sum = NULL;
		gsize len;

		g_assert_true(g_file_get_contents(path, &text, &len, NULL));
		sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
		g_assert_cmpstr(f->sha256, ==, sum);
		g_assert_cmpint(f->size, ==, (gint64)len);
	}
}

/* Copies the base folder into @to with one file mutated at random. */
static void
write_mutant(GRand *rand, const char *base, const char *to)
{
	static const char *const names[] = {
		"plans.ini", "customers.csv", "services.csv", "tickets.csv", "outages.csv", "maintenance.csv",
	};
	static const char *const inserts[] = {
		"\"", "\0", "\xE9", "\xEF\xBB\xBF", "\r", "\n", ",", ";", "=", "[", "]", "*", "\\",
		"99999999999999999999999", "24:00", "1e308", "..", "-", ":", "T", "\"\"", "\n\n",
	};
	guint victim = (guint)g_rand_int_range(rand, 0, G_N_ELEMENTS(names));

	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *from = g_build_filename(base, names[i], NULL);
		g_autofree char *path = g_build_filename(to, names[i], NULL);
		g_autofree char *text = NULL;
		GString *s;
		gsize len;

		g_assert_true(g_file_get_contents(from, &text, &len, NULL));
		s = g_string_new_len(text, (gssize)len);
		for (int k = 0; i == victim && k < g_rand_int_range(rand, 1, 6); k++) {
			gsize at = s->len ? (gsize)g_rand_int_range(rand, 0, (gint32)s->len) : 0;
			const char *ins = inserts[g_rand_int_range(rand, 0, G_N_ELEMENTS(inserts))];

			gsize cut = (gsize)g_rand_int_range(rand, 1, 8);

			if (g_rand_boolean(rand) && s->len > 0)
				g_string_erase(s, (gssize)at, (gssize)MIN(s->len - at, cut));
			else
				g_string_insert_len(s, (gssize)at, ins, ins[0] == '\0' ? 1 : (gssize)strlen(ins));
		}
		g_assert_true(g_file_set_contents_full(path, s->str, (gssize)s->len,
							G_FILE_SET_CONTENTS_NONE, 0644, NULL));
		g_string_free(s, TRUE);
	}
}

/* No byte sequence crashes ingest; every message stays valid UTF-8 and every row
 * problem carries its row. */
static void
test_mutants(void)
{
	g_autofree char *root = data_dir();
	g_autofree char *base = g_build_filename(root, "valid-base", NULL);
	g_autofree char *tmp = g_dir_make_tmp("ingest-XXXXXX", NULL);
	GRand *rand = g_rand_new_with_seed(11);

	for (int i = 0; i < 300; i++) {
		g_auto(Result) res = { 0 };
		gboolean allow_rejects = g_rand_boolean(rand);

		write_mutant(rand, base, tmp);
		assert_blocks_change_nothing(tmp, allow_rejects);
		ingest(&res, tmp, allow_rejects);
		g_assert_true(g_utf8_validate(res.messages, -1, NULL));
		g_assert_true(res.ds != NULL || res.error != NULL);
		if (res.ds != NULL)
			for (guint k = 0; k < diag_count(res.diags); k++)
				if (diag_get(res.diags, k)->severity == DIAG_ERROR)
					g_assert_nonnull(diag_get(res.diags, k)->row);
	}
	g_rand_free(rand);
	for (guint i = 0; i < 6; i++) {
		static const char *const names[] = {
			"plans.ini", "customers.csv", "services.csv", "tickets.csv", "outages.csv",
			"maintenance.csv",
		};
		g_autofree char *path = g_build_filename(tmp, names[i], NULL);

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
		gboolean fail = g_str_has_prefix(n, "fail-");
		g_autofree char *path = NULL;

		if (!fail && !g_str_has_prefix(n, "valid-"))
			continue;
		path = g_strdup_printf("/ingest/%s/%s", fail ? "fail" : "valid", n + (fail ? 5 : 6));
		g_test_add_data_func_full(path, g_build_filename(root, n, NULL), fail ? test_fail : test_valid,
					  g_free);
	}
	g_test_add_func("/ingest/valid/base-values", test_base_values);
	g_test_add_func("/ingest/valid/logo-read-once", test_logo);
	g_test_add_func("/ingest/rejects/cascade-and-count", test_rejects_cascade);
	g_test_add_func("/ingest/hostile/mutated-folders", test_mutants);
	g_test_add_data_func("/ingest/blocks/every-size/multiline-duplicates",
			     "fail-multiline-duplicates", test_blocks_every_size);
	g_test_add_data_func("/ingest/blocks/every-size/quote-runs-into-next-row",
			     "fail-quote-runs-into-next-row", test_blocks_every_size);
	g_test_add_data_func("/ingest/blocks/every-size/unterminated-quote",
			     "fail-unterminated-quote", test_blocks_every_size);
	g_test_add_data_func("/ingest/examples/availability-and-gtr", "availability-and-gtr", test_examples);
	g_test_add_data_func("/ingest/examples/calendars-and-allowances", "calendars-and-allowances",
			     test_examples);
	return g_test_run();
}
