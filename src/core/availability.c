/* SPDX-License-Identifier: MIT
 *
 * Availability as set algebra on interval sets, all cut to the measured time M (the
 * period inside the availability calendar):
 *   planned    = (provider ∪ customer interruptions) ∩ qualifying windows ∩ M
 *   customer   = (customer interruptions − provider − windows) ∩ M
 *   downtime   = (provider − windows) ∩ M
 *   eligible   = |M| − planned − customer
 * Percent comparisons are cross-multiplied integers: never a float.
 */
#include "availability.h"

#include "window.h"

/* An interruption with the row it came from, for the statement's lists. */
typedef struct {
	Interval span;
	const Outage *outage;
	const Ticket *ticket;
	Cause cause;
} Interruption;

static int
compare_interruptions(gconstpointer pa, gconstpointer pb)
{
	const Interruption *a = pa, *b = pb;

	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	if (a->span.end != b->span.end)
		return a->span.end < b->span.end ? -1 : 1;
	return 0;
}

/* The service's interruptions inside its period, from outages or from incident
 * tickets (availability.source=tickets, decisions.md 24), sorted by start. */
static GArray *
collect_interruptions(const AvailabilityInput *in)
{
	GArray *list = g_array_new(FALSE, FALSE, sizeof(Interruption));

	if (in->plan->source_tickets) {
		for (guint i = 0; i < in->n_tickets; i++) {
			const Ticket *t = in->tickets[i];
			gint64 end = ticket_restored_at(t);
			Interruption it = { { t->opened_at, end == TIME_NONE ? in->period.end : end },
					    NULL, t, t->cause };

			if (t->excluded || t->type != TICKET_INCIDENT || !t->interrupted)
				continue;
			it.span = interval_intersect(it.span, in->period);
			if (interval_length(it.span) > 0)
				g_array_append_val(list, it);
		}
	} else {
		for (guint i = 0; i < in->n_outages; i++) {
			const Outage *o = in->outages[i];
			Interruption it = { { o->start, o->end == TIME_NONE ? in->period.end : o->end },
					    o, NULL, o->cause };

			it.span = interval_intersect(it.span, in->period);
			if (interval_length(it.span) > 0)
				g_array_append_val(list, it);
		}
	}
	g_array_sort(list, compare_interruptions);
	return list;
}

void
availability_qualifying_windows(const Plan *plan, GTimeZone *tz,
				const Maintenance *const *windows, guint n_windows,
				IntervalSet *out)
{
	out->n = 0;
	for (guint i = 0; i < n_windows; i++)
		if (window_notice(windows[i], plan, tz) == WINDOW_QUALIFIES)
			interval_set_add(out, windows[i]->start, windows[i]->end);
	interval_set_normalize(out);
}

/* Appends one row per interruption of @cause_provider kind with the part of @set it
 * adds; overlaps are given to the earliest row, so the rows add up to |set|. */
static void
attribute(const GArray *list, gboolean provider, const IntervalSet *set, ServiceReport *out)
{
	gint64 covered = G_MININT64;

	for (guint i = 0; i < list->len; i++) {
		const Interruption *it = &g_array_index(list, Interruption, i);
		gint64 from = MAX(it->span.start, covered);
		gint64 seconds;

		if ((it->cause == CAUSE_PROVIDER) != provider)
			continue;
		seconds = from < it->span.end ? interval_set_measure(set, from, it->span.end) : 0;
		covered = MAX(covered, it->span.end);
		if (provider) {
			DowntimeEvent ev = { it->outage, it->ticket, it->span, seconds };

			g_array_append_val(out->events, ev);
		} else if (seconds > 0) {
			Exclusion ex = { EXCLUSION_CUSTOMER, NULL, it->outage, it->ticket,
					 it->cause, it->span, seconds };

			g_array_append_val(out->exclusions, ex);
		}
	}
}

/* One row per window that excused time, or that would have if notified in time. */
static void
list_windows(const AvailabilityInput *in, ServiceReport *out)
{
	for (guint i = 0; i < in->n_windows; i++) {
		const Maintenance *w = in->windows[i];
		Interval span = interval_intersect((Interval){ w->start, w->end }, in->period);
		Exclusion ex = { EXCLUSION_PLANNED, w, NULL, NULL, CAUSE_PROVIDER, span, 0 };

		if (interval_length(span) == 0)
			continue;
		switch (window_notice(w, in->plan, in->tz)) {
		case WINDOW_QUALIFIES:
			ex.seconds = interval_set_measure(&out->planned, span.start, span.end);
			break;
		case WINDOW_NOTICE_TOO_SHORT:
			ex.kind = EXCLUSION_REFUSED_NOTICE;
			ex.seconds = interval_set_measure(&out->downtime, span.start, span.end);
			break;
		case WINDOW_NOT_NOTIFIED:
			ex.kind = EXCLUSION_REFUSED_UNNOTIFIED;
			ex.seconds = interval_set_measure(&out->downtime, span.start, span.end);
			break;
		}
		if (ex.seconds > 0)
			g_array_append_val(out->exclusions, ex);
	}
}

