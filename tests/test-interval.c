/* SPDX-License-Identifier: MIT */
#include "interval.h"

/* Builds a set from "s-e s-e …" pairs of numbers, normalized. */
static void
set_of(IntervalSet *set, const gint64 *pairs, gsize n)
{
	interval_set_init(set);
	for (gsize i = 0; i + 1 < n; i += 2)
		interval_set_add(set, pairs[i], pairs[i + 1]);
	interval_set_normalize(set);
}

static void
assert_set(const IntervalSet *set, const gint64 *pairs, gsize n)
{
	g_assert_cmpuint(set->n, ==, n / 2);
	for (gsize i = 0; i < n / 2; i++) {
		g_assert_cmpint(set->v[i].start, ==, pairs[2 * i]);
		g_assert_cmpint(set->v[i].end, ==, pairs[2 * i + 1]);
	}
}

static void
test_normalize(void)
{
	static const gint64 in[] = { 50, 60, 0, 10, 5, 20, 20, 30, 40, 40, 70, 80, 75, 78 };
	static const gint64 out[] = { 0, 30, 50, 60, 70, 80 };
	g_auto(IntervalSet) s = INTERVAL_SET_INIT;

	set_of(&s, in, G_N_ELEMENTS(in));
	assert_set(&s, out, G_N_ELEMENTS(out));
	g_assert_cmpint(interval_set_total(&s), ==, 50);
}

static void
test_operations(void)
{
	static const gint64 a_[] = { 0, 10, 20, 30, 40, 50 };
	static const gint64 b_[] = { 5, 25, 45, 60 };
	static const gint64 u[] = { 0, 30, 40, 60 };
	static const gint64 i[] = { 5, 10, 20, 25, 45, 50 };
	static const gint64 d[] = { 0, 5, 25, 30, 40, 45 };
	static const gint64 d2[] = { 10, 20, 50, 60 };
	g_auto(IntervalSet) a = INTERVAL_SET_INIT;
	g_auto(IntervalSet) b = INTERVAL_SET_INIT;
	g_auto(IntervalSet) out = INTERVAL_SET_INIT;

	set_of(&a, a_, G_N_ELEMENTS(a_));
	set_of(&b, b_, G_N_ELEMENTS(b_));
	interval_set_union(&a, &b, &out);
	assert_set(&out, u, G_N_ELEMENTS(u));
	interval_set_intersect(&a, &b, &out);
	assert_set(&out, i, G_N_ELEMENTS(i));
	interval_set_subtract(&a, &b, &out);
	assert_set(&out, d, G_N_ELEMENTS(d));
	interval_set_subtract(&b, &a, &out);
	assert_set(&out, d2, G_N_ELEMENTS(d2));
}

static void
test_subtract_many(void)
{
	static const gint64 a_[] = { 0, 100 };
	static const gint64 b_[] = { -5, 1, 10, 20, 30, 40, 99, 200 };
	static const gint64 d[] = { 1, 10, 20, 30, 40, 99 };
	g_auto(IntervalSet) a = INTERVAL_SET_INIT;
	g_auto(IntervalSet) b = INTERVAL_SET_INIT;
	g_auto(IntervalSet) out = INTERVAL_SET_INIT;

	set_of(&a, a_, G_N_ELEMENTS(a_));
	set_of(&b, b_, G_N_ELEMENTS(b_));
	interval_set_subtract(&a, &b, &out);
	assert_set(&out, d, G_N_ELEMENTS(d));
}

static void
test_clip_and_measure(void)
{
	static const gint64 a_[] = { 0, 10, 20, 30, 40, 50 };
	static const gint64 c[] = { 5, 10, 20, 30, 40, 45 };
	g_auto(IntervalSet) a = INTERVAL_SET_INIT;

	set_of(&a, a_, G_N_ELEMENTS(a_));
	g_assert_cmpint(interval_set_measure(&a, 5, 45), ==, 20);
	g_assert_cmpint(interval_set_measure(&a, 10, 20), ==, 0);
	g_assert_cmpint(interval_set_measure(&a, -100, 100), ==, 30);
	g_assert_cmpint(interval_set_measure(&a, 25, 25), ==, 0);
	interval_set_clip(&a, (Interval){ 5, 45 });
	assert_set(&a, c, G_N_ELEMENTS(c));
}

static void
test_empty(void)
{
	g_auto(IntervalSet) a = INTERVAL_SET_INIT;
	g_auto(IntervalSet) b = INTERVAL_SET_INIT;
	g_auto(IntervalSet) out = INTERVAL_SET_INIT;

	interval_set_add(&a, 5, 5);
	interval_set_add(&a, 9, 3);
	g_assert_cmpuint(a.n, ==, 0);
	interval_set_union(&a, &b, &out);
	g_assert_cmpuint(out.n, ==, 0);
	g_assert_cmpint(interval_length(interval_intersect((Interval){ 0, 5 }, (Interval){ 6, 9 })),
			==, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/interval/set/normalize-merges-overlaps-and-touching", test_normalize);
	g_test_add_func("/interval/set/union-intersect-subtract", test_operations);
	g_test_add_func("/interval/set/subtract-many", test_subtract_many);
	g_test_add_func("/interval/set/clip-and-measure", test_clip_and_measure);
	g_test_add_func("/interval/set/empty", test_empty);
	return g_test_run();
}
