/* SPDX-License-Identifier: MIT
 *
 * plans.ini reading.  A pre-scan walks the lines first: it numbers groups and keys,
 * reports malformed lines, unknown or repeated groups and keys, and writes a clean
 * copy holding only the lines worth reading, which GKeyFile then loads (so one bad
 * line never hides the others).  Values are read group by group, calendars before
 * the plans that name them; each key's problem is reported at its line and the key
 * keeps its default.  The logo is the one other file read here.  Nothing computes.
 */
#include "plans.h"

#include "parse.h"

#define BOM "\xEF\xBB\xBF"
#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"

typedef enum {
	GROUP_PROVIDER,
	GROUP_CALENDAR,
	GROUP_PLAN,
} GroupKind;

typedef struct {
	char *key;
	guint line;
	gboolean broken; /* its value is not text (reported): the key stands, unread */
} Entry;

typedef struct {
	GroupKind kind;
	char *text; /* between the brackets: GKeyFile's group name */
	char *name; /* NAME of a calendar or plan */
	guint line;
	GArray *entries; /* Entry, in the order written */
} Group;

typedef struct {
	const char *file;
	DiagList *diags;
	GKeyFile *kf;
	gboolean kf_ok;
	GPtrArray *groups; /* Group *, the usable ones in the order written */
	Plans *plans;
	const char *dir;
} Ctx;

static const char *const provider_keys[] = {
	"name", "address", "timezone", "language", "currency", "vat_rate",
	"credit_note_prefix", "logo", "legal", NULL,
};

static const char *const weekday_keys[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL,
};

static const char *const calendar_keys[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"holidays", "extra_holidays", NULL,
};

static const char *const plan_keys[] = {
	"availability.target", "availability.source", "availability.calendar",
	"availability.penalty", "availability.block", "availability.block_percent",
	"availability.block_rounding", "availability.counted", "availability.tiers",
	"availability.cap", "maintenance.notice", "priorities", "priority.matrix",
	"compliance.target", "allowance.monthly", "allowance.types", "allowance.increment",
	"allowance.minimum", "allowance.overage_rate", "units.annual", "contacts.monthly",
	"contacts.types", "contacts.overage_fee", "credit.cap", "credit.mode", NULL,
};

/* The keys of a guarantee, after `gtr.` or `gti.`; `calendar.PRIORITY` aside. */
static const char *const guarantee_keys[] = {
	"target", "calendar", "categories", "channels", "penalty", "percent", "tiers",
	"block", "block_percent", "cap", NULL,
};

static const char *const type_words[] = { "incident", "request", "change", NULL };
static const char *const channel_words[] = { "phone", "portal", "email", "chat", NULL };

static void
entry_clear(gpointer p)
{
	g_free(((Entry *)p)->key);
}

static void
group_free(gpointer p)
{
	Group *g = p;

	g_free(g->text);
	g_free(g->name);
	g_array_unref(g->entries);
	g_free(g);
}

static gboolean G_GNUC_PRINTF(4, 5)
key_error(Ctx *c, guint line, const char *key, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list ap;

	va_start(ap, format);
	message = g_strdup_vprintf(format, ap);
	va_end(ap);
	diag_add_key(c->diags, DIAG_ERROR, c->file, line, key, "%s", message);
	return FALSE;
}

/* Reports a parse error at an entry; returns FALSE. */
static gboolean
entry_fail(Ctx *c, const Entry *e, const GError *error)
{
	return key_error(c, e->line, e->key, "%s", error->message);
}

static gboolean
in_words(const char *const *words, const char *s)
{
	for (guint i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return TRUE;
	return FALSE;
}

/* ==== Pre-scan ================================================================== */

/* Edit distance between two short ASCII strings, for "did you mean". */
static guint
distance(const char *a, const char *b)
{
	gsize la = strlen(a), lb = strlen(b);
	g_autofree guint *row = NULL;

	if (la > 64 || lb > 64)
		return G_MAXUINT;
	row = g_new(guint, lb + 1);
	for (gsize j = 0; j <= lb; j++)
		row[j] = (guint)j;
	for (gsize i = 1; i <= la; i++) {
		guint diag = row[0];

		row[0] = (guint)i;
		for (gsize j = 1; j <= lb; j++) {
			guint up = row[j];
			guint cost = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]) ? 0 : 1;

			row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + cost);
			diag = up;
		}
	}
	return row[lb];
}

/* The known key nearest to @key, when close enough to be a typo (transfer full). */
static char *
suggest_key(GroupKind kind, const char *key)
{
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *const *base = kind == GROUP_PROVIDER ? provider_keys :
				  kind == GROUP_CALENDAR ? calendar_keys : plan_keys;
	char *best = NULL;
	guint best_d = 3;

	for (guint i = 0; base[i] != NULL; i++)
		g_ptr_array_add(names, g_strdup(base[i]));
	if (kind == GROUP_PLAN) {
		for (guint i = 0; guarantee_keys[i] != NULL; i++) {
			g_ptr_array_add(names, g_strconcat("gtr.", guarantee_keys[i], NULL));
			g_ptr_array_add(names, g_strconcat("gti.", guarantee_keys[i], NULL));
		}
	}
	for (guint i = 0; i < names->len; i++) {
		guint d = distance(key, g_ptr_array_index(names, i));

		if (d < best_d) {
			best_d = d;
			best = g_ptr_array_index(names, i);
		}
	}
	return g_strdup(best);
}

/* A priority name: the characters of an id, so that it is also a GKeyFile key part. */
static gboolean
check_priority(const char *s, GError **error)
{
	if (strcmp(s, "*") == 0)
		return TRUE;
	return parse_id(s, error);
}

typedef enum {
	KEY_KNOWN,
	KEY_UNKNOWN,
	KEY_REPORTED, /* known, but its name is wrong and was reported */
} KeyCheck;

static KeyCheck
known_key(Ctx *c, GroupKind kind, const char *key, guint line)
{
	const char *const *words = kind == GROUP_PROVIDER ? provider_keys :
				   kind == GROUP_CALENDAR ? calendar_keys : plan_keys;
	const char *sub;

	if (in_words(words, key))
		return KEY_KNOWN;
	if (kind != GROUP_PLAN || (!g_str_has_prefix(key, "gtr.") && !g_str_has_prefix(key, "gti.")))
		return KEY_UNKNOWN;
	sub = key + 4;
	if (g_str_has_prefix(sub, "calendar.") && sub[9] != '\0') {
		g_autoptr(GError) error = NULL;

		if (parse_id(sub + 9, &error))
			return KEY_KNOWN;
		key_error(c, line, key, "names priority %s", error->message);
		return KEY_REPORTED;
	}
	return in_words(guarantee_keys, sub) ? KEY_KNOWN : KEY_UNKNOWN;
}

