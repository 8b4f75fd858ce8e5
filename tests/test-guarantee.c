/* SPDX-License-Identifier: MIT
 *
 * GTR and GTI rules (plans.md "Ticket priority", "GTR", "GTI", "Breach credit";
 * decisions.md 7, 16, 17, 25–28a), each on a dataset built in code.
 */
#include "fixture.h"
#include "guarantee.h"

typedef struct {
	Fixture *fx;
	Plan *plan;
	Calendar *cal5x10;
	Report *report;
} G;

/* Customer C1, service S1 (1 000.00) of a plan with GTR *:4h in 5×10 (FR), flat 10 %. */
static void
setup(G *g, CalendarHolidays holidays)
{
	g->fx = fx_new();
	g->plan = fx_plan(g->fx, "p");
	g->cal5x10 = fx_calendar(g->fx, "5x10", 5, 8, 18, holidays);
	g->plan->gtr.defined = TRUE;
	g->plan->gtr.targets = g_new0(PriorityTarget, 1);
	g->plan->gtr.targets[0] = (PriorityTarget){ NULL, 4 * 3600 };
	g->plan->gtr.n_targets = 1;
	g->plan->gtr.calendar = g->cal5x10;
	g->plan->gtr.penalty = PENALTY_FLAT;
	g->plan->gtr.percent = 10000;
	fx_customer(g->fx, "C1");
	fx_service(g->fx, "S1", "C1", "p", 100000, NULL, NULL);
	g->report = NULL;
}

static void
teardown(G *g)
{
	report_free(g->report);
	fx_free(g->fx);
}

/* The month's judgement rows of the only service. */
static GArray *
judge(G *g, int year, int month)
{
	fx_finish(g->fx);
	g->report = report_compute(g->fx->ds, year, month);
	return fx_service_report(g->report, 0, 0)->judgements;
}

static const Judgement *
row(GArray *rows, guint i)
{
	g_assert_cmpuint(rows->len, >, i);
	return &g_array_index(rows, Judgement, i);
}

/* GTR elapsed of one ticket opened @opened and restored @restored, in 5×10 FR. */
static gint64
elapsed_5x10(CalendarHolidays holidays, const char *opened, const char *restored, int year,
	     int month)
{
	G g;
	gint64 e;

	setup(&g, holidays);
	fx_ticket(g.fx, "T", "S1", opened, NULL, restored, NULL, "P1");
	e = row(judge(&g, year, month), 0)->elapsed;
	teardown(&g);
	return e;
}

static void
test_friday_to_monday(void)
{
	/* Fri 2026-06-05 17:00 → Mon 08 10:00: 1 h + 2 h */
	g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR, "2026-06-05T17:00", "2026-06-08T10:00",
				     2026, 6), ==, 3 * 3600);
}

static void
test_holidays(void)
{
	static const struct {
		const char *opened, *restored;
		int year, month;
		gint64 expected;
		const char *what;
	} cases[] = {
		/* Ascension 2026-05-14 (Thu), Whit Monday 2026-05-25, Easter Monday 2026-04-06 */
		{ "2026-05-13T17:00", "2026-05-15T09:00", 2026, 5, 2 * 3600, "ascension-2026" },
		{ "2026-05-22T17:00", "2026-05-26T09:00", 2026, 5, 2 * 3600, "whit-monday-2026" },
		{ "2026-04-03T17:00", "2026-04-07T09:00", 2026, 4, 2 * 3600, "easter-monday-2026" },
		/* 2027: Easter Monday 29 March, Ascension 6 May, Whit Monday 17 May */
		{ "2027-03-26T17:00", "2027-03-30T09:00", 2027, 3, 2 * 3600, "easter-monday-2027" },
		{ "2027-05-05T17:00", "2027-05-07T09:00", 2027, 5, 2 * 3600, "ascension-2027" },
		{ "2027-05-14T17:00", "2027-05-18T09:00", 2027, 5, 2 * 3600, "whit-monday-2027" },
		/* 2025: Easter Monday 21 April, Ascension 29 May */
		{ "2025-04-18T17:00", "2025-04-22T09:00", 2025, 4, 2 * 3600, "easter-monday-2025" },
		{ "2025-05-28T17:00", "2025-05-30T09:00", 2025, 5, 2 * 3600, "ascension-2025" },
		/* Good Friday 2026-04-03 is open in FR */
		{ "2026-04-02T17:00", "2026-04-03T09:00", 2026, 4, 2 * 3600, "good-friday-fr" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_test_message("%s", cases[i].what);
		g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR, cases[i].opened,
					     cases[i].restored, cases[i].year, cases[i].month),
				==, cases[i].expected);
	}
}

