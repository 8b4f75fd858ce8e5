/* SPDX-License-Identifier: MIT
 *
 * Availability rules (plans.md "Period", "Downtime and exclusions", "Availability
 * credit"), each on a dataset built in code.
 */
#include "availability.h"
#include "fixture.h"

/* One customer C1, one service S1 of plan "p" (400.00), 99.9 % target. */
static Fixture *
setup(Plan **plan)
{
	Fixture *fx = fx_new();

	*plan = fx_plan(fx, "p");
	(*plan)->has_target = TRUE;
	(*plan)->target = 99900;
	fx_customer(fx, "C1");
	fx_service(fx, "S1", "C1", "p", 40000, NULL, NULL);
	return fx;
}

static void
test_worked_example(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	plan->availability_penalty = PENALTY_PER_BLOCK;
	plan->availability_block_percent = 2500;
	plan->notice_days = 8;
	fx_outage(fx, "O1", "S1", "2026-06-03T10:00", "2026-06-03T10:50", CAUSE_PROVIDER);
	fx_outage(fx, "O2", "S1", "2026-06-10T02:00", "2026-06-10T04:00", CAUSE_PROVIDER);
	fx_outage(fx, "O3", "S1", "2026-06-15T09:00", "2026-06-15T11:00", CAUSE_CUSTOMER);
	fx_outage(fx, "O4", "S1", "2026-06-15T10:30", "2026-06-15T11:15", CAUSE_PROVIDER);
	fx_outage(fx, "O5", "S1", "2026-06-20T23:00", "2026-06-20T23:20", CAUSE_PROVIDER);
	fx_outage(fx, "O6", "S1", "2026-06-20T23:10", "2026-06-20T23:40", CAUSE_PROVIDER);
	fx_outage(fx, "O7", "S1", "2026-06-25T01:00", "2026-06-25T01:30", CAUSE_PROVIDER);
	fx_outage(fx, "O8", "S1", "2026-05-31T23:30", "2026-06-01T00:20", CAUSE_PROVIDER);
	fx_window(fx, "M1", "S1", NULL, "2026-06-10T02:00", "2026-06-10T03:30", "2026-05-25T09:00");
	fx_window(fx, "M2", "*", NULL, "2026-06-25T01:00", "2026-06-25T02:00", "2026-06-22T18:00");
	sr = fx_compute(fx, 2026, 6, &r);

	g_assert_cmpint(sr->period_s, ==, 2592000);
	g_assert_cmpint(sr->planned_s, ==, 5400);
	g_assert_cmpint(sr->customer_caused_s, ==, 5400);
	g_assert_cmpint(sr->downtime_s, ==, 12900);
	g_assert_cmpint(sr->eligible_s, ==, 2581200);
	g_assert_cmpint(sr->availability, ==, 99500);
	g_assert_false(sr->met);
	g_assert_cmpint(sr->allowed_downtime_s, ==, 2581);
	g_assert_cmpint(availability_credit_percent(plan, sr), ==, 10000);
	/* the statement's lists: M1 excused 90 min; M2 refused (short notice) over O7's
	 * 30 min; O3's 90 min customer-caused; events add up to the downtime */
	g_assert_cmpuint(sr->exclusions->len, ==, 3);
	{
		gint64 sum = 0;

		for (guint i = 0; i < sr->events->len; i++)
			sum += g_array_index(sr->events, DowntimeEvent, i).seconds;
		g_assert_cmpint(sum, ==, sr->downtime_s);
	}
	fx_free(fx);
}

static void
test_overlap_counted_once(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	fx_outage(fx, "A", "S1", "2026-06-05T10:00", "2026-06-05T11:00", CAUSE_PROVIDER);
	fx_outage(fx, "B", "S1", "2026-06-05T10:30", "2026-06-05T11:30", CAUSE_PROVIDER);
	fx_outage(fx, "C", "S1", "2026-06-05T10:40", "2026-06-05T10:50", CAUSE_PROVIDER);
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->downtime_s, ==, 90 * 60);
	g_assert_cmpint(g_array_index(sr->events, DowntimeEvent, 0).seconds, ==, 3600);
	g_assert_cmpint(g_array_index(sr->events, DowntimeEvent, 1).seconds, ==, 1800);
	g_assert_cmpint(g_array_index(sr->events, DowntimeEvent, 2).seconds, ==, 0);
	fx_free(fx);
}

