/* SPDX-License-Identifier: MIT
 *
 * Diagnostics: the problems and warnings found in the inputs, each with its place.
 *
 * Input validation is the one place that reports many problems at once (every
 * problem of a run, not only the first), so they are collected here rather than
 * chained as GErrors.  A diagnostic prints as a compiler's would:
 *   FILE:LINE: column NAME: what is wrong (what was expected)
 *   plans.ini:LINE: key NAME: what is wrong (what was expected)
 * and a list prints in pipeline order: plans.ini, customers.csv, services.csv,
 * tickets.csv, outages.csv, maintenance.csv, then any other file; within a file by
 * line, then in the order found.
 */
#ifndef SLAREPORT_DIAG_H
#define SLAREPORT_DIAG_H

#include <glib.h>

typedef enum {
	DIAG_ERROR,
	DIAG_WARNING,
} DiagSeverity;

typedef struct {
	DiagSeverity severity;
	char *file;    /* file name as the user knows it, e.g. "tickets.csv" */
	guint line;    /* physical line where the record starts; 0 = whole file */
	char *column;  /* column (CSV) or key (plans.ini) name; NULL when none */
	gboolean key;  /* @column is a plans.ini key */
	char *message; /* what is wrong (what was expected) */
	char *row;     /* the raw record, for rejects.csv; NULL when not a CSV row */
	char *customer_id; /* customer whose data the row was, when known; else NULL */
} Diag;

typedef struct _DiagList DiagList;

DiagList *diag_list_new(void);
void diag_list_free(DiagList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DiagList, diag_list_free)

/* Adds a problem or warning about a CSV row or file; @column and @row may be NULL.
 * The strings are copied.  Returns the diagnostic's index (stable until diag_sort). */
guint diag_add(DiagList *list, DiagSeverity severity, const char *file, guint line,
	       const char *column, const char *row, const char *format, ...)
	G_GNUC_PRINTF(7, 8);
/* Adds a problem or warning about a key of a key file (plans.ini); @key may be NULL. */
guint diag_add_key(DiagList *list, DiagSeverity severity, const char *file, guint line,
		   const char *key, const char *format, ...) G_GNUC_PRINTF(6, 7);
/* Adds a copy of @d, from another list, as it is (its names already the user's). */
guint diag_add_copy(DiagList *list, const Diag *d);
/* Sets the customer of diagnostic @index (rows are attributed once their customer is
 * known). */
void diag_set_customer(DiagList *list, guint index, const char *customer_id);
/* Replaces the message of diagnostic @index (a copy of @message). */
void diag_set_message(DiagList *list, guint index, const char *message);

/*
 * Aliases, for a file read through an import mapping (import.ini): from now on a
 * diagnostic added about @file is filed under @source, the name the user knows, and
 * one about its column @column (set_column_alias) under @source_column.  @file keeps
 * its place in the print order.  The strings are copied.
 */
void diag_list_set_alias(DiagList *list, const char *file, const char *source);
void diag_list_set_column_alias(DiagList *list, const char *file, const char *column,
				const char *source_column);
/* Gives @to the aliases of @from (a list of problems found later about the same files). */
void diag_list_copy_aliases(DiagList *to, const DiagList *from);

guint diag_count(const DiagList *list);
guint diag_count_errors(const DiagList *list);
const Diag *diag_get(const DiagList *list, guint index);
/* Sorts in print order (see above); indexes returned before are void after this. */
void diag_sort(DiagList *list);
/* "FILE:LINE: column NAME: message" (transfer full); a warning reads
 * "FILE:LINE: warning: column NAME: message"; a key reads "key NAME"; line 0 (the
 * whole file) and a NULL column are left out: "FILE: message". */
char *diag_format(const Diag *d);
/* Every diagnostic of @list, sorted, one formatted line each, "\n"-terminated
 * (transfer full): what --validate prints.  Sorts @list. */
char *diag_format_all(DiagList *list);

#endif
