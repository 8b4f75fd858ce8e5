/* SPDX-License-Identifier: MIT
 *
 * Calendars: the hours in which a clock runs (plans.md "[calendar NAME]").
 *
 * A Calendar is the definition read from plans.ini: weekly wall-clock ranges,
 * holidays.  A CalendarSpan is that calendar laid out as UTC intervals over a stretch
 * of days in the provider's zone, with running totals, so that "time inside the
 * calendar between two instants" is two binary searches however long the span.
 * Spans are built once per run and shared read-only between threads.
 */
#ifndef SLAREPORT_CALENDAR_H
#define SLAREPORT_CALENDAR_H

#include <glib.h>

#include "interval.h"
#include "zone.h"

typedef enum {
	CALENDAR_HOLIDAYS_NONE,
	CALENDAR_HOLIDAYS_FR,   /* French public holidays */
	CALENDAR_HOLIDAYS_FR57, /* FR plus Good Friday and 26 December (Alsace-Moselle) */
} CalendarHolidays;

/* One wall-clock range of a weekday, in seconds from local midnight, start < end,
 * end at most 86400 (24:00). */
typedef struct {
	guint8 weekday; /* 0 = Monday … 6 = Sunday */
	gint32 start;
	gint32 end;
} CalendarRange;

typedef struct {
	char *name;
	CalendarRange *ranges; /* sorted by weekday then start; may overlap */
	guint n_ranges;
	CalendarHolidays holidays;
	Day *extra_holidays;
	guint n_extra_holidays;
	gboolean always; /* 24x7: every second counts, no holiday */
	guint line;      /* line of its group in plans.ini, 0 when predefined */
} Calendar;

/* The predefined `24x7` calendar (transfer full). */
Calendar *calendar_new_24x7(void);
/* Frees a calendar and what it owns. */
void calendar_free(Calendar *cal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Calendar, calendar_free)

/* TRUE when @d is a public holiday of the @kind set (not counting extra holidays). */
gboolean calendar_is_public_holiday(CalendarHolidays kind, Day d);
/* TRUE when @d is closed all day in @cal: a public or an extra holiday. */
gboolean calendar_is_holiday(const Calendar *cal, Day d);

/* ---- Spans ---------------------------------------------------------------------- */

typedef struct _CalendarSpan CalendarSpan;

/*
 * Lays @cal out over the local days [@first, @last] of @tz (transfer full).  Boundaries
 * inside a skipped hour move to the end of the gap; inside a repeated hour they are
 * the first occurrence (decisions.md 38).
 */
CalendarSpan *calendar_span_new(const Calendar *cal, GTimeZone *tz, Day first, Day last);
void calendar_span_free(CalendarSpan *span);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CalendarSpan, calendar_span_free)

/* The calendar the span was built from. */
const Calendar *calendar_span_calendar(const CalendarSpan *span);
/* [from, to) of the instants the span covers. */
Interval calendar_span_bounds(const CalendarSpan *span);
/* Seconds of [a, b) inside the calendar; the part of [a, b) outside the span's
 * bounds counts as open time for a 24x7 calendar and as closed otherwise, so build
 * spans wide enough (callers do). */
gint64 calendar_span_measure(const CalendarSpan *span, gint64 a, gint64 b);
/* The open intervals of the span inside @within, appended to @out. */
void calendar_span_clip(const CalendarSpan *span, Interval within, IntervalSet *out);

#endif
