/* SPDX-License-Identifier: MIT
 *
 * The month's computation: picks each service's rows once (index arrays, no
 * per-service scan of the whole dataset), lays every calendar out once over the
 * stretch the month needs, then runs availability, guarantees, allowances and
 * credits per service, several services at once on a thread per core, and builds
 * each customer's credit note.  Reads the dataset, writes only the report.
 */
#include "report.h"

#include "allowance.h"
#include "availability.h"
#include "credit.h"
#include "guarantee.h"
#include "window.h"

/* The rows of each service, as index ranges into shared arrays (CSR); tickets by
 * their index in the dataset, 4 bytes each rather than a pointer's 8. */
typedef struct {
	guint n_services;
	guint *ticket_start;  /* n_services + 1 */
	guint *tickets;       /* index in ds->tickets */
	guint *outage_start;
	const Outage **outages;
	GPtrArray **windows;  /* per service: const Maintenance* by service or customer */
	GPtrArray *star;      /* windows of every service (`*`) */
} ServiceRows;

static guint
service_index(const Dataset *ds, const Service *s)
{
	return (guint)(s - (const Service *)ds->services->data);
}

/* Indexes the rows of @ds per service; windows outside [@from, @to) cannot matter to
 * the month and are left out. */
static void
rows_init(ServiceRows *rows, const Dataset *ds, gint64 from, gint64 to)
{
	guint n = ds->services->len;
	g_autofree guint *fill = g_new0(guint, n + 1);
	g_autoptr(GHashTable) by_customer = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
								 (GDestroyNotify)g_ptr_array_unref);

	rows->n_services = n;
	rows->ticket_start = g_new0(guint, n + 1);
	rows->outage_start = g_new0(guint, n + 1);
	for (guint i = 0; i < ds->tickets->len; i++)
		rows->ticket_start[service_index(ds, dataset_ticket(ds, i)->service) + 1]++;
	for (guint i = 0; i < ds->outages->len; i++)
		rows->outage_start[service_index(ds, dataset_outage(ds, i)->service) + 1]++;
	for (guint i = 0; i < n; i++) {
		rows->ticket_start[i + 1] += rows->ticket_start[i];
		rows->outage_start[i + 1] += rows->outage_start[i];
	}
	rows->tickets = g_new(guint, ds->tickets->len + 1);
	rows->outages = g_new(const Outage *, ds->outages->len + 1);
	for (guint i = 0; i < ds->tickets->len; i++) {
		guint s = service_index(ds, dataset_ticket(ds, i)->service);

		rows->tickets[rows->ticket_start[s] + fill[s]++] = i;
	}
	memset(fill, 0, sizeof(guint) * (n + 1));
	for (guint i = 0; i < ds->outages->len; i++) {
		guint s = service_index(ds, dataset_outage(ds, i)->service);

		rows->outages[rows->outage_start[s] + fill[s]++] = dataset_outage(ds, i);
	}

	/* Windows: by service id, by customer, or `*` for all. */
	rows->windows = g_new(GPtrArray *, n);
	for (guint i = 0; i < n; i++) {
		const Service *s = dataset_service(ds, i);
		GPtrArray *of_customer = g_hash_table_lookup(by_customer, s->customer_id);

		rows->windows[i] = g_ptr_array_new();
		if (of_customer == NULL) {
			of_customer = g_ptr_array_new();
			g_hash_table_insert(by_customer, (gpointer)s->customer_id, of_customer);
		}
		g_ptr_array_add(of_customer, (gpointer)s);
	}
	rows->star = g_ptr_array_new();
	for (guint i = 0; i < ds->maintenance->len; i++) {
		const Maintenance *w = dataset_maintenance(ds, i);

		if (w->end <= from || w->start >= to)
			continue;
		if (w->service_id != NULL && strcmp(w->service_id, "*") != 0) {
			const Service *s = g_hash_table_lookup(ds->service_by_id, w->service_id);

			if (s != NULL && window_applies(w, s))
				g_ptr_array_add(rows->windows[service_index(ds, s)], (gpointer)w);
		} else if (w->customer_id != NULL) {
			GPtrArray *list = g_hash_table_lookup(by_customer, w->customer_id);

			for (guint j = 0; list != NULL && j < list->len; j++)
				g_ptr_array_add(rows->windows[service_index(ds, list->pdata[j])],
						(gpointer)w);
		} else {
			g_ptr_array_add(rows->star, (gpointer)w);
		}
	}
}

