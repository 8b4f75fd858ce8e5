/* SPDX-License-Identifier: MIT
 *
 * Fuzz target: plans.ini through plans_parse (the pre-scan, GKeyFile, every key's
 * parser).  Every problem must be one line of valid UTF-8 naming plans.ini and a line
 * of the input; the plans come back whole whatever the text (the CSV files are checked
 * against them).  When the text has no problem, each calendar is laid out over a
 * spring-forward month and must count no more open time than the month holds.
 */
#include "calendar.h"
#include "fuzz.h"
#include "plans.h"

static void
check_calendars(const Plans *plans)
{
	GTimeZone *tz = plans->provider.tz;
	Day first = day_from_ymd(2026, 3, 1), last = day_from_ymd(2026, 3, 31);

	for (guint i = 0; i < plans->calendars->len; i++) {
		const Calendar *cal = g_ptr_array_index(plans->calendars, i);
		g_autoptr(CalendarSpan) span = calendar_span_new(cal, tz, first, last);
		Interval b = calendar_span_bounds(span);
		gint64 open = calendar_span_measure(span, b.start, b.end);
		gint64 half = calendar_span_measure(span, b.start, b.start + (b.end - b.start) / 2);

		FUZZ_CHECK(b.end > b.start && open >= 0 && open <= b.end - b.start,
			   "calendar %s: %" G_GINT64_FORMAT " s open in %" G_GINT64_FORMAT, cal->name, open,
			   b.end - b.start);
		FUZZ_CHECK(half >= 0 && half <= open, "calendar %s", cal->name);
		FUZZ_CHECK(!cal->always || open == b.end - b.start, "calendar %s", cal->name);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(DiagList) diags = diag_list_new();
	g_autoptr(Plans) plans = NULL;
	guint lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	plans = plans_parse("plans.ini", (const char *)data, size, NULL, diags);
	FUZZ_CHECK(plans != NULL && plans->provider.tz != NULL && plans->provider.timezone != NULL,
		   "no plans");
	fuzz_check_diags(diags);
	for (guint i = 0; i < diag_count(diags); i++) {
		const Diag *d = diag_get(diags, i);

		FUZZ_CHECK(strcmp(d->file, "plans.ini") == 0 && d->line <= lines, "%s:%u of %u lines",
			   d->file, d->line, lines);
	}
	for (guint i = 0; i < plans->plans->len; i++) {
		const Plan *p = g_ptr_array_index(plans->plans, i);

		FUZZ_CHECK(p->id != NULL && g_utf8_validate(p->id, -1, NULL), "plan id");
	}
	if (diag_count_errors(diags) == 0)
		check_calendars(plans);
	return 0;
}
