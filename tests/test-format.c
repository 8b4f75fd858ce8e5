/* SPDX-License-Identifier: MIT */
#include "format.h"

#define NN FORMAT_NNBSP
#define NB FORMAT_NBSP

static GTimeZone *paris;

static gint64
utc(int y, int mo, int d, int h, int mi)
{
	return (gint64)day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static void
test_int(void)
{
	static const struct {
		gint64 n;
		const char *fr, *en;
	} cases[] = {
		{ 0, "0", "0" },
		{ 999, "999", "999" },
		{ 1000, "1" NN "000", "1,000" },
		{ 1234567, "1" NN "234" NN "567", "1,234,567" },
		{ -45000, "-45" NN "000", "-45,000" },
		{ G_MININT64, "-9" NN "223" NN "372" NN "036" NN "854" NN "775" NN "808",
		  "-9,223,372,036,854,775,808" },
	};
	FormatBuf b;

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_assert_cmpstr(format_int(&b, LANGUAGE_FR, cases[i].n), ==, cases[i].fr);
		g_assert_cmpstr(format_int(&b, LANGUAGE_EN, cases[i].n), ==, cases[i].en);
	}
}

static void
test_percent(void)
{
	static const struct {
		gint32 milli;
		const char *fr, *en, *fr_short, *en_short;
	} cases[] = {
		{ 99912, "99,912" NN "%", "99.912%", "99,912" NN "%", "99.912%" },
		{ 99500, "99,500" NN "%", "99.500%", "99,5" NN "%", "99.5%" },
		{ 100000, "100,000" NN "%", "100.000%", "100" NN "%", "100%" },
		{ 0, "0,000" NN "%", "0.000%", "0" NN "%", "0%" },
		{ 2500, "2,500" NN "%", "2.500%", "2,5" NN "%", "2.5%" },
		{ 5, "0,005" NN "%", "0.005%", "0,005" NN "%", "0.005%" },
		{ -10000, "-10,000" NN "%", "-10.000%", "-10" NN "%", "-10%" },
		{ 1000000, "1" NN "000,000" NN "%", "1,000.000%", "1" NN "000" NN "%", "1,000%" },
	};
	FormatBuf b;

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_assert_cmpstr(format_percent(&b, LANGUAGE_FR, cases[i].milli), ==, cases[i].fr);
		g_assert_cmpstr(format_percent(&b, LANGUAGE_EN, cases[i].milli), ==, cases[i].en);
		g_assert_cmpstr(format_percent_short(&b, LANGUAGE_FR, cases[i].milli), ==,
				cases[i].fr_short);
		g_assert_cmpstr(format_percent_short(&b, LANGUAGE_EN, cases[i].milli), ==,
				cases[i].en_short);
	}
}

static void
test_money(void)
{
	static const struct {
		gint64 cents;
		const char *currency, *fr, *en;
	} cases[] = {
		{ 123450, "EUR", "1" NN "234,50" NB "€", "€1,234.50" },
		{ 28000, "EUR", "280,00" NB "€", "€280.00" },
		{ 5, "EUR", "0,05" NB "€", "€0.05" },
		{ 0, "EUR", "0,00" NB "€", "€0.00" },
		{ -1200, "EUR", "-12,00" NB "€", "-€12.00" },
		{ 99999999999, "EUR", "999" NN "999" NN "999,99" NB "€", "€999,999,999.99" },
		{ 123450, "CHF", "1" NN "234,50" NB "CHF", "CHF 1,234.50" },
		{ 123450, NULL, "1" NN "234,50" NB "€", "€1,234.50" },
	};
	FormatBuf b;

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_assert_cmpstr(format_money(&b, LANGUAGE_FR, cases[i].cents, cases[i].currency),
				==, cases[i].fr);
		g_assert_cmpstr(format_money(&b, LANGUAGE_EN, cases[i].cents, cases[i].currency),
				==, cases[i].en);
	}
}

static void
test_duration(void)
{
	static const struct {
		gint64 seconds;
		const char *fr, *en;
	} cases[] = {
		{ 0, "0" NB "s", "0s" },
		{ 59, "59" NB "s", "59s" },
		{ 2581, "43" NB "min 1" NB "s", "43m 1s" },
		{ 2592, "43" NB "min 12" NB "s", "43m 12s" },
		{ 12900, "3" NB "h 35" NB "min", "3h 35m" },
		{ 14400, "4" NB "h", "4h" },
		{ 3601, "1" NB "h 1" NB "s", "1h 1s" },
		{ 2592000, "720" NB "h", "720h" },
		{ 3600 * 1500, "1" NN "500" NB "h", "1,500h" },
		{ -90, "-1" NB "min 30" NB "s", "-1m 30s" },
	};
	FormatBuf b;

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_assert_cmpstr(format_duration(&b, LANGUAGE_FR, cases[i].seconds), ==, cases[i].fr);
		g_assert_cmpstr(format_duration(&b, LANGUAGE_EN, cases[i].seconds), ==, cases[i].en);
	}
}

