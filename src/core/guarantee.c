/* SPDX-License-Identifier: MIT
 *
 * GTR and GTI.  Elapsed time is measured on calendar spans (calendar.h), so a ticket
 * open for weeks costs a few binary searches, not a walk.  Planned maintenance stops
 * the GTR clock (the span measure of each qualifying window is taken off), GTI ignores
 * windows and pauses (decisions.md 28a).
 */
#include "guarantee.h"

#include "allowance.h"
#include "money.h"

const Guarantee *
guarantee_of(const Plan *plan, GuaranteeKind kind)
{
	return kind == GUARANTEE_GTR ? &plan->gtr : &plan->gti;
}

/* The plan's spelling of a priority name, or @name itself when not listed. */
static const char *
spelling(const Plan *plan, const char *name)
{
	for (guint i = 0; plan->priorities != NULL && plan->priorities[i] != NULL; i++)
		if (g_ascii_strcasecmp(plan->priorities[i], name) == 0)
			return plan->priorities[i];
	return name;
}

const char *
guarantee_priority(const Plan *plan, const Ticket *t)
{
	const TicketLabels *l = t->labels;

	if (l->priority != NULL)
		return spelling(plan, l->priority);
	if (l->impact == NULL || l->urgency == NULL)
		return NULL;
	for (guint i = 0; i < plan->n_matrix; i++) {
		const MatrixEntry *m = &plan->matrix[i];

		if (g_ascii_strcasecmp(m->impact, l->impact) == 0 &&
		    g_ascii_strcasecmp(m->urgency, l->urgency) == 0)
			return spelling(plan, m->priority);
	}
	return NULL;
}

gboolean
guarantee_target(const Guarantee *g, const char *priority, gint64 *target)
{
	const PriorityTarget *star = NULL;

	for (guint i = 0; i < g->n_targets; i++) {
		const PriorityTarget *pt = &g->targets[i];

		if (pt->priority == NULL) {
			if (star == NULL)
				star = pt;
		} else if (priority != NULL && g_ascii_strcasecmp(pt->priority, priority) == 0) {
			*target = pt->target;
			return TRUE;
		}
	}
	if (star == NULL)
		return FALSE;
	*target = star->target;
	return TRUE;
}

const Calendar *
guarantee_calendar(const Guarantee *g, const char *priority)
{
	for (guint i = 0; priority != NULL && i < g->n_calendars; i++)
		if (g_ascii_strcasecmp(g->calendars[i].priority, priority) == 0)
			return g->calendars[i].calendar;
	return g->calendar;
}

gint64
guarantee_stop(const Ticket *t, GuaranteeKind kind)
{
	return kind == GUARANTEE_GTR ? ticket_restored_at(t) : ticket_responded_at(t);
}

static gboolean
listed(char *const *list, const char *value)
{
	if (value == NULL)
		return FALSE;
	for (guint i = 0; list[i] != NULL; i++)
		if (g_ascii_strcasecmp(list[i], value) == 0)
			return TRUE;
	return FALSE;
}

static JudgementReason
reason_not_applicable(const Guarantee *g, const Ticket *t, GuaranteeKind kind,
		      gboolean has_target)
{
	if (kind == GUARANTEE_GTR && !t->interrupted)
		return REASON_NOT_INTERRUPTED;
	if (kind == GUARANTEE_GTR && t->cause != CAUSE_PROVIDER)
		return REASON_CUSTOMER_CAUSED;
	if (!has_target)
		return REASON_NO_TARGET;
	if (g->categories != NULL && !listed(g->categories, t->labels->category))
		return REASON_CATEGORY;
	if (g->channels != 0 && (g->channels & t->channel) == 0)
		return REASON_CHANNEL;
	return REASON_NONE;
}

