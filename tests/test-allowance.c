/* SPDX-License-Identifier: MIT
 *
 * Allowances, work units, contacts and compliance (plans.md "Allowance", "Work
 * units", "Contacts", "Compliance"; decisions.md 18, 32–36).
 */
#include "allowance.h"
#include "fixture.h"

/* C1/S1 (1 000.00, started @start) of a plan with allowance 2h, increment 15m,
 * minimum @minimum, 90.00/h; units 50; contacts 3 at 15.00. */
static Plan *
setup(Fixture *fx, const char *start, gint64 minimum)
{
	Plan *plan = fx_plan(fx, "p");

	plan->has_allowance = TRUE;
	plan->allowance = 7200;
	plan->allowance_increment = 900;
	plan->allowance_minimum = minimum;
	plan->has_overage_rate = TRUE;
	plan->overage_rate = 9000;
	plan->has_units = TRUE;
	plan->units_annual = 50;
	plan->has_contacts = TRUE;
	plan->contacts_monthly = 3;
	plan->has_contacts_fee = TRUE;
	plan->contacts_fee = 1500;
	fx_customer(fx, "C1");
	fx_service(fx, "S1", "C1", "p", 100000, start, NULL);
	return plan;
}

/* A request opened @opened, closed @closed, with work minutes and units. */
static void
request(Fixture *fx, const char *id, const char *opened, const char *closed, gint64 minutes,
	gint64 units)
{
	guint i = fx_ticket(fx, id, "S1", opened, NULL, NULL, closed, NULL);
	Ticket *t = fx_ticket_at(fx, i);

	t->type = TICKET_REQUEST;
	t->work_minutes = minutes;
	t->work_units = units;
}

static void
test_worked_example(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	setup(fx, "2024-09-01", 900);
	request(fx, "R1", "2026-05-04T09:00", "2026-05-04T10:00", 50, 2);
	request(fx, "R2", "2026-05-06T09:00", "2026-05-12T15:00", 10, 5);
	request(fx, "R3", "2026-05-20T14:00", "2026-05-20T15:00", 47, 1);
	request(fx, "R4", "2026-04-28T09:00", "2026-05-02T10:00", 20, 0);
	request(fx, "R5", "2026-05-28T09:00", NULL, 30, 0);
	request(fx, "H1", "2025-11-09T09:00", "2025-11-10T10:00", 120, 20);
	request(fx, "H2", "2026-03-01T09:00", "2026-03-02T10:00", 60, 15);
	request(fx, "H3", "2025-08-14T09:00", "2025-08-15T10:00", 30, 10);
	sr = fx_compute(fx, 2026, 5, &r);
	g_assert_cmpint(sr->allowance.included, ==, 7200);
	g_assert_cmpint(sr->allowance.used, ==, 9900);
	g_assert_cmpint(sr->allowance.unused, ==, 0);
	g_assert_cmpint(sr->allowance.overage, ==, 2700);
	g_assert_cmpint(sr->allowance.overage_amount, ==, 6750);
	g_assert_cmpuint(sr->allowance.tickets->len, ==, 4);
	g_assert_cmpint(sr->units.opening, ==, 15);
	g_assert_cmpint(sr->units.used, ==, 8);
	g_assert_cmpint(sr->units.closing, ==, 7);
	g_assert_cmpint(sr->units.expired, ==, 0);
	g_assert_false(sr->units.year_ended_in_month);
	g_assert_cmpint(sr->units.year_start, ==, fx_day("2025-09-01"));
	g_assert_cmpint(sr->units.year_end, ==, fx_day("2026-08-31"));
	g_assert_cmpint(sr->contacts.count, ==, 4);
	g_assert_cmpint(sr->contacts.over, ==, 1);
	g_assert_cmpint(sr->contacts.overage_amount, ==, 1500);
	fx_free(fx);
}

static gint64
used_for(gint64 minutes, gint64 minimum)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	gint64 used;

	setup(fx, NULL, minimum);
	request(fx, "R", "2026-05-04T09:00", "2026-05-04T10:00", minutes, 0);
	used = fx_compute(fx, 2026, 5, &r)->allowance.used;
	fx_free(fx);
	return used;
}

static void
test_increment_and_minimum(void)
{
	g_assert_cmpint(used_for(0, 0), ==, 0);
	g_assert_cmpint(used_for(0, 900), ==, 900);   /* empty work still counts the minimum */
	g_assert_cmpint(used_for(1, 0), ==, 900);
	g_assert_cmpint(used_for(15, 0), ==, 900);
	g_assert_cmpint(used_for(16, 0), ==, 1800);
	g_assert_cmpint(used_for(16, 3600), ==, 3600);
	/* beyond 64 bits of seconds: saturates, never wraps */
	g_assert_cmpint(used_for(G_MAXINT64 / 2, 0), ==, G_MAXINT64);
}

