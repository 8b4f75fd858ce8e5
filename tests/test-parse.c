/* SPDX-License-Identifier: MIT */
#include "parse.h"

static GTimeZone *paris;

static gint64
utc(int y, int mo, int d, int h, int mi, int s)
{
	return (gint64)day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* Asserts @error is set and its message is @expected (or starts with @expected when
 * it ends with "…"). */
static void
assert_message(GError *error, const char *input, const char *expected)
{
	if (error == NULL)
		g_error("%s: accepted, expected \"%s\"", input, expected);
	g_assert_error(error, PARSE_ERROR, error->code);
	if (g_str_has_suffix(expected, "*")) {
		g_autofree char *prefix = g_strndup(expected, strlen(expected) - 1);

		if (!g_str_has_prefix(error->message, prefix))
			g_error("%s: got \"%s\", expected \"%s\"", input, error->message, expected);
	} else {
		g_assert_cmpstr(error->message, ==, expected);
	}
}

/* The common end of a table case: TRUE when the parser accepted the value as it
 * should (the caller then compares it), FALSE after checking the expected error. */
static gboolean
accepted(gboolean ok, GError *error, const char *input, const char *expected_error)
{
	if (expected_error == NULL) {
		g_assert_no_error(error);
		g_assert_true(ok);
		return TRUE;
	}
	g_assert_false(ok);
	assert_message(error, input, expected_error);
	return FALSE;
}

/* ==== ids ======================================================================= */

static void
test_id(void)
{
	static const struct { const char *in; const char *error; } cases[] = {
		{ "C0042", NULL },
		{ "srv-paris.01", NULL },
		{ "a_b", NULL },
		{ "x", NULL },
		{ "1234567890123456789012345678901234567890123456789012345678901234", NULL },
		{ "12345678901234567890123456789012345678901234567890123456789012345",
		  "\"1234567890123456789012345678901234567890…\" is 65 characters long "
		  "(expected an id of at most 64)" },
		{ ".hidden", "\".hidden\" starts with '.' (expected an id: 1 to 64 letters, digits, "
			     "'.', '_' or '-', not starting with '.')" },
		{ "..", "\"..\" starts with '.' (*" },
		{ "a/b", "\"a/b\" holds '/' (expected an id: *" },
		{ "a b", "\"a b\" holds a space (*" },
		{ "Dupré", "\"Dupré\" holds 'é' (*" },
		{ "a\tb", "\"a\\tb\" holds byte 0x09 (*" },
		{ "a\xE9", "\"a\\xE9\" holds byte 0xE9 (*" },
		{ "*", "\"*\" holds '*' (*" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gboolean ok = parse_id(cases[i].in, &error);

		accepted(ok, error, cases[i].in, cases[i].error);
	}
}

/* ==== dates and timestamps ====================================================== */

static void
test_date(void)
{
	static const struct { const char *in; int y, m, d; const char *error; } cases[] = {
		{ "2026-01-15", 2026, 1, 15, NULL },
		{ "2024-02-29", 2024, 2, 29, NULL },
		{ "0001-01-01", 1, 1, 1, NULL },
		{ "9999-12-31", 9999, 12, 31, NULL },
		{ "2026-02-30", 0, 0, 0, "\"2026-02-30\" has no day 30: February 2026 has 28 days "
					 "(expected a real date)" },
		{ "2026-02-29", 0, 0, 0, "\"2026-02-29\" has no day 29: *" },
		{ "2026-13-01", 0, 0, 0, "\"2026-13-01\" has no month 13 (expected a month from 01 to 12)" },
		{ "2026-00-10", 0, 0, 0, "\"2026-00-10\" has no month 00 *" },
		{ "0000-01-01", 0, 0, 0, "\"0000-01-01\" has year 0000 (expected a year from 0001 to 9999)" },
		{ "2026-1-5", 0, 0, 0, "\"2026-1-5\" is not a date (expected YYYY-MM-DD)" },
		{ "15/01/2026", 0, 0, 0, "\"15/01/2026\" is not a date (expected YYYY-MM-DD)" },
		{ "2026-01-15T10:00", 0, 0, 0, "\"2026-01-15T10:00\" has a time (expected a date alone, YYYY-MM-DD)" },
		{ "2026-01-15x", 0, 0, 0, "\"2026-01-15x\" is not a date *" },
		{ "", 0, 0, 0, "\"\" is not a date *" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		Day d = 0;
		gboolean ok = parse_date(cases[i].in, &d, &error);

		if (accepted(ok, error, cases[i].in, cases[i].error))
			g_assert_cmpint(d, ==, day_from_ymd(cases[i].y, cases[i].m, cases[i].d));
	}
}

static void
test_timestamp(void)
{
	static const struct {
		const char *in;
		gint64 expected;
		ZoneLocalKind kind;
		const char *error;
	} cases[] = {
		/* local time in Europe/Paris: CEST (+02:00) in summer, CET (+01:00) in winter */
		{ "2026-10-03T14:05", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-10-03 14:05:00+02:00", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-10-03T12:05Z", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-10-03t12:05:00z", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-10-03T07:05-05:00", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-01-15T00:00", 0, ZONE_LOCAL_UNIQUE, NULL },
		/* the repeated hour: first occurrence (CEST) */
		{ "2026-10-25T02:30", 0, ZONE_LOCAL_REPEATED, NULL },
		{ "2026-10-25T02:00:00", 0, ZONE_LOCAL_REPEATED, NULL },
		{ "2026-10-25T02:59:59", 0, ZONE_LOCAL_REPEATED, NULL },
		{ "2026-10-25T03:00", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-10-25T01:59:59", 0, ZONE_LOCAL_UNIQUE, NULL },
		/* the skipped hour */
		{ "2026-03-29T02:30", 0, 0,
		  "\"2026-03-29T02:30\" does not exist in Europe/Paris: the clocks go forward over it "
		  "(expected a time outside the skipped hour, or an explicit offset)" },
		{ "2026-03-29T02:00", 0, 0, "\"2026-03-29T02:00\" does not exist in Europe/Paris*" },
		{ "2026-03-29T02:30+01:00", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-03-29T03:00", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "2026-03-29T01:59", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "9999-12-31T23:59:59", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "0001-01-01T00:00Z", 0, ZONE_LOCAL_UNIQUE, NULL },
		{ "0000-01-01T00:00", 0, 0, "\"0000-01-01T00:00\" has year 0000 (expected a year from 0001 to 9999)" },
		{ "2026-02-30T10:00", 0, 0, "\"2026-02-30T10:00\" has no day 30: February 2026 has 28 days *" },
		{ "2026-13-01T10:00", 0, 0, "\"2026-13-01T10:00\" has no month 13 *" },
		{ "2026-10-03T24:00", 0, 0,
		  "\"2026-10-03T24:00\" has hour 24 (expected 00:00 to 23:59; midnight is 00:00 of the next day)" },
		{ "2026-10-03T10:60", 0, 0, "\"2026-10-03T10:60\" has minute 60 (expected 00 to 59)" },
		{ "2026-10-03T10:00:60", 0, 0, "\"2026-10-03T10:00:60\" has second 60 (expected 00 to 59)" },
		{ "2026-10-03T10:00:00.5", 0, 0, "\"2026-10-03T10:00:00.5\" has a fraction of a second *" },
		{ "2026-10-03T10:00+0200", 0, 0, "\"2026-10-03T10:00+0200\" has an offset that is not ±HH:MM *" },
		{ "2026-10-03T10:00+25:00", 0, 0, "\"2026-10-03T10:00+25:00\" has offset 25:00 *" },
		{ "2026-10-03T10:00 +02:00", 0, 0, "\"2026-10-03T10:00 +02:00\" is not a timestamp *" },
		{ "2026-10-03", 0, 0,
		  "\"2026-10-03\" has no time of day (expected YYYY-MM-DDTHH:MM[:SS], "
		  "optionally followed by Z or ±HH:MM)" },
		{ "2026-10-03T9:00", 0, 0, "\"2026-10-03T9:00\" is not a timestamp *" },
		{ "03/10/2026 14:05", 0, 0, "\"03/10/2026 14:05\" is not a timestamp *" },
		{ "2026-10-03T14:05CEST", 0, 0, "\"2026-10-03T14:05CEST\" is not a timestamp *" },
	};
	const gint64 values[] = {
		utc(2026, 10, 3, 12, 5, 0), utc(2026, 10, 3, 12, 5, 0), utc(2026, 10, 3, 12, 5, 0),
		utc(2026, 10, 3, 12, 5, 0), utc(2026, 10, 3, 12, 5, 0), utc(2026, 1, 14, 23, 0, 0),
		utc(2026, 10, 25, 0, 30, 0), utc(2026, 10, 25, 0, 0, 0), utc(2026, 10, 25, 0, 59, 59),
		utc(2026, 10, 25, 2, 0, 0), utc(2026, 10, 24, 23, 59, 59), 0, 0,
		utc(2026, 3, 29, 1, 30, 0), utc(2026, 3, 29, 1, 0, 0), utc(2026, 3, 29, 0, 59, 0),
		utc(9999, 12, 31, 22, 59, 59), utc(1, 1, 1, 0, 0, 0),
	};
	ParseZone zone;

	parse_zone_init(&zone, paris);
	for (int pass = 0; pass < 2; pass++) { /* the second pass runs on a warm cache */
		for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
			g_autoptr(GError) error = NULL;
			gint64 t = 0;
			ZoneLocalKind kind = 99;
			gboolean ok = parse_timestamp(cases[i].in, &zone, &t, &kind, &error);

			if (cases[i].error == NULL) {
				g_assert_no_error(error);
				g_assert_true(ok);
				g_assert_cmpint(i, <, G_N_ELEMENTS(values));
				if (t != values[i])
					g_error("%s: %" G_GINT64_FORMAT " != %" G_GINT64_FORMAT,
						cases[i].in, t, values[i]);
				g_assert_cmpint(kind, ==, cases[i].kind);
			} else {
				g_assert_false(ok);
				assert_message(error, cases[i].in, cases[i].error);
			}
		}
	}
}

static void
test_timestamp_skipped_code(void)
{
	g_autoptr(GError) error = NULL;
	ParseZone zone;
	gint64 t;
	ZoneLocalKind kind;

	parse_zone_init(&zone, paris);
	g_assert_false(parse_timestamp("2026-03-29 02:15:00", &zone, &t, &kind, &error));
	g_assert_error(error, PARSE_ERROR, PARSE_ERROR_SKIPPED);
}

/* Every quarter of an hour of a few years, through the cache and straight through
 * zone.h, in zones with one-hour, half-hour and whole-day transitions and none. */
static void
test_timestamp_cache_agrees(void)
{
	static const struct { const char *zone; int from, to; } cases[] = {
		{ "Europe/Paris", 2024, 2028 },       { "America/New_York", 2025, 2027 },
		{ "Australia/Lord_Howe", 2025, 2027 }, { "Pacific/Apia", 2011, 2012 },
		{ "Asia/Kolkata", 2026, 2027 },
	};

	for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_autoptr(GTimeZone) tz = g_time_zone_new_identifier(cases[c].zone);
		ParseZone zone;

		g_assert_nonnull(tz);
		parse_zone_init(&zone, tz);
		for (Day d = day_from_ymd(cases[c].from, 1, 1); d < day_from_ymd(cases[c].to, 1, 1); d++) {
			for (gint64 secs = 0; secs < 86400; secs += 900) {
				char buf[32];
				int y, m, dd;
				gint64 t = 0, expected = 0;
				ZoneLocalKind kind = 0;
				ZoneLocalKind ekind = zone_resolve_local(tz, d, secs, &expected);
				g_autoptr(GError) error = NULL;
				gboolean ok;

				day_to_ymd(d, &y, &m, &dd);
				g_snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", y, m, dd,
					   (int)(secs / 3600), (int)(secs / 60 % 60));
				ok = parse_timestamp(buf, &zone, &t, &kind, &error);
				if (ekind == ZONE_LOCAL_SKIPPED) {
					g_assert_false(ok);
					g_assert_error(error, PARSE_ERROR, PARSE_ERROR_SKIPPED);
					continue;
				}
				g_assert_true(ok);
				g_assert_cmpint(kind, ==, ekind);
				g_assert_cmpint(t, ==, expected);
			}
		}
	}
}

/* ==== numbers =================================================================== */

static void
test_money(void)
{
	static const struct { const char *in; gint64 cents; const char *error; } cases[] = {
		{ "1234.50", 123450, NULL },
		{ "1234,5", 123450, NULL },
		{ "99", 9900, NULL },
		{ "0", 0, NULL },
		{ "0.01", 1, NULL },
		{ "007,10", 710, NULL },
		{ "9999999999.99", G_GINT64_CONSTANT(999999999999), NULL },
		{ "0000000000000000000000000000001", 100, NULL },
		{ "10000000000", 0, "\"10000000000\" is too large (expected at most 9999999999.99)" },
		{ "1234567890123456789012345", 0, "\"1234567890123456789012345\" is too large *" },
		{ "1.234", 0, "\"1.234\" has 3 decimals (expected digits with at most 2 decimals "
			      "after '.' or ',', e.g. 1234.50)" },
		{ "-5", 0, "\"-5\" is negative *" },
		{ "+5", 0, "\"+5\" has a sign *" },
		{ "1 234,50", 0, "\"1 234,50\" has a thousands separator *" },
		{ "1,234.50", 0, "\"1,234.50\" has a thousands separator *" },
		{ "1.234.567", 0, "\"1.234.567\" has a thousands separator *" },
		{ "12.", 0, "\"12.\" has no digit after the decimal separator *" },
		{ ".5", 0, "\".5\" is not an amount *" },
		{ "12 €", 0, "\"12 €\" is not an amount *" },
		{ "1e3", 0, "\"1e3\" is not an amount *" },
		{ "abc", 0, "\"abc\" is not an amount *" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gint64 cents = -1;
		gboolean ok = parse_money(cases[i].in, &cents, &error);

		if (accepted(ok, error, cases[i].in, cases[i].error))
			g_assert_cmpint(cents, ==, cases[i].cents);
	}
}

static void
test_minutes_and_count(void)
{
	static const struct { const char *in; gint64 v; const char *error; } cases[] = {
		{ "45", 45, NULL },
		{ "0", 0, NULL },
		{ "999999999", 999999999, NULL },
		{ "1000000000", 0, "\"1000000000\" is too large (expected a whole number of minutes "
				   "from 0 to 999999999)" },
		{ "18446744073709551617", 0, "\"18446744073709551617\" is too large *" },
		{ "999999999999999999999999999999999999999999999", 0, "\"9999999999999999999999999999999999999999…\" is too large *" },
		{ "-1", 0, "\"-1\" is negative *" },
		{ "1.5", 0, "\"1.5\" is not a whole number *" },
		{ "1h", 0, "\"1h\" is not a number *" },
		{ "x", 0, "\"x\" is not a number *" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gint64 v = -1;
		gboolean ok = parse_minutes(cases[i].in, &v, &error);

		if (accepted(ok, error, cases[i].in, cases[i].error))
			g_assert_cmpint(v, ==, cases[i].v);
	}
	{
		g_autoptr(GError) error = NULL;
		gint64 v;

		g_assert_false(parse_count("12a", &v, &error));
		g_assert_cmpstr(error->message, ==,
				"\"12a\" is not a number (expected a whole number of units from 0 to 999999999)");
	}
}

static void
test_percent(void)
{
	static const struct { const char *in; gint32 milli; const char *error; } cases[] = {
		{ "99.9", 99900, NULL },
		{ "99.95", 99950, NULL },
		{ "2.5", 2500, NULL },
		{ "0", 0, NULL },
		{ "100", 100000, NULL },
		{ "1000", 1000000, NULL },
		{ "12.345", 12345, NULL },
		{ "1000.001", 0, "\"1000.001\" is more than 1000 (expected a percent from 0 to 1000 with "
				 "at most 3 decimals after '.', e.g. 99.95)" },
		{ "1001", 0, "\"1001\" is more than 1000 *" },
		{ "1e308", 0, "\"1e308\" is not a percent *" },
		{ "99999999999999999999999", 0, "\"99999999999999999999999\" is more than 1000 *" },
		{ "12.3456", 0, "\"12.3456\" has 4 decimals *" },
		{ "2,5", 0, "\"2,5\" has a decimal comma *" },
		{ "-1", 0, "\"-1\" is negative *" },
		{ "99.9%", 0, "\"99.9%\" has a '%' sign *" },
		{ ".5", 0, "\".5\" is not a percent *" },
		{ "5.", 0, "\"5.\" is not a percent *" },
		{ "nan", 0, "\"nan\" is not a percent *" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gint32 v = -1;
		gboolean ok = parse_percent(cases[i].in, &v, &error);

		if (accepted(ok, error, cases[i].in, cases[i].error))
			g_assert_cmpint(v, ==, cases[i].milli);
	}
}

static void
test_duration(void)
{
	static const struct {
		const char *in;
		gint64 seconds;
		gboolean days;
		const char *error;
	} cases[] = {
		{ "45m", 45 * 60, FALSE, NULL },
		{ "4h", 4 * 3600, FALSE, NULL },
		{ "1h30m", 5400, FALSE, NULL },
		{ "8d", 8 * 86400, TRUE, NULL },
		{ "1d12h", 36 * 3600, FALSE, NULL },
		{ "1d12h30m", 36 * 3600 + 1800, FALSE, NULL },
		{ "90", 5400, FALSE, NULL },
		{ "0", 0, FALSE, NULL },
		{ "0d", 0, TRUE, NULL },
		{ "4H", 4 * 3600, FALSE, NULL },
		{ "999999999m", G_GINT64_CONSTANT(999999999) * 60, FALSE, NULL },
		{ "694444d", G_GINT64_CONSTANT(694444) * 86400, TRUE, NULL },
		{ "694445d", 0, FALSE, "\"694445d\" is too long (expected at most 999999999 minutes)" },
		{ "99999999999999999999999h", 0, FALSE, "\"99999999999999999999999h\" is too long *" },
		{ "694444d23h59m", 0, FALSE, "\"694444d23h59m\" is too long *" },
		{ "30m1h", 0, FALSE, "\"30m1h\" has its units out of order (expected d, then h, then m, each once)" },
		{ "1h1h", 0, FALSE, "\"1h1h\" has its units out of order *" },
		{ "1h30", 0, FALSE, "\"1h30\" is not a duration (expected a duration such as 45m, 4h, 1h30m, "
				    "8d, 1d12h or a number of minutes)" },
		{ "4 h", 0, FALSE, "\"4 h\" is not a duration *" },
		{ "1w", 0, FALSE, "\"1w\" is not a duration *" },
		{ "h", 0, FALSE, "\"h\" is not a duration *" },
		{ "-4h", 0, FALSE, "\"-4h\" is negative *" },
		{ "1.5h", 0, FALSE, "\"1.5h\" is not a duration *" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gint64 v = -1;
		gboolean days = 99;
		gboolean ok = parse_duration(cases[i].in, &v, &days, &error);

		if (accepted(ok, error, cases[i].in, cases[i].error)) {
			g_assert_cmpint(v, ==, cases[i].seconds);
			g_assert_cmpint(days, ==, cases[i].days);
		}
	}
}

static void
test_clock_range(void)
{
	static const struct { const char *in; gint32 start, end; const char *error; } cases[] = {
		{ "08:00-18:00", 8 * 3600, 18 * 3600, NULL },
		{ "8:00-18:00", 8 * 3600, 18 * 3600, NULL },
		{ "00:00-24:00", 0, 86400, NULL },
		{ " 09:30 - 12:15 ", 9 * 3600 + 1800, 12 * 3600 + 900, NULL },
		{ "18:00-08:00", 0, 0, "\"18:00-08:00\" ends before it starts (expected the end after the "
				       "start, within one day: split a range over midnight in two)" },
		{ "10:00-10:00", 0, 0, "\"10:00-10:00\" ends before it starts *" },
		{ "24:00-24:00", 0, 0, "\"24:00-24:00\" has a time that does not exist *" },
		{ "08:00-24:30", 0, 0, "\"08:00-24:30\" has a time that does not exist *" },
		{ "08:60-09:00", 0, 0, "\"08:60-09:00\" has a time that does not exist *" },
		{ "08:00", 0, 0, "\"08:00\" is not a time range (expected HH:MM-HH:MM, e.g. 08:00-18:00, "
				 "with 24:00 allowed as an end)" },
		{ "8h-18h", 0, 0, "\"8h-18h\" is not a time range *" },
		{ "008:00-09:00", 0, 0, "\"008:00-09:00\" is not a time range *" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gint32 a = -1, b = -1;
		gboolean ok = parse_clock_range(cases[i].in, &a, &b, &error);

		if (accepted(ok, error, cases[i].in, cases[i].error)) {
			g_assert_cmpint(a, ==, cases[i].start);
			g_assert_cmpint(b, ==, cases[i].end);
		}
	}
}

/* ==== words ===================================================================== */

static void
test_bool(void)
{
	static const struct { const char *in; gboolean v; gboolean ok; } cases[] = {
		{ "yes", TRUE, TRUE }, { "YES", TRUE, TRUE }, { "true", TRUE, TRUE },
		{ "1", TRUE, TRUE }, { "oui", TRUE, TRUE }, { "Oui", TRUE, TRUE },
		{ "no", FALSE, TRUE }, { "False", FALSE, TRUE }, { "0", FALSE, TRUE },
		{ "non", FALSE, TRUE }, { "NON", FALSE, TRUE },
		{ "y", FALSE, FALSE }, { "2", FALSE, FALSE }, { "vrai", FALSE, FALSE },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gboolean v = 99;
		gboolean ok = parse_bool(cases[i].in, &v, &error);

		g_assert_cmpint(ok, ==, cases[i].ok);
		if (ok)
			g_assert_cmpint(v, ==, cases[i].v);
		else
			assert_message(error, cases[i].in, "*");
	}
	{
		g_autoptr(GError) error = NULL;
		gboolean v;

		g_assert_false(parse_bool("peut-être", &v, &error));
		g_assert_cmpstr(error->message, ==, "\"peut-être\" is not a yes/no value "
				"(expected yes/no, true/false, 1/0 or oui/non)");
	}
}

static void
test_enum(void)
{
	static const char *const types[] = { "incident", "request", "change", NULL };
	static const char *const two[] = { "fr", "en", NULL };
	g_autoptr(GError) error = NULL;
	int v = -1;

	g_assert_true(parse_enum("Request", types, &v, NULL));
	g_assert_cmpint(v, ==, 1);
	g_assert_true(parse_enum("CHANGE", types, &v, NULL));
	g_assert_cmpint(v, ==, 2);
	g_assert_false(parse_enum("incidents", types, &v, &error));
	g_assert_cmpstr(error->message, ==,
			"\"incidents\" is not a known value (expected incident, request or change)");
	g_clear_error(&error);
	g_assert_false(parse_enum("de", two, &v, &error));
	g_assert_cmpstr(error->message, ==, "\"de\" is not a known value (expected fr or en)");
}

static void
test_list(void)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) items = parse_list(" S1, S2 ,S3", &error);

	g_assert_no_error(error);
	g_assert_cmpuint(g_strv_length(items), ==, 3);
	g_assert_cmpstr(items[0], ==, "S1");
	g_assert_cmpstr(items[1], ==, "S2");
	g_assert_cmpstr(items[2], ==, "S3");
	g_assert_null(parse_list("S1,,S2", &error));
	g_assert_cmpstr(error->message, ==,
			"\"S1,,S2\" has an empty item (expected a comma-separated list)");
	g_clear_error(&error);
	g_assert_null(parse_list("S1,", &error));
	g_assert_nonnull(error);
}

static void
test_quote(void)
{
	static const struct { const char *in; const char *out; } cases[] = {
		{ "abc", "\"abc\"" },
		{ "a\nb\r\t\x01", "\"a\\nb\\r\\t\\x01\"" },
		{ "Dupr\xE9", "\"Dupr\\xE9\"" },
		{ "ééééééééééééééééééééééééééééééééééééééééé", "\"éééééééééééééééééééééééééééééééééééééééé…\"" },
		{ "", "\"\"" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *q = parse_quote(cases[i].in);

		g_assert_cmpstr(q, ==, cases[i].out);
		g_assert_true(g_utf8_validate(q, -1, NULL));
	}
}

/* No byte string crashes a parser or makes it accept garbage silently. */
static void
test_random_bytes(void)
{
	static const char alphabet[] = "0123456789-:T Z+.,dhm\xC3\xA9\xFF/x";
	GRand *rand = g_rand_new_with_seed(42);
	ParseZone zone;

	parse_zone_init(&zone, paris);
	for (int i = 0; i < 20000; i++) {
		char buf[32];
		int len = g_rand_int_range(rand, 0, sizeof buf);
		gint64 v;
		gint32 v32, w32;
		Day d;
		gboolean b;
		ZoneLocalKind kind;
		g_auto(GStrv) list = NULL;

		for (int k = 0; k < len; k++)
			buf[k] = alphabet[g_rand_int_range(rand, 0, sizeof alphabet - 1)];
		buf[len] = '\0';
		parse_id(buf, NULL);
		parse_timestamp(buf, &zone, &v, &kind, NULL);
		parse_date(buf, &d, NULL);
		if (parse_money(buf, &v, NULL))
			g_assert_cmpint(v, <=, PARSE_MONEY_MAX);
		if (parse_minutes(buf, &v, NULL))
			g_assert_cmpint(v, <=, PARSE_NUMBER_MAX);
		if (parse_duration(buf, &v, &b, NULL))
			g_assert_cmpint(v, <=, PARSE_NUMBER_MAX * 60);
		if (parse_percent(buf, &v32, NULL))
			g_assert_cmpint(v32, <=, PARSE_PERCENT_MAX);
		if (parse_clock_range(buf, &v32, &w32, NULL))
			g_assert_cmpint(v32, <, w32);
		parse_bool(buf, &b, NULL);
		list = parse_list(buf, NULL);
		g_free(parse_quote(buf));
	}
	g_rand_free(rand);
}

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	paris = g_time_zone_new_identifier("Europe/Paris");
	g_assert_nonnull(paris);

	g_test_add_func("/parse/id/table", test_id);
	g_test_add_func("/parse/date/table", test_date);
	g_test_add_func("/parse/timestamp/table", test_timestamp);
	g_test_add_func("/parse/timestamp/skipped-hour-code", test_timestamp_skipped_code);
	g_test_add_func("/parse/timestamp/day-cache-agrees-with-zone", test_timestamp_cache_agrees);
	g_test_add_func("/parse/money/table", test_money);
	g_test_add_func("/parse/minutes/table", test_minutes_and_count);
	g_test_add_func("/parse/percent/table", test_percent);
	g_test_add_func("/parse/duration/table", test_duration);
	g_test_add_func("/parse/clock-range/table", test_clock_range);
	g_test_add_func("/parse/bool/table", test_bool);
	g_test_add_func("/parse/enum/case-insensitive", test_enum);
	g_test_add_func("/parse/list/trims-and-rejects-empty", test_list);
	g_test_add_func("/parse/quote/escapes-and-cuts", test_quote);
	g_test_add_func("/parse/all/random-bytes", test_random_bytes);
	rc = g_test_run();
	g_time_zone_unref(paris);
	return rc;
}
