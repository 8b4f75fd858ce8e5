/* SPDX-License-Identifier: MIT
 *
 * Import mappings: reading the exports providers already have.  The input folder's
 * import.ini says, for each input file it names, which file of the folder to read
 * instead (a GLPI or ServiceNow export, say), which of its columns feeds which of
 * ours, how its timestamps are written and in which zone, which of its values stand
 * for ours, what marks a missing value, and how several rows of one id reduce to one.
 * Presets shipped in templates/import/NAME.ini hold those settings for known exports;
 * import.ini names one (`preset = glpi`) and overrides it key by key.
 *
 * The translation hands ingest records shaped like the input file's, which ingest
 * checks like any other; every problem still names the source file, its line and its
 * column (through the DiagList's aliases) and quotes the source's own timestamps.
 */
#ifndef SLAREPORT_IMPORT_H
#define SLAREPORT_IMPORT_H

#include <glib.h>

#include "csv-reader.h"
#include "diag.h"

#define IMPORT_FILE "import.ini"

typedef struct _ImportSet ImportSet;

/*
 * Reads @dir/import.ini; NULL when the folder has none (every file is read as it is).
 * Presets are read from templates/import/ of statement_data_dir().  @provider_tz
 * (borrowed: keep it alive as long as the set) is the zone of source timestamps
 * without an offset, unless a mapping names its own.  Every problem goes to @diags;
 * a mapping with a problem is not read (import_set_read fails).  @files (may be NULL)
 * gets import.ini's FileDigest.
 */
ImportSet *import_set_load(const char *dir, GTimeZone *provider_tz, DiagList *diags,
			   GArray *files);
void import_set_free(ImportSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ImportSet, import_set_free)

/* The file of the folder to read for input file @name: its mapping's source, or @name
 * itself (the same pointer) when @set is NULL or has no mapping for it. */
const char *import_set_source(const ImportSet *set, const char *name);

/*
 * Reads @data (@len bytes), the source of input file @name, through its mapping, as
 * csv_reader_read reads a file of @columns: @func gets one record per source row kept,
 * in source order, its values in the order of @columns, its line and raw text the
 * source's.  Problems of the mapping (at its import.ini or preset line), of the source
 * text and of the values converted go to @diags; from this call on, problems about
 * @name that @diags gets are filed under the source's name and column names.
 */
CsvReadStatus import_set_read(ImportSet *set, const char *name, const char *data, gsize len,
			      const CsvColumn *columns, guint n_columns, CsvRecordFunc func,
			      gpointer user_data, DiagList *diags);

#endif
