/* SPDX-License-Identifier: MIT
 *
 * The month as a whole (report.h): which customers and services it holds, in which
 * order, and the month's bounds.
 */
#include "fixture.h"

static void
test_order_and_activity(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;
	const CustomerReport *cr;

	fx_plan(fx, "p");
	fx_customer(fx, "C2");
	fx_customer(fx, "C10");
	fx_customer(fx, "C1");
	fx_customer(fx, "c0");
	fx_service(fx, "S9", "C2", "p", 100, NULL, NULL);
	fx_service(fx, "S10", "C2", "p", 100, NULL, NULL);
	fx_service(fx, "S1", "C10", "p", 100, NULL, NULL);
	fx_service(fx, "S2", "C1", "p", 100, "2026-07-01", NULL); /* not yet active */
	fx_service(fx, "S3", "c0", "p", 100, NULL, "2026-06-01"); /* one day */
	fx_finish(fx);
	r = report_compute(fx->ds, 2026, 6);
	/* byte order: upper case first, C10 before C2; C1 has no active service */
	g_assert_cmpuint(r->customers->len, ==, 3);
	g_assert_cmpstr(((CustomerReport *)r->customers->pdata[0])->customer->id, ==, "C10");
	g_assert_cmpstr(((CustomerReport *)r->customers->pdata[1])->customer->id, ==, "C2");
	g_assert_cmpstr(((CustomerReport *)r->customers->pdata[2])->customer->id, ==, "c0");
	cr = r->customers->pdata[1];
	g_assert_cmpstr(((ServiceReport *)cr->services->pdata[0])->service->id, ==, "S10");
	g_assert_cmpstr(((ServiceReport *)cr->services->pdata[1])->service->id, ==, "S9");
	g_assert_cmpint(fx_service_report(r, 2, 0)->period_s, ==, 86400);
	g_assert_cmpstr(r->month_text, ==, "2026-06");
	g_assert_cmpint(r->span.end - r->span.start, ==, 30 * 86400);
	fx_free(fx);
}

static void
test_rejected_rows_reach_the_customer(void)
{
	Fixture *fx = fx_new();
	g_autoptr(Report) r = NULL;

	fx_plan(fx, "p");
	fx_customer(fx, "C1");
	fx_service(fx, "S1", "C1", "p", 100, NULL, NULL);
	g_hash_table_insert(fx->ds->rejected_by_customer, (gpointer) "C1", GUINT_TO_POINTER(3));
	fx_finish(fx);
	r = report_compute(fx->ds, 2026, 6);
	g_assert_cmpuint(((CustomerReport *)r->customers->pdata[0])->rejected_rows, ==, 3);
	fx_free(fx);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/report/customers/byte-order-and-active-only", test_order_and_activity);
	g_test_add_func("/report/customers/rejected-rows", test_rejected_rows_reach_the_customer);
	return g_test_run();
}
