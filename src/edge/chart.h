/* SPDX-License-Identifier: MIT
 *
 * The picture of a service's month: one column per local day, the day's 24 hours
 * running down it, coloured where the service was down, in planned maintenance,
 * interrupted by the customer, or not under contract.  A 20-minute outage is a 14 pt
 * wide mark, where one bar across the month would give it half a point.  Shapes are
 * built with cairo and replayed into the PDF as vector paths (never a raster image),
 * so they stay sharp at any zoom and cost almost nothing.  Text (day numbers, hours)
 * is PDF text.
 */
#ifndef SLAREPORT_CHART_H
#define SLAREPORT_CHART_H

#include <glib.h>

#include "interval.h"
#include "pdf.h"
#include "zone.h"

typedef struct {
	Interval month;              /* the whole month, UTC */
	Interval period;             /* the service's part of it */
	const IntervalSet *downtime; /* normal sets inside period */
	const IntervalSet *planned;
	const IntervalSet *customer;
	const gint64 *midnights;     /* the first instant of each local day of the month,
				      * then month.end: n_days + 1 instants */
	guint n_days;
	Day first_day;               /* the month's first local day (for weekends) */
} ChartMonth;

/* The midnights chart_timeline needs for @month in @tz (transfer full: n_days + 1
 * instants, *n_days set).  The same for every service of a month: make it once. */
gint64 *chart_midnights(Interval month, GTimeZone *tz, guint *n_days);

typedef enum {
	CHART_DOWNTIME,
	CHART_PLANNED,
	CHART_CUSTOMER,
	CHART_INACTIVE,
	CHART_N_KINDS,
} ChartKind;

/* Colour of each kind, for legends drawn next to the chart. */
PdfColor chart_color(ChartKind kind);

/* Height the chart takes (the grid and the day numbers under it). */
#define CHART_HEIGHT 58.0

/* Draws @m's chart on @doc's current page in the box at (@x, @y), @width wide and
 * CHART_HEIGHT high.  Any event is drawn at least 1 pt high, so a 1-minute outage
 * still shows. */
void chart_timeline(PdfDoc *doc, const ChartMonth *m, double x, double y, double width);

#endif
