/* SPDX-License-Identifier: MIT
 *
 * Value parsers: ids, timestamps, dates, money, counts, booleans, enums, plans.ini
 * durations, percents, clock ranges and lists.  Numbers are read digit by digit with
 * an explicit bound, never through strtod or strtoll: the bounds are the spec's, and
 * a 25-digit amount or a 1e308 percent is a message, not an overflow.  Local times go
 * through zone.h (first occurrence of a repeated time, error for a skipped one), with
 * a per-day offset cache.  Nothing here knows files or lines: the caller adds them.
 */
#include "parse.h"

G_DEFINE_QUARK(slareport-parse-error-quark, parse_error)

#define EXPECT_ID "expected an id: 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'"
#define EXPECT_TIMESTAMP "expected YYYY-MM-DDTHH:MM[:SS], optionally followed by Z or ±HH:MM"
#define EXPECT_DATE "expected YYYY-MM-DD"
#define EXPECT_MONEY "expected digits with at most 2 decimals after '.' or ',', e.g. 1234.50"
#define EXPECT_DURATION \
	"expected a duration such as 45m, 4h, 1h30m, 8d, 1d12h or a number of minutes"
#define EXPECT_PERCENT \
	"expected a percent from 0 to 1000 with at most 3 decimals after '.', e.g. 99.95"
#define EXPECT_CLOCK_RANGE "expected HH:MM-HH:MM, e.g. 08:00-18:00, with 24:00 allowed as an end"

/* Sets @error to `"VALUE" MESSAGE` and returns FALSE. */
static gboolean G_GNUC_PRINTF(4, 5)
fail(GError **error, ParseErrorCode code, const char *value, const char *format, ...)
{
	g_autofree char *quoted = parse_quote(value);
	g_autofree char *message = NULL;
	va_list ap;

	va_start(ap, format);
	message = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_set_error(error, PARSE_ERROR, code, "%s %s", quoted, message);
	return FALSE;
}

/* ==== Quoting =================================================================== */

char *
parse_quote(const char *s)
{
	GString *out = g_string_sized_new(48);
	const char *p = s;
	guint chars = 0;

	g_string_append_c(out, '"');
	while (*p != '\0') {
		gunichar c = g_utf8_get_char_validated(p, -1);

		if (chars == 40) {
			g_string_append(out, "…");
			break;
		}
		chars++;
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			/* not UTF-8: show the byte, so that the message stays valid text */
			g_string_append_printf(out, "\\x%02X", (guchar)*p);
			p++;
			continue;
		}
		if (c == '\n')
			g_string_append(out, "\\n");
		else if (c == '\r')
			g_string_append(out, "\\r");
		else if (c == '\t')
			g_string_append(out, "\\t");
		else if (c < 0x20 || c == 0x7F)
			g_string_append_printf(out, "\\x%02X", (guint)c);
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
		p = g_utf8_next_char(p);
	}
	g_string_append_c(out, '"');
	return g_string_free(out, FALSE);
}

/* A character for a message: 'c', a space, or its byte value when not printable. */
static char *
describe_char(const char *p)
{
	gunichar c = g_utf8_get_char_validated(p, -1);

	if (c == ' ')
		return g_strdup("a space");
	if (c == (gunichar)-1 || c == (gunichar)-2 || c < 0x20 || c == 0x7F)
		return g_strdup_printf("byte 0x%02X", (guchar)*p);
	return g_strdup_printf("'%.*s'", (int)(g_utf8_next_char(p) - p), p);
}

/* ==== Small readers ============================================================= */

static gboolean
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads exactly @n digits at *p into *out and advances; FALSE if they are not all
 * digits. */
static gboolean
read_fixed(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
			return FALSE;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return TRUE;
}

/* Reads a run of digits at *p as a number, saturating just above @max so that any
 * length of digits is safe; *ndigits gets how many were read. */
