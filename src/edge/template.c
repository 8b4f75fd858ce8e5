/* SPDX-License-Identifier: MIT
 *
 * Loads templates/LANG.ini into an array indexed by TemplateKey, so printing a word
 * is an array read, and checks the file against TEMPLATE_KEYS: every key present, no
 * stray key or group, no unknown placeholder.  Placeholder expansion is plain text
 * substitution; it never interprets a value as a format string.
 */
#include "template.h"

#include <stdarg.h>

struct _Template {
	char *text[TPL_N_KEYS];
};

typedef struct {
	const char *group;
	const char *key;
	const char *names; /* comma-separated placeholders */
} KeySpec;

static const KeySpec SPECS[TPL_N_KEYS] = {
#define TEMPLATE_SPEC(id, g, k, n) [TPL_##id] = { g, k, n },
	TEMPLATE_KEYS(TEMPLATE_SPEC)
#undef TEMPLATE_SPEC
};

G_DEFINE_QUARK(template-error-quark, template_error)

void
template_free(Template *tpl)
{
	if (tpl == NULL)
		return;
	for (guint i = 0; i < TPL_N_KEYS; i++)
		g_free(tpl->text[i]);
	g_free(tpl);
}

static gboolean
spec_knows(const char *group, const char *key)
{
	for (guint i = 0; i < TPL_N_KEYS; i++) {
		if (g_str_equal(SPECS[i].group, group) &&
		    (key == NULL || g_str_equal(SPECS[i].key, key)))
			return TRUE;
	}
	return FALSE;
}

/* TRUE when @name (not NUL-terminated, @len bytes) is in the comma list @names. */
static gboolean
names_contain(const char *names, const char *name, gsize len)
{
	const char *p = names;

	while (*p != '\0') {
		const char *end = strchr(p, ',');
		gsize n = end != NULL ? (gsize)(end - p) : strlen(p);

		if (n == len && strncmp(p, name, len) == 0)
			return TRUE;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return FALSE;
}

static gboolean
check_placeholders(const char *path, const KeySpec *spec, const char *text, GError **error)
{
	for (const char *p = strchr(text, '{'); p != NULL; p = strchr(p + 1, '{')) {
		const char *close = strchr(p, '}');

		if (close == NULL || !names_contain(spec->names, p + 1, (gsize)(close - p - 1))) {
			g_set_error(error, TEMPLATE_ERROR, TEMPLATE_ERROR_PLACEHOLDER,
				    "%s: [%s] %s: unknown placeholder \"%.*s\" (known: %s)", path,
				    spec->group, spec->key,
				    close != NULL ? (int)(close - p + 1) : (int)strlen(p), p,
				    *spec->names != '\0' ? spec->names : "none");
			return FALSE;
		}
	}
	return TRUE;
}

/* Every group and key of @kf must be one the program prints. */
static gboolean
check_unknown(const char *path, GKeyFile *kf, GError **error)
{
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);

	for (guint g = 0; groups[g] != NULL; g++) {
		g_auto(GStrv) keys = NULL;

		if (!spec_knows(groups[g], NULL)) {
			g_set_error(error, TEMPLATE_ERROR, TEMPLATE_ERROR_UNKNOWN,
				    "%s: unknown group [%s]", path, groups[g]);
			return FALSE;
		}
		keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);
		for (guint k = 0; keys != NULL && keys[k] != NULL; k++) {
			if (!spec_knows(groups[g], keys[k])) {
				g_set_error(error, TEMPLATE_ERROR, TEMPLATE_ERROR_UNKNOWN,
					    "%s: [%s] %s: unknown key", path, groups[g], keys[k]);
				return FALSE;
			}
		}
	}
	return TRUE;
}

Template *
template_load(const char *path, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(Template) tpl = g_new0(Template, 1);

	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, error)) {
		g_prefix_error(error, "%s: ", path);
		return NULL;
	}
	for (guint i = 0; i < TPL_N_KEYS; i++) {
		g_autoptr(GError) local = NULL;

		/* get_string, not get_locale_string: one file is one language */
		tpl->text[i] = g_key_file_get_string(kf, SPECS[i].group, SPECS[i].key, &local);
		if (tpl->text[i] == NULL) {
			if (g_error_matches(local, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND) ||
			    g_error_matches(local, G_KEY_FILE_ERROR,
					    G_KEY_FILE_ERROR_GROUP_NOT_FOUND))
				g_set_error(error, TEMPLATE_ERROR, TEMPLATE_ERROR_MISSING,
					    "%s: [%s] %s: missing key", path, SPECS[i].group,
					    SPECS[i].key);
			else
				g_set_error(error, TEMPLATE_ERROR, TEMPLATE_ERROR_MISSING,
					    "%s: [%s] %s: %s", path, SPECS[i].group, SPECS[i].key,
					    local->message);
			return NULL;
		}
		if (!check_placeholders(path, &SPECS[i], tpl->text[i], error))
			return NULL;
	}
	if (!check_unknown(path, kf, error))
		return NULL;
	return g_steal_pointer(&tpl);
}

const char *
template_get(const Template *tpl, TemplateKey key)
{
	g_return_val_if_fail(tpl != NULL && (guint)key < TPL_N_KEYS, "");
	return tpl->text[key];
}

/* The value given for placeholder @name (@len bytes) in the pairs of @ap, or NULL. */
static const char *
lookup(va_list ap, const char *name, gsize len)
{
	va_list aq;
	const char *value = NULL;

	va_copy(aq, ap);
	for (const char *n = va_arg(aq, const char *); n != NULL; n = va_arg(aq, const char *)) {
		const char *v = va_arg(aq, const char *);

		if (strlen(n) == len && strncmp(n, name, len) == 0) {
			value = v;
			break;
		}
	}
	va_end(aq);
	return value;
}

char *
template_format(const Template *tpl, TemplateKey key, ...)
{
	const char *text = template_get(tpl, key);
	GString *out = g_string_sized_new(strlen(text) + 32);
	const char *p = text;
	va_list ap;

	va_start(ap, key);
	for (const char *open = strchr(p, '{'); open != NULL; open = strchr(p, '{')) {
		/* template_load checked that every brace closes on a known name */
		const char *close = strchr(open, '}');
		const char *value = lookup(ap, open + 1, (gsize)(close - open - 1));

		g_string_append_len(out, p, open - p);
		if (value != NULL)
			g_string_append(out, value);
		p = close + 1;
	}
	va_end(ap);
	g_string_append(out, p);
	return g_string_free(out, FALSE);
}

static const char *const LANGUAGE_FILES[] = {
	[LANGUAGE_FR] = "fr.ini",
	[LANGUAGE_EN] = "en.ini",
};

void
template_set_free(TemplateSet *set)
{
	if (set == NULL)
		return;
	for (guint i = 0; i < G_N_ELEMENTS(set->by_language); i++)
		template_free(set->by_language[i]);
	g_free(set);
}

TemplateSet *
template_set_load(const char *dir, GError **error)
{
	g_autoptr(TemplateSet) set = g_new0(TemplateSet, 1);

	G_STATIC_ASSERT(G_N_ELEMENTS(LANGUAGE_FILES) == G_N_ELEMENTS(set->by_language));
	for (guint i = 0; i < G_N_ELEMENTS(LANGUAGE_FILES); i++) {
		g_autofree char *path = g_build_filename(dir, LANGUAGE_FILES[i], NULL);

		set->by_language[i] = template_load(path, error);
		if (set->by_language[i] == NULL)
			return NULL;
	}
	return g_steal_pointer(&set);
}
