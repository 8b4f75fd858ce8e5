/* SPDX-License-Identifier: MIT
 *
 * import.ini and its presets, and the translation of a source export into records of
 * an input file.  The key files are pre-scanned line by line (line numbers, unknown or
 * repeated groups and keys) and a clean copy goes to GKeyFile for the values, as
 * plans.ini is read.  A source is read by the CSV reader into a scratch list of
 * problems; its rows are kept (the latest of each id when asked), then converted one
 * by one and handed to ingest, each with its own problems first.  What a value means
 * is ingest's business: only the source's timestamps are parsed here.
 */
#include "import.h"

#include "digest.h"
#include "parse.h"
#include "statement.h"
#include "statuspage.h"

#define BOM "\xEF\xBB\xBF"
#define PRESET_DIR "templates/import"

static const char *const input_files[] = {
	"customers.csv", "services.csv", "tickets.csv", "outages.csv", "maintenance.csv", NULL,
};
static const char *const setting_keys[] = {
	"preset", "source", "zone", "timestamp_format", "date_format", "missing", "keep_highest",
	NULL,
};
/* column.FIELD, default.FIELD, spaces.FIELD, map.FIELD.VALUE */
static const char *const field_prefixes[] = { "column.", "default.", "spaces.", "map.", NULL };
static const char *const timestamp_fields[] = {
	"opened_at", "responded_at", "restored_at", "closed_at", "start", "end", "notified_at", NULL,
};
static const char *const date_fields[] = { "start_date", "end_date", NULL };

#define EXPECT_GROUPS \
	"expected [customers.csv], [services.csv], [tickets.csv], [outages.csv] or [maintenance.csv]"
#define EXPECT_KEYS \
	"expected preset, source, zone, timestamp_format, date_format, missing, keep_highest, " \
	"column.FIELD, default.FIELD, spaces.FIELD or map.FIELD.VALUE"

typedef struct {
	char *key;
	char *value;      /* trimmed; "" = not given */
	const char *file; /* where it was written: import.ini, or its preset's file */
	guint line;
} Entry;

typedef struct {
	char *name;       /* between the brackets: an input file */
	guint line;
	GArray *entries;  /* Entry; a preset's first, then import.ini's over them */
	gboolean broken;  /* a problem was reported in it: the file is not read */
	gboolean no_preset; /* its preset could not be read: its fields are not checked */
	/* the settings, once checked */
	char *source;
	GTimeZone *tz;    /* the zone key; NULL: the provider's */
	char *timestamp_format;
	char *date_format;
	char **missing;
	char *keep_highest;
} Mapping;

struct _ImportSet {
	GPtrArray *mappings;  /* Mapping * */
	GPtrArray *files;     /* char *: the file names entries point to */
	GTimeZone *provider_tz;
};

static void
entry_clear(gpointer p)
{
	Entry *e = p;

	g_free(e->key);
	g_free(e->value);
}

static void
mapping_free(gpointer p)
{
	Mapping *m = p;

	g_free(m->name);
	g_array_unref(m->entries);
	g_free(m->source);
	if (m->tz != NULL)
		g_time_zone_unref(m->tz);
	g_free(m->timestamp_format);
	g_free(m->date_format);
	g_strfreev(m->missing);
	g_free(m->keep_highest);
	g_free(m);
}

static Mapping *
mapping_new(const char *name, guint line)
{
	Mapping *m = g_new0(Mapping, 1);

	m->name = g_strdup(name);
	m->line = line;
	m->entries = g_array_new(FALSE, TRUE, sizeof(Entry));
	g_array_set_clear_func(m->entries, entry_clear);
	return m;
}

void
import_set_free(ImportSet *set)
{
	if (set == NULL)
		return;
	g_ptr_array_unref(set->mappings);
	g_ptr_array_unref(set->files);
	g_free(set);
}

/* Reports a problem at a key of a key file; returns FALSE. */
static gboolean G_GNUC_PRINTF(5, 6)
key_error(DiagList *diags, const char *file, guint line, const char *key, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list ap;

	va_start(ap, format);
	message = g_strdup_vprintf(format, ap);
	va_end(ap);
	diag_add_key(diags, DIAG_ERROR, file, line, key, "%s", message);
	return FALSE;
}

/* ==== Key files ================================================================= */

/* The key a key is compared by for repeats: a map's source value in any case. */
static char *
key_identity(const char *key)
{
	g_autofree char *folded = NULL;
	const char *value;

	if (!g_str_has_prefix(key, "map.") || (value = strchr(key + 4, '.')) == NULL)
		return g_strdup(key);
	folded = g_utf8_casefold(value + 1, -1);
	return g_strdup_printf("%.*s%s", (int)(value + 1 - key), key, folded);
}

/* Checks the name of a key; reports and returns FALSE when it is not one. */
static gboolean
check_key(DiagList *diags, const char *file, guint line, const char *key, gboolean preset)
{
	const char *rest = NULL;

	if (strpbrk(key, "[]") != NULL)
		return key_error(diags, file, line, key, "holds '[' or ']' (expected a key without "
				 "them: a value holding one cannot be mapped)");
	if (g_strv_contains(setting_keys, key)) {
		if (preset && (strcmp(key, "preset") == 0 || strcmp(key, "source") == 0))
			return key_error(diags, file, line, key, "in a preset (expected it in the input "
					 "folder's import.ini only)");
		return TRUE;
	}
	for (guint i = 0; field_prefixes[i] != NULL && rest == NULL; i++)
		if (g_str_has_prefix(key, field_prefixes[i]))
			rest = key + strlen(field_prefixes[i]);
	if (rest == NULL)
		return key_error(diags, file, line, key, "unknown key (%s)", EXPECT_KEYS);
	if (g_str_has_prefix(key, "map.")) {
		const char *dot = strchr(rest, '.');

		if (dot == NULL || dot == rest || dot[1] == '\0')
			return key_error(diags, file, line, key, "is not map.FIELD.VALUE (expected, e.g., "
					 "map.priority.2 - High = P2)");
	} else if (rest[0] == '\0' || strchr(rest, '.') != NULL) {
		return key_error(diags, file, line, key, "names no column of ours (expected, e.g., "
				 "%.*sopened_at)", (int)(rest - key), key);
	}
	return TRUE;
}

