/* SPDX-License-Identifier: MIT
 *
 * Calendars laid out as UTC intervals.  A span holds the open intervals of a range
 * of days and, beside them, the running total of open time before each interval;
 * measuring [a, b) is then F(b) − F(a) with F found by binary search: no
 * minute-by-minute walk, whatever the length of a ticket.  Public holidays are
 * computed for any year (Easter by the Gregorian computus).
 */
#include "calendar.h"

struct _CalendarSpan {
	const Calendar *cal;
	Interval bounds;
	IntervalSet open; /* normal */
	gint64 *before;   /* before[i] = open time before open.v[i] */
};

Calendar *
calendar_new_24x7(void)
{
	Calendar *cal = g_new0(Calendar, 1);

	cal->name = g_strdup("24x7");
	cal->always = TRUE;
	return cal;
}

void
calendar_free(Calendar *cal)
{
	if (cal == NULL)
		return;
	g_free(cal->name);
	g_free(cal->ranges);
	g_free(cal->extra_holidays);
	g_free(cal);
}

gboolean
calendar_is_public_holiday(CalendarHolidays kind, Day d)
{
	int y, m, dd;
	Day easter;

	if (kind == CALENDAR_HOLIDAYS_NONE)
		return FALSE;
	day_to_ymd(d, &y, &m, &dd);
	switch (m * 100 + dd) {
	case 101:  /* Jour de l'an */
	case 501:  /* Fête du travail */
	case 508:  /* Victoire 1945 */
	case 714:  /* Fête nationale */
	case 815:  /* Assomption */
	case 1101: /* Toussaint */
	case 1111: /* Armistice */
	case 1225: /* Noël */
		return TRUE;
	case 1226: /* Saint-Étienne, Alsace-Moselle only */
		return kind == CALENDAR_HOLIDAYS_FR57;
	default:
		break;
	}
	easter = day_easter(y);
	if (d == easter + 1 || d == easter + 39 || d == easter + 50)
		return TRUE; /* Easter Monday, Ascension, Whit Monday */
	return kind == CALENDAR_HOLIDAYS_FR57 && d == easter - 2; /* Good Friday */
}

gboolean
calendar_is_holiday(const Calendar *cal, Day d)
{
	if (calendar_is_public_holiday(cal->holidays, d))
		return TRUE;
	for (guint i = 0; i < cal->n_extra_holidays; i++)
		if (cal->extra_holidays[i] == d)
			return TRUE;
	return FALSE;
}

static gint64
local_instant(GTimeZone *tz, Day d, gint64 secs)
{
	gint64 t;

	if (secs >= 86400) {
		d += (Day)(secs / 86400);
		secs %= 86400;
	}
	zone_resolve_local(tz, d, secs, &t);
	return t;
}

CalendarSpan *
calendar_span_new(const Calendar *cal, GTimeZone *tz, Day first, Day last)
{
	CalendarSpan *span = g_new0(CalendarSpan, 1);
	gint64 total = 0;

	g_return_val_if_fail(first <= last, span);
	span->cal = cal;
	span->bounds.start = zone_day_start(tz, first);
	span->bounds.end = zone_day_start(tz, last + 1);
	interval_set_init(&span->open);
	if (cal->always) {
		interval_set_add(&span->open, span->bounds.start, span->bounds.end);
	} else {
		for (Day d = first; d <= last; d++) {
			int wd = day_weekday(d);

			if (calendar_is_holiday(cal, d))
				continue;
			for (guint i = 0; i < cal->n_ranges; i++) {
				const CalendarRange *r = &cal->ranges[i];

				if (r->weekday != wd)
					continue;
				interval_set_add(&span->open, local_instant(tz, d, r->start),
						 local_instant(tz, d, r->end));
			}
		}
		interval_set_normalize(&span->open);
	}
	span->before = g_new(gint64, span->open.n + 1);
	for (guint i = 0; i < span->open.n; i++) {
		span->before[i] = total;
		total += interval_length(span->open.v[i]);
	}
	span->before[span->open.n] = total;
	return span;
}

void
calendar_span_free(CalendarSpan *span)
{
	if (span == NULL)
		return;
	interval_set_clear(&span->open);
	g_free(span->before);
	g_free(span);
}

const Calendar *
calendar_span_calendar(const CalendarSpan *span)
{
	return span->cal;
}

Interval
calendar_span_bounds(const CalendarSpan *span)
{
	return span->bounds;
}

/* Open time of the span before instant @t. */
static gint64
open_before(const CalendarSpan *span, gint64 t)
{
	const IntervalSet *s = &span->open;
	guint lo = 0, hi = s->n;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;

		if (s->v[mid].end <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n && t > s->v[lo].start)
		return span->before[lo] + (t - s->v[lo].start);
	return span->before[lo];
}

gint64
calendar_span_measure(const CalendarSpan *span, gint64 a, gint64 b)
{
	if (b <= a)
		return 0;
	if (span->cal->always)
		return b - a;
	return open_before(span, b) - open_before(span, a);
}

void
calendar_span_clip(const CalendarSpan *span, Interval within, IntervalSet *out)
{
	if (span->cal->always) {
		interval_set_add(out, within.start, within.end);
		return;
	}
	for (guint i = 0; i < span->open.n; i++) {
		Interval r = interval_intersect(span->open.v[i], within);

		if (r.end > r.start)
			interval_set_add(out, r.start, r.end);
	}
}
