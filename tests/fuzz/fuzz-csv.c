/* SPDX-License-Identifier: MIT
 *
 * Fuzz target: an input folder with one file replaced by the input, through the
 * whole run but the disk — ingest (the CSV reader with that file's columns, or
 * plans.ini), the month's checks, the computation, the ledgers and, for some inputs,
 * the statements.  The other files are tests/data/ingest/valid-base's.  First byte:
 *   bits 0-2  the file: customers, services, tickets, outages, maintenance, plans.ini
 *   bit 3     --allow-rejects
 *   bit 4     render every statement (slower: one input in two at most)
 *   bits 5-6  the month: 2026-06, 2026-03 (spring forward), 2026-10 (back), 2026-12
 * Checked: every message is one line of valid UTF-8; a run goes on with a dataset or
 * stops with an error, never both; a kept bad row says whose it was; the figures add
 * up (downtime ≤ eligible ≤ period, the lists sum to the totals, credit notes to their
 * lines); the ledgers are UTF-8; a statement renders for every customer.
 */
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz.h"
#include "ingest.h"
#include "ledger.h"
#include "report.h"
#include "statement.h"

#ifndef FUZZ_DATA
#define FUZZ_DATA "tests/data"
#endif

static const char *const names[] = {
	"customers.csv", "services.csv", "tickets.csv", "outages.csv", "maintenance.csv", "plans.ini",
};

static char *folder;             /* the input folder, in $TMPDIR */
static GBytes *base[G_N_ELEMENTS(names)];

static void
put(const char *name, const void *data, gsize len)
{
	g_autofree char *path = g_build_filename(folder, name, NULL);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(write(fd, data, len), ==, (gssize)len);
	close(fd);
}

static void
remove_folder(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *path = g_build_filename(folder, names[i], NULL);

		g_unlink(path);
	}
	g_rmdir(folder);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *data = g_getenv("FUZZ_DATA") != NULL ? g_getenv("FUZZ_DATA") : FUZZ_DATA;

	folder = g_dir_make_tmp("fuzz-csv-XXXXXX", NULL);
	g_assert_nonnull(folder);
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *path = g_build_filename(data, "ingest", "valid-base", names[i], NULL);
		char *text;
		gsize len;

		if (!g_file_get_contents(path, &text, &len, NULL))
			g_error("%s: cannot read it (set FUZZ_DATA to the tests/data folder)", path);
		base[i] = g_bytes_new_take(text, len);
		put(names[i], text, len);
	}
	atexit(remove_folder);
	return 0;
}

/* --allow-rejects after the month's own checks, as main.c does: the tickets they
 * name leave the month. */
static gboolean
check_month(Dataset *ds, int year, int month, gboolean allow_rejects)
{
	g_autoptr(DiagList) found = diag_list_new();

	if (report_check(ds, year, month, found) == 0)
		return TRUE;
	fuzz_check_diags(found);
	if (!allow_rejects)
		return FALSE;
	for (guint i = 0; i < diag_count(found); i++)
		for (guint t = 0; t < ds->tickets->len; t++)
			if (dataset_ticket(ds, t)->line == diag_get(found, i)->line)
				dataset_ticket(ds, t)->excluded = TRUE;
	return TRUE;
}

static void
check_service(const ServiceReport *sr)
{
	const char *id = sr->service->id;
	gint64 events = 0, planned = 0, customer = 0;

	FUZZ_CHECK(sr->period_s >= 0 && sr->planned_s >= 0 && sr->customer_caused_s >= 0 &&
			   sr->downtime_s >= 0 && sr->downtime_s <= sr->eligible_s &&
			   sr->eligible_s + sr->planned_s + sr->customer_caused_s <= sr->period_s,
		   "%s: period %" G_GINT64_FORMAT " planned %" G_GINT64_FORMAT " customer %" G_GINT64_FORMAT
		   " downtime %" G_GINT64_FORMAT " eligible %" G_GINT64_FORMAT,
		   id, sr->period_s, sr->planned_s, sr->customer_caused_s, sr->downtime_s, sr->eligible_s);
	FUZZ_CHECK(sr->availability >= 0 && sr->availability <= 100000, "%s: %d", id, sr->availability);
	FUZZ_CHECK(!sr->has_target || sr->met == (sr->availability >= sr->plan->target),
		   "%s: met %d at %d", id, sr->met, sr->availability);
	FUZZ_CHECK(sr->credit >= 0, "%s: credit %" G_GINT64_FORMAT, id, sr->credit);
	for (guint i = 0; i < sr->events->len; i++)
		events += g_array_index(sr->events, DowntimeEvent, i).seconds;
	for (guint i = 0; i < sr->exclusions->len; i++) {
		const Exclusion *ex = &g_array_index(sr->exclusions, Exclusion, i);

		FUZZ_CHECK(ex->seconds >= 0, "%s: exclusion of %" G_GINT64_FORMAT " s", id, ex->seconds);
		if (ex->kind == EXCLUSION_PLANNED)
			planned += ex->seconds;
		else if (ex->kind == EXCLUSION_CUSTOMER)
			customer += ex->seconds;
	}
	FUZZ_CHECK(events == sr->downtime_s, "%s: events %" G_GINT64_FORMAT " s, downtime %" G_GINT64_FORMAT,
		   id, events, sr->downtime_s);
	FUZZ_CHECK(planned == sr->planned_s, "%s: exclusions %" G_GINT64_FORMAT " s, planned %" G_GINT64_FORMAT,
		   id, planned, sr->planned_s);
	FUZZ_CHECK(customer == sr->customer_caused_s,
		   "%s: exclusions %" G_GINT64_FORMAT " s, customer-caused %" G_GINT64_FORMAT, id, customer,
		   sr->customer_caused_s);
	for (guint i = 0; i < sr->judgements->len; i++) {
		const Judgement *j = &g_array_index(sr->judgements, Judgement, i);

		if (j->status == JUDGEMENT_NOT_APPLICABLE)
			continue;
		FUZZ_CHECK(j->elapsed >= 0 && j->overrun >= 0 &&
				   j->overrun == MAX(0, j->elapsed - j->target) &&
				   (j->status != JUDGEMENT_JUDGED || j->breach == (j->overrun > 0)),
			   "%s: ticket %s elapsed %" G_GINT64_FORMAT " target %" G_GINT64_FORMAT
			   " overrun %" G_GINT64_FORMAT,
			   id, j->ticket->id, j->elapsed, j->target, j->overrun);
	}
}

