/* SPDX-License-Identifier: MIT
 *
 * Command-line options with GOption, and the exit status of an error.  Every value
 * is checked here for its syntax (a month, a date, a customer id that is safe as a
 * file name); nothing here reads a file.  The default month depends on the provider's
 * zone, which only plans.ini gives, so it is resolved later and kept a pure function
 * of (zone, instant) for testing.
 */
#include "options.h"

#include "batch.h"
#include "manifest.h"
#include "outdir.h"

G_DEFINE_QUARK(slareport-options-error-quark, options_error)

/* Beyond this many threads a run only waits on the disk. */
#define JOBS_MAX 256

static const char summary[] =
	"Writes the month's SLA statements (PDF), CSV ledgers and manifest for every\n"
	"customer with a service active in the month, into OUT/YYYY-MM/.";

static const char description[] =
	"The month folder is built beside the previous one and swapped in whole: a failed\n"
	"or interrupted run leaves the previous result untouched.  Two runs on the same\n"
	"output root are refused (lock on OUT/.lock).\n"
	"\n"
	"Exit status:\n"
	"  0  all statements written\n"
	"  1  usage error (bad option)\n"
	"  2  data error: bad input, nothing written (every problem is listed)\n"
	"  3  another run holds the lock on the output root\n"
	"  4  output error (disk full, permission) or interrupted (SIGINT, SIGTERM):\n"
	"     the previous month folder is untouched\n";

void
options_init(Options *opts)
{
	*opts = (Options){
		.input = g_strdup("samples"),
		.out = g_strdup("out"),
		.jobs = g_get_num_processors(),
		.issue_date = DAY_NONE,
	};
}

void
options_clear(Options *opts)
{
	g_clear_pointer(&opts->input, g_free);
	g_clear_pointer(&opts->out, g_free);
	g_clear_pointer(&opts->customers, g_strfreev);
}

static gboolean
parse_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			return FALSE;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return TRUE;
}

static gboolean
parse_month(const char *s, int *year, int *month, GError **error)
{
	int y, m;

	if (strlen(s) != 7 || s[4] != '-' || !parse_digits(s, 4, &y) ||
	    !parse_digits(s + 5, 2, &m) || y < ZONE_YEAR_MIN || m < 1 || m > 12 ||
	    (y == ZONE_YEAR_MAX && m == 12)) {
		g_set_error(error, OPTIONS_ERROR, OPTIONS_ERROR_BAD_VALUE,
			    "--month: \"%s\" is not a month (expected YYYY-MM from 0001-01 to 9999-11, "
			    "e.g. 2026-10)", s);
		return FALSE;
	}
	*year = y;
	*month = m;
	return TRUE;
}

static gboolean
parse_day(const char *s, Day *out, GError **error)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !parse_digits(s, 4, &y) ||
	    !parse_digits(s + 5, 2, &m) || !parse_digits(s + 8, 2, &d) || !day_is_valid(y, m, d)) {
		g_set_error(error, OPTIONS_ERROR, OPTIONS_ERROR_BAD_VALUE,
			    "--issue-date: \"%s\" is not a date (expected YYYY-MM-DD, e.g. 2026-11-01)", s);
		return FALSE;
	}
	*out = day_from_ymd(y, m, d);
	return TRUE;
}

/* The id syntax of inputs.md: the id becomes a file name (statements/ID.pdf), so
 * this is also what keeps `--customer ../x` out of the folder. */
