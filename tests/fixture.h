/* SPDX-License-Identifier: MIT
 *
 * Builds small datasets in code for the core's tests: no file, no parser, so a core
 * test links libcore and GLib only.  Times are written as local wall-clock strings
 * "YYYY-MM-DDTHH:MM" in the fixture's zone (the first occurrence when repeated).
 * Rows are added with fx_* and addressed by index until fx_finish resolves the
 * cross-references; then tests read the dataset as the core does.
 */
#ifndef SLAREPORT_TEST_FIXTURE_H
#define SLAREPORT_TEST_FIXTURE_H

#include <glib.h>

#include "dataset.h"
#include "report.h"

typedef struct {
	Dataset *ds;
	GTimeZone *tz;
	Calendar *always;
	GPtrArray *ticket_services; /* const char *: the service id of each ticket, for
				     * fx_finish to point the ticket at its service */
} Fixture;

static inline Fixture *
fx_new(void)
{
	Fixture *fx = g_new0(Fixture, 1);
	Plans *plans = g_new0(Plans, 1);

	plans->calendars = g_ptr_array_new_with_free_func((GDestroyNotify)calendar_free);
	plans->plans = g_ptr_array_new_with_free_func((GDestroyNotify)plan_free);
	plans->provider.name = g_strdup("Hébergeur Exemple SAS");
	plans->provider.timezone = g_strdup("Europe/Paris");
	plans->provider.tz = g_time_zone_new_identifier("Europe/Paris");
	plans->provider.currency = g_strdup("EUR");
	plans->provider.vat_rate = 20000;
	plans->provider.credit_note_prefix = g_strdup("AV");
	fx->always = calendar_new_24x7();
	g_ptr_array_add(plans->calendars, fx->always);
	fx->ds = dataset_new(plans);
	fx->tz = plans->provider.tz;
	fx->ticket_services = g_ptr_array_new();
	return fx;
}

static inline void
fx_free(Fixture *fx)
{
	dataset_free(fx->ds);
	g_ptr_array_unref(fx->ticket_services);
	g_free(fx);
}

/* "YYYY-MM-DD[THH:MM[:SS]]" local → instant; NULL or "" → TIME_NONE */
static inline gint64
fx_time(Fixture *fx, const char *text)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
	gint64 t;

	if (text == NULL || *text == '\0')
		return TIME_NONE;
	g_assert_cmpint(sscanf(text, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s), >=, 3);
	zone_resolve_local(fx->tz, day_from_ymd(y, mo, d), h * 3600 + mi * 60 + s, &t);
	return t;
}

static inline Day
fx_day(const char *text)
{
	int y, m, d;

	if (text == NULL)
		return DAY_NONE;
	g_assert_cmpint(sscanf(text, "%d-%d-%d", &y, &m, &d), ==, 3);
	return day_from_ymd(y, m, d);
}

static inline Plan *
fx_plan(Fixture *fx, const char *id)
{
	Plan *plan = plan_new(id, fx->always);

	g_ptr_array_add(fx->ds->plans->plans, plan);
	return plan;
}

/* A Monday–Friday calendar of @from–@to (hours) with French holidays. */
static inline Calendar *
fx_calendar(Fixture *fx, const char *name, int days, int from, int to,
	    CalendarHolidays holidays)
{
	Calendar *cal = g_new0(Calendar, 1);

	cal->name = g_strdup(name);
	cal->ranges = g_new0(CalendarRange, days);
	cal->n_ranges = days;
	for (int i = 0; i < days; i++)
		cal->ranges[i] = (CalendarRange){ (guint8)i, from * 3600, to * 3600 };
	cal->holidays = holidays;
	g_ptr_array_add(fx->ds->plans->calendars, cal);
	return cal;
}

static inline void
fx_customer(Fixture *fx, const char *id)
{
	Customer c = { 0 };

	c.id = dataset_intern(fx->ds, id);
	c.name = dataset_intern(fx->ds, id);
	g_array_append_val(fx->ds->customers, c);
}

static inline guint
fx_service(Fixture *fx, const char *id, const char *customer, const char *plan,
	   gint64 fee_cents, const char *start, const char *end)
{
	Service s = { 0 };

	s.id = dataset_intern(fx->ds, id);
	s.customer_id = dataset_intern(fx->ds, customer);
	s.plan_id = dataset_intern(fx->ds, plan);
	s.label = s.id;
	s.monthly_fee = fee_cents;
	s.start_date = fx_day(start);
	s.end_date = fx_day(end);
	s.units_annual = -1;
	g_array_append_val(fx->ds->services, s);
	return fx->ds->services->len - 1;
}

