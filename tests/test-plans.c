/* SPDX-License-Identifier: MIT */
#include <glib/gstdio.h>

#include "plans.h"

/* Parses @text; *messages gets every diagnostic, formatted (transfer full). */
static Plans *
parse(const char *text, char **messages)
{
	g_autoptr(DiagList) diags = diag_list_new();
	Plans *plans = plans_parse("plans.ini", text, strlen(text), NULL, diags);

	*messages = diag_format_all(diags);
	return plans;
}

static const Plan *
plan_at(const Plans *plans, guint i)
{
	g_assert_cmpuint(i, <, plans->plans->len);
	return g_ptr_array_index(plans->plans, i);
}

/* The plans.ini of one of the spec's worked examples, copied in tests/data/examples
 * (transfer full). */
static char *
example(const char *name)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "data", "examples", name,
						      "plans.ini", NULL);
	char *text = NULL;
	g_autoptr(GError) error = NULL;

	g_file_get_contents(path, &text, NULL, &error);
	g_assert_no_error(error);
	return text;
}

static void
test_example_availability(void)
{
	g_autofree char *text = example("availability-and-gtr");
	g_autofree char *messages = NULL;
	g_autoptr(Plans) plans = NULL;
	const Plan *p;

	plans = parse(text, &messages);
	g_assert_cmpstr(messages, ==, "");
	g_assert_cmpstr(plans->provider.name, ==, "Hébergeur Exemple SAS");
	g_assert_cmpstr(plans->provider.address, ==, "12 rue des Serveurs\n38000 Grenoble");
	g_assert_cmpstr(plans->provider.timezone, ==, "Europe/Paris");
	g_assert_cmpstr(g_time_zone_get_identifier(plans->provider.tz), ==, "Europe/Paris");
	g_assert_cmpint(plans->provider.language, ==, LANGUAGE_FR);
	g_assert_cmpint(plans->provider.vat_rate, ==, 20000);
	g_assert_cmpstr(plans->provider.currency, ==, "EUR");
	g_assert_cmpstr(plans->provider.credit_note_prefix, ==, "AV");
	g_assert_null(plans->provider.logo);
	g_assert_cmpuint(plans->calendars->len, ==, 1);
	g_assert_cmpuint(plans->plans->len, ==, 1);
	p = plan_at(plans, 0);
	g_assert_cmpstr(p->id, ==, "hosting-999");
	g_assert_cmpuint(p->line, ==, 8);
	g_assert_true(p->has_target);
	g_assert_cmpint(p->target, ==, 99900);
	g_assert_false(p->source_tickets);
	g_assert_true(p->availability_calendar->always);
	g_assert_cmpint(p->availability_penalty, ==, PENALTY_PER_BLOCK);
	g_assert_cmpint(p->availability_block, ==, 3600);
	g_assert_cmpint(p->availability_block_percent, ==, 2500);
	g_assert_false(p->block_completed);
	g_assert_false(p->counted_excess);
	g_assert_cmpint(p->availability_cap, ==, 100000);
	g_assert_cmpint(p->notice, ==, 8 * 86400);
	g_assert_cmpint(p->notice_days, ==, 8);
	g_assert_true(p->gtr.defined);
	g_assert_cmpuint(p->gtr.n_targets, ==, 1);
	g_assert_null(p->gtr.targets[0].priority);
	g_assert_cmpint(p->gtr.targets[0].target, ==, 4 * 3600);
	g_assert_cmpint(p->gtr.penalty, ==, PENALTY_TIERS);
	g_assert_cmpuint(p->gtr.n_tiers, ==, 4);
	g_assert_cmpint(p->gtr.tiers[0].bound, ==, 3600);
	g_assert_cmpint(p->gtr.tiers[0].percent, ==, 20000);
	g_assert_cmpint(p->gtr.tiers[2].bound, ==, 3 * 3600);
	g_assert_cmpint(p->gtr.tiers[2].percent, ==, 40000);
	g_assert_cmpint(p->gtr.tiers[3].bound, ==, TIER_STAR);
	g_assert_cmpint(p->gtr.tiers[3].percent, ==, 50000);
	g_assert_cmpint(p->gtr.cap, ==, 100000);
	g_assert_false(p->gti.defined);
	g_assert_false(p->has_allowance);
	g_assert_cmpint(p->credit_cap, ==, 100000);
	g_assert_false(p->on_request);
}

