/* SPDX-License-Identifier: MIT
 *
 * The output root OUT/ and the month folder OUT/YYYY-MM/ (outputs.md, "Output
 * folder"): one run at a time (a lock), and a month folder that is replaced whole.
 *
 * A run: outdir_open() (lock, stale temporary folders removed) → outdir_begin() (a new
 * temporary folder OUT/.YYYY-MM.tmp-PID/) → write files into it (outdir_write_file,
 * or outdir_path for a library that wants a path) → outdir_publish() (synced to disk,
 * then swapped with the old month folder in one rename, the old one removed) →
 * outdir_free() (unlock).  Freeing without publishing removes the temporary folder:
 * the previous month folder is never touched until the swap.
 */
#ifndef SLAREPORT_OUTDIR_H
#define SLAREPORT_OUTDIR_H

#include <glib.h>

#define OUTDIR_ERROR (outdir_error_quark())
GQuark outdir_error_quark(void);

typedef enum {
	OUTDIR_ERROR_LOCKED,  /* another run holds the lock: exit 3 */
	OUTDIR_ERROR_REFUSED, /* --no-pdf over existing statements: exit 1 */
	OUTDIR_ERROR_FAILED,  /* a file operation failed (disk full, permission…): exit 4 */
} OutdirError;

typedef struct _Outdir Outdir;

/*
 * Creates @root if needed and takes its lock (OUT/.lock, holding "PID HOST START" of
 * the holder), then removes temporary folders left by runs that died (any
 * OUT/.YYYY-MM.tmp-N or .old-N: only the lock holder makes them).  Fails with
 * OUTDIR_ERROR_LOCKED, naming the holder, when another run has the lock; never waits.
 */
Outdir *outdir_open(const char *root, GError **error);
/* Removes the temporary folder unless published, then releases the lock. */
void outdir_free(Outdir *od);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Outdir, outdir_free)

/* Fails with OUTDIR_ERROR_REFUSED when OUT/@month/statements/ holds a PDF (--no-pdf
 * would drop the archived statements). */
gboolean outdir_check_no_pdf(const Outdir *od, const char *month, GError **error);

/* Creates the temporary folder for @month ("YYYY-MM"), with an empty statements/
 * inside when @statements.  Once per Outdir. */
gboolean outdir_begin(Outdir *od, const char *month, gboolean statements, GError **error);

/* Path of @relpath inside the temporary folder, for libraries that write to a path
 * (transfer full).  Only after outdir_begin. */
char *outdir_path(const Outdir *od, const char *relpath);

/* Writes @len bytes to @relpath in the temporary folder, replacing it.  Thread-safe
 * (distinct paths).  The error names the file and the system's reason. */
gboolean outdir_write_file(const Outdir *od, const char *relpath, const void *data, gsize len,
			   GError **error);

/*
 * --customer: carries statements/@customer_id.pdf over from the current month folder
 * into the new one (a hard link, or a copy where links fail).  *carried is FALSE when
 * the current folder has no such statement: the caller renders it.  Thread-safe.
 */
gboolean outdir_carry_statement(const Outdir *od, const char *customer_id, gboolean *carried,
				GError **error);

/* Relative paths of every file in the temporary folder, sorted byte-wise (transfer
 * full: a GPtrArray of strings freeing them). */
/* FileDigest of every file written (outdir_write_file) or carried over into the month
 * folder so far, in no particular order (borrowed). */
const GArray *outdir_digests(const Outdir *od);

GPtrArray *outdir_list_files(const Outdir *od, GError **error);

/*
 * Flushes every file and folder of the temporary folder to disk, then makes it
 * OUT/MONTH: a plain rename when there is none yet, else an atomic exchange with the
 * old one (renameat2 RENAME_EXCHANGE), which is then removed.  On failure nothing has
 * changed and the temporary folder is still there (outdir_free removes it).
 */
gboolean outdir_publish(Outdir *od, GError **error);

#endif