typedef struct {
	const char *file;
	DiagList *diags;
	gboolean preset;
	GPtrArray *groups;  /* Mapping *, in the order written */
	Mapping *group;     /* the group of the lines being read; NULL before any or after
			     * an unusable one */
	gboolean outside;   /* keys are outside any usable group */
	gboolean any_group; /* a group line was seen */
	GHashTable *seen;   /* key identity -> line, in the current group */
	GString *clean;
} Scan;

static void
scan_group(Scan *st, const char *text, guint line)
{
	gsize n = strlen(text);
	g_autofree char *name = NULL;

	st->group = NULL;
	st->outside = TRUE;
	st->any_group = TRUE;
	g_hash_table_remove_all(st->seen);
	if (text[n - 1] != ']') {
		g_autofree char *quoted = parse_quote(text);

		key_error(st->diags, st->file, line, NULL, "%s is not a group line (%s)", quoted,
			  EXPECT_GROUPS);
		return;
	}
	name = g_strstrip(g_strndup(text + 1, n - 2));
	if (!g_strv_contains(input_files, name)) {
		key_error(st->diags, st->file, line, NULL, "unknown group [%s] (%s)", name, EXPECT_GROUPS);
		return;
	}
	for (guint i = 0; i < st->groups->len; i++) {
		const Mapping *m = g_ptr_array_index(st->groups, i);

		if (strcmp(m->name, name) == 0) {
			key_error(st->diags, st->file, line, NULL, "group [%s] appears twice, first on "
				  "line %u (expected each group once)", name, m->line);
			return;
		}
	}
	st->group = mapping_new(name, line);
	st->outside = FALSE;
	g_ptr_array_add(st->groups, st->group);
	g_string_append_printf(st->clean, "[%s]", name);
}

static void
scan_key(Scan *st, const char *text, guint line)
{
	const char *eq = strchr(text, '=');
	g_autofree char *key = NULL;
	g_autofree char *identity = NULL;
	gpointer first;
	Entry e = { 0 };

	if (eq == NULL) {
		g_autofree char *quoted = parse_quote(text);

		key_error(st->diags, st->file, line, NULL, "%s is not a key=value line (expected "
			  "key=value, a [group] or a # comment)", quoted);
		if (st->group != NULL)
			st->group->broken = TRUE;
		return;
	}
	key = g_strstrip(g_strndup(text, eq - text));
	if (st->outside) {
		if (!st->any_group)
			key_error(st->diags, st->file, line, key[0] ? key : NULL,
				  "outside any group (%s before it)", EXPECT_GROUPS);
		return;
	}
	if (key[0] == '\0' || !check_key(st->diags, st->file, line, key, st->preset)) {
		if (key[0] == '\0')
			key_error(st->diags, st->file, line, NULL,
				  "a line with no key before '=' (expected key=value)");
		st->group->broken = TRUE;
		return;
	}
	identity = key_identity(key);
	if (g_hash_table_lookup_extended(st->seen, identity, NULL, &first)) {
		key_error(st->diags, st->file, line, key, "given twice in [%s], first on line %u "
			  "(expected each key once)", st->group->name, GPOINTER_TO_UINT(first));
		st->group->broken = TRUE;
		return;
	}
	g_hash_table_insert(st->seen, g_steal_pointer(&identity), GUINT_TO_POINTER(line));
	g_string_append_printf(st->clean, "%s=%s", key, eq + 1);
	e.key = g_steal_pointer(&key);
	e.file = st->file;
	e.line = line;
	g_array_append_val(st->group->entries, e);
}

/* Reads a key file (import.ini or a preset, @file in messages) into its groups
 * (Mapping *, transfer full), every line checked; a group with a problem is broken. */
static GPtrArray *
read_key_file(const char *file, const char *data, gsize len, gboolean preset, DiagList *diags)
{
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GString) clean = g_string_sized_new(len + 1);
	g_autoptr(GError) error = NULL;
	Scan st = { file, diags, preset, g_ptr_array_new_with_free_func(mapping_free), NULL, TRUE,
		    FALSE, seen, clean };
	const char *p = data, *end = data + len;
	guint line = 0;

	if (len >= 3 && memcmp(p, BOM, 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		gsize n = (nl != NULL ? nl : end) - p;
		g_autofree char *text = NULL;
		const char *bad = NULL;

		line++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (memchr(p, '\0', n) != NULL || !g_utf8_validate_len(p, n, &bad)) {
			key_error(diags, file, line, NULL, "holds bytes that are not UTF-8 text "
				  "(expected UTF-8 text: Windows-1252? Save the file as UTF-8)");
			if (st.group != NULL)
				st.group->broken = TRUE;
		} else {
			text = g_strstrip(g_strndup(p, n));
			if (text[0] == '[')
				scan_group(&st, text, line);
			else if (text[0] != '\0' && text[0] != '#')
				scan_key(&st, text, line);
		}
		g_string_append_c(clean, '\n');
		p = nl != NULL ? nl + 1 : end;
	}
	if (!g_key_file_load_from_data(kf, clean->str, clean->len, G_KEY_FILE_NONE, &error)) {
		key_error(diags, file, 0, NULL, "cannot be read: %s", error->message);
		for (guint i = 0; i < st.groups->len; i++)
			((Mapping *)g_ptr_array_index(st.groups, i))->broken = TRUE;
		return st.groups;
	}
	for (guint i = 0; i < st.groups->len; i++) {
		Mapping *m = g_ptr_array_index(st.groups, i);

		for (guint k = 0; k < m->entries->len; k++) {
			Entry *e = &g_array_index(m->entries, Entry, k);
			g_autoptr(GError) value_error = NULL;

			e->value = g_key_file_get_string(kf, m->name, e->key, &value_error);
			if (e->value == NULL) {
				key_error(diags, file, e->line, e->key, "%s (expected \\s, \\n, \\t, \\r "
					  "or \\\\ as the only escapes)", value_error->message);
				e->value = g_strdup("");
				m->broken = TRUE;
			}
			g_strstrip(e->value);
		}
	}
	return st.groups;
}

/* ==== Presets =================================================================== */