static void
test_example_calendars(void)
{
	g_autofree char *text = example("calendars-and-allowances");
	g_autofree char *messages = NULL;
	g_autoptr(Plans) plans = NULL;
	const Calendar *cal;
	const Plan *p;

	plans = parse(text, &messages);
	g_assert_cmpstr(messages, ==, "");
	g_assert_cmpuint(plans->calendars->len, ==, 2);
	cal = plans_find_calendar(plans, "5x10");
	g_assert_nonnull(cal);
	g_assert_false(cal->always);
	g_assert_cmpuint(cal->line, ==, 8);
	g_assert_cmpint(cal->holidays, ==, CALENDAR_HOLIDAYS_FR);
	g_assert_cmpuint(cal->n_ranges, ==, 5);
	for (guint i = 0; i < 5; i++) {
		g_assert_cmpint(cal->ranges[i].weekday, ==, i);
		g_assert_cmpint(cal->ranges[i].start, ==, 8 * 3600);
		g_assert_cmpint(cal->ranges[i].end, ==, 18 * 3600);
	}
	p = plans_find_plan(plans, "managed-gold");
	g_assert_nonnull(p);
	g_assert_false(p->has_target);
	g_assert_cmpuint(g_strv_length(p->priorities), ==, 4);
	g_assert_cmpstr(p->priorities[3], ==, "P4");
	g_assert_cmpuint(p->n_matrix, ==, 9);
	g_assert_cmpstr(p->matrix[1].impact, ==, "high");
	g_assert_cmpstr(p->matrix[1].urgency, ==, "medium");
	g_assert_cmpstr(p->matrix[1].priority, ==, "P2");
	g_assert_cmpuint(p->gtr.n_targets, ==, 3);
	g_assert_cmpstr(p->gtr.targets[2].priority, ==, "P3");
	g_assert_cmpint(p->gtr.targets[2].target, ==, 16 * 3600);
	g_assert_true(p->gtr.calendar == cal);
	g_assert_cmpuint(p->gtr.n_calendars, ==, 1);
	g_assert_cmpstr(p->gtr.calendars[0].priority, ==, "P1");
	g_assert_true(p->gtr.calendars[0].calendar->always);
	g_assert_cmpint(p->gtr.penalty, ==, PENALTY_FLAT);
	g_assert_cmpint(p->gtr.percent, ==, 10000);
	g_assert_cmpint(p->gtr.cap, ==, 30000);
	g_assert_true(p->gti.defined);
	g_assert_cmpint(p->gti.targets[0].target, ==, 1800);
	g_assert_true(p->gti.calendar == cal);
	g_assert_cmpint(p->gti.penalty, ==, PENALTY_NONE);
	g_assert_true(p->has_compliance);
	g_assert_cmpint(p->compliance_target, ==, 90000);
	g_assert_true(p->has_units);
	g_assert_cmpint(p->units_annual, ==, 50);
	g_assert_true(p->has_contacts);
	g_assert_cmpint(p->contacts_monthly, ==, 3);
	g_assert_cmpint(p->contacts_types, ==, TICKET_REQUEST | TICKET_CHANGE);
	g_assert_true(p->has_contacts_fee);
	g_assert_cmpint(p->contacts_fee, ==, 1500);
	g_assert_true(p->has_allowance);
	g_assert_cmpint(p->allowance, ==, 7200);
	g_assert_cmpint(p->allowance_increment, ==, 900);
	g_assert_cmpint(p->allowance_minimum, ==, 900);
	g_assert_true(p->has_overage_rate);
	g_assert_cmpint(p->overage_rate, ==, 9000);
	g_assert_cmpint(p->allowance_types, ==, TICKET_REQUEST | TICKET_CHANGE);
	g_assert_cmpint(p->notice, ==, 0);
	g_assert_cmpint(p->notice_days, ==, -1);
}

