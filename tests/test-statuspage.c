/* SPDX-License-Identifier: MIT
 *
 * The Statuspage reader alone: one row per record and component with the line of the
 * record's brace and its text as written, row_id, started_at falling back to
 * created_at, values of every JSON type, and the problems of text that is not a
 * Statuspage export.  What the rows become is tested through import (test-import.c).
 */
#include "statuspage.h"

typedef struct {
	GPtrArray *rows; /* char *: "LINE|RAW|value|value..." */
} Got;

static void
on_row(const StatuspageRow *row, gpointer data)
{
	Got *got = data;
	GString *s = g_string_new(NULL);

	g_string_append_printf(s, "%u|%.*s", row->line, (int)row->raw_len, row->raw);
	for (guint i = 0; i < 4; i++)
		g_string_append_printf(s, "|%s", row->values[i] != NULL ? row->values[i] : "-");
	if (row->bad != 0)
		g_string_append_printf(s, "|bad %" G_GINT64_MODIFIER "x", row->bad);
	g_ptr_array_add(got->rows, g_string_free(s, FALSE));
}

static const char *const members[] = { "row_id", "started_at", "components.name", "impact" };

/* Reads @json; returns its rows and, in *messages, its problems. */
static GPtrArray *
read_json(const char *json, gboolean *whole, char **messages)
{
	g_autoptr(DiagList) diags = diag_list_new();
	Got got = { g_ptr_array_new_with_free_func(g_free) };

	*whole = statuspage_read("incidents.json", json, strlen(json), members,
				 G_N_ELEMENTS(members), on_row, &got, diags);
	*messages = diag_format_all(diags);
	return got.rows;
}

static void
test_rows(void)
{
	static const char json[] =
		"{\"page\": {\"id\": \"p\"},\n"
		" \"incidents\": [\n"
		"  {\"id\": \"inc1\", \"started_at\": \"2026-03-03T10:00:00.500Z\", \"impact\": \"major\",\n"
		"   \"components\": [{\"id\": \"c1\", \"name\": \"Git Operations\"},\n"
		"                  {\"id\": \"c2\", \"name\": \"API Requests\"}]},\n"
		"  {\"id\": 42, \"created_at\": \"2026-03-04T08:00:00Z\", \"started_at\": null,\n"
		"   \"impact\": 3.5, \"components\": []},\n"
		"  {\"id\": \"inc3\", \"impact\": true, \"components\": [{\"name\": [\"x\"]}]}\n"
		" ]}\n";
	g_autoptr(GPtrArray) rows = NULL;
	g_autofree char *messages = NULL;
	gboolean whole;

	rows = read_json(json, &whole, &messages);
	g_assert_true(whole);
	g_assert_cmpuint(rows->len, ==, 4);
	g_assert_true(g_str_has_prefix(rows->pdata[0], "3|{\"id\": \"inc1\""));
	g_assert_true(g_str_has_suffix(rows->pdata[0], "\"API Requests\"}]}|inc1.c1|"
				       "2026-03-03T10:00:00.500Z|Git Operations|major"));
	g_assert_true(g_str_has_suffix(rows->pdata[1], "|inc1.c2|2026-03-03T10:00:00.500Z|"
				       "API Requests|major"));
	/* no component: one row; a null started_at reads created_at */
	g_assert_cmpstr(rows->pdata[2], ==, "6|{\"id\": 42, \"created_at\": \"2026-03-04T08:00:00Z\", "
			"\"started_at\": null,\n   \"impact\": 3.5, \"components\": []}|42|"
			"2026-03-04T08:00:00Z|-|3.5");
	g_assert_true(g_str_has_suffix(rows->pdata[3], "|inc3|-|-|true|bad 4"));
	g_assert_cmpstr(messages, ==, "incidents.json:8: column components.name: the component's "
			"name is an array (expected a string, a number, true, false or null)\n");
}

static void
test_problems(void)
{
	static const struct {
		const char *json;
		const char *messages;
	} cases[] = {
		{ "{\"incidents\": [\n  {\"id\": \"a\",}\n]}",
		  "incidents.json:2: is not JSON at byte 13 of the line: unexpected character `,', "
		  "expected character `]' (expected a Statuspage export: /api/v2/incidents.json or "
		  "/api/v2/scheduled-maintenances.json)\n" },
		{ "{\"page\": {}}",
		  "incidents.json:1: holds no incidents or scheduled_maintenances array (expected a "
		  "Statuspage export: /api/v2/incidents.json or /api/v2/scheduled-maintenances.json: "
		  "an object with an incidents or scheduled_maintenances array)\n" },
		{ "{\"incidents\": [\n\"a\"]}",
		  "incidents.json:2: holds a string among its records (expected an object for each "
		  "incident or maintenance)\n" },
		{ "\n{\"incidents\": [\"\xE9\"]}",
		  "incidents.json:2: holds bytes that are not UTF-8 text (expected UTF-8 text, as "
		  "JSON is)\n" },
	};
	g_autoptr(GString) deep = g_string_new("{\"incidents\": ");

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GPtrArray) rows = NULL;
		g_autofree char *messages = NULL;
		gboolean whole;

		rows = read_json(cases[i].json, &whole, &messages);
		g_assert_false(whole);
		g_assert_cmpstr(messages, ==, cases[i].messages);
	}
	/* json-glib recurses: a deep nesting is refused before it reaches it */
	for (int i = 0; i < 100000; i++)
		g_string_append_c(deep, '[');
	{
		g_autoptr(GPtrArray) rows = NULL;
		g_autofree char *messages = NULL;
		gboolean whole;

		rows = read_json(deep->str, &whole, &messages);
		g_assert_false(whole);
		g_assert_true(g_str_has_prefix(messages, "incidents.json:1: nests arrays and objects "
					       "more than 64 deep"));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/statuspage/rows/one-per-component", test_rows);
	g_test_add_func("/statuspage/problems/not-an-export", test_problems);
	return g_test_run();
}
