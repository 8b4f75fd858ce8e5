/* SPDX-License-Identifier: MIT
 *
 * The ledgers' bytes (outputs.md, decisions.md 1–9): the two worked examples of
 * ../shared/spec/examples (copied in tests/data/examples), built in code (so this checks computation and ledger
 * without the reader), compared byte for byte with their expected/ files.
 */
#include "fixture.h"
#include "ledger.h"

static char *
expected(const char *example, const char *file)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "data", "examples", example,
						      "expected", file, NULL);
	char *text = NULL;
	g_autoptr(GError) error = NULL;

	g_file_get_contents(path, &text, NULL, &error);
	g_assert_no_error(error);
	return text;
}

static void
assert_ledgers(const Report *r, const char *example)
{
	static const char *files[] = { "summary.csv", "tickets.csv", "credits.csv" };
	GString *(*const makers[])(const Report *) = { ledger_summary, ledger_tickets,
						       ledger_credits };

	for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
		g_autofree char *want = expected(example, files[i]);
		GString *got;

		got = makers[i](r);
		g_assert_cmpstr(got->str, ==, want);
		g_string_free(got, TRUE);
	}
}

static void
test_availability_and_gtr(void)
{
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "hosting-999");
	static Tier tiers[] = { { 3600, 20000 }, { 7200, 30000 }, { 10800, 40000 },
				{ TIER_STAR, 50000 } };
	g_autoptr(Report) r = NULL;
	guint t;

	plan->has_target = TRUE;
	plan->target = 99900;
	plan->availability_penalty = PENALTY_PER_BLOCK;
	plan->availability_block_percent = 2500;
	plan->notice_days = 8;
	plan->gtr.defined = TRUE;
	plan->gtr.targets = g_new0(PriorityTarget, 1);
	plan->gtr.targets[0] = (PriorityTarget){ NULL, 4 * 3600 };
	plan->gtr.n_targets = 1;
	plan->gtr.penalty = PENALTY_TIERS;
	plan->gtr.tiers = g_memdup2(tiers, sizeof(tiers));
	plan->gtr.n_tiers = G_N_ELEMENTS(tiers);
	fx_customer(fx, "C001");
	fx_service(fx, "S001", "C001", "hosting-999", 40000, "2025-02-01", NULL);
	fx_outage(fx, "O1", "S001", "2026-06-03T10:00", "2026-06-03T10:50", CAUSE_PROVIDER);
	fx_outage(fx, "O2", "S001", "2026-06-10T02:00", "2026-06-10T04:00", CAUSE_PROVIDER);
	fx_outage(fx, "O3", "S001", "2026-06-15T09:00", "2026-06-15T11:00", CAUSE_CUSTOMER);
	fx_outage(fx, "O4", "S001", "2026-06-15T10:30", "2026-06-15T11:15", CAUSE_PROVIDER);
	fx_outage(fx, "O5", "S001", "2026-06-20T23:00", "2026-06-20T23:20", CAUSE_PROVIDER);
	fx_outage(fx, "O6", "S001", "2026-06-20T23:10", "2026-06-20T23:40", CAUSE_PROVIDER);
	fx_outage(fx, "O7", "S001", "2026-06-25T01:00", "2026-06-25T01:30", CAUSE_PROVIDER);
	fx_outage(fx, "O8", "S001", "2026-05-31T23:30", "2026-06-01T00:20", CAUSE_PROVIDER);
	fx_window(fx, "M1", "S001", NULL, "2026-06-10T02:00", "2026-06-10T03:30", "2026-05-25T09:00");
	fx_window(fx, "M2", "*", NULL, "2026-06-25T01:00", "2026-06-25T02:00", "2026-06-22T18:00");
	fx_ticket(fx, "T1", "S001", "2026-06-03T10:00", "2026-06-03T10:10", "2026-06-03T14:30",
		  "2026-06-03T15:00", "P1");
	t = fx_ticket(fx, "T2", "S001", "2026-06-12T08:00", "2026-06-12T08:30", "2026-06-12T15:30",
		      "2026-06-12T16:00", "P1");
	fx_ticket_at(fx, t)->paused_minutes = 60;
	t = fx_ticket(fx, "T3", "S001", "2026-06-15T09:05", "2026-06-15T09:20", "2026-06-15T17:00",
		      "2026-06-15T17:30", "P1");
	fx_ticket_at(fx, t)->cause = CAUSE_CUSTOMER;
	t = fx_ticket(fx, "T4", "S001", "2026-06-18T09:00", "2026-06-18T09:30", "2026-06-18T16:00",
		      "2026-06-18T16:30", "P2");
	fx_ticket_at(fx, t)->interrupted = FALSE;
	fx_ticket(fx, "T5", "S001", "2026-06-30T20:00", "2026-06-30T20:15", NULL, NULL, "P1");
	fx_compute(fx, 2026, 6, &r);
	assert_ledgers(r, "availability-and-gtr");
	fx_free(fx);
}

