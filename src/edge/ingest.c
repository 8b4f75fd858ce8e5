/* SPDX-License-Identifier: MIT
 *
 * The input folder into a Dataset.  Each file is read whole, once (its size and
 * SHA-256 taken on the way for the manifest), then handed to the CSV reader or the
 * plans.ini parser.  Rows are checked in file order, so that every reference points
 * back to a file already read: a row naming a rejected row is rejected with its own
 * reason, and a rejected row knows its customer at once.  Ids are interned in the
 * dataset's string chunk and found through hash tables; a good row costs no
 * allocation of its own.  What a value means for the month is the core's business.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest.h"

#include "csv-reader.h"
#include "import.h"
#include "parse.h"
#include "plans.h"

G_DEFINE_QUARK(slareport-ingest-error-quark, ingest_error)

/* The rows of one file by id: for duplicates, and for the files that refer to it. */
typedef struct {
	const char *file;     /* "customers.csv" */
	const char *what;     /* "customer" */
	GArray *rows;         /* the dataset's array of kept rows */
	gsize line_offset;    /* of the `line` field in a row */
	GHashTable *kept;     /* id -> GUINT_TO_POINTER(index in @rows + 1) */
	GHashTable *rejected; /* id of a rejected row -> GUINT_TO_POINTER(its line) */
	GHashTable *owner;    /* id of a rejected row -> its customer id (NULL: unknown) */
	gboolean complete;    /* the file was read to its end: an id not found is unknown */
} Table;

typedef struct {
	DiagList *diags;
	Dataset *ds;
	ParseZone zone;
	const char *zone_name;
	gboolean plans_known;  /* plans.ini was read: plan ids can be checked */
	gboolean fatal;
	const char *file;      /* the file being read */
	Table customers;
	Table services;
	Table tickets;
	Table outages;     /* for duplicate ids only */
	Table maintenance; /* for duplicate ids only */
	GHashTable *folded;    /* lower-case customer id -> GUINT_TO_POINTER(first line) */
	GHashTable *folded_id; /* lower-case customer id -> the id as first written */
	ImportSet *import;     /* import.ini: files read from the provider's own exports */
} Ingest;

/* The problems of the row being read. */
typedef struct {
	Ingest *in;
	const CsvRecord *rec;
	const CsvColumn *columns;
	char *text;          /* the raw row as UTF-8, made at its first problem */
	gboolean rejected;
	guint first_diag;
} Row;


static void
table_init(Table *t, const char *file, const char *what, GArray *rows, gsize line_offset)
{
	t->file = file;
	t->what = what;
	t->rows = rows;
	t->line_offset = line_offset;
	t->kept = g_hash_table_new(g_str_hash, g_str_equal);
	t->rejected = g_hash_table_new(g_str_hash, g_str_equal);
	t->owner = g_hash_table_new(g_str_hash, g_str_equal);
}

static void
table_clear(Table *t)
{
	g_hash_table_unref(t->kept);
	g_hash_table_unref(t->rejected);
	g_hash_table_unref(t->owner);
}

/* The line of kept row @index. */
static guint
table_line(const Table *t, guint index)
{
	const char *row = t->rows->data + (gsize)index * g_array_get_element_size(t->rows);

	return *(const guint *)(const void *)(row + t->line_offset);
}

/* ==== Rows ====================================================================== */

static void
row_init(Row *r, Ingest *in, const CsvRecord *rec, const CsvColumn *columns)
{
	r->in = in;
	r->rec = rec;
	r->columns = columns;
	r->text = NULL;
	r->rejected = rec->problem;
	r->first_diag = rec->first_diag;
}

/* Reports a problem of the row, under column @col (-1: the whole row). */
static void G_GNUC_PRINTF(3, 4)
row_problem(Row *r, int col, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list ap;
	guint index;

	va_start(ap, format);
	message = g_strdup_vprintf(format, ap);
	va_end(ap);
	if (r->text == NULL)
		r->text = csv_reader_record_text(r->rec);
	index = diag_add(r->in->diags, DIAG_ERROR, r->in->file, r->rec->line,
			 col >= 0 ? r->columns[col].name : NULL, r->text, "%s", message);
	if (!r->rejected)
		r->first_diag = index;
	r->rejected = TRUE;
}

static gboolean
row_fail(Row *r, int col, const GError *error)
{
	row_problem(r, col, "%s", error->message);
	return FALSE;
}

static void
count_reject(GHashTable *counts, const char *customer_id)
{
	guint n = GPOINTER_TO_UINT(g_hash_table_lookup(counts, customer_id));

	g_hash_table_insert(counts, (gpointer)customer_id, GUINT_TO_POINTER(n + 1));
}

