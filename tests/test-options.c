/* SPDX-License-Identifier: MIT */
#include "batch.h"
#include "manifest.h"
#include "options.h"
#include "outdir.h"

static GTimeZone *paris;

static gint64
utc(int y, int mo, int d, int h, int mi)
{
	return (gint64)day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

/* Parses a NULL-terminated argument list after the program name. */
static gboolean
parse(Options *opts, GError **error, ...)
{
	g_autoptr(GPtrArray) args = g_ptr_array_new();
	va_list ap;
	const char *a;

	g_ptr_array_add(args, "slareport");
	va_start(ap, error);
	while ((a = va_arg(ap, const char *)) != NULL)
		g_ptr_array_add(args, (gpointer)a);
	va_end(ap);
	g_ptr_array_add(args, NULL);
	return options_parse(opts, (int)args->len - 1, (char **)args->pdata, error);
}

static void
test_default_month(void)
{
	static const struct {
		const char *name;
		int y, mo, d, h, mi; /* the run's instant, UTC */
		int year, month;     /* reported */
	} cases[] = {
		/* 00:30 in Paris (CET, +01:00) is still 31 October in UTC: the zone decides */
		{ "00:30 on 1 November in Paris", 2026, 10, 31, 23, 30, 2026, 10 },
		{ "23:59 on 31 October in Paris", 2026, 10, 31, 22, 59, 2026, 9 },
		{ "00:30 on 1 January in Paris", 2026, 12, 31, 23, 30, 2026, 12 },
		{ "00:00 on 1 January in Paris", 2026, 12, 31, 23, 0, 2026, 12 },
		{ "23:59 on 31 December in Paris", 2026, 12, 31, 22, 59, 2026, 11 },
		{ "summer time, 00:10 on 1 July", 2026, 6, 30, 22, 10, 2026, 6 },
		{ "mid-March", 2027, 3, 15, 12, 0, 2027, 2 },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		int y = 0, m = 0;

		g_test_message("%s", cases[i].name);
		options_default_month(paris, utc(cases[i].y, cases[i].mo, cases[i].d, cases[i].h,
						 cases[i].mi), &y, &m);
		g_assert_cmpint(y, ==, cases[i].year);
		g_assert_cmpint(m, ==, cases[i].month);
	}
}

static void
test_default_month_utc(void)
{
	g_autoptr(GTimeZone) z = g_time_zone_new_utc();
	int y, m;

	options_default_month(z, utc(2026, 10, 31, 23, 30), &y, &m);
	g_assert_cmpint(y, ==, 2026);
	g_assert_cmpint(m, ==, 9);
	options_default_month(z, utc(2026, 11, 1, 0, 0), &y, &m);
	g_assert_cmpint(m, ==, 10);
}

static void
test_month_good(void)
{
	g_auto(Options) opts;
	g_autoptr(GError) error = NULL;

	options_init(&opts);
	g_assert_true(parse(&opts, &error, "--month", "2026-10", NULL));
	g_assert_no_error(error);
	g_assert_true(opts.month_given);
	g_assert_cmpint(opts.year, ==, 2026);
	g_assert_cmpint(opts.month, ==, 10);
	g_assert_cmpstr(opts.month_text, ==, "2026-10");
}

static void
test_month_bad(void)
{
	static const char *const bad[] = {
		"2026-13", "2026-00", "2026-1", "26-10", "2026/10", "2026-10x", "", "abcd-ef",
		"0000-05", "2026-10-01", " 2026-10", "9999-12",
	};

	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_auto(Options) opts;
		g_autoptr(GError) error = NULL;

		options_init(&opts);
		g_assert_false(parse(&opts, &error, "--month", bad[i], NULL));
		g_assert_error(error, OPTIONS_ERROR, OPTIONS_ERROR_BAD_VALUE);
		g_assert_nonnull(strstr(error->message, "--month"));
		g_assert_nonnull(strstr(error->message, "YYYY-MM"));
	}
}