static void
check_report(const Report *report)
{
	for (guint c = 0; c < report->customers->len; c++) {
		const CustomerReport *cr = report->customers->pdata[c];
		const CreditNote *note = &cr->note;
		gint64 amount = 0, vat = 0;

		for (guint s = 0; s < cr->services->len; s++)
			check_service(cr->services->pdata[s]);
		for (guint i = 0; i < note->n_lines; i++) {
			amount += note->lines[i].amount;
			vat += note->lines[i].vat;
		}
		FUZZ_CHECK(amount == note->total && vat == note->vat &&
				   note->total_with_vat == note->total + note->vat && note->total >= 0,
			   "%s: lines %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT ", note %" G_GINT64_FORMAT
			   " + %" G_GINT64_FORMAT,
			   cr->customer->id, amount, vat, note->total, note->vat);
	}
}

static void
check_ledger(GString *text)
{
	g_autoptr(GString) owned = text;

	FUZZ_CHECK(g_utf8_validate(owned->str, (gssize)owned->len, NULL), "ledger not UTF-8");
	FUZZ_CHECK(owned->len > 0 && owned->str[owned->len - 1] == '\n', "ledger without its header");
}

static void
render_all(const Report *report, const Dataset *ds)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(StatementContext) ctx = statement_context_new(statement_data_dir(), &ds->plans->provider,
								day_from_ymd(2027, 1, 1), &error);

	FUZZ_CHECK(ctx != NULL, "%s", error->message);
	for (guint c = 0; c < report->customers->len; c++) {
		const CustomerReport *cr = report->customers->pdata[c];
		g_autoptr(GBytes) pdf = statement_render_bytes(ctx, report, cr, &error);
		gsize len = 0;
		const char *bytes = pdf != NULL ? g_bytes_get_data(pdf, &len) : NULL;

		FUZZ_CHECK(pdf != NULL, "%s: %s", cr->customer->id, error->message);
		FUZZ_CHECK(len > 5 && memcmp(bytes, "%PDF-", 5) == 0, "%s: not a PDF", cr->customer->id);
	}
}

static void
run(int year, int month, gboolean allow_rejects, gboolean statements)
{
	static const char *const known[] = {
		"plans.ini", "customers.csv", "services.csv", "tickets.csv", "outages.csv", "maintenance.csv",
	};
	IngestOptions opts = { allow_rejects };
	g_autoptr(DiagList) diags = diag_list_new();
	g_autoptr(GArray) files = file_digest_array_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(Dataset) ds = ingest_folder(folder, &opts, diags, files, &error);
	g_autoptr(Report) report = NULL;

	FUZZ_CHECK((ds == NULL) == (error != NULL), "dataset and error");
	fuzz_check_diags(diags);
	for (guint i = 0; i < diag_count(diags); i++) {
		const Diag *d = diag_get(diags, i);

		FUZZ_CHECK(g_strv_contains(known, d->file), "file %s", d->file);
		/* a kept dataset has every rejected row attributed, for rejects.csv */
		FUZZ_CHECK(ds == NULL || d->severity != DIAG_ERROR || d->row != NULL, "%s:%u: no row",
			   d->file, d->line);
	}
	if (ds == NULL)
		return;
	if (allow_rejects) {
		guint rows = 0;
		g_autoptr(GString) rejects = ledger_rejects(diags, &rows);

		FUZZ_CHECK(g_utf8_validate(rejects->str, (gssize)rejects->len, NULL), "rejects.csv");
	}
	if (!check_month(ds, year, month, allow_rejects))
		return;
	report = report_compute(ds, year, month);
	check_report(report);
	check_ledger(ledger_summary(report));
	check_ledger(ledger_tickets(report));
	check_ledger(ledger_credits(report));
	if (statements)
		render_all(report, ds);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int months[][2] = { { 2026, 6 }, { 2026, 3 }, { 2026, 10 }, { 2026, 12 } };
	guint file, pick;

	if (size < 1)
		return 0;
	file = (data[0] & 7) % G_N_ELEMENTS(names);
	pick = (data[0] >> 5) & 3;
	put(names[file], data + 1, size - 1);
	run(months[pick][0], months[pick][1], (data[0] & 8) != 0, (data[0] & 16) != 0);
	put(names[file], g_bytes_get_data(base[file], NULL), g_bytes_get_size(base[file]));
	return 0;
}
