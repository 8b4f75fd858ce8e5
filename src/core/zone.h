/* SPDX-License-Identifier: MIT
 *
 * Instants, civil days and the provider's time zone.
 *
 * An instant is a gint64 count of seconds since 1970-01-01T00:00:00Z (UTC); the
 * spec's inputs have at most second precision and its outputs are whole seconds, so
 * nothing finer is kept.  A Day is a proleptic-Gregorian civil date as a day number
 * (0 = 1970-01-01).  Wall-clock conversion happens only here, through GTimeZone:
 * the rest of the program never sees a local time.
 */
#ifndef SLAREPORT_ZONE_H
#define SLAREPORT_ZONE_H

#include <glib.h>

/* "not given" for an optional instant */
#define TIME_NONE G_MININT64
/* "not given" for an optional day */
#define DAY_NONE G_MININT32

typedef gint32 Day;

/* Years a Day or an instant may carry: the range GDateTime accepts. */
#define ZONE_YEAR_MIN 1
#define ZONE_YEAR_MAX 9999

/* Day number of a civil date; the date must be valid (see day_is_valid). */
Day day_from_ymd(int year, int month, int day);
/* Splits a day number into its civil date. */
void day_to_ymd(Day d, int *year, int *month, int *day);
/* TRUE when year/month/day is a real date within ZONE_YEAR_MIN..ZONE_YEAR_MAX. */
gboolean day_is_valid(int year, int month, int day);
/* Days in a month of a year (28..31). */
int day_days_in_month(int year, int month);
/* 0 = Monday … 6 = Sunday. */
int day_weekday(Day d);
/* Easter Sunday of a Gregorian year. */
Day day_easter(int year);

/* How a local wall-clock time maps to instants. */
typedef enum {
	ZONE_LOCAL_UNIQUE,   /* exactly one instant */
	ZONE_LOCAL_REPEATED, /* twice (clocks went back): *out is the first occurrence */
	ZONE_LOCAL_SKIPPED,  /* never (clocks went forward): *out is the end of the gap */
} ZoneLocalKind;

/*
 * Resolves a local time (a day plus seconds from its midnight, 0..86400 inclusive,
 * 86400 meaning the next midnight) in @tz to an instant.  Never fails: the kind says
 * whether the time was repeated or skipped, and what *out was set to then.
 */
ZoneLocalKind zone_resolve_local(GTimeZone *tz, Day day, gint64 secs_of_day, gint64 *out);

/* Offset of @tz from UTC at instant @t, in seconds (east positive). */
gint32 zone_offset_at(GTimeZone *tz, gint64 t);
/* Civil day, in @tz, that holds instant @t; *secs_of_day (may be NULL) gets the wall
 * clock seconds since that day's midnight. */
Day zone_day_of(GTimeZone *tz, gint64 t, gint64 *secs_of_day);
/* First instant of a local day (its midnight, or the end of a gap holding midnight). */
gint64 zone_day_start(GTimeZone *tz, Day d);

/* Formats @t as UTC "YYYY-MM-DDTHH:MM:SSZ" into @buf (at least 21 bytes). */
void zone_format_utc(gint64 t, char buf[static 21]);

#endif