static void
test_exactly_at_allowance(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	setup(fx, NULL, 0);
	request(fx, "A", "2026-05-04T09:00", "2026-05-04T10:00", 60, 0);
	request(fx, "B", "2026-05-05T09:00", "2026-05-05T10:00", 60, 0);
	sr = fx_compute(fx, 2026, 5, &r);
	g_assert_cmpint(sr->allowance.used, ==, 7200);
	g_assert_cmpint(sr->allowance.unused, ==, 0);
	g_assert_cmpint(sr->allowance.overage, ==, 0);
	g_assert_cmpint(sr->allowance.overage_amount, ==, 0);
	fx_free(fx);
}

static void
test_unused_is_lost(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	setup(fx, NULL, 0);
	/* opened last month, closed this month: counts; still open: does not */
	request(fx, "A", "2026-04-28T09:00", "2026-05-04T10:00", 30, 0);
	request(fx, "B", "2026-05-05T09:00", NULL, 60, 0);
	request(fx, "C", "2026-05-05T09:00", "2026-06-01T00:00", 60, 0);
	sr = fx_compute(fx, 2026, 5, &r);
	g_assert_cmpint(sr->allowance.used, ==, 1800);
	g_assert_cmpint(sr->allowance.unused, ==, 5400);
	fx_free(fx);
}