static int
compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads preset @name's groups (transfer full), or NULL after reporting at @e. */
static GPtrArray *
read_preset(ImportSet *set, const Entry *e, DiagList *diags)
{
	g_autofree char *dir = g_build_filename(statement_data_dir(), PRESET_DIR, NULL);
	g_autofree char *file = g_strdup_printf("%s.ini", e->value);
	g_autofree char *path = g_build_filename(dir, file, NULL);
	g_autofree char *data = NULL;
	g_autoptr(GString) known = g_string_new(NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GDir) d = NULL;
	gsize len;
	char *shown;

	/* a name, not a path */
	if (strspn(e->value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") ==
	    strlen(e->value) && g_file_get_contents(path, &data, &len, NULL)) {
		shown = g_strdup_printf(PRESET_DIR "/%s", file);
		g_ptr_array_add(set->files, shown);
		return read_key_file(shown, data, len, TRUE, diags);
	}
	d = g_dir_open(dir, 0, NULL);
	for (const char *n; d != NULL && (n = g_dir_read_name(d)) != NULL;)
		if (g_str_has_suffix(n, ".ini"))
			g_ptr_array_add(names, g_strndup(n, strlen(n) - 4));
	g_ptr_array_sort(names, compare_strings);
	for (guint i = 0; i < names->len; i++)
		g_string_append_printf(known, "%s%s", i ? ", " : "", (char *)names->pdata[i]);
	key_error(diags, e->file, e->line, e->key, "unknown preset \"%s\" (expected one of "
		  PRESET_DIR ": %s)", e->value, known->str);
	return NULL;
}

/* Puts @m's preset under its own keys: a key import.ini gives replaces the preset's. */
static void
apply_preset(ImportSet *set, Mapping *m, GHashTable *presets, DiagList *diags)
{
	g_autoptr(GArray) merged = NULL;
	const Entry *e = NULL;
	GPtrArray *groups;
	const Mapping *base = NULL;

	for (guint i = 0; i < m->entries->len && e == NULL; i++)
		if (strcmp(g_array_index(m->entries, Entry, i).key, "preset") == 0)
			e = &g_array_index(m->entries, Entry, i);
	if (e == NULL || e->value[0] == '\0')
		return;
	if (!g_hash_table_lookup_extended(presets, e->value, NULL, (gpointer *)&groups)) {
		groups = read_preset(set, e, diags);
		g_hash_table_insert(presets, g_strdup(e->value), groups);
	}
	if (groups == NULL) {
		m->broken = m->no_preset = TRUE;
		return;
	}
	for (guint i = 0; i < groups->len; i++)
		if (strcmp(((const Mapping *)g_ptr_array_index(groups, i))->name, m->name) == 0)
			base = g_ptr_array_index(groups, i);
	if (base == NULL || base->broken) {
		if (base == NULL)
			key_error(diags, e->file, e->line, e->key, "preset %s has no [%s] (expected a "
				  "preset made for %s)", e->value, m->name, m->name);
		m->broken = m->no_preset = TRUE;
		return;
	}
	merged = g_array_new(FALSE, TRUE, sizeof(Entry));
	g_array_set_clear_func(merged, entry_clear);
	for (guint i = 0; i < base->entries->len + m->entries->len; i++) {
		const Entry *from = i < base->entries->len ? &g_array_index(base->entries, Entry, i) :
				    &g_array_index(m->entries, Entry, i - base->entries->len);
		g_autofree char *identity = key_identity(from->key);
		Entry copy = { g_strdup(from->key), g_strdup(from->value), from->file, from->line };
		guint k;

		for (k = 0; k < merged->len; k++) {
			g_autofree char *other = key_identity(g_array_index(merged, Entry, k).key);

			if (strcmp(identity, other) == 0)
				break;
		}
		if (k < merged->len)
			g_array_remove_index(merged, k);
		g_array_append_val(merged, copy);
	}
	g_array_unref(m->entries);
	m->entries = g_steal_pointer(&merged);
}

/* ==== Settings ================================================================== */

/* Checks a timestamp_format (@with_time) or date_format: %Y, %m and %d once each,
 * %H and %M once each with a time, %S at most once, %% and other characters as they
 * are. */
static gboolean
check_format(const char *format, gboolean with_time)
{
	const char *need = with_time ? "YmdHM" : "Ymd";
	const char *allowed = with_time ? "YmdHMS" : "Ymd";
	guint count[128] = { 0 };

	for (const char *p = format; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		if (*p == '\0' || strchr(allowed, *p) == NULL || ++count[(guchar)*p] > 1)
			return FALSE;
	}
	for (const char *c = need; *c != '\0'; c++)
		if (count[(guchar)*c] != 1)
			return FALSE;
	return TRUE;
}

/* Whether @source names an input file, plans.ini or import.ini. */
static gboolean
reserved_name(const char *source)
{
	return g_strv_contains(input_files, source) || strcmp(source, "plans.ini") == 0 ||
	       strcmp(source, IMPORT_FILE) == 0;
}

/* Reads the settings of @m's entries; reports each wrong one and breaks @m. */
static void
settle(ImportSet *set, Mapping *m, DiagList *diags)
{
	for (guint i = 0; i < m->entries->len; i++) {
		const Entry *e = &g_array_index(m->entries, Entry, i);
		const char *v = e->value;
		gboolean ok = TRUE;

		if (strcmp(e->key, "source") == 0 && v[0] != '\0') {
			g_auto(GStrv) parts = g_strsplit(v, "/", -1);

			for (guint k = 0; parts[k] != NULL; k++)
				ok = ok && strcmp(parts[k], "..") != 0 && parts[k][0] != '\0';
			if (!ok)
				key_error(diags, e->file, e->line, e->key, "\"%s\" is not a file of the input "
					  "folder (expected a path inside it, without ..)", v);
			else if (strcmp(v, m->name) != 0 && reserved_name(v))
				ok = key_error(diags, e->file, e->line, e->key, "\"%s\" is an input file "
					       "of its own (expected the export's own file name)", v);
			else
				m->source = g_strdup(v);
		} else if (strcmp(e->key, "zone") == 0 && v[0] != '\0') {
			m->tz = g_time_zone_new_identifier(v);
			if (m->tz == NULL)
				ok = key_error(diags, e->file, e->line, e->key, "unknown time zone \"%s\" "
					       "(expected a zone of the tz database, e.g. Europe/Paris)", v);
		} else if (strcmp(e->key, "timestamp_format") == 0 && v[0] != '\0') {
			m->timestamp_format = g_strdup(v);
			if (!check_format(v, TRUE))
				ok = key_error(diags, e->file, e->line, e->key, "\"%s\" is not a timestamp "
					       "format (expected %%d, %%m, %%Y, %%H, %%M once each, "
					       "%%S at most once, e.g. %%d/%%m/%%Y %%H:%%M)", v);
		} else if (strcmp(e->key, "date_format") == 0 && v[0] != '\0') {
			m->date_format = g_strdup(v);
			if (!check_format(v, FALSE))
				ok = key_error(diags, e->file, e->line, e->key, "\"%s\" is not a date format "
					       "(expected %%d, %%m and %%Y once each, e.g. %%d/%%m/%%Y)", v);
		} else if (strcmp(e->key, "missing") == 0 && v[0] != '\0') {
			g_autoptr(GError) error = NULL;

			m->missing = parse_list(v, &error);
			if (m->missing == NULL)
				ok = key_error(diags, e->file, e->line, e->key, "%s", error->message);
		} else if (strcmp(e->key, "keep_highest") == 0 && v[0] != '\0') {
			m->keep_highest = g_strdup(v);
		}
		if (!ok)
			m->broken = TRUE;
	}
	if (m->source == NULL)
		m->source = g_strdup(m->name);
	/* the mappings before it are settled */
	for (guint i = 0; i < set->mappings->len && g_ptr_array_index(set->mappings, i) != m; i++) {
		const Mapping *other = g_ptr_array_index(set->mappings, i);

		if (strcmp(other->source, m->source) == 0) {
			key_error(diags, IMPORT_FILE, m->line, NULL, "[%s] reads %s, as [%s] does "
				  "(expected one source file for each input file)", m->name, m->source,
				  other->name);
			m->broken = TRUE;
		}
	}
}

/* Frees a preset's groups; NULL stands for a preset that could not be read. */
static void
groups_free(gpointer p)
{
	if (p != NULL)
		g_ptr_array_unref(p);
}

ImportSet *
import_set_load(const char *dir, GTimeZone *provider_tz, DiagList *diags, GArray *files)
{
	g_autofree char *path = g_build_filename(dir, IMPORT_FILE, NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) presets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
							     groups_free);
	ImportSet *set;
	gsize len;

	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return NULL;
	set = g_new0(ImportSet, 1);
	set->provider_tz = provider_tz;
	set->files = g_ptr_array_new_with_free_func(g_free);
	if (!g_file_get_contents(path, &data, &len, &error)) {
		diag_add(diags, DIAG_ERROR, IMPORT_FILE, 0, NULL, NULL, "cannot be read: %s",
			 error->message);
		set->mappings = g_ptr_array_new();
		return set;
	}
	if (files != NULL) {
		FileDigest f;

		file_digest_set(&f, IMPORT_FILE, data, len);
		g_array_append_val(files, f);
	}
	set->mappings = read_key_file(IMPORT_FILE, data, len, FALSE, diags);
	for (guint i = 0; i < set->mappings->len; i++)
		apply_preset(set, g_ptr_array_index(set->mappings, i), presets, diags);
	for (guint i = 0; i < set->mappings->len; i++)
		settle(set, g_ptr_array_index(set->mappings, i), diags);
	return set;
}