static void
rows_clear(ServiceRows *rows)
{
	for (guint i = 0; i < rows->n_services; i++)
		g_ptr_array_unref(rows->windows[i]);
	g_free(rows->windows);
	g_ptr_array_unref(rows->star);
	g_free(rows->ticket_start);
	g_free(rows->outage_start);
	g_free(rows->tickets);
	g_free(rows->outages);
}

/* ==== The month ================================================================= */

typedef struct {
	const Dataset *ds;
	GTimeZone *tz;
	int year;
	int month;
	Interval span;      /* the month */
	Interval year_span; /* 1 January to the month's end: compliance */
	gint64 earliest;    /* the first instant any judged ticket needs */
	ServiceRows rows;
	GHashTable *spans;  /* const Calendar* -> CalendarSpan* */
} Month;

static void
month_bounds(GTimeZone *tz, int year, int month, Interval *span, Interval *year_span)
{
	int ny = month == 12 ? year + 1 : year, nm = month == 12 ? 1 : month + 1;

	span->start = zone_day_start(tz, day_from_ymd(year, month, 1));
	span->end = zone_day_start(tz, day_from_ymd(ny, nm, 1));
	year_span->start = zone_day_start(tz, day_from_ymd(year, 1, 1));
	year_span->end = span->end;
}

/* TRUE when @t's @kind clock has a row this month or a judgement for compliance. */
static gboolean
evaluated(const Month *m, const Ticket *t, GuaranteeKind kind)
{
	gint64 stop = guarantee_stop(t, kind);

	if (stop != TIME_NONE && stop >= m->year_span.start && stop < m->span.end)
		return TRUE;
	return t->opened_at < m->span.end && (stop == TIME_NONE || stop >= m->span.end);
}

/* Lays every calendar out from the earliest day a judged ticket needs (and at least
 * 1 January, for compliance) to the month's end. */
static void
build_spans(Month *m)
{
	const Plans *plans = m->ds->plans;
	gint64 earliest = m->year_span.start;
	Day first, last;

	for (guint i = 0; i < m->ds->tickets->len; i++) {
		const Ticket *t = dataset_ticket(m->ds, i);

		if (t->type == TICKET_INCIDENT && t->opened_at < earliest &&
		    (evaluated(m, t, GUARANTEE_GTR) || evaluated(m, t, GUARANTEE_GTI)))
			earliest = t->opened_at;
	}
	m->earliest = earliest;
	/* a day of margin either side: a local day may start before its UTC date */
	first = zone_day_of(m->tz, earliest, NULL) - 1;
	last = zone_day_of(m->tz, m->span.end, NULL) + 1;
	m->spans = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					 (GDestroyNotify)calendar_span_free);
	for (guint i = 0; i < plans->calendars->len; i++) {
		const Calendar *cal = g_ptr_array_index(plans->calendars, i);

		g_hash_table_insert(m->spans, (gpointer)cal,
				    calendar_span_new(cal, m->tz, first, last));
	}
}

/* The service's part of the month: its active days, or an empty interval. */
static Interval
active_period(const Month *m, const Service *s)
{
	Interval p = m->span;

	if (s->start_date != DAY_NONE)
		p.start = MAX(p.start, zone_day_start(m->tz, s->start_date));
	if (s->end_date != DAY_NONE)
		p.end = MIN(p.end, zone_day_start(m->tz, s->end_date + 1));
	if (p.end < p.start)
		p.end = p.start;
	return p;
}