static void
test_anniversary(void)
{
	static const struct {
		const char *start;
		int month;
		gint64 opening, used, closing, expired;
		gboolean ended;
		const char *what;
	} cases[] = {
		/* units closed: 10 on 2025-06-20, 7 on 2026-05-10, 4 on 2026-05-20 */
		{ "2024-05-15", 5, 50, 4, 46, 33, TRUE, "anniversary inside the month" },
		{ "2024-05-01", 5, 50, 11, 39, 40, TRUE, "anniversary on the 1st" },
		{ "2024-04-15", 5, 50, 11, 39, 0, FALSE, "anniversary the month before" },
		{ "2024-06-15", 5, 40, 11, 29, 0, FALSE, "anniversary the month after" },
		{ "2026-05-15", 5, 50, 4, 46, 0, FALSE, "first year: nothing expires" },
		{ NULL, 5, 50, 11, 39, 0, FALSE, "no start date: calendar year" },
		{ NULL, 1, 50, 0, 50, 40, TRUE, "no start date: January ends the year" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		Fixture *fx = fx_new();
		g_autoptr(Report) r = NULL;
		const ServiceReport *sr;

		g_test_message("%s", cases[i].what);
		setup(fx, cases[i].start, 0);
		request(fx, "A", "2025-06-20T09:00", "2025-06-20T10:00", 0, 10);
		request(fx, "B", "2026-05-10T09:00", "2026-05-10T10:00", 0, 7);
		request(fx, "C", "2026-05-20T09:00", "2026-05-20T10:00", 0, 4);
		sr = fx_compute(fx, 2026, cases[i].month, &r);
		g_assert_cmpint(sr->units.opening, ==, cases[i].opening);
		g_assert_cmpint(sr->units.used, ==, cases[i].used);
		g_assert_cmpint(sr->units.closing, ==, cases[i].closing);
		g_assert_cmpint(sr->units.expired, ==, cases[i].expired);
		g_assert_cmpint(sr->units.year_ended_in_month, ==, cases[i].ended);
		fx_free(fx);
	}
}

static void
test_leap_day_start(void)
{
	g_assert_cmpint(allowance_year_start(fx_day("2024-02-29"), 2026, 2), ==, fx_day("2026-02-28"));
	g_assert_cmpint(allowance_year_start(fx_day("2024-02-29"), 2026, 1), ==, fx_day("2025-02-28"));
	g_assert_cmpint(allowance_year_start(fx_day("2024-02-29"), 2028, 2), ==, fx_day("2028-02-29"));
	g_assert_cmpint(allowance_year_start(fx_day("2024-02-29"), 2028, 3), ==, fx_day("2028-02-29"));
	g_assert_cmpint(allowance_year_start(DAY_NONE, 2026, 7), ==, fx_day("2026-01-01"));
}

static void
test_overdrawn_and_override(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;
	Plan *plan = setup(fx, "2025-01-01", 0);

	/* services.units_annual overrides the plan, and applies without units.annual */
	plan->has_units = FALSE;
	dataset_service(fx->ds, 0)->units_annual = 5;
	request(fx, "A", "2026-04-02T09:00", "2026-04-02T10:00", 0, 4);
	request(fx, "B", "2026-05-02T09:00", "2026-05-02T10:00", 0, 3);
	sr = fx_compute(fx, 2026, 5, &r);
	g_assert_true(sr->units.defined);
	g_assert_cmpint(sr->units.opening, ==, 1);
	g_assert_cmpint(sr->units.closing, ==, -2);
	g_assert_true(sr->units.overdrawn);
	fx_free(fx);
}

static void
test_contacts_at_limit(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;
	guint t;

	setup(fx, NULL, 0);
	request(fx, "A", "2026-05-01T00:00", NULL, 0, 0);
	request(fx, "B", "2026-05-02T09:00", NULL, 0, 0);
	request(fx, "C", "2026-05-31T23:59:59", NULL, 0, 0);
	request(fx, "D", "2026-06-01T00:00", NULL, 0, 0);
	t = fx_ticket(fx, "E", "S1", "2026-05-03T09:00", NULL, NULL, NULL, "P1"); /* incident */
	(void)t;
	sr = fx_compute(fx, 2026, 5, &r);
	g_assert_cmpint(sr->contacts.count, ==, 3);
	g_assert_cmpint(sr->contacts.over, ==, 0);
	g_assert_cmpint(sr->contacts.overage_amount, ==, 0);
	fx_free(fx);
}

/* Compliance target 90 % over a GTR of 1 h for every priority. */
static void
with_compliance(Plan *plan)
{
	plan->has_compliance = TRUE;
	plan->compliance_target = 90000;
	plan->gtr.defined = TRUE;
	plan->gtr.targets = g_new0(PriorityTarget, 1);
	plan->gtr.targets[0] = (PriorityTarget){ NULL, 3600 };
	plan->gtr.n_targets = 1;
}

static void
test_compliance(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	Plan *plan = setup(fx, NULL, 0);
	const ServiceReport *sr;

	with_compliance(plan);
	sr = fx_compute(fx, 2026, 5, &r);
	/* nothing judged yet: 100 % */
	g_assert_true(sr->compliance.defined);
	g_assert_cmpint(sr->compliance.judged, ==, 0);
	g_assert_cmpint(sr->compliance.percent, ==, PCT_100);
	g_assert_true(sr->compliance.meets_target);
	report_free(g_steal_pointer(&r));
	fx_free(fx);

	fx = fx_new();
	plan = setup(fx, NULL, 0);
	with_compliance(plan);
	/* last year's breach does not count; 2 of 3 met this year */
	fx_ticket(fx, "A", "S1", "2025-12-31T10:00", NULL, "2025-12-31T12:00", NULL, "P1");
	fx_ticket(fx, "B", "S1", "2026-02-01T10:00", NULL, "2026-02-01T12:00", NULL, "P1");
	fx_ticket(fx, "C", "S1", "2026-03-01T10:00", NULL, "2026-03-01T10:30", NULL, "P1");
	fx_ticket(fx, "D", "S1", "2026-05-01T10:00", NULL, "2026-05-01T10:30", NULL, "P1");
	fx_ticket(fx, "E", "S1", "2026-06-01T10:00", NULL, "2026-06-01T12:30", NULL, "P1");
	sr = fx_compute(fx, 2026, 5, &r);
	g_assert_cmpint(sr->compliance.judged, ==, 3);
	g_assert_cmpint(sr->compliance.met, ==, 2);
	g_assert_cmpint(sr->compliance.percent, ==, 66666);
	g_assert_false(sr->compliance.meets_target);
	fx_free(fx);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/allowance/worked-example", test_worked_example);
	g_test_add_func("/allowance/time/increment-and-minimum", test_increment_and_minimum);
	g_test_add_func("/allowance/time/exactly-at-allowance", test_exactly_at_allowance);
	g_test_add_func("/allowance/time/closed-this-month-unused-lost", test_unused_is_lost);
	g_test_add_func("/allowance/units/anniversary", test_anniversary);
	g_test_add_func("/allowance/units/29-february-start", test_leap_day_start);
	g_test_add_func("/allowance/units/overdrawn-and-service-override", test_overdrawn_and_override);
	g_test_add_func("/allowance/contacts/exactly-at-limit", test_contacts_at_limit);
	g_test_add_func("/allowance/compliance/none-yet-and-this-year", test_compliance);
	return g_test_run();
}