#define fx_ticket_at(fx, i) dataset_ticket((fx)->ds, (i))

/* Gives ticket @i these labels (NULL: not given). */
static inline void
fx_labels(Fixture *fx, guint i, const char *priority, const char *impact, const char *urgency,
	  const char *category)
{
	TicketLabels *l = g_new(TicketLabels, 1);

	*l = (TicketLabels){ dataset_intern(fx->ds, priority), dataset_intern(fx->ds, impact),
			     dataset_intern(fx->ds, urgency), dataset_intern(fx->ds, category) };
	dataset_add_labels(fx->ds, l);
	fx_ticket_at(fx, i)->labels = l;
}

/* An incident (change type, cause… afterwards through fx_ticket_at, labels through
 * fx_labels). */
static inline guint
fx_ticket(Fixture *fx, const char *id, const char *service, const char *opened,
	  const char *responded, const char *restored, const char *closed, const char *priority)
{
	Ticket t = { 0 };

	t.id = dataset_intern(fx->ds, id);
	g_ptr_array_add(fx->ticket_services, (gpointer)dataset_intern(fx->ds, service));
	t.type = TICKET_INCIDENT;
	t.opened_at = fx_time(fx, opened);
	t.responded_at = fx_time(fx, responded);
	t.restored_at = fx_time(fx, restored);
	t.closed_at = fx_time(fx, closed);
	t.interrupted = TRUE;
	t.cause = CAUSE_PROVIDER;
	t.line = fx->ds->tickets->len + 2;
	g_array_append_val(fx->ds->tickets, t);
	fx_labels(fx, fx->ds->tickets->len - 1, priority, NULL, NULL, NULL);
	return fx->ds->tickets->len - 1;
}

static inline void
fx_outage(Fixture *fx, const char *id, const char *service, const char *start,
	  const char *end, Cause cause)
{
	Outage o = { 0 };

	o.id = dataset_intern(fx->ds, id);
	o.service_id = dataset_intern(fx->ds, service);
	o.start = fx_time(fx, start);
	o.end = fx_time(fx, end);
	o.cause = cause;
	o.line = fx->ds->outages->len + 2;
	g_array_append_val(fx->ds->outages, o);
}

static inline void
fx_window(Fixture *fx, const char *id, const char *service, const char *customer,
	  const char *start, const char *end, const char *notified)
{
	Maintenance w = { 0 };

	w.id = dataset_intern(fx->ds, id);
	w.service_id = dataset_intern(fx->ds, service);
	w.customer_id = dataset_intern(fx->ds, customer);
	w.start = fx_time(fx, start);
	w.end = fx_time(fx, end);
	w.notified_at = fx_time(fx, notified);
	w.line = fx->ds->maintenance->len + 2;
	g_array_append_val(fx->ds->maintenance, w);
}

/* Resolves references, as ingest does. */
static inline void
fx_finish(Fixture *fx)
{
	Dataset *ds = fx->ds;

	dataset_index(ds);
	for (guint i = 0; i < ds->services->len; i++) {
		Service *s = dataset_service(ds, i);

		s->customer = g_hash_table_lookup(ds->customer_by_id, s->customer_id);
		s->plan = g_hash_table_lookup(ds->plan_by_id, s->plan_id);
		g_assert_nonnull(s->customer);
		g_assert_nonnull(s->plan);
	}
	for (guint i = 0; i < ds->tickets->len; i++) {
		Ticket *t = dataset_ticket(ds, i);

		t->service = g_hash_table_lookup(ds->service_by_id, fx->ticket_services->pdata[i]);
		g_assert_nonnull(t->service);
	}
	for (guint i = 0; i < ds->outages->len; i++) {
		Outage *o = dataset_outage(ds, i);

		o->service = g_hash_table_lookup(ds->service_by_id, o->service_id);
		g_assert_nonnull(o->service);
	}
}

/* Resolves the fixture, computes @year-@month into *out (freed by the caller) and
 * returns the first service's report. */
static inline const ServiceReport *fx_service_report(const Report *r, guint customer,
						     guint service);
static inline const ServiceReport *
fx_compute(Fixture *fx, int year, int month, Report **out)
{
	fx_finish(fx);
	*out = report_compute(fx->ds, year, month);
	return fx_service_report(*out, 0, 0);
}

/* The report of the only service of the only customer (or of customer 0, service i). */
static inline const ServiceReport *
fx_service_report(const Report *r, guint customer, guint service)
{
	const CustomerReport *cr;

	g_assert_cmpuint(r->customers->len, >, customer);
	cr = r->customers->pdata[customer];
	g_assert_cmpuint(cr->services->len, >, service);
	return cr->services->pdata[service];
}

#endif
