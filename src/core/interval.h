/* SPDX-License-Identifier: MIT
 *
 * Half-open intervals of instants [start, end) and sets of them.
 *
 * An IntervalSet is "normal" when its intervals are sorted, non-empty and neither
 * overlap nor touch; every operation below returns a normal set, and every operation
 * taking two sets expects normal inputs (interval_set_normalize makes one).  Linear in
 * the sizes of its inputs after one sort: no quadratic step.
 */
#ifndef SLAREPORT_INTERVAL_H
#define SLAREPORT_INTERVAL_H

#include <glib.h>

typedef struct {
	gint64 start;
	gint64 end;
} Interval;

typedef struct {
	Interval *v;
	guint n;
	guint alloc;
} IntervalSet;

#define INTERVAL_SET_INIT { NULL, 0, 0 }

static inline gint64
interval_length(Interval iv)
{
	return iv.end > iv.start ? iv.end - iv.start : 0;
}

/* [max(starts), min(ends)), empty (length 0) when they do not meet. */
Interval interval_intersect(Interval a, Interval b);

void interval_set_init(IntervalSet *set);
/* Frees the intervals; the set is empty and reusable afterwards. */
void interval_set_clear(IntervalSet *set);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(IntervalSet, interval_set_clear)

/* Appends [start, end) as is (empty intervals are dropped); the set may stop being
 * normal until interval_set_normalize. */
void interval_set_add(IntervalSet *set, gint64 start, gint64 end);
/* Sorts and merges overlapping or touching intervals: the union of what was added. */
void interval_set_normalize(IntervalSet *set);
/* Replaces @dst's content by a copy of @src. */
void interval_set_copy(IntervalSet *dst, const IntervalSet *src);

/* @out = a ∪ b.  @out must be distinct from both inputs. */
void interval_set_union(const IntervalSet *a, const IntervalSet *b, IntervalSet *out);
/* @out = a ∩ b.  @out must be distinct from both inputs. */
void interval_set_intersect(const IntervalSet *a, const IntervalSet *b, IntervalSet *out);
/* @out = a − b.  @out must be distinct from both inputs. */
void interval_set_subtract(const IntervalSet *a, const IntervalSet *b, IntervalSet *out);
/* Cuts @set, in place, to @within. */
void interval_set_clip(IntervalSet *set, Interval within);
/* Total length of a normal set. */
gint64 interval_set_total(const IntervalSet *set);
/* Length of @set ∩ [a, b), for a normal set, by binary search. */
gint64 interval_set_measure(const IntervalSet *set, gint64 a, gint64 b);

#endif