static void
test_issue_date(void)
{
	static const struct { const char *text; gboolean ok; int y, m, d; } cases[] = {
		{ "2026-11-01", TRUE, 2026, 11, 1 },
		{ "2024-02-29", TRUE, 2024, 2, 29 },
		{ "2026-02-29", FALSE, 0, 0, 0 }, { "2026-11-1", FALSE, 0, 0, 0 },
		{ "2026-11-31", FALSE, 0, 0, 0 }, { "01/11/2026", FALSE, 0, 0, 0 },
		{ "2026-11-01T00:00", FALSE, 0, 0, 0 },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_auto(Options) opts;
		g_autoptr(GError) error = NULL;
		gboolean ok;

		options_init(&opts);
		ok = parse(&opts, &error, "--issue-date", cases[i].text, NULL);
		g_assert_cmpint(ok, ==, cases[i].ok);
		if (ok)
			g_assert_cmpint(opts.issue_date, ==,
					day_from_ymd(cases[i].y, cases[i].m, cases[i].d));
		else
			g_assert_error(error, OPTIONS_ERROR, OPTIONS_ERROR_BAD_VALUE);
	}
}

static void
test_resolve_defaults(void)
{
	g_auto(Options) opts;
	char buf[11];

	options_init(&opts);
	options_resolve_month(&opts, paris, utc(2026, 12, 31, 23, 30));
	g_assert_cmpstr(opts.month_text, ==, "2026-12");
	options_format_day(opts.issue_date, buf);
	g_assert_cmpstr(buf, ==, "2027-01-01");
}

static void
test_resolve_keeps_given(void)
{
	g_auto(Options) opts;
	g_autoptr(GError) error = NULL;
	char buf[11];

	options_init(&opts);
	g_assert_true(parse(&opts, &error, "--month", "2026-02", "--issue-date", "2026-03-05", NULL));
	options_resolve_month(&opts, paris, utc(2026, 11, 1, 0, 0));
	g_assert_cmpstr(opts.month_text, ==, "2026-02");
	options_format_day(opts.issue_date, buf);
	g_assert_cmpstr(buf, ==, "2026-03-05");
}

static void
test_resolve_unfinished_month_warns(void)
{
	g_auto(Options) opts;
	g_autoptr(GError) error = NULL;

	options_init(&opts);
	g_assert_true(parse(&opts, &error, "--month", "2026-11", NULL));
	g_test_expect_message(G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "2026-11 has not ended yet*");
	options_resolve_month(&opts, paris, utc(2026, 11, 30, 22, 0)); /* 23:00 in Paris */
	g_test_assert_expected_messages();
	/* over at midnight in Paris: no warning */
	options_resolve_month(&opts, paris, utc(2026, 11, 30, 23, 0));
}

static void
test_defaults(void)
{
	g_auto(Options) opts;
	g_autoptr(GError) error = NULL;

	options_init(&opts);
	g_assert_true(parse(&opts, &error, NULL));
	g_assert_cmpstr(opts.input, ==, "samples");
	g_assert_cmpstr(opts.out, ==, "out");
	g_assert_false(opts.month_given);
	g_assert_null(opts.customers);
	g_assert_cmpuint(opts.jobs, ==, g_get_num_processors());
	g_assert_cmpint(opts.issue_date, ==, DAY_NONE);
	g_assert_false(opts.allow_rejects || opts.validate || opts.no_pdf || opts.quiet ||
		       opts.verbose || opts.version);
}

static void
test_all_options(void)
{
	g_auto(Options) opts;
	g_autoptr(GError) error = NULL;

	options_init(&opts);
	g_assert_true(parse(&opts, &error, "--input", "in", "--out=o", "--jobs", "3",
			    "--customer", "C2", "--customer", "C10", "--customer", "C2",
			    "--allow-rejects", "--validate", "-q", NULL));
	g_assert_no_error(error);
	g_assert_cmpstr(opts.input, ==, "in");
	g_assert_cmpstr(opts.out, ==, "o");
	g_assert_cmpuint(opts.jobs, ==, 3);
	/* sorted byte-wise, repeats dropped */
	g_assert_cmpuint(g_strv_length(opts.customers), ==, 2);
	g_assert_cmpstr(opts.customers[0], ==, "C10");
	g_assert_cmpstr(opts.customers[1], ==, "C2");
	g_assert_true(opts.allow_rejects && opts.validate && opts.quiet);
}

