/* SPDX-License-Identifier: MIT
 *
 * Half-up rounding in exact integer arithmetic.  128-bit intermediates (a GCC/Clang
 * extension on 64-bit targets) keep a fee of up to 10^12 cents times any percent
 * exact; nothing here ever touches a double.
 */
#include "money.h"

static gint64
div_round128(__int128 num, __int128 den)
{
	__int128 q = num / den, r = num % den;

	/* C division truncates toward zero: push the quotient away from zero when the
	 * remainder is at least half the divisor. */
	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += num < 0 ? -1 : 1;
	return (gint64)q;
}

gint64
money_div_round(gint64 num, gint64 den)
{
	g_return_val_if_fail(den > 0, 0);
	return div_round128(num, den);
}

gint64
money_mul_ratio(gint64 cents, gint64 num, gint64 den)
{
	g_return_val_if_fail(den > 0, 0);
	return div_round128((__int128)cents * num, den);
}

gint64
money_percent_of(gint64 cents, gint64 percent)
{
	return money_mul_ratio(cents, percent, 100000);
}
