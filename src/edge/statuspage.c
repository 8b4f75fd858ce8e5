/* SPDX-License-Identifier: MIT
 *
 * A Statuspage export read by json-glib into rows for an import mapping.  The parser's
 * object-start and object-end signals give each object's line and bytes as written, so
 * every problem names a line and a row quotes its object.  Nesting is bounded before
 * parsing (json-glib's recursive parser would exhaust the stack).  No value is
 * interpreted here beyond its JSON type: timestamps and ids are the mapping's and
 * ingest's.
 */
#include "statuspage.h"

#include <json-glib/json-glib.h>

#define MAX_DEPTH 64
#define EXPECTED \
	"expected a Statuspage export: /api/v2/incidents.json or " \
	"/api/v2/scheduled-maintenances.json"

static const char *const record_arrays[] = { "incidents", "scheduled_maintenances", NULL };

typedef struct {
	guint line;
	gsize start;  /* byte offset of '{' */
	gsize end;    /* byte offset after '}' */
} Span;

typedef struct {
	const char *data;
	gsize len;
	GArray *line_starts; /* gsize: offset of each line's first byte */
	GArray *open;        /* Span: the objects being parsed */
	GHashTable *spans;   /* JsonObject * -> Span * */
	GHashTable *elements; /* JsonNode * of an array -> the line where it ends */
} Tracker;

gboolean
statuspage_is_source(const char *name)
{
	return g_str_has_suffix(name, ".json");
}

/* The byte offset of json-glib's (line, pos): pos counts bytes from 1 to the token. */
static gsize
offset_at(const Tracker *t, guint line, guint pos)
{
	gsize off;

	if (line == 0 || line > t->line_starts->len)
		return t->len;
	off = g_array_index(t->line_starts, gsize, line - 1) + (pos > 0 ? pos - 1 : 0);
	return MIN(off, t->len);
}

static void
on_object_start(JsonParser *parser, gpointer data)
{
	Tracker *t = data;
	guint line = json_parser_get_current_line(parser);
	Span s = { line, offset_at(t, line, json_parser_get_current_pos(parser)), 0 };

	/* the offset is that of the brace; stay safe if json-glib counts otherwise */
	while (s.start > 0 && (s.start >= t->len || t->data[s.start] != '{'))
		s.start--;
	g_array_append_val(t->open, s);
}

static void
on_object_end(JsonParser *parser, JsonObject *object, gpointer data)
{
	Tracker *t = data;
	Span *s;

	if (t->open->len == 0)
		return;
	s = g_memdup2(&g_array_index(t->open, Span, t->open->len - 1), sizeof(Span));
	g_array_set_size(t->open, t->open->len - 1);
	s->end = offset_at(t, json_parser_get_current_line(parser),
			   json_parser_get_current_pos(parser));
	while (s->end < t->len && t->data[s->end] != '}')
		s->end++;
	s->end = MIN(s->end + 1, t->len);
	if (s->end < s->start)
		s->end = s->start;
	g_hash_table_replace(t->spans, object, s);
}

static void
on_array_element(JsonParser *parser, JsonArray *array, guint index, gpointer data)
{
	Tracker *t = data;

	g_hash_table_insert(t->elements, json_array_get_element(array, index),
			    GUINT_TO_POINTER(json_parser_get_current_line(parser)));
}

