/* SPDX-License-Identifier: MIT
 *
 * The CSV dialect of inputs.md, on top of libcsv: RFC 4180 quoting, `,` or `;`
 * detected from the header, UTF-8 with an optional byte-order mark, LF or CRLF,
 * blank and delimiter-only lines skipped, columns matched by header name.
 *
 * The reader works on a file already in memory (ingest reads each file once, for its
 * checksum too) and hands over one record at a time with its physical line and raw
 * text; it reports what is wrong with the text itself (encoding, quotes, header,
 * extra fields) and leaves the meaning of values to its caller.
 */
#ifndef SLAREPORT_CSV_READER_H
#define SLAREPORT_CSV_READER_H

#include <glib.h>

#include "diag.h"

/* The most columns a file type may define (a record's problems are a bit mask). */
#define CSV_MAX_COLUMNS 64

typedef struct {
	const char *name; /* header name, lower case */
	gboolean required;
} CsvColumn;

typedef struct {
	guint line;        /* physical line where the record starts (1-based) */
	const char *raw;   /* the record as written, up to its last line end excluded;
			    * not NUL-terminated, not necessarily UTF-8 */
	gsize raw_len;
	/* One per CsvColumn: the value with surrounding spaces trimmed, NULL when empty,
	 * absent from the header or short row, or not text. */
	const char *const *values;
	guint64 bad;       /* bit i: column i held bytes that are not text (reported) */
	gboolean broken;   /* the record is cut short by a misplaced quote (reported):
			    * its values are partial; use them only to say whose row it was */
	gboolean problem;  /* the reader reported at least one problem with the record */
	guint first_diag;  /* with @problem: index in the DiagList of the first of them;
			    * the others follow it */
} CsvRecord;

/* Called for every record but the header and the skipped blank lines; @record and
 * its strings are valid during the call only. */
typedef void (*CsvRecordFunc)(const CsvRecord *record, gpointer user_data);

typedef enum {
	CSV_READ_OK,      /* every record was read (some may have problems) */
	CSV_READ_PARTIAL, /* a quoted field runs to the end of the file: the records
			   * before it were read, the rest could not be (reported) */
	CSV_READ_FAILED,  /* no usable header (empty file, missing or repeated column,
			   * not UTF-8): no record was read (reported) */
} CsvReadStatus;

/*
 * Reads the CSV text @data of @len bytes, file @name (as the user knows it: it
 * names the file in diagnostics), against @columns.  Calls @func for each record.
 * Problems and warnings go to @diags with the record's raw text as a valid UTF-8
 * row; the caller adds its own about the values.
 */
CsvReadStatus csv_reader_read(const char *name, const char *data, gsize len,
			      const CsvColumn *columns, guint n_columns, CsvRecordFunc func,
			      gpointer user_data, DiagList *diags);

/* The raw text of @record as valid UTF-8 (bad bytes become U+FFFD; transfer full). */
char *csv_reader_record_text(const CsvRecord *record);

#endif
