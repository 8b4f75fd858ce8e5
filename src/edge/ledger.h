/* SPDX-License-Identifier: MIT
 *
 * The three CSV ledgers of a month (outputs.md summary.csv, tickets.csv,
 * credits.csv; decisions.md 1–9), as text.  Writing them to disk is the output
 * folder's job (outdir.h); this module only decides their bytes.
 */
#ifndef SLAREPORT_LEDGER_H
#define SLAREPORT_LEDGER_H

#include <glib.h>

#include "diag.h"
#include "report.h"

/* summary.csv: one row per service active in the month (transfer full). */
GString *ledger_summary(const Report *report);
/* tickets.csv: one row per ticket and guarantee judged or listed (transfer full). */
GString *ledger_tickets(const Report *report);
/* credits.csv: one row per credit-note line (transfer full). */
GString *ledger_credits(const Report *report);

/* rejects.csv: "file,line,column,reason,row" and one line per rejected row's
 * problem (errors of @diags; a row with two problems has two lines) (transfer full).
 * *@rows gets the number of distinct rows. */
GString *ledger_rejects(DiagList *diags, guint *rows);

/* "99.500", "-10.000": milli-percent with exactly 3 decimals, toward zero. */
void ledger_format_percent(gint64 milli, char buf[static 32]);
/* The ledger word of a credit kind, a judgement status or reason. */
const char *ledger_credit_kind(CreditKind kind);
const char *ledger_status(JudgementStatus status);
const char *ledger_reason(JudgementReason reason);

#endif