static Mapping *
find_mapping(const ImportSet *set, const char *name)
{
	for (guint i = 0; set != NULL && i < set->mappings->len; i++) {
		Mapping *m = g_ptr_array_index(set->mappings, i);

		if (strcmp(m->name, name) == 0)
			return m;
	}
	return NULL;
}

const char *
import_set_source(const ImportSet *set, const char *name)
{
	const Mapping *m = find_mapping(set, name);

	return m != NULL ? m->source : name;
}

/* ==== Fields ==================================================================== */

typedef enum {
	KIND_TEXT,
	KIND_TIMESTAMP,
	KIND_DATE,
} FieldKind;

#define SPACES_KEEP (-1)

typedef struct {
	int source;         /* index in Run.sources; -1: no column */
	const char *column; /* the source column as import.ini names it; NULL: none */
	const char *deflt;  /* our value when the source gives none; NULL: none */
	GHashTable *map;    /* case-folded source value -> our value ("": not given) */
	int spaces;         /* what a run of spaces becomes: SPACES_KEEP, 0 (removed) or
			     * a character */
	FieldKind kind;
} Field;

/* A source row kept for ingest. */
typedef struct {
	guint line;
	char *raw;          /* the record as written (not NUL-terminated) */
	gsize raw_len;
	char **values;      /* one per source column, NULL when empty; in @text */
	char *text;
	guint64 bad;        /* source columns that are not text (reported) */
	gboolean broken;
	gboolean bad_keep;  /* its keep_highest value is not a number */
	guint diag_first;   /* its problems in the scratch list: [first, end) */
	guint diag_end;
	gint64 keep;
} SourceRow;

typedef struct {
	Mapping *m;
	const char *name;
	const CsvColumn *columns;
	guint n_columns;
	Field fields[CSV_MAX_COLUMNS];
	CsvColumn sources[CSV_MAX_COLUMNS];
	guint n_sources;
	int keep;             /* index of keep_highest in @sources; -1: every row kept */
	ParseZone zone;
	DiagList *diags;
	DiagList *scratch;    /* the reader's problems, until their row is handed over */
	guint scratch_done;   /* scratch problems handed over so far (or dropped) */
	GPtrArray *rows;      /* SourceRow *: those taking no part in the reduction */
	GHashTable *latest;   /* our id -> SourceRow *: the row kept for it */
	GString *buf;
	CsvRecordFunc func;
	gpointer user_data;
	guint unscoped;       /* Statuspage rows that map to no service: not read */
} Run;

static void
source_row_free(gpointer p)
{
	SourceRow *row = p;

	g_free(row->raw);
	g_free(row->values);
	g_free(row->text);
	g_free(row);
}

