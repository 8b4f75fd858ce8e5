/* SPDX-License-Identifier: MIT */
#include "zone.h"

static GTimeZone *paris;

static gint64
utc(int y, int mo, int d, int h, int mi)
{
	return (gint64)day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static void
test_day_roundtrip(void)
{
	static const struct { int y, m, d; Day expected; } cases[] = {
		{ 1970, 1, 1, 0 }, { 1969, 12, 31, -1 }, { 2000, 2, 29, 11016 },
		{ 2026, 10, 25, 20751 }, { 1, 1, 1, -719162 }, { 9999, 12, 31, 2932896 },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		int y, m, d;

		g_assert_cmpint(day_from_ymd(cases[i].y, cases[i].m, cases[i].d), ==, cases[i].expected);
		day_to_ymd(cases[i].expected, &y, &m, &d);
		g_assert_cmpint(y, ==, cases[i].y);
		g_assert_cmpint(m, ==, cases[i].m);
		g_assert_cmpint(d, ==, cases[i].d);
	}
}

static void
test_day_valid(void)
{
	g_assert_true(day_is_valid(2024, 2, 29));
	g_assert_false(day_is_valid(2026, 2, 29));
	g_assert_false(day_is_valid(2026, 2, 30));
	g_assert_false(day_is_valid(2026, 13, 1));
	g_assert_false(day_is_valid(0, 1, 1));
	g_assert_true(day_is_valid(9999, 12, 31));
	g_assert_false(day_is_valid(1900, 2, 29));
	g_assert_true(day_is_valid(2000, 2, 29));
}

static void
test_day_weekday(void)
{
	g_assert_cmpint(day_weekday(day_from_ymd(1970, 1, 1)), ==, 3);    /* Thursday */
	g_assert_cmpint(day_weekday(day_from_ymd(2026, 10, 25)), ==, 6);  /* Sunday */
	g_assert_cmpint(day_weekday(day_from_ymd(1969, 12, 29)), ==, 0);  /* Monday */
}

static void
test_day_easter(void)
{
	static const struct { int y, m, d; } cases[] = {
		{ 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 }, { 2027, 3, 28 },
		{ 2038, 4, 25 }, { 2285, 3, 22 }, { 1818, 3, 22 }, { 2000, 4, 23 },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpint(day_easter(cases[i].y), ==,
				day_from_ymd(cases[i].y, cases[i].m, cases[i].d));
}

static void
test_resolve_unique(void)
{
	gint64 t;

	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 6, 3), 10 * 3600, &t), ==,
			ZONE_LOCAL_UNIQUE);
	g_assert_cmpint(t, ==, utc(2026, 6, 3, 8, 0));
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 1, 15), 0, &t), ==,
			ZONE_LOCAL_UNIQUE);
	g_assert_cmpint(t, ==, utc(2026, 1, 14, 23, 0));
}

static void
test_resolve_repeated(void)
{
	gint64 t;

	/* 2026-10-25 02:30 happens at 00:30Z (CEST) and 01:30Z (CET) */
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 10, 25), 2 * 3600 + 1800, &t),
			==, ZONE_LOCAL_REPEATED);
	g_assert_cmpint(t, ==, utc(2026, 10, 25, 0, 30));
	/* 03:00 is after the repeated hour */
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 10, 25), 3 * 3600, &t), ==,
			ZONE_LOCAL_UNIQUE);
	g_assert_cmpint(t, ==, utc(2026, 10, 25, 2, 0));
	/* 02:00 itself is repeated */
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 10, 25), 2 * 3600, &t), ==,
			ZONE_LOCAL_REPEATED);
	g_assert_cmpint(t, ==, utc(2026, 10, 25, 0, 0));
}

static void
test_resolve_skipped(void)
{
	gint64 t;

	/* 2026-03-29 02:30 does not exist in Paris; the gap ends at 01:00Z (03:00 CEST) */
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 3, 29), 2 * 3600 + 1800, &t),
			==, ZONE_LOCAL_SKIPPED);
	g_assert_cmpint(t, ==, utc(2026, 3, 29, 1, 0));
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 3, 29), 2 * 3600, &t), ==,
			ZONE_LOCAL_SKIPPED);
	g_assert_cmpint(t, ==, utc(2026, 3, 29, 1, 0));
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 3, 29), 3 * 3600, &t), ==,
			ZONE_LOCAL_UNIQUE);
	g_assert_cmpint(t, ==, utc(2026, 3, 29, 1, 0));
	g_assert_cmpint(zone_resolve_local(paris, day_from_ymd(2026, 3, 29), 2 * 3600 - 1, &t), ==,
			ZONE_LOCAL_UNIQUE);
	g_assert_cmpint(t, ==, utc(2026, 3, 29, 1, 0) - 1);
}