static void
test_every_key(void)
{
	const char *text =
		"\xEF\xBB\xBF# a comment\r\n"
		"[provider]\r\n"
		"  name = ACME  \r\n"
		"timezone=America/New_York\n"
		"language=EN\n"
		"currency=USD\n"
		"vat_rate=5.5\n"
		"credit_note_prefix=CN\n"
		"legal=RCS \\\\ 123\n"
		"[calendar phpnet]\n"
		"monday=09:00-12:00, 13:00-19:00\n"
		"saturday=09:00-18:00\n"
		"sunday=09:00-18:00\n"
		"tuesday=\n"
		"holidays=fr-57\n"
		"extra_holidays=2026-12-24, 2026-12-31\n"
		"[plan p]\n"
		"availability.target=99.95\n"
		"availability.source=tickets\n"
		"availability.calendar=phpnet\n"
		"availability.penalty=tiers\n"
		"availability.tiers=99.9:10,99:25,95:100\n"
		"availability.cap=50\n"
		"availability.block_rounding=completed\n"
		"availability.counted=excess\n"
		"maintenance.notice=1d12h\n"
		"priorities=S1,S2\n"
		"gti.target=s1:1h,S2:2h\n"
		"gti.calendar=phpnet\n"
		"gti.calendar.S1=24x7\n"
		"gti.categories=hardware, network\n"
		"gti.channels=phone,EMAIL\n"
		"gti.penalty=per-block\n"
		"gti.block=30m\n"
		"gti.block_percent=1.5\n"
		"allowance.monthly=90\n"
		"allowance.types=request\n"
		"contacts.monthly=80\n"
		"contacts.types=incident,request,change\n"
		"credit.cap=250\n"
		"credit.mode=on-request\n";
	g_autofree char *messages = NULL;
	g_autoptr(Plans) plans = parse(text, &messages);
	const Calendar *cal = plans_find_calendar(plans, "phpnet");
	const Plan *p = plan_at(plans, 0);

	g_assert_cmpstr(messages, ==, "");
	g_assert_cmpstr(plans->provider.name, ==, "ACME");
	g_assert_cmpstr(plans->provider.timezone, ==, "America/New_York");
	g_assert_cmpint(plans->provider.language, ==, LANGUAGE_EN);
	g_assert_cmpstr(plans->provider.currency, ==, "USD");
	g_assert_cmpint(plans->provider.vat_rate, ==, 5500);
	g_assert_cmpstr(plans->provider.credit_note_prefix, ==, "CN");
	g_assert_cmpstr(plans->provider.legal, ==, "RCS \\ 123");
	g_assert_nonnull(cal);
	g_assert_cmpuint(cal->line, ==, 10);
	g_assert_cmpint(cal->holidays, ==, CALENDAR_HOLIDAYS_FR57);
	g_assert_cmpuint(cal->n_ranges, ==, 4);
	g_assert_cmpint(cal->ranges[0].weekday, ==, 0);
	g_assert_cmpint(cal->ranges[1].start, ==, 13 * 3600);
	g_assert_cmpint(cal->ranges[2].weekday, ==, 5);
	g_assert_cmpint(cal->ranges[3].weekday, ==, 6);
	g_assert_cmpuint(cal->n_extra_holidays, ==, 2);
	g_assert_cmpint(cal->extra_holidays[1], ==, day_from_ymd(2026, 12, 31));
	g_assert_cmpint(p->target, ==, 99950);
	g_assert_true(p->source_tickets);
	g_assert_true(p->availability_calendar == cal);
	g_assert_cmpint(p->availability_penalty, ==, PENALTY_TIERS);
	g_assert_cmpuint(p->n_availability_tiers, ==, 3);
	g_assert_cmpint(p->availability_tiers[1].bound, ==, 99000);
	g_assert_cmpint(p->availability_tiers[1].percent, ==, 25000);
	g_assert_cmpint(p->availability_cap, ==, 50000);
	g_assert_true(p->block_completed);
	g_assert_true(p->counted_excess);
	g_assert_cmpint(p->notice, ==, 36 * 3600);
	g_assert_cmpint(p->notice_days, ==, -1);
	g_assert_false(p->gtr.defined);
	g_assert_true(p->gti.defined);
	g_assert_cmpstr(p->gti.targets[0].priority, ==, "s1");
	g_assert_true(p->gti.calendar == cal);
	g_assert_cmpuint(g_strv_length(p->gti.categories), ==, 2);
	g_assert_cmpstr(p->gti.categories[1], ==, "network");
	g_assert_cmpuint(p->gti.channels, ==, CHANNEL_PHONE | CHANNEL_EMAIL);
	g_assert_cmpint(p->gti.penalty, ==, PENALTY_PER_BLOCK);
	g_assert_cmpint(p->gti.block, ==, 1800);
	g_assert_cmpint(p->gti.block_percent, ==, 1500);
	g_assert_cmpint(p->gti.cap, ==, 100000);
	g_assert_cmpint(p->allowance, ==, 5400);
	g_assert_cmpint(p->allowance_types, ==, TICKET_REQUEST);
	g_assert_cmpint(p->allowance_increment, ==, 60);
	g_assert_cmpint(p->contacts_types, ==, TICKET_INCIDENT | TICKET_REQUEST | TICKET_CHANGE);
	g_assert_cmpint(p->credit_cap, ==, 250000);
	g_assert_true(p->on_request);
}