static void
test_usage_errors(void)
{
	static const struct {
		const char *args[4];
		gboolean goption; /* G_OPTION_ERROR, else OPTIONS_ERROR */
		const char *says;
	} cases[] = {
		{ { "--jobs", "0" }, FALSE, "--jobs" },
		{ { "--jobs", "many" }, TRUE, "--jobs" },
		{ { "--jobs", "100000" }, FALSE, "--jobs" },
		{ { "--frobnicate" }, TRUE, "--frobnicate" },
		{ { "stray" }, FALSE, "stray" },
		{ { "--customer", "../etc" }, FALSE, "../etc" },
		{ { "--customer", "" }, FALSE, "--customer" },
		{ { "--quiet", "--verbose" }, FALSE, "--quiet" },
		{ { "--no-pdf", "--customer", "C1" }, FALSE, "--no-pdf" },
		{ { "--month" }, TRUE, "--month" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_auto(Options) opts;
		g_autoptr(GError) error = NULL;

		options_init(&opts);
		g_assert_false(parse(&opts, &error, cases[i].args[0], cases[i].args[1],
				     cases[i].args[2], cases[i].args[3], NULL));
		g_assert_nonnull(error);
		g_assert_true(error->domain == (cases[i].goption ? G_OPTION_ERROR : OPTIONS_ERROR));
		g_assert_nonnull(strstr(error->message, cases[i].says));
		g_assert_cmpint(options_exit_status(error, EXIT_DATA), ==, EXIT_USAGE);
	}
}

static void
test_help_lists_exit_codes(void)
{
	if (g_test_subprocess()) {
		g_auto(Options) opts;

		options_init(&opts);
		parse(&opts, NULL, "--help", NULL);
		return; /* not reached: GOption exits */
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stdout("*--month=YYYY-MM*previous month in the provider's time zone*");
	g_test_trap_assert_stdout("*--jobs=N*");
	g_test_trap_assert_stdout("*--no-pdf*");
	g_test_trap_assert_stdout("*Exit status:*0  all statements written*"
				  "1  usage error*2  data error*3  another run holds the lock*"
				  "4  output error*");
}

static void
test_exit_status(void)
{
	static const struct { GQuark (*domain)(void); int code; ExitStatus status; } cases[] = {
		{ outdir_error_quark, OUTDIR_ERROR_LOCKED, EXIT_LOCKED },
		{ outdir_error_quark, OUTDIR_ERROR_REFUSED, EXIT_USAGE },
		{ outdir_error_quark, OUTDIR_ERROR_FAILED, EXIT_OUTPUT },
		{ batch_error_quark, BATCH_ERROR_INTERRUPTED, EXIT_OUTPUT },
		{ manifest_error_quark, MANIFEST_ERROR_READ, EXIT_OUTPUT },
		{ options_error_quark, OPTIONS_ERROR_CONFLICT, EXIT_USAGE },
		{ g_file_error_quark, G_FILE_ERROR_NOENT, EXIT_DATA }, /* the fallback */
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = g_error_new_literal(cases[i].domain(), cases[i].code, "x");

		g_assert_cmpint(options_exit_status(error, EXIT_DATA), ==, cases[i].status);
	}
	g_assert_cmpint(options_exit_status(NULL, EXIT_DATA), ==, EXIT_OK);
}

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	paris = g_time_zone_new_identifier("Europe/Paris");
	g_assert_nonnull(paris);
	g_test_add_func("/options/default-month/previous-in-provider-zone", test_default_month);
	g_test_add_func("/options/default-month/utc", test_default_month_utc);
	g_test_add_func("/options/month/accepts-yyyy-mm", test_month_good);
	g_test_add_func("/options/month/rejects-malformed", test_month_bad);
	g_test_add_func("/options/issue-date/parse", test_issue_date);
	g_test_add_func("/options/resolve/defaults-to-day-after-month", test_resolve_defaults);
	g_test_add_func("/options/resolve/keeps-given-values", test_resolve_keeps_given);
	g_test_add_func("/options/resolve/warns-unfinished-month",
			test_resolve_unfinished_month_warns);
	g_test_add_func("/options/parse/defaults", test_defaults);
	g_test_add_func("/options/parse/every-option", test_all_options);
	g_test_add_func("/options/parse/usage-errors", test_usage_errors);
	g_test_add_func("/options/help/lists-exit-codes", test_help_lists_exit_codes);
	g_test_add_func("/options/exit-status/by-error", test_exit_status);
	rc = g_test_run();
	g_time_zone_unref(paris);
	return rc;
}
