/* SPDX-License-Identifier: MIT
 *
 * Runs a function on items 0..n-1 in parallel (the statements), and turns SIGINT and
 * SIGTERM into an orderly stop: the run finishes the items in hand, starts no other,
 * and fails with BATCH_ERROR_INTERRUPTED, so its caller removes its temporary folder
 * and exits with EXIT_OUTPUT (4: nothing published, the previous month untouched).
 */
#ifndef SLAREPORT_BATCH_H
#define SLAREPORT_BATCH_H

#include <glib.h>

#include "progress.h"

#define BATCH_ERROR (batch_error_quark())
GQuark batch_error_quark(void);

typedef enum {
	BATCH_ERROR_INTERRUPTED, /* SIGINT or SIGTERM */
	BATCH_ERROR_THREAD,      /* the threads could not be started */
} BatchError;

/* Does item @index; may run on any thread, alongside other items. */
typedef gboolean (*BatchFunc)(guint index, gpointer user_data, GError **error);

/*
 * Runs @fn on every item with @jobs threads (1: inline, in order), stepping @progress
 * (may be NULL) after each success.  After a failure no item above the failed one is
 * started; the error returned is that of the lowest failing index, whatever the
 * timing, so it is the same with any @jobs.  An interruption wins over item errors.
 */
gboolean batch_run(guint n_items, guint jobs, BatchFunc fn, gpointer user_data,
		   Progress *progress, GError **error);

/* Catches SIGINT and SIGTERM from now on; a second one ends the process at once (its
 * temporary folder is removed by the next run). */
void batch_signals_install(void);

/* Fails with BATCH_ERROR_INTERRUPTED, naming the signal, once one was caught. */
gboolean batch_check_interrupted(GError **error);

#endif