static ServiceReport *
service_report_new(const Service *s)
{
	ServiceReport *r = g_new0(ServiceReport, 1);

	r->service = s;
	r->plan = s->plan;
	interval_set_init(&r->downtime);
	interval_set_init(&r->planned);
	interval_set_init(&r->customer_caused);
	r->exclusions = g_array_new(FALSE, TRUE, sizeof(Exclusion));
	r->events = g_array_new(FALSE, TRUE, sizeof(DowntimeEvent));
	r->judgements = g_array_new(FALSE, TRUE, sizeof(Judgement));
	r->allowance.tickets = g_array_new(FALSE, TRUE, sizeof(CountedTicket));
	r->units.tickets = g_array_new(FALSE, TRUE, sizeof(CountedTicket));
	r->contacts.tickets = g_array_new(FALSE, TRUE, sizeof(CountedTicket));
	return r;
}

static void
service_report_free(ServiceReport *r)
{
	interval_set_clear(&r->downtime);
	interval_set_clear(&r->planned);
	interval_set_clear(&r->customer_caused);
	g_array_unref(r->exclusions);
	g_array_unref(r->events);
	g_array_unref(r->judgements);
	g_array_unref(r->allowance.tickets);
	g_array_unref(r->units.tickets);
	g_array_unref(r->contacts.tickets);
	g_free(r);
}

static int
compare_judgements(gconstpointer pa, gconstpointer pb)
{
	const Judgement *a = pa, *b = pb;
	int c = strcmp(a->ticket->id, b->ticket->id);

	return c != 0 ? c : (int)a->guarantee - (int)b->guarantee;
}

/* Rows of tickets.csv, breach counters and compliance. */
static void
judge_tickets(const Month *m, const Service *s, const IntervalSet *windows,
	      const Ticket *const *tickets, guint n, ServiceReport *r)
{
	const Plan *plan = s->plan;
	GuaranteeContext month_ctx = { plan, m->span, windows, m->spans };
	GuaranteeContext year_ctx = { plan, m->year_span, windows, m->spans };

	for (guint i = 0; i < n; i++) {
		const Ticket *t = tickets[i];

		if (t->excluded || t->type != TICKET_INCIDENT)
			continue;
		for (GuaranteeKind kind = GUARANTEE_GTR; kind <= GUARANTEE_GTI; kind++) {
			Judgement j;

			if (!guarantee_of(plan, kind)->defined)
				continue;
			if (guarantee_judge(&month_ctx, s, t, kind, &j) == GUARANTEE_ROW) {
				g_array_append_val(r->judgements, j);
				if (j.status == JUDGEMENT_JUDGED && j.breach) {
					if (kind == GUARANTEE_GTR)
						r->gtr_breaches++;
					else
						r->gti_breaches++;
				}
			}
			if (plan->has_compliance &&
			    guarantee_judge(&year_ctx, s, t, kind, &j) == GUARANTEE_ROW &&
			    j.status == JUDGEMENT_JUDGED) {
				r->compliance.judged++;
				if (!j.breach)
					r->compliance.met++;
			}
		}
	}
	g_array_sort(r->judgements, compare_judgements);

	r->compliance.defined = plan->has_compliance;
	if (r->compliance.defined) {
		ComplianceResult *c = &r->compliance;

		c->target = plan->compliance_target;
		c->percent = c->judged == 0 ? PCT_100 : (gint32)((gint64)c->met * PCT_100 / c->judged);
		c->meets_target = c->judged == 0 ||
				  (gint64)c->met * PCT_100 >= (gint64)c->target * c->judged;
	}
}

