/* SPDX-License-Identifier: MIT
 *
 * How the statement writes numbers, money, percents, durations and dates in each
 * language (outputs.md "The statement"): the one place that knows that French writes
 * `1 234,50 €` and English `€1,234.50`.  Every function writes into a caller's
 * FormatBuf and returns its text, so formatting a table costs no allocation.
 *
 * French follows CLDR: U+202F NARROW NO-BREAK SPACE between thousands and before `%`,
 * U+00A0 NO-BREAK SPACE before a currency and between a number and its unit.  Output is
 * UTF-8.  Dates are civil dates in the provider's zone (zone.h), never the host's.
 */
#ifndef SLAREPORT_FORMAT_H
#define SLAREPORT_FORMAT_H

#include <glib.h>

#include "model.h"
#include "zone.h"

/* U+202F NARROW NO-BREAK SPACE and U+00A0 NO-BREAK SPACE in UTF-8 */
#define FORMAT_NNBSP "\xe2\x80\xaf"
#define FORMAT_NBSP "\xc2\xa0"

/* Room for the longest text below (a date-time with a 9-letter month, a 64-bit amount
 * with separators and a currency code). */
#define FORMAT_SIZE 96
typedef struct {
	char s[FORMAT_SIZE];
} FormatBuf;

/* An integer with thousands separators: `1 234 567` (fr, U+202F), `1,234,567` (en). */
const char *format_int(FormatBuf *buf, Language lang, gint64 n);
/* Milli-percent with exactly 3 decimals, as availability and compliance print:
 * `99,912 %` (U+202F before `%`), `99.912%`; negative values get a leading `-`. */
const char *format_percent(FormatBuf *buf, Language lang, gint32 milli);
/* The same without trailing zero decimals, as contracts write targets and rates:
 * `99,9 %`, `2,5 %`, `10 %`. */
const char *format_percent_short(FormatBuf *buf, Language lang, gint32 milli);
/* Cents in @currency (ISO 4217): `1 234,50 €` / `€1,234.50` for EUR, the code
 * otherwise: `1 234,50 CHF` / `CHF 1,234.50`.  Negative: `-12,00 €` / `-€12.00`. */
const char *format_money(FormatBuf *buf, Language lang, gint64 cents, const char *currency);
/* Seconds as hours, minutes and seconds, zero parts left out: `3 h 35 min`,
 * `43 min 1 s`, `0 s` (fr, U+00A0 between number and unit); `3h 35m`, `43m 1s`, `0s`
 * (en).  Parts are separated by plain spaces, where a line may break. */
const char *format_duration(FormatBuf *buf, Language lang, gint64 seconds);
/* A civil day: `3 octobre 2026`, `1er novembre 2026` (fr), `3 October 2026` (en). */
const char *format_date(FormatBuf *buf, Language lang, Day day);
/* The ends of the days @first..@last, the start written short where it shares the
 * end's year and month: `1er` / `30 juin 2026`, `3 mai` / `30 juin 2026`, else in
 * full; for templates such as "du {start} au {end}". */
void format_date_range(FormatBuf *start, FormatBuf *end, Language lang, Day first, Day last);
/* The civil day that holds instant @t in @tz, as format_date writes it. */
const char *format_date_at(FormatBuf *buf, Language lang, GTimeZone *tz, gint64 t);
/* Instant @t in @tz, to the minute: `3 octobre 2026 14:05`, `3 October 2026 14:05`. */
const char *format_datetime(FormatBuf *buf, Language lang, GTimeZone *tz, gint64 t);
/* Compact form for tables: `3 oct. 14:05` / `3 Oct 14:05`, the year added when it is
 * not @ref_year: `28 déc. 2025 14:05`. */
const char *format_datetime_short(FormatBuf *buf, Language lang, GTimeZone *tz, gint64 t,
				  int ref_year);
/* A month and its year: `octobre 2026`, `October 2026`. */
const char *format_month(FormatBuf *buf, Language lang, int year, int month);

#endif