static void
test_fr57(void)
{
	/* Good Friday 2026-04-03 and Easter Monday closed: Thu 17–18 + Tue 08–09 */
	g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR57, "2026-04-02T17:00", "2026-04-07T09:00",
				     2026, 4), ==, 2 * 3600);
	/* 26 December 2025 is a Friday */
	g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR57, "2025-12-24T17:00", "2025-12-29T09:00",
				     2025, 12), ==, 2 * 3600);
	g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR, "2025-12-24T17:00", "2025-12-29T09:00",
				     2025, 12), ==, 12 * 3600);
}

static void
test_outside_hours(void)
{
	/* opened Saturday, restored Monday 08:30: only 30 min count */
	g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR, "2026-06-06T11:00", "2026-06-08T08:30",
				     2026, 6), ==, 1800);
	/* opened and restored at night */
	g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR, "2026-06-09T19:00", "2026-06-09T23:00",
				     2026, 6), ==, 0);
}

static void
test_clock_change(void)
{
	G g;
	Calendar *full;

	/* 24×7 across the night of 25 October 2026: 00:00 → 04:00 local is 5 real hours */
	g_assert_cmpint(elapsed_5x10(CALENDAR_HOLIDAYS_FR, "2026-10-23T17:00", "2026-10-26T09:00",
				     2026, 10), ==, 2 * 3600);
	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->gtr.calendar = g.fx->always;
	fx_ticket(g.fx, "T", "S1", "2026-10-25T00:00", NULL, "2026-10-25T04:00", NULL, "P1");
	g_assert_cmpint(row(judge(&g, 2026, 10), 0)->elapsed, ==, 5 * 3600);
	teardown(&g);
	/* a Sunday 00:00–24:00 calendar counts the real 25 hours of that day */
	setup(&g, CALENDAR_HOLIDAYS_NONE);
	full = fx_calendar(g.fx, "sunday", 0, 0, 0, CALENDAR_HOLIDAYS_NONE);
	full->ranges = g_new0(CalendarRange, 1);
	full->ranges[0] = (CalendarRange){ 6, 0, 86400 };
	full->n_ranges = 1;
	g.plan->gtr.calendar = full;
	fx_ticket(g.fx, "T", "S1", "2026-10-24T12:00", NULL, "2026-10-26T12:00", NULL, "P1");
	g_assert_cmpint(row(judge(&g, 2026, 10), 0)->elapsed, ==, 25 * 3600);
	teardown(&g);
}

static void
test_priority_calendar_override(void)
{
	G g;
	GArray *rows;

	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->gtr.calendars = g_new0(PriorityCalendar, 1);
	g.plan->gtr.calendars[0] = (PriorityCalendar){ g_strdup("P1"), g.fx->always };
	g.plan->gtr.n_calendars = 1;
	fx_ticket(g.fx, "A", "S1", "2026-06-05T17:00", NULL, "2026-06-08T10:00", NULL, "p1");
	fx_ticket(g.fx, "B", "S1", "2026-06-05T17:00", NULL, "2026-06-08T10:00", NULL, "P2");
	rows = judge(&g, 2026, 6);
	g_assert_cmpint(row(rows, 0)->elapsed, ==, 65 * 3600);
	g_assert_cmpint(row(rows, 1)->elapsed, ==, 3 * 3600);
	teardown(&g);
}