/* Counts a rejected row against @customer_id (NULL: unknown; @everyone: a window for
 * every service) and names the customer in its problems.  Frees the row's text. */
static void
row_finish(Row *r, const char *customer_id, gboolean everyone)
{
	Dataset *ds = r->in->ds;

	if (r->rejected) {
		if (customer_id != NULL)
			customer_id = g_string_chunk_insert_const(ds->strings, customer_id);
		for (guint i = r->first_diag; i < diag_count(r->in->diags); i++)
			if (diag_get(r->in->diags, i)->severity == DIAG_ERROR)
				diag_set_customer(r->in->diags, i, customer_id);
		if (everyone)
			for (guint i = 0; i < ds->customers->len; i++)
				count_reject(ds->rejected_by_customer, dataset_customer(ds, i)->id);
		else if (customer_id != NULL)
			count_reject(ds->rejected_by_customer, customer_id);
	}
	g_clear_pointer(&r->text, g_free);
}

/* The value of column @col, NULL when not given or not text (already reported). */
static const char *
row_get(Row *r, int col, gboolean required)
{
	const char *v = r->rec->values[col];

	if (r->rec->bad & (G_GUINT64_CONSTANT(1) << col))
		return NULL;
	if (v == NULL && required)
		row_problem(r, col, "empty (expected a value: the column is required)");
	return v;
}

/* An id, valid during the callback only (row_key or row_ref keep it); NULL when not
 * given or wrong (reported). */
static const char *
row_id(Row *r, int col, gboolean required)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, required);

	if (v == NULL)
		return NULL;
	if (!parse_id(v, &error)) {
		row_fail(r, col, error);
		return NULL;
	}
	return v;
}

/* Free text, interned when @repeated (words many rows share), else copied. */
static const char *
row_text(Row *r, int col, gboolean required, gboolean repeated)
{
	const char *v = row_get(r, col, required);

	if (v == NULL)
		return NULL;
	return repeated ? g_string_chunk_insert_const(r->in->ds->strings, v) :
			  g_string_chunk_insert(r->in->ds->strings, v);
}

static void
warn_repeated(Row *r, int col, const char *v, gint64 t)
{
	gint32 offset = zone_offset_at(r->in->zone.tz, t);

	diag_add(r->in->diags, DIAG_WARNING, r->in->file, r->rec->line, r->columns[col].name, NULL,
		 "\"%s\" occurs twice in %s (the clocks go back): taken as its first occurrence, "
		 "%s%c%02d:%02d", v, r->in->zone_name, v, offset < 0 ? '-' : '+',
		 ABS(offset) / 3600, ABS(offset) / 60 % 60);
}

/* A timestamp; TIME_NONE when not given or wrong (reported). */
static gint64
row_time(Row *r, int col, gboolean required)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, required);
	ZoneLocalKind kind;
	gint64 t;

	if (v == NULL)
		return TIME_NONE;
	if (!parse_timestamp(v, &r->in->zone, &t, &kind, &error)) {
		row_fail(r, col, error);
		return TIME_NONE;
	}
	if (kind == ZONE_LOCAL_REPEATED)
		warn_repeated(r, col, v, t);
	return t;
}

static Day
row_date(Row *r, int col)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, FALSE);
	Day d;

	if (v == NULL)
		return DAY_NONE;
	if (!parse_date(v, &d, &error)) {
		row_fail(r, col, error);
		return DAY_NONE;
	}
	return d;
}

typedef gboolean (*NumberParser)(const char *s, gint64 *out, GError **error);

/* A number read by @parse; @absent when not given or wrong (reported). */
static gint64
row_number(Row *r, int col, gboolean required, NumberParser parse, gint64 absent)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, required);
	gint64 n;

	if (v == NULL)
		return absent;
	if (!parse(v, &n, &error)) {
		row_fail(r, col, error);
		return absent;
	}
	return n;
}

/* The index of a word of @words; @absent when not given or wrong (reported). */
static int
row_enum(Row *r, int col, const char *const *words, int absent)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, FALSE);
	int w;

	if (v == NULL)
		return absent;
	if (!parse_enum(v, words, &w, &error)) {
		row_fail(r, col, error);
		return absent;
	}
	return w;
}

static gboolean
row_bool(Row *r, int col, gboolean absent)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, FALSE);
	gboolean b;

	if (v == NULL)
		return absent;
	if (!parse_bool(v, &b, &error)) {
		row_fail(r, col, error);
		return absent;
	}
	return b;
}

