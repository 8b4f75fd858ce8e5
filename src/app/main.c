/* SPDX-License-Identifier: MIT
 *
 * slareport's entry point: read the options, then run the pipeline one checked
 * stage at a time — read the inputs, pick the month, compute, take the output root,
 * write the ledgers and the statements into a new month folder, the manifest, then
 * swap the folder into place.  Only main() prints the final error and picks the exit
 * status (outputs.md "Exit status").
 */
#include <errno.h>
#include <locale.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "batch.h"
#include "diag.h"
#include "ingest.h"
#include "ledger.h"
#include "manifest.h"
#include "options.h"
#include "outdir.h"
#include "progress.h"
#include "report.h"
#include "statement.h"

#define PROGRAM_NAME "slareport"

/* ==== Diagnostics =============================================================== */

/* Prints every diagnostic, in file order, to @stream. */
static void
print_diags(DiagList *diags, FILE *stream)
{
	diag_sort(diags);
	for (guint i = 0; i < diag_count(diags); i++) {
		g_autofree char *line = diag_format(diag_get(diags, i));

		fprintf(stream, "%s\n", line);
	}
}

/* The --validate run: every problem of every row of every month, nothing written. */
/* A wrong --input is said once, not as every file missing from it. */
static gboolean
check_input_folder(const char *path)
{
	GStatBuf st;

	if (g_stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return TRUE;
	progress_fail("--input: %s: %s (expected a folder holding plans.ini and the five CSV "
		      "files)", path, g_file_test(path, G_FILE_TEST_EXISTS) ? "not a folder"
									     : g_strerror(errno));
	return FALSE;
}

static int
validate(const Options *opts)
{
	g_autoptr(DiagList) diags = diag_list_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(Dataset) ds = NULL;
	IngestOptions iopts = { FALSE };
	guint errors;

	ds = ingest_folder(opts->input, &iopts, diags, NULL, &error);
	if (ds != NULL)
		report_check(ds, 0, 0, diags);
	print_diags(diags, stdout);
	errors = diag_count_errors(diags);
	if (errors > 0 || ds == NULL) {
		g_printerr("%s: %s: %u problem%s\n", PROGRAM_NAME, opts->input, MAX(errors, 1u),
			   errors == 1 ? "" : "s");
		return EXIT_DATA;
	}
	g_printerr("%s: %s: no problem\n", PROGRAM_NAME, opts->input);
	return EXIT_OK;
}

/* ==== Statements ================================================================ */

typedef struct {
	const Report *report;
	const StatementContext *ctx;
	const Outdir *od;
	GPtrArray *customers; /* CustomerReport* to render */
} Render;

static gboolean
render_one(guint index, gpointer data, GError **error)
{
	const Render *job = data;
	const CustomerReport *cr = job->customers->pdata[index];
	g_autofree char *relpath = g_strdup_printf("statements/%s.pdf", cr->customer->id);
	g_autoptr(GBytes) pdf = statement_render_bytes(job->ctx, job->report, cr, error);
	gsize len;
	const void *bytes;

	if (pdf == NULL) {
		g_prefix_error(error, "%s: ", relpath);
		return FALSE;
	}
	bytes = g_bytes_get_data(pdf, &len);
	return outdir_write_file(job->od, relpath, bytes, len, error);
}

static gboolean
named(const Options *opts, const char *customer_id)
{
	return opts->customers == NULL ||
	       g_strv_contains((const char *const *)opts->customers, customer_id);
}

/* Renders the statements in parallel; with --customer, the others are carried over
 * from the month folder in place (rendered when it has none). */
static gboolean
write_statements(const Options *opts, const Report *report, const Outdir *od, GError **error)
{
	g_autoptr(StatementContext) ctx = NULL;
	g_autoptr(GPtrArray) todo = g_ptr_array_new();
	g_autoptr(Progress) progress = NULL;
	Render job = { report, NULL, od, todo };

	for (guint i = 0; i < report->customers->len; i++) {
		const CustomerReport *cr = report->customers->pdata[i];
		gboolean carried = FALSE;

		if (!named(opts, cr->customer->id) &&
		    !outdir_carry_statement(od, cr->customer->id, &carried, error))
			return FALSE;
		if (!carried)
			g_ptr_array_add(todo, (gpointer)cr);
	}
	ctx = statement_context_new(statement_data_dir(), &report->dataset->plans->provider,
				    opts->issue_date, error);
	if (ctx == NULL)
		return FALSE;
	job.ctx = ctx;
	progress = progress_new("statements", todo->len);
	return batch_run(todo->len, opts->jobs, render_one, &job, progress, error);
}

/* ==== The run =================================================================== */

static gboolean
write_ledgers(const Report *report, const Outdir *od, GString *rejects, GError **error)
{
	struct {
		const char *name;
		GString *(*make)(const Report *);
	} ledgers[] = {
		{ "summary.csv", ledger_summary },
		{ "tickets.csv", ledger_tickets },
		{ "credits.csv", ledger_credits },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(ledgers); i++) {
		g_autoptr(GString) text = ledgers[i].make(report);

		if (!outdir_write_file(od, ledgers[i].name, text->str, text->len, error))
			return FALSE;
	}
	return rejects == NULL || outdir_write_file(od, "rejects.csv", rejects->str, rejects->len,
						    error);
}

static gint64
credit_total(const Report *report)
{
	gint64 total = 0;

	for (guint i = 0; i < report->customers->len; i++)
		total += ((const CustomerReport *)report->customers->pdata[i])->note.total;
	return total;
}

/*
 * The checks only the month can make (decisions.md 17), printed.  Fatal unless
 * --allow-rejects, which leaves those tickets out of the month, counts them against
 * their customer and adds them to @diags for rejects.csv.
 */
static gboolean
check_month(const Options *opts, Dataset *ds, DiagList *diags)
{
	g_autoptr(DiagList) found = diag_list_new();
	g_autoptr(GHashTable) by_line = NULL;

	diag_list_copy_aliases(found, diags); /* files read through import.ini */
	if (report_check(ds, opts->year, opts->month, found) == 0)
		return TRUE;
	print_diags(found, stderr);
	if (!opts->allow_rejects)
		return FALSE;
	by_line = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint t = 0; t < ds->tickets->len; t++)
		g_hash_table_insert(by_line, GUINT_TO_POINTER(dataset_ticket(ds, t)->line),
				    dataset_ticket(ds, t));
	for (guint i = 0; i < diag_count(found); i++) {
		const Diag *d = diag_get(found, i);
		Ticket *t = g_hash_table_lookup(by_line, GUINT_TO_POINTER(d->line));
		const char *customer = t->service->customer_id;
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(ds->rejected_by_customer, customer));

		t->excluded = TRUE;
		g_hash_table_insert(ds->rejected_by_customer, (gpointer)customer,
				    GUINT_TO_POINTER(n + 1));
		diag_set_customer(diags, diag_add_copy(diags, d), customer);
	}
	return TRUE;
}

