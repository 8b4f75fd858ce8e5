/* SPDX-License-Identifier: MIT
 *
 * Language-aware writing of figures for the statement.  Pure: integers in, UTF-8 text
 * out; instants become civil times only through zone.h.  The CSV ledgers do not use
 * this module (they write raw integers and `99.912`, decisions.md).  Wording other
 * than month names and unit symbols lives in templates/, not here.
 */
#include "format.h"

typedef struct {
	const char *decimal;   /* decimal mark */
	const char *group;     /* thousands separator */
	const char *percent;   /* what precedes `%` */
	const char *unit_gap;  /* between a number and a unit, and between parts */
	const char *hours, *minutes, *seconds;
	const char *const months[12];
	const char *const months_short[12];
} Locale;

static const Locale LOCALES[] = {
	[LANGUAGE_FR] = {
		.decimal = ",",
		.group = FORMAT_NNBSP,
		.percent = FORMAT_NNBSP,
		.unit_gap = FORMAT_NBSP,
		.hours = "h", .minutes = "min", .seconds = "s",
		.months = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			    "août", "septembre", "octobre", "novembre", "décembre" },
		.months_short = { "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
				  "août", "sept.", "oct.", "nov.", "déc." },
	},
	[LANGUAGE_EN] = {
		.decimal = ".",
		.group = ",",
		.percent = "",
		.unit_gap = "",
		.hours = "h", .minutes = "m", .seconds = "s",
		.months = { "January", "February", "March", "April", "May", "June", "July",
			    "August", "September", "October", "November", "December" },
		.months_short = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
				  "Sep", "Oct", "Nov", "Dec" },
	},
};

static const Locale *
locale_of(Language lang)
{
	g_return_val_if_fail((guint)lang < G_N_ELEMENTS(LOCALES), &LOCALES[LANGUAGE_FR]);
	return &LOCALES[lang];
}

/* Appends the digits of @magnitude with @group between thousands. */
static void
append_grouped(GString *out, guint64 magnitude, const char *group)
{
	char digits[24];
	int n = g_snprintf(digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);

	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			g_string_append(out, group);
		g_string_append_c(out, digits[i]);
	}
}

/* |n| without overflow for G_MININT64 */
static guint64
magnitude_of(gint64 n)
{
	return n < 0 ? (guint64)(-(n + 1)) + 1 : (guint64)n;
}

/* Copies @s into @buf (truncating, which FORMAT_SIZE rules out) and frees it. */
static const char *
finish(FormatBuf *buf, GString *s)
{
	g_strlcpy(buf->s, s->str, sizeof buf->s);
	g_string_free(s, TRUE);
	return buf->s;
}

const char *
format_int(FormatBuf *buf, Language lang, gint64 n)
{
	GString *s = g_string_sized_new(32);

	if (n < 0)
		g_string_append_c(s, '-');
	append_grouped(s, magnitude_of(n), locale_of(lang)->group);
	return finish(buf, s);
}

/* The number part of a milli-percent: integer part grouped, then @decimals of the
 * three decimals (0 to 3; fewer only drops zeros when @trim). */
static void
append_milli(GString *s, const Locale *loc, gint32 milli, gboolean trim)
{
	guint64 m = magnitude_of(milli);
	guint frac = (guint)(m % 1000);
	int decimals = 3;
	char digits[4];

	if (milli < 0)
		g_string_append_c(s, '-');
	append_grouped(s, m / 1000, loc->group);
	if (trim) {
		while (decimals > 0 && frac % 10 == 0) {
			frac /= 10;
			decimals--;
		}
	}
	if (decimals > 0) {
		g_snprintf(digits, sizeof digits, "%0*u", decimals, frac);
		g_string_append(s, loc->decimal);
		g_string_append(s, digits);
	}
}

static const char *
percent(FormatBuf *buf, Language lang, gint32 milli, gboolean trim)
{
	const Locale *loc = locale_of(lang);
	GString *s = g_string_sized_new(32);

	append_milli(s, loc, milli, trim);
	g_string_append(s, loc->percent);
	g_string_append_c(s, '%');
	return finish(buf, s);
}

const char *
format_percent(FormatBuf *buf, Language lang, gint32 milli)
{
	return percent(buf, lang, milli, FALSE);
}

const char *
format_percent_short(FormatBuf *buf, Language lang, gint32 milli)
{
	return percent(buf, lang, milli, TRUE);
}

