/* SPDX-License-Identifier: MIT
 *
 * What a run says on standard error: GLib's log messages, written as
 *   slareport: error: …      (progress_fail, always)
 *   slareport: warning: …    (g_warning, always)
 *   slareport: …             (g_message, g_info: not with --quiet)
 *   slareport: debug: …      (g_debug: only with --verbose)
 * progress while statements are rendered (a bar on a terminal, else a line every 100),
 * and the final summary.  Standard output stays empty: cron mails or logs stderr.
 */
#ifndef SLAREPORT_PROGRESS_H
#define SLAREPORT_PROGRESS_H

#include <stdio.h>

#include <glib.h>

typedef enum {
	PROGRESS_QUIET,   /* errors and warnings only */
	PROGRESS_NORMAL,  /* and progress, information, the summary */
	PROGRESS_VERBOSE, /* and debugging detail */
} ProgressLevel;

/* A run's failure: a log level of its own, printed whatever the verbosity, and not
 * fatal like G_LOG_LEVEL_ERROR nor a programming error like G_LOG_LEVEL_CRITICAL. */
#define PROGRESS_LOG_LEVEL_FAIL (1 << G_LOG_LEVEL_USER_SHIFT)
#define progress_fail(...) g_log(G_LOG_DOMAIN, PROGRESS_LOG_LEVEL_FAIL, __VA_ARGS__)

/* Routes GLib's log messages to standard error as above (a bar if it is a terminal). */
void progress_log_init(ProgressLevel level);
/* Same, to @stream, drawing a bar when @terminal (tests).  May be called again to
 * change level or stream; the stream is borrowed until the next call. */
void progress_log_init_full(ProgressLevel level, FILE *stream, gboolean terminal);

typedef struct _Progress Progress;

/* Starts counting @total things called @noun ("statements"); one at a time. */
Progress *progress_new(const char *noun, guint total);
/* One more done.  Thread-safe. */
void progress_step(Progress *p);
/* Ends the bar's line. */
void progress_free(Progress *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Progress, progress_free)

/* "12 statements, credit notes 1234.50 in total, 3 rows rejected, 2.4 s"
 * (transfer full). */
char *progress_format_summary(guint statements, gint64 credit_cents, guint rejected_rows,
			      gint64 elapsed_us);
/* Logs that summary at info level (hidden by --quiet). */
void progress_summary(guint statements, gint64 credit_cents, guint rejected_rows,
		      gint64 elapsed_us);

#endif
