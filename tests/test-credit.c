/* SPDX-License-Identifier: MIT
 *
 * The credit note (plans.md "Money", outputs.md credits.csv, decisions.md 8, 29–31):
 * lines, caps at both levels, VAT with the last line taking the difference, modes.
 */
#include "credit.h"
#include "fixture.h"

/* C1/S1 with GTR *:1h 24×7, flat @gtr_percent per breach, and @n breaches. */
static Report *
breaches(Fixture *fx, Plan *plan, gint64 fee, guint n)
{
	plan->gtr.defined = TRUE;
	plan->gtr.targets = g_new0(PriorityTarget, 1);
	plan->gtr.targets[0] = (PriorityTarget){ NULL, 3600 };
	plan->gtr.n_targets = 1;
	plan->gtr.penalty = PENALTY_FLAT;
	fx_customer(fx, "C1");
	fx_service(fx, "S1", "C1", plan->id, fee, NULL, NULL);
	for (guint i = 0; i < n; i++) {
		char id[16], opened[32];

		g_snprintf(id, sizeof(id), "T%02u", i + 1);
		g_snprintf(opened, sizeof(opened), "2026-06-%02uT10:00", i + 1);
		fx_ticket(fx, id, "S1", opened, NULL, NULL, NULL, "P1");
		dataset_ticket(fx->ds, i)->restored_at = dataset_ticket(fx->ds, i)->opened_at + 7200;
	}
	fx_finish(fx);
	return report_compute(fx->ds, 2026, 6);
}

static const CreditNote *
note_of(const Report *r)
{
	return &((const CustomerReport *)r->customers->pdata[0])->note;
}

static void
test_no_line_no_note(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	g_autoptr(Report) r = breaches(fx, plan, 40000, 0);

	g_assert_null(note_of(r)->id);
	g_assert_cmpuint(note_of(r)->n_lines, ==, 0);
	g_assert_cmpint(fx_service_report(r, 0, 0)->credit, ==, 0);
	fx_free(fx);
}

static void
test_lines_and_vat(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	g_autoptr(Report) r = NULL;
	const CreditNote *note;

	/* 3 × 3.333 % of 100.01: 3.3333333 → 3.33 each; VAT 20 % of 0.67 → 0.13 */
	plan->gtr.percent = 3333;
	r = breaches(fx, plan, 10001, 3);
	note = note_of(r);
	g_assert_cmpstr(note->id, ==, "AV-202606-C1");
	g_assert_cmpuint(note->n_lines, ==, 3);
	for (guint i = 0; i < 3; i++) {
		g_assert_cmpuint(note->lines[i].line, ==, i + 1);
		g_assert_cmpint(note->lines[i].amount, ==, 333);
		g_assert_cmpint(note->lines[i].percent, ==, 3333);
		g_assert_false(note->lines[i].eligible);
	}
	g_assert_cmpstr(note->lines[0].reference, ==, "T01");
	g_assert_cmpint(note->total, ==, 999);
	/* TVA of the note: 999 × 20 % = 199.8 → 200; lines 66.6 → 67, 67, last 66 */
	g_assert_cmpint(note->vat, ==, 200);
	g_assert_cmpint(note->lines[0].vat, ==, 67);
	g_assert_cmpint(note->lines[1].vat, ==, 67);
	g_assert_cmpint(note->lines[2].vat, ==, 66);
	g_assert_cmpint(note->total_with_vat, ==, 1199);
	fx_free(fx);
}

static void
test_half_cent_rounds_up(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	g_autoptr(Report) r = NULL;

	/* 2.5 % of 1.00 = 2.5 cents → 3 */
	plan->gtr.percent = 2500;
	r = breaches(fx, plan, 100, 1);
	g_assert_cmpint(note_of(r)->lines[0].amount, ==, 3);
	fx_free(fx);
}

