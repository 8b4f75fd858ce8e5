/* SPDX-License-Identifier: MIT */
#include <glib/gstdio.h>

#include "statement.h"
#include "template.h"

/* The shipped templates/fr.ini with @from replaced by @to, written to the test's
 * folder; returns its path. */
static char *
edited_copy(const char *from, const char *to)
{
	g_autofree char *shipped = g_build_filename(statement_data_dir(), "templates", "fr.ini",
						    NULL);
	g_autofree char *text = NULL;
	g_autofree char *edited = NULL;
	char *path = g_build_filename(g_get_user_cache_dir(), "fr.ini", NULL);
	const char *at;

	g_assert_true(g_file_get_contents(shipped, &text, NULL, NULL));
	at = strstr(text, from);
	g_assert_nonnull(at);
	edited = g_strdup_printf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	g_assert_cmpint(g_mkdir_with_parents(g_get_user_cache_dir(), 0700), ==, 0);
	g_assert_true(g_file_set_contents(path, edited, -1, NULL));
	return path;
}

static void
test_shipped(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *dir = g_build_filename(statement_data_dir(), "templates", NULL);
	g_autoptr(TemplateSet) set = template_set_load(dir, &error);

	g_assert_no_error(error);
	for (guint lang = 0; lang < G_N_ELEMENTS(set->by_language); lang++)
		for (guint k = 0; k < TPL_N_KEYS; k++)
			g_assert_cmpuint(strlen(template_get(set->by_language[lang], k)), >, 0);
	g_assert_cmpstr(template_get(set->by_language[LANGUAGE_FR], TPL_DOC_TITLE), ==,
			"Relevé de niveau de service");
	g_assert_cmpstr(template_get(set->by_language[LANGUAGE_EN], TPL_DOC_TITLE), ==,
			"Service level statement");
}

static void
test_errors(void)
{
	static const struct {
		const char *from, *to;
		TemplateError code;
		const char *message; /* after the path */
	} cases[] = {
		{ "issued=Émis le {date}\n", "", TEMPLATE_ERROR_MISSING,
		  ": [header] issued: missing key" },
		{ "[footer]\n", "[footer]\npages=x\n", TEMPLATE_ERROR_UNKNOWN,
		  ": [footer] pages: unknown key" },
		{ "[footer]\n", "[fotter]\n", TEMPLATE_ERROR_MISSING,
		  ": [footer] page: missing key" },
		{ "Émis le {date}", "Émis le {dat}", TEMPLATE_ERROR_PLACEHOLDER,
		  ": [header] issued: unknown placeholder \"{dat}\" (known: date)" },
		{ "Émis le {date}", "Émis le {date", TEMPLATE_ERROR_PLACEHOLDER,
		  ": [header] issued: unknown placeholder \"{date\" (known: date)" },
		{ "title=Synthèse", "title=Synthèse {n}", TEMPLATE_ERROR_PLACEHOLDER,
		  ": [summary] title: unknown placeholder \"{n}\" (known: none)" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *path = edited_copy(cases[i].from, cases[i].to);
		g_autofree char *expected = g_strconcat(path, cases[i].message, NULL);
		g_autoptr(GError) error = NULL;
		g_autoptr(Template) tpl = template_load(path, &error);

		g_assert_null(tpl);
		g_assert_error(error, TEMPLATE_ERROR, (gint)cases[i].code);
		g_assert_cmpstr(error->message, ==, expected);
	}
}

static void
test_unreadable(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(TemplateSet) set = template_set_load("/nonexistent", &error);

	g_assert_null(set);
	g_assert_nonnull(error);
	g_assert_nonnull(strstr(error->message, "/nonexistent/fr.ini"));
}

static void
test_format(void)
{
	g_autofree char *path = edited_copy("period=Période du {start} au {end}",
					    "period={end} après {start}, {start}");
	g_autoptr(GError) error = NULL;
	g_autoptr(Template) tpl = template_load(path, &error);
	g_autofree char *both = NULL;
	g_autofree char *one = NULL;

	g_assert_no_error(error);
	both = template_format(tpl, TPL_HEAD_PERIOD, "start", "1er", "end", "30 juin", "n", "x",
			       NULL);
	g_assert_cmpstr(both, ==, "30 juin après 1er, 1er");
	/* a value may itself hold braces: it is never expanded again */
	one = template_format(tpl, TPL_HEAD_PERIOD, "end", "{start}", NULL);
	g_assert_cmpstr(one, ==, "{start} après , ");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

	g_test_add_func("/template/load/shipped-languages-complete", test_shipped);
	g_test_add_func("/template/load/errors-name-file-and-key", test_errors);
	g_test_add_func("/template/load/unreadable-folder", test_unreadable);
	g_test_add_func("/template/format/placeholders", test_format);
	return g_test_run();
}