static void
test_crossing_month_edges(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	fx_outage(fx, "A", "S1", "2026-05-31T23:00", "2026-06-01T00:30", CAUSE_PROVIDER);
	fx_outage(fx, "B", "S1", "2026-06-30T23:45", "2026-07-01T02:00", CAUSE_PROVIDER);
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->downtime_s, ==, 30 * 60 + 15 * 60);
	fx_free(fx);
}

static void
test_open_outage(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	fx_outage(fx, "A", "S1", "2026-06-30T20:00", NULL, CAUSE_PROVIDER);
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->downtime_s, ==, 4 * 3600);
	fx_free(fx);
}

static void
test_zero_length_outage(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	fx_outage(fx, "A", "S1", "2026-06-10T10:00", "2026-06-10T10:00", CAUSE_PROVIDER);
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->downtime_s, ==, 0);
	g_assert_cmpint(sr->availability, ==, PCT_100);
	g_assert_true(sr->met);
	g_assert_cmpuint(sr->events->len, ==, 0);
	fx_free(fx);
}

/* An outage 10:00–11:00 inside a window notified @notified; notice in @notice_s
 * seconds or @notice_days days. */
static gint64
planned_with_notice(gint64 notice_s, gint64 notice_days, const char *notified)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	gint64 planned;

	plan->notice = notice_s;
	plan->notice_days = notice_days;
	fx_outage(fx, "A", "S1", "2026-06-10T10:00", "2026-06-10T11:00", CAUSE_PROVIDER);
	fx_window(fx, "W", "S1", NULL, "2026-06-10T10:00", "2026-06-10T11:00", notified);
	planned = fx_compute(fx, 2026, 6, &r)->planned_s;
	fx_free(fx);
	return planned;
}

static void
test_notice(void)
{
	/* 48 h elapsed: one second short, then exactly enough */
	g_assert_cmpint(planned_with_notice(48 * 3600, -1, "2026-06-08T10:00:01"), ==, 0);
	g_assert_cmpint(planned_with_notice(48 * 3600, -1, "2026-06-08T10:00:00"), ==, 3600);
	/* 8 calendar days: notified on the 2nd at any hour qualifies for the 10th */
	g_assert_cmpint(planned_with_notice(0, 8, "2026-06-02T23:59"), ==, 3600);
	g_assert_cmpint(planned_with_notice(0, 8, "2026-06-03T00:00"), ==, 0);
	/* never notified never qualifies, even without a notice */
	g_assert_cmpint(planned_with_notice(0, -1, NULL), ==, 0);
	/* notice 0: notified after the start is not notice */
	g_assert_cmpint(planned_with_notice(0, -1, "2026-06-10T10:00"), ==, 3600);
	g_assert_cmpint(planned_with_notice(0, -1, "2026-06-10T10:00:01"), ==, 0);
}

static gint64
planned_with_scope(const char *service, const char *customer)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	gint64 planned;

	fx_customer(fx, "C2");
	fx_service(fx, "S2", "C2", "p", 1000, NULL, NULL);
	fx_outage(fx, "A", "S1", "2026-06-10T10:00", "2026-06-10T11:00", CAUSE_PROVIDER);
	fx_window(fx, "W", service, customer, "2026-06-10T10:00", "2026-06-10T10:30",
		  "2026-06-01T00:00");
	planned = fx_compute(fx, 2026, 6, &r)->planned_s;
	fx_free(fx);
	return planned;
}

