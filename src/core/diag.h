/* SPDX-License-Identifier: MIT
 *
 * Diagnostics: the problems and warnings found in the inputs, each with its place.
 *
 * Input validation is the one place that reports many problems at once (every
 * problem of a run, not only the first), so they are collected here rather than
 * chained as GErrors.  A diagnostic prints as a compiler's would:
 *   FILE:LINE: column NAME: what is wrong (what was expected)
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
	char *message; /* what is wrong (what was expected) */
	char *row;     /* the raw record, for rejects.csv; NULL when not a CSV row */
	char *customer_id; /* customer whose data the row was, when known; else NULL */
} Diag;

typedef struct _DiagList DiagList;

DiagList *diag_list_new(void);
void diag_list_free(DiagList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DiagList, diag_list_free)

/* Adds a problem or warning; @column and @row may be NULL.  The strings are copied. */
void diag_add(DiagList *list, DiagSeverity severity, const char *file, guint line,
	      const char *column, const char *row, const char *format, ...)
	G_GNUC_PRINTF(7, 8);
/* Sets the customer of the last diagnostic added (rows are attributed once their
 * customer is known). */
void diag_set_customer(DiagList *list, guint index, const char *customer_id);

guint diag_count(const DiagList *list);
guint diag_count_errors(const DiagList *list);
const Diag *diag_get(const DiagList *list, guint index);
/* Sorts by file, then line, then order of addition: the order they print in. */
void diag_sort(DiagList *list);
/* "FILE:LINE: column NAME: message" (transfer full); a warning reads
 * "FILE:LINE: warning: column NAME: message". */
char *diag_format(const Diag *d);

#endif