/* The line of byte @off. */
static guint
line_of(const Tracker *t, gsize off)
{
	guint lo = 0, hi = t->line_starts->len;

	while (hi - lo > 1) {
		guint mid = (lo + hi) / 2;

		if (g_array_index(t->line_starts, gsize, mid) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

/* Checks what json-glib cannot be trusted with: text that is not UTF-8, and nesting
 * deep enough to exhaust its recursion.  Reports and returns FALSE. */
static gboolean
check_text(const char *name, const Tracker *t, DiagList *diags)
{
	const char *bad = NULL;
	gboolean quoted = FALSE;
	guint depth = 0;

	if (memchr(t->data, '\0', t->len) != NULL || !g_utf8_validate_len(t->data, t->len, &bad)) {
		gsize off = bad != NULL ? (gsize)(bad - t->data) : (gsize)((const char *)memchr(t->data, '\0', t->len) - t->data);

		diag_add(diags, DIAG_ERROR, name, line_of(t, off), NULL, NULL, "holds bytes that are "
			 "not UTF-8 text (expected UTF-8 text, as JSON is)");
		return FALSE;
	}
	for (gsize i = 0; i < t->len; i++) {
		char c = t->data[i];

		if (quoted) {
			if (c == '\\')
				i++;
			else if (c == '"')
				quoted = FALSE;
		} else if (c == '"') {
			quoted = TRUE;
		} else if (c == '[' || c == '{') {
			if (++depth > MAX_DEPTH) {
				diag_add(diags, DIAG_ERROR, name, line_of(t, i), NULL, NULL, "nests arrays "
					 "and objects more than %d deep (%s)", MAX_DEPTH, EXPECTED);
				return FALSE;
			}
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return TRUE;
}

/* Reports json-glib's @error ("<data>:LINE:POS: Parse error: ..."). */
static void
parse_failed(const char *name, const GError *error, DiagList *diags)
{
	const char *m = error->message;
	guint line = 0, pos = 0;
	int n = 0;

	if (sscanf(m, "<data>:%u:%u: %n", &line, &pos, &n) == 2 && n > 0)
		m += n;
	if (g_str_has_prefix(m, "Parse error: "))
		m += strlen("Parse error: ");
	if (pos > 0)
		diag_add(diags, DIAG_ERROR, name, line, NULL, NULL, "is not JSON at byte %u of the "
			 "line: %s (%s)", pos, m, EXPECTED);
	else
		diag_add(diags, DIAG_ERROR, name, line, NULL, NULL, "is not JSON: %s (%s)", m, EXPECTED);
}

/* The array of records of @root, or NULL. */
static JsonArray *
find_records(JsonNode *root)
{
	JsonObject *o;

	if (JSON_NODE_HOLDS_ARRAY(root))
		return json_node_get_array(root);
	if (!JSON_NODE_HOLDS_OBJECT(root))
		return NULL;
	o = json_node_get_object(root);
	for (guint i = 0; record_arrays[i] != NULL; i++) {
		JsonNode *n = json_object_get_member(o, record_arrays[i]);

		if (n != NULL && JSON_NODE_HOLDS_ARRAY(n))
			return json_node_get_array(n);
	}
	return NULL;
}

/* Member @name of @o as text into @out (@buf holds numbers); FALSE when it is an
 * object or an array.  *out is NULL when absent or null. */
static gboolean
member_text(JsonObject *o, const char *name, GString *buf, const char **out)
{
	JsonNode *n = o != NULL ? json_object_get_member(o, name) : NULL;
	GType type;

	*out = NULL;
	if (n == NULL || JSON_NODE_HOLDS_NULL(n))
		return TRUE;
	if (!JSON_NODE_HOLDS_VALUE(n))
		return FALSE;
	type = json_node_get_value_type(n);
	if (type == G_TYPE_STRING) {
		*out = json_node_get_string(n);
		if (*out != NULL && (*out)[0] == '\0')
			*out = NULL;
		return TRUE;
	}
	g_string_truncate(buf, 0);
	if (type == G_TYPE_INT64) {
		g_string_printf(buf, "%" G_GINT64_FORMAT, json_node_get_int(n));
	} else if (type == G_TYPE_DOUBLE) {
		char d[G_ASCII_DTOSTR_BUF_SIZE];

		g_string_assign(buf, g_ascii_dtostr(d, sizeof d, json_node_get_double(n)));
	} else if (type == G_TYPE_BOOLEAN) {
		g_string_assign(buf, json_node_get_boolean(n) ? "true" : "false");
	}
	*out = buf->str;
	return TRUE;
}

typedef struct {
	const char *name;
	const Tracker *t;
	const char *const *members;
	guint n_members;
	StatuspageRowFunc func;
	gpointer user_data;
	DiagList *diags;
	guint64 seen;        /* members some row gave */
	guint rows;
	GString *bufs[STATUSPAGE_MAX_MEMBERS];
} Reader;

static const char *
kind_name(JsonNode *n)
{
	GType type;

	if (JSON_NODE_HOLDS_OBJECT(n))
		return "an object";
	if (JSON_NODE_HOLDS_ARRAY(n))
		return "an array";
	if (JSON_NODE_HOLDS_NULL(n))
		return "null";
	type = json_node_get_value_type(n);
	return type == G_TYPE_STRING ? "a string" : type == G_TYPE_BOOLEAN ? "a boolean" :
	       "a number";
}

/* Hands over the row of @o (at @span) for its component @c (NULL: none). */
static void
deliver_row(Reader *r, JsonObject *o, const Span *span, JsonObject *c)
{
	const char *values[STATUSPAGE_MAX_MEMBERS] = { NULL };
	g_autofree char *text = g_utf8_make_valid(r->t->data + span->start,
						  (gssize)(span->end - span->start));
	StatuspageRow row = { span->line, r->t->data + span->start, span->end - span->start,
			      values, 0, c != NULL, FALSE, 0 };

	for (guint i = 0; i < r->n_members; i++) {
		const char *m = r->members[i];
		gboolean of_component = g_str_has_prefix(m, "components.");
		JsonObject *from = of_component ? c : o;
		const char *key = of_component ? m + strlen("components.") : m;
		gboolean ok;

		if (strcmp(m, "row_id") == 0) {
			g_autoptr(GString) cbuf = g_string_new(NULL);
			const char *id = NULL, *cid = NULL;

			from = o;
			key = "id";
			ok = member_text(o, "id", r->bufs[i], &id);
			if (ok && c != NULL && !member_text(c, "id", cbuf, &cid)) {
				from = c;
				ok = FALSE;
			}
			values[i] = id;
			if (id != NULL && cid != NULL) {
				g_autofree char *both = g_strdup_printf("%s.%s", id, cid);

				g_string_assign(r->bufs[i], both);
				values[i] = r->bufs[i]->str;
			}
			r->seen |= G_GUINT64_CONSTANT(1) << i;
		} else {
			ok = member_text(from, key, r->bufs[i], &values[i]);
		}
		if (ok && values[i] == NULL && from == o && strcmp(m, "started_at") == 0)
			ok = member_text(o, "created_at", r->bufs[i], &values[i]);
		if (from != NULL && (json_object_has_member(from, key) ||
				     (from == o && strcmp(m, "started_at") == 0 &&
				      json_object_has_member(o, "created_at"))))
			r->seen |= G_GUINT64_CONSTANT(1) << i;
		if (ok)
			continue;
		if (!row.problem)
			row.first_diag = diag_count(r->diags);
		row.problem = TRUE;
		row.bad |= G_GUINT64_CONSTANT(1) << i;
		values[i] = NULL;
		diag_add(r->diags, DIAG_ERROR, r->name, span->line, m, text, "%s%s is %s (expected "
			 "a string, a number, true, false or null)", from == c ? "the component's " : "",
			 key, kind_name(json_object_get_member(from, key)));
	}
	r->rows++;
	r->func(&row, r->user_data);
}

/* Reads the rows of record @n; FALSE when it is not an object (reported). */
static gboolean
read_record(Reader *r, JsonNode *n)
{
	JsonObject *o = JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
	const Span *span = o != NULL ? g_hash_table_lookup(r->t->spans, o) : NULL;
	JsonNode *cs;
	JsonArray *list = NULL;
	guint delivered = 0;

	if (span == NULL) {
		diag_add(r->diags, DIAG_ERROR, r->name,
			 GPOINTER_TO_UINT(g_hash_table_lookup(r->t->elements, n)), NULL, NULL,
			 "holds %s among its records (expected an object for each incident or "
			 "maintenance)", kind_name(n));
		return FALSE;
	}
	cs = json_object_get_member(o, "components");
	if (cs != NULL && JSON_NODE_HOLDS_ARRAY(cs))
		list = json_node_get_array(cs);
	for (guint i = 0; list != NULL && i < json_array_get_length(list); i++) {
		JsonNode *c = json_array_get_element(list, i);
		const Span *cspan = JSON_NODE_HOLDS_OBJECT(c) ?
				    g_hash_table_lookup(r->t->spans, json_node_get_object(c)) : NULL;

		if (cspan == NULL) {
			g_autofree char *text = g_utf8_make_valid(r->t->data + span->start,
								  (gssize)(span->end - span->start));

			diag_add(r->diags, DIAG_ERROR, r->name, span->line, "components", text,
				 "holds %s (expected an object for each component)", kind_name(c));
			continue;
		}
		deliver_row(r, o, span, json_node_get_object(c));
		delivered++;
	}
	if (cs != NULL && !JSON_NODE_HOLDS_ARRAY(cs) && !JSON_NODE_HOLDS_NULL(cs)) {
		g_autofree char *text = g_utf8_make_valid(r->t->data + span->start,
							  (gssize)(span->end - span->start));

		diag_add(r->diags, DIAG_ERROR, r->name, span->line, "components", text, "is %s "
			 "(expected an array of components, or null)", kind_name(cs));
		return TRUE;
	}
	if (delivered == 0 && (list == NULL || json_array_get_length(list) == 0))
		deliver_row(r, o, span, NULL);
	return TRUE;
}

gboolean
statuspage_read(const char *name, const char *data, gsize len, const char *const *members,
		guint n_members, StatuspageRowFunc func, gpointer user_data, DiagList *diags)
{
	g_autoptr(JsonParser) parser = json_parser_new_immutable();
	g_autoptr(GArray) line_starts = g_array_new(FALSE, FALSE, sizeof(gsize));
	g_autoptr(GArray) open = g_array_new(FALSE, FALSE, sizeof(Span));
	g_autoptr(GHashTable) spans = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	g_autoptr(GHashTable) elements = g_hash_table_new(NULL, NULL);
	g_autoptr(GError) error = NULL;
	Tracker t = { data, len, line_starts, open, spans, elements };
	Reader r = { name, &t, members, MIN(n_members, STATUSPAGE_MAX_MEMBERS), func, user_data,
		     diags, 0, 0, { NULL } };
	JsonNode *root;
	JsonArray *records;
	gboolean whole = TRUE;
	gsize zero = 0;

	g_array_append_val(line_starts, zero);
	for (gsize i = 0; i < len; i++)
		if (data[i] == '\n') {
			gsize next = i + 1;

			g_array_append_val(line_starts, next);
		}
	if (!check_text(name, &t, diags))
		return FALSE;
	g_signal_connect(parser, "object-start", G_CALLBACK(on_object_start), &t);
	g_signal_connect(parser, "object-end", G_CALLBACK(on_object_end), &t);
	g_signal_connect(parser, "array-element", G_CALLBACK(on_array_element), &t);
	if (!json_parser_load_from_data(parser, data, (gssize)len, &error)) {
		parse_failed(name, error, diags);
		return FALSE;
	}
	root = json_parser_get_root(parser);
	records = root != NULL ? find_records(root) : NULL;
	if (records == NULL) {
		diag_add(diags, DIAG_ERROR, name, 1, NULL, NULL, "%s (%s: an object with an "
			 "incidents or scheduled_maintenances array)", root == NULL ? "is empty" :
			 "holds no incidents or scheduled_maintenances array", EXPECTED);
		return FALSE;
	}
	for (guint i = 0; i < r.n_members; i++)
		r.bufs[i] = g_string_new(NULL);
	for (guint i = 0; i < json_array_get_length(records); i++)
		whole &= read_record(&r, json_array_get_element(records, i));
	for (guint i = 0; i < r.n_members; i++) {
		/* a member no object has is a misspelt name, not an export without it */
		if (r.rows > 0 && (r.seen & (G_GUINT64_CONSTANT(1) << i)) == 0)
			diag_add(diags, DIAG_WARNING, name, 0, members[i], NULL, "no record has this "
				 "member: it is read as empty (expected a member of the export's "
				 "records, components.MEMBER of their components, or row_id)");
		g_string_free(r.bufs[i], TRUE);
	}
	return whole;
}