typedef struct {
	Group *group;      /* group the next keys belong to; NULL before any */
	gboolean skipping; /* the current group is unusable: its keys are not checked */
	GHashTable *seen;  /* "KIND NAME" -> line of the group */
	GString *clean;
} Scan;

/* A `[…]` line; returns whether to keep it. */
static gboolean
scan_group(Ctx *c, Scan *st, const char *text, guint line)
{
	gsize n = strlen(text);
	g_autofree char *inside = NULL;
	g_autofree char *name = NULL;
	g_autofree char *seen_key = NULL;
	g_autoptr(GError) error = NULL;
	GroupKind kind;
	Group *g;
	gpointer first;

	st->group = NULL;
	st->skipping = TRUE;
	if (text[n - 1] != ']' || memchr(text + 1, '[', n - 1) != NULL ||
	    memchr(text + 1, ']', n - 2) != NULL) {
		g_autofree char *quoted = parse_quote(text);

		return key_error(c, line, NULL, "%s is not a group line (expected [provider], "
				 "[calendar NAME] or [plan NAME])", quoted);
	}
	inside = g_strstrip(g_strndup(text + 1, n - 2));
	if (strcmp(inside, "provider") == 0) {
		kind = GROUP_PROVIDER;
		name = g_strdup("");
	} else if (g_str_has_prefix(inside, "calendar ") || g_str_has_prefix(inside, "plan ")) {
		kind = inside[0] == 'c' ? GROUP_CALENDAR : GROUP_PLAN;
		name = g_strstrip(g_strdup(strchr(inside, ' ')));
		if (!parse_id(name, &error))
			return key_error(c, line, NULL, "group [%s]: its name %s", inside, error->message);
		if (kind == GROUP_CALENDAR && strcmp(name, "24x7") == 0)
			return key_error(c, line, NULL, "group [%s]: 24x7 is predefined "
					 "(expected another name for a calendar of your own)", inside);
	} else {
		return key_error(c, line, NULL, "unknown group [%s] (expected [provider], "
				 "[calendar NAME] or [plan NAME])", inside);
	}
	seen_key = g_strdup_printf("%d %s", kind, name);
	if (g_hash_table_lookup_extended(st->seen, seen_key, NULL, &first))
		return key_error(c, line, NULL, "group [%s] appears twice, first on line %u "
				 "(expected each group once)", inside, GPOINTER_TO_UINT(first));
	g_hash_table_insert(st->seen, g_steal_pointer(&seen_key), GUINT_TO_POINTER(line));
	g = g_new0(Group, 1);
	g->kind = kind;
	/* written as GKeyFile will read it: a tab or a second space around the name
	 * would make it refuse the whole file */
	g->text = kind == GROUP_PROVIDER ? g_strdup("provider")
		  : g_strdup_printf("%s %s", kind == GROUP_CALENDAR ? "calendar" : "plan", name);
	g->name = g_steal_pointer(&name);
	g->line = line;
	g->entries = g_array_new(FALSE, FALSE, sizeof(Entry));
	g_array_set_clear_func(g->entries, entry_clear);
	g_ptr_array_add(c->groups, g);
	st->group = g;
	st->skipping = FALSE;
	g_string_append_printf(st->clean, "[%s]", g->text);
	return TRUE;
}

/* A `key=value` line; returns whether to keep it.  A @broken line (its value is not
 * text, reported) is checked and numbered like the others but never kept. */
static gboolean
scan_key(Ctx *c, Scan *st, const char *text, guint line, gboolean broken)
{
	const char *eq = strchr(text, '=');
	g_autofree char *key = NULL;
	Entry e;

	if (eq == NULL) {
		g_autofree char *quoted = parse_quote(text);

		return key_error(c, line, NULL, "%s is not a key=value line (expected key=value, "
				 "a [group] or a # comment)", quoted);
	}
	key = g_strstrip(g_strndup(text, eq - text));
	if (key[0] == '\0')
		return key_error(c, line, NULL, "a line with no key before '=' (expected key=value)");
	if (st->skipping)
		return FALSE;
	if (st->group == NULL)
		return key_error(c, line, key, "outside any group (expected a [group] line before it)");
	switch (known_key(c, st->group->kind, key, line)) {
	case KEY_KNOWN:
		break;
	case KEY_REPORTED:
		return FALSE;
	case KEY_UNKNOWN: {
		g_autofree char *hint = suggest_key(st->group->kind, key);

		if (hint != NULL)
			return key_error(c, line, key, "unknown key in [%s] (expected a key of plans.md; "
					 "did you mean %s?)", st->group->text, hint);
		return key_error(c, line, key, "unknown key in [%s] (expected a key of plans.md)",
				 st->group->text);
	}
	}
	for (guint i = 0; i < st->group->entries->len; i++) {
		Entry *prev = &g_array_index(st->group->entries, Entry, i);

		if (strcmp(prev->key, key) == 0)
			return key_error(c, line, key, "given twice in [%s], first on line %u "
					 "(expected each key once)", st->group->text, prev->line);
	}
	for (const char *p = strchr(eq + 1, '\\'); !broken && p != NULL;
	     p = p[1] != '\0' ? strchr(p + 2, '\\') : NULL) {
		if (p[1] == '\0' || strchr("sntr\\", p[1]) == NULL) {
			/* the whole character after the backslash (the line is UTF-8) */
			int len = p[1] != '\0' ? (int)(g_utf8_next_char(p + 1) - (p + 1)) : 0;

			/* GKeyFile lets these through or fails with a message in the host's
			 * language: say it here, the same everywhere */
			key_error(c, line, key, "\"\\%.*s\" is not an escape sequence (expected \\n for a "
				  "line break, \\t, \\r, \\s, or \\\\ for a backslash)", len, p + 1);
			broken = TRUE;
		}
	}
	if (!broken)
		g_string_append_printf(st->clean, "%s=%s", key, eq + 1);
	e.key = g_steal_pointer(&key);
	e.line = line;
	e.broken = broken;
	g_array_append_val(st->group->entries, e);
	return !broken;
}

