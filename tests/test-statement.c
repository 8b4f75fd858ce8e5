/* SPDX-License-Identifier: MIT
 *
 * Statements rendered from hand-built Reports, checked from the outside with
 * poppler's pdftotext / pdffonts / pdfinfo and qpdf.  Set SLAREPORT_KEEP_PDF=DIR to
 * keep the PDFs for a look.
 */
#include <cairo.h>
#include <glib/gstdio.h>

#include "format.h"
#include "pdf.h"
#include "statement.h"
#include "template.h"

/* ==== Fixtures ===================================================================== */

typedef struct {
	Dataset *ds;
	Report report;
	GPtrArray *owned; /* blocks to g_free */
	Calendar *always; /* owned by plans->calendars */
} Fixture;

static gint64
utc(int y, int mo, int d, int h, int mi)
{
	return (gint64)day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

/* Paris local time in June/July 2026 (UTC+2) */
static gint64
paris(int mo, int d, int h, int mi)
{
	return utc(2026, mo, d, h, mi) - 2 * 3600;
}

static gpointer
own(Fixture *f, gsize size)
{
	gpointer p = g_malloc0(size);

	g_ptr_array_add(f->owned, p);
	return p;
}

static const char *
str(Fixture *f, const char *s)
{
	return dataset_intern(f->ds, s);
}

static Fixture *
fixture_new(void)
{
	Fixture *f = g_new0(Fixture, 1);
	Plans *plans = g_new0(Plans, 1);
	Provider *p = &plans->provider;
	Day first = day_from_ymd(2026, 6, 1), next = day_from_ymd(2026, 7, 1);

	p->name = g_strdup("Hébergeur Exemple SAS");
	p->address = g_strdup("12 rue des Serveurs\n38000 Grenoble");
	p->timezone = g_strdup("Europe/Paris");
	p->tz = g_time_zone_new_identifier("Europe/Paris");
	p->language = LANGUAGE_FR;
	p->currency = g_strdup("EUR");
	p->vat_rate = 20000;
	p->credit_note_prefix = g_strdup("AV");
	p->legal = g_strdup("Hébergeur Exemple SAS au capital de 100 000 € — RCS Grenoble "
			    "123 456 789 — TVA FR12 123456789 — 12 rue des Serveurs, 38000 Grenoble.");
	plans->calendars = g_ptr_array_new_with_free_func((GDestroyNotify)calendar_free);
	plans->plans = g_ptr_array_new_with_free_func((GDestroyNotify)plan_free);
	f->always = calendar_new_24x7();
	g_ptr_array_add(plans->calendars, f->always);

	f->ds = dataset_new(plans);
	f->owned = g_ptr_array_new_with_free_func(g_free);
	f->report.year = 2026;
	f->report.month = 6;
	g_strlcpy(f->report.month_text, "2026-06", sizeof f->report.month_text);
	f->report.span.start = zone_day_start(p->tz, first);
	f->report.span.end = zone_day_start(p->tz, next);
	f->report.dataset = f->ds;
	f->report.customers = g_ptr_array_new();
	return f;
}

static void
service_report_free(ServiceReport *sr)
{
	interval_set_clear(&sr->downtime);
	interval_set_clear(&sr->planned);
	interval_set_clear(&sr->customer_caused);
	g_clear_pointer(&sr->exclusions, g_array_unref);
	g_clear_pointer(&sr->events, g_array_unref);
	g_clear_pointer(&sr->judgements, g_array_unref);
	g_free(sr);
}

static void
fixture_free(Fixture *f)
{
	for (guint i = 0; i < f->report.customers->len; i++) {
		CustomerReport *cr = g_ptr_array_index(f->report.customers, i);

		g_ptr_array_unref(cr->services);
		g_free(cr->note.id);
		g_free(cr->note.lines);
		g_free(cr);
	}
	g_ptr_array_unref(f->report.customers);
	dataset_free(f->ds);
	g_ptr_array_unref(f->owned);
	g_free(f);
}

static Plan *
add_plan(Fixture *f, const char *id, gint32 target)
{
	Plan *plan = g_new0(Plan, 1);

	plan->id = g_strdup(id);
	plan->has_target = target > 0;
	plan->target = target;
	plan->availability_calendar = f->always;
	plan->gtr.calendar = f->always;
	plan->gti.calendar = f->always;
	plan->gtr.defined = TRUE;
	plan->priorities = g_strsplit("P1,P2,P3", ",", -1);
	plan->credit_cap = 100000;
	g_ptr_array_add(f->ds->plans->plans, plan);
	return plan;
}

static Customer *
add_customer(Fixture *f, const char *id, const char *name, const char *address, Language lang)
{
	Customer *c = own(f, sizeof *c);

	c->id = str(f, id);
	c->name = str(f, name);
	c->address = str(f, address);
	c->language = lang;
	return c;
}

static Service *
add_service(Fixture *f, const char *id, const Customer *c, const Plan *plan, const char *label)
{
	Service *s = own(f, sizeof *s);

	s->id = str(f, id);
	s->customer_id = c->id;
	s->plan_id = plan->id;
	s->label = str(f, label);
	s->monthly_fee = 40000;
	s->customer = c;
	s->plan = plan;
	return s;
}

static CustomerReport *
add_customer_report(Fixture *f, const Customer *c)
{
	CustomerReport *cr = g_new0(CustomerReport, 1);

	cr->customer = c;
	cr->services = g_ptr_array_new_with_free_func((GDestroyNotify)service_report_free);
	g_ptr_array_add(f->report.customers, cr);
	return cr;
}

/* A service with a full month, nothing wrong: 100 %. */
static ServiceReport *
add_service_report(Fixture *f, CustomerReport *cr, const Service *s)
{
	ServiceReport *sr = g_new0(ServiceReport, 1);

	sr->service = s;
	sr->plan = s->plan;
	sr->period = f->report.span;
	sr->period_s = interval_length(sr->period);
	sr->eligible_s = sr->period_s;
	sr->availability = PCT_100;
	sr->has_target = s->plan->has_target;
	sr->met = TRUE;
	if (sr->has_target)
		sr->allowed_downtime_s = sr->eligible_s * (PCT_100 - s->plan->target) / PCT_100;
	sr->exclusions = g_array_new(FALSE, TRUE, sizeof(Exclusion));
	sr->events = g_array_new(FALSE, TRUE, sizeof(DowntimeEvent));
	sr->judgements = g_array_new(FALSE, TRUE, sizeof(Judgement));
	g_ptr_array_add(cr->services, sr);
	return sr;
}

/* A customer with one service of a new plan, as most fixtures have. */
static ServiceReport *
one_service(Fixture *f, const char *plan_id, gint32 target, const char *customer_id,
	    const char *name, const char *address, Language lang, const char *service_id,
	    const char *label)
{
	Plan *plan = add_plan(f, plan_id, target);
	Customer *c = add_customer(f, customer_id, name, address, lang);
	Service *s = add_service(f, service_id, c, plan, label);

	return add_service_report(f, add_customer_report(f, c), s);
}

static CustomerReport *
customer_of(Fixture *f, const ServiceReport *sr)
{
	for (guint i = 0; i < f->report.customers->len; i++) {
		CustomerReport *cr = g_ptr_array_index(f->report.customers, i);

		if (cr->customer == sr->service->customer)
			return cr;
	}
	g_assert_not_reached();
}

static Outage *
add_outage(Fixture *f, ServiceReport *sr, const char *id, gint64 start, gint64 end,
	   Cause cause, const char *description, gint64 counted)
{
	Outage *o = own(f, sizeof *o);
	Interval span = interval_intersect((Interval){ start, end }, sr->period);

	o->id = str(f, id);
	o->service_id = sr->service->id;
	o->start = start;
	o->end = end;
	o->cause = cause;
	o->description = str(f, description);
	o->service = sr->service;
	if (cause == CAUSE_PROVIDER) {
		DowntimeEvent ev = { .outage = o, .span = span, .seconds = counted };

		g_array_append_val(sr->events, ev);
	}
	return o;
}

static Maintenance *
add_maintenance(Fixture *f, const char *id, gint64 start, gint64 end, gint64 notified,
		const char *description)
{
	Maintenance *m = own(f, sizeof *m);

	m->id = str(f, id);
	m->start = start;
	m->end = end;
	m->notified_at = notified;
	m->description = str(f, description);
	return m;
}

static Ticket *
add_ticket(Fixture *f, const ServiceReport *sr, const char *id, gint64 opened, gint64 restored)
{
	Ticket *t = own(f, sizeof *t);
	TicketLabels *labels = own(f, sizeof *labels);

	labels->priority = "P1";
	t->labels = labels;
	t->id = str(f, id);
	t->type = TICKET_INCIDENT;
	t->opened_at = opened;
	t->restored_at = restored;
	t->responded_at = TIME_NONE;
	t->closed_at = TIME_NONE;
	t->interrupted = TRUE;
	t->service = sr->service;
	return t;
}

/* Labels are shared and const in a Ticket; add_ticket gave each its own. */
static void
set_priority(Ticket *t, const char *priority)
{
	((TicketLabels *)t->labels)->priority = priority;
}

static void
add_judgement(ServiceReport *sr, const Ticket *t, JudgementStatus status, JudgementReason reason,
	      gint64 elapsed, gint64 target, gint64 credit, gint32 percent)
{
	Judgement j = {
		.ticket = t, .guarantee = GUARANTEE_GTR, .priority = t->labels->priority, .status = status,
		.reason = reason, .stopped_at = status == JUDGEMENT_OPEN ? TIME_NONE : t->restored_at,
		.elapsed = elapsed, .target = target,
		.overrun = elapsed > target ? elapsed - target : 0,
		.breach = elapsed > target, .has_credit = credit > 0, .credit_percent = percent,
		.credit = credit,
	};

	if (status == JUDGEMENT_NOT_APPLICABLE)
		j.elapsed = j.target = j.overrun = 0, j.breach = FALSE;
	if (status == JUDGEMENT_JUDGED && j.breach)
		sr->gtr_breaches++;
	g_array_append_val(sr->judgements, j);
}

static void
set_note(Fixture *f, CustomerReport *cr, const CreditLine *lines, guint n)
{
	cr->note.id = g_strdup_printf("AV-%04d%02d-%s", f->report.year, f->report.month,
				      cr->customer->id);
	cr->note.lines = g_memdup2(lines, sizeof *lines * n);
	cr->note.n_lines = n;
	for (guint i = 0; i < n; i++) {
		cr->note.total += lines[i].amount;
		cr->note.vat += lines[i].vat;
	}
	cr->note.total_with_vat = cr->note.total + cr->note.vat;
}

/*
 * The spec's worked example (examples/availability-and-gtr): June 2026, one service
 * at 99.500 % against 99.9 %, two GTR breaches, credit note AV-202606-C001 of
 * 280.00 HT, 56.00 TVA, 336.00 TTC.
 */
static CustomerReport *
example_customer(Fixture *f, const char *id, Language lang)
{
	ServiceReport *sr = one_service(f, "hosting-999", 99900, id, "Client Exemple SARL",
					"4 avenue des Clients\n69000 Lyon", lang, "S001",
					"Hébergement web mutualisé");
	CustomerReport *cr = customer_of(f, sr);
	const Service *s = sr->service;
	Maintenance *m1 = add_maintenance(f, "M1", paris(6, 10, 2, 0), paris(6, 10, 3, 30),
					  paris(5, 26, 9, 0), "Mise à jour du noyau");
	Maintenance *m2 = add_maintenance(f, "M2", paris(6, 25, 1, 0), paris(6, 25, 2, 0),
					  paris(6, 23, 9, 0), "Remplacement d’un disque");
	Outage *o3;
	Ticket *t[6];
	CreditLine lines[] = {
		{ 1, s, CREDIT_AVAILABILITY, NULL, 10000, 4000, 800, FALSE },
		{ 2, s, CREDIT_GTR, "T1", 20000, 8000, 1600, FALSE },
		{ 3, s, CREDIT_GTR, "T2", 40000, 16000, 3200, FALSE },
	};

	sr->planned_s = 5400;
	sr->customer_caused_s = 5400;
	sr->downtime_s = 12900;
	sr->eligible_s = 2581200;
	sr->availability = 99500;
	sr->met = FALSE;
	sr->allowed_downtime_s = 2581;
	sr->credit = 28000;

	add_outage(f, sr, "O8", paris(5, 31, 23, 50), paris(6, 1, 0, 20), CAUSE_PROVIDER,
		   "Coupure réseau (suite de mai)", 1200);
	add_outage(f, sr, "O1", paris(6, 3, 10, 0), paris(6, 3, 10, 50), CAUSE_PROVIDER,
		   "Panne d’alimentation", 3000);
	add_outage(f, sr, "O2", paris(6, 10, 2, 0), paris(6, 10, 4, 0), CAUSE_PROVIDER,
		   "Maintenance prolongée", 1800);
	add_outage(f, sr, "O4", paris(6, 12, 10, 30), paris(6, 12, 11, 15), CAUSE_PROVIDER,
		   "Saturation du lien", 2700);
	add_outage(f, sr, "O5", paris(6, 20, 23, 0), paris(6, 20, 23, 30), CAUSE_PROVIDER,
		   "Redémarrage imprévu", 1800);
	add_outage(f, sr, "O6", paris(6, 20, 23, 10), paris(6, 20, 23, 40), CAUSE_PROVIDER,
		   "Redémarrage imprévu", 600);
	add_outage(f, sr, "O7", paris(6, 25, 1, 0), paris(6, 25, 1, 30), CAUSE_PROVIDER,
		   "Intervention sur disque", 1800);
	o3 = add_outage(f, sr, "O3", paris(6, 12, 9, 0), paris(6, 12, 11, 0), CAUSE_CUSTOMER,
			"Pare-feu modifié par le client", 0);

	interval_set_add(&sr->downtime, f->report.span.start, paris(6, 1, 0, 20));
	interval_set_add(&sr->downtime, paris(6, 3, 10, 0), paris(6, 3, 10, 50));
	interval_set_add(&sr->downtime, paris(6, 10, 3, 30), paris(6, 10, 4, 0));
	interval_set_add(&sr->downtime, paris(6, 12, 10, 30), paris(6, 12, 11, 15));
	interval_set_add(&sr->downtime, paris(6, 20, 23, 0), paris(6, 20, 23, 40));
	interval_set_add(&sr->downtime, paris(6, 25, 1, 0), paris(6, 25, 1, 30));
	interval_set_add(&sr->planned, paris(6, 10, 2, 0), paris(6, 10, 3, 30));
	interval_set_add(&sr->customer_caused, paris(6, 12, 9, 0), paris(6, 12, 10, 30));
	{
		Exclusion ex[] = {
			{ .kind = EXCLUSION_PLANNED, .maintenance = m1,
			  .span = { m1->start, m1->end }, .seconds = 5400 },
			{ .kind = EXCLUSION_CUSTOMER, .outage = o3, .cause = CAUSE_CUSTOMER,
			  .span = { paris(6, 12, 9, 0), paris(6, 12, 10, 30) }, .seconds = 5400 },
			{ .kind = EXCLUSION_REFUSED_NOTICE, .maintenance = m2,
			  .span = { m2->start, m2->end }, .seconds = 1800 },
		};

		g_array_append_vals(sr->exclusions, ex, G_N_ELEMENTS(ex));
	}

	t[0] = add_ticket(f, sr, "T1", paris(6, 3, 10, 0), paris(6, 3, 14, 30));
	t[1] = add_ticket(f, sr, "T2", paris(6, 15, 8, 0), paris(6, 15, 15, 30));
	t[2] = add_ticket(f, sr, "T3", paris(6, 12, 9, 0), paris(6, 12, 11, 0));
	t[3] = add_ticket(f, sr, "T4", paris(6, 18, 14, 0), paris(6, 18, 16, 0));
	t[4] = add_ticket(f, sr, "T5", paris(6, 30, 20, 0), TIME_NONE);
	t[5] = add_ticket(f, sr, "T6", paris(6, 22, 9, 0), paris(6, 22, 11, 0));
	set_priority(t[1], "P2");
	add_judgement(sr, t[0], JUDGEMENT_JUDGED, REASON_NONE, 16200, 14400, 8000, 20000);
	add_judgement(sr, t[1], JUDGEMENT_JUDGED, REASON_NONE, 23400, 14400, 16000, 40000);
	add_judgement(sr, t[2], JUDGEMENT_NOT_APPLICABLE, REASON_CUSTOMER_CAUSED, 0, 0, 0, 0);
	add_judgement(sr, t[3], JUDGEMENT_NOT_APPLICABLE, REASON_NOT_INTERRUPTED, 0, 0, 0, 0);
	add_judgement(sr, t[4], JUDGEMENT_OPEN, REASON_NONE, 14400, 14400, 0, 0);
	add_judgement(sr, t[5], JUDGEMENT_JUDGED, REASON_NONE, 7200, 14400, 0, 0);
	set_note(f, cr, lines, G_N_ELEMENTS(lines));
	return cr;
}

/* The example in English, with allowances, work units, contacts and compliance. */
static CustomerReport *
english_customer(Fixture *f)
{
	CustomerReport *cr = example_customer(f, "C002", LANGUAGE_EN);
	ServiceReport *sr = g_ptr_array_index(cr->services, 0);
	Plan *plan = (Plan *)sr->plan;

	plan->has_compliance = TRUE;
	sr->allowance = (AllowanceResult){ .defined = TRUE, .included = 36000, .used = 12600,
					    .unused = 23400 };
	sr->units = (UnitsResult){ .defined = TRUE, .annual = 50, .opening = 32, .used = 4,
				   .closing = 28, .year_start = day_from_ymd(2026, 1, 1),
				   .year_end = day_from_ymd(2026, 12, 31) };
	sr->contacts = (ContactsResult){ .defined = TRUE, .included = 80, .count = 83, .over = 3,
					 .has_overage_amount = TRUE, .overage_amount = 4500 };
	sr->compliance = (ComplianceResult){ .defined = TRUE, .target = 90000, .judged = 10,
					     .met = 8, .percent = 80000 };
	return cr;
}

/* A customer with nothing to report: one quiet service, no credit. */
static CustomerReport *
quiet_customer(Fixture *f)
{
	return customer_of(f, one_service(f, "basic", 99500, "C003", "Boulangerie Dupont", NULL,
					  LANGUAGE_FR, "S100", "Site vitrine"));
}

static CustomerReport *
twenty_services_customer(Fixture *f)
{
	Plan *plan = add_plan(f, "managed-99.95", 99950);
	Plan *bare = add_plan(f, "backup", 0);
	Customer *c = add_customer(f, "C004", "Groupe Industriel du Grand Ouest et des Pays de "
				   "la Loire — Direction des Systèmes d’Information",
				   "Tour Horizon, 52 quai de Dion-Bouton\n92800 Puteaux", LANGUAGE_FR);
	CustomerReport *cr = add_customer_report(f, c);
	GArray *lines = g_array_new(FALSE, TRUE, sizeof(CreditLine));

	bare->gtr.defined = FALSE;
	for (int i = 1; i <= 20; i++) {
		g_autofree char *id = g_strdup_printf("SRV-%02d", i);
		g_autofree char *label = g_strdup_printf(
			i == 7 ? "Serveur dédié de production pour l’application de gestion "
				 "commerciale et de facturation n° %d"
			       : "Serveur %d", i);
		Service *s = add_service(f, id, c, i % 5 == 0 ? bare : plan, label);
		ServiceReport *sr = add_service_report(f, cr, s);

		if (i == 2) {
			/* a service year that ended on the 15th, and work beyond the new book */
			sr->units = (UnitsResult){ .defined = TRUE, .annual = 10, .opening = 10,
						   .used = 13, .closing = -3, .expired = 4,
						   .year_ended_in_month = TRUE, .overdrawn = TRUE,
						   .year_start = day_from_ymd(2026, 6, 15),
						   .year_end = day_from_ymd(2027, 6, 14) };
			sr->allowance = (AllowanceResult){ .defined = TRUE, .included = 7200,
							   .used = 9900, .overage = 2700,
							   .has_overage_amount = TRUE,
							   .overage_amount = 6750 };
		}
		if (i == 4) {
			/* ordered on the 10th at noon */
			sr->period.start = paris(6, 10, 12, 0);
			sr->period_s = sr->eligible_s = interval_length(sr->period);
		}

		if (i % 3 == 0) {
			gint64 start = paris(6, i, 8, 0);

			add_outage(f, sr, "OUT", start, start + 3600 * (i % 4 + 1), CAUSE_PROVIDER,
				   "Incident matériel", 3600 * (i % 4 + 1));
			interval_set_add(&sr->downtime, start, start + 3600 * (i % 4 + 1));
			sr->downtime_s = 3600 * (i % 4 + 1);
			sr->availability = (gint32)((sr->eligible_s - sr->downtime_s) * PCT_100 /
						    sr->eligible_s);
			sr->met = !sr->has_target || sr->availability >= plan->target;
			if (!sr->met) {
				/* SRV-09 is on a plan with credit.mode=on-request */
				CreditLine l = { lines->len + 1, s, CREDIT_AVAILABILITY, NULL, 5000,
						 2000, 400, i == 9 };

				sr->credit = 2000;
				g_array_append_val(lines, l);
			}
		}
	}
	set_note(f, cr, (const CreditLine *)lines->data, lines->len);
	g_array_unref(lines);
	return cr;
}

/* One service, a month of 300 incidents: the table runs over several pages. */
static CustomerReport *
busy_customer(Fixture *f)
{
	ServiceReport *sr = one_service(f, "support-p1", 0, "C005", "Plateforme Logistique Express",
					NULL, LANGUAGE_FR, "S500", "Support applicatif");
	CustomerReport *cr = customer_of(f, sr);
	const Service *s = sr->service;
	GArray *lines = g_array_new(FALSE, TRUE, sizeof(CreditLine));

	for (int i = 1; i <= 300; i++) {
		g_autofree char *id = g_strdup_printf("INC-%04d", i);
		gint64 opened = f->report.span.start + (gint64)i * 8000;
		Ticket *t = add_ticket(f, sr, id, opened, opened + 3600 * (i % 7 + 1));

		set_priority(t, i % 3 == 0 ? "P1" : i % 3 == 1 ? "P2" : "P3");
		if (i % 17 == 0) {
			add_judgement(sr, t, JUDGEMENT_NOT_APPLICABLE, REASON_NO_TARGET, 0, 0, 0, 0);
		} else if (i == 300) {
			t->restored_at = TIME_NONE;
			add_judgement(sr, t, JUDGEMENT_OPEN, REASON_NONE, 20000, 14400, 0, 0);
		} else if (i % 7 == 6) {
			CreditLine l = { lines->len + 1, s, CREDIT_GTR, t->id, 20000, 8000, 1600, FALSE };

			add_judgement(sr, t, JUDGEMENT_JUDGED, REASON_NONE, 3600 * (i % 7 + 1), 14400,
				      8000, 20000);
			g_array_append_val(lines, l);
		} else {
			add_judgement(sr, t, JUDGEMENT_JUDGED, REASON_NONE, 3600 * (i % 7 + 1) - 60,
				      14400 + 7200, 0, 0);
		}
	}
	{
		/* the GTR cap bites */
		gint64 sum = 0;
		CreditLine cap = { lines->len + 1, s, CREDIT_CAP_GTR, NULL, 0, 0, 0, FALSE };

		for (guint i = 0; i < lines->len; i++)
			sum += g_array_index(lines, CreditLine, i).amount;
		cap.amount = 40000 - sum;
		cap.percent = (gint32)(100000 - (gint32)lines->len * 20000);
		cap.vat = cap.amount / 5;
		g_array_append_val(lines, cap);
		sr->credit = 40000;
	}
	set_note(f, cr, (const CreditLine *)lines->data, lines->len);
	g_array_unref(lines);
	return cr;
}

/* Ids as long as the rules allow and a label of three lines: none is cut, the label's
 * id is always shown. */
#define LONG_LABEL "Infogérance de la plateforme de commerce en ligne et de ses bases " \
		   "de données"

static CustomerReport *
long_names_customer(Fixture *f)
{
	ServiceReport *sr = one_service(f, "hosting-999", 99900, "C007", "Grands Magasins du Centre",
					NULL, LANGUAGE_FR, "SRV-2026-000123", LONG_LABEL);
	CustomerReport *cr = customer_of(f, sr);
	gint64 opened = paris(6, 3, 10, 0);
	Ticket *t = add_ticket(f, sr, "INC2026-00123", opened, opened + 6 * 3600);
	Ticket *u = add_ticket(f, sr, "CHG-2026-06-000000000042-EXT", opened, opened + 3600);
	CreditLine line = { 1, sr->service, CREDIT_GTR, t->id, 20000, 8000, 1600, FALSE };

	add_outage(f, sr, "OUT2026-00456", opened, opened + 3600, CAUSE_PROVIDER, "Panne", 3600);
	add_outage(f, sr, "OUTAGE-2026-06-000000000789", opened + 7200, opened + 9000,
		   CAUSE_PROVIDER, "Panne", 1800);
	add_judgement(sr, t, JUDGEMENT_JUDGED, REASON_NONE, 6 * 3600, 4 * 3600, 8000, 20000);
	add_judgement(sr, u, JUDGEMENT_JUDGED, REASON_NONE, 3600, 4 * 3600, 0, 0);
	sr->credit = 8000;
	set_note(f, cr, &line, 1);
	return cr;
}

/* Names from anywhere: Latin Extended (the Latin font), Greek and Cyrillic (the wide
 * font), Japanese (no glyph in DejaVu: boxes, but extracted right). */
static CustomerReport *
unicode_customer(Fixture *f)
{
	CustomerReport *cr = customer_of(
		f, one_service(f, "hosting-999", 99900, "C006", "Łódź Dvořák Şirketi",
			       "ul. Żółkiewskiego 12\n90-001 Łódź", LANGUAGE_EN, "S600",
			       "Сервер Ωμέγα 東京"));

	cr->rejected_rows = 2;
	return cr;
}

/* ==== Tools ========================================================================= */

static gboolean
have_tools(void)
{
	static const char *const tools[] = { "pdftotext", "pdffonts", "pdfinfo", "qpdf" };

	for (guint i = 0; i < G_N_ELEMENTS(tools); i++) {
		g_autofree char *path = g_find_program_in_path(tools[i]);

		if (path == NULL) {
			g_autofree char *msg = g_strdup_printf("%s is not installed", tools[i]);

			g_test_skip(msg);
			return FALSE;
		}
	}
	return TRUE;
}

/* Standard output of @argv, which must exit with @status (-1: any). */
static char *
run(const char *const *argv, int status)
{
	g_autoptr(GError) error = NULL;
	char *out = NULL;
	g_autofree char *err = NULL;
	int wait = 0;

	g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &wait,
		     &error);
	g_assert_no_error(error);
	if (status >= 0) {
		if (!g_spawn_check_wait_status(wait, NULL))
			g_printerr("%s: %s", argv[0], err);
		g_assert_true(g_spawn_check_wait_status(wait, NULL));
	}
	return out;
}