static void
test_caps_both_levels(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	g_autoptr(Report) r = NULL;
	const CreditNote *note;

	/* availability 4 started blocks × 10 % = 40 % capped at 30 %; 3 GTR × 20 % = 60 %
	 * capped at 50 %; then 80 % capped at 70 % by credit.cap */
	plan->has_target = TRUE;
	plan->target = 99900;
	plan->availability_penalty = PENALTY_PER_BLOCK;
	plan->availability_block_percent = 10000;
	plan->availability_cap = 30000;
	plan->gtr.percent = 20000;
	plan->gtr.cap = 50000;
	plan->credit_cap = 70000;
	fx_outage(fx, "O", "S1", "2026-06-20T10:00", "2026-06-20T13:30", CAUSE_PROVIDER);
	r = breaches(fx, plan, 40000, 3);
	note = note_of(r);
	g_assert_cmpuint(note->n_lines, ==, 7);
	g_assert_cmpint(note->lines[0].kind, ==, CREDIT_AVAILABILITY);
	g_assert_cmpint(note->lines[0].amount, ==, 16000);
	g_assert_cmpint(note->lines[3].kind, ==, CREDIT_GTR);
	g_assert_cmpint(note->lines[4].kind, ==, CREDIT_CAP_AVAILABILITY);
	g_assert_cmpint(note->lines[4].percent, ==, -10000);
	g_assert_cmpint(note->lines[4].amount, ==, -4000);
	g_assert_null(note->lines[4].reference);
	g_assert_cmpint(note->lines[5].kind, ==, CREDIT_CAP_GTR);
	g_assert_cmpint(note->lines[5].percent, ==, -10000);
	g_assert_cmpint(note->lines[5].amount, ==, -4000);
	g_assert_cmpint(note->lines[6].kind, ==, CREDIT_CAP_TOTAL);
	g_assert_cmpint(note->lines[6].percent, ==, -10000);
	g_assert_cmpint(note->lines[6].amount, ==, -4000);
	g_assert_cmpint(note->total, ==, 28000);
	g_assert_cmpint(fx_service_report(r, 0, 0)->credit, ==, 28000);
	fx_free(fx);
}

static void
test_cap_bites_by_rounding(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	g_autoptr(Report) r = NULL;
	const CreditNote *note;

	/* fee 0.05, 3 breaches × 10 % = 0.5 cent → 1 cent each, 3 in all; the 30 % cap is
	 * 1.5 → 2 cents: it bites by rounding alone, percent 30 − 30 = 0.000 (decisions.md 8) */
	plan->gtr.percent = 10000;
	plan->gtr.cap = 30000;
	r = breaches(fx, plan, 5, 3);
	note = note_of(r);
	g_assert_cmpuint(note->n_lines, ==, 4);
	g_assert_cmpint(note->lines[3].kind, ==, CREDIT_CAP_GTR);
	g_assert_cmpint(note->lines[3].percent, ==, 0);
	g_assert_cmpint(note->lines[3].amount, ==, -1);
	fx_free(fx);
}

static void
test_on_request(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	g_autoptr(Report) r = NULL;
	const CreditNote *note;

	plan->on_request = TRUE;
	plan->gtr.percent = 50000;
	plan->gtr.cap = 60000;
	r = breaches(fx, plan, 40000, 2);
	note = note_of(r);
	g_assert_cmpuint(note->n_lines, ==, 3);
	for (guint i = 0; i < note->n_lines; i++)
		g_assert_true(note->lines[i].eligible);
	g_assert_cmpint(fx_service_report(r, 0, 0)->credit, ==, 24000);
	fx_free(fx);
}

static void
test_zero_percent_line_not_written(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "p");
	g_autoptr(Report) r = NULL;
	static Tier tiers[] = { { 600, 0 }, { TIER_STAR, 10000 } };

	plan->gtr.penalty = PENALTY_TIERS;
	plan->gtr.tiers = g_memdup2(tiers, sizeof(tiers));
	plan->gtr.n_tiers = 2;
	/* every breach here overruns by exactly 1 h: the 0 % tier */
	plan->gtr.tiers[0].bound = 3600;
	r = breaches(fx, plan, 40000, 2);
	g_assert_cmpuint(note_of(r)->n_lines, ==, 0);
	g_assert_cmpuint(fx_service_report(r, 0, 0)->gtr_breaches, ==, 2);
	fx_free(fx);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/credit/note/none-without-lines", test_no_line_no_note);
	g_test_add_func("/credit/note/lines-and-vat-difference", test_lines_and_vat);
	g_test_add_func("/credit/money/half-cent-rounds-up", test_half_cent_rounds_up);
	g_test_add_func("/credit/cap/both-levels", test_caps_both_levels);
	g_test_add_func("/credit/cap/bites-by-rounding", test_cap_bites_by_rounding);
	g_test_add_func("/credit/mode/on-request-eligible", test_on_request);
	g_test_add_func("/credit/line/zero-percent-not-written", test_zero_percent_line_not_written);
	return g_test_run();
}