static void
targets(Guarantee *g, const char *const *names, const gint64 *secs, guint n)
{
	g->defined = TRUE;
	g->targets = g_new0(PriorityTarget, n);
	for (guint i = 0; i < n; i++)
		g->targets[i] = (PriorityTarget){ g_strdup(names[i]), secs[i] };
	g->n_targets = n;
}

static void
test_calendars_and_allowances(void)
{
	static const char *const prio[] = { "P1", "P2", "P3" };
	static const gint64 gtr[] = { 4 * 3600, 8 * 3600, 16 * 3600 };
	static const gint64 gti[] = { 1800, 3600, 4 * 3600 };
	static const char *const matrix[][3] = {
		{ "high", "high", "P1" },   { "high", "medium", "P2" }, { "medium", "high", "P2" },
		{ "high", "low", "P3" },    { "medium", "medium", "P3" }, { "low", "high", "P3" },
		{ "medium", "low", "P4" },  { "low", "medium", "P4" },  { "low", "low", "P4" },
	};
	static const struct {
		const char *id, *opened, *responded, *restored, *closed, *priority, *impact, *urgency;
		Cause cause;
		gint64 paused;
	} incidents[] = {
		{ "N1", "2026-05-07T17:00", "2026-05-07T17:40", "2026-05-11T10:00", "2026-05-11T11:00",
		  NULL, "high", "medium", CAUSE_PROVIDER, 0 },
		{ "N2", "2026-05-13T16:00", "2026-05-15T08:30", "2026-05-19T09:00", "2026-05-19T10:00",
		  "P3", NULL, NULL, CAUSE_PROVIDER, 0 },
		{ "N3", "2026-05-23T22:00", "2026-05-23T22:45", "2026-05-24T04:30", "2026-05-24T09:00",
		  NULL, "high", "high", CAUSE_PROVIDER, 0 },
		{ "N4", "2026-05-25T10:00", "2026-05-26T08:20", "2026-05-26T17:00", "2026-05-26T17:30",
		  "P2", NULL, NULL, CAUSE_PROVIDER, 0 },
		{ "N5", "2026-05-29T12:00", "2026-05-29T12:20", "2026-05-29T17:30", "2026-05-29T18:00",
		  "P1", NULL, NULL, CAUSE_PROVIDER, 30 },
		{ "N6", "2026-05-05T09:00", "2026-05-05T09:10", "2026-05-05T12:00", "2026-05-05T12:30",
		  "P3", NULL, NULL, CAUSE_CUSTOMER, 0 },
	};
	static const struct {
		const char *id, *opened, *closed;
		TicketType type;
		gint64 minutes, units;
	} requests[] = {
		{ "R1", "2026-05-04T09:00", "2026-05-04T10:00", TICKET_REQUEST, 50, 2 },
		{ "R2", "2026-05-06T09:00", "2026-05-12T15:00", TICKET_CHANGE, 10, 5 },
		{ "R3", "2026-05-20T14:00", "2026-05-20T15:00", TICKET_REQUEST, 47, 1 },
		{ "R4", "2026-04-28T09:00", "2026-05-02T10:00", TICKET_REQUEST, 20, 0 },
		{ "R5", "2026-05-28T09:00", NULL, TICKET_REQUEST, 30, 0 },
		{ "H1", "2025-11-09T09:00", "2025-11-10T10:00", TICKET_CHANGE, 120, 20 },
		{ "H2", "2026-03-01T09:00", "2026-03-02T10:00", TICKET_REQUEST, 60, 15 },
		{ "H3", "2025-08-14T09:00", "2025-08-15T10:00", TICKET_REQUEST, 30, 10 },
	};
	Fixture *fx = fx_new();
	Plan *plan = fx_plan(fx, "managed-gold");
	Calendar *cal = fx_calendar(fx, "5x10", 5, 8, 18, CALENDAR_HOLIDAYS_FR);
	char *priorities[] = { "P1", "P2", "P3", "P4", NULL };
	g_autoptr(Report) r = NULL;

	plan->priorities = g_strdupv(priorities);
	plan->matrix = g_new0(MatrixEntry, G_N_ELEMENTS(matrix));
	for (guint i = 0; i < G_N_ELEMENTS(matrix); i++)
		plan->matrix[i] = (MatrixEntry){ g_strdup(matrix[i][0]), g_strdup(matrix[i][1]),
						 g_strdup(matrix[i][2]) };
	plan->n_matrix = G_N_ELEMENTS(matrix);
	targets(&plan->gtr, prio, gtr, 3);
	targets(&plan->gti, prio, gti, 3);
	for (Guarantee *g = &plan->gtr; g <= &plan->gti; g++) {
		g->calendar = cal;
		g->calendars = g_new0(PriorityCalendar, 1);
		g->calendars[0] = (PriorityCalendar){ g_strdup("P1"), fx->always };
		g->n_calendars = 1;
	}
	plan->gtr.penalty = PENALTY_FLAT;
	plan->gtr.percent = 10000;
	plan->gtr.cap = 30000;
	plan->has_compliance = TRUE;
	plan->compliance_target = 90000;
	plan->has_units = TRUE;
	plan->units_annual = 50;
	plan->has_contacts = TRUE;
	plan->contacts_monthly = 3;
	plan->has_contacts_fee = TRUE;
	plan->contacts_fee = 1500;
	plan->has_allowance = TRUE;
	plan->allowance = 7200;
	plan->allowance_increment = 900;
	plan->allowance_minimum = 900;
	plan->has_overage_rate = TRUE;
	plan->overage_rate = 9000;
	fx_customer(fx, "C100");
	fx_service(fx, "S100", "C100", "managed-gold", 100000, "2024-09-01", NULL);
	for (guint i = 0; i < G_N_ELEMENTS(incidents); i++) {
		guint t = fx_ticket(fx, incidents[i].id, "S100", incidents[i].opened,
				    incidents[i].responded, incidents[i].restored, incidents[i].closed,
				    incidents[i].priority);

		fx_labels(fx, t, incidents[i].priority, incidents[i].impact, incidents[i].urgency,
			  NULL);
		fx_ticket_at(fx, t)->cause = incidents[i].cause;
		fx_ticket_at(fx, t)->paused_minutes = incidents[i].paused;
	}
	for (guint i = 0; i < G_N_ELEMENTS(requests); i++) {
		guint t = fx_ticket(fx, requests[i].id, "S100", requests[i].opened, NULL, NULL,
				    requests[i].closed, NULL);

		fx_ticket_at(fx, t)->type = requests[i].type;
		fx_ticket_at(fx, t)->work_minutes = requests[i].minutes;
		fx_ticket_at(fx, t)->work_units = requests[i].units;
	}
	fx_compute(fx, 2026, 5, &r);
	assert_ledgers(r, "calendars-and-allowances");
	fx_free(fx);
}

static void
test_percent_format(void)
{
	static const struct { gint64 milli; const char *text; } cases[] = {
		{ 99500, "99.500" }, { 0, "0.000" }, { -10000, "-10.000" }, { -1, "-0.001" },
		{ 100000, "100.000" }, { 54545, "54.545" }, { G_MININT64, "-9223372036854775.808" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		char buf[32];

		ledger_format_percent(cases[i].milli, buf);
		g_assert_cmpstr(buf, ==, cases[i].text);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ledger/example/availability-and-gtr", test_availability_and_gtr);
	g_test_add_func("/ledger/example/calendars-and-allowances", test_calendars_and_allowances);
	g_test_add_func("/ledger/percent/three-decimals-toward-zero", test_percent_format);
	return g_test_run();
}