/* Checks that @b, when given, is not before @a; @b_col is reported. */
static void
row_order(Row *r, int a_col, gint64 a, int b_col, gint64 b)
{
	if (a == TIME_NONE || b == TIME_NONE || b >= a)
		return;
	row_problem(r, b_col, "\"%s\" is before %s \"%s\" (expected %s not before %s)",
		    r->rec->values[b_col], r->columns[a_col].name, r->rec->values[a_col],
		    r->columns[b_col].name, r->columns[a_col].name);
}

/* ==== Keys and references ======================================================= */

/* Checks the row's own id *@id (NULL: none readable) against the rows before it and
 * keeps it in the dataset's strings.  Returns FALSE, after reporting, for a duplicate:
 * the first row keeps the id. */
static gboolean
row_key(Row *r, int col, const Table *t, const char **id)
{
	gpointer v;
	guint line;

	if (*id == NULL)
		return FALSE;
	if ((v = g_hash_table_lookup(t->kept, *id)) != NULL)
		line = table_line(t, GPOINTER_TO_UINT(v) - 1);
	else if (g_hash_table_size(t->rejected) > 0 &&
		 g_hash_table_lookup_extended(t->rejected, *id, NULL, &v))
		line = GPOINTER_TO_UINT(v);
	else {
		*id = g_string_chunk_insert(r->in->ds->strings, *id);
		return TRUE;
	}
	if (!r->rec->broken)
		row_problem(r, col, "\"%s\" is already the %s of line %u (expected each %s once)", *id,
		    r->columns[col].name, line, r->columns[col].name);
	*id = g_string_chunk_insert_const(r->in->ds->strings, *id);
	return FALSE;
}

/* Files a row under its own @id when it is @new: kept at @index, or rejected along
 * with the customer it belongs to. */
static void
table_add(Table *t, const Row *r, const char *id, gboolean new, guint index,
	  const char *customer_id)
{
	if (!new)
		return;
	if (!r->rejected) {
		g_hash_table_insert(t->kept, (gpointer)id, GUINT_TO_POINTER(index + 1));
		return;
	}
	g_hash_table_insert(t->rejected, (gpointer)id, GUINT_TO_POINTER(r->rec->line));
	g_hash_table_insert(t->owner, (gpointer)id, (gpointer)customer_id);
}

/* Looks up the reference *@id in @t.  Returns the index of the kept row, or -1 after
 * reporting a rejected or unknown one (unknown only when @t's file was read whole).
 * *@id becomes the id as kept in the dataset's strings.  @quiet: report nothing. */
static gint
table_ref(Row *r, int col, const Table *t, const char **id, gboolean quiet)
{
	gpointer key, v;

	if (*id == NULL)
		return -1;
	if (g_hash_table_lookup_extended(t->kept, *id, &key, &v)) {
		*id = key;
		return (gint)GPOINTER_TO_UINT(v) - 1;
	}
	if (g_hash_table_lookup_extended(t->rejected, *id, &key, &v)) {
		*id = key;
		if (!quiet)
			row_problem(r, col, "%s \"%s\" is itself rejected (%s:%u)", t->what, *id, t->file,
				    GPOINTER_TO_UINT(v));
		return -1;
	}
	if (t->complete && !quiet)
		row_problem(r, col, "unknown %s \"%s\" (expected a %s of %s)", t->what, *id,
			    r->columns[col].name, t->file);
	*id = g_string_chunk_insert_const(r->in->ds->strings, *id);
	return -1;
}

static gint
row_ref(Row *r, int col, const Table *t, const char **id)
{
	return table_ref(r, col, t, id, FALSE);
}

/* The customer of the service *@id names (kept at @index, or rejected); NULL when
 * unknown. */
static const char *
service_owner(const Ingest *in, gint index, const char *service_id)
{
	if (index >= 0)
		return dataset_service(in->ds, index)->customer_id;
	return service_id != NULL ? g_hash_table_lookup(in->services.owner, service_id) : NULL;
}

/* The id in column @col if it is one, without a word: to file a broken row, and say
 * whose it was. */
static const char *
quiet_id(Row *r, int col)
{
	const char *v = r->rec->values[col];

	return v != NULL && parse_id(v, NULL) ? v : NULL;
}

/* ==== customers.csv ============================================================= */

enum { CU_ID, CU_NAME, CU_EMAIL, CU_LANGUAGE, CU_ADDRESS };
static const CsvColumn customer_columns[] = {
	{ "customer_id", TRUE }, { "name", TRUE }, { "email", FALSE }, { "language", FALSE },
	{ "address", FALSE },
};

static const char *const language_words[] = { "fr", "en", NULL };
static const char *const cause_words[] = { "provider", "customer", "third_party", NULL };
static const char *const type_words[] = { "incident", "request", "change", NULL };
static const char *const channel_words[] = { "phone", "portal", "email", "chat", NULL };