static int
run(Options *opts)
{
	g_autoptr(DiagList) diags = diag_list_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(Dataset) ds = NULL;
	g_autoptr(Report) report = NULL;
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GArray) inputs = NULL;
	g_autoptr(GString) rejects = NULL;
	g_autofree char *tzdata = NULL;
	char issue[11];
	IngestOptions iopts = { opts->allow_rejects };
	gint64 started = g_get_monotonic_time();
	guint rejected_rows = 0;
	ManifestInfo info;

	inputs = file_digest_array_new();
	ds = ingest_folder(opts->input, &iopts, diags, inputs, &error);
	if (ds == NULL || (!opts->allow_rejects && diag_count_errors(diags) > 0)) {
		print_diags(diags, stderr);
		progress_fail("%s: %s", opts->input,
			      error != NULL ? error->message : "bad input, nothing written");
		return EXIT_DATA;
	}
	/* warnings (a repeated local hour, unknown columns) are worth reading even when
	 * the run goes on */
	print_diags(diags, stderr);
	options_resolve_month(opts, ds->plans->provider.tz, g_get_real_time() / G_USEC_PER_SEC);
	if (!check_month(opts, ds, diags)) {
		progress_fail("%s: bad input, nothing written", opts->input);
		return EXIT_DATA;
	}
	for (guint i = 0; opts->customers != NULL && opts->customers[i] != NULL; i++)
		if (g_hash_table_lookup(ds->customer_by_id, opts->customers[i]) == NULL) {
			progress_fail("--customer: \"%s\" is not a customer of %s/customers.csv "
				      "(expected an id of its customer_id column)",
				      opts->customers[i], opts->input);
			return EXIT_USAGE;
		}
	if (opts->allow_rejects)
		rejects = ledger_rejects(diags, &rejected_rows);
	if (rejected_rows > 0)
		g_warning("%u row%s rejected: see rejects.csv", rejected_rows,
			  rejected_rows == 1 ? "" : "s");

	report = report_compute(ds, opts->year, opts->month);
	if (!batch_check_interrupted(&error))
		goto fail;

	od = outdir_open(opts->out, &error);
	if (od == NULL)
		goto fail;
	if (opts->no_pdf && !outdir_check_no_pdf(od, opts->month_text, &error))
		goto fail;
	if (!outdir_begin(od, opts->month_text, !opts->no_pdf, &error) ||
	    !write_ledgers(report, od, rejects, &error))
		goto fail;
	if (!opts->no_pdf && !write_statements(opts, report, od, &error))
		goto fail;

	options_format_day(opts->issue_date, issue);
	tzdata = manifest_tzdata_version();
	info = (ManifestInfo){ SLAREPORT_VERSION, opts->month_text, issue, opts->allow_rejects,
			       opts->no_pdf, (const char *const *)opts->customers, tzdata };
	if (!manifest_write(od, &info, inputs, &error) || !batch_check_interrupted(&error) ||
	    !outdir_publish(od, &error))
		goto fail;
	progress_summary(opts->no_pdf ? 0 : report->customers->len, credit_total(report),
			 rejected_rows, g_get_monotonic_time() - started);
	return EXIT_OK;

fail:
	progress_fail("%s", error->message);
	return options_exit_status(error, EXIT_OUTPUT);
}

int
main(int argc, char **argv)
{
	g_auto(Options) opts;
	g_autoptr(GError) error = NULL;

	setlocale(LC_CTYPE, "");
	options_init(&opts);
	progress_log_init(PROGRESS_NORMAL);
	if (!options_parse(&opts, argc, argv, &error)) {
		progress_fail("%s", error->message);
		return options_exit_status(error, EXIT_USAGE);
	}
	if (opts.version) {
		g_print("%s %s\n", PROGRAM_NAME, SLAREPORT_VERSION);
		return EXIT_OK;
	}
	progress_log_init(opts.quiet ? PROGRESS_QUIET : opts.verbose ? PROGRESS_VERBOSE
								     : PROGRESS_NORMAL);
	batch_signals_install();
	if (!check_input_folder(opts.input))
		return EXIT_DATA;
	return opts.validate ? validate(&opts) : run(&opts);
}
