/* SPDX-License-Identifier: MIT
 *
 * Allowances, work units and contacts of one service in one month.  All counting is
 * by the instant a ticket was closed (allowance, units) or opened (contacts), in
 * the month as the provider's zone draws it.
 */
#include "allowance.h"

#include "money.h"

gint64
allowance_mul_sat(gint64 value, gint64 unit)
{
	if (value > 0 && value > G_MAXINT64 / unit)
		return G_MAXINT64;
	return value * unit;
}

static gint64
add_sat(gint64 a, gint64 b)
{
	return a > G_MAXINT64 - b ? G_MAXINT64 : a + b;
}

static Day
anniversary(Day start, int year)
{
	int y, m, d;

	if (start == DAY_NONE)
		return day_from_ymd(year, 1, 1);
	day_to_ymd(start, &y, &m, &d);
	if (m == 2 && d == 29 && !day_is_valid(year, 2, 29))
		d = 28;
	return day_from_ymd(year, m, d);
}

Day
allowance_year_start(Day start, int year, int month)
{
	Day last = day_from_ymd(year, month, day_days_in_month(year, month));
	Day y = anniversary(start, year);

	return y > last ? anniversary(start, year - 1) : y;
}

static gboolean
in_span(gint64 t, gint64 from, gint64 to)
{
	return t != TIME_NONE && t >= from && t < to;
}

static void
count(GArray *list, const Ticket *t, gint64 counted)
{
	CountedTicket c = { t, counted };

	g_array_append_val(list, c);
}

static gint64
allowance_counted(const Plan *plan, const Ticket *t)
{
	gint64 work = allowance_mul_sat(t->work_minutes, 60);
	gint64 inc = plan->allowance_increment;

	if (inc > 0 && work % inc != 0)
		work = add_sat(work - work % inc, inc);
	return MAX(plan->allowance_minimum, work);
}

static void
compute_allowance(const AllowanceInput *in, AllowanceResult *r)
{
	const Plan *plan = in->plan;

	r->defined = plan->has_allowance;
	if (!r->defined)
		return;
	r->included = plan->allowance;
	for (guint i = 0; i < in->n_tickets; i++) {
		const Ticket *t = in->tickets[i];
		gint64 c;

		if (t->excluded || !(t->type & plan->allowance_types) ||
		    !in_span(t->closed_at, in->span.start, in->span.end))
			continue;
		c = allowance_counted(plan, t);
		r->used = add_sat(r->used, c);
		count(r->tickets, t, c);
	}
	r->unused = MAX(0, r->included - r->used);
	r->overage = MAX(0, r->used - r->included);
	r->has_overage_amount = plan->has_overage_rate;
	if (r->has_overage_amount)
		r->overage_amount = money_mul_ratio(plan->overage_rate, r->overage / 60, 60);
}

/* Units of tickets closed in [from, to). */
static gint64
units_closed(const AllowanceInput *in, gint64 from, gint64 to, GArray *list)
{
	gint64 sum = 0;

	for (guint i = 0; i < in->n_tickets; i++) {
		const Ticket *t = in->tickets[i];

		if (t->excluded || !in_span(t->closed_at, from, to))
			continue;
		sum = add_sat(sum, t->work_units);
		if (list != NULL)
			count(list, t, t->work_units);
	}
	return sum;
}

static void
compute_units(const AllowanceInput *in, UnitsResult *r)
{
	const Service *s = in->service;
	Day first = day_from_ymd(in->year, in->month, 1);
	Day y, next, prev;
	gint64 y_at;
	int yy, mm, dd;

	r->defined = s->units_annual >= 0 || in->plan->has_units;
	if (!r->defined)
		return;
	r->annual = s->units_annual >= 0 ? s->units_annual : in->plan->units_annual;
	y = allowance_year_start(s->start_date, in->year, in->month);
	day_to_ymd(y, &yy, &mm, &dd);
	next = anniversary(s->start_date, yy + 1);
	prev = anniversary(s->start_date, yy - 1);
	r->year_start = y;
	r->year_end = next - 1;
	y_at = zone_day_start(in->tz, y);

	if (y >= first) {
		/* the year changed inside the month (decisions.md 34) */
		r->opening = r->annual;
		r->year_ended_in_month = s->start_date != y;
		if (r->year_ended_in_month) {
			gint64 used_prev = units_closed(in, zone_day_start(in->tz, prev), y_at, NULL);

			r->expired = MAX(0, r->annual - used_prev);
		}
	} else {
		r->opening = r->annual - units_closed(in, y_at, in->span.start, NULL);
	}
	r->used = units_closed(in, MAX(y_at, in->span.start), in->span.end, r->tickets);
	r->closing = r->opening - r->used;
	r->overdrawn = r->closing < 0;
}

static void
compute_contacts(const AllowanceInput *in, ContactsResult *r)
{
	const Plan *plan = in->plan;

	r->defined = plan->has_contacts;
	if (!r->defined)
		return;
	r->included = plan->contacts_monthly;
	for (guint i = 0; i < in->n_tickets; i++) {
		const Ticket *t = in->tickets[i];

		if (t->excluded || !(t->type & plan->contacts_types) ||
		    !in_span(t->opened_at, in->span.start, in->span.end))
			continue;
		r->count++;
		count(r->tickets, t, 1);
	}
	r->over = MAX(0, r->count - r->included);
	r->has_overage_amount = plan->has_contacts_fee;
	if (r->has_overage_amount)
		r->overage_amount = money_mul_ratio(plan->contacts_fee, r->over, 1);
}

static int
compare_closed(gconstpointer pa, gconstpointer pb)
{
	const CountedTicket *a = pa, *b = pb;

	if (a->ticket->closed_at != b->ticket->closed_at)
		return a->ticket->closed_at < b->ticket->closed_at ? -1 : 1;
	return strcmp(a->ticket->id, b->ticket->id);
}

static int
compare_opened(gconstpointer pa, gconstpointer pb)
{
	const CountedTicket *a = pa, *b = pb;

	if (a->ticket->opened_at != b->ticket->opened_at)
		return a->ticket->opened_at < b->ticket->opened_at ? -1 : 1;
	return strcmp(a->ticket->id, b->ticket->id);
}

void
allowance_compute(const AllowanceInput *in, ServiceReport *out)
{
	compute_allowance(in, &out->allowance);
	compute_units(in, &out->units);
	compute_contacts(in, &out->contacts);
	/* the order the statement lists them in, whatever the files' order */
	g_array_sort(out->allowance.tickets, compare_closed);
	g_array_sort(out->units.tickets, compare_closed);
	g_array_sort(out->contacts.tickets, compare_opened);
}
