/* SPDX-License-Identifier: MIT */
#include "progress.h"

static FILE *stream;

/* Sends what follows to a fresh file, as a terminal or not. */
static void
capture(ProgressLevel level, gboolean terminal)
{
	if (stream != NULL)
		fclose(stream);
	stream = tmpfile();
	g_assert_nonnull(stream);
	progress_log_init_full(level, stream, terminal);
}

/* All that was written since capture(). */
static char *
captured(void)
{
	long n;
	char *text;

	fflush(stream);
	n = ftell(stream);
	text = g_malloc0((gsize)n + 1);
	rewind(stream);
	g_assert_cmpuint(fread(text, 1, (gsize)n, stream), ==, (gsize)n);
	return text;
}

/* Counts @total statements, start to end. */
static void
count_to(guint total)
{
	g_autoptr(Progress) p = progress_new("statements", total);

	for (guint i = 0; i < total; i++)
		progress_step(p);
}

static void
test_lines_every_100(void)
{
	g_autofree char *text = NULL;

	capture(PROGRESS_NORMAL, FALSE);
	count_to(250);
	text = captured();
	g_assert_cmpstr(text, ==, "slareport: 100/250 statements\nslareport: 200/250 statements\n");
}

static void
test_bar_on_terminal(void)
{
	g_autoptr(Progress) p = NULL;
	g_autofree char *text = NULL;

	capture(PROGRESS_NORMAL, TRUE);
	p = progress_new("statements", 4);
	progress_step(p);
	progress_step(p);
	g_message("half way");
	progress_step(p);
	progress_step(p);
	g_clear_pointer(&p, progress_free);
	text = captured();
	g_assert_cmpstr(text, ==,
			"\rstatements [#######.......................]  25% 1/4"
			"\rstatements [###############...............]  50% 2/4"
			/* a message erases the bar, prints, and draws it again */
			"\r\033[Kslareport: half way\n"
			"\rstatements [###############...............]  50% 2/4"
			"\rstatements [######################........]  75% 3/4"
			"\rstatements [##############################] 100% 4/4\n");
}

static void
test_quiet(void)
{
	g_autofree char *text = NULL;

	capture(PROGRESS_QUIET, TRUE);
	count_to(100);
	g_message("a message");
	g_info("some information");
	g_debug("a detail");
	progress_summary(1, 0, 0, 0);
	g_warning("a warning");
	progress_fail("it failed");
	text = captured();
	g_assert_cmpstr(text, ==, "slareport: warning: a warning\nslareport: error: it failed\n");
}

static void
test_levels(void)
{
	g_autofree char *normal = NULL;
	g_autofree char *verbose = NULL;

	capture(PROGRESS_NORMAL, FALSE);
	g_info("information");
	g_debug("a detail");
	g_log("GLib-GIO", G_LOG_LEVEL_MESSAGE, "from a library");
	normal = captured();
	g_assert_cmpstr(normal, ==, "slareport: information\nslareport: (GLib-GIO) from a library\n");

	capture(PROGRESS_VERBOSE, FALSE);
	g_debug("a detail");
	g_log("GLib", G_LOG_LEVEL_DEBUG, "GLib's own");
	verbose = captured();
	g_assert_cmpstr(verbose, ==, "slareport: debug: a detail\n");
}

static gpointer
step_many(gpointer p)
{
	for (int i = 0; i < 1000; i++)
		progress_step(p);
	return NULL;
}

static void
test_threads(void)
{
	g_autoptr(Progress) p = NULL;
	g_autofree char *text = NULL;
	GThread *threads[4];
	g_auto(GStrv) lines = NULL;

	capture(PROGRESS_NORMAL, FALSE);
	p = progress_new("statements", 4000);
	for (gsize i = 0; i < G_N_ELEMENTS(threads); i++)
		threads[i] = g_thread_new("step", step_many, p);
	for (gsize i = 0; i < G_N_ELEMENTS(threads); i++)
		g_thread_join(threads[i]);
	text = captured();
	lines = g_strsplit(text, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 41); /* 40 lines and an empty tail */
	g_assert_cmpstr(lines[39], ==, "slareport: 4000/4000 statements");
}

static void
test_summary(void)
{
	static const struct {
		guint statements;
		gint64 cents;
		guint rejects;
		gint64 us;
		const char *text;
	} cases[] = {
		{ 12, 123450, 3, 2449999,
		  "12 statements, credit notes 1234.50 in total, 3 rows rejected, 2.4 s" },
		{ 1, 5, 1, 50000, "1 statement, credit notes 0.05 in total, 1 row rejected, 0.1 s" },
		{ 0, 0, 0, 0, "0 statements, credit notes 0.00 in total, 0 rows rejected, 0.0 s" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *text = progress_format_summary(cases[i].statements, cases[i].cents,
								cases[i].rejects, cases[i].us);

		g_assert_cmpstr(text, ==, cases[i].text);
	}
}

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	/* warnings are what some tests print: not fatal here */
	g_log_set_always_fatal(G_LOG_FATAL_MASK);
	g_test_add_func("/progress/lines/every-100-off-terminal", test_lines_every_100);
	g_test_add_func("/progress/bar/on-terminal-with-message", test_bar_on_terminal);
	g_test_add_func("/progress/log/quiet-keeps-warnings-and-errors", test_quiet);
	g_test_add_func("/progress/log/levels-and-domains", test_levels);
	g_test_add_func("/progress/step/thread-safe", test_threads);
	g_test_add_func("/progress/summary/format", test_summary);
	rc = g_test_run();
	if (stream != NULL)
		fclose(stream);
	return rc;
}
