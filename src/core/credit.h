/* SPDX-License-Identifier: MIT
 *
 * The credit note of a customer (plans.md "Money", outputs.md credits.csv,
 * decisions.md 8, 29–31): one line per availability credit and breach credit, caps
 * per guarantee then per service as negative adjustment lines, VAT per line with the
 * last line taking the rounding difference.
 */
#ifndef SLAREPORT_CREDIT_H
#define SLAREPORT_CREDIT_H

#include <glib.h>

#include "report.h"

/*
 * Builds @customer's note for the month @yyyymm ("202606") from its service reports
 * (by service id, judgements and availability already computed), and sets each
 * service report's `credit`.  @out is filled (id NULL and no line when nothing is
 * owed); free it with credit_note_clear.
 */
void credit_build_note(const Provider *provider, const char *yyyymm, const Customer *customer,
		       GPtrArray *services, CreditNote *out);
void credit_note_clear(CreditNote *note);

#endif