/* Customer ids that differ only by case would give statements that collide on a
 * case-insensitive disk. */
static void
check_case(Ingest *in, Row *r, const char *id)
{
	g_autofree char *folded = g_ascii_strdown(id, -1);
	gpointer line;

	if (g_hash_table_lookup_extended(in->folded, folded, NULL, &line)) {
		const char *first = g_hash_table_lookup(in->folded_id, folded);

		if (strcmp(first, id) != 0)
			row_problem(r, CU_ID, "\"%s\" differs only in case from \"%s\" on line %u (expected "
				    "ids that differ in more than case: their statements would share a "
				    "file name on a case-insensitive disk)", id, first, GPOINTER_TO_UINT(line));
		return;
	}
	g_hash_table_insert(in->folded_id, g_strdup(folded), (gpointer)id);
	g_hash_table_insert(in->folded, g_steal_pointer(&folded), GUINT_TO_POINTER(r->rec->line));
}

static void
on_customer(const CsvRecord *rec, gpointer data)
{
	Ingest *in = data;
	Row r;
	Customer c = { 0 };
	gboolean new;

	row_init(&r, in, rec, customer_columns);
	if (rec->broken) {
		c.id = quiet_id(&r, CU_ID);
		new = row_key(&r, CU_ID, &in->customers, &c.id);
	} else {
		c.id = row_id(&r, CU_ID, TRUE);
		new = row_key(&r, CU_ID, &in->customers, &c.id);
		if (new)
			check_case(in, &r, c.id);
		c.name = row_text(&r, CU_NAME, TRUE, FALSE);
		c.email = row_text(&r, CU_EMAIL, FALSE, FALSE);
		c.language = (Language)row_enum(&r, CU_LANGUAGE, language_words,
						(int)in->ds->plans->provider.language);
		c.address = row_text(&r, CU_ADDRESS, FALSE, FALSE);
		c.line = rec->line;
	}
	table_add(&in->customers, &r, c.id, new, in->ds->customers->len, c.id);
	if (!r.rejected)
		g_array_append_val(in->ds->customers, c);
	row_finish(&r, c.id, FALSE);
}

/* ==== services.csv ============================================================== */

enum { SE_ID, SE_CUSTOMER, SE_PLAN, SE_LABEL, SE_FEE, SE_START, SE_END, SE_UNITS };
static const CsvColumn service_columns[] = {
	{ "service_id", TRUE }, { "customer_id", TRUE }, { "plan_id", TRUE }, { "label", TRUE },
	{ "monthly_fee", TRUE }, { "start_date", FALSE }, { "end_date", FALSE },
	{ "units_annual", FALSE },
};

static void
check_plan(Ingest *in, Row *r, const char *plan_id)
{
	const Plans *plans = in->ds->plans;
	g_autoptr(GString) names = NULL;

	if (plan_id == NULL || !in->plans_known || plans_find_plan(plans, plan_id) != NULL)
		return;
	names = g_string_new(NULL);
	for (guint i = 0; i < plans->plans->len && i < 10; i++)
		g_string_append_printf(names, "%s%s", i ? ", " : "",
				       ((const Plan *)g_ptr_array_index(plans->plans, i))->id);
	if (plans->plans->len > 10)
		g_string_append(names, ", …");
	row_problem(r, SE_PLAN, "unknown plan \"%s\" (expected a [plan NAME] of plans.ini%s%s)",
		    plan_id, names->len ? ": " : "", names->str);
}

static void
on_service(const CsvRecord *rec, gpointer data)
{
	Ingest *in = data;
	Row r;
	Service s = { 0 };
	gboolean new;

	row_init(&r, in, rec, service_columns);
	if (rec->broken) {
		s.id = quiet_id(&r, SE_ID);
		new = row_key(&r, SE_ID, &in->services, &s.id);
		s.customer_id = quiet_id(&r, SE_CUSTOMER);
		table_ref(&r, SE_CUSTOMER, &in->customers, &s.customer_id, TRUE);
	} else {
		s.id = row_id(&r, SE_ID, TRUE);
		new = row_key(&r, SE_ID, &in->services, &s.id);
		s.customer_id = row_id(&r, SE_CUSTOMER, TRUE);
		row_ref(&r, SE_CUSTOMER, &in->customers, &s.customer_id);
		s.plan_id = row_id(&r, SE_PLAN, TRUE);
		check_plan(in, &r, s.plan_id);
		s.plan_id = s.plan_id != NULL ? g_string_chunk_insert_const(in->ds->strings, s.plan_id) : NULL;
		s.label = row_text(&r, SE_LABEL, TRUE, FALSE);
		s.monthly_fee = row_number(&r, SE_FEE, TRUE, parse_money, 0);
		s.start_date = row_date(&r, SE_START);
		s.end_date = row_date(&r, SE_END);
		s.units_annual = row_number(&r, SE_UNITS, FALSE, parse_count, -1);
		s.line = rec->line;
		if (s.start_date != DAY_NONE && s.end_date != DAY_NONE && s.end_date < s.start_date)
			row_problem(&r, SE_END, "\"%s\" is before start_date \"%s\" (expected end_date not "
				    "before start_date)", rec->values[SE_END], rec->values[SE_START]);
	}
	table_add(&in->services, &r, s.id, new, in->ds->services->len, s.customer_id);
	if (!r.rejected)
		g_array_append_val(in->ds->services, s);
	row_finish(&r, s.customer_id, FALSE);
}

