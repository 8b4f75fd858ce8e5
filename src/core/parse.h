/* SPDX-License-Identifier: MIT
 *
 * Value parsers for the input files (inputs.md "Value types", plans.md values).
 *
 * Pure: a string in, a value or an error out.  Every function takes the value already
 * trimmed and non-empty (callers handle "not given"), returns TRUE and sets its
 * out-parameters, or returns FALSE with a PARSE_ERROR whose message reads
 *   "VALUE" what is wrong (expected …)
 * ready to follow "FILE:LINE: column NAME: ".  No byte sequence makes them read out
 * of bounds, overflow or allocate more than the length of the message.
 */
#ifndef SLAREPORT_PARSE_H
#define SLAREPORT_PARSE_H

#include <glib.h>

#include "zone.h"

#define PARSE_ERROR (parse_error_quark())
GQuark parse_error_quark(void);

typedef enum {
	PARSE_ERROR_INVALID, /* not of the type */
	PARSE_ERROR_RANGE,   /* of the type, but out of range */
	PARSE_ERROR_SKIPPED, /* a local time that does not exist */
} ParseErrorCode;

/* Largest id, in bytes (inputs.md). */
#define PARSE_ID_MAX 64
/* Largest count, minutes value or duration in minutes: about 1 900 years of minutes,
 * small enough that sums over millions of rows, in seconds, stay far from 2^63. */
#define PARSE_NUMBER_MAX G_GINT64_CONSTANT(999999999)
/* Largest money amount in cents: 9 999 999 999.99. */
#define PARSE_MONEY_MAX G_GINT64_CONSTANT(999999999999)
/* Largest percent in milli-percent: 1000 %. */
#define PARSE_PERCENT_MAX 1000000

/* A time zone with a cache of the offsets around each local day, so that a month of
 * timestamps costs a few zone lookups per day rather than several per value. */
#define PARSE_ZONE_SLOTS 512
typedef struct {
	GTimeZone *tz; /* borrowed */
	Day day[PARSE_ZONE_SLOTS];
	gint32 before[PARSE_ZONE_SLOTS]; /* the offset near the day before @change, or
					  * G_MININT32 when two transitions are near */
	gint32 after[PARSE_ZONE_SLOTS];  /* the offset from @change on */
	gint64 change[PARSE_ZONE_SLOTS]; /* the one transition near the day (UTC), or
					  * G_MAXINT64 when none is */
} ParseZone;

/* Prepares @zone for @tz (borrowed: keep it alive as long as @zone is used). */
void parse_zone_init(ParseZone *zone, GTimeZone *tz);

/* An id: 1–64 of A-Z a-z 0-9 . _ -, not starting with '.'. */
gboolean parse_id(const char *s, GError **error);

/*
 * A timestamp YYYY-MM-DDTHH:MM[:SS] (a space may replace T) with an optional Z or
 * ±HH:MM.  Without an offset it is local time in @zone: *kind tells whether it was
 * unique or repeated (*out is then its first occurrence); a skipped local time fails
 * with PARSE_ERROR_SKIPPED.  With an offset *kind is ZONE_LOCAL_UNIQUE.
 */
gboolean parse_timestamp(const char *s, ParseZone *zone, gint64 *out, ZoneLocalKind *kind,
			 GError **error);
/* A date YYYY-MM-DD, year 1 to 9999. */
gboolean parse_date(const char *s, Day *out, GError **error);
/* Money: digits, an optional '.' or ',' and at most 2 decimals, at most
 * 9 999 999 999.99; *cents gets the amount in cents. */
gboolean parse_money(const char *s, gint64 *cents, GError **error);
/* A whole number of minutes, 0 to PARSE_NUMBER_MAX. */
gboolean parse_minutes(const char *s, gint64 *out, GError **error);
/* A whole number (counts, work units), 0 to PARSE_NUMBER_MAX. */
gboolean parse_count(const char *s, gint64 *out, GError **error);
/* yes/no, true/false, 1/0, oui/non, any case. */
gboolean parse_bool(const char *s, gboolean *out, GError **error);
/* One of the NULL-terminated @words, any ASCII case; *out gets its index. */
gboolean parse_enum(const char *s, const char *const *words, int *out, GError **error);

/*
 * A plans.ini duration: `45m`, `4h`, `1h30m`, `8d`, `1d12h`, or a bare number of
 * minutes; units in the order d, h, m, each at most once; at most PARSE_NUMBER_MAX
 * minutes in all.  *seconds gets the length; *whole_days (may be NULL) is TRUE when
 * only days were written (`8d`: a notice in calendar days).
 */
gboolean parse_duration(const char *s, gint64 *seconds, gboolean *whole_days, GError **error);
/* A percent: digits with an optional '.' and at most 3 decimals, 0 to 1000;
 * *milli gets thousandths of a percent. */
gboolean parse_percent(const char *s, gint32 *milli, GError **error);
/* A wall-clock range HH:MM-HH:MM of one day, the end at most 24:00 and after the
 * start; seconds from midnight. */
gboolean parse_clock_range(const char *s, gint32 *start, gint32 *end, GError **error);
/* Splits a comma-separated list into trimmed items (transfer full); fails on an empty
 * item or an empty list. */
char **parse_list(const char *s, GError **error);

/* @s quoted for a message: in double quotes, control bytes escaped, cut after 40
 * characters with "…" (transfer full).  @s must be valid UTF-8. */
char *parse_quote(const char *s);

#endif
