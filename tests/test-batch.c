/* SPDX-License-Identifier: MIT */
#include "batch.h"

#include <signal.h>
#include <unistd.h>

#define N_ITEMS 200

typedef struct {
	char *results[N_ITEMS];
	gint runs[N_ITEMS];     /* atomic: times each item ran */
	guint fail_a, fail_b;   /* items that fail; fail_a only after a delay */
	guint raise_at;         /* item that raises SIGTERM, or G_MAXUINT */
} Work;

static gboolean
do_item(guint index, gpointer user_data, GError **error)
{
	Work *w = user_data;

	g_atomic_int_inc(&w->runs[index]);
	/* as from outside (kill, cron, Ctrl-C): sent to the process */
	if (index == w->raise_at)
		kill(getpid(), SIGTERM);
	if (w->raise_at != G_MAXUINT)
		g_usleep(1000); /* leaves the signal time to arrive mid-run */
	if (index == w->fail_a) {
		g_usleep(20000); /* the later failure in time, but the lower index */
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "item %u failed", index);
		return FALSE;
	}
	if (index == w->fail_b) {
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "item %u failed", index);
		return FALSE;
	}
	/* a little work whose result depends on the index only */
	w->results[index] = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *)&index,
							sizeof index);
	return TRUE;
}

static void
work_init(Work *w)
{
	memset(w, 0, sizeof *w);
	w->fail_a = w->fail_b = w->raise_at = G_MAXUINT;
}

static void
work_clear(Work *w)
{
	for (guint i = 0; i < N_ITEMS; i++)
		g_free(w->results[i]);
}

static void
test_same_results(void)
{
	static const guint jobs[] = { 1, 2, 4, 16 };
	Work first;

	work_init(&first);
	g_assert_true(batch_run(N_ITEMS, 1, do_item, &first, NULL, NULL));
	for (gsize j = 0; j < G_N_ELEMENTS(jobs); j++) {
		Work w;
		g_autoptr(GError) error = NULL;

		work_init(&w);
		g_assert_true(batch_run(N_ITEMS, jobs[j], do_item, &w, NULL, &error));
		g_assert_no_error(error);
		for (guint i = 0; i < N_ITEMS; i++) {
			g_assert_cmpint(w.runs[i], ==, 1);
			g_assert_cmpstr(w.results[i], ==, first.results[i]);
		}
		work_clear(&w);
	}
	work_clear(&first);
}

static void
test_lowest_error_wins(void)
{
	for (guint jobs = 1; jobs <= 8; jobs *= 2) {
		for (int round = 0; round < 5; round++) {
			Work w;
			g_autoptr(GError) error = NULL;

			work_init(&w);
			w.fail_a = 3;
			w.fail_b = 7;
			g_assert_false(batch_run(N_ITEMS, jobs, do_item, &w, NULL, &error));
			g_assert_error(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
			g_assert_cmpstr(error->message, ==, "item 3 failed");
			/* every item below the failure ran; in order, none after it (in
			 * parallel, how many start before it fails is up to the timing) */
			for (guint i = 0; i <= 3; i++)
				g_assert_cmpint(w.runs[i], ==, 1);
			if (jobs == 1)
				g_assert_cmpint(w.runs[4], ==, 0);
			work_clear(&w);
		}
	}
}

static void
test_empty(void)
{
	Work w;

	work_init(&w);
	g_assert_true(batch_run(0, 4, do_item, &w, NULL, NULL));
}

static void
test_interrupted(void)
{
	if (g_test_subprocess()) {
		Work w;
		g_autoptr(GError) error = NULL;
		guint ran = 0;

		batch_signals_install();
		g_assert_true(batch_check_interrupted(NULL));
		work_init(&w);
		w.raise_at = 5;
		g_assert_false(batch_run(N_ITEMS, 2, do_item, &w, NULL, &error));
		g_assert_error(error, BATCH_ERROR, BATCH_ERROR_INTERRUPTED);
		g_assert_nonnull(strstr(error->message, "SIGTERM"));
		for (guint i = 0; i < N_ITEMS; i++)
			ran += (guint)w.runs[i];
		g_assert_cmpuint(ran, <, N_ITEMS);
		work_clear(&w);
		/* a second signal is not caught: the process ends at once */
		kill(getpid(), SIGTERM);
		g_usleep(G_USEC_PER_SEC);
		g_assert_not_reached();
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_failed();
	g_test_trap_assert_stderr_unmatched("*assertion*");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/batch/run/same-results-any-jobs", test_same_results);
	g_test_add_func("/batch/run/lowest-failing-item-wins", test_lowest_error_wins);
	g_test_add_func("/batch/run/no-items", test_empty);
	g_test_add_func("/batch/signal/stops-then-second-kills", test_interrupted);
	return g_test_run();
}