static void
test_date(void)
{
	static const struct {
		int y, m, d;
		const char *fr, *en;
	} cases[] = {
		{ 2026, 10, 3, "3 octobre 2026", "3 October 2026" },
		{ 2026, 11, 1, "1er novembre 2026", "1 November 2026" },
		{ 2026, 2, 28, "28 février 2026", "28 February 2026" },
		{ 2026, 8, 15, "15 août 2026", "15 August 2026" },
		{ 2025, 12, 31, "31 décembre 2025", "31 December 2025" },
	};
	FormatBuf b;

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		Day d = day_from_ymd(cases[i].y, cases[i].m, cases[i].d);

		g_assert_cmpstr(format_date(&b, LANGUAGE_FR, d), ==, cases[i].fr);
		g_assert_cmpstr(format_date(&b, LANGUAGE_EN, d), ==, cases[i].en);
	}
}

static void
test_date_range(void)
{
	static const struct {
		int y0, m0, d0, y1, m1, d1;
		const char *fr_start, *en_start, *fr_end;
	} cases[] = {
		{ 2026, 6, 1, 2026, 6, 30, "1er", "1", "30 juin 2026" },
		{ 2026, 5, 3, 2026, 6, 30, "3 mai", "3 May", "30 juin 2026" },
		{ 2025, 12, 15, 2026, 1, 14, "15 décembre 2025", "15 December 2025", "14 janvier 2026" },
		{ 2026, 6, 30, 2026, 6, 30, "30", "30", "30 juin 2026" },
	};
	FormatBuf a, b;

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		Day first = day_from_ymd(cases[i].y0, cases[i].m0, cases[i].d0);
		Day last = day_from_ymd(cases[i].y1, cases[i].m1, cases[i].d1);

		format_date_range(&a, &b, LANGUAGE_FR, first, last);
		g_assert_cmpstr(a.s, ==, cases[i].fr_start);
		g_assert_cmpstr(b.s, ==, cases[i].fr_end);
		format_date_range(&a, &b, LANGUAGE_EN, first, last);
		g_assert_cmpstr(a.s, ==, cases[i].en_start);
	}
}

static void
test_datetime_in_zone(void)
{
	FormatBuf b;

	/* 22:30 UTC on 31 October is already 1 November in Paris (UTC+1 after 25 Oct) */
	g_assert_cmpstr(format_date_at(&b, LANGUAGE_FR, paris, utc(2026, 10, 31, 23, 30)), ==,
			"1er novembre 2026");
	g_assert_cmpstr(format_datetime(&b, LANGUAGE_FR, paris, utc(2026, 6, 3, 8, 5)), ==,
			"3 juin 2026 10:05");
	g_assert_cmpstr(format_datetime(&b, LANGUAGE_EN, paris, utc(2026, 1, 15, 13, 0)), ==,
			"15 January 2026 14:00");
	g_assert_cmpstr(format_datetime_short(&b, LANGUAGE_FR, paris, utc(2026, 10, 3, 12, 5),
					      2026), ==, "3 oct. 14:05");
	g_assert_cmpstr(format_datetime_short(&b, LANGUAGE_EN, paris, utc(2026, 10, 3, 12, 5),
					      2026), ==, "3 Oct 14:05");
	g_assert_cmpstr(format_datetime_short(&b, LANGUAGE_FR, paris, utc(2025, 12, 28, 8, 0),
					      2026), ==, "28 déc. 2025 09:00");
	/* the repeated hour of 25 October 2026: 00:30 and 01:30 UTC both read 02:30 */
	g_assert_cmpstr(format_datetime_short(&b, LANGUAGE_EN, paris, utc(2026, 10, 25, 1, 30),
					      2026), ==, "25 Oct 02:30");
}

static void
test_month(void)
{
	FormatBuf b;

	g_assert_cmpstr(format_month(&b, LANGUAGE_FR, 2026, 10), ==, "octobre 2026");
	g_assert_cmpstr(format_month(&b, LANGUAGE_EN, 2026, 10), ==, "October 2026");
	g_assert_cmpstr(format_month(&b, LANGUAGE_FR, 2026, 2), ==, "février 2026");
}

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	paris = g_time_zone_new_identifier("Europe/Paris");
	g_assert_nonnull(paris);

	g_test_add_func("/format/int/grouping", test_int);
	g_test_add_func("/format/percent/three-decimals-and-short", test_percent);
	g_test_add_func("/format/money/symbol-and-separators", test_money);
	g_test_add_func("/format/duration/parts", test_duration);
	g_test_add_func("/format/date/civil-day", test_date);
	g_test_add_func("/format/date/range-shortens-start", test_date_range);
	g_test_add_func("/format/date/provider-zone", test_datetime_in_zone);
	g_test_add_func("/format/month/name", test_month);

	rc = g_test_run();
	g_time_zone_unref(paris);
	return rc;
}
