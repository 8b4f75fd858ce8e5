/* SPDX-License-Identifier: MIT
 *
 * A parallel loop on GThreadPool, deterministic in what it reports.  Items are queued
 * in index order and the pool takes them in that order, so when item k fails every
 * item below k has been started; skipping only items above the lowest failure so far
 * means the lowest failing item always runs and its error is the one returned.
 * Signals only set a flag (the one thing a handler may safely do); items check it.
 */
#include "batch.h"

#include <signal.h>
#include <stdatomic.h>

G_DEFINE_QUARK(slareport-batch-error-quark, batch_error)

/* the signal caught, 0 = none; lock-free, so safe in a handler */
static atomic_int caught;

typedef struct {
	BatchFunc fn;
	gpointer user_data;
	Progress *progress;
	GMutex lock;
	gint failed;  /* lowest failing index so far, G_MAXINT = none (atomic) */
	GError *error; /* its error, under lock */
} Batch;

static void
on_signal(int sig)
{
	atomic_store(&caught, sig);
}

void
batch_signals_install(void)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART | SA_RESETHAND };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

gboolean
batch_check_interrupted(GError **error)
{
	int sig = atomic_load(&caught);

	if (sig == 0)
		return TRUE;
	g_set_error(error, BATCH_ERROR, BATCH_ERROR_INTERRUPTED,
		    "interrupted by %s: nothing was published", sig == SIGINT ? "SIGINT" : "SIGTERM");
	return FALSE;
}

static void
run_item(Batch *b, guint index)
{
	GError *local = NULL;

	if (atomic_load(&caught) != 0 || (gint)index > g_atomic_int_get(&b->failed))
		return;
	if (b->fn(index, b->user_data, &local)) {
		if (b->progress != NULL)
			progress_step(b->progress);
		return;
	}
	g_mutex_lock(&b->lock);
	if ((gint)index < b->failed) {
		g_clear_error(&b->error);
		b->error = local;
		g_atomic_int_set(&b->failed, (gint)index);
	} else {
		g_error_free(local);
	}
	g_mutex_unlock(&b->lock);
}

static void
pool_worker(gpointer data, gpointer user_data)
{
	run_item(user_data, GPOINTER_TO_UINT(data) - 1);
}

gboolean
batch_run(guint n_items, guint jobs, BatchFunc fn, gpointer user_data, Progress *progress,
	  GError **error)
{
	Batch b = { fn, user_data, progress, .failed = G_MAXINT };
	GThreadPool *pool;

	g_return_val_if_fail(jobs >= 1 && n_items < G_MAXINT, FALSE);
	g_mutex_init(&b.lock);
	if (jobs == 1 || n_items <= 1) {
		for (guint i = 0; i < n_items && b.error == NULL; i++)
			run_item(&b, i);
	} else {
		GError *local = NULL;

		pool = g_thread_pool_new(pool_worker, &b, (gint)MIN(jobs, n_items), TRUE, &local);
		if (pool == NULL) {
			g_mutex_clear(&b.lock);
			g_set_error(error, BATCH_ERROR, BATCH_ERROR_THREAD, "cannot start %u threads: %s",
				    jobs, local->message);
			g_error_free(local);
			return FALSE;
		}
		/* data cannot be NULL in a pool: index + 1 */
		for (guint i = 0; i < n_items; i++)
			g_thread_pool_push(pool, GUINT_TO_POINTER(i + 1), NULL);
		g_thread_pool_free(pool, FALSE, TRUE);
	}
	g_mutex_clear(&b.lock);
	if (!batch_check_interrupted(error)) {
		g_clear_error(&b.error);
		return FALSE;
	}
	if (b.error != NULL) {
		g_propagate_error(error, b.error);
		return FALSE;
	}
	return TRUE;
}