/* pdftotext's text with every run of white space (line breaks inside wrapped cells,
 * U+00A0, U+202F) as one plain space: poppler already writes Unicode spaces so, as it
 * takes them for word breaks. */
static char *
extracted_text(const char *path)
{
	const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
	g_autofree char *text = run(argv, 0);
	GString *s = g_string_new(NULL);

	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_isspace(c))
			g_string_append_unichar(s, c);
		else if (s->len > 0 && s->str[s->len - 1] != ' ')
			g_string_append_c(s, ' ');
	}
	return g_string_free(s, FALSE);
}

static void
assert_contains(const char *text, const char *needle)
{
	if (strstr(text, needle) == NULL)
		g_error("\"%s\" is not in the statement's text:\n%s", needle, text);
}

static guint
count(const char *text, const char *needle)
{
	guint n = 0;

	for (const char *p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* qpdf --check passes, every font is embedded, the statement says what it is. */
static void
assert_sound(const char *path)
{
	const char *check[] = { "qpdf", "--check", path, NULL };
	const char *fonts[] = { "pdffonts", path, NULL };
	g_autofree char *checked = run(check, 0);
	g_autofree char *listed = run(fonts, 0);
	g_auto(GStrv) rows = g_strsplit(listed, "\n", -1);
	guint n_fonts = 0;

	assert_contains(checked, "No syntax or stream encoding errors");
	/* name, type, encoding, emb, sub, uni, object, generation */
	for (guint i = 2; rows[i] != NULL; i++) {
		g_auto(GStrv) words = NULL;
		const char *cols[16];
		guint n = 0;

		if (*rows[i] == '\0')
			continue;
		words = g_strsplit_set(g_strstrip(rows[i]), " ", -1);
		for (guint j = 0; words[j] != NULL && n < G_N_ELEMENTS(cols); j++)
			if (*words[j] != '\0')
				cols[n++] = words[j];
		g_assert_cmpuint(n, >=, 7);
		g_assert_cmpstr(cols[n - 5], ==, "yes"); /* emb */
		n_fonts++;
	}
	g_assert_cmpuint(n_fonts, >=, 2);
}

static void
assert_same_bytes(const char *a, const char *b)
{
	g_autofree char *da = NULL;
	g_autofree char *db = NULL;
	gsize la, lb;

	g_assert_true(g_file_get_contents(a, &da, &la, NULL));
	g_assert_true(g_file_get_contents(b, &db, &lb, NULL));
	g_assert_cmpmem(da, la, db, lb);
}

static StatementContext *
context(Fixture *f)
{
	g_autoptr(GError) error = NULL;
	StatementContext *ctx = statement_context_new(statement_data_dir(),
						      &f->ds->plans->provider,
						      day_from_ymd(2026, 7, 1), &error);

	g_assert_no_error(error);
	return ctx;
}

/* Renders @cr to a file named @name in the test's own folder; returns its path. */
static char *
render(Fixture *f, const StatementContext *ctx, const CustomerReport *cr, const char *name)
{
	g_autoptr(GError) error = NULL;
	const char *keep = g_getenv("SLAREPORT_KEEP_PDF");
	char *path = g_build_filename(g_get_user_cache_dir(), name, NULL);

	g_assert_cmpint(g_mkdir_with_parents(g_get_user_cache_dir(), 0700), ==, 0);
	g_assert_true(statement_render(ctx, &f->report, cr, path, &error));
	g_assert_no_error(error);
	if (keep != NULL) {
		g_autofree char *data = NULL;
		g_autofree char *copy = g_build_filename(keep, name, NULL);
		gsize len;

		g_assert_true(g_file_get_contents(path, &data, &len, NULL));
		g_assert_true(g_file_set_contents(copy, data, (gssize)len, NULL));
	}
	return path;
}

static guint
page_count(const char *path)
{
	const char *argv[] = { "pdfinfo", path, NULL };
	g_autofree char *info = run(argv, 0);
	const char *p = strstr(info, "Pages:");

	g_assert_nonnull(p);
	return (guint)g_ascii_strtoull(p + 6, NULL, 10);
}

/* ==== Tests ========================================================================= */

/* ==== Each fixture, rendered and read back ========================================= */

typedef struct {
	const char *test;                        /* path of the test */
	CustomerReport *(*make)(Fixture *f);
	const char *file;
	const char *const *expect;               /* NULL-terminated, in the text */
	const char *absent;                      /* not in the text, or NULL */
	guint min_pages, max_pages;
	void (*more)(const char *text);          /* further checks, or NULL */
} RenderCase;

static CustomerReport *
french_customer(Fixture *f)
{
	return example_customer(f, "C001", LANGUAGE_FR);
}

static void
every_ticket(const char *text)
{
	for (int i = 1; i <= 6; i++) {
		char id[8];

		g_snprintf(id, sizeof id, "T%d", i);
		assert_contains(text, id);
	}
}

static void
every_service_twice(const char *text)
{
	for (int i = 1; i <= 20; i++) {
		char id[16];

		g_snprintf(id, sizeof id, "SRV-%02d", i);
		/* in the summary and in its section */
		g_assert_cmpuint(count(text, id), >=, 2);
	}
}

static void
header_on_every_page(const char *text)
{
	/* the incidents' header on every page they run onto, marked as continued */
	g_assert_cmpuint(count(text, "Incidents et garanties de temps (suite)"), >=, 4);
	g_assert_cmpuint(count(text, "Dépassement"), >=, 5);
}

static const char *const FRENCH[] = {
	"Relevé de niveau de service", "juin 2026", "Relevé n° 202606-C001",
	"Émis le 1er juillet 2026", "Hébergement web mutualisé (S001)",
	"99,500 %", /* decimal comma, 3 decimals */
	"99,9 %", "Objectif non atteint",
	"3 h 35 min", /* downtime */
	"43 min 1 s", /* allowed downtime */
	"Maintenance M1 notifiée le 26 mai 2026", "préavis insuffisant", "Cause client (réf. O3)",
	"dans les délais", "en cours", "Non applicable : cause client",
	"Avoir n° AV-202606-C001", "280,00 €", "56,00 €", "336,00 €", "TVA 20 %",
	"non convertible en numéraire", "RCS Grenoble", "page 1 / 2", NULL,
};
static const char *const ENGLISH[] = {
	"Service level statement", "June 2026", "Issued 1 July 2026", "99.500%", "Target missed",
	"3h 35m", "Credit note AV-202606-C002", "€280.00", "€336.00", "Non-cash credit",
	"Unused, lost at month end",
	"6h 30m", /* allowance unused */
	"Closing balance",
	"€45.00",  /* contacts overage */
	"80.000%", /* compliance */
	NULL,
};
static const char *const QUIET[] = {
	"Tous vos engagements de service ont été respectés", "Aucun avoir ce mois-ci.",
	"Rien à signaler ce mois-ci", "100,000 %", NULL,
};
static const char *const TWENTY[] = {
	"services sur 20 n’ont pas respecté", "page 2 / ", "du 10 au 30 juin 2026", "Hors contrat",
	"Un avoir de 80,00 € HT vous est accordé", "Un avoir de 20,00 € HT peut vous être accordé",
	"Disponibilité — sur demande", "Solde négatif", "-3", "67,50 €", NULL,
};
static const char *const BUSY[] = {
	"INC-0001", "INC-0150", "INC-0300", "en cours, hors délai", "Plafond GTR", NULL,
};
static const char *const UNICODE[] = {
	"Łódź Dvořák Şirketi", "ul. Żółkiewskiego 12", "Сервер Ωμέγα 東京",
	"2 rows of this customer’s data were rejected", NULL,
};

/* Ids of 13 characters whole on their line; the label whole in its heading, though
 * wrapped, and its id after it wherever it is shortened (the credit note).  Longer ids
 * wrap: pdftotext reads their pieces across the row, so they are not looked for. */
static void
nothing_cut(const char *text)
{
	static const char *const whole[] = {
		"INC2026-00123", "OUT2026-00456", LONG_LABEL " (SRV-2026-000123)",
	};
	GString *packed = g_string_new(NULL);

	for (const char *p = text; *p != '\0'; p++)
		if (*p != ' ')
			g_string_append_c(packed, *p);
	for (guint i = 0; i < G_N_ELEMENTS(whole); i++) {
		g_autofree char *needle = g_strdelimit(g_strdup(whole[i]), " ", '\x01');
		GString *n = g_string_new(NULL);

		for (const char *p = needle; *p != '\0'; p++)
			if (*p != '\x01')
				g_string_append_c(n, *p);
		if (strstr(packed->str, n->str) == NULL)
			g_error("\"%s\" is not whole in the statement's text:\n%s", whole[i], text);
		g_string_free(n, TRUE);
	}
	g_assert_cmpuint(count(packed->str, "(SRV-2026-000123)"), ==, 2);
	g_string_free(packed, TRUE);
}

static const char *const LONG_NAMES[] = { "INC2026-00123", "OUT2026-00456", NULL };

static const RenderCase CASES[] = {
	{ "/statement/render/french-one-service", french_customer, "C001.pdf", FRENCH, NULL, 2, 2,
	  every_ticket },
	{ "/statement/render/english-allowances", english_customer, "C002.pdf", ENGLISH, NULL, 2, 2,
	  NULL },
	{ "/statement/render/nothing-to-report", quiet_customer, "C003.pdf", QUIET, "Avoir n°", 1,
	  1, NULL },
	{ "/statement/render/twenty-services", twenty_services_customer, "C004.pdf", TWENTY, NULL,
	  2, 12, every_service_twice },
	{ "/statement/render/300-incidents-span-pages", busy_customer, "C005.pdf", BUSY, NULL, 4,
	  12, header_on_every_page },
	{ "/statement/render/any-unicode-name", unicode_customer, "C006.pdf", UNICODE, NULL, 1, 1,
	  NULL },
	{ "/statement/render/long-ids-and-labels-whole", long_names_customer, "C007.pdf",
	  LONG_NAMES, NULL, 1, 2, nothing_cut },
};

static void
test_render_case(gconstpointer data)
{
	const RenderCase *c = data;
	Fixture *f;
	g_autoptr(StatementContext) ctx = NULL;
	g_autofree char *path = NULL;
	g_autofree char *text = NULL;
	guint pages;

	if (!have_tools())
		return;
	f = fixture_new();
	ctx = context(f);
	path = render(f, ctx, c->make(f), c->file);
	assert_sound(path);
	text = extracted_text(path);
	for (guint i = 0; c->expect[i] != NULL; i++)
		assert_contains(text, c->expect[i]);
	if (c->absent != NULL)
		g_assert_null(strstr(text, c->absent));
	pages = page_count(path);
	g_assert_cmpuint(pages, >=, c->min_pages);
	g_assert_cmpuint(pages, <=, c->max_pages);
	if (c->more != NULL)
		c->more(text);
	fixture_free(f);
}

/* pdfinfo's @key line holds @value. */
static void
assert_info(const char *info, const char *key, const char *value)
{
	g_auto(GStrv) lines = g_strsplit(info, "\n", -1);

	for (guint i = 0; lines[i] != NULL; i++) {
		gsize n = strlen(key);

		if (strncmp(lines[i], key, n) == 0 && lines[i][n] == ':') {
			g_assert_cmpstr(g_strstrip(lines[i] + n + 1), ==, value);
			return;
		}
	}
	g_error("pdfinfo has no %s:\n%s", key, info);
}

static void
test_metadata(void)
{
	Fixture *f;
	g_autoptr(StatementContext) ctx = NULL;
	g_autofree char *path = NULL;
	g_autofree char *info = NULL;
	const char *argv[] = { "pdfinfo", "-isodates", "-enc", "UTF-8", NULL, NULL };

	if (!have_tools())
		return;
	f = fixture_new();
	ctx = context(f);
	path = render(f, ctx, unicode_customer(f), "C006.pdf");
	argv[4] = path;
	info = run(argv, 0);
	assert_info(info, "Title", "Service level statement — Łódź Dvořák Şirketi — June 2026");
	assert_info(info, "Author", "Hébergeur Exemple SAS");
	assert_info(info, "Subject", "June 2026");
	assert_info(info, "CreationDate", "2026-07-01T00:00:00+02");
	assert_info(info, "Page size", "595.276 x 841.89 pts (A4)");
	fixture_free(f);
}

static void
test_identical_bytes(void)
{
	Fixture *f = fixture_new();
	g_autoptr(StatementContext) ctx = context(f);
	CustomerReport *cr = example_customer(f, "C001", LANGUAGE_FR);
	g_autofree char *a = render(f, ctx, cr, "a.pdf");
	g_autofree char *b = NULL;

	g_usleep(1100 * 1000); /* a second later: no clock may show */
	b = render(f, ctx, cr, "b.pdf");
	assert_same_bytes(a, b);
	fixture_free(f);
}

/* What follows @rows outage rows in a test of page feet: a credit note or incidents. */
typedef void (*AfterOutages)(Fixture *f, ServiceReport *sr, CustomerReport *cr);

/* Renders a statement for 0 to 39 outage rows followed by @after, so that what follows
 * starts at every height of a page; on every page holding @marker, @with is there too. */
static void
assert_kept_together(AfterOutages after, const char *marker, const char *with)
{
	if (!have_tools())
		return;
	for (int rows = 0; rows < 40; rows++) {
		Fixture *f = fixture_new();
		g_autoptr(StatementContext) ctx = context(f);
		ServiceReport *sr = one_service(f, "hosting-999", 99900, "C008", "Imprimerie Durand",
						NULL, LANGUAGE_FR, "S800",
						"Serveur dédié d’impression et de préparation des fichiers");
		CustomerReport *cr = customer_of(f, sr);
		g_autofree char *path = NULL;
		guint pages, found = 0;

		for (int i = 0; i < rows; i++) {
			g_autofree char *id = g_strdup_printf("O%03d", i);
			gint64 start = paris(6, 1 + i % 28, 10, 0);

			add_outage(f, sr, id, start, start + 600, CAUSE_PROVIDER, "Panne", 600);
		}
		after(f, sr, cr);
		path = render(f, ctx, cr, "C008.pdf");
		pages = page_count(path);
		for (guint p = 1; p <= pages; p++) {
			g_autofree char *first = g_strdup_printf("%u", p);
			const char *argv[] = { "pdftotext", "-f", first, "-l", first, "-enc", "UTF-8",
					       path, "-", NULL };
			g_autofree char *text = run(argv, 0);

			if (strstr(text, marker) == NULL)
				continue;
			found++;
			if (strstr(text, with) == NULL)
				g_error("%d outage rows: \"%s\" without \"%s\" on page %u:\n%s", rows,
					marker, with, p, text);
		}
		g_assert_cmpuint(found, ==, 1);
		fixture_free(f);
	}
}

/* A credit note of six two-line rows. */
static void
six_line_note(Fixture *f, ServiceReport *sr, CustomerReport *cr)
{
	CreditLine lines[6];

	for (guint i = 0; i < G_N_ELEMENTS(lines); i++)
		lines[i] = (CreditLine){ i + 1, sr->service, CREDIT_AVAILABILITY, NULL, 1000, 1000,
					 200, FALSE };
	sr->credit = 6000;
	set_note(f, cr, lines, G_N_ELEMENTS(lines));
}

/* Five incidents, one still open, under a compliance target: three notes under them. */
static void
five_incidents(Fixture *f, ServiceReport *sr, CustomerReport *cr)
{
	(void)cr;
	for (int i = 0; i < 5; i++) {
		g_autofree char *id = g_strdup_printf("INC%d", i);
		gint64 opened = paris(6, 2 + i, 9, 0);
		Ticket *t = add_ticket(f, sr, id, opened, opened + 3600);

		add_judgement(sr, t, i == 4 ? JUDGEMENT_OPEN : JUDGEMENT_JUDGED, REASON_NONE, 3600,
			      4 * 3600, 0, 0);
	}
	sr->compliance = (ComplianceResult){ TRUE, 90000, 5, 5, 100000, TRUE };
}

/* A provider and a customer whose names and addresses run to thousands of lines: the
 * header keeps to the first page, with the customer's box, its reference and the period. */
static void
test_huge_names(void)
{
	Fixture *f;
	g_autoptr(StatementContext) ctx = NULL;
	g_autoptr(GString) name = g_string_new(NULL);
	g_autoptr(GString) address = g_string_new(NULL);
	g_autofree char *path = NULL;
	g_autofree char *text = NULL;
	const char *argv[] = { "pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", NULL, "-", NULL };

	if (!have_tools())
		return;
	for (int i = 0; i < 2000; i++)
		g_string_append(name, "Nom ");
	for (int i = 0; i < 2000; i++)
		g_string_append(address, "Bâtiment A\n");
	f = fixture_new();
	g_free(f->ds->plans->provider.name);
	g_free(f->ds->plans->provider.address);
	f->ds->plans->provider.name = g_strdup(name->str);
	f->ds->plans->provider.address = g_strdup(address->str);
	ctx = context(f);
	path = render(f, ctx,
		      customer_of(f, one_service(f, "basic", 99500, "C009", name->str, address->str,
						 LANGUAGE_FR, "S900", "Site vitrine")),
		      "C009.pdf");
	argv[7] = path;
	text = run(argv, 0);
	assert_contains(text, "Référence client : C009");
	assert_contains(text, "Période du 1er au 30 juin 2026");
	assert_contains(text, "Synthèse");
	fixture_free(f);
}

/* The credit note's heading, its table and its totals share a page. */
static void
test_credit_note_heading(void)
{
	assert_kept_together(six_line_note, "Avoir n°", "Total TTC");
}

/* The notes under the incidents (breaches, open tickets, compliance) stay with its last
 * row: never alone at the top of a page. */
static void
test_incident_notes(void)
{
	assert_kept_together(five_incidents, "Dépassements ce mois-ci", "INC");
	assert_kept_together(five_incidents, "Respect des garanties", "INC");
}

static void
test_size(void)
{
	Fixture *f = fixture_new();
	g_autoptr(StatementContext) ctx = context(f);
	g_autofree char *path = render(f, ctx, example_customer(f, "C001", LANGUAGE_FR), "C001.pdf");
	GStatBuf st;

	g_test_summary("A typical one-service statement stays under 40 kB (issue 8's target; "
		       "issue 6 asks for 100 kB).");
	g_assert_cmpint(g_stat(path, &st), ==, 0);
	g_test_message("one-service statement: %" G_GINT64_FORMAT " bytes", (gint64)st.st_size);
	g_assert_cmpint(st.st_size, <, 40 * 1024);
	fixture_free(f);
}

static void
test_unwritable(void)
{
	Fixture *f = fixture_new();
	g_autoptr(StatementContext) ctx = context(f);
	CustomerReport *cr = quiet_customer(f);
	g_autoptr(GError) error = NULL;

	g_assert_false(statement_render(ctx, &f->report, cr, "/nonexistent/dir/C003.pdf", &error));
	g_assert_error(error, PDF_ERROR, PDF_ERROR_WRITE);
	assert_contains(error->message, "/nonexistent/dir/C003.pdf");
	fixture_free(f);
}

static void
test_disk_full(void)
{
	Fixture *f;
	g_autoptr(StatementContext) ctx = NULL;
	g_autoptr(GError) error = NULL;

	if (!g_file_test("/dev/full", G_FILE_TEST_EXISTS)) {
		g_test_skip("no /dev/full");
		return;
	}
	f = fixture_new();
	ctx = context(f);
	g_assert_false(statement_render(ctx, &f->report, quiet_customer(f), "/dev/full", &error));
	g_assert_error(error, PDF_ERROR, PDF_ERROR_WRITE);
	assert_contains(error->message, "No space left on device");
	fixture_free(f);
}

typedef struct {
	Fixture *f;
	const StatementContext *ctx;
	const char *dir;
} Job;

static void
render_job(gpointer data, gpointer user_data)
{
	const CustomerReport *cr = data;
	const Job *job = user_data;
	g_autofree char *name = g_strdup_printf("%s.pdf", cr->customer->id);
	g_autofree char *path = g_build_filename(job->dir, name, NULL);

	g_assert_true(statement_render(job->ctx, &job->f->report, cr, path, NULL));
}

/* Several threads rendering at once (one document each, the context shared) write
 * the bytes one thread writes. */
static void
test_threads(void)
{
	Fixture *f = fixture_new();
	g_autoptr(StatementContext) ctx = context(f);
	g_autofree char *serial = g_build_filename(g_get_user_cache_dir(), "serial", NULL);
	g_autofree char *parallel = g_build_filename(g_get_user_cache_dir(), "parallel", NULL);
	Job job = { f, ctx, parallel };
	GThreadPool *pool;

	french_customer(f);
	english_customer(f);
	quiet_customer(f);
	twenty_services_customer(f);
	busy_customer(f);
	unicode_customer(f);
	g_assert_cmpint(g_mkdir_with_parents(serial, 0700), ==, 0);
	g_assert_cmpint(g_mkdir_with_parents(parallel, 0700), ==, 0);
	for (guint i = 0; i < f->report.customers->len; i++) {
		Job one = { f, ctx, serial };

		render_job(g_ptr_array_index(f->report.customers, i), &one);
	}
	pool = g_thread_pool_new(render_job, &job, 4, TRUE, NULL);
	for (guint round = 0; round < 3; round++)
		for (guint i = 0; i < f->report.customers->len; i++)
			g_thread_pool_push(pool, g_ptr_array_index(f->report.customers, i), NULL);
	g_thread_pool_free(pool, FALSE, TRUE);
	for (guint i = 0; i < f->report.customers->len; i++) {
		const CustomerReport *cr = g_ptr_array_index(f->report.customers, i);
		g_autofree char *name = g_strdup_printf("%s.pdf", cr->customer->id);
		g_autofree char *a = g_build_filename(serial, name, NULL);
		g_autofree char *b = g_build_filename(parallel, name, NULL);

		assert_same_bytes(a, b);
	}
	fixture_free(f);
}

/* A 240x80 logo with transparent corners, written as PNG to @path. */
static void
write_logo(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 240, 80);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 0.1, 0.3, 0.6);
	cairo_arc(cr, 40, 40, 36, 0, 2 * G_PI);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 0.9, 0.4, 0.1, 0.8);
	cairo_rectangle(cr, 90, 20, 140, 40);
	cairo_fill(cr);
	cairo_destroy(cr);
	g_assert_cmpint(cairo_surface_write_to_png(s, path), ==, CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

/* The provider's logo is drawn once per page 1, with its transparency. */
static void
test_logo(void)
{
	Fixture *f;
	g_autoptr(StatementContext) ctx = NULL;
	g_autofree char *path = NULL;
	g_autofree char *list = NULL;
	Provider *p;
	const char *argv[] = { "pdfimages", "-list", NULL, NULL };
	g_autofree char *prog = g_find_program_in_path("pdfimages");

	if (prog == NULL || !have_tools()) {
		g_test_skip("pdfimages is not installed");
		return;
	}
	f = fixture_new();
	p = &f->ds->plans->provider;
	g_assert_cmpint(g_mkdir_with_parents(g_get_user_cache_dir(), 0700), ==, 0);
	p->logo = g_build_filename(g_get_user_cache_dir(), "logo.png", NULL);
	write_logo(p->logo);
	ctx = context(f);
	path = render(f, ctx, french_customer(f), "logo.pdf");
	assert_sound(path);
	argv[2] = path;
	list = run(argv, 0);
	/* the picture and its soft mask, 240x80 */
	g_assert_cmpuint(count(list, " 240    80 "), ==, 2);
	assert_contains(list, "smask");
	fixture_free(f);
}

static void
test_bad_logo(void)
{
	Fixture *f = fixture_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(StatementContext) ctx = NULL;

	f->ds->plans->provider.logo = g_strdup("/nonexistent/logo.png");
	ctx = statement_context_new(statement_data_dir(), &f->ds->plans->provider,
				    day_from_ymd(2026, 7, 1), &error);
	g_assert_null(ctx);
	g_assert_error(error, PDF_ERROR, PDF_ERROR_IMAGE);
	assert_contains(error->message, "/nonexistent/logo.png");
	fixture_free(f);
}

/* Timing, not a check: ms per one-service statement, in one thread.  Only with -m perf
 * (make bench measures the whole run). */
static void
test_speed(void)
{
	Fixture *f = fixture_new();
	g_autoptr(StatementContext) ctx = NULL;
	CustomerReport *cr = example_customer(f, "C001", LANGUAGE_FR);
	g_autofree char *path = g_build_filename(g_get_user_cache_dir(), "speed.pdf", NULL);
	guint n = 500;
	gint64 t0;

	g_assert_cmpint(g_mkdir_with_parents(g_get_user_cache_dir(), 0700), ==, 0);
	if (g_getenv("SLAREPORT_BENCH_LOGO") != NULL) {
		f->ds->plans->provider.logo = g_build_filename(g_get_user_cache_dir(), "logo.png",
							       NULL);
		write_logo(f->ds->plans->provider.logo);
	}
	ctx = context(f);
	t0 = g_get_monotonic_time();
	for (guint i = 0; i < n; i++)
		g_assert_true(statement_render(ctx, &f->report, cr, path, NULL));
	g_test_message("%.3f ms per one-service statement (%u renders)",
		       (double)(g_get_monotonic_time() - t0) / 1000.0 / n, n);
	fixture_free(f);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

	for (guint i = 0; i < G_N_ELEMENTS(CASES); i++)
		g_test_add_data_func(CASES[i].test, &CASES[i], test_render_case);
	g_test_add_func("/statement/render/metadata", test_metadata);
	g_test_add_func("/statement/render/logo", test_logo);
	g_test_add_func("/statement/context/unreadable-logo", test_bad_logo);
	g_test_add_func("/statement/render/credit-note-heading-keeps-its-table",
			test_credit_note_heading);
	g_test_add_func("/statement/render/incident-notes-stay-with-the-table", test_incident_notes);
	g_test_add_func("/statement/render/huge-names-keep-the-header-on-page-1", test_huge_names);
	g_test_add_func("/statement/render/identical-bytes", test_identical_bytes);
	g_test_add_func("/statement/render/threads-same-bytes", test_threads);
	g_test_add_func("/statement/render/size", test_size);
	g_test_add_func("/statement/render/unwritable-path", test_unwritable);
	g_test_add_func("/statement/render/disk-full", test_disk_full);
	if (g_test_perf())
		g_test_add_func("/statement/perf/one-service", test_speed);
	return g_test_run();
}
