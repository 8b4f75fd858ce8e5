/* SPDX-License-Identifier: MIT
 *
 * Money in integer cents and the one rounding rule of the spec: half up, halves away
 * from zero, negatives included (decisions.md 30).  Every amount the program derives
 * from a fee, a rate or a percent goes through this module.
 */
#ifndef SLAREPORT_MONEY_H
#define SLAREPORT_MONEY_H

#include <glib.h>

/* num / den rounded half away from zero; den > 0.  Exact for any gint64 num. */
gint64 money_div_round(gint64 num, gint64 den);
/* @cents × @percent / 100 % (percent in milli-percent), rounded half up.  Exact:
 * the product is taken in 128 bits, since a percent built from many blocks can be
 * large; the result must fit in gint64. */
gint64 money_percent_of(gint64 cents, gint64 percent);
/* @cents × @num / @den rounded half up, exact in 128 bits; den > 0. */
gint64 money_mul_ratio(gint64 cents, gint64 num, gint64 den);

#endif