/* ==== tickets.csv =============================================================== */

enum {
	TI_ID, TI_SERVICE, TI_TYPE, TI_OPENED, TI_RESPONDED, TI_RESTORED, TI_CLOSED, TI_PRIORITY,
	TI_IMPACT, TI_URGENCY, TI_INTERRUPTED, TI_CAUSE, TI_CATEGORY, TI_CHANNEL, TI_PAUSED,
	TI_WORK, TI_UNITS,
};
static const CsvColumn ticket_columns[] = {
	{ "ticket_id", TRUE }, { "service_id", TRUE }, { "type", TRUE }, { "opened_at", TRUE },
	{ "responded_at", FALSE }, { "restored_at", FALSE }, { "closed_at", FALSE },
	{ "priority", FALSE }, { "impact", FALSE }, { "urgency", FALSE },
	{ "interrupted", FALSE }, { "cause", FALSE }, { "category", FALSE },
	{ "channel", FALSE }, { "paused_minutes", FALSE }, { "work_minutes", FALSE },
	{ "work_units", FALSE },
};

static void
on_ticket(const CsvRecord *rec, gpointer data)
{
	Ingest *in = data;
	Row r;
	Ticket t = { 0 };
	int type, channel;
	gint service;
	gboolean new;
	const char *customer_id;

	row_init(&r, in, rec, ticket_columns);
	if (rec->broken) {
		t.id = quiet_id(&r, TI_ID);
		new = row_key(&r, TI_ID, &in->tickets, &t.id);
		t.service_id = quiet_id(&r, TI_SERVICE);
		service = table_ref(&r, TI_SERVICE, &in->services, &t.service_id, TRUE);
	} else {
		t.id = row_id(&r, TI_ID, TRUE);
		new = row_key(&r, TI_ID, &in->tickets, &t.id);
		t.service_id = row_id(&r, TI_SERVICE, TRUE);
		service = row_ref(&r, TI_SERVICE, &in->services, &t.service_id);
		type = row_get(&r, TI_TYPE, TRUE) != NULL ? row_enum(&r, TI_TYPE, type_words, 0) : 0;
		t.type = (TicketType)(1 << type);
		t.opened_at = row_time(&r, TI_OPENED, TRUE);
		t.responded_at = row_time(&r, TI_RESPONDED, FALSE);
		t.restored_at = row_time(&r, TI_RESTORED, FALSE);
		t.closed_at = row_time(&r, TI_CLOSED, FALSE);
		t.priority = row_text(&r, TI_PRIORITY, FALSE, TRUE);
		t.impact = row_text(&r, TI_IMPACT, FALSE, TRUE);
		t.urgency = row_text(&r, TI_URGENCY, FALSE, TRUE);
		t.interrupted = row_bool(&r, TI_INTERRUPTED, t.type == TICKET_INCIDENT);
		t.cause = (Cause)row_enum(&r, TI_CAUSE, cause_words, CAUSE_PROVIDER);
		t.category = row_text(&r, TI_CATEGORY, FALSE, TRUE);
		channel = row_enum(&r, TI_CHANNEL, channel_words, -1);
		t.channel = channel < 0 ? CHANNEL_NONE : (Channel)(1 << channel);
		t.paused_minutes = row_number(&r, TI_PAUSED, FALSE, parse_minutes, 0);
		t.work_minutes = row_number(&r, TI_WORK, FALSE, parse_minutes, 0);
		t.work_units = row_number(&r, TI_UNITS, FALSE, parse_count, 0);
		t.line = rec->line;
		row_order(&r, TI_OPENED, t.opened_at, TI_RESPONDED, t.responded_at);
		row_order(&r, TI_OPENED, t.opened_at, TI_RESTORED, t.restored_at);
		row_order(&r, TI_OPENED, t.opened_at, TI_CLOSED, t.closed_at);
		row_order(&r, TI_RESTORED, t.restored_at, TI_CLOSED, t.closed_at);
	}
	customer_id = service_owner(in, service, t.service_id);
	table_add(&in->tickets, &r, t.id, new, in->ds->tickets->len, customer_id);
	if (!r.rejected)
		g_array_append_val(in->ds->tickets, t);
	row_finish(&r, customer_id, FALSE);
}