static void
scan_line(Ctx *c, Scan *st, const char *s, gsize n, guint line)
{
	g_autofree char *text = NULL;
	const char *bad = memchr(s, '\0', n);
	const char *end;
	const char *eq;

	if (bad != NULL) {
		key_error(c, line, NULL, "holds a NUL byte (expected text)");
	} else if (!g_utf8_validate_len(s, n, &end)) {
		bad = end;
		key_error(c, line, NULL, "byte 0x%02X is not UTF-8 (expected UTF-8 text: "
			  "Windows-1252? Save the file as UTF-8)", (guchar)*bad);
	} else {
		/* a lone carriage return or another control byte would reach the messages
		 * that quote the line's group or key */
		for (const char *p = s; p < s + n && bad == NULL; p++)
			if (((guchar)*p < 0x20 && *p != '\t') || *p == 0x7F)
				bad = p;
		if (bad != NULL)
			key_error(c, line, NULL, "holds the control byte 0x%02X (expected text: one "
				  "line per key, ending with LF or CRLF)", (guchar)*bad);
	}
	text = g_strstrip(g_strndup(s, bad != NULL ? (gsize)(bad - s) : n));
	if (bad != NULL) {
		/* a key whose value is broken still stands, so that it is not also reported
		 * as missing */
		eq = strchr(text, '=');
		if (eq != NULL && text[0] != '[' && text[0] != '#')
			scan_key(c, st, text, line, TRUE);
		return;
	}
	if (text[0] == '\0' || text[0] == '#')
		return;
	if (text[0] == '[')
		scan_group(c, st, text, line);
	else
		scan_key(c, st, text, line, FALSE);
}