static void
test_month_lengths(void)
{
	gint64 mar = zone_day_start(paris, day_from_ymd(2026, 3, 1));
	gint64 apr = zone_day_start(paris, day_from_ymd(2026, 4, 1));
	gint64 oct = zone_day_start(paris, day_from_ymd(2026, 10, 1));
	gint64 nov = zone_day_start(paris, day_from_ymd(2026, 11, 1));

	g_assert_cmpint(apr - mar, ==, 743 * 3600);
	g_assert_cmpint(nov - oct, ==, 745 * 3600);
}

static void
test_day_of(void)
{
	gint64 secs;

	g_assert_cmpint(zone_day_of(paris, utc(2026, 6, 30, 22, 30), &secs), ==,
			day_from_ymd(2026, 7, 1));
	g_assert_cmpint(secs, ==, 1800);
	g_assert_cmpint(zone_day_of(paris, utc(2026, 6, 30, 21, 59), &secs), ==,
			day_from_ymd(2026, 6, 30));
	g_assert_cmpint(secs, ==, 23 * 3600 + 59 * 60);
}

static void
test_format_utc(void)
{
	char buf[21];

	zone_format_utc(utc(2026, 6, 3, 8, 0) + 7, buf);
	g_assert_cmpstr(buf, ==, "2026-06-03T08:00:07Z");
	zone_format_utc(-1, buf);
	g_assert_cmpstr(buf, ==, "1969-12-31T23:59:59Z");
}

/* Written by hand, it reads as g_snprintf's "%04d-%02d-%02dT%02d:%02d:%02dZ" in 21
 * bytes, from year 1 to 9999 and beyond. */
static void
test_format_utc_as_printf(void)
{
	GRand *rand = g_rand_new_with_seed(5);
	const gint64 first = (gint64)day_from_ymd(1, 1, 1) * 86400;
	const gint64 last = (gint64)day_from_ymd(9999, 12, 31) * 86400 + 86399;

	for (int i = 0; i < 100000; i++) {
		gint64 t = i < 4 ? (gint64[]){ first, last, first - 1, last + 1 }[i] :
			   first + (gint64)(g_rand_double(rand) * (double)(last - first));
		gint64 day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
		gint64 secs = t - day * 86400;
		char buf[21], expected[21];
		int y, m, d;

		day_to_ymd((Day)day, &y, &m, &d);
		g_snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
			   (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
		zone_format_utc(t, buf);
		g_assert_cmpstr(buf, ==, expected);
	}
	g_rand_free(rand);
}

static void
test_far_future_dst(void)
{
	/* the zone's rules beyond its last listed transition still apply */
	gint64 jul = zone_day_start(paris, day_from_ymd(2060, 7, 1));

	g_assert_cmpint(zone_offset_at(paris, jul), ==, 7200);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	paris = g_time_zone_new_identifier("Europe/Paris");
	g_assert_nonnull(paris);
	g_test_add_func("/zone/day/roundtrip", test_day_roundtrip);
	g_test_add_func("/zone/day/valid", test_day_valid);
	g_test_add_func("/zone/day/weekday", test_day_weekday);
	g_test_add_func("/zone/day/easter", test_day_easter);
	g_test_add_func("/zone/resolve/unique", test_resolve_unique);
	g_test_add_func("/zone/resolve/repeated-hour-first-occurrence", test_resolve_repeated);
	g_test_add_func("/zone/resolve/skipped-hour-end-of-gap", test_resolve_skipped);
	g_test_add_func("/zone/month/march-743h-october-745h", test_month_lengths);
	g_test_add_func("/zone/day-of/local-day", test_day_of);
	g_test_add_func("/zone/format/utc", test_format_utc);
	g_test_add_func("/zone/format/utc-as-printf", test_format_utc_as_printf);
	g_test_add_func("/zone/offset/far-future-dst", test_far_future_dst);
	return g_test_run();
}
