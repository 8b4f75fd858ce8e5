/* SPDX-License-Identifier: MIT
 *
 * Statuspage exports: the incidents and scheduled maintenances an Atlassian
 * Statuspage publishes as JSON (/api/v2/incidents.json,
 * /api/v2/scheduled-maintenances.json), read as rows for an import mapping.  Each
 * incident or maintenance gives one row per component it names (one row when it names
 * none); a row's "columns" are members of the object (`id`, `started_at`, ...), of its
 * component (`components.name`, `components.id`), or `row_id`, the object's id and its
 * component's.  What the values mean is the mapping's and ingest's business.
 */
#ifndef SLAREPORT_STATUSPAGE_H
#define SLAREPORT_STATUSPAGE_H

#include <glib.h>

#include "diag.h"

/* The most members a row may be asked for (a row's problems are a bit mask). */
#define STATUSPAGE_MAX_MEMBERS 64

typedef struct {
	guint line;          /* line of the object's opening brace (1-based) */
	const char *raw;     /* the object as written, brace to brace; not NUL-terminated */
	gsize raw_len;
	/* One per member asked: its text (a number or boolean as written in JSON), NULL
	 * when absent, null or not text. */
	const char *const *values;
	guint64 bad;         /* bit i: member i is an object or an array (reported) */
	gboolean component;  /* the row is one of a component the object names */
	gboolean problem;    /* a problem of the row was reported */
	guint first_diag;    /* with @problem: index in the list of the first of them */
} StatuspageRow;

typedef void (*StatuspageRowFunc)(const StatuspageRow *row, gpointer user_data);

/* Whether source file @name is read as a Statuspage export (its name ends in .json). */
gboolean statuspage_is_source(const char *name);

/*
 * Reads the JSON text @data (@len bytes), file @name in messages, as a Statuspage
 * export and calls @func for each row, in file order, with the values of @members
 * (@n_members names).  `started_at` reads as `created_at` where null, as Statuspage
 * means it.  Problems go to @diags (text that is not JSON: one, with its line and
 * position); returns FALSE when it could not be read whole (not JSON, or a record
 * that is not an object).
 */
gboolean statuspage_read(const char *name, const char *data, gsize len,
			 const char *const *members, guint n_members, StatuspageRowFunc func,
			 gpointer user_data, DiagList *diags);

#endif