static gint64
read_number(const char **p, gint64 max, int *ndigits)
{
	gint64 v = 0;
	int n = 0;

	while (is_digit(**p)) {
		if (v <= max)
			v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*ndigits = n;
	return v;
}

/* @a equals @b in any ASCII case.  This runs on every row: most words differ in
 * their first letter, and most that match are written as listed (strcmp is fast). */
static gboolean
ascii_equal(const char *a, const char *b)
{
	if (g_ascii_tolower(a[0]) != g_ascii_tolower(b[0]))
		return FALSE;
	return strcmp(a, b) == 0 || g_ascii_strcasecmp(a, b) == 0;
}

/* ==== Ids ======================================================================= */

gboolean
parse_id(const char *s, GError **error)
{
	gsize n = 0;

	if (*s == '.')
		return fail(error, PARSE_ERROR_INVALID, s, "starts with '.' (%s)", EXPECT_ID);
	for (const char *p = s; *p != '\0'; p++, n++) {
		char c = *p;

		if (!(g_ascii_isalnum(c) || c == '.' || c == '_' || c == '-')) {
			g_autofree char *what = describe_char(p);

			return fail(error, PARSE_ERROR_INVALID, s, "holds %s (%s)", what, EXPECT_ID);
		}
	}
	if (n == 0)
		return fail(error, PARSE_ERROR_INVALID, s, "is empty (%s)", EXPECT_ID);
	if (n > PARSE_ID_MAX)
		return fail(error, PARSE_ERROR_RANGE, s, "is %" G_GSIZE_FORMAT
			    " characters long (expected an id of at most %d)", n, PARSE_ID_MAX);
	return TRUE;
}

/* ==== Dates and timestamps ====================================================== */

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Checks a civil date read from @s; fails with the reason. */
static gboolean
check_ymd(const char *s, int y, int m, int d, GError **error)
{
	if (y < ZONE_YEAR_MIN || y > ZONE_YEAR_MAX)
		return fail(error, PARSE_ERROR_RANGE, s,
			    "has year %04d (expected a year from 0001 to 9999)", y);
	if (m < 1 || m > 12)
		return fail(error, PARSE_ERROR_RANGE, s,
			    "has no month %02d (expected a month from 01 to 12)", m);
	if (d < 1 || d > day_days_in_month(y, m))
		return fail(error, PARSE_ERROR_RANGE, s,
			    "has no day %02d: %s %04d has %d days (expected a real date)", d,
			    month_names[m - 1], y, day_days_in_month(y, m));
	return TRUE;
}

/* Reads YYYY-MM-DD at *p without checking the values. */
static gboolean
read_ymd(const char **p, int *y, int *m, int *d)
{
	const char *q = *p;

	if (!read_fixed(&q, 4, y) || *q++ != '-' || !read_fixed(&q, 2, m) || *q++ != '-' ||
	    !read_fixed(&q, 2, d))
		return FALSE;
	*p = q;
	return TRUE;
}

gboolean
parse_date(const char *s, Day *out, GError **error)
{
	const char *p = s;
	int y, m, d;

	if (!read_ymd(&p, &y, &m, &d))
		return fail(error, PARSE_ERROR_INVALID, s, "is not a date (%s)", EXPECT_DATE);
	if (*p == 'T' || *p == 't' || *p == ' ')
		return fail(error, PARSE_ERROR_INVALID, s, "has a time (expected a date alone, YYYY-MM-DD)");
	if (*p != '\0')
		return fail(error, PARSE_ERROR_INVALID, s, "is not a date (%s)", EXPECT_DATE);
	if (!check_ymd(s, y, m, d, error))
		return FALSE;
	*out = day_from_ymd(y, m, d);
	return TRUE;
}

void
parse_zone_init(ParseZone *zone, GTimeZone *tz)
{
	zone->tz = tz;
	for (guint i = 0; i < PARSE_ZONE_SLOTS; i++)
		zone->day[i] = DAY_NONE;
}

/* Every instant a wall-clock time of @day can be, whatever the offset (at most 14 h
 * either way), and every instant zone_resolve_local asks about for it, lie in
 * [midnight - 1 day, midnight + 2 days]: the offsets over that stretch are cached,
 * as one offset, or two and the second the transition starts. */
static void
zone_fill(ParseZone *zone, guint slot, Day day)
{
	gint64 lo = (gint64)day * 86400 - 86400, hi = (gint64)day * 86400 + 2 * 86400;
	gint a = g_time_zone_find_interval(zone->tz, G_TIME_TYPE_UNIVERSAL, lo);
	gint b = g_time_zone_find_interval(zone->tz, G_TIME_TYPE_UNIVERSAL, hi);

	zone->day[slot] = day;
	zone->before[slot] = g_time_zone_get_offset(zone->tz, a);
	zone->after[slot] = g_time_zone_get_offset(zone->tz, b);
	zone->change[slot] = G_MAXINT64;
	if (a == b)
		return;
	if (b != a + 1) {
		zone->before[slot] = G_MININT32;
		return;
	}
	/* the first second of the new interval, by bisection, once for the day */
	while (hi - lo > 1) {
		gint64 mid = lo + (hi - lo) / 2;

		if (g_time_zone_find_interval(zone->tz, G_TIME_TYPE_UNIVERSAL, mid) == a)
			lo = mid;
		else
			hi = mid;
	}
	zone->change[slot] = hi;
}

/* The offset at @t of a cached stretch. */
static gint32
step_offset(const ParseZone *zone, guint slot, gint64 t)
{
	return t < zone->change[slot] ? zone->before[slot] : zone->after[slot];
}

/* zone_resolve_local, on the cached offsets of the day: its own steps, with the
 * offset function of the stretch a step at the one transition, give its answers. */
static ZoneLocalKind
zone_local(ParseZone *zone, Day day, gint64 secs, gint64 *out)
{
	guint slot = (guint)day % PARSE_ZONE_SLOTS;
	gint64 local = (gint64)day * 86400 + secs;
	gint64 u1, u2;
	gboolean v1, v2;

	if (zone->day[slot] != day)
		zone_fill(zone, slot, day);
	if (zone->change[slot] == G_MAXINT64) {
		*out = local - zone->before[slot];
		return ZONE_LOCAL_UNIQUE;
	}
	if (zone->before[slot] == G_MININT32)
		return zone_resolve_local(zone->tz, day, secs, out);
	u1 = local - step_offset(zone, slot, local - 86400);
	u2 = local - step_offset(zone, slot, local + 86400);
	v1 = step_offset(zone, slot, u1) == local - u1;
	v2 = step_offset(zone, slot, u2) == local - u2;
	if (v1 && v2 && u1 != u2) {
		*out = MIN(u1, u2);
		return ZONE_LOCAL_REPEATED;
	}
	if (v1 || v2) {
		*out = v1 ? u1 : u2;
		return ZONE_LOCAL_UNIQUE;
	}
	/* in the gap: zone_resolve_local answers with the transition's first second */
	*out = zone->change[slot];
	return ZONE_LOCAL_SKIPPED;
}

gboolean
parse_timestamp(const char *s, ParseZone *zone, gint64 *out, ZoneLocalKind *kind, GError **error)
{
	const char *p = s;
	int y, mo, d, h, mi, sec = 0, oh = 0, om = 0, sign = 0;
	gint64 secs;
	Day day;

	if (!read_ymd(&p, &y, &mo, &d))
		return fail(error, PARSE_ERROR_INVALID, s, "is not a timestamp (%s)", EXPECT_TIMESTAMP);
	if (*p == '\0')
		return fail(error, PARSE_ERROR_INVALID, s, "has no time of day (%s)", EXPECT_TIMESTAMP);
	if (*p != 'T' && *p != 't' && *p != ' ')
		return fail(error, PARSE_ERROR_INVALID, s, "is not a timestamp (%s)", EXPECT_TIMESTAMP);
	p++;
	if (!read_fixed(&p, 2, &h) || *p++ != ':' || !read_fixed(&p, 2, &mi))
		return fail(error, PARSE_ERROR_INVALID, s, "is not a timestamp (%s)", EXPECT_TIMESTAMP);
	if (*p == ':') {
		p++;
		if (!read_fixed(&p, 2, &sec))
			return fail(error, PARSE_ERROR_INVALID, s, "is not a timestamp (%s)",
				    EXPECT_TIMESTAMP);
	}
	if (*p == '.' || *p == ',')
		return fail(error, PARSE_ERROR_INVALID, s,
			    "has a fraction of a second (expected whole seconds, YYYY-MM-DDTHH:MM[:SS])");
	if (*p == 'Z' || *p == 'z') {
		sign = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		p++;
		if (!read_fixed(&p, 2, &oh) || *p++ != ':' || !read_fixed(&p, 2, &om))
			return fail(error, PARSE_ERROR_INVALID, s,
				    "has an offset that is not ±HH:MM (%s)", EXPECT_TIMESTAMP);
	}
	if (*p != '\0')
		return fail(error, PARSE_ERROR_INVALID, s, "is not a timestamp (%s)", EXPECT_TIMESTAMP);
	if (!check_ymd(s, y, mo, d, error))
		return FALSE;
	if (h > 23)
		return fail(error, PARSE_ERROR_RANGE, s,
			    "has hour %02d (expected 00:00 to 23:59; midnight is 00:00 of the next day)", h);
	if (mi > 59)
		return fail(error, PARSE_ERROR_RANGE, s, "has minute %02d (expected 00 to 59)", mi);
	if (sec > 59)
		return fail(error, PARSE_ERROR_RANGE, s, "has second %02d (expected 00 to 59)", sec);
	if (oh > 23 || om > 59)
		return fail(error, PARSE_ERROR_RANGE, s,
			    "has offset %02d:%02d (expected an offset from -23:59 to +23:59)", oh, om);
	day = day_from_ymd(y, mo, d);
	secs = (gint64)h * 3600 + mi * 60 + sec;
	if (sign != 0) {
		*out = (gint64)day * 86400 + secs - sign * ((gint64)oh * 3600 + om * 60);
		*kind = ZONE_LOCAL_UNIQUE;
		return TRUE;
	}
	*kind = zone_local(zone, day, secs, out);
	if (*kind == ZONE_LOCAL_SKIPPED)
		return fail(error, PARSE_ERROR_SKIPPED, s,
			    "does not exist in %s: the clocks go forward over it "
			    "(expected a time outside the skipped hour, or an explicit offset)",
			    g_time_zone_get_identifier(zone->tz));
	return TRUE;
}

/* ==== Numbers =================================================================== */

/* Fails for a sign in front of a number, with the right words. */
static gboolean
check_unsigned(const char *s, const char *expect, GError **error)
{
	if (*s == '-')
		return fail(error, PARSE_ERROR_RANGE, s, "is negative (%s)", expect);
	if (*s == '+')
		return fail(error, PARSE_ERROR_INVALID, s, "has a sign (%s)", expect);
	return TRUE;
}

gboolean
parse_money(const char *s, gint64 *cents, GError **error)
{
	const char *p = s;
	gint64 units, frac = 0;
	int nint, nfrac = 0;

	if (!check_unsigned(s, EXPECT_MONEY, error))
		return FALSE;
	units = read_number(&p, PARSE_MONEY_MAX, &nint);
	if (nint == 0)
		return fail(error, PARSE_ERROR_INVALID, s, "is not an amount (%s)", EXPECT_MONEY);
	if (*p == '.' || *p == ',') {
		p++;
		frac = read_number(&p, 1000, &nfrac);
		if (nfrac == 0 && *p == '\0')
			return fail(error, PARSE_ERROR_INVALID, s,
				    "has no digit after the decimal separator (%s)", EXPECT_MONEY);
	}
	if (*p == '.' || *p == ',' || (*p == ' ' && is_digit(p[1])))
		return fail(error, PARSE_ERROR_INVALID, s,
			    "has a thousands separator (%s)", EXPECT_MONEY);
	if (*p != '\0')
		return fail(error, PARSE_ERROR_INVALID, s, "is not an amount (%s)", EXPECT_MONEY);
	if (nfrac > 2)
		return fail(error, PARSE_ERROR_INVALID, s, "has %d decimals (%s)", nfrac, EXPECT_MONEY);
	if (nfrac == 1)
		frac *= 10;
	if (units > PARSE_MONEY_MAX / 100)
		return fail(error, PARSE_ERROR_RANGE, s,
			    "is too large (expected at most 9999999999.99)");
	*cents = units * 100 + frac;
	return TRUE;
}

/* A whole non-negative number up to PARSE_NUMBER_MAX; @what names it in messages. */
static gboolean
parse_whole(const char *s, const char *what, gint64 *out, GError **error)
{
	const char *p = s;
	const char *problem = NULL;
	g_autofree char *expect = NULL;
	gint64 v;
	int n;

	v = read_number(&p, PARSE_NUMBER_MAX, &n);
	if (n > 0 && *p == '\0' && v <= PARSE_NUMBER_MAX) {
		*out = v;
		return TRUE;
	}
	/* the message is built only here: this parser runs on every row */
	expect = g_strdup_printf("expected a whole number of %s from 0 to %" G_GINT64_FORMAT, what,
				 PARSE_NUMBER_MAX);
	if (!check_unsigned(s, expect, error))
		return FALSE;
	if (n > 0 && (*p == '.' || *p == ','))
		problem = "is not a whole number";
	else if (n == 0 || *p != '\0')
		problem = "is not a number";
	else
		return fail(error, PARSE_ERROR_RANGE, s, "is too large (%s)", expect);
	return fail(error, PARSE_ERROR_INVALID, s, "%s (%s)", problem, expect);
}

gboolean
parse_minutes(const char *s, gint64 *out, GError **error)
{
	return parse_whole(s, "minutes", out, error);
}

gboolean
parse_count(const char *s, gint64 *out, GError **error)
{
	return parse_whole(s, "units", out, error);
}

gboolean
parse_percent(const char *s, gint32 *milli, GError **error)
{
	const char *p = s;
	gint64 whole, frac = 0;
	int nint, nfrac = 0;

	if (!check_unsigned(s, EXPECT_PERCENT, error))
		return FALSE;
	whole = read_number(&p, PARSE_PERCENT_MAX, &nint);
	if (nint > 0 && *p == ',')
		return fail(error, PARSE_ERROR_INVALID, s,
			    "has a decimal comma (%s)", EXPECT_PERCENT);
	if (nint > 0 && *p == '.') {
		p++;
		frac = read_number(&p, PARSE_PERCENT_MAX, &nfrac);
		if (nfrac == 0)
			return fail(error, PARSE_ERROR_INVALID, s, "is not a percent (%s)", EXPECT_PERCENT);
	}
	if (nint > 0 && *p == '%' && p[1] == '\0')
		return fail(error, PARSE_ERROR_INVALID, s, "has a '%%' sign (%s)", EXPECT_PERCENT);
	if (nint == 0 || *p != '\0')
		return fail(error, PARSE_ERROR_INVALID, s, "is not a percent (%s)", EXPECT_PERCENT);
	if (nfrac > 3)
		return fail(error, PARSE_ERROR_INVALID, s, "has %d decimals (%s)", nfrac, EXPECT_PERCENT);
	for (int i = nfrac; i < 3; i++)
		frac *= 10;
	if (whole > 1000 || whole * 1000 + frac > PARSE_PERCENT_MAX)
		return fail(error, PARSE_ERROR_RANGE, s, "is more than 1000 (%s)", EXPECT_PERCENT);
	*milli = (gint32)(whole * 1000 + frac);
	return TRUE;
}

gboolean
parse_duration(const char *s, gint64 *seconds, gboolean *whole_days, GError **error)
{
	static const struct { char unit; gint64 minutes; } units[] = {
		{ 'd', 1440 }, { 'h', 60 }, { 'm', 1 },
	};
	const char *p = s;
	gint64 total = 0;
	guint next_unit = 0;
	gboolean days_only = TRUE;
	int n;

	if (!check_unsigned(s, EXPECT_DURATION, error))
		return FALSE;
	while (*p != '\0') {
		gint64 v = read_number(&p, PARSE_NUMBER_MAX, &n);
		char unit = g_ascii_tolower(*p);
		guint u;

		if (n == 0)
			return fail(error, PARSE_ERROR_INVALID, s, "is not a duration (%s)", EXPECT_DURATION);
		if (unit == '\0' && p - s == n) {
			/* a bare number: minutes */
			total = v;
			days_only = FALSE;
			break;
		}
		for (u = 0; u < G_N_ELEMENTS(units) && units[u].unit != unit; u++)
			;
		if (u == G_N_ELEMENTS(units))
			return fail(error, PARSE_ERROR_INVALID, s, "is not a duration (%s)", EXPECT_DURATION);
		if (u < next_unit)
			return fail(error, PARSE_ERROR_INVALID, s,
				    "has its units out of order (expected d, then h, then m, each once)");
		next_unit = u + 1;
		p++;
		if (units[u].unit != 'd')
			days_only = FALSE;
		if (v > PARSE_NUMBER_MAX / units[u].minutes || total + v * units[u].minutes > PARSE_NUMBER_MAX)
			return fail(error, PARSE_ERROR_RANGE, s,
				    "is too long (expected at most %" G_GINT64_FORMAT " minutes)",
				    PARSE_NUMBER_MAX);
		total += v * units[u].minutes;
	}
	if (p == s)
		return fail(error, PARSE_ERROR_INVALID, s, "is not a duration (%s)", EXPECT_DURATION);
	if (total > PARSE_NUMBER_MAX)
		return fail(error, PARSE_ERROR_RANGE, s,
			    "is too long (expected at most %" G_GINT64_FORMAT " minutes)", PARSE_NUMBER_MAX);
	*seconds = total * 60;
	if (whole_days != NULL)
		*whole_days = days_only;
	return TRUE;
}

/* Reads H:MM or HH:MM at *p as seconds from midnight, without range checks. */
static gboolean
read_clock(const char **p, int *h, int *m)
{
	const char *q = *p;
	int ndigits;
	gint64 hours = read_number(&q, 99, &ndigits);

	if (ndigits < 1 || ndigits > 2 || *q++ != ':' || !read_fixed(&q, 2, m))
		return FALSE;
	*h = (int)hours;
	*p = q;
	return TRUE;
}

gboolean
parse_clock_range(const char *s, gint32 *start, gint32 *end, GError **error)
{
	const char *p = s;
	int h1, m1, h2, m2;

	while (*p == ' ')
		p++;
	if (!read_clock(&p, &h1, &m1))
		return fail(error, PARSE_ERROR_INVALID, s, "is not a time range (%s)", EXPECT_CLOCK_RANGE);
	while (*p == ' ')
		p++;
	if (*p++ != '-')
		return fail(error, PARSE_ERROR_INVALID, s, "is not a time range (%s)", EXPECT_CLOCK_RANGE);
	while (*p == ' ')
		p++;
	if (!read_clock(&p, &h2, &m2))
		return fail(error, PARSE_ERROR_INVALID, s, "is not a time range (%s)", EXPECT_CLOCK_RANGE);
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return fail(error, PARSE_ERROR_INVALID, s, "is not a time range (%s)", EXPECT_CLOCK_RANGE);
	if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 == 24 && m2 != 0))
		return fail(error, PARSE_ERROR_RANGE, s,
			    "has a time that does not exist (expected 00:00 to 23:59, or 24:00 as an end)");
	*start = h1 * 3600 + m1 * 60;
	*end = h2 * 3600 + m2 * 60;
	if (*end <= *start)
		return fail(error, PARSE_ERROR_RANGE, s,
			    "ends before it starts (expected the end after the start, "
			    "within one day: split a range over midnight in two)");
	return TRUE;
}

