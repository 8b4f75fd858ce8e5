/* SPDX-License-Identifier: MIT
 *
 * Fuzz target: the value parsers of src/core/parse.c.  The first byte picks the
 * parser, the rest (up to a NUL) is the value.  Beyond not crashing, each accepted
 * value must be in its type's range and mean what an independent reading says it
 * means (GLib's ISO 8601 parser for timestamps, strtod for amounts and percents), and
 * each refusal must be one line of valid UTF-8 saying what was expected.
 */
#include <math.h>

#include "fuzz.h"
#include "parse.h"

enum {
	P_ID, P_TIMESTAMP, P_DATE, P_MONEY, P_MINUTES, P_COUNT, P_BOOL, P_ENUM,
	P_DURATION, P_PERCENT, P_CLOCK_RANGE, P_LIST, P_QUOTE, P_N
};

static GTimeZone *paris;
static ParseZone zone;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	paris = g_time_zone_new_identifier("Europe/Paris");
	g_assert_nonnull(paris);
	parse_zone_init(&zone, paris);
	return 0;
}

/* A refusal: PARSE_ERROR, one line, the value quoted first, valid UTF-8 when the
 * value was. */
static void
check_refusal(const char *s, const GError *error)
{
	FUZZ_CHECK(error != NULL && error->domain == PARSE_ERROR, "no PARSE_ERROR for \"%s\"", s);
	FUZZ_CHECK(error->message[0] == '"', "%s", error->message);
	FUZZ_CHECK(strpbrk(error->message, "\n\r") == NULL, "%s", error->message);
	FUZZ_CHECK(strstr(error->message, "(expected") != NULL, "%s", error->message);
	FUZZ_CHECK(g_utf8_validate(error->message, -1, NULL), "%s", error->message);
}

/* @s as a C number with ',' read as '.', or NAN when strtod would not read all of it. */
static double
as_double(const char *s)
{
	g_autofree char *dot = g_strdup(s);
	char *end;
	double v;

	g_strdelimit(dot, ",", '.');
	if (!g_ascii_isdigit(dot[0]))
		return NAN;
	v = g_ascii_strtod(dot, &end);
	return *end == '\0' ? v : NAN;
}

static void
fuzz_timestamp(const char *s)
{
	g_autoptr(GError) error = NULL;
	gint64 t;
	ZoneLocalKind kind;
	g_autoptr(GDateTime) glib = NULL;

	if (!parse_timestamp(s, &zone, &t, &kind, &error)) {
		check_refusal(s, error);
		return;
	}
	/* year 1 to 9999 locally, at most 24 h away in UTC */
	FUZZ_CHECK(t >= -62135596800 - 86400 && t <= 253402300799 + 86400, "%s -> %" G_GINT64_FORMAT, s, t);
	/* GLib reads the same instant where it reads the value at all and the local time is
	 * unique (GLib takes the second of a repeated time) */
	glib = g_date_time_new_from_iso8601(s, paris);
	if (glib != NULL && kind == ZONE_LOCAL_UNIQUE)
		FUZZ_CHECK(g_date_time_to_unix(glib) == t, "%s: %" G_GINT64_FORMAT " but GLib %" G_GINT64_FORMAT,
			   s, t, g_date_time_to_unix(glib));
}

static void
fuzz_date(const char *s)
{
	g_autoptr(GError) error = NULL;
	char back[16];
	int y, m, d;
	Day day;

	if (!parse_date(s, &day, &error)) {
		check_refusal(s, error);
		return;
	}
	/* the one spelling a date has */
	day_to_ymd(day, &y, &m, &d);
	g_snprintf(back, sizeof back, "%04d-%02d-%02d", y, m, d);
	FUZZ_CHECK(strcmp(back, s) == 0, "%s read as %s", s, back);
	FUZZ_CHECK(day_is_valid(y, m, d), "%s", s);
}

static void
fuzz_money(const char *s)
{
	g_autoptr(GError) error = NULL;
	gint64 cents;
	double v;

	if (!parse_money(s, &cents, &error)) {
		check_refusal(s, error);
		return;
	}
	FUZZ_CHECK(cents >= 0 && cents <= PARSE_MONEY_MAX, "%s -> %" G_GINT64_FORMAT, s, cents);
	v = as_double(s);
	FUZZ_CHECK(!isnan(v) && llround(v * 100) == cents, "%s -> %" G_GINT64_FORMAT " cents", s, cents);
}