static void
test_window_scope(void)
{
	g_assert_cmpint(planned_with_scope("*", NULL), ==, 1800);
	g_assert_cmpint(planned_with_scope("S1", NULL), ==, 1800);
	g_assert_cmpint(planned_with_scope("S2", NULL), ==, 0);
	g_assert_cmpint(planned_with_scope(NULL, "C1"), ==, 1800);
	g_assert_cmpint(planned_with_scope(NULL, "C2"), ==, 0);
	g_assert_cmpint(planned_with_scope("S1", "C1"), ==, 1800);
	g_assert_cmpint(planned_with_scope("S1", "C2"), ==, 0);
	g_assert_cmpint(planned_with_scope("*", "C2"), ==, 0);
	g_assert_cmpint(planned_with_scope("*", "C1"), ==, 1800);
}

static void
test_overrun_past_window(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	fx_outage(fx, "A", "S1", "2026-06-10T01:30", "2026-06-10T04:00", CAUSE_PROVIDER);
	fx_window(fx, "W", "S1", NULL, "2026-06-10T02:00", "2026-06-10T03:00", "2026-06-01T00:00");
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->planned_s, ==, 3600);
	g_assert_cmpint(sr->downtime_s, ==, 90 * 60);
	fx_free(fx);
}

static void
test_provider_wins_overlap(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	/* customer inside provider, then provider inside customer */
	fx_outage(fx, "P1", "S1", "2026-06-05T10:00", "2026-06-05T12:00", CAUSE_PROVIDER);
	fx_outage(fx, "C1", "S1", "2026-06-05T10:30", "2026-06-05T11:00", CAUSE_CUSTOMER);
	fx_outage(fx, "C2", "S1", "2026-06-06T10:00", "2026-06-06T12:00", CAUSE_THIRD_PARTY);
	fx_outage(fx, "P2", "S1", "2026-06-06T11:00", "2026-06-06T11:15", CAUSE_PROVIDER);
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->downtime_s, ==, 2 * 3600 + 15 * 60);
	g_assert_cmpint(sr->customer_caused_s, ==, 105 * 60);
	g_assert_cmpint(sr->eligible_s, ==, 2592000 - 105 * 60);
	fx_free(fx);
}

static void
test_service_mid_month(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	fx_service(fx, "S2", "C1", "p", 1000, "2026-06-11", "2026-06-20");
	fx_service(fx, "S3", "C1", "p", 1000, "2026-07-01", NULL);
	fx_service(fx, "S4", "C1", "p", 1000, NULL, "2026-05-31");
	fx_outage(fx, "A", "S2", "2026-06-10T23:00", "2026-06-11T01:00", CAUSE_PROVIDER);
	fx_outage(fx, "B", "S2", "2026-06-20T23:30", "2026-06-21T01:00", CAUSE_PROVIDER);
	fx_finish(fx);
	r = report_compute(fx->ds, 2026, 6);
	/* S3 and S4 have no active day: no row */
	g_assert_cmpuint(((CustomerReport *)r->customers->pdata[0])->services->len, ==, 2);
	sr = fx_service_report(r, 0, 1);
	g_assert_cmpstr(sr->service->id, ==, "S2");
	g_assert_cmpint(sr->period_s, ==, 10 * 86400);
	g_assert_cmpint(sr->downtime_s, ==, 3600 + 1800);
	fx_free(fx);
}

static void
test_month_lengths(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) mar = NULL;
	g_autoptr(Report) oct = NULL;

	fx_finish(fx);
	mar = report_compute(fx->ds, 2026, 3);
	oct = report_compute(fx->ds, 2026, 10);
	g_assert_cmpint(fx_service_report(mar, 0, 0)->period_s, ==, 743 * 3600);
	g_assert_cmpint(fx_service_report(oct, 0, 0)->period_s, ==, 745 * 3600);
	fx_free(fx);
}

static void
test_repeated_hour(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;

	/* 02:10 local is its first occurrence (CEST): 02:10 to 02:50 CET spans 1 h 40 */
	fx_outage(fx, "A", "S1", "2026-10-25T02:10", NULL, CAUSE_PROVIDER);
	dataset_outage(fx->ds, 0)->end = fx_time(fx, "2026-10-25T02:50") + 3600;
	r = NULL;
	fx_finish(fx);
	r = report_compute(fx->ds, 2026, 10);
	g_assert_cmpint(fx_service_report(r, 0, 0)->downtime_s, ==, 100 * 60);
	fx_free(fx);
}