/* ==== outages.csv =============================================================== */

enum { OU_ID, OU_SERVICE, OU_START, OU_END, OU_CAUSE, OU_TICKET, OU_DESCRIPTION };
static const CsvColumn outage_columns[] = {
	{ "outage_id", TRUE }, { "service_id", TRUE }, { "start", TRUE }, { "end", FALSE },
	{ "cause", FALSE }, { "ticket_id", FALSE }, { "description", FALSE },
};

static void
on_outage(const CsvRecord *rec, gpointer data)
{
	Ingest *in = data;
	Row r;
	Outage o = { 0 };
	int cause;
	gint ticket, service;
	gboolean new;

	row_init(&r, in, rec, outage_columns);
	if (rec->broken) {
		o.id = quiet_id(&r, OU_ID);
		new = row_key(&r, OU_ID, &in->outages, &o.id);
		o.service_id = quiet_id(&r, OU_SERVICE);
		service = table_ref(&r, OU_SERVICE, &in->services, &o.service_id, TRUE);
	} else {
		o.id = row_id(&r, OU_ID, TRUE);
		new = row_key(&r, OU_ID, &in->outages, &o.id);
		o.service_id = row_id(&r, OU_SERVICE, TRUE);
		service = row_ref(&r, OU_SERVICE, &in->services, &o.service_id);
		o.start = row_time(&r, OU_START, TRUE);
		o.end = row_time(&r, OU_END, FALSE);
		cause = row_enum(&r, OU_CAUSE, cause_words, -1);
		o.ticket_id = row_id(&r, OU_TICKET, FALSE);
		ticket = row_ref(&r, OU_TICKET, &in->tickets, &o.ticket_id);
		o.description = row_text(&r, OU_DESCRIPTION, FALSE, FALSE);
		o.line = rec->line;
		row_order(&r, OU_START, o.start, OU_END, o.end);
		/* an empty cause is the linked ticket's, else the provider's */
		o.cause = cause >= 0 ? (Cause)cause :
			  ticket >= 0 ? dataset_ticket(in->ds, ticket)->cause : CAUSE_PROVIDER;
	}
	table_add(&in->outages, &r, o.id, new, in->ds->outages->len, NULL);
	if (!r.rejected)
		g_array_append_val(in->ds->outages, o);
	row_finish(&r, service_owner(in, service, o.service_id), FALSE);
}

/* ==== maintenance.csv =========================================================== */

enum { MA_ID, MA_SERVICE, MA_CUSTOMER, MA_START, MA_END, MA_NOTIFIED, MA_DESCRIPTION };
static const CsvColumn maintenance_columns[] = {
	{ "maintenance_id", TRUE }, { "service_id", FALSE }, { "customer_id", FALSE },
	{ "start", TRUE }, { "end", TRUE }, { "notified_at", FALSE }, { "description", FALSE },
};

static void
on_maintenance(const CsvRecord *rec, gpointer data)
{
	Ingest *in = data;
	Row r;
	Maintenance m = { 0 };
	gboolean every_service, new;
	gint service;

	row_init(&r, in, rec, maintenance_columns);
	every_service = g_strcmp0(rec->values[MA_SERVICE], "*") == 0;
	if (rec->broken) {
		m.id = quiet_id(&r, MA_ID);
		new = row_key(&r, MA_ID, &in->maintenance, &m.id);
		m.service_id = every_service ? NULL : quiet_id(&r, MA_SERVICE);
		service = table_ref(&r, MA_SERVICE, &in->services, &m.service_id, TRUE);
		m.customer_id = quiet_id(&r, MA_CUSTOMER);
		table_ref(&r, MA_CUSTOMER, &in->customers, &m.customer_id, TRUE);
	} else {
		m.id = row_id(&r, MA_ID, TRUE);
		new = row_key(&r, MA_ID, &in->maintenance, &m.id);
		m.service_id = every_service ? NULL : row_id(&r, MA_SERVICE, FALSE);
		service = row_ref(&r, MA_SERVICE, &in->services, &m.service_id);
		m.customer_id = row_id(&r, MA_CUSTOMER, FALSE);
		row_ref(&r, MA_CUSTOMER, &in->customers, &m.customer_id);
		m.start = row_time(&r, MA_START, TRUE);
		m.end = row_time(&r, MA_END, TRUE);
		m.notified_at = row_time(&r, MA_NOTIFIED, FALSE);
		m.description = row_text(&r, MA_DESCRIPTION, FALSE, FALSE);
		m.line = rec->line;
		if (rec->values[MA_SERVICE] == NULL && rec->values[MA_CUSTOMER] == NULL &&
		    !(rec->bad & ((1u << MA_SERVICE) | (1u << MA_CUSTOMER))))
			row_problem(&r, MA_SERVICE, "empty, and so is customer_id (expected a service_id, "
				    "* for every service, or a customer_id)");
		row_order(&r, MA_START, m.start, MA_END, m.end);
		if (every_service)
			m.service_id = g_string_chunk_insert_const(in->ds->strings, "*");
	}
	table_add(&in->maintenance, &r, m.id, new, in->ds->maintenance->len, NULL);
	if (!r.rejected)
		g_array_append_val(in->ds->maintenance, m);
	/* a window of every service with no customer named concerns every customer */
	row_finish(&r, m.customer_id != NULL ? m.customer_id : service_owner(in, service, m.service_id),
		   every_service && m.customer_id == NULL);
}

