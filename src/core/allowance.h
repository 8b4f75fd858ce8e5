/* SPDX-License-Identifier: MIT
 *
 * What a customer's contract includes and what they use of it (plans.md "Allowance",
 * "Work units", "Contacts"; decisions.md 18, 32–35): monthly support time, the annual
 * work-unit book, the monthly contact limit.  Compliance, which needs judged tickets,
 * is in report.c.
 */
#ifndef SLAREPORT_ALLOWANCE_H
#define SLAREPORT_ALLOWANCE_H

#include <glib.h>

#include "report.h"

typedef struct {
	const Plan *plan;
	const Service *service;
	GTimeZone *tz;
	int year;
	int month;
	Interval span;                /* the month in UTC */
	const Ticket *const *tickets; /* the service's tickets, any month */
	guint n_tickets;
} AllowanceInput;

/* Fills @out's allowance, units and contacts results (their arrays are created). */
void allowance_compute(const AllowanceInput *in, ServiceReport *out);

/* The service year in force at the end of @year-@month: its first day (the
 * anniversary of @start, 1 January without one; 29 February falls on 28 February
 * in common years). */
Day allowance_year_start(Day start, int year, int month);

/* @value × @unit, saturating at G_MAXINT64 instead of overflowing. */
gint64 allowance_mul_sat(gint64 value, gint64 unit);

#endif