/* ==== Words ===================================================================== */

gboolean
parse_bool(const char *s, gboolean *out, GError **error)
{
	static const char *const yes[] = { "yes", "true", "1", "oui" };
	static const char *const no[] = { "no", "false", "0", "non" };

	for (gsize i = 0; i < G_N_ELEMENTS(yes); i++) {
		if (ascii_equal(s, yes[i])) {
			*out = TRUE;
			return TRUE;
		}
		if (ascii_equal(s, no[i])) {
			*out = FALSE;
			return TRUE;
		}
	}
	return fail(error, PARSE_ERROR_INVALID, s,
		    "is not a yes/no value (expected yes/no, true/false, 1/0 or oui/non)");
}

gboolean
parse_enum(const char *s, const char *const *words, int *out, GError **error)
{
	g_autoptr(GString) expect = NULL;
	guint n;

	for (n = 0; words[n] != NULL; n++) {
		if (ascii_equal(s, words[n])) {
			*out = (int)n;
			return TRUE;
		}
	}
	/* the message is built only here: this parser runs on every row */
	expect = g_string_new(NULL);
	for (guint i = 0; i < n; i++) {
		if (i > 0)
			g_string_append(expect, i + 1 == n ? " or " : ", ");
		g_string_append(expect, words[i]);
	}
	return fail(error, PARSE_ERROR_INVALID, s, "is not a known value (expected %s)", expect->str);
}

char **
parse_list(const char *s, GError **error)
{
	g_auto(GStrv) items = g_strsplit(s, ",", -1);

	for (guint i = 0; items[i] != NULL; i++) {
		g_strstrip(items[i]);
		if (items[i][0] == '\0') {
			fail(error, PARSE_ERROR_INVALID, s,
			     "has an empty item (expected a comma-separated list)");
			return NULL;
		}
	}
	if (items[0] == NULL) {
		fail(error, PARSE_ERROR_INVALID, s, "is empty (expected a comma-separated list)");
		return NULL;
	}
	return g_steal_pointer(&items);
}