const char *
format_money(FormatBuf *buf, Language lang, gint64 cents, const char *currency)
{
	const Locale *loc = locale_of(lang);
	guint64 m = magnitude_of(cents);
	gboolean euro = currency == NULL || g_str_equal(currency, "EUR");
	const char *symbol = euro ? "€" : currency;
	GString *s = g_string_sized_new(48);

	if (cents < 0)
		g_string_append_c(s, '-');
	if (lang == LANGUAGE_EN) {
		g_string_append(s, symbol);
		if (!euro)
			g_string_append_c(s, ' ');
	}
	append_grouped(s, m / 100, loc->group);
	g_string_append_printf(s, "%s%02u", loc->decimal, (guint)(m % 100));
	if (lang != LANGUAGE_EN) {
		g_string_append(s, FORMAT_NBSP);
		g_string_append(s, symbol);
	}
	return finish(buf, s);
}

const char *
format_duration(FormatBuf *buf, Language lang, gint64 seconds)
{
	const Locale *loc = locale_of(lang);
	guint64 m = magnitude_of(seconds);
	struct {
		guint64 value;
		const char *unit;
	} parts[] = {
		{ m / 3600, loc->hours },
		{ m / 60 % 60, loc->minutes },
		{ m % 60, loc->seconds },
	};
	GString *s = g_string_sized_new(32);

	if (seconds < 0)
		g_string_append_c(s, '-');
	for (gsize i = 0; i < G_N_ELEMENTS(parts); i++) {
		gboolean last = i == G_N_ELEMENTS(parts) - 1;

		/* zero parts are left out, but 0 s is written as such */
		if (parts[i].value == 0 && !(last && m == 0))
			continue;
		/* a line may break between parts, never inside one */
		if (s->len > (seconds < 0 ? 1u : 0u))
			g_string_append_c(s, ' ');
		append_grouped(s, parts[i].value, loc->group);
		g_string_append(s, loc->unit_gap);
		g_string_append(s, parts[i].unit);
	}
	return finish(buf, s);
}

/* Day of month: French writes the first `1er`. */
static void
append_day_of_month(GString *s, Language lang, int day)
{
	g_string_append_printf(s, "%d", day);
	if (lang == LANGUAGE_FR && day == 1)
		g_string_append(s, "er");
}

const char *
format_date(FormatBuf *buf, Language lang, Day day)
{
	GString *s = g_string_sized_new(32);
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	append_day_of_month(s, lang, d);
	g_string_append_printf(s, " %s %d", locale_of(lang)->months[m - 1], y);
	return finish(buf, s);
}

void
format_date_range(FormatBuf *start, FormatBuf *end, Language lang, Day first, Day last)
{
	GString *s = g_string_sized_new(32);
	int y0, m0, d0, y1, m1, d1;

	day_to_ymd(first, &y0, &m0, &d0);
	day_to_ymd(last, &y1, &m1, &d1);
	format_date(end, lang, last);
	append_day_of_month(s, lang, d0);
	if (y0 != y1 || m0 != m1)
		g_string_append_printf(s, " %s", locale_of(lang)->months[m0 - 1]);
	if (y0 != y1)
		g_string_append_printf(s, " %d", y0);
	finish(start, s);
}

const char *
format_date_at(FormatBuf *buf, Language lang, GTimeZone *tz, gint64 t)
{
	return format_date(buf, lang, zone_day_of(tz, t, NULL));
}

const char *
format_datetime(FormatBuf *buf, Language lang, GTimeZone *tz, gint64 t)
{
	gint64 secs;
	Day day = zone_day_of(tz, t, &secs);
	size_t n;

	format_date(buf, lang, day);
	n = strlen(buf->s);
	g_snprintf(buf->s + n, sizeof buf->s - n, " %02d:%02d", (int)(secs / 3600),
		   (int)(secs / 60 % 60));
	return buf->s;
}

const char *
format_datetime_short(FormatBuf *buf, Language lang, GTimeZone *tz, gint64 t, int ref_year)
{
	gint64 secs;
	Day day = zone_day_of(tz, t, &secs);
	GString *s = g_string_sized_new(32);
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	append_day_of_month(s, lang, d);
	g_string_append_printf(s, " %s", locale_of(lang)->months_short[m - 1]);
	if (y != ref_year)
		g_string_append_printf(s, " %d", y);
	g_string_append_printf(s, " %02d:%02d", (int)(secs / 3600), (int)(secs / 60 % 60));
	return finish(buf, s);
}

const char *
format_month(FormatBuf *buf, Language lang, int year, int month)
{
	g_return_val_if_fail(month >= 1 && month <= 12, "");
	g_snprintf(buf->s, sizeof buf->s, "%s %d", locale_of(lang)->months[month - 1], year);
	return buf->s;
}