gboolean
guarantee_needs_priority(const Plan *plan, const Ticket *t, GuaranteeKind kind)
{
	const Guarantee *g = guarantee_of(plan, kind);
	gint64 target;

	if (!g->defined || t->type != TICKET_INCIDENT || guarantee_priority(plan, t) != NULL)
		return FALSE;
	if (kind == GUARANTEE_GTR && (!t->interrupted || t->cause != CAUSE_PROVIDER))
		return FALSE;
	return !guarantee_target(g, NULL, &target);
}

/* Seconds of [a, b) in the guarantee's calendar, less planned work for GTR. */
static gint64
elapsed_between(const GuaranteeContext *ctx, const CalendarSpan *span, GuaranteeKind kind,
		gint64 a, gint64 b)
{
	gint64 elapsed = calendar_span_measure(span, a, b);

	if (kind != GUARANTEE_GTR)
		return elapsed;
	for (guint i = 0; i < ctx->windows->n; i++) {
		Interval w = interval_intersect(ctx->windows->v[i], (Interval){ a, b });

		if (w.start >= b)
			break;
		elapsed -= calendar_span_measure(span, w.start, w.end);
	}
	return elapsed;
}

gint64
guarantee_credit_percent(const Guarantee *g, gint64 overrun)
{
	switch (g->penalty) {
	case PENALTY_FLAT:
		return g->percent;
	case PENALTY_TIERS:
		for (guint i = 0; i < g->n_tiers; i++)
			if (g->tiers[i].bound == TIER_STAR || overrun <= g->tiers[i].bound)
				return g->tiers[i].percent;
		return 0;
	case PENALTY_PER_BLOCK:
		if (g->block <= 0)
			return 0;
		return (overrun + g->block - 1) / g->block * g->block_percent;
	default:
		return 0;
	}
}

GuaranteeRow
guarantee_judge(const GuaranteeContext *ctx, const Service *service, const Ticket *t,
		GuaranteeKind kind, Judgement *out)
{
	const Guarantee *g = guarantee_of(ctx->plan, kind);
	gint64 stop = guarantee_stop(t, kind);
	gint64 target = 0, until;
	gboolean has_target;
	const CalendarSpan *span;

	memset(out, 0, sizeof(*out));
	out->ticket = t;
	out->guarantee = kind;
	if (stop != TIME_NONE && stop >= ctx->month.start && stop < ctx->month.end) {
		out->status = JUDGEMENT_JUDGED;
		out->stopped_at = stop;
		until = stop;
	} else if (t->opened_at < ctx->month.end && (stop == TIME_NONE || stop >= ctx->month.end)) {
		out->status = JUDGEMENT_OPEN;
		out->stopped_at = TIME_NONE;
		until = ctx->month.end;
	} else {
		return GUARANTEE_ROW_NONE;
	}

	out->priority = guarantee_priority(ctx->plan, t);
	has_target = guarantee_target(g, out->priority, &target);
	out->reason = reason_not_applicable(g, t, kind, has_target);
	if (out->reason == REASON_NO_TARGET && out->priority == NULL)
		return GUARANTEE_ROW_NO_PRIORITY;
	if (out->reason != REASON_NONE) {
		out->status = JUDGEMENT_NOT_APPLICABLE;
		return GUARANTEE_ROW;
	}

	span = g_hash_table_lookup(ctx->spans, guarantee_calendar(g, out->priority));
	g_assert(span != NULL);
	out->elapsed = elapsed_between(ctx, span, kind, t->opened_at, until);
	if (kind == GUARANTEE_GTR)
		out->elapsed = MAX(0, out->elapsed - allowance_mul_sat(t->paused_minutes, 60));
	out->target = target;
	out->overrun = MAX(0, out->elapsed - target);
	out->breach = out->elapsed > target;
	if (out->status == JUDGEMENT_JUDGED && out->breach) {
		out->credit_percent = guarantee_credit_percent(g, out->overrun);
		out->has_credit = out->credit_percent > 0;
		if (out->has_credit)
			out->credit = money_percent_of(service->monthly_fee, out->credit_percent);
	}
	return GUARANTEE_ROW;
}