static int
compare_exclusions(gconstpointer pa, gconstpointer pb)
{
	const Exclusion *a = pa, *b = pb;

	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return (int)a->kind - (int)b->kind;
}

void
availability_compute(const AvailabilityInput *in, ServiceReport *out)
{
	g_auto(IntervalSet) measured = INTERVAL_SET_INIT;
	g_auto(IntervalSet) provider = INTERVAL_SET_INIT;
	g_auto(IntervalSet) customer = INTERVAL_SET_INIT;
	g_auto(IntervalSet) windows = INTERVAL_SET_INIT;
	g_auto(IntervalSet) all = INTERVAL_SET_INIT;
	g_auto(IntervalSet) tmp = INTERVAL_SET_INIT;
	g_auto(IntervalSet) tmp2 = INTERVAL_SET_INIT;
	g_autoptr(GArray) list = collect_interruptions(in);
	gint64 eligible, up;

	calendar_span_clip(in->calendar, in->period, &measured);
	interval_set_normalize(&measured);
	for (guint i = 0; i < list->len; i++) {
		const Interruption *it = &g_array_index(list, Interruption, i);

		interval_set_add(it->cause == CAUSE_PROVIDER ? &provider : &customer,
				 it->span.start, it->span.end);
	}
	interval_set_normalize(&provider);
	interval_set_normalize(&customer);
	availability_qualifying_windows(in->plan, in->tz, in->windows, in->n_windows, &windows);
	interval_set_clip(&windows, in->period);

	/* planned = (provider ∪ customer) ∩ windows ∩ M */
	interval_set_union(&provider, &customer, &all);
	interval_set_intersect(&all, &windows, &tmp);
	interval_set_intersect(&tmp, &measured, &out->planned);
	/* customer-caused = (customer − provider − windows) ∩ M */
	interval_set_subtract(&customer, &provider, &tmp);
	interval_set_subtract(&tmp, &windows, &tmp2);
	interval_set_intersect(&tmp2, &measured, &out->customer_caused);
	/* downtime = (provider − windows) ∩ M */
	interval_set_subtract(&provider, &windows, &tmp);
	interval_set_intersect(&tmp, &measured, &out->downtime);

	out->period = in->period;
	out->period_s = interval_length(in->period);
	out->planned_s = interval_set_total(&out->planned);
	out->customer_caused_s = interval_set_total(&out->customer_caused);
	out->downtime_s = interval_set_total(&out->downtime);
	eligible = interval_set_total(&measured) - out->planned_s - out->customer_caused_s;
	out->eligible_s = eligible;
	up = eligible - out->downtime_s;
	out->availability = eligible > 0 ? (gint32)(up * PCT_100 / eligible) : PCT_100;
	out->has_target = in->plan->has_target;
	if (out->has_target) {
		gint64 target = in->plan->target;

		out->met = eligible == 0 || up * PCT_100 >= target * eligible;
		out->allowed_downtime_s = MAX(0, eligible * (PCT_100 - target) / PCT_100);
	}

	attribute(list, TRUE, &out->downtime, out);
	attribute(list, FALSE, &out->customer_caused, out);
	list_windows(in, out);
	g_array_sort(out->exclusions, compare_exclusions);
}

/* Blocks of @seconds_scaled / PCT_100 seconds, started or completed. */
static gint64
count_blocks(gint64 scaled, gint64 block, gboolean completed)
{
	gint64 den = block * PCT_100;

	if (scaled <= 0 || block <= 0)
		return 0;
	return completed ? scaled / den : (scaled + den - 1) / den;
}

gint64
availability_credit_percent(const Plan *plan, const ServiceReport *r)
{
	gint64 up = r->eligible_s - r->downtime_s;
	gint64 best_threshold = G_MAXINT64, percent = 0;

	if (!r->has_target || r->met)
		return 0;
	switch (plan->availability_penalty) {
	case PENALTY_PER_BLOCK: {
		/* counted=excess uses the exact allowed downtime (decisions.md 22): work
		 * in 1/100000 s so the allowance's fraction is kept */
		gint64 scaled = r->downtime_s * PCT_100;

		if (plan->counted_excess)
			scaled -= r->eligible_s * (PCT_100 - plan->target);
		return count_blocks(scaled, plan->availability_block, plan->block_completed) *
		       plan->availability_block_percent;
	}
	case PENALTY_TIERS:
		for (guint i = 0; i < plan->n_availability_tiers; i++) {
			const Tier *t = &plan->availability_tiers[i];

			/* below the threshold, exactly: up/eligible < bound/100000 */
			if (up * PCT_100 < t->bound * r->eligible_s && t->bound < best_threshold) {
				best_threshold = t->bound;
				percent = t->percent;
			}
		}
		return percent;
	default:
		return 0;
	}
}
