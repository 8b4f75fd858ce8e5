/* SPDX-License-Identifier: MIT */
#include "chart.h"

static GTimeZone *paris;

static Interval
month(int y, int m)
{
	int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;

	return (Interval){ zone_day_start(paris, day_from_ymd(y, m, 1)),
			   zone_day_start(paris, day_from_ymd(ny, nm, 1)) };
}

static void
test_midnights_steady(void)
{
	Interval june = month(2026, 6);
	guint n = 0;
	g_autofree gint64 *t = chart_midnights(june, paris, &n);

	g_assert_cmpuint(n, ==, 30);
	g_assert_cmpint(t[0], ==, june.start);
	g_assert_cmpint(t[30], ==, june.end);
	for (guint i = 0; i < n; i++)
		g_assert_cmpint(t[i + 1] - t[i], ==, 86400);
}

static void
test_midnights_clock_change(void)
{
	Interval october = month(2026, 10);
	guint n = 0;
	g_autofree gint64 *t = chart_midnights(october, paris, &n);

	g_assert_cmpuint(n, ==, 31);
	for (guint i = 0; i < n; i++) {
		/* 25 October 2026 has 25 hours in Paris */
		g_assert_cmpint(t[i + 1] - t[i], ==, i + 1 == 25 ? 90000 : 86400);
		g_assert_cmpint(zone_day_of(paris, t[i], NULL), ==, day_from_ymd(2026, 10, (int)i + 1));
	}
}

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	paris = g_time_zone_new_identifier("Europe/Paris");

	g_test_add_func("/chart/midnights/steady-month", test_midnights_steady);
	g_test_add_func("/chart/midnights/clock-change", test_midnights_clock_change);

	rc = g_test_run();
	g_time_zone_unref(paris);
	return rc;
}