/* ==== Files ===================================================================== */

/* Reads @name of the input folder whole; reports and returns FALSE when it cannot. */
static gboolean
read_input(Ingest *in, const char *dir, const char *name, char **data, gsize *len,
	   GArray *files)
{
	const char *expect = g_str_has_suffix(name, ".csv") ? "the file, with at least its header row" :
			     "the file, with at least [provider] and its name";
	g_autofree char *path = g_build_filename(dir, name, NULL);
	g_autofree char *buf = NULL;
	gsize size = 0, alloc = 0;
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		if (fd >= 0 && S_ISDIR(st.st_mode))
			diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL,
				 "is a folder (expected a file)");
		else if (fd >= 0)
			diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL,
				 "is not a regular file (expected a file)");
		else if (err == ENOENT)
			diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL,
				 "missing from the input folder (expected %s)", expect);
		else
			diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL, "cannot be read: %s",
				 g_strerror(err));
		in->fatal = TRUE;
		return FALSE;
	}
	/* read to the end, whatever the size said: the file may be growing */
	alloc = (gsize)st.st_size + 1;
	buf = g_malloc(alloc);
	for (;;) {
		ssize_t n;

		if (size + 1 >= alloc) {
			alloc *= 2;
			buf = g_realloc(buf, alloc);
		}
		n = read(fd, buf + size, alloc - size - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL, "cannot be read: %s",
				 g_strerror(errno));
			close(fd);
			in->fatal = TRUE;
			return FALSE;
		}
		if (n == 0)
			break;
		size += (gsize)n;
	}
	close(fd);
	buf[size] = '\0';
	if (files != NULL) {
		FileDigest f;

		file_digest_set(&f, name, buf, size);
		g_array_append_val(files, f);
	}
	*data = g_steal_pointer(&buf);
	*len = size;
	return TRUE;
}

/* Reads one CSV file of the folder, row by row; returns whether it was read whole. */
static gboolean
read_csv(Ingest *in, const char *dir, const char *name, const CsvColumn *columns, guint n_columns,
	 CsvRecordFunc func, GArray *files)
{
	g_autofree char *data = NULL;
	gsize len;
	CsvReadStatus status;
	const char *source = import_set_source(in->import, name);

	if (!read_input(in, dir, source, &data, &len, files))
		return FALSE;
	in->file = name;
	if (source != name)
		status = import_set_read(in->import, name, data, len, columns, n_columns, func, in,
					 in->diags);
	else
		status = csv_reader_read(name, data, len, columns, n_columns, func, in, in->diags);
	if (status != CSV_READ_OK)
		in->fatal = TRUE;
	return status == CSV_READ_OK;
}

static Plans *
read_plans(Ingest *in, const char *dir, GArray *files)
{
	g_autofree char *data = NULL;
	gsize len;
	guint before = diag_count_errors(in->diags);
	Plans *plans;

	if (!read_input(in, dir, "plans.ini", &data, &len, files))
		return plans_new_default(); /* the CSV files are still checked, in its zone */
	plans = plans_parse("plans.ini", data, len, dir, in->diags);
	in->plans_known = TRUE;
	if (diag_count_errors(in->diags) > before)
		in->fatal = TRUE;
	if (plans->provider.logo_png != NULL && files != NULL) {
		FileDigest f;
		gsize size;
		gconstpointer bytes = g_bytes_get_data(plans->provider.logo_png, &size);
		const char *logo = plans->provider.logo;
		g_autofree char *name = NULL;
		gsize n = strlen(dir);

		while (n > 1 && dir[n - 1] == G_DIR_SEPARATOR)
			n--;

		/* named as plans.ini names it, relative to the folder: no host path in the
		 * manifest (an absolute path keeps its file name only) */
		if (strncmp(logo, dir, n) == 0 && logo[n] == G_DIR_SEPARATOR) {
			while (logo[n] == G_DIR_SEPARATOR)
				n++;
			name = g_strdup(logo + n);
		} else {
			name = g_path_get_basename(logo);
		}
		file_digest_set(&f, name, bytes, size);
		g_array_append_val(files, f);
	}
	return plans;
}