static gboolean
check_customer_id(const char *id, GError **error)
{
	gsize len = strlen(id);
	gboolean ok = len >= 1 && len <= 64 && id[0] != '.';

	for (gsize i = 0; ok && i < len; i++)
		ok = g_ascii_isalnum(id[i]) || id[i] == '.' || id[i] == '_' || id[i] == '-';
	if (!ok) {
		g_set_error(error, OPTIONS_ERROR, OPTIONS_ERROR_BAD_VALUE,
			    "--customer: \"%s\" is not a customer id (expected 1 to 64 of "
			    "A-Z a-z 0-9 . _ -, not starting with \".\")", id);
		return FALSE;
	}
	return TRUE;
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts byte-wise and drops repeats in place: the manifest lists them this way. */
static void
sort_unique(char **v)
{
	guint n = g_strv_length(v);
	guint kept = 0;

	qsort(v, n, sizeof(char *), compare_strings);
	for (guint i = 0; i < n; i++) {
		if (kept > 0 && strcmp(v[kept - 1], v[i]) == 0)
			g_free(v[i]);
		else
			v[kept++] = v[i];
	}
	v[kept] = NULL;
}

/* GOption says what is wrong ("Unknown option --bogus"); this adds what was expected,
 * in the form of the other messages. */
static void
explain_goption_error(GError *error)
{
	g_autofree char *expected = NULL;
	char *message;

	if (error->code == G_OPTION_ERROR_UNKNOWN_OPTION)
		expected = g_strdup("expected one of the options --help lists");
	else if (strstr(error->message, "nteger value") != NULL) /* --jobs, the only number */
		expected = g_strdup_printf("expected a whole number from 1 to %d", JOBS_MAX);
	else
		expected = g_strdup("expected a value after the option, as --help shows");
	message = g_strdup_printf("%c%s (%s)", g_ascii_tolower(error->message[0]),
				  error->message[0] != '\0' ? error->message + 1 : "", expected);
	g_free(error->message);
	error->message = message;
}

gboolean
options_parse(Options *opts, int argc, char **argv, GError **error)
{
	g_autoptr(GOptionContext) context = NULL;
	g_autofree char *input = NULL;
	g_autofree char *out = NULL;
	g_autofree char *month = NULL;
	g_autofree char *issue_date = NULL;
	g_auto(GStrv) customers = NULL;
	g_auto(GStrv) args = NULL;
	int jobs = -1;
	const GOptionEntry entries[] = {
		{ "input", 0, 0, G_OPTION_ARG_FILENAME, &input,
		  "Input folder: plans.ini and the five CSV files (default: samples)", "DIR" },
		{ "month", 0, 0, G_OPTION_ARG_STRING, &month,
		  "Month to report (default: the previous month in the provider's time zone)",
		  "YYYY-MM" },
		{ "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
		  "Output root; the month goes to OUT/YYYY-MM (default: out)", "DIR" },
		{ "customer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &customers,
		  "Re-render only this customer's statement, keeping the others; may repeat",
		  "ID" },
		{ "jobs", 0, 0, G_OPTION_ARG_INT, &jobs,
		  "Statements rendered in parallel (default: number of cores)", "N" },
		{ "allow-rejects", 0, 0, G_OPTION_ARG_NONE, &opts->allow_rejects,
		  "Leave bad rows out into rejects.csv and go on, instead of stopping", NULL },
		{ "validate", 0, 0, G_OPTION_ARG_NONE, &opts->validate,
		  "Check the inputs, print every problem, write nothing", NULL },
		{ "no-pdf", 0, 0, G_OPTION_ARG_NONE, &opts->no_pdf,
		  "Write the ledgers and manifest only (refused over existing statements)", NULL },
		{ "issue-date", 0, 0, G_OPTION_ARG_STRING, &issue_date,
		  "Date printed on statements and credit notes (default: the day after the month)",
		  "YYYY-MM-DD" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opts->quiet,
		  "Print errors and warnings only", NULL },
		{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &opts->verbose,
		  "Print debugging detail too", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &opts->version,
		  "Print the version and exit", NULL },
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
		G_OPTION_ENTRY_NULL,
	};

	context = g_option_context_new(NULL);
	g_option_context_set_summary(context, summary);
	g_option_context_set_description(context, description);
	g_option_context_add_main_entries(context, entries, NULL);
	/* GOption's own parse errors name the option; they gain what was expected */
	if (!g_option_context_parse(context, &argc, &argv, error)) {
		explain_goption_error(*error);
		return FALSE;
	}

	if (args != NULL && args[0] != NULL) {
		g_set_error(error, OPTIONS_ERROR, OPTIONS_ERROR_BAD_VALUE,
			    "unexpected argument \"%s\" (expected options only, each starting "
			    "with --; see --help)", args[0]);
		return FALSE;
	}
	if (month != NULL) {
		if (!parse_month(month, &opts->year, &opts->month, error))
			return FALSE;
		opts->month_given = TRUE;
		g_snprintf(opts->month_text, sizeof opts->month_text, "%04d-%02d", opts->year,
			   opts->month);
	}
	if (issue_date != NULL && !parse_day(issue_date, &opts->issue_date, error))
		return FALSE;
	if (jobs != -1) {
		if (jobs < 1 || jobs > JOBS_MAX) {
			g_set_error(error, OPTIONS_ERROR, OPTIONS_ERROR_BAD_VALUE,
				    "--jobs: %d is out of range (expected 1 to %d)", jobs, JOBS_MAX);
			return FALSE;
		}
		opts->jobs = (guint)jobs;
	}
	for (guint i = 0; customers != NULL && customers[i] != NULL; i++) {
		if (!check_customer_id(customers[i], error))
			return FALSE;
	}
	if (opts->quiet && opts->verbose) {
		g_set_error_literal(error, OPTIONS_ERROR, OPTIONS_ERROR_CONFLICT,
				    "--quiet and --verbose cannot go together (expected one of them)");
		return FALSE;
	}
	if (opts->no_pdf && customers != NULL) {
		g_set_error_literal(error, OPTIONS_ERROR, OPTIONS_ERROR_CONFLICT,
				    "--customer re-renders statements and --no-pdf renders none: "
				    "they cannot go together (expected one of them)");
		return FALSE;
	}

	if (input != NULL) {
		g_free(opts->input);
		opts->input = g_steal_pointer(&input);
	}
	if (out != NULL) {
		g_free(opts->out);
		opts->out = g_steal_pointer(&out);
	}
	if (customers != NULL) {
		sort_unique(customers);
		g_strfreev(opts->customers);
		opts->customers = g_steal_pointer(&customers);
	}
	return TRUE;
}

void
options_default_month(GTimeZone *tz, gint64 now, int *year, int *month)
{
	int y, m, d;

	day_to_ymd(zone_day_of(tz, now, NULL), &y, &m, &d);
	if (m == 1) {
		y--;
		m = 12;
	} else {
		m--;
	}
	*year = y;
	*month = m;
}

void
options_format_day(Day d, char buf[static 11])
{
	int y, m, dd;

	day_to_ymd(d, &y, &m, &dd);
	g_snprintf(buf, 11, "%04d-%02d-%02d", y, m, dd);
}

void
options_resolve_month(Options *opts, GTimeZone *tz, gint64 now)
{
	Day after;

	if (!opts->month_given) {
		options_default_month(tz, now, &opts->year, &opts->month);
		g_snprintf(opts->month_text, sizeof opts->month_text, "%04d-%02d", opts->year,
			   opts->month);
	}
	after = opts->month == 12 ? day_from_ymd(opts->year + 1, 1, 1)
				  : day_from_ymd(opts->year, opts->month + 1, 1);
	if (opts->issue_date == DAY_NONE)
		opts->issue_date = after;
	/* A run for a month not yet over is allowed (a mid-month preview), never by
	 * default; say so, since its figures will change. */
	if (zone_day_of(tz, now, NULL) < after)
		g_warning("%s has not ended yet in %s: its figures are partial", opts->month_text,
			  g_time_zone_get_identifier(tz));
}

ExitStatus
options_exit_status(const GError *error, ExitStatus fallback)
{
	if (error == NULL)
		return EXIT_OK;
	if (error->domain == G_OPTION_ERROR || error->domain == OPTIONS_ERROR)
		return EXIT_USAGE;
	if (error->domain == OUTDIR_ERROR) {
		switch ((OutdirError)error->code) {
		case OUTDIR_ERROR_LOCKED:
			return EXIT_LOCKED;
		case OUTDIR_ERROR_REFUSED:
			return EXIT_USAGE;
		case OUTDIR_ERROR_FAILED:
			return EXIT_OUTPUT;
		}
		return EXIT_OUTPUT;
	}
	if (error->domain == BATCH_ERROR || error->domain == MANIFEST_ERROR)
		return EXIT_OUTPUT;
	return fallback;
}