static void
test_source_tickets(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;
	guint t;

	plan->source_tickets = TRUE;
	/* outages.csv is not used for this service */
	fx_outage(fx, "O", "S1", "2026-06-01T10:00", "2026-06-01T11:00", CAUSE_PROVIDER);
	fx_ticket(fx, "T1", "S1", "2026-06-02T10:00", NULL, "2026-06-02T10:30", NULL, "P1");
	/* closed without restored_at: restored at closing */
	fx_ticket(fx, "T2", "S1", "2026-06-03T10:00", NULL, NULL, "2026-06-03T10:20", "P1");
	t = fx_ticket(fx, "T3", "S1", "2026-06-04T10:00", NULL, "2026-06-04T12:00", NULL, "P1");
	fx_ticket_at(fx, t)->interrupted = FALSE;
	t = fx_ticket(fx, "T4", "S1", "2026-06-05T10:00", NULL, "2026-06-05T10:45", NULL, "P1");
	fx_ticket_at(fx, t)->cause = CAUSE_CUSTOMER;
	t = fx_ticket(fx, "T5", "S1", "2026-06-06T10:00", NULL, "2026-06-06T12:00", NULL, "P1");
	fx_ticket_at(fx, t)->type = TICKET_REQUEST;
	/* still open: runs to the end of the period */
	fx_ticket(fx, "T6", "S1", "2026-06-30T23:00", NULL, NULL, NULL, "P1");
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->downtime_s, ==, 30 * 60 + 20 * 60 + 3600);
	g_assert_cmpint(sr->customer_caused_s, ==, 45 * 60);
	fx_free(fx);
}

static void
test_calendar_holiday(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	/* May 2026 in 5×10 with FR holidays: 21 weekdays − 4 holidays (1, 8, 14, 25 May) */
	plan->availability_calendar = fx_calendar(fx, "5x10", 5, 8, 18, CALENDAR_HOLIDAYS_FR);
	fx_outage(fx, "H", "S1", "2026-05-14T09:00", "2026-05-14T12:00", CAUSE_PROVIDER);
	fx_outage(fx, "W", "S1", "2026-05-13T17:00", "2026-05-13T19:00", CAUSE_PROVIDER);
	sr = fx_compute(fx, 2026, 5, &r);
	g_assert_cmpint(sr->period_s, ==, 31 * 86400);
	g_assert_cmpint(sr->eligible_s, ==, 17 * 10 * 3600);
	g_assert_cmpint(sr->downtime_s, ==, 3600);
	fx_free(fx);
}

static void
test_eligible_zero(void)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	const ServiceReport *sr;

	fx_outage(fx, "C", "S1", "2026-05-01T00:00", "2026-07-01T00:00", CAUSE_CUSTOMER);
	sr = fx_compute(fx, 2026, 6, &r);
	g_assert_cmpint(sr->eligible_s, ==, 0);
	g_assert_cmpint(sr->availability, ==, PCT_100);
	g_assert_true(sr->met);
	g_assert_cmpint(sr->allowed_downtime_s, ==, 0);
	fx_free(fx);
}

/* Credit percent for @downtime_min minutes of downtime in June under the plan's
 * per-block rule. */
static gint64
block_percent(gboolean completed, gboolean excess, gint64 downtime_s)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	gint64 p;

	plan->availability_penalty = PENALTY_PER_BLOCK;
	plan->availability_block_percent = 2500;
	plan->block_completed = completed;
	plan->counted_excess = excess;
	fx_outage(fx, "A", "S1", "2026-06-10T00:00", NULL, CAUSE_PROVIDER);
	dataset_outage(fx->ds, 0)->end = dataset_outage(fx->ds, 0)->start + downtime_s;
	fx_finish(fx);
	r = report_compute(fx->ds, 2026, 6);
	p = availability_credit_percent(plan, fx_service_report(r, 0, 0));
	fx_free(fx);
	return p;
}

