/* SPDX-License-Identifier: MIT */
#include "calendar.h"

static GTimeZone *paris;

static void
test_fr_holidays(void)
{
	static const char *fr2026[] = {
		"2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
		"2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
	};
	int count = 0;

	for (Day d = day_from_ymd(2026, 1, 1); d <= day_from_ymd(2026, 12, 31); d++)
		count += calendar_is_public_holiday(CALENDAR_HOLIDAYS_FR, d);
	g_assert_cmpint(count, ==, 11);
	for (gsize i = 0; i < G_N_ELEMENTS(fr2026); i++) {
		int y, m, dd;

		g_assert_cmpint(sscanf(fr2026[i], "%d-%d-%d", &y, &m, &dd), ==, 3);
		g_assert_true(calendar_is_public_holiday(CALENDAR_HOLIDAYS_FR, day_from_ymd(y, m, dd)));
	}
	/* FR-57 adds Good Friday (3 April 2026) and 26 December */
	g_assert_false(calendar_is_public_holiday(CALENDAR_HOLIDAYS_FR, day_from_ymd(2026, 4, 3)));
	g_assert_true(calendar_is_public_holiday(CALENDAR_HOLIDAYS_FR57, day_from_ymd(2026, 4, 3)));
	g_assert_true(calendar_is_public_holiday(CALENDAR_HOLIDAYS_FR57, day_from_ymd(2026, 12, 26)));
	g_assert_false(calendar_is_public_holiday(CALENDAR_HOLIDAYS_NONE, day_from_ymd(2026, 1, 1)));
	/* Ascension and Whit Monday of 2038 (Easter 25 April): 3 June, 14 June */
	g_assert_true(calendar_is_public_holiday(CALENDAR_HOLIDAYS_FR, day_from_ymd(2038, 6, 3)));
	g_assert_true(calendar_is_public_holiday(CALENDAR_HOLIDAYS_FR, day_from_ymd(2038, 6, 14)));
}

static Calendar *
weekdays(int from_h, int to_h)
{
	Calendar *cal = g_new0(Calendar, 1);

	cal->name = g_strdup("5x10");
	cal->n_ranges = 5;
	cal->ranges = g_new0(CalendarRange, 5);
	for (guint i = 0; i < 5; i++)
		cal->ranges[i] = (CalendarRange){ (guint8)i, from_h * 3600, to_h * 3600 };
	cal->holidays = CALENDAR_HOLIDAYS_FR;
	return cal;
}

static void
test_extra_holidays(void)
{
	g_autoptr(Calendar) cal = weekdays(8, 18);

	cal->extra_holidays = g_new(Day, 1);
	cal->extra_holidays[0] = day_from_ymd(2026, 6, 9);
	cal->n_extra_holidays = 1;
	g_assert_true(calendar_is_holiday(cal, day_from_ymd(2026, 6, 9)));
	g_assert_true(calendar_is_holiday(cal, day_from_ymd(2026, 7, 14)));
	g_assert_false(calendar_is_holiday(cal, day_from_ymd(2026, 6, 10)));
}

static void
test_span_measure(void)
{
	g_autoptr(Calendar) cal = weekdays(8, 18);
	g_autoptr(CalendarSpan) span = calendar_span_new(cal, paris, day_from_ymd(2026, 5, 1),
							 day_from_ymd(2026, 5, 31));
	gint64 start = zone_day_start(paris, day_from_ymd(2026, 5, 1));
	gint64 end = zone_day_start(paris, day_from_ymd(2026, 6, 1));

	/* 21 weekdays − 4 holidays */
	g_assert_cmpint(calendar_span_measure(span, start, end), ==, 17 * 36000);
	/* Monday 4 May 07:00 → 09:30 local (start is local midnight of 1 May) */
	g_assert_cmpint(calendar_span_measure(span, start + 3 * 86400 + 7 * 3600,
					      start + 3 * 86400 + 9 * 3600 + 1800), ==, 5400);
	g_assert_cmpint(calendar_span_measure(span, end, start), ==, 0);
}

static void
test_span_always(void)
{
	g_autoptr(Calendar) cal = calendar_new_24x7();
	g_autoptr(CalendarSpan) span = calendar_span_new(cal, paris, day_from_ymd(2026, 10, 1),
							 day_from_ymd(2026, 10, 31));
	Interval b = calendar_span_bounds(span);

	g_assert_cmpint(b.end - b.start, ==, 745 * 3600);
	g_assert_cmpint(calendar_span_measure(span, 0, 1000), ==, 1000);
}

static void
test_span_skipped_boundary(void)
{
	/* Sunday 29 March 2026 02:30–04:00: the start is in the skipped hour and moves
	 * to the end of the gap (03:00 CEST), so 1 hour counts */
	Calendar *cal = g_new0(Calendar, 1);
	g_autoptr(CalendarSpan) span = NULL;

	cal->name = g_strdup("night");
	cal->n_ranges = 1;
	cal->ranges = g_new0(CalendarRange, 1);
	cal->ranges[0] = (CalendarRange){ 6, 2 * 3600 + 1800, 4 * 3600 };
	span = calendar_span_new(cal, paris, day_from_ymd(2026, 3, 29), day_from_ymd(2026, 3, 29));
	g_assert_cmpint(calendar_span_measure(span, calendar_span_bounds(span).start,
					      calendar_span_bounds(span).end), ==, 3600);
	calendar_free(cal);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	paris = g_time_zone_new_identifier("Europe/Paris");
	g_test_add_func("/calendar/holidays/fr-and-fr57", test_fr_holidays);
	g_test_add_func("/calendar/holidays/extra", test_extra_holidays);
	g_test_add_func("/calendar/span/measure-5x10-may", test_span_measure);
	g_test_add_func("/calendar/span/24x7-october-745h", test_span_always);
	g_test_add_func("/calendar/span/boundary-in-skipped-hour", test_span_skipped_boundary);
	return g_test_run();
}
