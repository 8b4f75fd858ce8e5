/* SPDX-License-Identifier: MIT
 *
 * Civil-day arithmetic (Howard Hinnant's days_from_civil) and local time through
 * GTimeZone.  GDateTime is not used to resolve local times: it silently moves a
 * skipped time forward and picks the second occurrence of a repeated one, where the
 * spec wants an error and the first occurrence (../shared/notes/glib-facts.md).  We
 * only ask GTimeZone for the offset in force at a UTC instant, which is unambiguous.
 */
#include "zone.h"

static gint64
floor_div(gint64 a, gint64 b)
{
	gint64 q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

Day
day_from_ymd(int year, int month, int day)
{
	gint64 y = (gint64)year - (month <= 2);
	gint64 era = floor_div(y, 400);
	gint64 yoe = y - era * 400;
	gint64 mp = (month + 9) % 12;
	gint64 doy = (153 * mp + 2) / 5 + day - 1;
	gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (Day)(era * 146097 + doe - 719468);
}

void
day_to_ymd(Day d, int *year, int *month, int *day)
{
	gint64 z = (gint64)d + 719468;
	gint64 era = floor_div(z, 146097);
	gint64 doe = z - era * 146097;
	gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	gint64 mp = (5 * doy + 2) / 153;
	gint64 dd = doy - (153 * mp + 2) / 5 + 1;
	gint64 mm = mp < 10 ? mp + 3 : mp - 9;
	gint64 yy = yoe + era * 400 + (mm <= 2);

	*year = (int)yy;
	*month = (int)mm;
	*day = (int)dd;
}

static gboolean
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
day_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	g_return_val_if_fail(month >= 1 && month <= 12, 0);
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

gboolean
day_is_valid(int year, int month, int day)
{
	if (year < ZONE_YEAR_MIN || year > ZONE_YEAR_MAX || month < 1 || month > 12)
		return FALSE;
	return day >= 1 && day <= day_days_in_month(year, month);
}

int
day_weekday(Day d)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0) */
	return (int)(((gint64)d + 3) % 7 + 7) % 7;
}

Day
day_easter(int year)
{
	/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return day_from_ymd(year, month, day);
}

gint32
zone_offset_at(GTimeZone *tz, gint64 t)
{
	gint interval = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, t);

	return g_time_zone_get_offset(tz, interval);
}

Day
zone_day_of(GTimeZone *tz, gint64 t, gint64 *secs_of_day)
{
	gint64 local = t + zone_offset_at(tz, t);
	gint64 day = floor_div(local, 86400);

	if (secs_of_day != NULL)
		*secs_of_day = local - day * 86400;
	return (Day)day;
}

static gboolean
maps_to(GTimeZone *tz, gint64 local, gint64 u)
{
	return zone_offset_at(tz, u) == local - u;
}

ZoneLocalKind
zone_resolve_local(GTimeZone *tz, Day day, gint64 secs_of_day, gint64 *out)
{
	gint64 local = (gint64)day * 86400 + secs_of_day;
	/* Offsets a day either side bracket any transition near this time: zones do not
	 * change offset twice within two days. */
	gint64 u1 = local - zone_offset_at(tz, local - 86400);
	gint64 u2 = local - zone_offset_at(tz, local + 86400);
	gboolean v1 = maps_to(tz, local, u1);
	gboolean v2 = maps_to(tz, local, u2);
	gint64 lo, hi;

	if (v1 && v2 && u1 != u2) {
		*out = MIN(u1, u2);
		return ZONE_LOCAL_REPEATED;
	}
	if (v1 || v2) {
		*out = v1 ? u1 : u2;
		return ZONE_LOCAL_UNIQUE;
	}
	/* A gap: the transition lies between the two candidates.  Find its first
	 * second, where the new offset starts, by bisection. */
	lo = MIN(u1, u2);
	hi = MAX(u1, u2);
	{
		gint32 before = zone_offset_at(tz, lo);

		while (hi - lo > 1) {
			gint64 mid = lo + (hi - lo) / 2;

			if (zone_offset_at(tz, mid) == before)
				lo = mid;
			else
				hi = mid;
		}
	}
	*out = hi;
	return ZONE_LOCAL_SKIPPED;
}

gint64
zone_day_start(GTimeZone *tz, Day d)
{
	gint64 t;

	zone_resolve_local(tz, d, 0, &t);
	return t;
}

/* Writes @v (0 to 99) as two digits at @p. */
static void
two_digits(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

void
zone_format_utc(gint64 t, char buf[static 21])
{
	gint64 day = floor_div(t, 86400);
	gint64 secs = t - day * 86400;
	int y, m, dd;

	day_to_ymd((Day)day, &y, &m, &dd);
	if (y < 0 || y > 9999) {
		g_snprintf(buf, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, dd, (int)(secs / 3600),
			   (int)(secs / 60 % 60), (int)(secs % 60));
		return;
	}
	/* by hand: ledgers write hundreds of thousands, g_snprintf is most of their cost */
	two_digits(buf, y / 100);
	two_digits(buf + 2, y % 100);
	buf[4] = '-';
	two_digits(buf + 5, m);
	buf[7] = '-';
	two_digits(buf + 8, dd);
	buf[10] = 'T';
	two_digits(buf + 11, (int)(secs / 3600));
	buf[13] = ':';
	two_digits(buf + 14, (int)(secs / 60 % 60));
	buf[16] = ':';
	two_digits(buf + 17, (int)(secs % 60));
	buf[19] = 'Z';
	buf[20] = '\0';
}
