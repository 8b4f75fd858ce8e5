/* SPDX-License-Identifier: MIT
 *
 * Ingest: an input folder (inputs.md) into a Dataset.  plans.ini first (its zone
 * reads the local timestamps), then customers, services, tickets, outages and
 * maintenance, each file read once, checked row by row and against the files before
 * it.  Every problem goes to a DiagList, all of them at once; a bad row is left out
 * of the dataset, never silently: its problems carry the file, line, column, raw row
 * and the customer whose data it was.
 */
#ifndef SLAREPORT_INGEST_H
#define SLAREPORT_INGEST_H

#include <glib.h>

#include "dataset.h"
#include "digest.h"
#include "diag.h"

#define INGEST_ERROR (ingest_error_quark())
GQuark ingest_error_quark(void);

typedef enum {
	INGEST_ERROR_INVALID, /* the inputs have problems (in the DiagList) */
} IngestError;

typedef struct {
	gboolean allow_rejects; /* --allow-rejects: bad rows are left out, not fatal */
} IngestOptions;

/*
 * Reads the input folder @dir.  Every problem and warning goes to @diags (transfer:
 * appended); @files (may be NULL; see file_digest_array_new) gets a FileDigest for every file
 * read (the logo as plans.ini names it), in the
 * order read: plans.ini, its logo, then the five CSV files.
 *
 * Returns the dataset of the good rows (transfer full), indexed, with its
 * cross-references resolved and ds->rejected_by_customer counting the rows left out
 * per customer; each problem of a left-out row has its row and customer in @diags.
 * Returns NULL with INGEST_ERROR_INVALID when the run cannot go on: plans.ini has a
 * problem, a file is missing or cannot be read as a table, or (without
 * @opts->allow_rejects) any row has a problem.  The CSV files are checked even when
 * plans.ini is broken, in its zone if it names a valid one, else in Europe/Paris.
 */
Dataset *ingest_folder(const char *dir, const IngestOptions *opts, DiagList *diags,
		       GArray *files, GError **error);
/* ingest_folder reading the CSV files @block_size bytes at a time (0: the reader's
 * default), for tests that cut them small to try every cut: the result is the same. */
Dataset *ingest_folder_by_blocks(const char *dir, const IngestOptions *opts, gsize block_size,
				 DiagList *diags, GArray *files, GError **error);

#endif