static ServiceReport *
compute_service(const Month *m, const Service *s)
{
	guint si = service_index(m->ds, s);
	const ServiceRows *rows = &m->rows;
	guint n_tickets = rows->ticket_start[si + 1] - rows->ticket_start[si];
	g_autofree const Ticket **tickets = NULL;
	g_autoptr(GPtrArray) windows = NULL;
	g_auto(IntervalSet) qualifying = INTERVAL_SET_INIT;
	Interval period = active_period(m, s);
	ServiceReport *r;

	if (interval_length(period) == 0)
		return NULL;
	tickets = g_new(const Ticket *, n_tickets + 1);
	for (guint i = 0; i < n_tickets; i++)
		tickets[i] = dataset_ticket(m->ds, rows->tickets[rows->ticket_start[si] + i]);
	r = service_report_new(s);
	windows = g_ptr_array_ref(rows->windows[si]);
	if (rows->star->len > 0) {
		g_ptr_array_unref(windows);
		windows = g_ptr_array_copy(rows->windows[si], NULL, NULL);
		g_ptr_array_extend(windows, rows->star, NULL, NULL);
	}

	{
		AvailabilityInput in = {
			.plan = s->plan,
			.service = s,
			.tz = m->tz,
			.period = period,
			.calendar = g_hash_table_lookup(m->spans, s->plan->availability_calendar),
			.outages = rows->outages + rows->outage_start[si],
			.n_outages = rows->outage_start[si + 1] - rows->outage_start[si],
			.tickets = tickets,
			.n_tickets = n_tickets,
			.windows = (const Maintenance *const *)windows->pdata,
			.n_windows = windows->len,
		};

		availability_compute(&in, r);
	}
	availability_qualifying_windows(s->plan, m->tz, (const Maintenance *const *)windows->pdata,
					windows->len, &qualifying);
	judge_tickets(m, s, &qualifying, tickets, n_tickets, r);
	{
		AllowanceInput in = { s->plan, s, m->tz, m->year, m->month, m->span, tickets,
				      n_tickets };

		allowance_compute(&in, r);
	}
	return r;
}

/* Services are computed in batches of this many, on a thread per core. */
#define BATCH 64

typedef struct {
	const Month *m;
	const Service *const *services;
	ServiceReport **results;
	guint n;
} Batches;

static void
compute_batch(gpointer data, gpointer user_data)
{
	const Batches *b = user_data;
	guint first = GPOINTER_TO_UINT(data) - 1;

	for (guint i = first; i < MIN(first + BATCH, b->n); i++)
		b->results[i] = compute_service(b->m, b->services[i]);
}

/* Computes @n services into @results (NULL: not active in the month).  A service's
 * report reads only the month, shared and read-only, and its own rows: several are
 * computed at once, and the results are the same in any order. */
static void
compute_services(const Month *m, const Service *const *services, guint n,
		 ServiceReport **results)
{
	Batches b = { m, services, results, n };
	guint threads = g_get_num_processors();
	GThreadPool *pool;

	if (threads <= 1 || n <= BATCH) {
		for (guint first = 0; first < n; first += BATCH)
			compute_batch(GUINT_TO_POINTER(first + 1), &b);
		return;
	}
	pool = g_thread_pool_new(compute_batch, &b, (gint)threads, FALSE, NULL);
	for (guint first = 0; first < n; first += BATCH)
		g_thread_pool_push(pool, GUINT_TO_POINTER(first + 1), NULL);
	g_thread_pool_free(pool, FALSE, TRUE);
}

static void
customer_report_free(CustomerReport *cr)
{
	g_ptr_array_unref(cr->services);
	credit_note_clear(&cr->note);
	g_free(cr);
}

static int
compare_services(gconstpointer pa, gconstpointer pb)
{
	const Service *a = *(const Service *const *)pa, *b = *(const Service *const *)pb;
	int c = strcmp(a->customer_id, b->customer_id);

	return c != 0 ? c : strcmp(a->id, b->id);
}

