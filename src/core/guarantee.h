/* SPDX-License-Identifier: MIT
 *
 * Ticket guarantees, GTR and GTI (plans.md "Ticket priority", "GTR", "GTI", "Breach
 * credit"; decisions.md 7, 16, 17, 25–28a): a ticket's priority, whether a guarantee
 * applies, its elapsed time in the guarantee's hours, breach, overrun and credit.
 */
#ifndef SLAREPORT_GUARANTEE_H
#define SLAREPORT_GUARANTEE_H

#include <glib.h>

#include "calendar.h"
#include "report.h"

/* What judging a service's tickets needs besides the ticket. */
typedef struct {
	const Plan *plan;
	Interval month;              /* the reported month */
	const IntervalSet *windows;  /* the service's qualifying windows, normal */
	GHashTable *spans;           /* const Calendar* -> CalendarSpan*, covering every
				      * ticket judged (read only) */
} GuaranteeContext;

typedef enum {
	GUARANTEE_ROW_NONE,     /* no row this month */
	GUARANTEE_ROW,          /* @out is a row of the month */
	GUARANTEE_ROW_NO_PRIORITY, /* the ticket needs a priority it cannot get */
} GuaranteeRow;

/* The guarantee @kind of @plan. */
const Guarantee *guarantee_of(const Plan *plan, GuaranteeKind kind);
/* The ticket's priority in the plan's spelling: its own `priority`, else the plan's
 * impact × urgency matrix; NULL when it has none.  Borrowed. */
const char *guarantee_priority(const Plan *plan, const Ticket *t);
/* The target for @priority (NULL: only `*` can match); FALSE when none. */
gboolean guarantee_target(const Guarantee *g, const char *priority, gint64 *target);
/* The calendar the clock runs in for @priority. */
const Calendar *guarantee_calendar(const Guarantee *g, const char *priority);
/* When the clock of @kind stops for @t (TIME_NONE: not yet). */
gint64 guarantee_stop(const Ticket *t, GuaranteeKind kind);

/*
 * The row of @t for guarantee @kind in the month of @ctx: judged when its clock
 * stopped in the month, open when it runs at the month's end, with
 * not-applicable reasons checked in the order of decisions.md 25.  @t must be an
 * incident and the guarantee defined.  The credit is not capped here.
 */
GuaranteeRow guarantee_judge(const GuaranteeContext *ctx, const Service *service,
			     const Ticket *t, GuaranteeKind kind, Judgement *out);

/* TRUE when judging @t under @kind would need a priority it cannot get: the
 * guarantee applies so far (interrupted, provider-caused for GTR), no priority and no
 * `*` target (decisions.md 17). */
gboolean guarantee_needs_priority(const Plan *plan, const Ticket *t, GuaranteeKind kind);

/* The credit percent of a breach overrunning by @overrun seconds (milli-percent). */
gint64 guarantee_credit_percent(const Guarantee *g, gint64 overrun);

#endif