/* Each broken plans.ini gives exactly these messages. */
static void
test_problems(void)
{
	static const struct { const char *text; const char *messages; } cases[] = {
		{ "", "plans.ini: no [provider] group (expected [provider] with at least name=…)\n" },
		{ "[provider]\n",
		  "plans.ini:1: key name: missing from [provider] (expected the provider's name)\n" },
		{ "name=x\n[provider]\nname=y\n",
		  "plans.ini:1: key name: outside any group (expected a [group] line before it)\n" },
		{ "[provider]\nname=x\n[provider]\nname=y\n",
		  "plans.ini:3: group [provider] appears twice, first on line 1 (expected each group once)\n" },
		{ "[provider]\nname=x\nname=y\n",
		  "plans.ini:3: key name: given twice in [provider], first on line 2 (expected each key once)\n" },
		{ "[provider]\nname=x\nnmae=y\n",
		  "plans.ini:3: key nmae: unknown key in [provider] (expected a key of plans.md; did you mean name?)\n" },
		{ "[provider]\nname=x\n[plan p]\ngtr.taget=P1:4h\nfoo=1\n",
		  "plans.ini:4: key gtr.taget: unknown key in [plan p] (expected a key of plans.md; did you mean gtr.target?)\n"
		  "plans.ini:5: key foo: unknown key in [plan p] (expected a key of plans.md)\n" },
		{ "[provider]\nname=x\n[plans p]\ngtr.target=*:4h\n[plan q]\n",
		  "plans.ini:3: unknown group [plans p] (expected [provider], [calendar NAME] or [plan NAME])\n" },
		{ "[provider]\nname=x\n[plan a/b]\n[calendar 24x7]\nmonday=08:00-09:00\n[plan ok\n",
		  "plans.ini:3: group [plan a/b]: its name \"a/b\" holds '/' (expected an id: 1 to 64 letters, "
		  "digits, '.', '_' or '-', not starting with '.')\n"
		  "plans.ini:4: group [calendar 24x7]: 24x7 is predefined (expected another name for a "
		  "calendar of your own)\n"
		  "plans.ini:6: \"[plan ok\" is not a group line (expected [provider], [calendar NAME] or [plan NAME])\n" },
		{ "[provider]\nname=x\njust words\n=1\n",
		  "plans.ini:3: \"just words\" is not a key=value line (expected key=value, a [group] or a # comment)\n"
		  "plans.ini:4: a line with no key before '=' (expected key=value)\n" },
		{ "[provider]\nname=Dupr\xE9\n",
		  "plans.ini:2: byte 0xE9 is not UTF-8 (expected UTF-8 text: Windows-1252? Save the file as UTF-8)\n" },
		{ "[provider]\nname=x\n[plan p]\navailability.target=9\xFF\navailability.cap=5\n",
		  "plans.ini:4: byte 0xFF is not UTF-8 (expected UTF-8 text: Windows-1252? Save the file as UTF-8)\n" },
		{ "[provider]\nname=x\ntimezone=Europe/Pariss\nlanguage=de\ncurrency=euro\nvat_rate=120\n"
		  "credit_note_prefix=A V\nlegal=a\\qb\n",
		  "plans.ini:3: key timezone: \"Europe/Pariss\" is not a time zone known to this system "
		  "(expected an IANA name such as Europe/Paris)\n"
		  "plans.ini:4: key language: \"de\" is not a known value (expected fr or en)\n"
		  "plans.ini:5: key currency: \"euro\" is not a currency code (expected an ISO 4217 code in "
		  "capitals, e.g. EUR)\n"
		  "plans.ini:6: key vat_rate: \"120\" is more than 100 (expected a percent from 0 to 100)\n"
		  "plans.ini:7: key credit_note_prefix: \"A V\" holds a space (expected an id: 1 to 64 "
		  "letters, digits, '.', '_' or '-', not starting with '.')\n"
		  "plans.ini:8: key legal: \"\\q\" is not an escape sequence (expected \\n for a line "
		  "break, \\t, \\r, \\s, or \\\\ for a backslash)\n" },
		{ "[provider]\nname=x\n[calendar c]\nmonday=18:00-08:00\ntuesday=8-9\nholidays=DE\n"
		  "extra_holidays=2026-02-30\n",
		  "plans.ini:4: key monday: \"18:00-08:00\" ends before it starts (expected the end after "
		  "the start, within one day: split a range over midnight in two)\n"
		  "plans.ini:5: key tuesday: \"8-9\" is not a time range (expected HH:MM-HH:MM, e.g. "
		  "08:00-18:00, with 24:00 allowed as an end)\n"
		  "plans.ini:6: key holidays: \"DE\" is not a known value (expected none, FR or FR-57)\n"
		  "plans.ini:7: key extra_holidays: item \"2026-02-30\": \"2026-02-30\" has no day 30: "
		  "February 2026 has 28 days (expected a real date)\n" },
		{ "[provider]\nname=x\n[calendar c]\nholidays=FR\n",
		  "plans.ini:3: calendar c has no open hours (expected ranges such as monday=08:00-18:00)\n" },
		{ "[provider]\nname=x\n[plan p]\navailability.target=1e308\navailability.block_percent=1001\n"
		  "availability.calendar=5x10\navailability.block=0\nmaintenance.notice=8 days\n"
		  "availability.penalty=flat\n",
		  "plans.ini:4: key availability.target: \"1e308\" is not a percent (expected a percent "
		  "from 0 to 1000 with at most 3 decimals after '.', e.g. 99.95)\n"
		  "plans.ini:5: key availability.block_percent: \"1001\" is more than 1000 (expected a "
		  "percent from 0 to 1000 with at most 3 decimals after '.', e.g. 99.95)\n"
		  "plans.ini:6: key availability.calendar: unknown calendar \"5x10\" (expected one of 24x7)\n"
		  "plans.ini:7: key availability.block: \"0\" is zero (expected a duration of at least 1m)\n"
		  "plans.ini:8: key maintenance.notice: \"8 days\" is not a duration (expected a duration "
		  "such as 45m, 4h, 1h30m, 8d, 1d12h or a number of minutes)\n"
		  "plans.ini:9: key availability.penalty: \"flat\" is not a known value (expected none, "
		  "per-block or tiers)\n" },
		{ "[provider]\nname=x\n[plan p]\navailability.penalty=per-block\navailability.cap=50\n",
		  "plans.ini:4: key availability.penalty: has no effect without availability.target "
		  "(expected availability.target too, or neither)\n"
		  "plans.ini:4: key availability.penalty: needs availability.block_percent (expected it in this plan)\n"
		  "plans.ini:5: key availability.cap: has no effect without availability.target "
		  "(expected availability.target too, or neither)\n" },
		{ "[provider]\nname=x\n[plan p]\ngtr.target=P1:4h,P1:8h\ngti.target=P1:4x\n"
		  "gtr.tiers=2h:30,1h:20\ngtr.penalty=tiers\ngti.tiers=*:50,1h:20\n",
		  "plans.ini:4: key gtr.target: item \"P1:8h\": priority given twice (expected one target per priority)\n"
		  "plans.ini:5: key gti.target: item \"P1:4x\": \"4x\" is not a duration (expected a "
		  "duration such as 45m, 4h, 1h30m, 8d, 1d12h or a number of minutes)\n"
		  "plans.ini:6: key gtr.tiers: item \"1h:20\" is not longer than the one before "
		  "(expected overruns in increasing order)\n"
		  "plans.ini:8: key gti.tiers: item \"1h:20\" comes after the * tier (expected * last: "
		  "it takes every longer overrun)\n" },
		{ "[provider]\nname=x\n[plan p]\ngtr.penalty=flat\ngtr.calendar.P 1=24x7\n",
		  "plans.ini:4: key gtr.penalty: has no effect without gtr.target (expected gtr.target too, or neither)\n"
		  "plans.ini:4: key gtr.penalty: needs gtr.percent (expected it in this plan)\n"
		  "plans.ini:5: key gtr.calendar.P 1: names priority \"P 1\" holds a space (expected an id: "
		  "1 to 64 letters, digits, '.', '_' or '-', not starting with '.')\n" },
		{ "[provider]\nname=x\n[plan p]\npriorities=P1,P2,p1\n",
		  "plans.ini:4: key priorities: item \"p1\" given twice (expected each priority once)\n" },
		{ "[provider]\nname=x\n[plan p]\npriorities=S1,S2\ngtr.target=S1:4h,P2:8h,*:1d\n"
		  "priority.matrix=high/high:S1,low:S2,a/b:S9\ngtr.calendar.S3=24x7\n",
		  "plans.ini:5: key gtr.target: priority P2 is not in priorities (expected one of S1,S2)\n"
		  "plans.ini:6: key priority.matrix: item \"low:S2\" is malformed (expected IMPACT/URGENCY:PRIORITY, e.g. high/medium:P2)\n"
		  "plans.ini:7: key gtr.calendar.S3: priority S3 is not in priorities (expected one of S1,S2)\n" },
		{ "[provider]\nname=x\n[plan p]\nallowance.monthly=\nallowance.increment=0\ncontacts.types=request,bug\n"
		  "allowance.overage_rate=12,345\ncontacts.monthly=-3\nunits.annual=99999999999999999999\n"
		  "credit.mode=manual\ngtr.target=*:694445d\n",
		  "plans.ini:4: key allowance.monthly: is empty (expected a value, or no such line)\n"
		  "plans.ini:5: key allowance.increment: \"0\" is zero (expected a duration of at least 1m)\n"
		  "plans.ini:6: key contacts.types: \"bug\" is not a known value (expected incident, request or change)\n"
		  "plans.ini:7: key allowance.overage_rate: \"12,345\" has 3 decimals (expected digits with at "
		  "most 2 decimals after '.' or ',', e.g. 1234.50)\n"
		  "plans.ini:8: key contacts.monthly: \"-3\" is negative (expected a whole number of units "
		  "from 0 to 999999999)\n"
		  "plans.ini:9: key units.annual: \"99999999999999999999\" is too large (expected a whole "
		  "number of units from 0 to 999999999)\n"
		  "plans.ini:10: key credit.mode: \"manual\" is not a known value (expected automatic or on-request)\n"
		  "plans.ini:11: key gtr.target: item \"*:694445d\": \"694445d\" is too long (expected at "
		  "most 999999999 minutes)\n" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *messages = NULL;
		g_autoptr(Plans) plans = parse(cases[i].text, &messages);

		if (g_strcmp0(messages, cases[i].messages) != 0)
			g_error("case %" G_GSIZE_FORMAT ":\n%s\nexpected:\n%s", i, messages, cases[i].messages);
		g_assert_nonnull(plans->provider.tz);
		g_assert_nonnull(plans->provider.name);
	}
}

static void
test_nul(void)
{
	static const char text[] = "[provider]\nname=x\n[plan p]\navailability.target=5\0\n";
	g_autoptr(DiagList) diags = diag_list_new();
	g_autoptr(Plans) plans = plans_parse("plans.ini", text, sizeof text - 1, NULL, diags);
	g_autofree char *messages = diag_format_all(diags);

	g_assert_cmpstr(messages, ==, "plans.ini:4: holds a NUL byte (expected text)\n");
}

/* A broken group still defines its plan, so that services naming it are checked. */
static void
test_broken_plan_still_defined(void)
{
	g_autofree char *messages = NULL;
	g_autoptr(Plans) plans = parse("[provider]\nname=x\n[plan p]\ngtr.target=oops\n", &messages);

	g_assert_cmpstr(messages, !=, "");
	g_assert_nonnull(plans_find_plan(plans, "p"));
	g_assert_null(plans_find_plan(plans, "q"));
}

static void
test_logo(void)
{
	g_autofree char *dir = g_dir_make_tmp("plans-XXXXXX", NULL);
	g_autofree char *png = g_build_filename(dir, "logo.png", NULL);
	g_autofree char *txt = g_build_filename(dir, "logo.txt", NULL);
	const char *text = "[provider]\nname=x\nlogo=logo.png\n";
	g_autoptr(DiagList) diags = diag_list_new();
	g_autoptr(Plans) plans = NULL;
	g_autofree char *messages = NULL;

	g_assert_true(g_file_set_contents(png, "\x89PNG\r\n\x1a\nrest", 12, NULL));
	g_assert_true(g_file_set_contents(txt, "hello", 5, NULL));
	plans = plans_parse("plans.ini", text, strlen(text), dir, diags);
	g_assert_cmpuint(diag_count(diags), ==, 0);
	g_assert_cmpstr(plans->provider.logo, ==, png);
	g_assert_cmpuint(g_bytes_get_size(plans->provider.logo_png), ==, 12);
	g_clear_pointer(&plans, plans_free);

	text = "[provider]\nname=x\nlogo=logo.txt\n";
	plans = plans_parse("plans.ini", text, strlen(text), dir, diags);
	g_clear_pointer(&plans, plans_free);
	text = "[provider]\nname=x\nlogo=missing.png\n";
	plans = plans_parse("plans.ini", text, strlen(text), dir, diags);
	g_clear_pointer(&plans, plans_free);
	text = "[provider]\nname=x\nlogo=.\n";
	plans = plans_parse("plans.ini", text, strlen(text), dir, diags);
	messages = diag_format_all(diags);
	g_assert_cmpstr(messages, ==,
			"plans.ini:3: key logo: \"logo.txt\" is not a PNG image (expected a PNG file)\n"
			"plans.ini:3: key logo: cannot read \"missing.png\": no such file (expected a PNG "
			"file, relative to plans.ini)\n"
			"plans.ini:3: key logo: \".\" is not a file (expected a PNG file, relative to plans.ini)\n");
	g_assert_null(plans->provider.logo_png);
	g_unlink(png);
	g_unlink(txt);
	g_rmdir(dir);
}

/* No byte sequence crashes the parser. */
static void
test_random_bytes(void)
{
	static const char *const pieces[] = {
		"[provider]", "[plan p]", "[calendar c]", "name=", "gtr.target=", "*:4h", "P1:",
		"monday=", "08:00-18:00", ",", "\n", "\r\n", "=", "#", "\xE9", "\\", "gti.tiers=",
		"1h:20", "priorities=", "availability.tiers=", "99.9:10", "[", "]", " ", "\0",
		"gtr.calendar.P1=", "c", "24x7", "priority.matrix=", "a/b:P1",
	};
	GRand *rand = g_rand_new_with_seed(3);

	for (int i = 0; i < 3000; i++) {
		g_autoptr(GString) s = g_string_new(NULL);
		g_autoptr(DiagList) diags = diag_list_new();
		g_autoptr(Plans) plans = NULL;
		int n = g_rand_int_range(rand, 0, 40);

		for (int k = 0; k < n; k++) {
			const char *piece = pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))];

			g_string_append_len(s, piece, piece[0] == '\0' ? 1 : (gssize)strlen(piece));
		}
		plans = plans_parse("plans.ini", s->str, s->len, NULL, diags);
		g_assert_nonnull(plans->provider.tz);
	}
	g_rand_free(rand);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/plans/example/availability-and-gtr", test_example_availability);
	g_test_add_func("/plans/example/calendars-and-allowances", test_example_calendars);
	g_test_add_func("/plans/keys/every-kind", test_every_key);
	g_test_add_func("/plans/problems/table", test_problems);
	g_test_add_func("/plans/problems/nul-byte", test_nul);
	g_test_add_func("/plans/problems/broken-plan-still-defined", test_broken_plan_still_defined);
	g_test_add_func("/plans/provider/logo", test_logo);
	g_test_add_func("/plans/hostile/random-bytes", test_random_bytes);
	return g_test_run();
}