static void
test_paused_larger_than_elapsed(void)
{
	G g;
	guint t;
	const Judgement *j;

	setup(&g, CALENDAR_HOLIDAYS_FR);
	t = fx_ticket(g.fx, "T", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P1");
	fx_ticket_at(g.fx, t)->paused_minutes = 600;
	j = row(judge(&g, 2026, 6), 0);
	g_assert_cmpint(j->elapsed, ==, 0);
	g_assert_false(j->breach);
	teardown(&g);
}

/* Credit percent of one breach overrunning by @overrun seconds under tiers
 * 1h:20,2h:30,3h:40 (no `*`) or per-block 1 h × 5 %. */
static void
test_tier_bounds(void)
{
	static Tier tiers[] = { { 3600, 20000 }, { 7200, 30000 }, { 10800, 40000 } };
	Guarantee gt = { 0 };

	gt.penalty = PENALTY_TIERS;
	gt.tiers = tiers;
	gt.n_tiers = G_N_ELEMENTS(tiers);
	g_assert_cmpint(guarantee_credit_percent(&gt, 1), ==, 20000);
	g_assert_cmpint(guarantee_credit_percent(&gt, 3600), ==, 20000);
	g_assert_cmpint(guarantee_credit_percent(&gt, 3601), ==, 30000);
	g_assert_cmpint(guarantee_credit_percent(&gt, 10800), ==, 40000);
	/* past the last bound without `*`: nothing (decisions.md 28) */
	g_assert_cmpint(guarantee_credit_percent(&gt, 10801), ==, 0);
	tiers[2].bound = TIER_STAR;
	g_assert_cmpint(guarantee_credit_percent(&gt, 999999), ==, 40000);
	tiers[2].bound = 10800;
}

static void
test_per_block(void)
{
	Guarantee gt = { 0 };

	gt.penalty = PENALTY_PER_BLOCK;
	gt.block = 3600;
	gt.block_percent = 5000;
	g_assert_cmpint(guarantee_credit_percent(&gt, 1), ==, 5000);
	g_assert_cmpint(guarantee_credit_percent(&gt, 3600), ==, 5000);
	g_assert_cmpint(guarantee_credit_percent(&gt, 3601), ==, 10000);
	gt.penalty = PENALTY_NONE;
	g_assert_cmpint(guarantee_credit_percent(&gt, 3601), ==, 0);
}

static void
test_not_applicable_reasons(void)
{
	G g;
	GArray *rows;
	guint t;

	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->gtr.targets = g_renew(PriorityTarget, g.plan->gtr.targets, 1);
	g.plan->gtr.targets[0] = (PriorityTarget){ g_strdup("P1"), 4 * 3600 };
	g.plan->gtr.categories = g_strsplit("hardware,network", ",", -1);
	g.plan->gtr.channels = CHANNEL_PHONE;
	t = fx_ticket(g.fx, "A-cust", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P1");
	fx_ticket_at(g.fx, t)->cause = CAUSE_THIRD_PARTY;
	fx_ticket_at(g.fx, t)->interrupted = FALSE; /* not-interrupted is checked first */
	t = fx_ticket(g.fx, "B-cust", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P1");
	fx_ticket_at(g.fx, t)->cause = CAUSE_THIRD_PARTY;
	t = fx_ticket(g.fx, "C-notarget", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P2");
	t = fx_ticket(g.fx, "D-category", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P1");
	fx_labels(g.fx, t, "P1", NULL, NULL, "software");
	fx_ticket_at(g.fx, t)->channel = CHANNEL_EMAIL;
	t = fx_ticket(g.fx, "E-nocategory", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P1");
	t = fx_ticket(g.fx, "F-channel", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P1");
	fx_labels(g.fx, t, "P1", NULL, NULL, "Hardware");
	fx_ticket_at(g.fx, t)->channel = CHANNEL_EMAIL;
	t = fx_ticket(g.fx, "G-ok", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "P1");
	fx_labels(g.fx, t, "P1", NULL, NULL, "network");
	fx_ticket_at(g.fx, t)->channel = CHANNEL_PHONE;
	rows = judge(&g, 2026, 6);
	g_assert_cmpuint(rows->len, ==, 7);
	g_assert_cmpint(row(rows, 0)->reason, ==, REASON_NOT_INTERRUPTED);
	g_assert_cmpint(row(rows, 1)->reason, ==, REASON_CUSTOMER_CAUSED);
	g_assert_cmpint(row(rows, 2)->reason, ==, REASON_NO_TARGET);
	g_assert_cmpstr(row(rows, 2)->priority, ==, "P2");
	g_assert_cmpint(row(rows, 3)->reason, ==, REASON_CATEGORY);
	g_assert_cmpint(row(rows, 4)->reason, ==, REASON_CATEGORY);
	g_assert_cmpint(row(rows, 5)->reason, ==, REASON_CHANNEL);
	g_assert_cmpint(row(rows, 6)->reason, ==, REASON_NONE);
	for (guint i = 0; i < 6; i++) {
		g_assert_cmpint(row(rows, i)->status, ==, JUDGEMENT_NOT_APPLICABLE);
		g_assert_cmpint(row(rows, i)->stopped_at, !=, TIME_NONE);
	}
	g_assert_cmpint(row(rows, 6)->status, ==, JUDGEMENT_JUDGED);
	teardown(&g);
}

static void
test_open_at_month_end(void)
{
	G g;
	GArray *rows;

	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->gtr.calendar = g.fx->always;
	fx_ticket(g.fx, "A", "S1", "2026-06-30T20:00", NULL, NULL, NULL, "P1");
	fx_ticket(g.fx, "B", "S1", "2026-06-30T19:59:59", NULL, "2026-07-01T01:00", NULL, "P1");
	fx_ticket(g.fx, "C", "S1", "2026-07-01T00:00", NULL, NULL, NULL, "P1");
	rows = judge(&g, 2026, 6);
	g_assert_cmpuint(rows->len, ==, 2);
	g_assert_cmpint(row(rows, 0)->status, ==, JUDGEMENT_OPEN);
	g_assert_cmpint(row(rows, 0)->elapsed, ==, 4 * 3600);
	g_assert_false(row(rows, 0)->breach);
	g_assert_cmpint(row(rows, 0)->stopped_at, ==, TIME_NONE);
	g_assert_cmpint(row(rows, 1)->status, ==, JUDGEMENT_OPEN);
	g_assert_cmpint(row(rows, 1)->overrun, ==, 1);
	g_assert_true(row(rows, 1)->breach);
	g_assert_false(row(rows, 1)->has_credit);
	/* an open breach is flagged, not counted */
	g_assert_cmpuint(fx_service_report(g.report, 0, 0)->gtr_breaches, ==, 0);
	teardown(&g);
}

static void
test_restored_months_later(void)
{
	G g;
	GArray *rows;

	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->gtr.calendar = g.fx->always;
	fx_ticket(g.fx, "A", "S1", "2026-03-10T10:00", NULL, "2026-06-02T10:00", NULL, "P1");
	rows = judge(&g, 2026, 6);
	g_assert_cmpint(row(rows, 0)->status, ==, JUDGEMENT_JUDGED);
	/* 84 days, one of them 23 h (29 March) */
	g_assert_cmpint(row(rows, 0)->elapsed, ==, 84 * 86400 - 3600);
	g_assert_true(row(rows, 0)->has_credit);
	g_assert_cmpint(row(rows, 0)->credit, ==, 10000);
	g_assert_cmpuint(fx_service_report(g.report, 0, 0)->gtr_breaches, ==, 1);
	report_free(g.report);
	/* and in April it was open at the month's end */
	g.report = report_compute(g.fx->ds, 2026, 4);
	rows = fx_service_report(g.report, 0, 0)->judgements;
	g_assert_cmpint(row(rows, 0)->status, ==, JUDGEMENT_OPEN);
	teardown(&g);
}

static void
test_planned_work_stops_gtr(void)
{
	G g;
	GArray *rows;

	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->gti = g.plan->gtr;
	g.plan->gti.targets = g_new0(PriorityTarget, 1);
	g.plan->gti.targets[0] = (PriorityTarget){ NULL, 3600 };
	g.plan->gti.categories = NULL;
	g.plan->gti.calendars = NULL;
	g.plan->gti.tiers = NULL;
	fx_window(g.fx, "W", "S1", NULL, "2026-06-09T10:00", "2026-06-09T11:00", "2026-06-01T00:00");
	fx_ticket(g.fx, "T", "S1", "2026-06-09T09:00", "2026-06-09T10:30", "2026-06-09T13:00",
		  NULL, "P1");
	dataset_ticket(g.fx->ds, 0)->paused_minutes = 30;
	rows = judge(&g, 2026, 6);
	/* GTR: 4 h − 1 h planned − 30 min paused; GTI ignores both */
	g_assert_cmpint(row(rows, 0)->guarantee, ==, GUARANTEE_GTR);
	g_assert_cmpint(row(rows, 0)->elapsed, ==, 150 * 60);
	g_assert_cmpint(row(rows, 1)->guarantee, ==, GUARANTEE_GTI);
	g_assert_cmpint(row(rows, 1)->elapsed, ==, 90 * 60);
	teardown(&g);
}

static void
test_priority_from_matrix(void)
{
	G g;
	static MatrixEntry matrix[] = { { "high", "high", "s1" } };
	char *priorities[] = { "S1", "S2", NULL };

	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->matrix = g_new0(MatrixEntry, 1);
	g.plan->matrix[0] = (MatrixEntry){ g_strdup(matrix[0].impact), g_strdup(matrix[0].urgency),
					   g_strdup(matrix[0].priority) };
	g.plan->n_matrix = 1;
	g.plan->priorities = g_strdupv(priorities);
	fx_ticket(g.fx, "T", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, NULL);
	fx_labels(g.fx, 0, NULL, "High", "HIGH", NULL);
	fx_ticket(g.fx, "U", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "s2");
	fx_ticket(g.fx, "V", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, "x9");
	g_assert_cmpstr(row(judge(&g, 2026, 6), 0)->priority, ==, "S1");
	g_assert_cmpstr(row(fx_service_report(g.report, 0, 0)->judgements, 1)->priority, ==, "S2");
	g_assert_cmpstr(row(fx_service_report(g.report, 0, 0)->judgements, 2)->priority, ==, "x9");
	teardown(&g);
}

static void
test_needs_priority(void)
{
	G g;
	g_autoptr(DiagList) diags = diag_list_new();
	g_autofree char *text = NULL;

	setup(&g, CALENDAR_HOLIDAYS_FR);
	g.plan->gtr.targets[0].priority = g_strdup("P1");
	fx_ticket(g.fx, "NOPRIO", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, NULL);
	fx_ticket(g.fx, "OTHERMONTH", "S1", "2026-03-09T10:00", NULL, "2026-03-09T11:00", NULL, NULL);
	fx_ticket(g.fx, "CUSTOMER", "S1", "2026-06-09T10:00", NULL, "2026-06-09T11:00", NULL, NULL);
	dataset_ticket(g.fx->ds, 2)->cause = CAUSE_CUSTOMER;
	fx_finish(g.fx);
	g_assert_cmpuint(report_check(g.fx->ds, 2026, 6, diags), ==, 1);
	text = diag_format(diag_get(diags, 0));
	g_assert_cmpstr(text, ==, "tickets.csv:2: column priority: incident NOPRIO has no priority "
				  "for its GTR target (expected a priority of plan p, or an impact "
				  "and urgency listed in its priority.matrix)");
	/* --validate checks every month */
	g_assert_cmpuint(report_check(g.fx->ds, 0, 0, diags), ==, 2);
	fx_free(g.fx);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/guarantee/gtr/friday-evening-to-monday-5x10", test_friday_to_monday);
	g_test_add_func("/guarantee/gtr/french-holidays", test_holidays);
	g_test_add_func("/guarantee/gtr/fr57-good-friday-and-26-december", test_fr57);
	g_test_add_func("/guarantee/gtr/opened-outside-hours", test_outside_hours);
	g_test_add_func("/guarantee/gtr/october-clock-change", test_clock_change);
	g_test_add_func("/guarantee/gtr/priority-calendar-override", test_priority_calendar_override);
	g_test_add_func("/guarantee/gtr/paused-larger-than-elapsed", test_paused_larger_than_elapsed);
	g_test_add_func("/guarantee/gtr/planned-work-stops-clock", test_planned_work_stops_gtr);
	g_test_add_func("/guarantee/credit/tier-bounds", test_tier_bounds);
	g_test_add_func("/guarantee/credit/per-block", test_per_block);
	g_test_add_func("/guarantee/not-applicable/reasons-in-order", test_not_applicable_reasons);
	g_test_add_func("/guarantee/open/at-and-over-target", test_open_at_month_end);
	g_test_add_func("/guarantee/judged/restored-months-after-opening", test_restored_months_later);
	g_test_add_func("/guarantee/priority/matrix-and-spelling", test_priority_from_matrix);
	g_test_add_func("/guarantee/priority/needed-is-a-data-error", test_needs_priority);
	return g_test_run();
}
