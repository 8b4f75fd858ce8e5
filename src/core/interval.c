/* SPDX-License-Identifier: MIT
 *
 * Interval sets as sorted arrays.  Binary operations are merges of two sorted lists;
 * nothing here knows about time zones or calendars.
 */
#include "interval.h"

Interval
interval_intersect(Interval a, Interval b)
{
	Interval r = { MAX(a.start, b.start), MIN(a.end, b.end) };

	if (r.end < r.start)
		r.end = r.start;
	return r;
}

void
interval_set_init(IntervalSet *set)
{
	set->v = NULL;
	set->n = 0;
	set->alloc = 0;
}

void
interval_set_clear(IntervalSet *set)
{
	g_free(set->v);
	interval_set_init(set);
}

static void
push(IntervalSet *set, gint64 start, gint64 end)
{
	if (set->n == set->alloc) {
		set->alloc = set->alloc ? set->alloc * 2 : 8;
		set->v = g_renew(Interval, set->v, set->alloc);
	}
	set->v[set->n].start = start;
	set->v[set->n].end = end;
	set->n++;
}

/* Appends to a set being built in order, merging with the last interval when they
 * touch, so the result stays normal. */
static void
push_merge(IntervalSet *set, gint64 start, gint64 end)
{
	if (end <= start)
		return;
	if (set->n > 0 && start <= set->v[set->n - 1].end) {
		if (end > set->v[set->n - 1].end)
			set->v[set->n - 1].end = end;
		return;
	}
	push(set, start, end);
}

void
interval_set_add(IntervalSet *set, gint64 start, gint64 end)
{
	if (end > start)
		push(set, start, end);
}

static int
compare_start(gconstpointer pa, gconstpointer pb)
{
	const Interval *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return 0;
}

void
interval_set_normalize(IntervalSet *set)
{
	guint out = 0;

	if (set->n < 2)
		return;
	qsort(set->v, set->n, sizeof(Interval), compare_start);
	for (guint i = 1; i < set->n; i++) {
		if (set->v[i].start <= set->v[out].end) {
			if (set->v[i].end > set->v[out].end)
				set->v[out].end = set->v[i].end;
		} else {
			set->v[++out] = set->v[i];
		}
	}
	set->n = out + 1;
}

void
interval_set_copy(IntervalSet *dst, const IntervalSet *src)
{
	dst->n = 0;
	for (guint i = 0; i < src->n; i++)
		push(dst, src->v[i].start, src->v[i].end);
}

void
interval_set_union(const IntervalSet *a, const IntervalSet *b, IntervalSet *out)
{
	guint i = 0, j = 0;

	g_return_if_fail(out != a && out != b);
	out->n = 0;
	while (i < a->n || j < b->n) {
		const Interval *next;

		if (j >= b->n || (i < a->n && a->v[i].start <= b->v[j].start))
			next = &a->v[i++];
		else
			next = &b->v[j++];
		push_merge(out, next->start, next->end);
	}
}

void
interval_set_intersect(const IntervalSet *a, const IntervalSet *b, IntervalSet *out)
{
	guint i = 0, j = 0;

	g_return_if_fail(out != a && out != b);
	out->n = 0;
	while (i < a->n && j < b->n) {
		gint64 s = MAX(a->v[i].start, b->v[j].start);
		gint64 e = MIN(a->v[i].end, b->v[j].end);

		push_merge(out, s, e);
		if (a->v[i].end < b->v[j].end)
			i++;
		else
			j++;
	}
}

void
interval_set_subtract(const IntervalSet *a, const IntervalSet *b, IntervalSet *out)
{
	guint j = 0;

	g_return_if_fail(out != a && out != b);
	out->n = 0;
	for (guint i = 0; i < a->n; i++) {
		gint64 s = a->v[i].start, e = a->v[i].end;

		while (j < b->n && b->v[j].end <= s)
			j++;
		for (guint k = j; k < b->n && b->v[k].start < e; k++) {
			push_merge(out, s, b->v[k].start);
			if (b->v[k].end > s)
				s = b->v[k].end;
		}
		push_merge(out, s, e);
	}
}

void
interval_set_clip(IntervalSet *set, Interval within)
{
	guint out = 0;

	for (guint i = 0; i < set->n; i++) {
		Interval r = interval_intersect(set->v[i], within);

		if (r.end > r.start)
			set->v[out++] = r;
	}
	set->n = out;
}

gint64
interval_set_total(const IntervalSet *set)
{
	gint64 total = 0;

	for (guint i = 0; i < set->n; i++)
		total += set->v[i].end - set->v[i].start;
	return total;
}

/* Index of the first interval whose end is after @t. */
static guint
first_ending_after(const IntervalSet *set, gint64 t)
{
	guint lo = 0, hi = set->n;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;

		if (set->v[mid].end <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

gint64
interval_set_measure(const IntervalSet *set, gint64 a, gint64 b)
{
	gint64 total = 0;
	Interval q = { a, b };

	for (guint i = first_ending_after(set, a); i < set->n && set->v[i].start < b; i++)
		total += interval_length(interval_intersect(set->v[i], q));
	return total;
}
