/* SPDX-License-Identifier: MIT
 *
 * A customer's monthly PDF statement (outputs.md "The statement"), rendered from the
 * Report: header, a summary answering "was my contract met?", one section per
 * service (availability, the month's timeline, interruptions, exclusions, incidents,
 * allowances), the credit note, and a footer with the provider's legal text and
 * "page X / Y".  The same inputs give the same bytes: no clock, no random id.
 *
 * Threads: a StatementContext is made once per run and only read afterwards;
 * statement_render may run in several threads at once, each on its own customer.
 *
 * To add a section: 1) its words in TEMPLATE_KEYS (template.h) and in
 * templates/{fr,en}.ini, 2) a static render_* function in statement.c drawing it
 * with layout.h, called from statement_render in reading order, 3) a check of its
 * text in tests/test-statement.c.
 */
#ifndef SLAREPORT_STATEMENT_H
#define SLAREPORT_STATEMENT_H

#include <glib.h>

#include "report.h"

typedef struct _StatementContext StatementContext;

/* The folder holding templates/ and fonts/: $SLAREPORT_DATA_DIR when set, else the
 * project folder the program was built in (the Makefile's SLAREPORT_DATADIR), so
 * `make run` and the tests work from anywhere; an installed copy sets the variable. */
const char *statement_data_dir(void);

/*
 * Loads what every statement of a run shares (transfer full): the wording from
 * @data_dir/templates, the fonts from @data_dir/fonts, and @provider's logo.
 * @issue_date is printed on every statement and is its PDF creation date.  Fails when
 * a template key is missing, a font is absent (run make) or the logo is unreadable.
 */
StatementContext *statement_context_new(const char *data_dir, const Provider *provider,
					Day issue_date, GError **error);
void statement_context_free(StatementContext *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(StatementContext, statement_context_free)

/* @customer's statement for @report's month, as bytes (transfer full); NULL with
 * PDF_ERROR_LIBHARU when libharu reports an error (a bug). */
GBytes *statement_render_bytes(const StatementContext *ctx, const Report *report,
			       const CustomerReport *customer, GError **error);

/*
 * Writes @customer's statement for @report's month to @path (created or replaced, and
 * nothing else written; a partial file is removed).  Fails with the path in the
 * message: PDF_ERROR_WRITE when the file cannot be written (disk full, permission:
 * exit status 4), PDF_ERROR_LIBHARU when libharu reports an error (a bug).
 */
gboolean statement_render(const StatementContext *ctx, const Report *report,
			  const CustomerReport *customer, const char *path, GError **error);

#endif