/* Points every row at the rows it names, once the arrays have stopped growing. */
static void
resolve(Dataset *ds)
{
	dataset_index(ds);
	for (guint i = 0; i < ds->services->len; i++) {
		Service *s = dataset_service(ds, i);

		s->customer = g_hash_table_lookup(ds->customer_by_id, s->customer_id);
		s->plan = g_hash_table_lookup(ds->plan_by_id, s->plan_id);
	}
	for (guint i = 0; i < ds->tickets->len; i++) {
		Ticket *t = dataset_ticket(ds, i);

		t->service = g_hash_table_lookup(ds->service_by_id, t->service_id);
	}
	for (guint i = 0; i < ds->outages->len; i++) {
		Outage *o = dataset_outage(ds, i);

		o->service = g_hash_table_lookup(ds->service_by_id, o->service_id);
		o->ticket = o->ticket_id != NULL ? g_hash_table_lookup(ds->ticket_by_id, o->ticket_id) : NULL;
	}
}

Dataset *
ingest_folder(const char *dir, const IngestOptions *opts, DiagList *diags, GArray *files,
	      GError **error)
{
	g_autoptr(Dataset) ds = NULL;
	g_autoptr(GHashTable) folded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GHashTable) folded_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	Ingest in = { 0 };
	guint errors;

	in.diags = diags;
	in.folded = folded;
	in.folded_id = folded_id;
	ds = dataset_new(read_plans(&in, dir, files));
	in.ds = ds;
	errors = diag_count_errors(diags);
	in.import = import_set_load(dir, ds->plans->provider.tz, diags, files);
	in.fatal |= diag_count_errors(diags) > errors;
	table_init(&in.customers, import_set_source(in.import, "customers.csv"), "customer",
		   ds->customers, G_STRUCT_OFFSET(Customer, line));
	table_init(&in.services, import_set_source(in.import, "services.csv"), "service",
		   ds->services, G_STRUCT_OFFSET(Service, line));
	table_init(&in.tickets, import_set_source(in.import, "tickets.csv"), "ticket", ds->tickets,
		   G_STRUCT_OFFSET(Ticket, line));
	table_init(&in.outages, import_set_source(in.import, "outages.csv"), "outage", ds->outages,
		   G_STRUCT_OFFSET(Outage, line));
	table_init(&in.maintenance, import_set_source(in.import, "maintenance.csv"),
		   "maintenance window", ds->maintenance, G_STRUCT_OFFSET(Maintenance, line));
	parse_zone_init(&in.zone, ds->plans->provider.tz);
	in.zone_name = ds->plans->provider.timezone;

	in.customers.complete = read_csv(&in, dir, "customers.csv", customer_columns,
					 G_N_ELEMENTS(customer_columns), on_customer, files);
	in.services.complete = read_csv(&in, dir, "services.csv", service_columns,
					G_N_ELEMENTS(service_columns), on_service, files);
	in.tickets.complete = read_csv(&in, dir, "tickets.csv", ticket_columns,
				       G_N_ELEMENTS(ticket_columns), on_ticket, files);
	read_csv(&in, dir, "outages.csv", outage_columns, G_N_ELEMENTS(outage_columns), on_outage, files);
	read_csv(&in, dir, "maintenance.csv", maintenance_columns, G_N_ELEMENTS(maintenance_columns),
		 on_maintenance, files);

	table_clear(&in.customers);
	table_clear(&in.services);
	table_clear(&in.tickets);
	table_clear(&in.outages);
	table_clear(&in.maintenance);
	import_set_free(in.import);
	errors = diag_count_errors(diags);
	if (in.fatal || (errors > 0 && !opts->allow_rejects)) {
		g_set_error(error, INGEST_ERROR, INGEST_ERROR_INVALID, "%u problem%s in the input files",
			    errors, errors == 1 ? "" : "s");
		return NULL;
	}
	resolve(ds);
	return g_steal_pointer(&ds);
}