static int
find_column(const CsvColumn *columns, guint n, const char *name)
{
	for (guint i = 0; i < n; i++)
		if (g_ascii_strcasecmp(columns[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The index of source column @name in @run, added when new. */
static int
source_index(Run *run, const char *name, gboolean required)
{
	int i = find_column(run->sources, run->n_sources, name);

	if (i < 0) {
		i = (int)run->n_sources++;
		run->sources[i].name = name;
	}
	run->sources[i].required |= required;
	return i;
}

/* Reads the field keys of the mapping against the input file's columns; FALSE after
 * reporting a problem. */
static gboolean
read_fields(Run *run)
{
	const Mapping *m = run->m;
	gboolean ok = TRUE;

	for (guint i = 0; i < run->n_columns; i++) {
		const char *name = run->columns[i].name;

		run->fields[i] = (Field){ -1, NULL, NULL, NULL, SPACES_KEEP, KIND_TEXT };
		if (g_strv_contains(timestamp_fields, name))
			run->fields[i].kind = KIND_TIMESTAMP;
		else if (g_strv_contains(date_fields, name))
			run->fields[i].kind = KIND_DATE;
	}
	for (guint k = 0; k < m->entries->len; k++) {
		const Entry *e = &g_array_index(m->entries, Entry, k);
		const char *dot = strchr(e->key, '.');
		const char *end;
		g_autofree char *name = NULL;
		int col;
		Field *f;

		if (dot == NULL)
			continue;
		end = g_str_has_prefix(e->key, "map.") ? strchr(dot + 1, '.') : dot + strlen(dot);
		name = g_strndup(dot + 1, end - dot - 1);
		col = find_column(run->columns, run->n_columns, name);
		if (col < 0) {
			g_autoptr(GString) all = g_string_new(NULL);

			for (guint i = 0; i < run->n_columns; i++)
				g_string_append_printf(all, "%s%s", i ? ", " : "", run->columns[i].name);
			ok = key_error(run->diags, e->file, e->line, e->key, "%s is not a column of %s "
				       "(expected one of %s)", name, m->name, all->str);
			continue;
		}
		f = &run->fields[col];
		if (g_str_has_prefix(e->key, "column.")) {
			f->column = e->value[0] != '\0' ? e->value : NULL;
		} else if (g_str_has_prefix(e->key, "default.")) {
			f->deflt = e->value[0] != '\0' ? e->value : NULL;
		} else if (g_str_has_prefix(e->key, "spaces.")) {
			if (strcmp(e->value, "remove") == 0)
				f->spaces = 0;
			else if (e->value[0] == '\0')
				f->spaces = SPACES_KEEP;
			else if (strlen(e->value) == 1 && strchr("-_.", e->value[0]) != NULL)
				f->spaces = e->value[0];
			else
				ok = key_error(run->diags, e->file, e->line, e->key, "\"%s\" is not what "
					       "spaces can become (expected remove, -, _ or .)", e->value);
		} else {
			if (f->map == NULL)
				f->map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
			g_hash_table_insert(f->map, g_utf8_casefold(end + 1, -1), e->value);
		}
	}
	for (guint i = 0; i < run->n_columns; i++) {
		Field *f = &run->fields[i];

		if (run->columns[i].required && f->column == NULL && f->deflt == NULL)
			ok = key_error(run->diags, IMPORT_FILE, m->line, NULL, "[%s] gives nothing for "
				       "%s (expected column.%s = the export's column that holds it, or "
				       "default.%s = a value for every row)", m->name, run->columns[i].name,
				       run->columns[i].name, run->columns[i].name);
		if (f->column != NULL)
			f->source = source_index(run, f->column, run->columns[i].required);
	}
	run->keep = m->keep_highest != NULL ? source_index(run, m->keep_highest, TRUE) : -1;
	return ok;
}

static void
fields_clear(Run *run)
{
	for (guint i = 0; i < run->n_columns; i++)
		g_clear_pointer(&run->fields[i].map, g_hash_table_unref);
}

/* ==== Values ==================================================================== */

/* The length of the run of spaces (ASCII, no-break or narrow no-break) at @p. */
static gsize
spaces_at(const char *p)
{
	const char *q = p;

	for (;;) {
		if (*q == ' ' || *q == '\t')
			q++;
		else if (g_str_has_prefix(q, "\xC2\xA0"))
			q += 2;
		else if (g_str_has_prefix(q, "\xE2\x80\xAF"))
			q += 3;
		else
			return q - p;
	}
}

static gboolean
is_missing(const Run *run, const char *v)
{
	for (guint i = 0; run->m->missing != NULL && run->m->missing[i] != NULL; i++)
		if (g_ascii_strcasecmp(v, run->m->missing[i]) == 0)
			return TRUE;
	return FALSE;
}

/* Source value @v of field @f through the missing markers, the value map and the
 * spaces rule; NULL when not given.  The result may live in @buf. */
static const char *
field_text(const Run *run, const Field *f, const char *v, GString *buf)
{
	if (v == NULL || is_missing(run, v))
		return NULL;
	if (f->map != NULL) {
		g_autofree char *folded = g_utf8_casefold(v, -1);
		const char *to = g_hash_table_lookup(f->map, folded);

		if (to != NULL)
			return to[0] != '\0' ? to : NULL;
	}
	if (f->spaces == SPACES_KEEP)
		return v;
	g_string_truncate(buf, 0);
	for (const char *p = v; *p != '\0';) {
		gsize n = spaces_at(p);

		if (n == 0) {
			g_string_append_c(buf, *p++);
			continue;
		}
		if (f->spaces != 0)
			g_string_append_c(buf, (char)f->spaces);
		p += n;
	}
	return buf->str;
}

/* Reads @s by @format (%Y four digits, the others one or two, %% a percent sign, any
 * other character itself); a format without %S also takes :SS after the minutes.
 * @f gets year, month, day, hour, minute and second. */
static gboolean
scan_format(const char *format, const char *s, int f[6])
{
	static const char conversions[] = "YmdHMS";
	const char *p = s;

	memset(f, 0, 6 * sizeof(int));
	for (const char *q = format; *q != '\0'; q++) {
		const char *at;
		int digits = 0, max;

		if (*q != '%' || q[1] == '%') {
			if (*p++ != *q)
				return FALSE;
			q += *q == '%';
			continue;
		}
		q++;
		at = strchr(conversions, *q);
		max = *q == 'Y' ? 4 : 2;
		while (digits < max && g_ascii_isdigit(*p)) {
			f[at - conversions] = f[at - conversions] * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0 || (*q == 'Y' && digits != 4))
			return FALSE;
	}
	if (strstr(format, "%S") == NULL && p[0] == ':' && g_ascii_isdigit(p[1]) &&
	    g_ascii_isdigit(p[2])) {
		f[5] = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
	}
	return *p == '\0';
}

/* Replaces "@from" (quoted as parse.c quotes) by "@to" in @error's message. */
static void
requote(GError *error, const char *from, const char *to)
{
	g_autofree char *a = parse_quote(from);
	g_autofree char *b = parse_quote(to);
	g_autoptr(GString) s = g_string_new(error->message);

	g_string_replace(s, a, b, 0);
	g_free(error->message);
	error->message = g_strdup(s->str);
}

/* An example of @format, for messages (transfer full). */
static char *
format_example(const char *format)
{
	GString *s = g_string_new(NULL);

	for (const char *q = format; *q != '\0'; q++) {
		if (*q != '%') {
			g_string_append_c(s, *q);
			continue;
		}
		q++;
		switch (*q) {
		case 'Y': g_string_append(s, "2026"); break;
		case 'm': g_string_append(s, "10"); break;
		case 'd': g_string_append(s, "31"); break;
		case 'H': g_string_append(s, "23"); break;
		case 'M': g_string_append(s, "59"); break;
		case 'S': g_string_append(s, "58"); break;
		default: g_string_append_c(s, *q); break;
		}
	}
	return g_string_free(s, FALSE);
}

/* Fails for @v not written as @format says (@what: "timestamp" or "date"). */
static gboolean
format_fail(GError **error, const char *v, const char *what, const char *format)
{
	g_autofree char *quoted = parse_quote(v);
	g_autofree char *example = format_example(format);

	g_set_error(error, PARSE_ERROR, PARSE_ERROR_INVALID, "%s is not a %s as %s_format says "
		    "(expected %s, e.g. %s)", quoted, what, what, format, example);
	return FALSE;
}

/* Copies ISO 8601 timestamp @v less the fraction of its seconds (Statuspage writes
 * milliseconds: 2022-12-31T00:07:02.295Z) into @out; FALSE when it has none.  The
 * instant is truncated to its second, as seconds are our unit. */
static gboolean
drop_fraction(const char *v, char out[static 32])
{
	const char *dot = strchr(v, '.');
	const char *rest;

	if (dot == NULL || dot - v < 3 || dot[-3] != ':' || !g_ascii_isdigit(dot[-2]) ||
	    !g_ascii_isdigit(dot[-1]) || !g_ascii_isdigit(dot[1]))
		return FALSE;
	for (rest = dot + 1; g_ascii_isdigit(*rest); rest++)
		;
	if ((gsize)(dot - v) + strlen(rest) >= 32)
		return FALSE;
	g_snprintf(out, 32, "%.*s%s", (int)(dot - v), v, rest);
	return TRUE;
}

/* A source timestamp @v as ours, in UTC (@out, 21 bytes); *local gets the local
 * time read (in @local_buf, or @v itself), *t the instant and *kind whether it was
 * repeated. */
static gboolean
convert_timestamp(Run *run, const char *v, char out[static 21], char local_buf[static 32],
		  const char **local, gint64 *t, ZoneLocalKind *kind, GError **error)
{
	const char *format = run->m->timestamp_format;
	int f[6];

	*local = v;
	if (format != NULL) {
		if (!scan_format(format, v, f))
			return format_fail(error, v, "timestamp", format);
		g_snprintf(local_buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d", f[0], f[1], f[2], f[3],
			   f[4], f[5]);
		*local = local_buf;
	} else if (drop_fraction(v, local_buf)) {
		*local = local_buf;
	}
	if (!parse_timestamp(*local, &run->zone, t, kind, error)) {
		if (*local != v)
			requote(*error, *local, v);
		return FALSE;
	}
	zone_format_utc(*t, out);
	return TRUE;
}

/* A source date @v as ours (@out, 11 bytes). */
static gboolean
convert_date(Run *run, const char *v, char out[static 11], GError **error)
{
	const char *format = run->m->date_format;
	Day d;
	int f[6];

	if (!scan_format(format, v, f) || f[5] != 0)
		return format_fail(error, v, "date", format);
	g_snprintf(out, 11, "%04d-%02d-%02d", f[0], f[1], f[2]);
	if (!parse_date(out, &d, error)) {
		requote(*error, out, v);
		return FALSE;
	}
	return TRUE;
}

/* ==== Rows ====================================================================== */

/* Hands the scratch problems not owned by a row, up to @until, to the real list. */
static void
pass_problems(Run *run, guint until)
{
	for (; run->scratch_done < until; run->scratch_done++) {
		const Diag *d = diag_get(run->scratch, run->scratch_done);

		/* the export has columns we do not read: that is the point of a mapping */
		if (d->severity == DIAG_WARNING && g_str_has_prefix(d->message, "unknown column"))
			continue;
		diag_add_copy(run->diags, d);
	}
}

static gboolean
has_bit(guint64 mask, int i)
{
	return i >= 0 && (mask & (G_GUINT64_CONSTANT(1) << i)) != 0;
}

static void
on_source(const CsvRecord *rec, gpointer data)
{
	Run *run = data;
	SourceRow *row = g_new0(SourceRow, 1);
	const Field *id = &run->fields[0];
	const char *key = NULL;
	SourceRow *kept;
	gsize size = 0;
	char *p;

	pass_problems(run, rec->problem ? rec->first_diag : diag_count(run->scratch));
	row->line = rec->line;
	row->raw = g_memdup2(rec->raw, rec->raw_len);
	row->raw_len = rec->raw_len;
	row->bad = rec->bad;
	row->broken = rec->broken;
	row->diag_first = run->scratch_done;
	row->diag_end = run->scratch_done = diag_count(run->scratch);
	for (guint i = 0; i < run->n_sources; i++)
		size += rec->values[i] != NULL ? strlen(rec->values[i]) + 1 : 0;
	row->values = g_new0(char *, run->n_sources);
	p = row->text = g_malloc(size + 1);
	for (guint i = 0; i < run->n_sources; i++) {
		if (rec->values[i] == NULL)
			continue;
		row->values[i] = p;
		p = g_stpcpy(p, rec->values[i]) + 1;
	}
	if (run->keep < 0) {
		g_ptr_array_add(run->rows, row);
		return;
	}
	if (row->values[run->keep] != NULL)
		row->bad_keep = !g_ascii_string_to_signed(row->values[run->keep], 10, G_MININT64,
							  G_MAXINT64, &row->keep, NULL);
	else
		row->bad_keep = !has_bit(row->bad, run->keep);
	if (id->source >= 0 && !has_bit(row->bad, id->source))
		key = field_text(run, id, row->values[id->source], run->buf);
	/* a row that cannot be read whole, or ranked, is handed over as it is */
	if (rec->problem || rec->broken || row->bad_keep || has_bit(row->bad, run->keep) ||
	    key == NULL) {
		g_ptr_array_add(run->rows, row);
		return;
	}
	kept = g_hash_table_lookup(run->latest, key);
	if (kept != NULL && kept->keep > row->keep) {
		source_row_free(row);
		return;
	}
	/* ties go to the later row */
	g_hash_table_replace(run->latest, g_strdup(key), row);
	if (kept != NULL)
		source_row_free(kept);
}

/* Whether field @name of @run comes out empty for @values, with no default. */
static gboolean
gives_nothing(Run *run, const char *name, const char *const *values)
{
	int i = find_column(run->columns, run->n_columns, name);
	const Field *f = i >= 0 ? &run->fields[i] : NULL;

	return f == NULL || (f->deflt == NULL && (f->source < 0 ||
		field_text(run, f, values[f->source], run->buf) == NULL));
}

/* A row of a Statuspage export: read as a source row, unless it concerns no service
 * (no component, or one its value map empties): the page says nothing of ours is
 * affected. */
static void
on_statuspage(const StatuspageRow *row, gpointer data)
{
	Run *run = data;
	CsvRecord rec = {
		.line = row->line, .raw = row->raw, .raw_len = row->raw_len, .values = row->values,
		.bad = row->bad, .problem = row->problem, .first_diag = row->first_diag,
	};

	if (!row->problem && gives_nothing(run, "service_id", row->values) &&
	    gives_nothing(run, "customer_id", row->values)) {
		run->unscoped++;
		return;
	}
	on_source(&rec, run);
}

/* Reads a Statuspage export into @run's rows. */
static CsvReadStatus
read_statuspage(Run *run, const char *data, gsize len)
{
	const char *members[CSV_MAX_COLUMNS];

	for (guint i = 0; i < run->n_sources; i++)
		members[i] = run->sources[i].name;
	if (!statuspage_read(run->m->source, data, len, members, run->n_sources, on_statuspage, run,
			     run->scratch))
		return CSV_READ_FAILED;
	if (run->unscoped > 0)
		diag_add(run->scratch, DIAG_WARNING, run->m->source, 0, NULL, NULL, "rows that map to no "
			 "service, not read: %u (expected components that map to services, or "
			 "default.service_id for rows without one)", run->unscoped);
	return CSV_READ_OK;
}

static void
on_probe(const CsvRecord *rec, gpointer data)
{
}

/* The end of the header line of @data (after a byte-order mark and blank lines). */
static gsize
header_end(const char *data, gsize len)
{
	gboolean content = FALSE;
	gsize i = len >= 3 && memcmp(data, BOM, 3) == 0 ? 3 : 0;

	for (; i < len; i++) {
		if (data[i] == '\n' || data[i] == '\r') {
			if (content)
				return i;
		} else if (!g_ascii_isspace(data[i]) && data[i] != ',' && data[i] != ';') {
			content = TRUE;
		}
	}
	return len;
}

/* The columns of the header line alone, read as @required, that the reader finds a
 * problem with (a bit each); *line gets the header's line. */
static guint64
probe_header(Run *run, const char *data, gsize len, gboolean required, guint *line)
{
	g_autoptr(DiagList) probe = diag_list_new();
	CsvColumn all[CSV_MAX_COLUMNS];
	guint64 found = 0;

	for (guint i = 0; i < run->n_sources; i++)
		all[i] = (CsvColumn){ run->sources[i].name, required };
	csv_reader_read(run->m->source, data, header_end(data, len), all, run->n_sources, on_probe,
			NULL, probe);
	for (guint k = 0; k < diag_count(probe); k++) {
		const Diag *d = diag_get(probe, k);
		int i = d->column != NULL ? find_column(all, run->n_sources, d->column) : -1;

		if (i >= 0 && d->severity == DIAG_ERROR) {
			found |= G_GUINT64_CONSTANT(1) << i;
			*line = d->line;
		}
	}
	return found;
}

/* Warns about the optional columns the source's header lacks: the fields they feed
 * are read as empty.  A column the header repeats is reported by the real read. */
static void
warn_absent(Run *run, const char *data, gsize len)
{
	guint line = 1;
	/* required, a missing column is a problem; either way, so is a repeated one */
	guint64 absent = probe_header(run, data, len, TRUE, &line) &
			 ~probe_header(run, data, len, FALSE, &line);

	for (guint i = 0; i < run->n_columns; i++) {
		const Field *f = &run->fields[i];

		if (has_bit(absent, f->source) && !run->sources[f->source].required)
			diag_add(run->diags, DIAG_WARNING, run->m->source, line, f->column, NULL,
				 "missing from the header: %s is read as empty (expected the column "
				 "import.ini names for %s)", run->columns[i].name, run->columns[i].name);
	}
}

static int
compare_rows(gconstpointer a, gconstpointer b)
{
	const SourceRow *x = *(SourceRow *const *)a, *y = *(SourceRow *const *)b;

	return x->line < y->line ? -1 : x->line > y->line;
}

/* What one row's conversion gives ingest. */
typedef struct {
	const char *values[CSV_MAX_COLUMNS];
	char stamps[CSV_MAX_COLUMNS][21]; /* converted timestamps and dates */
	GStringChunk *texts;              /* values changed by the spaces rule */
	guint64 converted;                /* columns whose value is in @stamps */
	guint64 emptied;                  /* columns whose source value means "not given" */
	guint64 bad;
	gboolean problem;
} Converted;

/* Column @i of @row, as ours, into @out; problems go to the real list. */
static void
convert_field(Run *run, const SourceRow *row, guint i, const char *text, Converted *out)
{
	const Field *f = &run->fields[i];
	g_autoptr(GError) error = NULL;
	const char *v = NULL, *local;
	char local_buf[32];
	ZoneLocalKind kind;
	gint64 t;
	gboolean ok = TRUE;

	out->values[i] = NULL;
	if (has_bit(row->bad, f->source)) {
		out->bad |= G_GUINT64_CONSTANT(1) << i;
		return;
	}
	if (f->source >= 0)
		v = field_text(run, f, row->values[f->source], run->buf);
	if (v == NULL && f->source >= 0 && row->values[f->source] != NULL)
		out->emptied |= G_GUINT64_CONSTANT(1) << i;
	if (v != NULL && v == run->buf->str)
		v = g_string_chunk_insert(out->texts, v);
	if (v != NULL && f->kind == KIND_TIMESTAMP) {
		ok = convert_timestamp(run, v, out->stamps[i], local_buf, &local, &t, &kind, &error);
		if (ok && kind == ZONE_LOCAL_REPEATED && !row->broken) {
			gint32 offset = zone_offset_at(run->zone.tz, t);

			diag_add(run->diags, DIAG_WARNING, run->m->source, row->line, f->column, NULL,
				 "\"%s\" occurs twice in %s (the clocks go back): taken as its first "
				 "occurrence, %s%c%02d:%02d", v, g_time_zone_get_identifier(run->zone.tz),
				 local, offset < 0 ? '-' : '+', ABS(offset) / 3600, ABS(offset) / 60 % 60);
		}
	} else if (v != NULL && f->kind == KIND_DATE && run->m->date_format != NULL) {
		ok = convert_date(run, v, out->stamps[i], &error);
	} else {
		out->values[i] = v != NULL ? v : f->deflt;
		return;
	}
	if (v == NULL) {
		out->values[i] = f->deflt;
	} else if (ok) {
		out->values[i] = out->stamps[i];
		out->converted |= G_GUINT64_CONSTANT(1) << i;
	} else {
		if (!row->broken)
			diag_add(run->diags, DIAG_ERROR, run->m->source, row->line, f->column, text, "%s",
				 error->message);
		out->bad |= G_GUINT64_CONSTANT(1) << i;
		out->problem = TRUE;
	}
}

/* Ingest quotes the values it was given: in the problems from @first on, quote the
 * source's timestamps instead, and say which source value it took as none. */
static void
requote_problems(Run *run, const SourceRow *row, const Converted *c, guint first)
{
	for (guint k = first; k < diag_count(run->diags); k++) {
		const Diag *d = diag_get(run->diags, k);
		g_autoptr(GString) message = g_string_new(d->message);
		guint replaced = 0;

		for (guint i = 0; i < run->n_columns; i++) {
			const Field *f = &run->fields[i];
			g_autofree char *ours = NULL;
			g_autofree char *theirs = NULL;

			if (has_bit(c->emptied, (int)i) && g_strcmp0(d->column, f->column) == 0 &&
			    g_str_has_prefix(message->str, "empty (")) {
				theirs = parse_quote(row->values[f->source]);
				g_string_erase(message, 0, strlen("empty"));
				g_string_prepend(message, " stands for no value");
				g_string_prepend(message, theirs);
				replaced++;
			}
			if (!has_bit(c->converted, (int)i))
				continue;
			ours = g_strdup_printf("\"%s\"", c->stamps[i]);
			g_free(theirs);
			theirs = parse_quote(row->values[f->source]);
			replaced += g_string_replace(message, ours, theirs, 0);
		}
		if (replaced > 0)
			diag_set_message(run->diags, k, message->str);
	}
}

/* Converts @row into ours and hands it to ingest, its problems first. */
static void
deliver(Run *run, const SourceRow *row)
{
	g_autofree Converted *c = g_new0(Converted, 1);
	g_autofree char *text = NULL;
	CsvRecord rec = { 0 };
	guint first = diag_count(run->diags), before;

	rec.line = row->line;
	rec.raw = row->raw;
	rec.raw_len = row->raw_len;
	text = csv_reader_record_text(&rec);
	c->texts = g_string_chunk_new(64);
	c->problem = row->diag_end > row->diag_first;
	for (guint k = row->diag_first; k < row->diag_end; k++) {
		const Diag *d = diag_get(run->scratch, k);

		diag_add_copy(run->diags, d);
	}
	if (row->bad_keep) {
		const char *v = row->values[run->keep];
		g_autofree char *quoted = v != NULL ? parse_quote(v) : g_strdup("empty");

		diag_add(run->diags, DIAG_ERROR, run->m->source, row->line, run->sources[run->keep].name,
			 text, "%s is not a whole number (expected one: import.ini keeps, of the rows "
			 "of each %s, the one with the highest %s)", quoted, run->columns[0].name,
			 run->sources[run->keep].name);
		c->problem = TRUE;
	}
	for (guint i = 0; i < run->n_columns; i++)
		convert_field(run, row, i, text, c);
	rec.values = c->values;
	rec.bad = c->bad;
	rec.broken = row->broken;
	rec.problem = c->problem;
	rec.first_diag = first;
	rec.diags = run->diags;
	before = diag_count(run->diags);
	run->func(&rec, run->user_data);
	if ((c->converted | c->emptied) != 0)
		requote_problems(run, row, c, before);
	g_string_chunk_free(c->texts);
}

CsvReadStatus
import_set_read(ImportSet *set, const char *name, const char *data, gsize len,
		const CsvColumn *columns, guint n_columns, CsvRecordFunc func, gpointer user_data,
		DiagList *diags)
{
	g_autoptr(DiagList) scratch = diag_list_new();
	g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(source_row_free);
	g_autoptr(GHashTable) latest = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GString) buf = g_string_new(NULL);
	g_autofree Run *run = g_new0(Run, 1);
	GHashTableIter iter;
	gpointer row;
	CsvReadStatus status;

	run->m = find_mapping(set, name);
	g_return_val_if_fail(run->m != NULL, CSV_READ_FAILED);
	*run = (Run){
		.m = run->m, .name = name, .columns = columns, .n_columns = n_columns, .diags = diags,
		.scratch = scratch, .rows = rows, .latest = latest, .buf = buf, .func = func,
		.user_data = user_data,
	};
	/* a broken mapping still has its fields checked, for all its problems at once,
	 * unless it lacks the preset that gives most of them */
	if (run->m->no_preset || !read_fields(run) || run->m->broken) {
		fields_clear(run);
		return CSV_READ_FAILED;
	}
	parse_zone_init(&run->zone, run->m->tz != NULL ? run->m->tz : set->provider_tz);
	diag_list_set_alias(diags, name, run->m->source);
	for (guint i = 0; i < n_columns; i++)
		if (run->fields[i].source >= 0)
			diag_list_set_column_alias(diags, name, columns[i].name, run->fields[i].column);
	if (statuspage_is_source(run->m->source)) {
		status = read_statuspage(run, data, len);
	} else {
		warn_absent(run, data, len);
		status = csv_reader_read(run->m->source, data, len, run->sources, run->n_sources,
					 on_source, run, scratch);
	}
	pass_problems(run, diag_count(scratch));
	g_hash_table_iter_init(&iter, latest);
	while (g_hash_table_iter_next(&iter, NULL, &row))
		g_ptr_array_add(rows, row);
	g_ptr_array_sort(rows, compare_rows);
	for (guint i = 0; i < rows->len; i++)
		deliver(run, g_ptr_array_index(rows, i));
	fields_clear(run);
	return status;
}
