/* SPDX-License-Identifier: MIT */
#include "money.h"

static void
test_div_round(void)
{
	static const struct { gint64 num, den, expected; } cases[] = {
		{ 5, 10, 1 }, { 4, 10, 0 }, { 15, 10, 2 }, { 25, 10, 3 },
		{ -5, 10, -1 }, { -4, 10, 0 }, { -15, 10, -2 }, { -25, 10, -3 },
		{ 0, 7, 0 }, { 7, 7, 1 }, { G_MAXINT64, 1, G_MAXINT64 },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpint(money_div_round(cases[i].num, cases[i].den), ==, cases[i].expected);
}

static void
test_percent_of(void)
{
	static const struct { gint64 cents, percent, expected; } cases[] = {
		{ 40000, 10000, 4000 },     /* 10 % of 400.00 */
		{ 100, 2500, 3 },           /* 2.5 cents → 3 */
		{ 100, 2499, 2 },
		{ -10000, 20000, -2000 },
		{ -2500, 20000, -500 },
		{ -25, 10000, -3 },         /* −2.5 → −3: halves away from zero */
		{ 999999999999, 100000, 999999999999 },
		{ 999999999999, 100000000, 999999999999000 }, /* 100 000 %: no overflow */
		{ 10001, 3333, 333 },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpint(money_percent_of(cases[i].cents, cases[i].percent), ==,
				cases[i].expected);
}

static void
test_mul_ratio(void)
{
	/* 45 min at 90.00/h */
	g_assert_cmpint(money_mul_ratio(9000, 45, 60), ==, 6750);
	/* 1 min at 0.01/h = 0.0167 cents → 0 */
	g_assert_cmpint(money_mul_ratio(1, 1, 60), ==, 0);
	g_assert_cmpint(money_mul_ratio(1, 30, 60), ==, 1);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/money/round/half-away-from-zero", test_div_round);
	g_test_add_func("/money/percent-of/half-up-exact", test_percent_of);
	g_test_add_func("/money/mul-ratio/pro-rata", test_mul_ratio);
	return g_test_run();
}
