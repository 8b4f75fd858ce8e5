/* SPDX-License-Identifier: MIT
 *
 * Availability of one service over its period (plans.md "Downtime and exclusions",
 * "Availability credit"): provider downtime, planned and customer-caused time,
 * eligible time, availability, met, allowed downtime and the credit percent.
 */
#ifndef SLAREPORT_AVAILABILITY_H
#define SLAREPORT_AVAILABILITY_H

#include <glib.h>

#include "calendar.h"
#include "report.h"

/* What availability_compute reads for one service: its rows, already picked. */
typedef struct {
	const Plan *plan;
	const Service *service;
	GTimeZone *tz;
	Interval period;                /* the month cut to the active days */
	const CalendarSpan *calendar;   /* the plan's availability calendar, covering period */
	const Outage *const *outages;   /* the service's outages (any month) */
	guint n_outages;
	const Ticket *const *tickets;   /* the service's tickets (any month, any type) */
	guint n_tickets;
	const Maintenance *const *windows; /* windows that apply to the service */
	guint n_windows;
} AvailabilityInput;

/* Fills the availability fields of @out (period … allowed_downtime_s, the three
 * interval sets, exclusions and events).  @out's arrays must be created. */
void availability_compute(const AvailabilityInput *in, ServiceReport *out);

/* The availability credit percent (milli-percent, before the cap) earned by @r
 * under @plan: 0 when met, without a target or without a penalty. */
gint64 availability_credit_percent(const Plan *plan, const ServiceReport *r);

/* The qualifying windows of @in as a normal interval set (not cut to the period). */
void availability_qualifying_windows(const Plan *plan, GTimeZone *tz,
				     const Maintenance *const *windows, guint n_windows,
				     IntervalSet *out);

#endif