static void
test_per_block(void)
{
	/* allowed downtime of June at 99.9 %: 2592 s exactly */
	g_assert_cmpint(block_percent(FALSE, FALSE, 3601), ==, 5000);
	g_assert_cmpint(block_percent(TRUE, FALSE, 3601), ==, 2500);
	g_assert_cmpint(block_percent(TRUE, FALSE, 7199), ==, 2500);
	g_assert_cmpint(block_percent(TRUE, FALSE, 7200), ==, 5000);
	/* excess: 2592 + 3600 = one full block */
	g_assert_cmpint(block_percent(FALSE, TRUE, 2592 + 3600), ==, 2500);
	g_assert_cmpint(block_percent(FALSE, TRUE, 2592 + 3601), ==, 5000);
	g_assert_cmpint(block_percent(TRUE, TRUE, 2592 + 3599), ==, 0);
	/* met: nothing, whatever the rule */
	g_assert_cmpint(block_percent(FALSE, FALSE, 2592), ==, 0);
	g_assert_cmpint(block_percent(FALSE, FALSE, 2593), ==, 2500);
}

static gint64
tier_percent(gint64 downtime_s)
{
	Plan *plan;
	Fixture *fx = setup(&plan);
	g_autoptr(Report) r = NULL;
	static Tier tiers[] = { { 99900, 10000 }, { 99000, 25000 }, { 95000, 100000 } };
	gint64 p;

	plan->target = 99950;
	plan->availability_penalty = PENALTY_TIERS;
	plan->availability_tiers = g_memdup2(tiers, sizeof(tiers));
	plan->n_availability_tiers = G_N_ELEMENTS(tiers);
	fx_outage(fx, "A", "S1", "2026-06-10T00:00", NULL, CAUSE_PROVIDER);
	dataset_outage(fx->ds, 0)->end = dataset_outage(fx->ds, 0)->start + downtime_s;
	fx_finish(fx);
	r = report_compute(fx->ds, 2026, 6);
	p = availability_credit_percent(plan, fx_service_report(r, 0, 0));
	fx_free(fx);
	return p;
}

static void
test_tiers(void)
{
	/* 2 592 000 s: 99.9 % is 2592 s down, 99 % is 25 920 s, 95 % is 129 600 s */
	g_assert_cmpint(tier_percent(1297), ==, 0);   /* not met (99.95), above every tier */
	g_assert_cmpint(tier_percent(2592), ==, 0);   /* exactly 99.9: not below it */
	g_assert_cmpint(tier_percent(2593), ==, 10000);
	g_assert_cmpint(tier_percent(25920), ==, 10000); /* exactly 99 */
	g_assert_cmpint(tier_percent(25921), ==, 25000);
	g_assert_cmpint(tier_percent(129600), ==, 25000);
	g_assert_cmpint(tier_percent(129601), ==, 100000);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/availability/worked-example", test_worked_example);
	g_test_add_func("/availability/downtime/overlap-counted-once", test_overlap_counted_once);
	g_test_add_func("/availability/downtime/crossing-month-edges", test_crossing_month_edges);
	g_test_add_func("/availability/downtime/open-outage", test_open_outage);
	g_test_add_func("/availability/downtime/zero-length", test_zero_length_outage);
	g_test_add_func("/availability/planned/notice", test_notice);
	g_test_add_func("/availability/planned/scope", test_window_scope);
	g_test_add_func("/availability/planned/overrun-past-window", test_overrun_past_window);
	g_test_add_func("/availability/customer/provider-wins-overlap", test_provider_wins_overlap);
	g_test_add_func("/availability/period/service-mid-month", test_service_mid_month);
	g_test_add_func("/availability/period/march-and-october", test_month_lengths);
	g_test_add_func("/availability/period/repeated-october-hour", test_repeated_hour);
	g_test_add_func("/availability/source/tickets", test_source_tickets);
	g_test_add_func("/availability/calendar/5x10-french-holiday", test_calendar_holiday);
	g_test_add_func("/availability/eligible-zero-is-100", test_eligible_zero);
	g_test_add_func("/availability/credit/per-block", test_per_block);
	g_test_add_func("/availability/credit/tiers", test_tiers);
	return g_test_run();
}
