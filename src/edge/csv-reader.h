/* SPDX-License-Identifier: MIT
 *
 * The CSV dialect of inputs.md, on top of libcsv: RFC 4180 quoting, `,` or `;`
 * detected from the header, UTF-8 with an optional byte-order mark, LF or CRLF,
 * blank and delimiter-only lines skipped, columns matched by header name.
 *
 * The reader hands over one record at a time with its physical line and raw text; it
 * reports what is wrong with the text itself (encoding, quotes, header, extra fields)
 * and leaves the meaning of values to its caller.  It reads text already in memory
 * (csv_reader_read), or a file block by block (csv_reader_read_file): the records of
 * each block are read in a worker thread, and the blocks come back to the caller in
 * file order, so that a large file is never held whole and takes every core.
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
	DiagList *diags;   /* where the reader reported them, and where the caller adds
			    * its own: the list of the record's block */
	guint first_diag;  /* with @problem: index in @diags of the first of them; the
			    * others follow it */
} CsvRecord;

/* Called for every record but the header and the skipped blank lines; @record and
 * its strings are valid during the call only. */
typedef void (*CsvRecordFunc)(const CsvRecord *record, gpointer user_data);

typedef enum {
	CSV_READ_OK,      /* every record was read (some may have problems) */
	CSV_READ_PARTIAL, /* a quoted field runs to the end of the file: the records
			   * before it were read, the rest could not be (reported) */
	CSV_READ_FAILED,  /* no usable header (empty file, missing or repeated column,
			   * not UTF-8), or the file could not be read: no record was read
			   * after the problem (reported) */
} CsvReadStatus;

/*
 * Reads the CSV text @data of @len bytes, file @name (as the user knows it: it
 * names the file in diagnostics), against @columns.  Calls @func for each record, in
 * order, in the calling thread.  Problems and warnings go to @diags with the
 * record's raw text as a valid UTF-8 row; the caller adds its own about the values.
 */
CsvReadStatus csv_reader_read(const char *name, const char *data, gsize len,
			      const CsvColumn *columns, guint n_columns, CsvRecordFunc func,
			      gpointer user_data, DiagList *diags);

/*
 * What csv_reader_read_file does with a block of records.  A block's records are read
 * in a worker thread, so @record must write only the block's state (and what nothing
 * else touches while the file is read); the blocks then come back in file order, in
 * the calling thread, through @block_done.
 */
typedef struct {
	/* A new state for one block (transfer full). */
	gpointer (*block_new)(gpointer user_data);
	/* Each record of the block, in order; record->diags is the block's own list. */
	void (*record)(const CsvRecord *record, gpointer block);
	/* The block, in file order, with its list of problems (which the caller moves
	 * to its own).  A block read in vain (see csv_reader_read_file) never gets here. */
	void (*block_done)(gpointer block, DiagList *block_diags, gpointer user_data);
	void (*block_free)(gpointer block);
} CsvBlockFuncs;

typedef struct {
	gsize block_size;     /* bytes read at a time; 0: CSV_READER_BLOCK_SIZE */
	GChecksum *checksum;  /* may be NULL: gets every byte of the file, in order */
	gsize size;           /* out: bytes read */
	gboolean whole;       /* out: the file was read to its end (no read error) */
} CsvFileOptions;

#define CSV_READER_BLOCK_SIZE (1024 * 1024)

/*
 * Reads the open file @fd as csv_reader_read reads text, a block at a time, the
 * records of several blocks at once on a thread per core.  A block is cut after a
 * line end where the quotes seen so far are balanced; when the records before it
 * say otherwise (a quoted field spans the cut), the block is read again, joined to
 * the end of the previous one, in the calling thread: records, lines and problems
 * are exactly those of csv_reader_read on the whole file.  Problems about the file
 * as a whole (header, end of file, read errors) go to @diags; those of records to
 * their block's list.  Reads the file to its end even when its records cannot be
 * read, for @opts->checksum and @opts->size.
 */
CsvReadStatus csv_reader_read_file(const char *name, int fd, const CsvColumn *columns,
				   guint n_columns, const CsvBlockFuncs *funcs, gpointer user_data,
				   CsvFileOptions *opts, DiagList *diags);

/* The raw text of @record as valid UTF-8 (bad bytes become U+FFFD; transfer full). */
char *csv_reader_record_text(const CsvRecord *record);

#endif