static void
fuzz_whole(const char *s, gboolean (*parse)(const char *, gint64 *, GError **))
{
	g_autoptr(GError) error = NULL;
	gint64 v;

	if (!parse(s, &v, &error)) {
		check_refusal(s, error);
		return;
	}
	FUZZ_CHECK(v >= 0 && v <= PARSE_NUMBER_MAX, "%s -> %" G_GINT64_FORMAT, s, v);
	FUZZ_CHECK(g_ascii_strtoll(s, NULL, 10) == v, "%s -> %" G_GINT64_FORMAT, s, v);
}

static void
fuzz_duration(const char *s)
{
	g_autoptr(GError) error = NULL;
	gint64 seconds;
	gboolean days;

	if (!parse_duration(s, &seconds, &days, &error)) {
		check_refusal(s, error);
		return;
	}
	FUZZ_CHECK(seconds >= 0 && seconds <= PARSE_NUMBER_MAX * 60 && seconds % 60 == 0, "%s", s);
	FUZZ_CHECK(!days || seconds % 86400 == 0, "%s: whole days but %" G_GINT64_FORMAT " s", s, seconds);
}

static void
fuzz_percent(const char *s)
{
	g_autoptr(GError) error = NULL;
	gint32 milli;
	double v;

	if (!parse_percent(s, &milli, &error)) {
		check_refusal(s, error);
		return;
	}
	FUZZ_CHECK(milli >= 0 && milli <= PARSE_PERCENT_MAX, "%s -> %d", s, milli);
	v = as_double(s);
	FUZZ_CHECK(!isnan(v) && llround(v * 1000) == milli, "%s -> %d", s, milli);
}

static void
fuzz_clock_range(const char *s)
{
	g_autoptr(GError) error = NULL;
	gint32 start, end;

	if (!parse_clock_range(s, &start, &end, &error)) {
		check_refusal(s, error);
		return;
	}
	FUZZ_CHECK(start >= 0 && start < end && end <= 86400 && start % 60 == 0 && end % 60 == 0,
		   "%s -> %d-%d", s, start, end);
}

static void
fuzz_list(const char *s)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) items = parse_list(s, &error);

	if (items == NULL) {
		check_refusal(s, error);
		return;
	}
	for (guint i = 0; items[i] != NULL; i++) {
		const char *it = items[i];
		gsize n = strlen(it);

		FUZZ_CHECK(n > 0 && strchr(it, ',') == NULL && !g_ascii_isspace(it[0]) &&
				   !g_ascii_isspace(it[n - 1]),
			   "%s: item \"%s\"", s, it);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const words[] = { "incident", "request", "change", NULL };
	g_autofree char *s = NULL;
	g_autoptr(GError) error = NULL;
	gboolean b;
	int e;

	if (size < 2)
		return 0;
	/* the parsers take a C string, trimmed and not empty (the CSV reader's job) */
	s = g_strndup((const char *)data + 1, size - 1);
	if (*s == '\0')
		return 0;
	switch (data[0] % P_N) {
	case P_ID:
		if (parse_id(s, &error))
			FUZZ_CHECK(strlen(s) <= PARSE_ID_MAX && s[0] != '.' &&
					   strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
						   strlen(s),
				   "%s", s);
		else
			check_refusal(s, error);
		break;
	case P_TIMESTAMP:
		fuzz_timestamp(s);
		break;
	case P_DATE:
		fuzz_date(s);
		break;
	case P_MONEY:
		fuzz_money(s);
		break;
	case P_MINUTES:
		fuzz_whole(s, parse_minutes);
		break;
	case P_COUNT:
		fuzz_whole(s, parse_count);
		break;
	case P_BOOL:
		if (!parse_bool(s, &b, &error))
			check_refusal(s, error);
		break;
	case P_ENUM:
		if (parse_enum(s, words, &e, &error))
			FUZZ_CHECK(e >= 0 && e < 3 && g_ascii_strcasecmp(s, words[e]) == 0, "%s", s);
		else
			check_refusal(s, error);
		break;
	case P_DURATION:
		fuzz_duration(s);
		break;
	case P_PERCENT:
		fuzz_percent(s);
		break;
	case P_CLOCK_RANGE:
		fuzz_clock_range(s);
		break;
	case P_LIST:
		fuzz_list(s);
		break;
	case P_QUOTE:
		if (g_utf8_validate(s, -1, NULL)) {
			g_autofree char *q = parse_quote(s);

			/* 40 characters at most, each at most 4 when escaped, in quotes, a "…" */
			FUZZ_CHECK(g_utf8_validate(q, -1, NULL) && g_utf8_strlen(q, -1) <= 2 + 4 * 40 + 1,
				   "%s", q);
			for (const char *p = q; *p != '\0'; p++)
				FUZZ_CHECK((guchar)*p >= 0x20 && *p != 0x7F, "%s", q);
		}
		break;
	}
	return 0;
}