/* Numbers the lines and writes the clean copy GKeyFile will read (transfer full). */
static GString *
prescan(Ctx *c, const char *data, gsize len)
{
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	Scan st = { NULL, FALSE, seen, g_string_sized_new(len + 1) };
	const char *p = data, *end = data + len;
	guint line = 0;

	if (len >= 3 && memcmp(p, BOM, 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl != NULL ? nl : end;
		gsize n = e - p;

		if (n > 0 && p[n - 1] == '\r')
			n--;
		scan_line(c, &st, p, n, ++line);
		g_string_append_c(st.clean, '\n');
		p = nl != NULL ? nl + 1 : end;
	}
	return st.clean;
}

/* ==== Values ==================================================================== */

static const Entry *
find_entry(const Group *g, const char *key)
{
	for (guint i = 0; i < g->entries->len; i++) {
		const Entry *e = &g_array_index(g->entries, Entry, i);

		if (strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

/* The value of an entry, trimmed (transfer full); NULL after reporting a problem. */
static char *
get_value(Ctx *c, const Group *g, const Entry *e)
{
	g_autoptr(GError) error = NULL;
	char *v;

	if (!c->kf_ok || e->broken)
		return NULL;
	v = g_key_file_get_string(c->kf, g->text, e->key, &error);
	if (v == NULL) {
		entry_fail(c, e, error);
		return NULL;
	}
	return g_strstrip(v);
}

static gboolean
get_percent(Ctx *c, const Entry *e, const char *v, gint32 max, gint32 *out)
{
	g_autoptr(GError) error = NULL;
	gint32 p;

	if (!parse_percent(v, &p, &error))
		return entry_fail(c, e, error);
	if (p > max) {
		g_autofree char *quoted = parse_quote(v);

		return key_error(c, e->line, e->key, "%s is more than %d (expected a percent from 0 "
				 "to %d)", quoted, max / 1000, max / 1000);
	}
	*out = p;
	return TRUE;
}

/* A duration; @positive: 0 is refused (a block or increment of nothing). */
static gboolean
get_duration(Ctx *c, const Entry *e, const char *v, gboolean positive, gint64 *out,
	     gboolean *days)
{
	g_autoptr(GError) error = NULL;
	gint64 secs;

	if (!parse_duration(v, &secs, days, &error))
		return entry_fail(c, e, error);
	if (positive && secs == 0) {
		g_autofree char *quoted = parse_quote(v);

		return key_error(c, e->line, e->key, "%s is zero (expected a duration of at least 1m)",
				 quoted);
	}
	*out = secs;
	return TRUE;
}

static gboolean
get_money(Ctx *c, const Entry *e, const char *v, gint64 *out)
{
	g_autoptr(GError) error = NULL;

	return parse_money(v, out, &error) || entry_fail(c, e, error);
}

static gboolean
get_count(Ctx *c, const Entry *e, const char *v, gint64 *out)
{
	g_autoptr(GError) error = NULL;

	return parse_count(v, out, &error) || entry_fail(c, e, error);
}

static gboolean
get_enum(Ctx *c, const Entry *e, const char *v, const char *const *words, int *out)
{
	g_autoptr(GError) error = NULL;

	return parse_enum(v, words, out, &error) || entry_fail(c, e, error);
}

static char **
get_list(Ctx *c, const Entry *e, const char *v)
{
	g_autoptr(GError) error = NULL;
	char **items = parse_list(v, &error);

	if (items == NULL)
		entry_fail(c, e, error);
	return items;
}

/* A list of words of @words as a bit mask (bit i = word i). */
static gboolean
get_mask(Ctx *c, const Entry *e, const char *v, const char *const *words, guint *out)
{
	g_auto(GStrv) items = get_list(c, e, v);
	guint mask = 0;

	if (items == NULL)
		return FALSE;
	for (guint i = 0; items[i] != NULL; i++) {
		int w;

		if (!get_enum(c, e, items[i], words, &w))
			return FALSE;
		mask |= 1u << w;
	}
	*out = mask;
	return TRUE;
}

static const Calendar *
get_calendar(Ctx *c, const Entry *e, const char *v)
{
	const Calendar *cal = plans_find_calendar(c->plans, v);

	if (cal == NULL) {
		g_autoptr(GString) names = g_string_new("24x7");
		g_autofree char *quoted = parse_quote(v);

		for (guint i = 1; i < c->plans->calendars->len; i++) {
			const Calendar *other = g_ptr_array_index(c->plans->calendars, i);

			g_string_append_printf(names, ", %s", other->name);
		}
		key_error(c, e->line, e->key, "unknown calendar %s (expected one of %s)", quoted,
			  names->str);
	}
	return cal;
}

/* Splits @text, part of list item @item, at its only @sep into two non-empty parts;
 * reports and fails otherwise. */
static gboolean
split_pair(Ctx *c, const Entry *e, const char *item, const char *text, char sep,
	   const char *expect, char **left, char **right)
{
	const char *at = strchr(text, sep);

	if (at == NULL || strchr(at + 1, sep) != NULL || at == text || at[1] == '\0') {
		g_autofree char *quoted = parse_quote(item);

		return key_error(c, e->line, e->key, "item %s is malformed (expected %s)", quoted, expect);
	}
	*left = g_strstrip(g_strndup(text, at - text));
	*right = g_strstrip(g_strdup(at + 1));
	return TRUE;
}

/* Reports a problem inside one item of a list value. */
static gboolean
item_fail(Ctx *c, const Entry *e, const char *item, const GError *error)
{
	g_autofree char *quoted = parse_quote(item);

	return key_error(c, e->line, e->key, "item %s: %s", quoted, error->message);
}

/* `bound:percent,…`: availability thresholds, or guarantee overruns with `*`. */
static gboolean
get_tiers(Ctx *c, const Entry *e, const char *v, gboolean availability, Tier **out,
	  guint *n_out)
{
	g_auto(GStrv) items = get_list(c, e, v);
	g_autoptr(GArray) tiers = g_array_new(FALSE, FALSE, sizeof(Tier));
	const char *expect = availability ? "THRESHOLD:PERCENT, e.g. 99.9:10" :
					    "OVERRUN:PERCENT, e.g. 1h:20 or *:50";

	if (items == NULL)
		return FALSE;
	for (guint i = 0; items[i] != NULL; i++) {
		g_autofree char *bound = NULL, *pct = NULL;
		g_autoptr(GError) error = NULL;
		Tier t;
		gint32 threshold;

		if (!split_pair(c, e, items[i], items[i], ':', expect, &bound, &pct))
			return FALSE;
		if (availability) {
			if (!parse_percent(bound, &threshold, &error))
				return item_fail(c, e, items[i], error);
			if (threshold > PCT_100)
				return key_error(c, e->line, e->key, "item \"%s\": threshold above 100 "
						 "(expected an availability from 0 to 100)", items[i]);
			t.bound = threshold;
		} else if (strcmp(bound, "*") == 0) {
			t.bound = TIER_STAR;
		} else if (!parse_duration(bound, &t.bound, NULL, &error)) {
			return item_fail(c, e, items[i], error);
		}
		if (!parse_percent(pct, &t.percent, &error))
			return item_fail(c, e, items[i], error);
		for (guint k = 0; k < tiers->len; k++) {
			const Tier *prev = &g_array_index(tiers, Tier, k);

			if (availability && prev->bound == t.bound)
				return key_error(c, e->line, e->key, "item \"%s\": threshold given twice "
						 "(expected each threshold once)", items[i]);
			if (!availability && prev->bound == TIER_STAR)
				return key_error(c, e->line, e->key, "item \"%s\" comes after the * tier "
						 "(expected * last: it takes every longer overrun)", items[i]);
			if (!availability && prev->bound >= t.bound)
				return key_error(c, e->line, e->key, "item \"%s\" is not longer than the "
						 "one before (expected overruns in increasing order)", items[i]);
		}
		g_array_append_val(tiers, t);
	}
	*n_out = tiers->len;
	*out = (Tier *)(void *)g_array_free(g_steal_pointer(&tiers), FALSE);
	return TRUE;
}

static void
free_targets(PriorityTarget *targets, guint n)
{
	for (guint i = 0; i < n; i++)
		g_free(targets[i].priority);
	g_free(targets);
}

/* `PRIORITY:duration,…` with `*` for every priority. */
static gboolean
get_targets(Ctx *c, const Entry *e, const char *v, Guarantee *g)
{
	g_auto(GStrv) items = get_list(c, e, v);
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(PriorityTarget));
	gboolean ok = items != NULL;

	for (guint i = 0; ok && items[i] != NULL; i++) {
		g_autofree char *prio = NULL, *dur = NULL;
		g_autoptr(GError) error = NULL;
		PriorityTarget t;

		ok = split_pair(c, e, items[i], items[i], ':', "PRIORITY:DURATION, e.g. P1:4h or *:4h",
				&prio, &dur);
		if (ok && (!check_priority(prio, &error) || !parse_duration(dur, &t.target, NULL, &error)))
			ok = item_fail(c, e, items[i], error);
		for (guint k = 0; ok && k < targets->len; k++) {
			const PriorityTarget *prev = &g_array_index(targets, PriorityTarget, k);

			if (g_ascii_strcasecmp(prev->priority ? prev->priority : "*", prio) == 0)
				ok = key_error(c, e->line, e->key, "item \"%s\": priority given twice "
					       "(expected one target per priority)", items[i]);
		}
		if (!ok)
			break;
		t.priority = strcmp(prio, "*") == 0 ? NULL : g_steal_pointer(&prio);
		g_array_append_val(targets, t);
	}
	g->n_targets = targets->len;
	g->targets = (PriorityTarget *)(void *)g_array_free(g_steal_pointer(&targets), FALSE);
	g->defined = TRUE;
	if (!ok) {
		/* the guarantee stays defined, so that its other keys are not reported as
		 * lacking a target: the run stops anyway */
		free_targets(g->targets, g->n_targets);
		g->targets = NULL;
		g->n_targets = 0;
	}
	return ok;
}

/* `impact/urgency:priority,…` */
static gboolean
get_matrix(Ctx *c, const Entry *e, const char *v, Plan *plan)
{
	g_auto(GStrv) items = get_list(c, e, v);
	g_autoptr(GArray) matrix = g_array_new(FALSE, FALSE, sizeof(MatrixEntry));
	gboolean ok = items != NULL;
	const char *expect = "IMPACT/URGENCY:PRIORITY, e.g. high/medium:P2";

	for (guint i = 0; ok && items[i] != NULL; i++) {
		g_autofree char *pair = NULL, *prio = NULL, *impact = NULL, *urgency = NULL;
		g_autoptr(GError) error = NULL;
		MatrixEntry m;

		ok = split_pair(c, e, items[i], items[i], ':', expect, &pair, &prio) &&
		     split_pair(c, e, items[i], pair, '/', expect, &impact, &urgency);
		if (ok && (strcmp(prio, "*") == 0 || !check_priority(prio, &error))) {
			if (error == NULL)
				g_set_error(&error, PARSE_ERROR, PARSE_ERROR_INVALID,
					    "\"*\" is not a priority (expected a priority name)");
			ok = item_fail(c, e, items[i], error);
		}
		for (guint k = 0; ok && k < matrix->len; k++) {
			const MatrixEntry *prev = &g_array_index(matrix, MatrixEntry, k);

			if (g_ascii_strcasecmp(prev->impact, impact) == 0 &&
			    g_ascii_strcasecmp(prev->urgency, urgency) == 0)
				ok = key_error(c, e->line, e->key, "item \"%s\": %s/%s given twice "
					       "(expected one priority per pair)", items[i], impact, urgency);
		}
		if (!ok)
			break;
		m.impact = g_steal_pointer(&impact);
		m.urgency = g_steal_pointer(&urgency);
		m.priority = g_steal_pointer(&prio);
		g_array_append_val(matrix, m);
	}
	plan->n_matrix = matrix->len;
	plan->matrix = (MatrixEntry *)(void *)g_array_free(g_steal_pointer(&matrix), FALSE);
	return ok;
}

static gboolean
get_priorities(Ctx *c, const Entry *e, const char *v, Plan *plan)
{
	g_auto(GStrv) items = get_list(c, e, v);

	if (items == NULL)
		return FALSE;
	for (guint i = 0; items[i] != NULL; i++) {
		g_autoptr(GError) error = NULL;

		if (strcmp(items[i], "*") == 0 || !check_priority(items[i], &error)) {
			if (error == NULL)
				return key_error(c, e->line, e->key, "item \"*\" is not a priority name "
						 "(expected names such as P1,P2,P3)");
			return item_fail(c, e, items[i], error);
		}
		for (guint k = 0; k < i; k++)
			if (g_ascii_strcasecmp(items[k], items[i]) == 0)
				return key_error(c, e->line, e->key, "item \"%s\" given twice "
						 "(expected each priority once)", items[i]);
	}
	plan->priorities = g_steal_pointer(&items);
	return TRUE;
}

/* ==== Groups ==================================================================== */

static int
compare_ranges(gconstpointer pa, gconstpointer pb)
{
	const CalendarRange *a = pa, *b = pb;

	if (a->weekday != b->weekday)
		return a->weekday < b->weekday ? -1 : 1;
	return (a->start > b->start) - (a->start < b->start);
}

static int
word_index(const char *const *words, const char *s)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

/* A weekday's ranges, appended to @ranges; an empty value is a closed day. */
static gboolean
get_day(Ctx *c, const Entry *e, const char *v, int weekday, GArray *ranges)
{
	g_auto(GStrv) items = NULL;

	if (v[0] == '\0')
		return TRUE;
	if ((items = get_list(c, e, v)) == NULL)
		return FALSE;
	for (guint k = 0; items[k] != NULL; k++) {
		g_autoptr(GError) error = NULL;
		CalendarRange r = { .weekday = (guint8)weekday };

		if (!parse_clock_range(items[k], &r.start, &r.end, &error))
			return entry_fail(c, e, error);
		g_array_append_val(ranges, r);
	}
	return TRUE;
}

static void
get_extra_holidays(Ctx *c, const Entry *e, const char *v, GArray *days)
{
	g_auto(GStrv) items = NULL;

	if (v[0] == '\0' || (items = get_list(c, e, v)) == NULL)
		return;
	for (guint k = 0; items[k] != NULL; k++) {
		g_autoptr(GError) error = NULL;
		Day d;

		if (!parse_date(items[k], &d, &error)) {
			item_fail(c, e, items[k], error);
			return;
		}
		g_array_append_val(days, d);
	}
}

static void
parse_calendar(Ctx *c, const Group *g, Calendar *cal)
{
	static const char *const holiday_words[] = { "none", "FR", "FR-57", NULL };
	g_autoptr(GArray) ranges = g_array_new(FALSE, FALSE, sizeof(CalendarRange));
	g_autoptr(GArray) extra = g_array_new(FALSE, FALSE, sizeof(Day));
	gboolean days_ok = c->kf_ok;

	for (guint i = 0; i < g->entries->len; i++) {
		const Entry *e = &g_array_index(g->entries, Entry, i);
		g_autofree char *v = get_value(c, g, e);
		int w = word_index(weekday_keys, e->key);
		int h;

		if (v == NULL) {
			days_ok = FALSE;
			continue;
		}
		if (w >= 0) {
			days_ok &= get_day(c, e, v, w, ranges);
		} else if (strcmp(e->key, "holidays") == 0) {
			if (get_enum(c, e, v, holiday_words, &h))
				cal->holidays = (CalendarHolidays)h;
		} else {
			get_extra_holidays(c, e, v, extra);
		}
	}
	if (ranges->len == 0 && days_ok)
		key_error(c, g->line, NULL, "calendar %s has no open hours (expected ranges such as "
			  "monday=08:00-18:00)", g->name);
	g_array_sort(ranges, compare_ranges);
	cal->n_ranges = ranges->len;
	cal->ranges = (CalendarRange *)(void *)g_array_free(g_steal_pointer(&ranges), FALSE);
	cal->n_extra_holidays = extra->len;
	cal->extra_holidays = (Day *)(void *)g_array_free(g_steal_pointer(&extra), FALSE);
}

/* Reads the logo next to plans.ini: a PNG, kept in memory. */
static void
read_logo(Ctx *c, const Entry *e, const char *v, Provider *p)
{
	g_autofree char *path = g_path_is_absolute(v) ? g_strdup(v) : g_build_filename(c->dir, v, NULL);
	g_autofree char *quoted = parse_quote(v);
	g_autoptr(GError) error = NULL;
	char *data = NULL;
	gsize len = 0;

	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		key_error(c, e->line, e->key, "cannot read %s: no such file (expected a PNG file, "
			  "relative to plans.ini)", quoted);
		return;
	}
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		key_error(c, e->line, e->key, "%s is not a file (expected a PNG file, relative to "
			  "plans.ini)", quoted);
		return;
	}
	if (!g_file_get_contents(path, &data, &len, &error)) {
		key_error(c, e->line, e->key, "cannot read %s: %s (expected a PNG file, relative to "
			  "plans.ini)", quoted, error->message);
		return;
	}
	if (len < 8 || memcmp(data, PNG_SIGNATURE, 8) != 0) {
		g_free(data);
		key_error(c, e->line, e->key, "%s is not a PNG image (expected a PNG file)", quoted);
		return;
	}
	p->logo = g_steal_pointer(&path);
	p->logo_png = g_bytes_new_take(data, len);
}

static gboolean
valid_currency(const char *v)
{
	return strlen(v) == 3 && g_ascii_isupper(v[0]) && g_ascii_isupper(v[1]) &&
	       g_ascii_isupper(v[2]);
}

static void
parse_provider(Ctx *c, const Group *g, Provider *p)
{
	static const char *const languages[] = { "fr", "en", NULL };

	for (guint i = 0; i < g->entries->len; i++) {
		const Entry *e = &g_array_index(g->entries, Entry, i);
		g_autofree char *v = get_value(c, g, e);
		g_autofree char *quoted = NULL;
		g_autoptr(GError) error = NULL;
		int w;

		if (v == NULL)
			continue;
		quoted = parse_quote(v);
		if (strcmp(e->key, "name") == 0) {
			if (v[0] == '\0') {
				key_error(c, e->line, e->key, "is empty (expected the provider's name)");
				continue;
			}
			g_free(p->name);
			p->name = g_steal_pointer(&v);
		} else if (strcmp(e->key, "address") == 0) {
			p->address = v[0] != '\0' ? g_steal_pointer(&v) : NULL;
		} else if (strcmp(e->key, "legal") == 0) {
			p->legal = v[0] != '\0' ? g_steal_pointer(&v) : NULL;
		} else if (strcmp(e->key, "timezone") == 0) {
			GTimeZone *tz = v[0] != '\0' ? g_time_zone_new_identifier(v) : NULL;

			if (tz == NULL) {
				key_error(c, e->line, e->key, "%s is not a time zone known to this system "
					  "(expected an IANA name such as Europe/Paris)", quoted);
				continue;
			}
			g_time_zone_unref(p->tz);
			p->tz = tz;
			g_free(p->timezone);
			p->timezone = g_steal_pointer(&v);
		} else if (strcmp(e->key, "language") == 0) {
			if (get_enum(c, e, v, languages, &w))
				p->language = (Language)w;
		} else if (strcmp(e->key, "currency") == 0) {
			if (!valid_currency(v)) {
				key_error(c, e->line, e->key, "%s is not a currency code (expected an ISO "
					  "4217 code in capitals, e.g. EUR)", quoted);
				continue;
			}
			g_free(p->currency);
			p->currency = g_steal_pointer(&v);
		} else if (strcmp(e->key, "vat_rate") == 0) {
			get_percent(c, e, v, PCT_100, &p->vat_rate);
		} else if (strcmp(e->key, "credit_note_prefix") == 0) {
			if (!parse_id(v, &error)) {
				entry_fail(c, e, error);
				continue;
			}
			g_free(p->credit_note_prefix);
			p->credit_note_prefix = g_steal_pointer(&v);
		} else if (strcmp(e->key, "logo") == 0 && v[0] != '\0' && c->dir != NULL) {
			read_logo(c, e, v, p);
		}
	}
	if (find_entry(g, "name") == NULL && c->kf_ok)
		key_error(c, g->line, "name", "missing from [provider] (expected the provider's name)");
}

/* ---- Plans ---------------------------------------------------------------------- */

/* Sets one key of a guarantee (@sub is the key after `gtr.` / `gti.`). */
static void
parse_guarantee_key(Ctx *c, const Entry *e, const char *sub, const char *v, Guarantee *g)
{
	static const char *const penalties[] = { "none", "flat", "tiers", "per-block", NULL };
	int w;

	if (strcmp(sub, "target") == 0) {
		get_targets(c, e, v, g);
	} else if (strcmp(sub, "calendar") == 0) {
		const Calendar *cal = get_calendar(c, e, v);

		if (cal != NULL)
			g->calendar = cal;
	} else if (g_str_has_prefix(sub, "calendar.")) {
		const Calendar *cal = get_calendar(c, e, v);

		if (cal != NULL) {
			g->calendars = g_renew(PriorityCalendar, g->calendars, g->n_calendars + 1);
			g->calendars[g->n_calendars].priority = g_strdup(sub + 9);
			g->calendars[g->n_calendars++].calendar = cal;
		}
	} else if (strcmp(sub, "categories") == 0) {
		g->categories = get_list(c, e, v);
	} else if (strcmp(sub, "channels") == 0) {
		guint mask;

		if (get_mask(c, e, v, channel_words, &mask))
			g->channels = mask; /* bit i is Channel 1 << i */
	} else if (strcmp(sub, "penalty") == 0) {
		static const Penalty values[] = { PENALTY_NONE, PENALTY_FLAT, PENALTY_TIERS, PENALTY_PER_BLOCK };

		if (get_enum(c, e, v, penalties, &w))
			g->penalty = values[w];
	} else if (strcmp(sub, "percent") == 0) {
		get_percent(c, e, v, PARSE_PERCENT_MAX, &g->percent);
	} else if (strcmp(sub, "tiers") == 0) {
		get_tiers(c, e, v, FALSE, &g->tiers, &g->n_tiers);
	} else if (strcmp(sub, "block") == 0) {
		get_duration(c, e, v, TRUE, &g->block, NULL);
	} else if (strcmp(sub, "block_percent") == 0) {
		get_percent(c, e, v, PARSE_PERCENT_MAX, &g->block_percent);
	} else if (strcmp(sub, "cap") == 0) {
		get_percent(c, e, v, PARSE_PERCENT_MAX, &g->cap);
	}
}

static void
parse_plan_key(Ctx *c, const Entry *e, const char *v, Plan *plan)
{
	static const char *const sources[] = { "outages", "tickets", NULL };
	static const char *const avail_penalties[] = { "none", "per-block", "tiers", NULL };
	static const char *const roundings[] = { "started", "completed", NULL };
	static const char *const counted[] = { "total", "excess", NULL };
	static const char *const modes[] = { "automatic", "on-request", NULL };
	const char *k = e->key;
	gboolean days;
	gint64 secs;
	guint mask;
	int w;

	if (g_str_has_prefix(k, "gtr.") || g_str_has_prefix(k, "gti."))
		parse_guarantee_key(c, e, k + 4, v, k[2] == 'r' ? &plan->gtr : &plan->gti);
	else if (strcmp(k, "availability.target") == 0)
		plan->has_target = get_percent(c, e, v, PCT_100, &plan->target);
	else if (strcmp(k, "availability.source") == 0 && get_enum(c, e, v, sources, &w))
		plan->source_tickets = w == 1;
	else if (strcmp(k, "availability.calendar") == 0) {
		const Calendar *cal = get_calendar(c, e, v);

		if (cal != NULL)
			plan->availability_calendar = cal;
	} else if (strcmp(k, "availability.penalty") == 0 && get_enum(c, e, v, avail_penalties, &w))
		plan->availability_penalty = w == 0 ? PENALTY_NONE : w == 1 ? PENALTY_PER_BLOCK : PENALTY_TIERS;
	else if (strcmp(k, "availability.block") == 0)
		get_duration(c, e, v, TRUE, &plan->availability_block, NULL);
	else if (strcmp(k, "availability.block_percent") == 0)
		get_percent(c, e, v, PARSE_PERCENT_MAX, &plan->availability_block_percent);
	else if (strcmp(k, "availability.block_rounding") == 0 && get_enum(c, e, v, roundings, &w))
		plan->block_completed = w == 1;
	else if (strcmp(k, "availability.counted") == 0 && get_enum(c, e, v, counted, &w))
		plan->counted_excess = w == 1;
	else if (strcmp(k, "availability.tiers") == 0)
		get_tiers(c, e, v, TRUE, &plan->availability_tiers, &plan->n_availability_tiers);
	else if (strcmp(k, "availability.cap") == 0)
		get_percent(c, e, v, PARSE_PERCENT_MAX, &plan->availability_cap);
	else if (strcmp(k, "maintenance.notice") == 0 && get_duration(c, e, v, FALSE, &secs, &days)) {
		plan->notice = secs;
		plan->notice_days = days ? secs / 86400 : -1;
	} else if (strcmp(k, "priorities") == 0)
		get_priorities(c, e, v, plan);
	else if (strcmp(k, "priority.matrix") == 0)
		get_matrix(c, e, v, plan);
	else if (strcmp(k, "compliance.target") == 0)
		plan->has_compliance = get_percent(c, e, v, PCT_100, &plan->compliance_target);
	else if (strcmp(k, "allowance.monthly") == 0)
		plan->has_allowance = get_duration(c, e, v, FALSE, &plan->allowance, NULL);
	else if (strcmp(k, "allowance.types") == 0 && get_mask(c, e, v, type_words, &mask))
		plan->allowance_types = mask; /* bit i is TicketType 1 << i */
	else if (strcmp(k, "allowance.increment") == 0)
		get_duration(c, e, v, TRUE, &plan->allowance_increment, NULL);
	else if (strcmp(k, "allowance.minimum") == 0)
		get_duration(c, e, v, FALSE, &plan->allowance_minimum, NULL);
	else if (strcmp(k, "allowance.overage_rate") == 0)
		plan->has_overage_rate = get_money(c, e, v, &plan->overage_rate);
	else if (strcmp(k, "units.annual") == 0)
		plan->has_units = get_count(c, e, v, &plan->units_annual);
	else if (strcmp(k, "contacts.monthly") == 0)
		plan->has_contacts = get_count(c, e, v, &plan->contacts_monthly);
	else if (strcmp(k, "contacts.types") == 0 && get_mask(c, e, v, type_words, &mask))
		plan->contacts_types = mask;
	else if (strcmp(k, "contacts.overage_fee") == 0)
		plan->has_contacts_fee = get_money(c, e, v, &plan->contacts_fee);
	else if (strcmp(k, "credit.cap") == 0)
		get_percent(c, e, v, PARSE_PERCENT_MAX, &plan->credit_cap);
	else if (strcmp(k, "credit.mode") == 0 && get_enum(c, e, v, modes, &w))
		plan->on_request = w == 1;
}

/* Whether @name is one of the plan's priorities (any case). */
static gboolean
listed_priority(const Plan *plan, const char *name)
{
	for (guint i = 0; plan->priorities[i] != NULL; i++)
		if (g_ascii_strcasecmp(plan->priorities[i], name) == 0)
			return TRUE;
	return FALSE;
}

static void
check_listed(Ctx *c, const Group *g, const Plan *plan, const char *key, const char *name)
{
	const Entry *e = find_entry(g, key);
	g_autofree char *list = g_strjoinv(",", plan->priorities);

	if (name != NULL && !listed_priority(plan, name))
		key_error(c, e->line, key, "priority %s is not in priorities (expected one of %s)", name,
			  list);
}

/* A key that only means something next to another one. */
static void
check_needs(Ctx *c, const Group *g, const char *key, const char *needed)
{
	const Entry *e = find_entry(g, key);

	if (e != NULL && find_entry(g, needed) == NULL)
		key_error(c, e->line, key, "has no effect without %s (expected %s too, or neither)",
			  needed, needed);
}

static void
check_penalty(Ctx *c, const Group *g, const char *prefix, Penalty penalty)
{
	g_autofree char *penalty_key = g_strconcat(prefix, "penalty", NULL);
	g_autofree char *percent_key = g_strconcat(prefix, "percent", NULL);
	g_autofree char *tiers_key = g_strconcat(prefix, "tiers", NULL);
	g_autofree char *block_key = g_strconcat(prefix, "block_percent", NULL);
	const Entry *e = find_entry(g, penalty_key);
	const char *needed = penalty == PENALTY_FLAT ? percent_key :
			     penalty == PENALTY_TIERS ? tiers_key :
			     penalty == PENALTY_PER_BLOCK ? block_key : NULL;

	if (e != NULL && needed != NULL && find_entry(g, needed) == NULL)
		key_error(c, e->line, penalty_key, "needs %s (expected it in this plan)", needed);
}

/* Checks between keys of one plan, once all are read. */
static void
check_plan(Ctx *c, const Group *g, const Plan *plan)
{
	static const char *const avail_keys[] = {
		"availability.penalty", "availability.block", "availability.block_percent",
		"availability.block_rounding", "availability.counted", "availability.tiers",
		"availability.cap",
	};
	static const char *const allowance_keys[] = {
		"allowance.types", "allowance.increment", "allowance.minimum", "allowance.overage_rate",
	};
	static const char *const contacts_keys[] = { "contacts.types", "contacts.overage_fee" };

	for (guint i = 0; i < G_N_ELEMENTS(avail_keys); i++)
		check_needs(c, g, avail_keys[i], "availability.target");
	for (guint i = 0; i < G_N_ELEMENTS(allowance_keys); i++)
		check_needs(c, g, allowance_keys[i], "allowance.monthly");
	for (guint i = 0; i < G_N_ELEMENTS(contacts_keys); i++)
		check_needs(c, g, contacts_keys[i], "contacts.monthly");
	check_penalty(c, g, "availability.", plan->availability_penalty);
	for (int k = 0; k < 2; k++) {
		const char *prefix = k == 0 ? "gtr." : "gti.";
		const Guarantee *gu = k == 0 ? &plan->gtr : &plan->gti;
		g_autofree char *target_key = g_strconcat(prefix, "target", NULL);

		for (guint i = 0; i < g->entries->len; i++) {
			const char *key = g_array_index(g->entries, Entry, i).key;

			if (g_str_has_prefix(key, prefix) && strcmp(key, target_key) != 0)
				check_needs(c, g, key, target_key);
		}
		check_penalty(c, g, prefix, gu->penalty);
		if (plan->priorities == NULL)
			continue;
		for (guint i = 0; i < gu->n_targets; i++)
			check_listed(c, g, plan, target_key, gu->targets[i].priority);
		for (guint i = 0; i < gu->n_calendars; i++) {
			g_autofree char *key = g_strconcat(prefix, "calendar.", gu->calendars[i].priority, NULL);

			check_listed(c, g, plan, key, gu->calendars[i].priority);
		}
	}
	for (guint i = 0; plan->priorities != NULL && i < plan->n_matrix; i++)
		check_listed(c, g, plan, "priority.matrix", plan->matrix[i].priority);
}

static void
guarantee_init(Guarantee *g, const Calendar *always)
{
	g->calendar = always;
	g->block = 3600;
	g->cap = PCT_100;
}

static void
parse_plan(Ctx *c, const Group *g, Plan *plan)
{
	const Calendar *always = g_ptr_array_index(c->plans->calendars, 0);

	plan->id = g_strdup(g->name);
	plan->line = g->line;
	plan->availability_calendar = always;
	plan->availability_block = 3600;
	plan->availability_cap = PCT_100;
	plan->notice_days = -1;
	guarantee_init(&plan->gtr, always);
	guarantee_init(&plan->gti, always);
	plan->allowance_types = TICKET_REQUEST | TICKET_CHANGE;
	plan->allowance_increment = 60;
	plan->contacts_types = TICKET_REQUEST | TICKET_CHANGE;
	plan->credit_cap = PCT_100;
	for (guint i = 0; i < g->entries->len; i++) {
		const Entry *e = &g_array_index(g->entries, Entry, i);
		g_autofree char *v = get_value(c, g, e);

		if (v == NULL)
			continue;
		if (v[0] == '\0') {
			key_error(c, e->line, e->key, "is empty (expected a value, or no such line)");
			continue;
		}
		parse_plan_key(c, e, v, plan);
	}
	if (c->kf_ok)
		check_plan(c, g, plan);
}

/* ==== Entry point =============================================================== */

Plans *
plans_new_default(void)
{
	Plans *plans = g_new0(Plans, 1);
	Provider *p = &plans->provider;

	p->name = g_strdup("");
	p->timezone = g_strdup(PLANS_DEFAULT_TIMEZONE);
	p->tz = g_time_zone_new_identifier(PLANS_DEFAULT_TIMEZONE);
	if (p->tz == NULL)
		p->tz = g_time_zone_new_utc();
	p->language = LANGUAGE_FR;
	p->currency = g_strdup("EUR");
	p->vat_rate = 20 * 1000;
	p->credit_note_prefix = g_strdup("AV");
	plans->calendars = g_ptr_array_new_with_free_func((GDestroyNotify)calendar_free);
	plans->plans = g_ptr_array_new_with_free_func((GDestroyNotify)plan_free);
	g_ptr_array_add(plans->calendars, calendar_new_24x7());
	return plans;
}

Plans *
plans_parse(const char *name, const char *data, gsize len, const char *dir, DiagList *diags)
{
	g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func(group_free);
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GString) clean = NULL;
	g_autoptr(GError) error = NULL;
	Ctx c = { name, diags, kf, FALSE, groups, plans_new_default(), dir };
	const Group *provider = NULL;

	clean = prescan(&c, data, len);
	c.kf_ok = g_key_file_load_from_data(kf, clean->str, clean->len, G_KEY_FILE_NONE, &error);
	if (!c.kf_ok)
		diag_add(diags, DIAG_ERROR, name, 0, NULL, NULL,
			 "cannot be read: %s (expected [group] lines and key=value lines)", error->message);
	/* calendars first: plans name them, wherever they are written */
	for (guint i = 0; i < groups->len; i++) {
		const Group *g = g_ptr_array_index(groups, i);
		Calendar *cal;

		if (g->kind != GROUP_CALENDAR)
			continue;
		cal = g_new0(Calendar, 1);
		cal->name = g_strdup(g->name);
		cal->line = g->line;
		g_ptr_array_add(c.plans->calendars, cal);
		parse_calendar(&c, g, cal);
	}
	for (guint i = 0; i < groups->len; i++) {
		const Group *g = g_ptr_array_index(groups, i);

		if (g->kind == GROUP_PROVIDER) {
			provider = g;
			parse_provider(&c, g, &c.plans->provider);
		} else if (g->kind == GROUP_PLAN) {
			Plan *plan = g_new0(Plan, 1);

			g_ptr_array_add(c.plans->plans, plan);
			parse_plan(&c, g, plan);
		}
	}
	if (provider == NULL)
		diag_add(diags, DIAG_ERROR, name, 0, NULL, NULL,
			 "no [provider] group (expected [provider] with at least name=…)");
	return c.plans;
}

const Calendar *
plans_find_calendar(const Plans *plans, const char *name)
{
	for (guint i = 0; i < plans->calendars->len; i++) {
		const Calendar *cal = g_ptr_array_index(plans->calendars, i);

		if (strcmp(cal->name, name) == 0)
			return cal;
	}
	return NULL;
}

const Plan *
plans_find_plan(const Plans *plans, const char *id)
{
	for (guint i = 0; i < plans->plans->len; i++) {
		const Plan *plan = g_ptr_array_index(plans->plans, i);

		if (strcmp(plan->id, id) == 0)
			return plan;
	}
	return NULL;
}
