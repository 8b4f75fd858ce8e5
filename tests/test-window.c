/* SPDX-License-Identifier: MIT
 *
 * Maintenance windows: scope (decisions.md 20) and notice (plans.md
 * maintenance.notice, decisions.md 21).
 */
#include "fixture.h"
#include "window.h"

static void
test_applies(void)
{
	static const struct {
		const char *service, *customer;
		gboolean expected;
	} cases[] = {
		{ "*", NULL, TRUE },   { "S1", NULL, TRUE },  { "S2", NULL, FALSE },
		{ NULL, "C1", TRUE },  { NULL, "C2", FALSE }, { "S1", "C1", TRUE },
		{ "S1", "C2", FALSE }, { "*", "C1", TRUE },   { "*", "C2", FALSE },
		{ NULL, NULL, FALSE },
	};
	Service s = { .id = "S1", .customer_id = "C1" };

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		Maintenance w = { .service_id = cases[i].service, .customer_id = cases[i].customer };

		g_assert_cmpint(window_applies(&w, &s), ==, cases[i].expected);
	}
}

static void
test_notice(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	Maintenance w = { 0 };

	w.start = fx_time(fx, "2026-06-10T02:00");
	w.notified_at = TIME_NONE;
	g_assert_cmpint(window_notice(&w, plan, fx->tz), ==, WINDOW_NOT_NOTIFIED);
	/* 8 calendar days: the 2nd late at night is enough, the 3rd at dawn is not */
	plan->notice_days = 8;
	w.notified_at = fx_time(fx, "2026-06-02T23:59");
	g_assert_cmpint(window_notice(&w, plan, fx->tz), ==, WINDOW_QUALIFIES);
	w.notified_at = fx_time(fx, "2026-06-03T00:01");
	g_assert_cmpint(window_notice(&w, plan, fx->tz), ==, WINDOW_NOTICE_TOO_SHORT);
	/* 192 hours elapsed: the 2nd at 02:00 exactly, not a second later */
	plan->notice_days = -1;
	plan->notice = 192 * 3600;
	w.notified_at = fx_time(fx, "2026-06-02T02:00");
	g_assert_cmpint(window_notice(&w, plan, fx->tz), ==, WINDOW_QUALIFIES);
	w.notified_at += 1;
	g_assert_cmpint(window_notice(&w, plan, fx->tz), ==, WINDOW_NOTICE_TOO_SHORT);
	fx_free(fx);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/window/applies/scope-by-service-customer-or-star", test_applies);
	g_test_add_func("/window/notice/days-are-dates-hours-are-elapsed", test_notice);
	return g_test_run();
}