Report *
report_compute(const Dataset *ds, int year, int month)
{
	Report *report = g_new0(Report, 1);
	Month m = { 0 };
	g_autoptr(GPtrArray) services = g_ptr_array_sized_new(ds->services->len);
	g_autofree ServiceReport **results = NULL;
	char yyyymm[8];
	CustomerReport *current = NULL;

	m.ds = ds;
	m.tz = ds->plans->provider.tz;
	m.year = year;
	m.month = month;
	month_bounds(m.tz, year, month, &m.span, &m.year_span);
	build_spans(&m);
	rows_init(&m.rows, ds, m.earliest, m.span.end);

	report->year = year;
	report->month = month;
	g_snprintf(report->month_text, sizeof(report->month_text), "%04d-%02d", year, month);
	g_snprintf(yyyymm, sizeof(yyyymm), "%04d%02d", year, month);
	report->span = m.span;
	report->dataset = ds;
	report->customers = g_ptr_array_new_with_free_func((GDestroyNotify)customer_report_free);

	for (guint i = 0; i < ds->services->len; i++)
		g_ptr_array_add(services, dataset_service(ds, i));
	g_ptr_array_sort(services, compare_services);
	results = g_new0(ServiceReport *, services->len + 1);
	compute_services(&m, (const Service *const *)services->pdata, services->len, results);
	for (guint i = 0; i < services->len; i++) {
		const Service *s = services->pdata[i];
		ServiceReport *r = results[i];

		if (r == NULL)
			continue;
		if (current == NULL || current->customer != s->customer) {
			current = g_new0(CustomerReport, 1);
			current->customer = s->customer;
			current->services = g_ptr_array_new_with_free_func(
				(GDestroyNotify)service_report_free);
			current->rejected_rows = GPOINTER_TO_UINT(
				g_hash_table_lookup(ds->rejected_by_customer, s->customer_id));
			g_ptr_array_add(report->customers, current);
		}
		g_ptr_array_add(current->services, r);
	}
	for (guint i = 0; i < report->customers->len; i++) {
		CustomerReport *cr = report->customers->pdata[i];

		credit_build_note(&ds->plans->provider, yyyymm, cr->customer, cr->services, &cr->note);
	}

	g_hash_table_unref(m.spans);
	rows_clear(&m.rows);
	return report;
}

void
report_free(Report *report)
{
	if (report == NULL)
		return;
	g_ptr_array_unref(report->customers);
	g_free(report);
}

guint
report_check(const Dataset *ds, int year, int month, DiagList *diags)
{
	Month m = { 0 };
	guint added = 0;

	if (year != 0) {
		m.tz = ds->plans->provider.tz;
		month_bounds(m.tz, year, month, &m.span, &m.year_span);
	}
	for (guint i = 0; i < ds->tickets->len; i++) {
		const Ticket *t = dataset_ticket(ds, i);
		const Plan *plan = t->service->plan;

		for (GuaranteeKind kind = GUARANTEE_GTR; kind <= GUARANTEE_GTI; kind++) {
			gboolean month_row;

			if (!guarantee_needs_priority(plan, t, kind))
				continue;
			if (year != 0) {
				gint64 stop = guarantee_stop(t, kind);

				month_row = (stop != TIME_NONE && stop >= m.span.start &&
					     stop < m.span.end) ||
					    (t->opened_at < m.span.end &&
					     (stop == TIME_NONE || stop >= m.span.end));
				if (!month_row && !(plan->has_compliance && evaluated(&m, t, kind)))
					continue;
			}
			diag_add(diags, DIAG_ERROR, "tickets.csv", t->line, "priority", NULL,
				 "incident %s has no priority for its %s target (expected a priority "
				 "of plan %s, or an impact and urgency listed in its priority.matrix)",
				 t->id, kind == GUARANTEE_GTR ? "GTR" : "GTI", plan->id);
			diag_set_customer(diags, diag_count(diags) - 1, t->service->customer_id);
			added++;
			break;
		}
	}
	return added;
}
